"""Read a MyST page as markdown-it tokens, the way the build's parser reads it.

Directive bodies are parsed too (a trainer note can hold a link or raw HTML),
with their line numbers mapped back to the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: directives whose body is not Markdown text, so it is not parsed as a page
OPAQUE = frozenset(
    {
        "code-block",
        "code",
        "sourcecode",
        "literalinclude",
        "raw",
        "math",
        "quiz",
        "timing-plan",
        "toctree",
        "glossary",
        "exercise",
        "course-catalogue",
        "course-tracks",
        "path-list",
        "values-crosswalk",
        "learning-path",
        "course-part",
        "csv-table",
        "list-table",
        "include",
        "mermaid",
        "metadata-reference",
        "lint-checks",
    }
)
_DIRECTIVE = re.compile(r"^\{(?P<name>[\w:.-]+)\}\s*(?P<args>.*)$")
_OPTION = re.compile(r"^:[\w-]+:")


@dataclass(frozen=True)
class Block:
    """A token with its 1-based file line."""

    token: Any
    line: int
    depth: int = 0  #: 0 on the page itself, 1 and more inside directive bodies


@dataclass(frozen=True)
class Directive:
    name: str
    args: str
    options: tuple[str, ...]
    body: str
    line: int  # the directive's own line
    body_line: int  # first line of the body (after options)


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(
        MdParserConfig(enable_extensions={"colon_fence", "deflist"}), RendererHTML
    )


def blocks(text: str, first_line: int = 1, depth: int = 0) -> Iterator[Block]:
    """Every block token, and the tokens inside parsed directive bodies."""
    for token in _parser().parse(text):
        line = first_line + (token.map[0] if token.map else 0)
        yield Block(token, line, depth)
        directive = as_directive(token, line)
        if directive is not None and directive.name not in OPAQUE:
            yield from blocks(directive.body, directive.body_line, depth + 1)


def as_directive(token: Any, line: int) -> Directive | None:
    if token.type not in ("fence", "colon_fence"):
        return None
    match = _DIRECTIVE.match(token.info.strip())
    if match is None:
        return None
    lines = token.content.splitlines()
    options = []
    while lines and _OPTION.match(lines[0]):
        options.append(lines.pop(0))
    return Directive(
        match.group("name"),
        match.group("args").strip(),
        tuple(options),
        "\n".join(lines) + "\n",
        line,
        line + 1 + len(options),
    )


def directives(text: str) -> Iterator[Directive]:
    for block in blocks(text):
        directive = as_directive(block.token, block.line)
        if directive is not None:
            yield directive
