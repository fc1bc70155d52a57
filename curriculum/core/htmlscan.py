"""Scan written HTML (and SVG) for anything that could run in a reader's browser.

The output side of the content policy (:mod:`curriculum.core.contentpolicy`): the
build refuses raw HTML and unsafe links while it reads, and this scan checks
what was actually written, so a way round the first check still fails the
build. Pure: no Sphinx; :mod:`curriculum.ext.outputscan` runs it after a build.

Allowed: ``<script src>`` of files under the site's ``_static/`` folder (the
theme's and extensions' own, set in reviewed code) and Sphinx's
``searchindex.js``. Everything else that can run code is a finding: another or
an inline ``<script>``, an ``on...`` event attribute, a link, frame or form
whose address has a scheme other than https, http or mailto
(``javascript:``, ``data:``...), frames and plug-ins, ``<base>``, a
``<meta http-equiv>`` other than the content type (a refresh sends the reader
elsewhere), and SVG's ``<foreignObject>`` and animated links.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from curriculum.core.contentpolicy import unsafe_url

#: elements that embed another document or a plug-in, or redirect every link
_FORBIDDEN_ELEMENTS = frozenset(
    {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "foreignobject"}
)
#: attributes holding an address the browser follows or loads
_URL_ATTRIBUTES = frozenset(
    {
        "href",
        "xlink:href",
        "src",
        "action",
        "formaction",
        "data",
        "poster",
        "background",
        "ping",
        "to",
        "from",
        "values",
    }
)
#: ``<meta http-equiv>`` values that only describe the page
_HARMLESS_HTTP_EQUIV = frozenset({"content-type", "x-ua-compatible", "content-language"})


@dataclass(frozen=True)
class HtmlFinding:
    """Something executable in a written file: its 1-based line and what it is."""

    line: int
    what: str


def allowed_script(page: str, src: str) -> bool:
    """Whether ``src``, as written in ``page`` (a path inside the site), is the theme's own."""
    if urlsplit(src).scheme or src.startswith("//"):
        return False
    path = urlsplit(src).path
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return target.startswith("_static/") or target == "searchindex.js"


class _Scanner(HTMLParser):
    def __init__(self, page: str, inline_allowed: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.inline_allowed = inline_allowed
        self.findings: list[HtmlFinding] = []
        self._inline_script: tuple[int, list[str]] | None = None

    def _add(self, what: str) -> None:
        self.findings.append(HtmlFinding(self.getpos()[0], what))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "script":
            src = values.get("src")
            if src is None:
                self._inline_script = (self.getpos()[0], [])
            elif not allowed_script(self.page, src):
                self._add(f"a <script> from {src!r}, which is not one of the theme's own")
        if tag in _FORBIDDEN_ELEMENTS:
            self._add(f"a <{tag}> element (it embeds or redirects to other content)")
        if tag == "meta":
            equiv = values.get("http-equiv", "").strip().lower()
            if equiv and equiv not in _HARMLESS_HTTP_EQUIV:
                self._add(f'a <meta http-equiv="{equiv}"> (it can send the reader elsewhere)')
        for name, value in values.items():
            if name.startswith("on"):
                self._add(f"an event handler attribute {name}= on <{tag}>")
            elif name in _URL_ATTRIBUTES:
                scheme = unsafe_url(value)
                # an image's data: address shows a picture and runs nothing
                if scheme and not (tag == "img" and name == "src" and scheme == "data:"):
                    self._add(f"a {scheme} address in {name}= of <{tag}>")
            if (
                tag in ("set", "animate")
                and name == "attributename"
                and value.strip().lower() in ("href", "xlink:href")
            ):
                self._add(f"an SVG <{tag}> that rewrites a link")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag.lower() == "script":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._inline_script is not None:
            self._inline_script[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag.lower() == "script" and self._inline_script is not None:
            line, parts = self._inline_script
            self._inline_script = None
            if "".join(parts).strip() not in self.inline_allowed:
                self.findings.append(HtmlFinding(line, "an inline <script>"))


def scan_html(
    text: str, page: str, inline_allowed: frozenset[str] = frozenset()
) -> list[HtmlFinding]:
    """Findings in one written file; ``page`` is its path inside the site (``a/b.html``)."""
    scanner = _Scanner(page, inline_allowed)
    scanner.feed(text)
    scanner.close()
    if scanner._inline_script is not None:  # a <script> never closed still runs
        scanner.findings.append(HtmlFinding(scanner._inline_script[0], "an inline <script>"))
    return scanner.findings
