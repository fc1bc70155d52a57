"""Site navigation for the course theme, built once per build, not once per page.

Themes that render Sphinx's whole toctree into every page make build time grow
with the square of the page count. Here the tree (captions, pages, one level of
sub-pages) is read once from the root document's toctrees; each page then only
renders that small structure with its own links and the current page marked.
"""

from __future__ import annotations

import html
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx import addnodes

from curriculum.ext.config import get_config
from curriculum.ext.domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


@dataclass
class NavEntry:
    docname: str
    title: str
    label: str = ""  # e.g. a module id shown before the title
    children: list[NavEntry] = field(default_factory=list)

    def contains(self, docname: str) -> bool:
        return self.docname == docname or any(c.contains(docname) for c in self.children)


@dataclass
class NavGroup:
    caption: str
    entries: list[NavEntry]

    def contains(self, docname: str) -> bool:
        return any(e.contains(docname) for e in self.entries)


def build_nav(env: BuildEnvironment) -> list[NavGroup]:
    """Groups from the root document's toctrees, in order."""
    root = env.config.root_doc
    domain = get_domain(env)
    groups: list[NavGroup] = []
    try:
        doctree = env.get_doctree(root)
    except FileNotFoundError:  # pragma: no cover - root missing is a Sphinx error already
        return groups

    def entry(docname: str, depth: int) -> NavEntry:
        title = env.titles[docname].astext() if docname in env.titles else docname
        record = domain.module_for_doc(docname)
        node = NavEntry(docname, title, record.id if record else "")
        if depth < 2:
            for child in env.toctree_includes.get(docname, []):
                if child in env.found_docs:
                    node.children.append(entry(child, depth + 1))
        return node

    for toctree in doctree.findall(addnodes.toctree):
        docnames = [ref for _title, ref in toctree["entries"] if ref in env.found_docs]
        if not docnames:
            continue
        caption = toctree.get("caption") or ""
        groups.append(NavGroup(caption, [entry(d, 1) for d in docnames]))
    return groups


def render_nav(groups: list[NavGroup], pagename: str, uri: Any) -> str:
    """HTML for one page; ``uri(docname)`` gives the link from that page."""
    out: list[str] = []
    for index, group in enumerate(groups):
        is_open = group.contains(pagename) or index == 0
        out.append(
            f'<details class="course-nav-group"{" open" if is_open else ""}>'
            f"<summary>{html.escape(group.caption or 'Pages')}</summary><ul>"
        )
        for entry in group.entries:
            _render_entry(entry, pagename, uri, out)
        out.append("</ul></details>")
    return "".join(out)


def _render_entry(entry: NavEntry, pagename: str, uri: Any, out: list[str]) -> None:
    current = entry.docname == pagename
    attrs = ' aria-current="page" class="current"' if current else ""
    label = f'<span class="course-nav-id">{html.escape(entry.label)}</span> ' if entry.label else ""
    module = f' data-module="{html.escape(entry.label)}"' if entry.label else ""
    out.append(
        f'<li{module}><a href="{html.escape(uri(entry.docname))}"{attrs}>{label}'
        f"{html.escape(entry.title)}</a>"
    )
    if entry.children and entry.contains(pagename):
        out.append("<ul>")
        for child in entry.children:
            _render_entry(child, pagename, uri, out)
        out.append("</ul>")
    out.append("</li>")


_CACHE_KEY = "_course_nav"


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    builder = app.builder
    groups = builder.__dict__.get(_CACHE_KEY)
    if groups is None:
        groups = build_nav(app.env)
        builder.__dict__[_CACHE_KEY] = groups
    config = get_config(app)

    def uri(docname: str) -> str:
        return builder.get_relative_uri(pagename, docname)

    context["course_nav"] = render_nav(groups, pagename, uri)
    context["course_edition"] = config.edition
    context["course_title"] = config.title
    context["course_slug"] = config.slug
    context["course_licence"] = config.licence
    context["course_edit_url"] = ""
    context["course_last_updated"] = ""
    if pagename in app.env.found_docs:
        source = Path(app.env.doc2path(pagename)).resolve()
        context["course_last_updated"] = _git_dates(app).get(source, "")
        if config.repository_url:
            relative = source.relative_to(Path(app.srcdir).resolve()).as_posix()
            context["course_edit_url"] = (
                f"{config.repository_url.rstrip('/')}/edit/{config.repository_branch}/{relative}"
            )


_DATES_KEY = "_course_git_dates"


def _git_dates(app: Sphinx) -> dict[Path, str]:
    """Each file's last commit date (YYYY-MM-DD), from one ``git log``; empty without git."""
    builder = app.builder
    dates: dict[Path, str] | None = builder.__dict__.get(_DATES_KEY)
    if dates is not None:
        return dates
    dates = {}
    root = Path(app.srcdir).resolve()
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "."],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        log, top = "", ""
    date = ""
    for line in log.splitlines():
        if line.startswith("\x00"):
            date = line[1:]
        elif line and date:
            dates.setdefault((Path(top) / line).resolve(), date)
    builder.__dict__[_DATES_KEY] = dates
    return dates


def _reset(app: Sphinx, env: BuildEnvironment) -> None:
    app.builder.__dict__.pop(_CACHE_KEY, None)


def setup_nav(app: Sphinx) -> None:
    app.connect("html-page-context", _page_context)
    app.connect("env-updated", _reset)
