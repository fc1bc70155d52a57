"""What course content may contain: one definition, used by lint and by the build.

Contributions arrive as pull requests and are untrusted. This module is pure
(it never imports Sphinx): ``curriculum lint`` checks sources against it before
a build, the build refuses what slips past (:mod:`curriculum.ext.guard`), and the
written HTML is scanned against it afterwards (:mod:`curriculum.core.htmlscan`).
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path, PurePosixPath

from curriculum.core.layout import EXERCISES_DIR, MODULES_DIR
from curriculum.core.yamlsource import MAX_BYTES as YAML_MAX_BYTES

#: URL schemes a page may link to; anything else with a scheme is refused
#: (``javascript:``, ``vbscript:``, ``data:``, ``file:``, ``blob:``...)
SAFE_SCHEMES = frozenset({"https", "http", "mailto"})

#: browsers drop these anywhere in a URL before reading its scheme
_URL_NOISE = re.compile(r"[\t\n\r]")
#: ... and these around it
_URL_EDGES = "".join(chr(c) for c in range(0x21)) + "\x7f"
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")

#: front-matter keys that only describe a page; every other key is refused
#: outside module pages (whose front matter is checked by the metadata model)
PAGE_FRONT_MATTER_KEYS = frozenset(
    {"title", "orphan", "nosearch", "tocdepth", "description", "short_title"}
)
#: front-matter keys that configure the build: refused on every page
BUILD_CONFIG_KEYS = frozenset({"myst", "html_meta", "substitutions", "jupytext", "kernelspec"})

#: files of an exercise folder that only the trainer edition shows
TRAINER_FILE_HINT = (
    "move the reference into a {trainer-note}, or remove it: "
    "this file holds answers, and learners would get it"
)

#: the size limit of every page's front matter: the same as module metadata's
FRONT_MATTER_MAX_BYTES = YAML_MAX_BYTES


def url_scheme(url: str) -> str | None:
    """The scheme a browser would read from ``url`` (lower case), or None for a relative URL.

    Entities are decoded and tabs, line breaks and leading control characters
    dropped first, as browsers do: ``java&#x09;script:`` is ``javascript:``.
    """
    text = html.unescape(url)
    text = _URL_NOISE.sub("", text).strip(_URL_EDGES)
    match = _SCHEME.match(text)
    return match.group(1).lower() if match else None


def unsafe_url(url: str) -> str | None:
    """Why ``url`` may not appear in a page (its scheme), or None when it is safe."""
    scheme = url_scheme(url)
    if scheme is None or scheme in SAFE_SCHEMES:
        return None
    return f"{scheme}:"


def is_trainer_file(relative: str | PurePosixPath) -> bool:
    """Whether a path relative to the course root is trainer-only.

    An exercise's model answer (``solution.*``), its marking notes (``marking.md``),
    its cases (``cases/**``, which hold worked answers) and its case data
    (``case.yaml``, which can hold an answer key) are shown only to trainers: no
    learner page may print, include or offer them. The in-page checker carries
    ``case.yaml``'s data (not its comments) to run the validator that reads it, as
    a quiz carries its answers (:mod:`curriculum.checker.payload`).
    """
    parts = PurePosixPath(relative).parts
    if len(parts) < 3 or parts[0] != "exercises":
        return False
    name = parts[2]
    return name in ("marking.md", "case.yaml", "cases") or name.startswith("solution.")


def is_case_data(root: Path, path: str | Path) -> bool:
    """Whether ``path`` is an exercise's ``case.yaml``. Its *data* (never its comments)
    already reaches learners in the in-page checker, so a chart may draw from it; its
    other trainer-only neighbours (solutions, marking notes, cases) stay refused."""
    relative = relative_to_root(root, path)
    if relative is None:
        return False
    parts = PurePosixPath(relative).parts
    return len(parts) == 3 and parts[0] == "exercises" and parts[2] == "case.yaml"


def inside(root: Path, path: str | Path) -> bool:
    """Whether ``path`` (symlinks resolved) lies inside ``root``."""
    try:
        real = Path(os.path.realpath(path))
        return real == Path(os.path.realpath(root)) or real.is_relative_to(os.path.realpath(root))
    except (OSError, ValueError):
        return False


def relative_to_root(root: Path, path: str | Path) -> str | None:
    """``path`` relative to ``root`` in POSIX form (symlinks resolved), or None if outside."""
    try:  # realpath refuses a name no file system accepts (a NUL byte): nothing is read
        real, base = Path(os.path.realpath(path)), Path(os.path.realpath(root))
        return real.relative_to(base).as_posix()
    except (OSError, ValueError):
        return None


def trainer_file(root: Path, path: str | Path) -> str | None:
    """The repository path of ``path`` when it is a trainer-only file, else None."""
    relative = relative_to_root(root, path)
    if relative is not None and is_trainer_file(relative):
        return relative
    # the path as written, too: a symlink elsewhere in the repository may point at one
    literal = os.path.normpath(path)
    base = os.path.normpath(root)
    if literal.startswith(base + os.sep):
        written = PurePosixPath(Path(literal).relative_to(base).as_posix())
        if is_trainer_file(written):
            return written.as_posix()
    return None


def refused_symlinks(root: Path) -> list[tuple[str, str]]:
    """Every symbolic link the build skips, and why: under ``modules/`` and ``exercises/``
    those that loop or leave the repository, and under ``modules/`` also those that lead
    elsewhere in it (to ``exercises/``, whose answers would become pages)."""
    found = bad_symlinks(root, (MODULES_DIR, EXERCISES_DIR))
    named = {shown for shown, _why in found}
    top = root / MODULES_DIR
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
        for name in sorted([*dirnames, *filenames]):
            path = Path(dirpath) / name
            shown = path.relative_to(root).as_posix()
            if path.is_symlink() and shown not in named and not inside(top, path):
                found.append((shown, f"it leads out of {MODULES_DIR}/"))
    return found


def bad_symlinks(root: Path, folders: tuple[str, ...]) -> list[tuple[str, str]]:
    """Symlinks under ``root/<folder>`` that leave the repository or loop: (path, why).

    The folders are walked without following links, so a loop cannot make this
    walk forever.
    """
    found: list[tuple[str, str]] = []
    base = Path(os.path.realpath(root))
    for folder in folders:
        top = root / folder
        if not top.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
            for name in sorted([*dirnames, *filenames]):
                path = Path(dirpath) / name
                if not path.is_symlink():
                    continue
                shown = path.relative_to(root).as_posix()
                try:
                    target = Path(os.path.realpath(path, strict=True))
                except (OSError, RuntimeError):
                    found.append((shown, "it loops or points at nothing"))
                    continue
                if not target.is_relative_to(base):
                    found.append((shown, "it points outside the repository"))
                elif target.is_dir() and Path(os.path.realpath(dirpath)).is_relative_to(target):
                    found.append((shown, "it points at a folder that holds it (a loop)"))
    return found
