"""Checks that stop a contribution from putting code, foreign files or answers into the site.

Each rule follows what the build was seen to do (see :mod:`.readings`):

- ``{raw}`` in any spelling (``{RAW}``, ``{Raw}``: docutils ignores case), and a
  ``{role}`` built on ``raw``, pass markup through;
- ``{eval-rst}`` hands its body to docutils as reStructuredText, past every
  check here;
- front-matter ``myst``, ``html_meta`` and ``substitutions`` change how MyST
  reads the page (a ``<meta>`` refresh, substitutions rendered as Markdown);
- a URL may hide in a toctree entry (``javascript://`` is a URL to Sphinx), a
  card's ``:link:``, an image's ``:target:``, a ``{button-link}``, a role target
  or any option;
- includes, images, downloads and links to files copy or show a file: outside
  the repository it may be anything on the build machine, and an exercise's
  solution, marking notes and cases are for trainers only.
"""

from __future__ import annotations

import re
from pathlib import Path

from curriculum.core.contentpolicy import BUILD_CONFIG_KEYS
from curriculum.core.layout import MODULES_DIR
from curriculum.core.programme import read_text
from curriculum.lint.markup import children, markup_problems, role_target, unsafe_url_problem
from curriculum.lint.mdscan import Block, Directive, directive_of
from curriculum.lint.names import role_name
from curriculum.lint.problems import Problem
from curriculum.lint.readings import blocks, cells, front_matter
from curriculum.lint.urls import dangerous_text, local_target, resolve, unsafe_url

#: options whose value is a URL or a path (sphinx-design cards, images, buttons)
URL_OPTIONS = frozenset({"link", "target", "url", "img-top", "img-bottom", "img-background"})
#: options that name an image file the build copies into the site
IMAGE_OPTIONS = frozenset({"img-top", "img-bottom", "img-background"})
#: directives whose argument is a URL or a path
URL_ARGUMENT = frozenset({"image", "figure", "button-link"})
#: directives that read a file named by their argument
INCLUDES = frozenset({"include", "literalinclude"})
TRAINER_HINT = "move the reference into a {trainer-note} or remove it"
_RAW_BASE = re.compile(r"\(\s*([^\s()]+)\s*\)")


class Scan:
    """One walk over a file's tokens, with where paths in it resolve from."""

    def __init__(self, root: Path, shown: str, bases: tuple[Path, ...], seen: set[str]) -> None:
        self.root, self.shown, self.bases, self.seen = root, shown, bases, seen
        self.problems: list[Problem] = []

    def add(self, line: int, code: str, message: str, hint: str) -> None:
        self.problems.append(Problem(self.shown, line, code, message, hint))

    def file(self, line: int, written: str, what: str, trainer: bool) -> list[Path]:
        """Check a file named by the page; the resolved files that may be read."""
        found = []
        for base in self.bases:
            target = resolve(self.root, base, written)
            if target.shown is None:
                self.add(
                    line,
                    "include-outside",
                    f"{what} '{written}' resolves outside the repository",
                    "name a file inside the course; Sphinx reads '/x' from the course root",
                )
            elif target.trainer and not trainer:
                self.add(
                    line,
                    "trainer-file",
                    f"{what} '{written}' names {target.shown}: this file is trainer-only; "
                    "learners would get the answers",
                    TRAINER_HINT,
                )
            else:
                found.append(self.root / target.shown)
        return found


def file_problems(
    root: Path,
    path: Path,
    shown: str,
    scanned: list[Block],
    *,
    bases: tuple[Path, ...] = (),
    seen: set[str] | None = None,
) -> list[Problem]:
    """The untrusted-content checks of one page or fragment, whose blocks are ``scanned``."""
    scan = Scan(root, shown, bases or (path.parent,), seen if seen is not None else {shown})
    for block in scanned:
        token = block.token
        if token.type == "front_matter":
            _front_matter(scan, block)
        elif token.type == "inline":
            _inline(scan, block)
        elif token.type == "link_reference":
            _link(scan, block.line, str(token.attrs.get("href", "")), "the link", block.trainer)
        directive = directive_of(block)
        if directive is not None:
            _directive(scan, block, directive)
    return scan.problems


def _front_matter(scan: Scan, block: Block) -> None:
    data, line_of = front_matter(block.token.content, block.line + 1)
    for key in sorted(BUILD_CONFIG_KEYS) if isinstance(data, dict) else ():
        if key in data:
            scan.add(
                line_of(key),
                "myst-config",
                f"the front matter sets '{key}', which changes how this page is read, "
                "past the checks",
                "remove it; settings for the whole course belong in conf.py",
            )


def _inline(scan: Scan, block: Block) -> None:
    for child, line in children(block):
        if child.type == "link_open":
            _link(scan, line, str(child.attrs.get("href", "")), "the link", block.trainer)
        elif child.type == "image":
            _link(scan, line, str(child.attrs.get("src", "")), "the image", block.trainer)
        elif child.type == "myst_role" and role_name(str(child.meta.get("name", ""))) == "download":
            written = role_target(child.content)
            if unsafe_url(written) is None and local_target(written):
                scan.file(line, written, "the download", block.trainer)


def _link(scan: Scan, line: int, url: str, what: str, trainer: bool) -> None:
    """A link or image naming a file: MyST turns a link to a file into a download."""
    written = local_target(url)
    if written:
        scan.file(line, written, what, trainer)


def _directive(scan: Scan, block: Block, d: Directive) -> None:
    line = block.line
    if d.name == "raw" or (d.name in ("role", "default-role") and _builds_on_raw(d)):
        scan.add(
            line,
            "raw-directive",
            "the raw directive passes anything into the site"
            if d.name == "raw"
            else "a role built on raw passes anything into the site",
            "write Markdown, or use a course directive",
        )
    if d.written.strip().lower() == "eval-rst":
        scan.add(
            line,
            "eval-rst",
            "write MyST Markdown; eval-rst passes reStructuredText, raw HTML included, "
            "past the checks",
            "rewrite the block in MyST Markdown",
        )
    for option in d.options:
        check = unsafe_url if option.key in URL_OPTIONS else dangerous_text
        scheme = check(option.value)
        if scheme:
            scan.problems.append(
                unsafe_url_problem(scan.shown, option.line, scheme, f"the :{option.key}: option")
            )
        elif option.key in IMAGE_OPTIONS and local_target(option.value):
            scan.file(option.line, option.value, f"the :{option.key}: image", block.trainer)
    check = unsafe_url if d.name in URL_ARGUMENT else dangerous_text
    scheme = check(d.args) if d.args else None
    if scheme:
        scan.problems.append(unsafe_url_problem(scan.shown, line, scheme, f"the {{{d.name}}}"))
    elif d.name in ("image", "figure") and local_target(d.args):
        scan.file(line, d.args, f"the {d.name}", block.trainer)
    if d.name == "toctree":
        _toctree(scan, d)
    elif d.name in INCLUDES and d.args:
        for found in scan.file(line, d.args, f"the {d.name}", block.trainer):
            if d.name == "include" and d.option("literal") is None and d.option("code") is None:
                _included(scan, found, block.trainer)
        for option in d.options:
            if d.name == "literalinclude" and option.key == "diff" and option.value:
                # the second file, shown as a diff against the first
                scan.file(option.line, option.value, "the literalinclude's :diff:", block.trainer)
    elif d.name == "csv-table":
        _csv_file(scan, block, d)


def _builds_on_raw(d: Directive) -> bool:
    text = d.args or d.body
    return any(role_name(base) == "raw" for base in _RAW_BASE.findall(text)) or (
        d.name == "default-role" and role_name(text.strip() or "x") == "raw"
    )


def _toctree(scan: Scan, d: Directive) -> None:
    """Sphinx links any toctree entry shaped like a URL (``scheme://...``) as written."""
    for index, text in enumerate(d.body.splitlines()):
        entry = text.strip()
        if not entry:
            continue
        match = re.match(r"^(.+?)\s*<([^<]*?)>$", entry)
        target = match.group(2) if match else entry
        scheme = unsafe_url(target) or dangerous_text(target)
        if scheme:
            scan.problems.append(
                unsafe_url_problem(scan.shown, d.body_line + index, scheme, "a toctree entry")
            )


def _csv_file(scan: Scan, block: Block, d: Directive) -> None:
    if d.option("url") is not None:
        line = next(o.line for o in d.options if o.key == "url")
        scan.add(
            line,
            "include-outside",
            "the csv-table's :url: fetches a file from the network while the site is built",
            "put the data in the directive's body, or in a file in the course",
        )
    written = d.option("file")
    if not written:
        return
    line = next(o.line for o in d.options if o.key == "file")
    for found in scan.file(line, written, "the csv-table file", block.trainer):
        shown = found.relative_to(scan.root).as_posix()
        if shown in scan.seen or not _is_file(found):
            continue
        scan.seen.add(shown)
        text, _ = read_text(found, shown, "page")
        if text is None:
            continue
        from docutils.parsers.rst.directives.tables import CSVTable

        for cell in cells(text.split("\n"), 1, CSVTable.DocutilsDialect({}), block.trainer):
            for inner in blocks(cell.text, cell.lines[0], trainer=block.trainer):
                scan.problems += markup_problems(shown, inner)


def _included(scan: Scan, found: Path, trainer: bool) -> None:
    """An included file is parsed into the page: scan it as a page of its own."""
    shown = found.relative_to(scan.root).as_posix()
    if f"{shown}|{trainer}" in scan.seen or not _is_file(found):
        return
    scan.seen.add(f"{shown}|{trainer}")
    if found.suffix == ".md" and shown.startswith(f"{MODULES_DIR}/"):
        return  # a page of the course: checked as one
    scan.problems += fragment_problems(
        scan.root, found, shown, trainer, (*scan.bases, found.parent), scan.seen
    )


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long for the file system, say
        return False


def fragment_problems(
    root: Path,
    path: Path,
    shown: str,
    trainer: bool,
    bases: tuple[Path, ...] = (),
    seen: set[str] | None = None,
) -> list[Problem]:
    """Every check of text the build parses into a page: an include, a brief, marking notes."""
    text, _ = read_text(path, shown, "page")
    if text is None:
        return []
    scanned = list(blocks(text, trainer=trainer))
    problems = [p for block in scanned for p in markup_problems(shown, block)]
    return problems + file_problems(
        root, path, shown, scanned, bases=bases or (path.parent,), seen=seen
    )
