"""Read a learner's artefact safely: never executed, bounded in size, depth and time.

YAML goes through :mod:`curriculum.yamlsource` (no tags, no aliases, one
document, depth and size limits, duplicate keys, lines kept). JSON is parsed by
the standard library after a depth pre-scan, with duplicate keys reported;
lines come from the YAML loader when the JSON is also valid YAML.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..yamlsource import MAX_DEPTH, LoadedYaml, YamlSourceError, load_yaml
from .findings import Finding, Location

MAX_BYTES = 256 * 1024


class SubmissionError(Exception):
    """The file cannot be checked at all; ``finding`` says why and what to do."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


@dataclass
class Submission:
    """A loaded artefact: plain data and the line of each field where known."""

    path: Path
    data: Any
    loaded: LoadedYaml = field(default_factory=lambda: LoadedYaml(None))

    #: where this submission sits inside another one (an artefact embedded in a capstone)
    prefix: tuple[str | int, ...] = ()
    #: the submission this one is embedded in, if any
    parent: Submission | None = None

    def line_of(self, loc: tuple[str | int, ...]) -> int | None:
        if self.parent is not None:
            return self.parent.line_of((*self.prefix, *loc))
        if not self.loaded.lines:
            return None
        return self.loaded.line_of(loc)

    def embed(self, prefix: tuple[str | int, ...], data: Any) -> Submission:
        """A submission for ``data``, found at ``prefix`` in this one; lines map back here."""
        return Submission(self.path, data, self.loaded, prefix, self)


def _fail(code: str, message: str, hint: str = "", line: int | None = None) -> SubmissionError:
    return SubmissionError(Finding(code, message, hint, Location(line)))


def read_submission_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The file's text, or a :class:`SubmissionError` explaining why not."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise _fail(
            "file.missing",
            f"cannot read the file: {err.strerror}",
            "check the path and that the file exists",
        ) from None
    if not path.is_file():
        raise _fail("file.missing", "this is not a file", "give the path of your artefact file")
    if size > max_bytes:
        raise _fail(
            "file.too-large",
            f"the file is {size / 1024:,.0f} KiB; the limit is {max_bytes // 1024} KiB",
            "an artefact is a short YAML or JSON file: start again from the template",
        )
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise _fail("file.missing", f"cannot read the file: {err.strerror}") from None
    if not raw.strip():
        raise _fail("file.empty", "the file is empty", "fill in the template and save it")
    if b"\x00" in raw[:8192]:
        raise _fail(
            "file.binary",
            "the file is not text (it contains NUL bytes)",
            "save the artefact as plain text (.yaml or .json), not as a document",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise _fail(
            "file.encoding",
            "the file is not UTF-8 text",
            "save it with UTF-8 encoding (most editors offer it under 'Save as')",
            line,
        ) from None
    return text


def load_submission(path: Path, fmt: str = "yaml", max_bytes: int = MAX_BYTES) -> Submission:
    """Load a YAML (``fmt='yaml'``) or JSON (``fmt='json'``) artefact."""
    text = read_submission_text(path, max_bytes)
    if fmt == "json":
        return _load_json(path, text)
    try:
        loaded = load_yaml(text, max_bytes=max_bytes)
    except YamlSourceError as err:
        raise _fail(_yaml_code(err.message), err.message, err.hint, err.line) from None
    return Submission(path, loaded.data, loaded)


def _yaml_code(message: str) -> str:
    if "aliases" in message or "tags" in message:
        return "file.unsafe"
    if "nested" in message:
        return "file.too-deep"
    if "duplicate key" in message:
        return "file.duplicate-key"
    if "KiB" in message:
        return "file.too-large"
    return "file.syntax"


def _json_depth_ok(text: str) -> int | None:
    """The line where nesting first exceeds the limit, or None; strings are skipped."""
    depth = 0
    line = 1
    in_string = escaped = False
    for char in text:
        if char == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif char in "]}":
            depth -= 1
    return None


def _load_json(path: Path, text: str) -> Submission:
    deep = _json_depth_ok(text)
    if deep is not None:
        raise _fail(
            "file.too-deep",
            f"the JSON is nested more than {MAX_DEPTH} levels deep",
            "flatten the structure; the template shows the expected shape",
            deep,
        )
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in items:
            if key in seen:
                duplicates.append(key)
            seen[key] = value
        return seen

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as err:
        raise _fail(
            "file.syntax",
            f"invalid JSON: {err.msg}",
            "check commas, quotes and brackets near this line",
            err.lineno,
        ) from None
    except RecursionError:  # pragma: no cover - the depth pre-scan stops this first
        raise _fail("file.too-deep", "the JSON is nested too deeply") from None
    loaded = LoadedYaml(data)
    # JSON is (almost always) YAML too: take the lines from the YAML reader
    with contextlib.suppress(YamlSourceError):
        loaded.lines = load_yaml(text).lines
    if duplicates:
        raise _fail(
            "file.duplicate-key",
            f"the key '{duplicates[0]}' appears twice in one object",
            "keep one of them",
            loaded.line_of((duplicates[0],)) if loaded.lines else None,
        )
    return Submission(path, data, loaded)
