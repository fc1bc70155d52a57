"""The pages Sphinx reads, found as Sphinx finds them, for lint and the command line.

Sphinx takes every file under the source folder whose suffix is in ``source_suffix``,
that matches one of ``include_patterns`` (default ``**``) and none of
``exclude_patterns``; a folder matching an exclude pattern is not entered. The
patterns use Sphinx's glob syntax: ``**`` crosses folders, ``*`` and ``?`` do not,
``[…]`` is a character class. The values come from conf.py (:mod:`.confpy`), so lint
reads exactly the pages the build reads, not a fixed list of folders.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from curriculum.core.confpy import ConfValues, read_conf

#: what Sphinx excludes whatever conf.py says (its build folder is often under the root)
ALWAYS_EXCLUDED = ("_build", ".*", "**/.*")


@lru_cache(maxsize=256)
def _compile(pattern: str) -> re.Pattern[str]:
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "*":
            if pattern[i : i + 2] == "**":
                out.append(".*")
                i += 2
                continue
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = pattern.find("]", i + 1)
            if j == -1:
                out.append(re.escape(c))
            else:
                inner = pattern[i + 1 : j]
                negate = inner.startswith("!")
                inner = inner[1:] if negate else inner
                out.append(f"[{'^' if negate else ''}{inner.replace(chr(92), chr(92) * 2)}]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z")


def matches(path: str, patterns: list[str]) -> bool:
    return any(_compile(p).match(path) for p in patterns)


def markdown_suffixes(conf: ConfValues) -> list[str]:
    """The suffixes Sphinx reads as MyST Markdown (``.md`` unless conf.py says otherwise)."""
    suffix = conf.get("source_suffix")
    if isinstance(suffix, dict):
        return [s for s, kind in suffix.items() if kind == "markdown"] or [".md"]
    if isinstance(suffix, str):
        return [suffix] if suffix == ".md" else [".md"]
    if isinstance(suffix, list | tuple):
        return [s for s in suffix if isinstance(s, str) and s == ".md"] or [".md"]
    return [".md"]


def course_pages(root: Path, conf: ConfValues | None = None) -> Iterator[Path]:
    """Every MyST page the build reads, in a stable order."""
    conf = read_conf(root) if conf is None else conf
    include = conf.strings("include_patterns", ["**"])
    exclude = [*conf.strings("exclude_patterns", []), *ALWAYS_EXCLUDED]
    suffixes = tuple(markdown_suffixes(conf))
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        relative = here.relative_to(root).as_posix()
        prefix = "" if relative == "." else relative + "/"
        dirs[:] = sorted(d for d in dirs if not matches(prefix + d, exclude))
        for name in sorted(files):
            shown = prefix + name
            if not name.endswith(suffixes):
                continue
            if matches(shown, include) and not matches(shown, exclude):
                found.append(here / name)
    yield from sorted(found, key=lambda p: p.relative_to(root).as_posix())
