"""Checks of each page's text: headings, images, raw HTML and scripts, links, terms.

Contributions are untrusted: nothing in a page may put markup or script into
the site, so raw HTML, the ``raw`` directive and script-like attributes are
refused (a reviewed allow-list can accept a specific case).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..layout import MODULES_DIR
from ..model import MODULE_ID_PATTERN
from ..programme import is_module_docname, read_text
from . import Problem
from .mdscan import as_directive, blocks

_SCRIPT = re.compile(
    r"<\s*(script|iframe|object|embed)\b|\son[a-z]+\s*=|javascript:", re.IGNORECASE
)
#: glossary entries that are also everyday words: linking every use would be noise
EVERYDAY_TERMS = frozenset(
    {
        "service",
        "value",
        "customer",
        "user",
        "problem",
        "component",
        "outcome",
        "output",
        "incident",
    }
)
_TERM_ROLE = re.compile(r"^(?:.*<(?P<target>[^>]+)>|(?P<plain>.+))$", re.DOTALL)


def course_pages(root: Path) -> Iterator[Path]:
    """The pages the build reads: index.md and everything under modules/."""
    if (root / "index.md").is_file():
        yield root / "index.md"
    yield from sorted((root / MODULES_DIR).rglob("*.md"))


def page_problems(root: Path) -> list[Problem]:
    terms = glossary_terms(root)
    problems: list[Problem] = []
    for page in course_pages(root):
        shown = page.relative_to(root).as_posix()
        text, _ = read_text(page, shown, "page")
        if text is None:
            continue  # reported with the metadata
        docname = shown.removesuffix(".md")
        parts = docname.split("/")
        # glossary links are checked in the modules' teaching pages only
        in_module = len(parts) >= 3 and re.match(MODULE_ID_PATTERN, parts[1]) is not None
        problems += check_page(shown, text, is_module_docname(docname), terms if in_module else {})
    return problems


def glossary_terms(root: Path) -> dict[str, str]:
    """Lower-cased term -> term, from the {glossary} of modules/programme/glossary.md."""
    path = root / MODULES_DIR / "programme" / "glossary.md"
    terms: dict[str, str] = {}
    if not path.is_file():
        return terms
    for block in blocks(path.read_text(encoding="utf-8")):
        directive = as_directive(block.token, block.line)
        if directive is None or directive.name != "glossary":
            continue
        for line in directive.body.splitlines():
            term = line.strip()
            if term and not line.startswith((" ", "\t")) and term.lower() not in EVERYDAY_TERMS:
                terms[term.lower()] = term
    return terms


def check_page(shown: str, text: str, module_page: bool, terms: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    top_level = 1 if module_page else 0  # a module's title comes from its metadata
    previous = top_level
    tops = 0
    linked: set[str] = set()
    mentions: dict[str, int] = {}
    # a term in a heading, a definition list's term or the further reading is not
    # a use that needs a link: headings cannot hold one, and the others name things
    heading_level = 0
    reading_level: int | None = None
    previous_type = ""
    for block in blocks(text):
        token, line = block.token, block.line
        if token.type == "heading_open":
            heading_level = int(token.tag[1])
            if reading_level is not None and heading_level <= reading_level:
                reading_level = None
        if token.type == "heading_open" and block.depth == 0:
            level = int(token.tag[1])
            if level == 1:
                tops += 1
                if module_page:
                    problems.append(
                        Problem(
                            shown,
                            line,
                            "heading-top",
                            "a module page has no '#' heading: its title comes from the metadata",
                            "make it '##'",
                        )
                    )
                elif tops > 1:
                    problems.append(
                        Problem(
                            shown,
                            line,
                            "heading-top",
                            "the page has a second '#' heading",
                            "keep one '#' title; make this one '##'",
                        )
                    )
            elif level > previous + 1:
                problems.append(
                    Problem(
                        shown,
                        line,
                        "heading-skip",
                        f"a level-{level} heading follows level {previous}",
                        f"use {'#' * (previous + 1)} here, or add the missing level above",
                    )
                )
            previous = level
        elif token.type == "html_block":
            problems.append(_html(shown, line, token.content))
        elif token.type == "inline":
            quiet = previous_type in ("heading_open", "dt_open") or reading_level is not None
            problems += _inline(shown, line, token, linked, mentions, {} if quiet else terms)
            if previous_type == "heading_open" and token.content.strip() == "Further reading":
                reading_level = heading_level
        previous_type = token.type
        directive = as_directive(token, line)
        if directive is not None:
            if directive.name == "raw":
                problems.append(
                    Problem(
                        shown,
                        line,
                        "raw-directive",
                        "the raw directive passes anything into the site",
                        "write Markdown, or use a course directive",
                    )
                )
            if directive.name in ("image", "figure") and not any(
                o.startswith(":alt:") and o[5:].strip() for o in directive.options
            ):
                problems.append(
                    Problem(
                        shown,
                        line,
                        "image-alt",
                        f"the {directive.name} has no alt text",
                        "add ':alt: what the image shows'",
                    )
                )
    if not module_page and tops == 0 and text.strip():
        problems.append(
            Problem(
                shown,
                1,
                "heading-top",
                "the page has no '#' title",
                "start the page with '# Title'",
            )
        )
    for term, line in sorted(mentions.items()):
        if term not in linked:
            problems.append(
                Problem(
                    shown,
                    line,
                    "term-unlinked",
                    f"'{terms[term]}' is a glossary term but is never linked here",
                    f"write {{term}}`{terms[term]}` at its first use",
                )
            )
    return problems


def _html(shown: str, line: int, html: str) -> Problem:
    if _SCRIPT.search(html):
        return Problem(
            shown,
            line,
            "script",
            "script, frame or event handler in the page",
            "remove it: pages may not run code in the learner's browser",
        )
    return Problem(
        shown, line, "raw-html", "raw HTML in the page", "write it in Markdown or with a directive"
    )


def _inline(
    shown: str,
    line: int,
    token: object,
    linked: set[str],
    mentions: dict[str, int],
    terms: dict[str, str],
) -> list[Problem]:
    problems: list[Problem] = []
    text_parts: list[str] = []
    for child in getattr(token, "children", None) or []:
        if child.type == "html_inline":
            problems.append(_html(shown, line, child.content))
        elif child.type == "image" and not (child.attrs.get("alt") or child.content).strip():
            problems.append(
                Problem(
                    shown,
                    line,
                    "image-alt",
                    f"image '{child.attrs.get('src', '')}' has no alt text",
                    "write what it shows: ![Scanner sync error](scanner.png)",
                )
            )
        elif child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            if href.lower().startswith("http://"):
                problems.append(
                    Problem(
                        shown,
                        line,
                        "http-link",
                        f"link to {href} uses http",
                        "use https:// (most sites serve it)",
                    )
                )
            elif href.lower().startswith("javascript:"):
                problems.append(
                    Problem(
                        shown,
                        line,
                        "script",
                        "a javascript: link",
                        "remove it: pages may not run code",
                    )
                )
        elif child.type == "myst_role" and child.meta.get("name") == "term":
            match = _TERM_ROLE.match(child.content.strip())
            if match:
                linked.add((match.group("target") or match.group("plain")).strip().lower())
        elif child.type == "text":
            text_parts.append(child.content)
    if terms:
        words = " ".join(text_parts)
        for lowered, term in terms.items():
            if lowered in mentions:
                continue
            flags = 0 if term.isupper() else re.IGNORECASE
            if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", words, flags):
                mentions[lowered] = line
    return problems
