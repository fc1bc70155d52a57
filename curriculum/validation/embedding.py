"""How a check reaches another exercise's validator (a capstone embedding earlier artefacts).

The registry runs checks and knows the exercises; :class:`~.exercise.Check` only
needs to hand an embedded artefact to someone. While a check runs, the registry
puts its own function here; the check calls it. No import cycle, and no global:
the context variable holds it only for the duration of that check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from curriculum.validation.findings import Finding
from curriculum.validation.loading import Submission

#: (exercise id, embedded artefact) -> (its findings, or one problem that stops the check)
Embedder = Callable[[str, Submission], tuple[list[Finding], Finding | None]]

_EMBEDDER: ContextVar[Embedder | None] = ContextVar("course_embedder", default=None)


@contextmanager
def embedding_with(embedder: Embedder) -> Iterator[None]:
    token = _EMBEDDER.set(embedder)
    try:
        yield
    finally:
        _EMBEDDER.reset(token)


def validate_embedded(
    exercise_id: str, submission: Submission
) -> tuple[list[Finding], Finding | None]:
    embedder = _EMBEDDER.get()
    if embedder is None:
        raise RuntimeError("Check.embedded works only while check_file runs")
    return embedder(exercise_id, submission)
