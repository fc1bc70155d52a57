"""The two YAML readers (libyaml's C parser and PyYAML's pure-Python one, which the
browser runs) resolving plain scalars by the YAML 1.2 core schema, so that both read
a file the same way (a test compares them on every YAML file of the course)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import Event
from yaml.nodes import Node, ScalarNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner
from yaml.tokens import ScalarToken

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


class PureLoader(Reader, _PlainScanner, Parser, Composer, _Resolver):
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

    class FastLoader(CParser, _Resolver):
        """libyaml's parser and composer with the resolver above; it constructs nothing."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Resolver.__init__(self)

else:  # pragma: no cover - PyYAML wheels ship libyaml; this keeps a source build working
    FastLoader = PureLoader  # type: ignore[misc,assignment]

Loader = type[PureLoader] | type[FastLoader]


def events(text: str, reader: Loader) -> Iterator[Event]:
    loader = reader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if event is not None:
                yield event
    finally:
        loader.dispose()


def compose(text: str, reader: Loader) -> Node | None:
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


def scalar(node: ScalarNode) -> Any:
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
