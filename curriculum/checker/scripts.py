"""The checker's files as plain scripts, which a page can load even from ``file://``.

A browser refuses ``fetch`` of WebAssembly and zip files from a page opened from
disk, but runs a ``<script src>`` beside it. So each binary travels as base64
text inside a script that registers it on ``self.__courseChecker``; the page's
engine (``course-checker-engine.js``) hands the bytes to its Web Worker, which
serves them to Pyodide from memory. Files that compress well are gzipped first
(the worker unpacks them with the browser's ``DecompressionStream``).

- ``runtime.js``: Pyodide and the pydantic-core wheel; depends only on the
  runtime, so it is cached beside it (:func:`runtime_script`).
- ``course.js``: the course's payload and, per exercise, the reports a check that
  runs too long gives, made here by the same code as the command line's.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

from curriculum.checker.payload import Payload
from curriculum.checker.runtime import Runtime
from curriculum.validation.registry import TIME_LIMIT_S, ExerciseFolder, timeout_finding
from curriculum.validation.service import as_json, rule_list

#: bump when the layout of the scripts changes, so cached copies are made again
FORMAT = 1
#: the two scripts, as the engine loads them
SCRIPTS = ("runtime.js", "course.js")
_COMPRESSED = (".mjs", ".wasm", ".json")


def _entry(name: str, data: bytes) -> dict[str, Any]:
    if name.endswith(_COMPRESSED):
        return {"gz": True, "data": base64.b64encode(gzip.compress(data, 9, mtime=0)).decode()}
    return {"gz": False, "data": base64.b64encode(data).decode()}


def _register(key: str, value: dict[str, Any], comment: str) -> str:
    body = json.dumps(value, separators=(",", ":"))
    store = "(self.__courseChecker = self.__courseChecker || {})"
    return f"/* {comment} */\n{store}[{json.dumps(key)}] = {body};\n"


def runtime_key(runtime: Runtime) -> str:
    digest = hashlib.sha256(str(FORMAT).encode())
    for path in runtime.files():
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def runtime_script(runtime: Runtime) -> str:
    """``runtime.js``, made once per runtime and kept in ``<runtime>/cache/``."""
    key = runtime_key(runtime)
    cached = runtime.folder / "cache" / f"runtime-{key}.js"
    try:
        return cached.read_text(encoding="utf-8")
    except OSError:
        pass
    files = {path.name: _entry(path.name, path.read_bytes()) for path in runtime.files()}
    text = _register(
        "runtime",
        {
            "key": key,
            "pyodide": runtime.pyodide_version,
            "python": runtime.python,
            "wheel": runtime.wheel.name,
            "files": files,
        },
        f"The in-page checker's Python: Pyodide {runtime.pyodide_version} (Python "
        f"{runtime.python}; Mozilla Public License 2.0; CPython under the PSF licence) and "
        f"{runtime.wheel.name} (MIT), packed by curriculum.checker.scripts",
    )
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".tmp")
        partial.write_text(text, encoding="utf-8")
        partial.replace(cached)
    except OSError:
        pass  # a read-only runtime folder: made again next build
    return text


def timeout_reports(exercise: ExerciseFolder) -> dict[str, Any]:
    """The reports ``curriculum check`` gives when reading or checking runs too long
    (the file name is filled in by the page)."""
    rules = rule_list(exercise)
    review = list(exercise.meta.review)
    return {
        "reading": as_json(exercise.id, "", [timeout_finding(True)]),
        "checking": as_json(exercise.id, "", [timeout_finding(False)], review, 0, rules),
    }


def course_script(payload: Payload, exercises: list[ExerciseFolder]) -> str:
    """``course.js``: the payload and what the page needs to know about each exercise."""
    return _register(
        "course",
        {
            "key": payload.digest,
            "timeLimit": TIME_LIMIT_S,
            "payload": base64.b64encode(payload.data).decode(),
            "exercises": {e.id: {"timeout": timeout_reports(e)} for e in exercises},
        },
        "The in-page checker's course files: the validation framework, its pure-Python "
        "dependencies (pydantic, PyYAML, typing-extensions, annotated-types, "
        "typing-inspection; MIT and PSF licences) and each exercise's validator",
    )


def write_scripts(
    folder: Path, runtime: Runtime, payload: Payload, exercises: list[ExerciseFolder]
) -> int:
    """Write ``runtime.js`` and ``course.js`` into ``folder``; returns the bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    texts = (runtime_script(runtime), course_script(payload, exercises))
    for name, text in zip(SCRIPTS, texts, strict=True):
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        total += len(data)
    return total
