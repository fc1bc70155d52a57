"""After every HTML build: scan what was written for anything executable.

The last line of the content policy. Every ``.html``, ``.htm``, ``.xhtml`` and
``.svg`` file in the output (pages, downloads, images, extra pages) is read by
:func:`curriculum.htmlscan.scan_html`; each finding is an error naming the
source file that produced it, and the file is replaced by a short notice, so
that even a build run without ``-W`` (``make serve``) never serves it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import display_path
from .htmlscan import HtmlFinding, scan_html
from .warnings_ import CourseWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SCANNED = (".html", ".htm", ".xhtml", ".svg")
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


def scan_site(outdir: Path) -> dict[str, list[HtmlFinding]]:
    """Findings per written file (path inside the site), for every scanned file."""
    found: dict[str, list[HtmlFinding]] = {}
    for dirpath, _dirnames, filenames in os.walk(outdir):
        for name in filenames:
            if not name.lower().endswith(SCANNED):
                continue
            path = Path(dirpath) / name
            page = path.relative_to(outdir).as_posix()
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            findings = scan_html(text, page)
            if findings:
                found[page] = findings
    return found


def _build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    found = scan_site(outdir)
    if not found:
        return
    sources = sources_of_outputs(app)
    for page, findings in sorted(found.items()):
        source = sources.get(page)
        shown = display_path(source, app.srcdir) if source else "a file no page names"
        for finding in findings:
            warn(
                f"the written file {page}, line {finding.line}, holds {finding.what}; it came "
                f"from {shown} and is withheld (remove it from the source: pages may not run "
                "code in a reader's browser)",
                CourseWarning.SAFETY,
                source,
            )
        withheld = WITHHELD_SVG if page.lower().endswith(".svg") else WITHHELD_HTML
        (outdir / page).write_text(withheld, encoding="utf-8")


def setup_output_scan(app: Sphinx) -> None:
    # late: after every other extension has written its files
    app.connect("build-finished", _build_finished, priority=900)
