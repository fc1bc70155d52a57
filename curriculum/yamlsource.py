"""Load YAML safely and remember the line of every key and list item.

Module front matter, the programme vocabulary and (later) learners' artefacts are
all untrusted text. This loader never constructs objects from tags, refuses
aliases (so an alias bomb costs nothing), bounds size and nesting, reports
duplicate keys, and returns plain Python data plus a map from each value's path
to its line in the file, so that schema errors can name the line.

Parsing is libyaml's, through PyYAML's C parser: about fifty times faster than a
pure-Python parser on a quiz, which matters because every build reads every
module's metadata and quizzes. Plain scalars are resolved by the YAML 1.2 core
schema (plus dates), so ``yes``, ``no`` and ``05:00`` stay text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, Event, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner
from yaml.tokens import ScalarToken

#: A path into loaded data: keys and list indexes, as pydantic reports them.
Path = tuple[str | int, ...]

MAX_BYTES = 256 * 1024
MAX_DEPTH = 20


class YamlSourceError(ValueError):
    """The text is not acceptable YAML. ``line`` is 1-based within the file."""

    def __init__(self, message: str, line: int | None = None, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.hint = hint


@dataclass
class LoadedYaml:
    """Plain data and the 1-based line of each key, value and list item."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    first_line: int = 1

    def line_of(self, path: Path) -> int:
        """The line of ``path``, or of its nearest ancestor that exists."""
        for cut in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:cut]))
            if line is not None:
                return line
        return self.first_line


def load_yaml(
    text: str, *, first_line: int = 1, max_bytes: int = MAX_BYTES, pure: bool = False
) -> LoadedYaml:
    """Parse ``text`` as one YAML document.

    ``first_line`` is the file line on which ``text`` starts (front matter
    starts on line 2). Raises :class:`YamlSourceError` with a file line.
    ``pure`` reads with the pure-Python parser, as the browser's Python does: for
    learners' files, whose findings must not depend on where they are checked
    (the course's own sources use libyaml, which is faster, where it is installed).
    """
    reader: _Loader = _PureLoader if pure else _FastLoader
    offset = first_line - 1
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise YamlSourceError(
            f"the YAML is {size // 1024} KiB, more than the {max_bytes // 1024} KiB allowed",
            first_line,
            "split the content or remove what is not needed",
        )
    deep = _flow_depth_line(text)
    if deep is not None:
        raise YamlSourceError(
            f"the YAML is nested more than {MAX_DEPTH} levels deep",
            deep + offset,
            "flatten the structure",
        )
    try:
        _check_events(text, offset, reader)
        root = _compose(text, reader)
    except YamlSourceError:
        raise
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 + offset if mark is not None else first_line
        problem = (err.problem or err.context or "malformed YAML").strip()
        hint = _syntax_hint(text, line - offset)
        raise YamlSourceError(f"invalid YAML: {problem}", line, hint) from None
    except yaml.YAMLError as err:  # pragma: no cover - unmarked errors are rare
        raise YamlSourceError(f"invalid YAML: {err}", first_line) from None
    loaded = LoadedYaml(None, first_line=first_line)
    if root is not None:
        loaded.data = _plain(root, (), loaded.lines, offset)
    return loaded


def _syntax_hint(text: str, line: int) -> str:
    """How to fix a syntax error on ``line`` (1-based within ``text``)."""
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here[: len(here) - len(here.lstrip())]:
        return "YAML indents with spaces, not tabs: replace the tab at the start of the line"
    return (
        "check indentation and quoting; text containing ': ' or starting with "
        "a special character needs quotes"
    )


def _flow_depth_line(text: str) -> int | None:
    """The line where ``[``/``{`` nesting passes the limit, before the parser sees it.

    A parser looks far ahead inside deep flow collections (a pure-Python one took 0.7 s
    for 20,000 levels), so those are refused by this linear scan first. Quoted
    text and comments are skipped; block nesting is limited in
    :func:`_check_events`.
    """
    depth = 0
    line = 1
    quote = ""
    previous = "\n"
    for char in text:
        if char == "\n":
            line += 1
            if quote == "#":
                quote = ""
        elif quote == "#":
            pass
        elif quote:
            if char == quote and previous != "\\":
                quote = ""
        elif char in "'\"" and previous in " \t\n[{,:":
            quote = char
        elif char == "#" and previous in " \t\n":
            quote = "#"
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif char in "]}":
            depth = max(0, depth - 1)
        previous = char
    return None


def _check_events(text: str, offset: int, reader: _Loader) -> None:
    """Refuse aliases, explicit tags and deep nesting before anything is built."""
    depth = 0
    documents = 0
    for event in _events(text, reader):
        line = (event.start_mark.line + 1 if event.start_mark else 1) + offset
        name = type(event).__name__
        if name == "DocumentStartEvent":
            documents += 1
            if documents > 1:
                raise YamlSourceError(
                    "more than one YAML document ('---' separator) found",
                    line,
                    "keep a single document",
                )
        if isinstance(event, AliasEvent):
            raise YamlSourceError(
                "YAML aliases (*name) are not allowed",
                line,
                "write the value out in full instead of referring to an anchor",
            )
        if isinstance(event, NodeEvent):
            tag = getattr(event, "tag", None)
            implicit = getattr(event, "implicit", True)
            explicit = implicit is False or (isinstance(implicit, tuple) and not any(implicit))
            if tag is not None and tag != "!" and explicit:
                raise YamlSourceError(
                    f"YAML tags such as '{tag}' are not allowed",
                    line,
                    "remove the '!' tag; write plain values",
                )
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlSourceError(
                    f"the YAML is nested more than {MAX_DEPTH} levels deep",
                    line,
                    "flatten the structure",
                )
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


# --- YAML 1.2 core schema (as ruamel.yaml resolved it before), on libyaml's parser ------

_TAG = "tag:yaml.org,2002:"
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_INT = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$")
_TIMESTAMP = re.compile(
    r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
    (?:[Tt]|[ \t]+)[0-9][0-9]?
    :[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
    (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
    re.X,
)
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")


class _Resolver(BaseResolver):
    """Plain scalars: null, bool, int, float and timestamp of YAML 1.2; the rest is text."""


_Resolver.yaml_implicit_resolvers = {}  # its own table, not the YAML 1.1 one of PyYAML


for _tag, _regexp, _first in [
    ("null", _NULL, ["~", "n", "N", ""]),
    ("bool", _BOOL, list("tTfF")),
    ("int", _INT, list("-+0123456789")),
    ("float", _FLOAT, list("-+.0123456789")),
    ("timestamp", _TIMESTAMP, list("0123456789")),
]:
    _Resolver.add_implicit_resolver(_TAG + _tag, _regexp, _first)


class _PlainScanner(Scanner):
    """PyYAML's pure-Python scanner, ending a plain scalar in a flow collection where
    libyaml does: at ``,[]{}`` and at ``:`` before a space, but not at a ``?`` inside
    the text (``{change: Anything to check?, by: Priya}``). PyYAML's own rule is
    older than libyaml 0.2.5's; this method is PyYAML's (MIT) with that one change."""

    def scan_plain(self) -> ScalarToken:
        this: Any = self  # the reader's methods come from Reader, mixed in below
        chunks: list[str] = []
        start_mark = this.get_mark()
        end_mark = start_mark
        indent = this.indent + 1
        spaces: list[str] | None = []
        blank = "\0 \t\r\n\x85\u2028\u2029"
        while True:
            length = 0
            if this.peek() == "#":
                break
            while True:
                ch = this.peek(length)
                if (
                    ch in blank
                    or (
                        ch == ":"
                        and this.peek(length + 1) in blank + (",[]{}" if this.flow_level else "")
                    )
                    or (this.flow_level and ch in ",[]{}")
                ):
                    break
                length += 1
            if length == 0:
                break
            this.allow_simple_key = False
            chunks.extend(spaces or [])
            chunks.append(this.prefix(length))
            this.forward(length)
            end_mark = this.get_mark()
            spaces = this.scan_plain_spaces(indent, start_mark)
            if not spaces or this.peek() == "#" or (not this.flow_level and this.column < indent):
                break
        return ScalarToken("".join(chunks), True, start_mark, end_mark)


class _PureLoader(Reader, _PlainScanner, Parser, Composer, _Resolver):
    """PyYAML's pure-Python parser and composer with the resolver above: the reader of
    learners' files everywhere, since it is the one the browser's Python can run too,
    so the command line and the in-page checker read a file alike."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        _PlainScanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Resolver.__init__(self)


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _FastLoader(CParser, _Resolver):
        """libyaml's parser and composer with the resolver above; it constructs nothing."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Resolver.__init__(self)

else:  # pragma: no cover - PyYAML wheels ship libyaml; this keeps a source build working
    _FastLoader = _PureLoader  # type: ignore[misc,assignment]

_Loader = type[_PureLoader] | type[_FastLoader]


def _events(text: str, reader: _Loader) -> Iterator[Event]:
    loader = reader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if event is not None:
                yield event
    finally:
        loader.dispose()


def _compose(text: str, reader: _Loader) -> Node | None:
    loader = reader(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


_CONSTRUCTOR = SafeConstructor()


def _int(text: str) -> int:
    value = text.replace("_", "")
    sign = -1 if value[:1] == "-" else 1
    value = value.lstrip("+-")
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if value.startswith(prefix):
            return sign * int(value[2:], base)
    return sign * int(value, 10)  # YAML 1.2: a leading zero is not octal


def _float(text: str) -> float:
    value = text.replace("_", "").lower()
    if value.endswith(".inf"):
        return float("-inf") if value.startswith("-") else float("inf")
    if value == ".nan":
        return float("nan")
    return float(value)


def _scalar(node: ScalarNode) -> Any:
    kind = node.tag[len(_TAG) :] if node.tag.startswith(_TAG) else "str"
    if kind == "null":
        return None
    if kind == "bool":
        return node.value.lower() == "true"
    if kind == "int":
        return _int(node.value)
    if kind == "float":
        return _float(node.value)
    if kind == "timestamp":
        try:
            return _CONSTRUCTOR.construct_yaml_timestamp(node)
        except ValueError:  # shaped like a date but not one (2025-12-32): the schema says so
            return node.value
    return node.value


def _plain(node: Node, path: Path, lines: dict[Path, int], offset: int) -> Any:
    """Build plain data from the composed nodes, recording the line of each key and item."""
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        first: dict[Any, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1 + offset
            if not isinstance(key_node, ScalarNode):
                raise YamlSourceError(
                    "invalid YAML: a key must be plain text, not a list or a mapping",
                    line,
                    "write the key as text",
                )
            key = _scalar(key_node)
            if key in first:
                raise YamlSourceError(
                    f"invalid YAML: duplicate key '{key}' (first on line {first[key]})",
                    line,
                    "each key may appear once in a mapping: remove or rename one of them",
                )
            first[key] = line
            child = (*path, str(key))
            lines[child] = line
            out[key] = _plain(value_node, child, lines, offset)
        return out
    if isinstance(node, SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            child = (*path, index)
            lines[child] = item.start_mark.line + 1 + offset
            items.append(_plain(item, child, lines, offset))
        return items
    assert isinstance(node, ScalarNode)
    return _scalar(node)


@dataclass
class FrontMatter:
    """The YAML block at the top of a MyST file, if any."""

    loaded: LoadedYaml | None
    #: number of the closing ``---`` line (0 when there is no front matter)
    end_line: int = 0


def read_front_matter(text: str) -> FrontMatter:
    """Extract and load the front matter of a Markdown file.

    Front matter starts with ``---`` on the first line and ends at the next
    ``---`` (or ``...``) line, as in MyST. Raises :class:`YamlSourceError`.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return FrontMatter(None)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            body = "\n".join(lines[1:index]) + "\n"
            loaded = load_yaml(body, first_line=2)
            return FrontMatter(loaded, end_line=index + 1)
    raise YamlSourceError(
        "the front matter that starts on line 1 is never closed",
        1,
        "end the metadata block with a line holding only '---'",
    )
