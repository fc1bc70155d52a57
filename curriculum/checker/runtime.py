"""The Python that runs in the browser: a Pyodide release and pydantic-core for it.

``make`` installs both into ``.venv/checker-runtime/``: Pyodide from the npm
registry (``node_modules/pyodide/``) and pydantic-core's WebAssembly wheel from
PyPI (``wheels/``), at the version the command line uses. :func:`find_runtime`
finds them (``COURSE_CHECKER_RUNTIME`` names another folder) and refuses a pair
that cannot work together, saying what to run.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ENV_VARIABLE = "COURSE_CHECKER_RUNTIME"
#: the files of the Pyodide release a page needs (the rest of the npm package is not shipped)
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
INSTALL_HINT = "run 'make html' or 'curriculum checker-runtime' (they install it with npm and pip)"
_WHEEL = re.compile(
    r"^pydantic_core-(?P<version>[^-]+)-cp(?P<py>\d+)-cp\d+-"
    r"(?:pyemscripten|pyodide)_(?P<abi>\d{4}_\d+)_wasm32\.whl$"
)


class RuntimeMissing(Exception):
    """No usable runtime; the message says what is wrong and what to run."""


@dataclass(frozen=True)
class Runtime:
    folder: Path
    pyodide: Path
    wheel: Path
    pyodide_version: str
    python: str

    def files(self) -> list[Path]:
        return [self.pyodide / name for name in PYODIDE_FILES] + [self.wheel]


def default_folder() -> Path:
    named = os.environ.get(ENV_VARIABLE)
    return Path(named) if named else Path(sys.prefix) / "checker-runtime"


def find_runtime(folder: Path | None = None) -> Runtime:
    folder = folder or default_folder()
    pyodide = folder / "node_modules" / "pyodide"
    missing = [name for name in PYODIDE_FILES if not (pyodide / name).is_file()]
    if missing:
        raise RuntimeMissing(
            f"no Pyodide release in {pyodide} (missing {', '.join(missing)}): {INSTALL_HINT}"
        )
    try:
        lock = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))
        info = lock["info"]
        package = json.loads((pyodide / "package.json").read_text(encoding="utf-8"))
        python, abi, version = (
            str(info["python"]),
            str(info["abi_version"]),
            str(package["version"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise RuntimeMissing(
            f"the Pyodide release in {pyodide} cannot be read ({err}): {INSTALL_HINT}"
        ) from err
    wanted = metadata.version("pydantic_core")
    tag = "".join(python.split(".")[:2])
    wheels = sorted((folder / "wheels").glob("pydantic_core-*.whl"))
    for wheel in wheels:
        match = _WHEEL.match(wheel.name)
        if match and (match["version"], match["py"], match["abi"]) == (wanted, tag, abi):
            return Runtime(folder, pyodide, wheel, version, python)
    found = ", ".join(w.name for w in wheels) or "none"
    raise RuntimeMissing(
        f"no pydantic-core {wanted} wheel for Pyodide {version} (Python {python}, ABI {abi}) "
        f"in {folder / 'wheels'} (found: {found}): {INSTALL_HINT}"
    )
