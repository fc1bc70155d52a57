"""Pure helpers for the dsk-05 rules: a candidate's ids, its user-minutes, text pieces."""

from __future__ import annotations

import re

from .schema import _ID, _NUMBER, EXPORT, Candidate, Incident, ProblemCandidate


def _ids(candidate: Candidate) -> list[str]:
    """The candidate's listed ids, normalised to upper case, without repeats."""
    seen: list[str] = []
    for raw in candidate.incidents:
        tid = raw.strip().upper()
        if tid not in seen:
            seen.append(tid)
    return seen


def _known(candidate: Candidate) -> list[Incident]:
    return [EXPORT[i] for i in _ids(candidate) if i in EXPORT]


def _all_known(candidate: Candidate) -> bool:
    return all(i in EXPORT for i in _ids(candidate))


def recomputed(candidate: Candidate) -> int:
    """User-minutes of the candidate's listed incidents that are in the export."""
    return sum(i.user_minutes for i in _known(candidate))


def _label(candidate: Candidate) -> str:
    return f"rank {candidate.rank} ({candidate.service} / {candidate.category})"


def _categories() -> str:
    pairs = sorted({(i.service, i.category) for i in EXPORT.values()})
    return "; ".join(f"{s} / {c}" for s, c in pairs)


def _raised(doc: ProblemCandidate) -> Candidate | None:
    rank = doc.problem_record.candidate_rank
    return next((c for c in doc.candidates if c.rank == rank), None)


def _numbers(text: str) -> set[float]:
    text = _ID.sub(" ", text)
    return {float(re.sub(r"[,\u00a0\u202f]", "", m)) for m in _NUMBER.findall(text)}


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;!?])\s+", text) if s.strip()]
