"""What a token puts into the site: raw HTML, scripts, images without alt text, links.

These checks need no file system, so they apply alike to a page, a directive's
title or option, a quiz text, a glossary entry, an exercise brief and an
included file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from curriculum.core.fences import foreign_div, unparsed_trainer
from curriculum.lint.mdscan import Block
from curriculum.lint.names import role_name
from curriculum.lint.problems import Problem
from curriculum.lint.urls import dangerous_text, unsafe_url

#: elements that run code, load a document or redirect, and event-handler attributes
#: (a ``/`` separates attributes too: ``<svg/onload=...>``)
_SCRIPT = re.compile(
    r"<\s*/?\s*(script|iframe|frame|frameset|object|embed|applet|base|meta|link|form)\b"
    r"|[\s/\"']on[a-z]+\s*=|(java|vb)script\s*:",
    re.IGNORECASE,
)
_ROLE_TARGET = re.compile(r"^(?:.*<(?P<target>[^>]+)>|(?P<plain>.+))$", re.DOTALL)
#: roles whose text is shown as written, never followed as a link
_TEXT_ROLES = frozenset(
    {"code", "literal", "kbd", "samp", "math", "abbr", "abbreviation", "file", "command"}
)


def role_target(content: str) -> str:
    """The target of a role: ``text <target>`` or the whole text."""
    match = _ROLE_TARGET.match(content.strip())
    if match is None:
        return ""
    return (match.group("target") or match.group("plain") or "").strip()


def html_problem(shown: str, line: int, html: str) -> Problem:
    """``script`` for markup that can run code (which no allow-list entry for raw HTML
    covers), else ``raw-html``."""
    if _SCRIPT.search(html) or dangerous_text(html):
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


def unsafe_url_problem(shown: str, line: int, scheme: str, where: str) -> Problem:
    return Problem(
        shown,
        line,
        "unsafe-url",
        f"a {scheme} URL in {where}",
        "link with https:// or a path in the course: pages may not run code or embed documents",
    )


def children(block: Block) -> Iterator[tuple[Any, int]]:
    """Each inline child of ``block`` with its own file line (line breaks counted)."""
    offset = 0
    for child in getattr(block.token, "children", None) or []:
        yield child, block.line_of(offset)
        if child.type in ("softbreak", "hardbreak"):
            offset += 1
        else:
            offset += (child.content or "").count("\n")


def markup_problems(shown: str, block: Block) -> list[Problem]:
    """Raw HTML, scripts, unsafe or http links and images without alt text in one token."""
    token = block.token
    if token.type == "html_block":
        return [html_problem(shown, block.line, token.content)]
    if token.type == "colon_fence" and not token.info.strip().startswith("{"):
        found = foreign_div(token.info)
        if found is None:
            return []
        name, hint = found
        return [
            Problem(
                shown,
                block.line,
                "fenced-div",
                f"'::: {name}' is another lesson format's block: MyST shows it to every "
                "learner as a plain box",
                hint,
            )
        ]
    if token.type == "inline":
        directive = unparsed_trainer(token.content)
        if directive is not None:
            return [
                Problem(
                    shown,
                    block.line,
                    "trainer-text",
                    f"'{{{directive}}}' is not read as a directive here, so its content would "
                    "print as text for learners",
                    f"open it with three colons and no spaces in the braces: :::{{{directive}}}",
                )
            ]
    if token.type in ("link_reference", "link_rejected"):
        scheme = unsafe_url(str(token.attrs.get("href", "")))
        what = "a link reference" if token.type == "link_reference" else "a link or image"
        return [unsafe_url_problem(shown, block.line, scheme, what)] if scheme else []
    problems: list[Problem] = []
    for child, line in children(block):
        if child.type == "html_inline":
            problems.append(html_problem(shown, line, child.content))
        elif child.type == "image":
            src = str(child.attrs.get("src", ""))
            scheme = unsafe_url(src)
            if scheme:
                problems.append(unsafe_url_problem(shown, line, scheme, "an image"))
            if not (child.attrs.get("alt") or child.content).strip():
                problems.append(
                    Problem(
                        shown,
                        line,
                        "image-alt",
                        f"image '{src}' has no alt text",
                        "write what it shows: ![Login page: password expired](login.png)",
                    )
                )
        elif child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            scheme = unsafe_url(href)
            if scheme:
                problems.append(unsafe_url_problem(shown, line, scheme, "a link"))
            elif href.lower().startswith("http://"):
                problems.append(
                    Problem(
                        shown,
                        line,
                        "http-link",
                        f"link to {href} uses http",
                        "use https:// (most sites serve it)",
                    )
                )
        elif child.type == "myst_role":
            name = role_name(str(child.meta.get("name", "")))
            target = role_target(child.content)
            scheme = None if name in _TEXT_ROLES else dangerous_text(target)
            if scheme:
                problems.append(
                    unsafe_url_problem(shown, line, scheme, f"the target of a {{{name}}} role")
                )
    return problems
