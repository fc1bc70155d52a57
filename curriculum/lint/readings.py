"""Every text the build parses as Markdown inside a page, with its file lines.

Measured on the course's build (myst-parser 5, Sphinx 9, sphinx-design), not
assumed:

- MyST does not dedent a directive's body: an indented line is a code block in
  the build as it is here. A YAML option block is dedented, and a glossary
  definition loses the indentation of its first line (Sphinx's rule), so both
  are read after the same dedent;
- a directive's opening line is its title (parsed inline: ``{admonition}``,
  ``{dropdown}``, ``{tab-item}``, table captions) or, for a directive that takes
  no argument, the body's first line; options are split off only when the
  directive takes options, and otherwise stay in the body as text. Lint does not
  know each directive's signature, so it reads the text every way MyST can split
  it: an ``onclick`` split across the opening line and the body, or across an
  option line and the body, renders in the build and is found here;
- option values can be Markdown (``{sidebar}``'s ``:subtitle:``, a csv-table's
  ``:header:``), so each is read as inline and block text;
- a quiz's question, options and feedback, glossary terms, csv-table cells,
  ``{line-block}`` and ``{parsed-literal}`` bodies and front-matter ``title``
  and bibliographic fields (``abstract``...) are all parsed by the build.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from curriculum.lint.mdscan import (
    TRAINER_ONLY,
    Block,
    Directive,
    as_directive,
    content_lines,
    directive_of,
    parse,
)
from curriculum.lint.names import signature

#: directives whose body is never Markdown (code, maths, a list of pages)
OPAQUE = frozenset(
    {
        "code-block",
        "code",
        "sourcecode",
        "literalinclude",
        "highlight",
        "raw",
        "math",
        "toctree",
        "mermaid",
        "productionlist",
        "eval-rst",
    }
)
#: directives whose body the build parses as inline text
INLINE_BODY = frozenset({"parsed-literal", "line-block"})
#: front-matter keys MyST parses as Markdown (docutils' bibliographic fields)
BIBLIOGRAPHIC = frozenset(
    {
        "author",
        "authors",
        "organization",
        "address",
        "contact",
        "version",
        "revision",
        "status",
        "date",
        "copyright",
        "dedication",
        "abstract",
    }
)


@dataclass(frozen=True)
class Reading:
    """One text the build parses, the file line of each of its lines, and how."""

    text: str
    lines: tuple[int, ...]
    inline: bool = False
    kind: str = "text"
    trainer: bool = False

    def line_at(self, index: int) -> int:
        if not self.lines:
            return 1
        return self.lines[min(max(index, 0), len(self.lines) - 1)]


def _numbered(pairs: list[tuple[str, int]], **how: Any) -> Reading:
    return Reading("\n".join(text for text, _ in pairs), tuple(n for _, n in pairs), **how)


def walk(
    reading: Reading, depth: int, seen: set[Any], *, page: bool, every_reading: bool
) -> Iterator[Block]:
    for token in parse(reading.text, reading.inline):
        start, end = (token.map[0], token.map[1]) if token.map else (0, 1)
        if reading.inline and token.type == "inline":
            start, end = 0, len(reading.lines)
        lines = tuple(reading.line_at(i) for i in range(start, max(end, start + 1)))
        block = Block(token, lines[0], depth, reading.trainer, reading.kind, lines)
        if token.type == "front_matter":
            if page and depth == 0:
                yield block
                for inner in front_matter_readings(token.content, lines):
                    yield from walk(inner, depth + 1, seen, page=False, every_reading=True)
            continue  # MyST drops the front matter of an included or nested text
        directive = directive_of(block)
        if directive is not None:
            key = (directive.line, token.info, token.content)
            if key in seen:
                continue  # the same directive, met again in another reading
            seen.add(key)
        yield block
        if directive is None:
            continue
        trainer = reading.trainer or directive.name in TRAINER_ONLY
        # a slide's text is in the decks only: not the page's own text (words, terms)
        kind = "slide" if directive.name == "slide" else reading.kind
        if every_reading:
            found = directive_readings(directive, trainer, kind)
        elif directive.name in OPAQUE or directive.name in ("quiz", "glossary"):
            found = []
        else:
            found = [_numbered(_body_pairs(directive), kind=kind, trainer=trainer)]
        for inner in found:
            yield from walk(inner, depth + 1, seen, page=False, every_reading=every_reading)


def directive_readings(directive: Directive, trainer: bool, kind: str = "text") -> list[Reading]:
    """The texts the build may parse inside ``directive``; the body as a directive with
    options sees it comes first."""
    d = directive
    body = _numbered(_body_pairs(d), kind=kind, trainer=trainer)
    if d.name == "quiz":
        return [*quiz_readings(d.content, d.content_lines, trainer), *_heads(d, trainer)]
    if d.name == "glossary":
        return [*glossary_readings(d, trainer), *_heads(d, trainer)]
    out = []
    if d.name not in OPAQUE:
        out.append(body)
        content = list(zip(d.content.split("\n"), d.content_lines, strict=False))
        # lines MyST took as options (even ones its tokenizer refused, which it drops)
        taken = d.body_offset - (1 if d.blank_removed else 0)
        arguments, options = signature(d.name) or (False, False)  # unknown: every reading
        if taken > 0 and not options:  # a directive without options reads them as text
            out.append(_numbered(content, kind="reading", trainer=trainer))
        if d.args and not arguments:  # ... and one without an argument, the opening line
            first = [(d.args, d.line)]
            out.append(_numbered(first + content[taken:], kind="reading", trainer=trainer))
            if taken > 0 and not options:
                out.append(_numbered(first + content, kind="reading", trainer=trainer))
        if d.name in INLINE_BODY:
            out.append(replace(body, inline=True, kind="reading"))
        if d.name == "csv-table":
            out += csv_readings(d, trainer)
    return [*out, *_heads(d, trainer)]


def _body_pairs(d: Directive) -> list[tuple[str, int]]:
    lines = d.body.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [(text, d.body_line + i) for i, text in enumerate(lines)]


def _heads(d: Directive, trainer: bool) -> list[Reading]:
    """The opening line (a title, parsed inline, or the body's first line) and option values."""
    out = []
    if d.args:
        out.append(Reading(d.args, (d.line,), inline=True, kind="arg", trainer=trainer))
        out.append(Reading(d.args, (d.line,), kind="arg", trainer=trainer))
    for option in d.options:
        lines = tuple(range(option.line, option.line + option.value.count("\n") + 1))
        out.append(Reading(option.value, lines, inline=True, kind="option", trainer=trainer))
        out.append(Reading(option.value, lines, kind="option", trainer=trainer))
    return out


def quiz_readings(content: str, lines: tuple[int, ...], trainer: bool) -> list[Reading]:
    """Every text of a quiz (question, option, feedback), parsed inline by the build."""
    from curriculum.core.yamlsource import YamlSourceError, load_yaml

    first = lines[0] if lines else 1
    try:
        loaded = load_yaml(content, first_line=first)
    except YamlSourceError:
        return []  # the build refuses the quiz too; `quiz` names the problem
    out = []
    for path, value in _strings(loaded.data, ()):
        line = loaded.line_of(path)
        text = value.strip()
        numbers = tuple(range(line, line + text.count("\n") + 1))
        out.append(Reading(text, numbers, inline=True, kind="quiz", trainer=trainer))
    return out


def _strings(data: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))


def glossary_readings(d: Directive, trainer: bool) -> list[Reading]:
    """Terms (inline) and definitions (Markdown), split and dedented as Sphinx's glossary does."""
    pairs = _body_pairs(d)
    if d.args:  # the glossary takes no argument: the opening line is its first term
        pairs = [(d.args, d.line), *pairs]
    out: list[Reading] = []
    definition: list[tuple[str, int]] = []
    indent = 0
    in_definition, in_comment = True, False

    def close() -> None:
        if definition:
            out.append(_numbered(list(definition), kind="glossary", trainer=trainer))
            definition.clear()

    for text, line in pairs:
        if not text:
            if in_definition and definition:
                definition.append(("", line))
            continue
        if not text[0].isspace():
            if text.startswith(".. "):
                in_comment = True
                continue
            in_comment = False
            close()
            in_definition = False
            term = text.split(" : ", 1)[0]  # classifiers are not shown
            out.append(Reading(term, (line,), inline=True, kind="glossary", trainer=trainer))
        elif not in_comment:
            if not in_definition:
                in_definition = True
                indent = len(text) - len(text.lstrip())
            definition.append((text[indent:], line))
    close()
    return out


def csv_readings(d: Directive, trainer: bool) -> list[Reading]:
    """Each cell of a csv-table (and its ``:header:``), parsed as Markdown by the build."""
    from docutils.parsers.rst.directives.tables import CSVTable

    options: dict[str, Any] = {}
    for option in d.options:
        convert = CSVTable.option_spec.get(option.key)
        if option.key in ("delim", "quote", "escape", "keepspace") and convert is not None:
            try:
                options[option.key] = convert(option.value or None)  # type: ignore[arg-type]
            except (ValueError, TypeError):
                continue
    try:
        dialect = CSVTable.DocutilsDialect(options)
    except (TypeError, csv.Error):
        return []
    out = cells(d.body.split("\n"), d.body_line, dialect, trainer)
    header = d.option("header")
    if header:
        line = next(o.line for o in d.options if o.key == "header")
        out += cells(header.split("\n"), line, dialect, trainer)
    return out


def cells(rows: list[str], first_line: int, dialect: Any, trainer: bool) -> list[Reading]:
    out = []
    reader = csv.reader((row + "\n" for row in rows), dialect=dialect)
    start = 0
    try:
        for row in reader:
            for cell in row:
                numbers = tuple(range(first_line + start, first_line + reader.line_num))
                out.append(
                    Reading(cell, numbers or (first_line + start,), kind="table", trainer=trainer)
                )
            start = reader.line_num
    except csv.Error:
        pass  # the build refuses a malformed table
    return out


def front_matter_readings(content: str, lines: tuple[int, ...]) -> list[Reading]:
    """The front matter's ``title`` (the page heading) and bibliographic fields."""
    first = lines[0] + 1 if lines else 2
    data, line_of = front_matter(content, first)
    if not isinstance(data, dict):
        return []
    out = []
    title = data.get("title")
    if title:
        out.append(Reading(f"# {title}", (line_of("title"),), kind="front-matter"))
    for key, value in data.items():
        if key in BIBLIOGRAPHIC:
            text = value if isinstance(value, str) else json.dumps(value, default=str)
            numbers = tuple(range(line_of(key), line_of(key) + text.count("\n") + 1))
            out.append(Reading(text, numbers, inline=True, kind="front-matter"))
    return out


def front_matter(content: str, first: int) -> tuple[Any, Any]:
    """The front matter as MyST reads it (PyYAML's safe loader), and each key's line.

    The course's own loader is stricter (duplicate keys, aliases): where it refuses
    text that MyST still reads, MyST's reading counts, located at the first line.
    """
    import yaml

    from curriculum.core.yamlsource import YamlSourceError, load_yaml

    try:
        loaded = load_yaml(content, first_line=first)
        return loaded.data, lambda key: loaded.line_of((key,))
    except YamlSourceError:
        pass
    try:
        data = yaml.safe_load(content)
    except (yaml.YAMLError, ValueError, RecursionError):
        return None, lambda key: first
    return data, lambda key: first


def blocks(
    text: str,
    first_line: int = 1,
    depth: int = 0,
    trainer: bool = False,
    *,
    page: bool = False,
    every_reading: bool = True,
) -> Iterator[Block]:
    """Every token, and the tokens of everything the build parses inside directives.

    ``page``: the text is a whole page, whose front matter MyST reads (an included
    file's is dropped). ``every_reading``: read each directive every way the build
    may (see :mod:`.readings`); without it, only bodies, as a directive that takes
    options sees them.
    """
    yield from _read(text, first_line, depth, trainer, page, every_reading)


@lru_cache(maxsize=64)
def _read(
    text: str, first_line: int, depth: int, trainer: bool, page: bool, every_reading: bool
) -> tuple[Block, ...]:
    """The blocks of one text, read once: lint's checks (pages, the policy's word count,
    timing plans) each walk the same module page, and a walk parses every directive
    several ways. Nothing downstream changes a token."""
    lines = tuple(range(first_line, first_line + text.count("\n") + 1))
    reading = Reading(text, lines, trainer=trainer)
    return tuple(walk(reading, depth, set(), page=page, every_reading=every_reading))


def directives(text: str) -> Iterator[Directive]:
    """Each directive of a page once, with its body as the directive receives it."""
    for block in blocks(text, every_reading=False):
        directive = as_directive(block.token, block.line, content_lines(block))
        if directive is not None:
            yield directive
