"""Building test roots with sphinx.testing and reading what they produce."""

from __future__ import annotations

import base64
import io
import json
import re
import zipfile
import zlib
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Built:
    outdir: Path
    doctreedir: Path
    warnings: str
    status: str = ""

    def html(self, page: str) -> BeautifulSoup:
        return BeautifulSoup(
            (self.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser"
        )

    def text(self, page: str) -> str:
        return (self.outdir / page).read_text(encoding="utf-8")


def build(
    srcdir: Path,
    builddir: Path,
    builder: str = "html",
    edition: str = "learner",
    parallel: int = 0,
    fresh: bool = True,
    tags: tuple[str, ...] = (),
    **overrides: object,
) -> Built:
    """Build ``srcdir`` into ``builddir`` (from scratch unless ``fresh`` is false), with
    Sphinx ``tags`` (``-t``; the decks' build is ``revealjs`` with ``slides``).

    Warnings are returned, not raised; so is the status log.
    """
    warning = StringIO()
    status = StringIO()
    app = SphinxTestApp(
        builder,
        srcdir=srcdir,
        builddir=builddir,
        confoverrides={"course_edition": edition, **overrides},
        freshenv=fresh,
        parallel=parallel,
        tags=tags,
        status=status,
        warning=warning,
    )
    try:
        app.build(force_all=fresh)
    finally:
        app.cleanup()
    return Built(
        Path(app.outdir),
        Path(app.doctreedir),
        ANSI.sub("", warning.getvalue()),
        ANSI.sub("", status.getvalue()),
    )


def warning_lines(built: Built) -> list[str]:
    return [line for line in built.warnings.splitlines() if "WARNING" in line or "ERROR" in line]


def readable_bytes(path: Path) -> bytes:
    """A file's bytes, with the compressed body of objects.inv inflated."""
    data = path.read_bytes()
    if path.name == "objects.inv":
        head, _, body = data.partition(b"zlib.\n")
        return head + zlib.decompress(body)
    return data


def files_containing(root: Path, needle: str) -> list[str]:
    """Every file under ``root`` whose bytes (inflated where needed) contain ``needle``."""
    encoded = needle.encode("utf-8")
    return sorted(
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.is_file() and encoded in readable_bytes(path)
    )


_COURSE_SCRIPT = re.compile(
    r'^\(self\.__courseChecker = [^;]*\)\["course"\] = (\{.*\});?\s*$', re.M
)


def parse_course_script(text: str) -> dict:  # type: ignore[type-arg]
    """What a ``course.js`` registers for the page."""
    match = _COURSE_SCRIPT.search(text)
    assert match, text[:300]
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def checker_course(site: Path) -> dict:  # type: ignore[type-arg]
    """What the site's ``_static/checker/course.js`` registers for the page."""
    return parse_course_script(
        (site / "_static" / "checker" / "course.js").read_text(encoding="utf-8")
    )


def checker_files(site: Path) -> dict[str, str]:
    """Every file the in-page checker's payload carries to the browser, as text."""
    data = checker_course(site)
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(data["payload"]))) as archive:
        return {n: archive.read(n).decode("utf-8", "replace") for n in archive.namelist()}
