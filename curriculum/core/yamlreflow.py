"""YAML re-flowed to fit a printed line, with the same data.

A folded block scalar (``key: >-`` and the lines below it) joins its lines with
spaces, so where its lines break does not change its value. On paper, a model
answer's long folded lines wrapped with continuation marks at the box's edge;
re-flowed to the printed width, they do not wrap at all. Only folded scalars are
re-flowed, only at single spaces between words, and the result is kept only if it
loads to exactly the same data (anything else, or YAML that does not load, is
returned unchanged).
"""

from __future__ import annotations

import re

import yaml

#: libyaml's parser where PyYAML has it (about 50 times faster)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(text: str) -> object:
    return yaml.load(text, Loader=_LOADER)  # a safe loader


#: a line that opens a folded block scalar: ``key: >``, ``- >-``, ``key: >+ # note``
_FOLDED = re.compile(r"^(?P<indent>\s*)(?:-\s+)*(?:[^#\s][^#]*?:\s+)?>[-+]?\s*(?:#.*)?$")


def _wrap(text: str, width: int) -> list[str]:
    """``text`` broken only at single spaces between non-spaces, lines at most
    ``width`` where a break allows it."""
    lines: list[str] = []
    start = 0
    last_break = -1
    for index in range(1, len(text) - 1):
        if text[index] == " " and text[index - 1] != " " and text[index + 1] != " ":
            if index - start > width and last_break > start:
                lines.append(text[start:last_break])
                start = last_break + 1
            last_break = index
    if len(text) - start > width and last_break > start:
        lines.append(text[start:last_break])
        start = last_break + 1
    lines.append(text[start:])
    return lines


#: ``key: a long plain value`` or ``- a long plain value`` (no quote, no comment)
_PLAIN = re.compile(
    r"^(?P<head>\s*(?:-\s+)*(?:[A-Za-z_][\w-]*:\s+|-\s+))(?P<value>[^\s\"'\[\]{}|>&*!%@`#-].*)$"
)


def _fold_plain(line: str, width: int) -> list[str]:
    """A long plain scalar as a folded one, ``key: >-`` and its words below; a long
    comment as several."""
    comment = re.match(r"^(\s*)# (.*)$", line)
    if comment and len(line) > width:
        prefix = comment[1] + "# "
        return [prefix + piece for piece in _wrap(comment[2], max(width - len(prefix), 20))]
    match = _PLAIN.match(line)
    if match is None or len(line) <= width or " #" in line or ": " in match["value"]:
        return [line]
    head = match["head"]
    if head.rstrip().endswith(":"):  # key: value, under the key
        indent = len(re.match(r"\s*(?:-\s+)*", head).group(0)) + 2  # type: ignore[union-attr]
    else:  # - value, under the value
        indent = len(head)
    wrapped = _wrap(match["value"].rstrip(), max(width - indent, 20))
    return [head.rstrip() + " >-", *(" " * indent + piece for piece in wrapped)]


def reflow_folded(source: str, width: int) -> str:
    """``source`` with the lines of each folded block scalar re-flowed to ``width``
    columns (indentation included), and long plain values folded; unchanged unless
    the data stays the same."""
    lines = source.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        out.extend(_fold_plain(line, width))
        index += 1
        opener = _FOLDED.match(line)
        if opener is None:
            continue
        parent = len(opener.group("indent"))
        block = index
        while block < len(lines) and not lines[block].strip():
            block += 1
        if block >= len(lines):
            continue
        indent = len(lines[block]) - len(lines[block].lstrip(" "))
        if indent <= parent:
            continue
        index = _reflow_block(lines, index, indent, width, out)
    result = "\n".join(out)
    if result == source:
        return source
    try:
        same = _load(result) == _load(source)
    except yaml.YAMLError:
        return source
    return result if same else source


def _reflow_block(lines: list[str], index: int, indent: int, width: int, out: list[str]) -> int:
    """Re-flow the folded scalar's lines from ``index`` (its content, ``indent``
    columns in) into ``out``; the index of the first line after it."""
    run: list[str] = []

    def flush() -> None:
        if run:
            wrapped = _wrap(" ".join(run), max(width - indent, 20))
            out.extend(" " * indent + piece for piece in wrapped)
            run.clear()

    while index < len(lines):
        current = lines[index]
        if current.strip() and len(current) - len(current.lstrip(" ")) < indent:
            break  # the scalar has ended
        if not current.strip() or current.startswith(" " * (indent + 1)):
            flush()  # a blank or more-indented line keeps its place and breaks
            out.append(current)
        else:
            run.append(current[indent:])
        index += 1
    flush()
    return index
