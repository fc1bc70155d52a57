"""What many validators need, written once: text, counts, ids, owners, the case's data.

A validator keeps its scenario and its rules; this module keeps the plumbing.
Every function is pure and never raises on a learner's input.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from curriculum.core.yamlsource import load_yaml
from curriculum.validation.fields import NAMES_NOBODY

T = TypeVar("T")

_WORD = re.compile(r"[\w’'-]+")
#: file of an exercise folder that holds its scenario's facts (batches, keys, baselines)
CASE_FILE = "case.yaml"


def words(text: str | None) -> list[str]:
    """The words of ``text`` (letters, digits, apostrophes and hyphens)."""
    return _WORD.findall(text or "")


def word_count(text: str | None) -> int:
    return len(words(text))


def normal(text: str) -> str:
    """Text as compared: case-folded, white space collapsed."""
    return " ".join(text.split()).casefold()


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 change``, ``2 changes`` (``many`` for irregular plurals)."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def listed(items: Iterable[str], conjunction: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def duplicates(values: Iterable[T], key: Callable[[T], Any] = lambda v: v) -> list[T]:
    """Each value whose key appears more than once, in first-seen order, once."""
    items = list(values)
    counts = Counter(key(v) for v in items)
    seen: set[Any] = set()
    out = []
    for value in items:
        k = key(value)
        if counts[k] > 1 and k not in seen:
            seen.add(k)
            out.append(value)
    return out


def names_nobody(name: str, extra: Iterable[str] = ()) -> bool:
    """Whether an owner, sponsor or reviewer field names no one who could act.

    Empty text, placeholders (``TBD``, ``n/a``) and words for everyone or no one
    name nobody; ``extra`` adds the words an exercise's case invites (``the
    business``, ``IT``). Compared in lower case with white space collapsed.
    """
    text = normal(name).strip(" .")
    return not text or text in NAMES_NOBODY or text in {normal(e) for e in extra}


def in_order(values: Sequence[Any], *, strict: bool = False) -> int | None:
    """The index of the first value that comes before the one ahead of it, or None."""
    for index in range(1, len(values)):
        if values[index] < values[index - 1] or (strict and values[index] == values[index - 1]):
            return index
    return None


def terms(phrases: Iterable[str]) -> re.Pattern[str]:
    """One pattern finding any of ``phrases`` as whole words, in any letter case, with
    any run of spaces or hyphens where a phrase has a space (``on-call`` = ``on call``)."""
    parts = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not parts:
        return re.compile(r"(?!x)x")
    alternatives = [r"[\s-]+".join(re.escape(word) for word in p.split()) for p in parts]
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


def find_terms(text: str | None, phrases: Iterable[str] | re.Pattern[str]) -> list[str]:
    """The phrases found in ``text``, as written there, each once, in order of appearance."""
    pattern = phrases if isinstance(phrases, re.Pattern) else terms(phrases)
    found: dict[str, str] = {}  # as compared -> as written, first one kept
    for match in pattern.finditer(text or ""):
        found.setdefault(normal(match.group(0)), match.group(0))
    return list(found.values())


def load_case(validator_file: str | None = None) -> Any:
    """The exercise's ``case.yaml`` (beside its ``validator.py``), as plain data.

    Called at import time by a validator: ``CASE = load_case()``. The file is
    the one source of the scenario's facts (a batch of tickets, a change
    catalogue, baselines), read with the course's safe YAML loader; the
    exercise's tests check the template and brief against it.
    """
    if validator_file is None:
        validator_file = sys._getframe(1).f_globals["__file__"]
    path = Path(validator_file).with_name(CASE_FILE)
    return load_yaml(path.read_text(encoding="utf-8")).data
