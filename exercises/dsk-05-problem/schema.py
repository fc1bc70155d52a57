"""The schema of a problem candidate (dsk-05), and the export it is checked against.

The export is the one printed in the template, kept in ``case.yaml``; the word
lists the statement is read with are there too (whole words, any case).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, NamedTuple

from pydantic import Field, StrictFloat, StrictInt, StrictStr

from curriculum.validation import Artefact
from curriculum.validation.fields import Text
from curriculum.validation.toolkit import load_case, terms

CASE = load_case()
#: the export as the template prints it, one row per incident:
#: id, opened, service, category, description, users_affected, minutes_lost
EXPORT_ROWS: list[list[Any]] = CASE["export"]


class Incident(NamedTuple):
    id: str
    opened: str
    service: str
    category: str
    description: str
    users: int
    minutes: int

    @property
    def key(self) -> tuple[str, str]:
        return pattern_key(self.service, self.category)

    @property
    def user_minutes(self) -> int:
        return self.users * self.minutes


def pattern_key(service: str, category: str) -> tuple[str, str]:
    return (" ".join(service.split()).casefold(), " ".join(category.split()).casefold())


EXPORT: dict[str, Incident] = {row[0]: Incident(*row) for row in EXPORT_ROWS}
#: pattern key -> the export's incidents with that key, in export order
PATTERNS: dict[tuple[str, str], list[Incident]] = {}
for _incident in EXPORT.values():
    PATTERNS.setdefault(_incident.key, []).append(_incident)

MIN_INCIDENTS: int = CASE["min_incidents"]
MIN_CANDIDATES, MAX_CANDIDATES = CASE["candidates"]
MIN_EVIDENCE_IDS: int = CASE["min_evidence_ids"]
TEXT_LIMITS = {
    "title": (3, 20),
    "statement": (12, 150),
    "business_effect": (3, 80),
    "next_step": (4, 60),
}


def _terms(name: str) -> re.Pattern[str]:
    """The case's list ``name`` as one pattern: any term, whole words, any case."""
    return terms(str(t) for t in CASE[name])


_DIAGNOSIS, _HEDGES, _CAUSAL = _terms("diagnosis"), _terms("hedges"), _terms("causal")
_BLAME = re.compile(
    _terms("actors").pattern + r"(?:'s)?(?:\s+\w+){0,2}?\s+" + _terms("fault_verbs").pattern,
    re.IGNORECASE,
)
_ROLES = _terms("roles")
_ID = re.compile(r"\bINC-\d{5}\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d{1,3}(?:[,\u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")

Number = StrictInt | StrictFloat


class Candidate(Artefact):
    rank: Annotated[StrictInt, Field(ge=1, description="1 = the most user-minutes")]
    service: Annotated[Text, Field(description="the service, as the export writes it")]
    category: Annotated[Text, Field(description="the category, as the export writes it")]
    incidents: Annotated[
        list[StrictStr], Field(description="the ids of the incidents in the pattern")
    ]
    count: Annotated[StrictInt, Field(ge=0, description="how many incidents you listed")]
    user_minutes: Annotated[Number, Field(ge=0, description="sum of users_affected x minutes_lost")]


class ProblemRecord(Artefact):
    candidate_rank: Annotated[StrictInt, Field(ge=1, description="the rank you raise: 1")]
    title: Annotated[Text, Field(description="a short title in the users' terms")]
    statement: Annotated[
        Text, Field(description="what happens, where, when, to whom, with incident ids")
    ]
    business_effect: Annotated[
        Text, Field(description="what it costs the business, with the user-minutes")
    ]
    next_step: Annotated[Text, Field(description="what you ask for, and from whom")]


class ProblemCandidate(Artefact):
    candidates: Annotated[
        list[Candidate],
        Field(
            min_length=MIN_CANDIDATES,
            max_length=MAX_CANDIDATES,
            description="your ranked candidates, 3 to 6",
        ),
    ]
    problem_record: Annotated[ProblemRecord, Field(description="the problem you raise")]
