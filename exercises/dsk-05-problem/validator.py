"""Checks a problem candidate drawn from Brightwater's incident export (module dsk-05).

The export below is the one printed in the template. Everything the learner
declares is recomputed from it:

- The pattern key is the pair (service, category), as the export writes them
  (compared without regard to case or surrounding spaces).
- A candidate lists every incident with its key, at least three of them.
- count is the number of ids listed; user_minutes is the sum of
  users_affected x minutes_lost over those ids.
- Candidates are ranked 1, 2, 3... by user-minutes, largest first, and no
  recurring pattern left out beats the lowest-ranked candidate.
- The problem record is raised for rank 1; its statement names at least three
  of that candidate's ids and no other ids, and the record states its
  user-minutes.
"""

from __future__ import annotations

import re
from typing import Annotated, NamedTuple

from pydantic import Field, StrictFloat, StrictInt, StrictStr

from curriculum.validation import Artefact, Check, Exercise, number

#: a shortened extract of Brightwater's incident export, 20 October to 14 November:
#: id, opened, service, category, description, users_affected, minutes_lost
EXPORT_ROWS: tuple[tuple[str, str, str, str, str, int, int], ...] = (
    (
        "INC-44594",
        "Mon 20 Oct 05:22",
        "Depot Scanning",
        "slow sync",
        "Northgate: scans take 20-30 s to confirm at load-out",
        30,
        25,
    ),
    (
        "INC-44614",
        "Mon 20 Oct 08:47",
        "Workplace IT",
        "login failure",
        "Cannot log in to laptop after password change",
        1,
        15,
    ),
    (
        "INC-44697",
        "Tue 21 Oct 05:41",
        "Depot Scanning",
        "device fault",
        "Handheld will not power on; spare issued",
        1,
        20,
    ),
    (
        "INC-44828",
        "Wed 22 Oct 11:05",
        "Business Customer Portal",
        "label printing",
        "Labels print with barcode cut off; customer reprinted",
        6,
        45,
    ),
    (
        "INC-44895",
        "Thu 23 Oct 05:55",
        "Route Planner",
        "late routes",
        "Eastfield and Hillcrest routes not on handhelds until 06:15",
        60,
        15,
    ),
    (
        "INC-45019",
        "Fri 24 Oct 09:30",
        "Workplace IT",
        "login failure",
        "Locked out of email after three wrong passwords",
        1,
        20,
    ),
    (
        "INC-45293",
        "Mon 27 Oct 05:31",
        "Depot Scanning",
        "slow sync",
        "Eastfield: spinning wheel on every scan during load-out",
        24,
        20,
    ),
    (
        "INC-45296",
        "Mon 27 Oct 05:40",
        "Depot Scanning",
        "slow sync",
        "Northgate: scans not confirming; vans held at bays",
        32,
        30,
    ),
    (
        "INC-45324",
        "Mon 27 Oct 10:12",
        "Workplace IT",
        "login failure",
        "Laptop says account disabled; re-enabled",
        1,
        10,
    ),
    (
        "INC-45445",
        "Tue 28 Oct 14:20",
        "Payroll and Rostering",
        "publish error",
        "Westmoor rota will not publish; error on Publish",
        1,
        60,
    ),
    (
        "INC-45526",
        "Wed 29 Oct 10:48",
        "Business Customer Portal",
        "label printing",
        "Label printing times out for a batch of 200 labels",
        4,
        30,
    ),
    (
        "INC-45656",
        "Thu 30 Oct 16:05",
        "Workplace IT",
        "slow sync",
        "Laptop files not syncing to shared drive",
        1,
        45,
    ),
    (
        "INC-45713",
        "Fri 31 Oct 08:55",
        "Workplace IT",
        "login failure",
        "Two new starters cannot log in on first day",
        2,
        15,
    ),
    (
        "INC-45993",
        "Mon 03 Nov 05:18",
        "Depot Scanning",
        "slow sync",
        "Hillcrest: scans take up to 40 s to go green",
        18,
        35,
    ),
    (
        "INC-45996",
        "Mon 03 Nov 05:26",
        "Depot Scanning",
        "slow sync",
        "Northgate: load-out held; scans stuck on spinning wheel",
        30,
        40,
    ),
    (
        "INC-46016",
        "Mon 03 Nov 09:14",
        "Workplace IT",
        "login failure",
        "Password expired while on leave; reset",
        1,
        25,
    ),
    (
        "INC-46096",
        "Tue 04 Nov 05:52",
        "Route Planner",
        "late routes",
        "Southport and Westmoor routes missing until 06:10",
        45,
        20,
    ),
    (
        "INC-46237",
        "Wed 05 Nov 12:30",
        "Business Customer Portal",
        "label printing",
        "Labels print blank for one customer's warehouse",
        8,
        60,
    ),
    (
        "INC-46341",
        "Thu 06 Nov 13:10",
        "Parcel Tracking",
        "page error",
        "Tracking page shows an error for some customers",
        40,
        10,
    ),
    (
        "INC-46418",
        "Fri 07 Nov 09:40",
        "Workplace IT",
        "login failure",
        "Cannot log in after laptop rebuild",
        1,
        30,
    ),
    (
        "INC-46694",
        "Mon 10 Nov 05:35",
        "Depot Scanning",
        "slow sync",
        "Southport: scans slow to confirm at load-out; two vans late",
        26,
        25,
    ),
    (
        "INC-46695",
        "Mon 10 Nov 05:47",
        "Depot Scanning",
        "device fault",
        "Scanner screen cracked; spare issued",
        1,
        10,
    ),
    (
        "INC-46827",
        "Tue 11 Nov 11:20",
        "Business Customer Portal",
        "label printing",
        "Barcode missing from printed labels; customer hand-wrote labels",
        5,
        40,
    ),
    (
        "INC-46897",
        "Wed 12 Nov 05:58",
        "Route Planner",
        "late routes",
        "Northgate routes arrived 06:05; drivers waited",
        40,
        20,
    ),
    (
        "INC-47054",
        "Thu 13 Nov 15:45",
        "Payroll and Rostering",
        "publish error",
        "Hillcrest rota publish fails",
        1,
        40,
    ),
    (
        "INC-47121",
        "Fri 14 Nov 10:05",
        "Workplace IT",
        "login failure",
        "Locked out after password change on phone",
        1,
        10,
    ),
)
EXPORT_COLUMNS = "id,opened,service,category,description,users_affected,minutes_lost"
#: the export as the template prints it (CSV; no field contains a comma)
EXPORT_CSV = "\n".join(
    [EXPORT_COLUMNS] + [",".join(str(field) for field in row) for row in EXPORT_ROWS]
)


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

MIN_INCIDENTS = 3
MIN_CANDIDATES, MAX_CANDIDATES = 3, 6
MIN_EVIDENCE_IDS = 3
TEXT_LIMITS = {
    "title": (3, 15),
    "statement": (30, 150),
    "business_effect": (8, 80),
    "next_step": (5, 60),
}
_ID = re.compile(r"\bINC-\d{5}\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d{1,3}(?:[,\u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")

Number = StrictInt | StrictFloat
Text = Annotated[StrictStr, Field(min_length=1)]


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


exercise = Exercise(schema=ProblemCandidate)


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


@exercise.rule(
    "PROBLEM-IDS",
    "Every incident id you list is in the export, and no id is listed twice, in one "
    "candidate or across candidates.",
)
def ids(doc: ProblemCandidate, check: Check) -> None:
    where: dict[str, tuple[int, int]] = {}
    for c_index, candidate in enumerate(doc.candidates):
        for i_index, raw in enumerate(candidate.incidents):
            tid = raw.strip().upper()
            path = ("candidates", c_index, "incidents", i_index)
            if tid not in EXPORT:
                check.fail(
                    path,
                    f"'{raw}' is not an incident in the export",
                    "copy ids exactly from the export's first column, e.g. INC-44594",
                )
            elif tid in where:
                first_c, first_i = where[tid]
                check.fail(
                    path,
                    f"{tid} is listed again; it is already at "
                    f"candidates[{first_c + 1}].incidents[{first_i + 1}]",
                    "each incident belongs to one pattern: list it once",
                )
            else:
                where[tid] = (c_index, i_index)


@exercise.rule(
    "PROBLEM-PATTERN",
    "The pattern key is the pair service + category, as the export writes them (any case). "
    "Every incident in a candidate has the candidate's service and category, and no two "
    "candidates have the same key.",
)
def pattern(doc: ProblemCandidate, check: Check) -> None:
    keys: dict[tuple[str, str], int] = {}
    for c_index, candidate in enumerate(doc.candidates):
        key = pattern_key(candidate.service, candidate.category)
        if key not in PATTERNS:
            check.fail(
                ("candidates", c_index, "category"),
                f"no incident in the export has service '{candidate.service}' and "
                f"category '{candidate.category}'",
                f"use a service and category exactly as the export writes them: {_categories()}",
            )
            continue  # every listed incident would differ: one finding is enough
        if key in keys:
            check.fail(
                ("candidates", c_index, "service"),
                f"{_label(candidate)} has the same pattern key as rank "
                f"{doc.candidates[keys[key]].rank}",
                "each candidate is one pattern: merge the two",
            )
        else:
            keys[key] = c_index
        for i_index, raw in enumerate(candidate.incidents):
            incident = EXPORT.get(raw.strip().upper())
            if incident is not None and incident.key != key:
                check.fail(
                    ("candidates", c_index, "incidents", i_index),
                    f"{incident.id} is {incident.service} / {incident.category}, "
                    f"not {candidate.service} / {candidate.category}",
                    "a pattern holds only incidents with the same service and category; "
                    "move it to its own pattern or leave it out",
                )


@exercise.rule(
    "PROBLEM-COMPLETE",
    "Each candidate lists every incident in the export that has its service and category.",
)
def complete(doc: ProblemCandidate, check: Check) -> None:
    for c_index, candidate in enumerate(doc.candidates):
        key = pattern_key(candidate.service, candidate.category)
        listed = set(_ids(candidate))
        missing = [i.id for i in PATTERNS.get(key, []) if i.id not in listed]
        if missing:
            check.fail(
                ("candidates", c_index, "incidents"),
                f"{_label(candidate)} leaves out {len(missing)} incident"
                f"{'' if len(missing) == 1 else 's'} with the same service and category: "
                f"{', '.join(missing)}",
                "filter the export on both columns and list every row that matches",
            )


@exercise.rule(
    "PROBLEM-RECURRING",
    f"Each candidate has at least {MIN_INCIDENTS} incidents: fewer is not yet a pattern.",
)
def recurring(doc: ProblemCandidate, check: Check) -> None:
    for c_index, candidate in enumerate(doc.candidates):
        listed = len(_ids(candidate))
        if listed < MIN_INCIDENTS:
            check.fail(
                ("candidates", c_index, "incidents"),
                f"{_label(candidate)} has {listed} incident{'' if listed == 1 else 's'}; "
                f"a recurring pattern needs at least {MIN_INCIDENTS}",
                "drop it from the ranking and keep an eye on it; one more occurrence makes "
                "it a candidate",
            )


@exercise.rule("PROBLEM-COUNT", "count equals the number of incident ids listed.")
def count(doc: ProblemCandidate, check: Check) -> None:
    for c_index, candidate in enumerate(doc.candidates):
        check.close(
            ("candidates", c_index, "count"),
            candidate.count,
            len(_ids(candidate)),
            how=f"the number of distinct ids listed under {_label(candidate)}",
        )


@exercise.rule(
    "PROBLEM-USER-MINUTES",
    "user_minutes equals the sum, over the listed incidents, of users_affected x "
    "minutes_lost from the export.",
)
def user_minutes(doc: ProblemCandidate, check: Check) -> None:
    for c_index, candidate in enumerate(doc.candidates):
        if not _all_known(candidate):
            continue  # unknown ids are reported by PROBLEM-IDS
        parts = " + ".join(f"{i.users} x {i.minutes}" for i in _known(candidate))
        check.close(
            ("candidates", c_index, "user_minutes"),
            candidate.user_minutes,
            recomputed(candidate),
            how=f"users_affected x minutes_lost, summed: {parts}",
        )


@exercise.rule(
    "PROBLEM-RANKING",
    "Ranks run 1, 2, 3... in list order, and the candidates are in descending order of "
    "user-minutes recomputed from the export (equal user-minutes in either order).",
)
def ranking(doc: ProblemCandidate, check: Check) -> None:
    for c_index, candidate in enumerate(doc.candidates):
        if candidate.rank != c_index + 1:
            check.fail(
                ("candidates", c_index, "rank"),
                f"candidate {c_index + 1} in the list has rank {candidate.rank}",
                "number the ranks 1, 2, 3... from the top of the list, with no gaps",
            )
            return
    for c_index in range(1, len(doc.candidates)):
        above, below = doc.candidates[c_index - 1], doc.candidates[c_index]
        if recomputed(below) > recomputed(above):
            check.fail(
                ("candidates", c_index, "rank"),
                f"{_label(below)} has {number(recomputed(below))} user-minutes, more than "
                f"{_label(above)} with {number(recomputed(above))}",
                "rank by cumulative user impact, not by how many incidents there are: "
                "sort by user-minutes, largest first",
            )
            return


@exercise.rule(
    "PROBLEM-MISSED",
    f"No pattern of {MIN_INCIDENTS} or more incidents that you left out has more "
    "user-minutes than your lowest-ranked candidate.",
)
def missed(doc: ProblemCandidate, check: Check) -> None:
    chosen = {pattern_key(c.service, c.category) for c in doc.candidates}
    lowest = min(recomputed(c) for c in doc.candidates)
    for key, incidents in PATTERNS.items():
        if key in chosen or len(incidents) < MIN_INCIDENTS:
            continue
        total = sum(i.user_minutes for i in incidents)
        if total > lowest:
            first = incidents[0]
            check.fail(
                "candidates",
                f"{first.service} / {first.category} ({len(incidents)} incidents, "
                f"{number(total)} user-minutes) is left out, but it beats your "
                f"lowest-ranked candidate ({number(lowest)} user-minutes)",
                "group the whole export by service and category before you choose; "
                "add this pattern to the ranking",
            )


def _raised(doc: ProblemCandidate) -> Candidate | None:
    rank = doc.problem_record.candidate_rank
    return next((c for c in doc.candidates if c.rank == rank), None)


@exercise.rule(
    "PROBLEM-RAISE-TOP",
    "The problem record is raised for the candidate ranked 1 (candidate_rank: 1).",
)
def raise_top(doc: ProblemCandidate, check: Check) -> None:
    rank = doc.problem_record.candidate_rank
    if rank != 1:
        check.fail(
            "problem_record.candidate_rank",
            f"the problem record is raised for rank {rank}",
            "raise the record for rank 1, the pattern that costs users most; name the "
            "others in your handover as the next candidates",
        )


@exercise.rule(
    "PROBLEM-EVIDENCE",
    f"The statement names at least {MIN_EVIDENCE_IDS} incident ids of the raised candidate "
    "(written like INC-44594), and no id outside it.",
)
def evidence(doc: ProblemCandidate, check: Check) -> None:
    raised = _raised(doc)
    if raised is None:
        return  # an unknown rank is reported by PROBLEM-RAISE-TOP
    own = set(_ids(raised))
    named = {m.upper() for m in _ID.findall(doc.problem_record.statement)}
    outside = sorted(named - own)
    if outside:
        check.fail(
            "problem_record.statement",
            f"the statement names {', '.join(outside)}, which "
            f"{'is' if len(outside) == 1 else 'are'} not in {_label(raised)}",
            "cite only incidents of the pattern you raise; other patterns get their own record",
        )
    inside = named & own
    if len(inside) < MIN_EVIDENCE_IDS:
        check.fail(
            "problem_record.statement",
            f"the statement names {len(inside)} incident id"
            f"{'' if len(inside) == 1 else 's'} of {_label(raised)}; it needs at least "
            f"{MIN_EVIDENCE_IDS}",
            "name the incidents that show the pattern, e.g. 'INC-44594, INC-45293 and ...', "
            "so the problem owner can read the evidence",
        )


def _numbers(text: str) -> set[float]:
    text = _ID.sub(" ", text)
    return {float(re.sub(r"[,\u00a0\u202f]", "", m)) for m in _NUMBER.findall(text)}


@exercise.rule(
    "PROBLEM-IMPACT-STATED",
    "The statement or the business_effect states the raised candidate's user-minutes, "
    "recomputed from the export (with or without a thousands separator, e.g. 1,234 or 1234).",
)
def impact_stated(doc: ProblemCandidate, check: Check) -> None:
    raised = _raised(doc)
    if raised is None or not _all_known(raised):
        return
    expected = recomputed(raised)
    record = doc.problem_record
    if float(expected) not in _numbers(record.statement) | _numbers(record.business_effect):
        check.fail(
            "problem_record.business_effect",
            f"the record does not state the {number(expected)} user-minutes of {_label(raised)}",
            "say how much the pattern has cost users, e.g. "
            f"'{number(expected)} user-minutes lost over {len(_ids(raised))} incidents'",
        )


@exercise.rule(
    "PROBLEM-RECORD-LENGTH",
    "In the problem record, the title has 3 to 15 words, the statement 30 to 150, the "
    "business_effect 8 to 80 and the next_step 5 to 60.",
)
def record_length(doc: ProblemCandidate, check: Check) -> None:
    record = doc.problem_record
    for name, (low, high) in TEXT_LIMITS.items():
        check.word_count(
            f"problem_record.{name}",
            getattr(record, name),
            low,
            high,
            what=f"the {name.replace('_', ' ')}",
        )
