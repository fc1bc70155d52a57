"""What a page may hold once parsed: the build's own check of untrusted content.

Runs on every doctree as soon as it is read (``doctree-read``, before Sphinx's
collectors note images and downloads), whatever parser, spelling, indentation
or directive produced it, so nothing that lint did not see gets through:

- **raw output** (``raw`` nodes from raw HTML in Markdown, quiz or glossary
  text, briefs, tables, titles, ``eval-rst``...) is removed with a located error,
  unless ``lint-allow.yaml`` accepts raw HTML in that file with a reason;
- **links and images** whose address has a scheme other than https, http or
  mailto (``javascript:``, ``data:``...) lose the address; toctree entries too;
- **``<meta http-equiv>``** (a refresh to another site) is removed;
- **``{only}``** is removed: it keeps its content in every edition's doctrees and
  search index, so it cannot hold trainer-only text;
- **downloads and images** of a file outside the repository, or of a trainer-only
  file in the learner edition, are removed, and a page whose directives read
  such a file is withheld;
- in the learner edition the **stored source** of every node is emptied, so a
  ``{trainer-note}`` written inside another directive does not survive in the
  pickled doctree as that directive's raw source.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import get_source_line
from sphinx import addnodes

from curriculum.core.contentpolicy import unsafe_url
from curriculum.core.diagnostics import display_path
from curriculum.ext.config import get_config
from curriculum.ext.domain import get_domain
from curriculum.ext.guard import file_refusal
from curriculum.ext.warnings import CourseWarning, warn
from curriculum.lint.allow import load_allow_list

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: nodes whose stored source is their visible text, which Sphinx's writers compare
_KEEP_RAWSOURCE = (nodes.literal_block, nodes.doctest_block, nodes.math_block)
_ALLOW_CODE = "raw-html"


def _allowed(env: BuildEnvironment, source: str) -> bool:
    """Whether lint-allow.yaml accepts raw HTML in ``source`` (a path inside the course)."""
    cache = get_domain(env).cached("allow", lambda: load_allow_list(Path(env.srcdir)))
    return (display_path(source, env.srcdir), _ALLOW_CODE) in cache


def _where(node: nodes.Node, docname: str) -> nodes.Node | tuple[str, None]:
    """The node itself when it knows its file and line (Sphinx prints both), else the page."""
    return node if get_source_line(node)[0] else (docname, None)


def audit_doctree(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    _check_read_files(env, doctree, docname)
    for raw in list(doctree.findall(nodes.raw)):
        _check_raw(env, raw, docname)
    for reference in list(doctree.findall(nodes.reference)):
        scheme = unsafe_url(reference.get("refuri", ""))
        if scheme:
            warn(
                f"a link to a {scheme} address is refused: it could run code in the "
                "reader's browser (link to an https:// page instead)",
                CourseWarning.SAFETY,
                _where(reference, docname),
            )
            reference.replace_self(nodes.inline("", "", *reference.children))
    for image in list(doctree.findall(nodes.image)):
        _check_image(env, image, docname)
    for download in list(doctree.findall(addnodes.download_reference)):
        _check_download(env, download, docname)
    for toctree in doctree.findall(addnodes.toctree):
        for title, ref in list(toctree["entries"]):
            scheme = unsafe_url(ref or "")
            if scheme:
                warn(
                    f"a toctree entry to a {scheme} address is refused",
                    CourseWarning.SAFETY,
                    _where(toctree, docname),
                )
                toctree["entries"].remove((title, ref))
    for meta in list(doctree.findall(nodes.meta)):
        if meta.get("http-equiv", "").strip().lower() not in ("", "content-type"):
            warn(
                f'a <meta http-equiv="{meta["http-equiv"]}"> is refused: it can send the '
                "reader to another site",
                CourseWarning.SAFETY,
                _where(meta, docname),
            )
            meta.parent.remove(meta)
    for only in list(doctree.findall(addnodes.only)):
        warn(
            "the {only} directive keeps its content in every edition's files (doctrees, "
            "search index) and only hides it when pages are written; it is removed (use "
            "{trainer-note} for trainer-only content)",
            CourseWarning.SAFETY,
            _where(only, docname),
        )
        only.parent.remove(only)
    if not get_config(env).is_trainer:
        for element in doctree.findall(nodes.Element):
            if not isinstance(element, _KEEP_RAWSOURCE):
                element.rawsource = ""


def _check_raw(env: BuildEnvironment, node: nodes.raw, docname: str) -> None:
    source = get_source_line(node)[0] or str(env.doc2path(docname))
    if "html" in node.get("format", "").split() and _allowed(env, source):
        return
    warn(
        f"raw {node.get('format', '') or 'output'} in the page is refused: pages may not "
        "put markup or script into the site (write Markdown or use a directive; a "
        "reviewed exception goes in lint-allow.yaml)",
        CourseWarning.SAFETY,
        _where(node, docname),
    )
    node.parent.remove(node)


def _check_image(env: BuildEnvironment, node: nodes.image, docname: str) -> None:
    uri = node.get("uri", "")
    scheme = unsafe_url(uri)
    why: str | None
    if scheme and scheme != "data:":
        why = f"its address is a {scheme} address"
    elif scheme or "://" in uri:
        return  # a remote or inline picture: the offline check refuses remote ones
    else:
        why = file_refusal(env, env.relfn2path(uri, docname)[1])
    if why is not None:
        warn(f"image '{uri}' refused: {why}", CourseWarning.SAFETY, _where(node, docname))
        node.parent.remove(node)


def _check_download(env: BuildEnvironment, node: addnodes.download_reference, docname: str) -> None:
    target = node.get("reftarget", "")
    if "://" in target:
        return
    why = file_refusal(env, env.relfn2path(target, docname)[1])
    if why is not None:
        warn(
            f"download of '{target}' refused: {why}",
            CourseWarning.SAFETY,
            _where(node, docname),
        )
        node.replace_self(nodes.literal(node.astext(), node.astext()))


def _check_read_files(env: BuildEnvironment, doctree: nodes.document, docname: str) -> None:
    """Withhold a page whose directives read a file they may not (any directive, any option)."""
    recorded = getattr(doctree.settings, "record_dependencies", None)
    paths = list(getattr(recorded, "list", []) or [])
    for path in paths:
        why = file_refusal(env, Path(os.getcwd()) / path)  # docutils notes them from cwd
        if why is None:
            continue
        warn(
            f"the page reads '{display_path(path, env.srcdir)}', which it may not: {why}; "
            "the page is withheld",
            CourseWarning.SAFETY,
            (docname, None),
        )
        doctree.children = []
        doctree += nodes.paragraph(
            "", "This page was withheld: it reads a file that this edition may not publish."
        )
        return


def setup_audit(app: Sphinx) -> None:
    # before Sphinx's collectors (priority 500) note the images and downloads to copy
    app.connect("doctree-read", audit_doctree, priority=100)
