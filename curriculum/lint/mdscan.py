"""Read a MyST page as markdown-it tokens, the way the build's parser reads it.

The parser is myst-parser's own, with the course's extensions. Three things
are added around it, none of which changes a token:

- every link destination the parser refuses (``javascript:``...) is recorded,
  so lint can name it although the build shows it as text;
- every link reference definition is kept with its line, so its target is
  checked where it is written, whichever body uses it;
- directives are split into argument, options and body by MyST's own function,
  and their names are looked up as docutils and Sphinx look them up.

Directive bodies, arguments and option values are read too (a trainer note can
hold a link or raw HTML); :mod:`.readings` says how the build reads each one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from curriculum.core.fences import TRAINER_ONLY  # directives whose body only trainers see
from curriculum.lint.names import directive_name

__all__ = ["TRAINER_ONLY"]


@dataclass(frozen=True)
class Block:
    """A token with its 1-based file line, and the file line of each of its source lines."""

    token: Any
    line: int
    depth: int = 0  #: 0 on the page itself, 1 and more inside directives
    trainer: bool = False  #: inside a trainer-only directive, or a trainer-only file
    kind: str = "text"  #: "text" is the page's own reading; others in readings.py
    lines: tuple[int, ...] = ()

    def line_of(self, offset: int) -> int:
        """The file line of the token's ``offset``-th source line."""
        if not self.lines:
            return self.line
        return self.lines[min(offset, len(self.lines) - 1)]


@dataclass(frozen=True)
class Option:
    key: str
    value: str
    line: int


@dataclass(frozen=True)
class Directive:
    name: str  #: as docutils and Sphinx look it up: lower case, aliases resolved
    written: str  #: as the page spells it
    args: str  #: the rest of the opening line (an argument, or the body's first line)
    options: tuple[Option, ...]
    body: str  #: the body as MyST passes it to a directive that takes options
    line: int  #: the directive's own line
    body_line: int  #: the file line of the body's first line
    content: str = ""  #: everything after the opening line, options included
    content_lines: tuple[int, ...] = ()  #: the file line of each line of ``content``
    body_offset: int = 0  #: content lines before the body (options, one blank line)
    blank_removed: bool = False  #: whether MyST dropped a blank line before the body

    def option(self, key: str) -> str | None:
        for option in self.options:
            if option.key == key:
                return option.value
        return None


@dataclass
class _Recorder:
    """What the parser saw while it parsed one text (see :func:`parse`)."""

    token: Any = None
    src: str = ""
    pos: int = 0
    line: int = 0
    rejected: list[tuple[Any, int, str]] | None = None


_RECORD = _Recorder()


def _instrument(md: Any) -> Any:
    """Record refused link destinations with where they were; the tokens stay the same."""
    validate = md.validateLink

    def recording_validate(url: str) -> bool:
        allowed = bool(validate(url))
        if not allowed and _RECORD.rejected is not None:
            if _RECORD.token is None:
                _RECORD.rejected.append((None, _RECORD.line, url))
            else:
                offset = _RECORD.src[: _RECORD.pos].count("\n")
                _RECORD.rejected.append((_RECORD.token, offset, url))
        return allowed

    md.validateLink = recording_validate

    def inline_at(rule: Callable[..., bool]) -> Callable[..., bool]:
        def wrapped(state: Any, silent: bool) -> bool:
            _RECORD.src, _RECORD.pos = state.src, state.pos
            return rule(state, silent)

        return wrapped

    for name in ("link", "image", "autolink"):
        md.inline.ruler.at(name, inline_at(_rule(md.inline.ruler, name)))
    reference = _rule(md.block.ruler, "reference")

    def reference_at(state: Any, start: int, end: int, silent: bool) -> bool:
        _RECORD.token, _RECORD.line = None, start
        return bool(reference(state, start, end, silent))

    md.block.ruler.at("reference", reference_at)

    def core_inline(state: Any) -> None:
        for token in state.tokens:
            if token.type == "inline":
                _RECORD.token = token
                if token.children is None:
                    token.children = []
                state.md.inline.parse(token.content, state.md, state.env, token.children)
        _RECORD.token = None

    md.core.ruler.at("inline", core_inline)
    return md


def _rule(ruler: Any, name: str) -> Callable[..., Any]:
    for rule in ruler.__rules__:
        if rule.name == name:
            return rule.fn
    raise KeyError(name)


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return _instrument(
        create_md_parser(MdParserConfig(enable_extensions={"colon_fence", "deflist"}), RendererHTML)
    )


@lru_cache(maxsize=4096)
def parse(text: str, inline: bool = False) -> tuple[Any, ...]:
    """The tokens of ``text`` (block or inline), then one token per link reference
    definition (``link_reference``) and per refused destination (``link_rejected``)."""
    from markdown_it.token import Token

    md = _parser()
    env: dict[str, Any] = {}
    _RECORD.rejected, _RECORD.token = [], None
    try:
        tokens = md.parseInline(text, env) if inline else md.parse(text, env)
        rejected = _RECORD.rejected
    finally:
        _RECORD.rejected, _RECORD.token = None, None
    extra = []
    for label, reference in (env.get("references") or {}).items():
        extra.append(
            Token(
                "link_reference",
                "",
                0,
                attrs={"href": reference["href"]},
                content=label,
                map=list(reference["map"]),
            )
        )
    for token, offset, url in rejected:
        start = (token.map[0] if token is not None and token.map else 0) + offset
        extra.append(Token("link_rejected", "", 0, attrs={"href": url}, map=[start, start + 1]))
    return (*tokens, *extra)


def as_directive(
    token: Any, line: int, line_of: Callable[[int], int] | None = None
) -> Directive | None:
    """The directive a fence holds, split as MyST splits it; None for a code block.

    ``line_of`` maps a line of the fence's content to its file line (by default
    the lines after ``line``).
    """
    if token.type not in ("fence", "colon_fence"):
        return None
    parts = (token.info or "").strip().split(maxsplit=1)
    if not parts or len(parts[0]) < 3 or not parts[0].startswith("{") or not parts[0].endswith("}"):
        return None
    written = parts[0][1:-1]
    first = parts[1] if len(parts) > 1 else ""
    content = token.content
    where = line_of or (lambda index: line + 1 + index)
    content_lines = tuple(where(i) for i in range(max(1, content.count("\n") + 1)))
    options: tuple[Option, ...] = ()
    if token.type == "colon_fence" and content.startswith(":::"):
        # MyST adds a line so that a nested fence is not read as options
        body_lines, offset, blank = tuple(content.splitlines()), 0, False
    else:
        body_lines, offset, blank = _split(content)
        options = _options(content, content_lines)
    body_line = content_lines[min(offset, len(content_lines) - 1)] if body_lines else line + 1
    return Directive(
        directive_name(written),
        written,
        first.strip(),
        options,
        "\n".join(body_lines) + "\n",
        line,
        body_line,
        content,
        content_lines,
        offset,
        blank,
    )


@lru_cache(maxsize=4096)
def _split(content: str) -> tuple[tuple[str, ...], int, bool]:
    """Body lines, their offset in the content and whether a blank line was dropped,
    for a directive that takes options and an argument (MyST's own function)."""
    from docutils.parsers.rst.directives.misc import TestDirective
    from docutils.parsers.rst.states import MarkupError
    from myst_parser.parsers.directives import parse_directive_text

    try:
        # docutils' test directive takes any option, an argument and a body
        parsed = parse_directive_text(TestDirective, "", content)
    except MarkupError:
        return tuple(content.splitlines()), 0, False
    return tuple(parsed.body), max(parsed.body_offset, 0), parsed.blank_line_removed


@lru_cache(maxsize=4096)
def _options(content: str, lines: tuple[int, ...]) -> tuple[Option, ...]:
    """Each option with its file line, read by MyST's option tokenizer."""
    from textwrap import dedent

    from myst_parser.parsers.directives import is_option_line
    from myst_parser.parsers.options import TokenizeError, options_to_tokens

    text_lines = content.splitlines()
    if content.startswith("---"):
        end = next(
            (i for i, text in enumerate(text_lines[1:], 1) if text.startswith("---")),
            len(text_lines),
        )
        block, start = dedent("\n".join(text_lines[1:end])), 1
    elif content.lstrip().startswith(":"):
        taken = []
        for text in text_lines:
            if not is_option_line(text):
                break
            taken.append(text.lstrip()[1:])
        block, start = "\n".join(taken), 0
    else:
        return ()
    try:
        tokens, _ = options_to_tokens(block)
    except TokenizeError:
        return ()  # MyST drops them too; the lines are still read as text (readings.py)
    found = []
    for key, value in tokens:
        index = min(start + key.start.line, len(lines) - 1)
        found.append(Option(str(key.value), str(value.value) if value else "", lines[index]))
    return tuple(found)


def directive_of(block: Block) -> Directive | None:
    return as_directive(block.token, block.line, content_lines(block))


def content_lines(block: Block) -> Callable[[int], int]:
    return lambda index: block.line_of(index + 1)
