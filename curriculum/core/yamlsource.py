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

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from curriculum.core.yamlreaders import (
    FastLoader,
    Loader,
    PureLoader,
    compose,
    events,
    scalar,
)

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
    reader: Loader = PureLoader if pure else FastLoader
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
        root = compose(text, reader)
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


def _check_events(text: str, offset: int, reader: Loader) -> None:
    """Refuse aliases, explicit tags and deep nesting before anything is built."""
    depth = 0
    documents = 0
    for event in events(text, reader):
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
            key = scalar(key_node)
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
    return scalar(node)


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
