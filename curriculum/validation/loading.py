"""Read a learner's artefact safely: never executed, bounded in size, depth and time.

YAML goes through :mod:`curriculum.core.yamlsource` (no tags, no aliases, one
document, depth and size limits, duplicate keys, lines kept). JSON is parsed by
the standard library after a depth pre-scan, with duplicate keys reported;
lines come from the YAML loader when the JSON is also valid YAML. Numbers
beyond what arithmetic can hold (more digits than Python reads, or past the
float range) are refused with their line, so no rule meets them.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from curriculum.core.yamlsource import MAX_DEPTH, LoadedYaml, YamlSourceError, load_yaml
from curriculum.validation.findings import Finding, Location, clip

MAX_BYTES = 256 * 1024
#: the largest number a submission may hold: anything larger cannot become a float
MAX_NUMBER = sys.float_info.max
MAX_DIGITS = len(str(int(MAX_NUMBER)))  # 309


class SubmissionError(Exception):
    """The file cannot be checked at all; ``finding`` says why and what to do."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


@dataclass
class Submission:
    """A loaded artefact: plain data and the line of each field where known."""

    path: Path
    data: Any
    loaded: LoadedYaml = field(default_factory=lambda: LoadedYaml(None))

    #: where this submission sits inside another one (an artefact embedded in a capstone)
    prefix: tuple[str | int, ...] = ()
    #: the submission this one is embedded in, if any
    parent: Submission | None = None

    def line_of(self, loc: tuple[str | int, ...]) -> int | None:
        if self.parent is not None:
            return self.parent.line_of((*self.prefix, *loc))
        if not self.loaded.lines:
            return None
        return self.loaded.line_of(loc)

    def embed(self, prefix: tuple[str | int, ...], data: Any) -> Submission:
        """A submission for ``data``, found at ``prefix`` in this one; lines map back here."""
        return Submission(self.path, data, self.loaded, prefix, self)


def _fail(code: str, message: str, hint: str = "", line: int | None = None) -> SubmissionError:
    return SubmissionError(Finding(code, message, hint, Location(line)))


def read_submission_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The file's text, or a :class:`SubmissionError` explaining why not."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise _fail(
            "file.missing",
            f"cannot read the file: {err.strerror}",
            "check the path and that the file exists",
        ) from None
    if not path.is_file():
        raise _fail("file.missing", "this is not a file", "give the path of your artefact file")
    if size > max_bytes:
        raise _fail(
            "file.too-large",
            f"the file is {size / 1024:,.0f} KiB; the limit is {max_bytes // 1024} KiB",
            "an artefact is a short YAML or JSON file: start again from the template",
        )
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise _fail("file.missing", f"cannot read the file: {err.strerror}") from None
    if not raw.strip():
        raise _fail("file.empty", "the file is empty", "fill in the template and save it")
    if b"\x00" in raw[:8192]:
        raise _fail(
            "file.binary",
            "the file is not text (it contains NUL bytes)",
            "save the artefact as plain text (.yaml or .json), not as a document",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise _fail(
            "file.encoding",
            "the file is not UTF-8 text",
            "save it with UTF-8 encoding (most editors offer it under 'Save as')",
            line,
        ) from None
    return text


def load_submission(path: Path, fmt: str = "yaml", max_bytes: int = MAX_BYTES) -> Submission:
    """Load a YAML (``fmt='yaml'``) or JSON (``fmt='json'``) artefact."""
    text = read_submission_text(path, max_bytes)
    if fmt == "json":
        return _load_json(path, text)
    try:
        loaded = load_yaml(text, max_bytes=max_bytes, pure=True)
    except YamlSourceError as err:
        raise _fail(_yaml_code(err.message), err.message, err.hint, err.line) from None
    except (ValueError, OverflowError):
        # Python refuses to read an integer of more than 4,300 digits (int_max_str_digits)
        problem = _yaml_number_problem(text)
        raise problem or _fail(
            "file.syntax",
            "a value in the file cannot be read",
            "check the values against the template; put a value that is meant as text in quotes",
        ) from None
    if _has_huge_number(loaded.data):
        problem = _yaml_number_problem(text)
        if problem is not None:
            raise problem
    return Submission(path, loaded.data, loaded)


# --- numbers no real figure needs ---------------------------------------------------------

_DECIMAL = re.compile(r"[-+]?[0-9][0-9_]*")
_BASED = re.compile(r"[-+]?0(x[0-9a-fA-F_]+|o[0-7_]+|b[01_]+)")
_FLOATISH = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][-+]?[0-9]+)?")


def number_problem(literal: str, line: int | None) -> SubmissionError | None:
    """A ``file.number`` error when ``literal`` is too long or too large, else None."""
    text = literal.replace("_", "")
    where = f"the number at line {line}" if line else "a number in the file"
    too_large = f"{where} ({clip(literal, 24)}) is too large to calculate with"
    if _DECIMAL.fullmatch(literal):
        digits = len(text.lstrip("+-").lstrip("0"))
        if digits > MAX_DIGITS:
            return _number(f"{where} has {digits:,} digits, far more than any real figure", line)
        return _number(too_large, line) if abs(int(text)) > MAX_NUMBER else None
    if _BASED.fullmatch(literal):
        body = text.lstrip("+-")
        base = {"x": 16, "o": 8, "b": 2}[body[1].lower()]
        return _number(too_large, line) if int(body[2:] or "0", base) > MAX_NUMBER else None
    if any(c.isdigit() for c in literal) and _FLOATISH.fullmatch(literal):
        with contextlib.suppress(ValueError):
            if math.isinf(float(text)):
                return _number(f"{too_large}: it would be read as infinity", line)
    return None


def _number(message: str, line: int | None) -> SubmissionError:
    return _fail(
        "file.number",
        message,
        "write a realistic figure (the template shows the kind of number expected); "
        "if it is meant as text, put it in quotes",
        line,
    )


def _has_huge_number(data: Any) -> bool:
    """Whether any key or value is an integer past the float range, or infinite."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, bool):
            continue
        elif isinstance(item, int) and abs(item) > MAX_NUMBER:
            return True
        elif isinstance(item, float) and math.isinf(item):
            return True  # `.inf` is allowed; 1e999999 is not (the source says which)
    return False


def _plain_scalars(text: str) -> Iterator[tuple[str, int]]:
    """Each unquoted scalar of a YAML text and its 1-based line."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.ScalarEvent) and event.implicit[0]:
                mark = event.start_mark
                yield event.value, (mark.line + 1 if mark is not None else 1)
    finally:
        loader.dispose()


def _yaml_number_problem(text: str) -> SubmissionError | None:
    with contextlib.suppress(yaml.YAMLError):
        for literal, line in _plain_scalars(text):
            problem = number_problem(literal, line)
            if problem is not None:
                return problem
    return None


def _yaml_code(message: str) -> str:
    if "aliases" in message or "tags" in message:
        return "file.unsafe"
    if "nested" in message:
        return "file.too-deep"
    if "duplicate key" in message:
        return "file.duplicate-key"
    if "KiB" in message:
        return "file.too-large"
    return "file.syntax"


def _json_depth_ok(text: str) -> int | None:
    """The line where nesting first exceeds the limit, or None; strings are skipped."""
    depth = 0
    line = 1
    in_string = escaped = False
    for char in text:
        if char == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif char in "]}":
            depth -= 1
    return None


def _load_json(path: Path, text: str) -> Submission:
    deep = _json_depth_ok(text)
    if deep is not None:
        raise _fail(
            "file.too-deep",
            f"the JSON is nested more than {MAX_DEPTH} levels deep",
            "flatten the structure; the template shows the expected shape",
            deep,
        )
    duplicates: list[str] = []
    numbers: list[str] = []

    def integer(literal: str) -> int:
        if len(literal) > MAX_DIGITS + 1 or abs(int(literal)) > MAX_NUMBER:
            numbers.append(literal)
            return 0
        return int(literal)

    def real(literal: str) -> float:
        value = float(literal)
        if math.isinf(value):
            numbers.append(literal)
        return value

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in items:
            if key in seen:
                duplicates.append(key)
            seen[key] = value
        return seen

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_int=integer, parse_float=real)
    except json.JSONDecodeError as err:
        raise _fail(
            "file.syntax",
            f"invalid JSON: {err.msg}",
            "check commas, quotes and brackets near this line",
            err.lineno,
        ) from None
    except RecursionError:  # pragma: no cover - the depth pre-scan stops this first
        raise _fail("file.too-deep", "the JSON is nested too deeply") from None
    if numbers:
        at = text.find(numbers[0])
        line = text.count("\n", 0, at) + 1 if at >= 0 else None
        raise number_problem(numbers[0], line) or _number("a number is too large", line)
    loaded = LoadedYaml(data)
    # JSON is (almost always) YAML too: take the lines from the YAML reader
    with contextlib.suppress(YamlSourceError, ValueError, OverflowError, RecursionError):
        loaded.lines = load_yaml(text, pure=True).lines
    if duplicates:
        raise _fail(
            "file.duplicate-key",
            f"the key '{duplicates[0]}' appears twice in one object",
            "keep one of them",
            loaded.line_of((duplicates[0],)) if loaded.lines else None,
        )
    return Submission(path, data, loaded)
