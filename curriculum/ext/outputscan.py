"""After every HTML build: scan what was written for anything executable.

The last line of the content policy. Every ``.html``, ``.htm``, ``.xhtml`` and
``.svg`` file in the output (pages, downloads, images, extra pages) is read by
:func:`curriculum.core.htmlscan.scan_html`; each finding is an error naming the
source file that produced it, and the file is replaced by a short notice, so
that even a build run without ``-W`` (``make serve``) never serves it.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curriculum.core.diagnostics import display_path
from curriculum.core.htmlscan import HtmlFinding, scan_html
from curriculum.ext.domain import get_domain
from curriculum.ext.warnings import CourseWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: files a browser renders as a document that can hold script, when served or opened
SCANNED = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".xslt")
#: traces of script in a copied file, whatever a parser makes of the markup around them
_TRACE = re.compile(
    r"<\s*(?:script|iframe|object|embed|foreignobject|base)\b|\bon[a-z]+\s*=|javascript\s*:"
    r"|http-equiv",
    re.IGNORECASE,
)
#: a compressed SVG larger than this unpacked is withheld unread
MAX_UNPACKED = 16 * 1024 * 1024
WITHHELD_HTML = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8" />'
    "<title>Withheld</title></head><body><p>This page was withheld: it held code that "
    "could run in a reader's browser. The build log names the source.</p></body></html>\n"
)
WITHHELD_SVG = '<svg xmlns="http://www.w3.org/2000/svg"/>\n'


def sources_of_outputs(app: Sphinx) -> dict[str, str]:
    """Output path (inside the site, POSIX) -> the source file that produced it."""
    env, builder = app.env, app.builder
    mapping: dict[str, str] = {}
    for docname in env.found_docs:
        try:
            target = builder.get_target_uri(docname)
        except Exception:  # a builder without pages: nothing to map
            continue
        if target.endswith("/") or not target:
            target += "index.html"
        mapping[target] = str(env.doc2path(docname))
    for download, (_docnames, dest) in env.dlfiles.items():
        mapping[f"_downloads/{dest}"] = str(download)
    for picture, (_docnames, name) in env.images.items():
        mapping[f"_images/{name}"] = str(picture)
    return mapping


#: folders whose files Sphinx copies with their source's time stamp: always scanned
COPIED = ("_images/", "_downloads/", "_static/")


def scan_site(outdir: Path, since: float | None = None) -> dict[str, list[HtmlFinding]]:
    """Findings per file (path inside the site). With ``since`` (a time stamp), pages
    not written since then are skipped, so a one-page rebuild scans one page; copied
    images, downloads and static files are always scanned (a copy keeps its source's
    time)."""
    found: dict[str, list[HtmlFinding]] = {}
    for dirpath, _dirnames, filenames in os.walk(outdir):
        for name in filenames:
            if not name.lower().endswith(SCANNED):
                continue
            path = Path(dirpath) / name
            page = path.relative_to(outdir).as_posix()
            if since is not None and not page.startswith(COPIED):
                try:
                    if path.stat().st_mtime < since:
                        continue
                except OSError:
                    continue
            findings = scan_file(path, page)
            if findings:
                found[page] = findings
    return found


def scan_file(path: Path, page: str) -> list[HtmlFinding]:
    """Findings in one written file (a compressed SVG is unpacked first, within a limit)."""
    try:
        data = path.read_bytes()
        if page.lower().endswith(".svgz"):
            with gzip.open(io.BytesIO(data)) as unpacked:
                data = unpacked.read(MAX_UNPACKED + 1)
            if len(data) > MAX_UNPACKED:
                return [HtmlFinding(1, "a compressed SVG too large to check")]
    except (OSError, EOFError, gzip.BadGzipFile):
        return [HtmlFinding(1, "a file that cannot be read to check it")]
    text = data.decode("utf-8", errors="replace")
    findings = scan_html(text, page)
    if not findings and page.startswith(COPIED[:2]):
        # a file a contributor wrote, copied as it is: a browser may parse it otherwise
        # than Python's parser does (comments, broken tags), so any trace of script counts
        match = _TRACE.search(text)
        if match:
            line = text.count("\n", 0, match.start()) + 1
            findings = [HtmlFinding(line, f"something that looks like script ({match.group(0)!r})")]
    return findings


def _build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    started = get_domain(app.env).data.get("build_started")
    found = scan_site(outdir, None if started is None else started - 2)
    if not found:
        return
    sources = sources_of_outputs(app)
    docs = {str(app.env.doc2path(d)): d for d in app.env.found_docs}
    for page, findings in sorted(found.items()):
        source = sources.get(page)
        shown = display_path(source, app.srcdir) if source else "a file no page names"
        for finding in findings:
            location: Any = None
            if source in docs:
                location = (docs[source], None)
            elif source:  # a copied file (download, image): its lines are the source's
                location = f"{source}:{finding.line}"
            warn(
                f"the written file {page}, line {finding.line}, holds {finding.what}; it came "
                f"from {shown} and is withheld (remove it from the source: pages may not run "
                "code in a reader's browser)",
                CourseWarning.SAFETY,
                location,
            )
        withheld = WITHHELD_SVG if ".svg" in page.lower() else WITHHELD_HTML
        (outdir / page).write_bytes(
            gzip.compress(withheld.encode())
            if page.lower().endswith(".svgz")
            else withheld.encode()
        )


def _builder_inited(app: Sphinx) -> None:
    get_domain(app.env).data["build_started"] = time.time()


def setup_output_scan(app: Sphinx) -> None:
    app.connect("builder-inited", _builder_inited)
    # late: after every other extension has written its files
    app.connect("build-finished", _build_finished, priority=900)
