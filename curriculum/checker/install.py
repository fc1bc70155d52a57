"""Installing the in-page checker's runtime: ``curriculum checker-runtime``.

The release of Pyodide and its Python and ABI live here, in the package, so that
every course built with this package (this repository's Makefile included) installs
the same pair: Pyodide from the npm registry, and pydantic-core's WebAssembly wheel
from the Python package index at the version the command line uses.
:func:`~curriculum.checker.runtime.find_runtime` then checks what was installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

from curriculum.checker.runtime import Runtime, RuntimeMissing, default_folder, find_runtime

#: the Pyodide release the checker runs on, with its Python and ABI (the ``info`` of
#: its ``pyodide-lock.json``)
PYODIDE_VERSION = "314.0.8"
PYODIDE_PYTHON = "3.14"
PYODIDE_ABI = "2026_0"
NPM_HINT = "install Node.js and npm (Debian and Ubuntu: apt-get install npm)"

Runner = Callable[[Sequence[str]], "subprocess.CompletedProcess[str]"]


class InstallError(Exception):
    """The runtime could not be installed; the message says why and what to do."""


def _run(command: Sequence[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(command), capture_output=True, text=True, check=False)


def commands(folder: Path, npm: str = "npm") -> list[list[str]]:
    """The two commands that install the runtime into ``folder``."""
    core = metadata.version("pydantic_core")
    tag = PYODIDE_PYTHON.replace(".", "")
    return [
        [
            npm,
            "install",
            "--silent",
            "--no-package-lock",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(folder),
            f"pyodide@{PYODIDE_VERSION}",
        ],
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "--platform",
            f"pyemscripten_{PYODIDE_ABI}_wasm32",
            "--python-version",
            PYODIDE_PYTHON,
            "--implementation",
            "cp",
            "--abi",
            f"cp{tag}",
            "-d",
            str(folder / "wheels"),
            f"pydantic-core=={core}",
        ],
    ]


def install_runtime(
    folder: Path | None = None, *, force: bool = False, run: Runner = _run
) -> tuple[Runtime, bool]:
    """Install the runtime (unless a usable one is there and not ``force``); return it
    and whether anything was installed. Raise :class:`InstallError`."""
    folder = folder or default_folder()
    if not force:
        try:
            found = find_runtime(folder)
        except RuntimeMissing:
            pass
        else:
            if found.pyodide_version == PYODIDE_VERSION:
                return found, False
    npm = shutil.which("npm")
    if npm is None:
        raise InstallError(f"npm not found: {NPM_HINT}")
    if folder.exists():
        shutil.rmtree(folder)
    for label, command in zip(("npm install", "pip download"), commands(folder, npm), strict=True):
        done = run(command)
        if done.returncode != 0:
            said = (done.stderr or done.stdout or "").strip().splitlines()
            tail = said[-1] if said else f"exit status {done.returncode}"
            raise InstallError(
                f"{label} {command[-1]} failed: {tail} (is the package registry reachable?)"
            )
    try:
        return find_runtime(folder), True
    except RuntimeMissing as err:
        raise InstallError(str(err)) from None
