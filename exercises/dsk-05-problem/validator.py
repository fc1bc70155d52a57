"""Checks a problem candidate drawn from Brightwater's incident export (module dsk-05).

The export is the one printed in the template, kept in ``case.yaml``.
Everything the learner declares is recomputed from it:

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
- The statement describes symptoms: it asserts no cause and blames nobody; the
  next step asks a role or team, not "IT".
"""

from __future__ import annotations

from curriculum.validation import Check, Exercise, number
from curriculum.validation.toolkit import listed, plural, word_count

from .analysis import (
    _all_known,
    _categories,
    _ids,
    _known,
    _label,
    _numbers,
    _raised,
    _sentences,
    recomputed,
)
from .schema import (
    _BLAME,
    _CAUSAL,
    _DIAGNOSIS,
    _HEDGES,
    _ID,
    _ROLES,
    EXPORT,
    MIN_EVIDENCE_IDS,
    MIN_INCIDENTS,
    PATTERNS,
    TEXT_LIMITS,
    ProblemCandidate,
    pattern_key,
)

exercise = Exercise(schema=ProblemCandidate)


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
        chosen = set(_ids(candidate))
        missing = [i.id for i in PATTERNS.get(key, []) if i.id not in chosen]
        if missing:
            check.fail(
                ("candidates", c_index, "incidents"),
                f"{_label(candidate)} leaves out {plural(len(missing), 'incident')} with the "
                f"same service and category: {listed(missing)}",
                "filter the export on both columns and list every row that matches",
            )


@exercise.rule(
    "PROBLEM-RECURRING",
    f"Each candidate has at least {MIN_INCIDENTS} incidents: fewer is not yet a pattern.",
)
def recurring(doc: ProblemCandidate, check: Check) -> None:
    for c_index, candidate in enumerate(doc.candidates):
        count = len(_ids(candidate))
        if count < MIN_INCIDENTS:
            check.fail(
                ("candidates", c_index, "incidents"),
                f"{_label(candidate)} has {plural(count, 'incident')}; "
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
    numbered = True
    for c_index, candidate in enumerate(doc.candidates):
        if candidate.rank != c_index + 1:
            numbered = False
            check.fail(
                ("candidates", c_index, "rank"),
                f"candidate {c_index + 1} in the list has rank {candidate.rank}",
                "number the ranks 1, 2, 3... from the top of the list, with no gaps",
            )
    for c_index in range(1, len(doc.candidates)):
        above, below = doc.candidates[c_index - 1], doc.candidates[c_index]
        if numbered and recomputed(below) > recomputed(above):
            check.fail(
                ("candidates", c_index, "rank"),
                f"{_label(below)} has {number(recomputed(below))} user-minutes, more than "
                f"{_label(above)} with {number(recomputed(above))}",
                "rank by cumulative user impact, not by how many incidents there are: "
                "sort by user-minutes, largest first",
            )


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
            f"the statement names {listed(outside)}, which "
            f"{'is' if len(outside) == 1 else 'are'} not in {_label(raised)}",
            "cite only incidents of the pattern you raise; other patterns get their own record",
        )
    inside = named & own
    if len(inside) < MIN_EVIDENCE_IDS:
        check.fail(
            "problem_record.statement",
            f"the statement names {plural(len(inside), 'incident id')} of {_label(raised)}; "
            f"it needs at least {MIN_EVIDENCE_IDS}",
            "name the incidents that show the pattern, e.g. 'INC-44594, INC-45293 and ...', "
            "so the problem owner can read the evidence",
        )


@exercise.rule(
    "PROBLEM-IMPACT-STATED",
    "The statement or the business_effect states the raised candidate's user-minutes, "
    "recomputed from the export for the ids you listed or for the whole pattern, with or "
    "without a thousands separator (1,234 or 1234).",
)
def impact_stated(doc: ProblemCandidate, check: Check) -> None:
    raised = _raised(doc)
    if raised is None or not _all_known(raised):
        return
    expected = recomputed(raised)
    # the pattern's own total also counts: a wrongly listed incident is PROBLEM-PATTERN's
    pattern = PATTERNS.get(pattern_key(raised.service, raised.category), [])
    accepted = {float(expected), float(sum(i.user_minutes for i in pattern))}
    record = doc.problem_record
    if not accepted & (_numbers(record.statement) | _numbers(record.business_effect)):
        check.fail(
            "problem_record.business_effect",
            f"the record does not state the {number(expected)} user-minutes of {_label(raised)}",
            "say how much the pattern has cost users, e.g. "
            f"'{number(expected)} user-minutes lost over {len(_ids(raised))} incidents'",
        )


@exercise.rule(
    "PROBLEM-RECORD-LENGTH",
    "In the problem record, "
    + listed(f"the {n} has {low} to {high} words" for n, (low, high) in TEXT_LIMITS.items())
    + ".",
)
def record_length(doc: ProblemCandidate, check: Check) -> None:
    record = doc.problem_record
    for name, (low, high) in TEXT_LIMITS.items():
        count = word_count(getattr(record, name))
        if not low <= count <= high:
            what = name.replace("_", " ")
            check.fail(
                f"problem_record.{name}",
                f"the {what} has {plural(count, 'word')}; it needs {low} to {high}",
                f"shorten the {what} to what the problem owner needs"
                if count > high
                else f"say a little more in the {what}: what happens, to whom, when",
            )


@exercise.rule(
    "PROBLEM-STATEMENT-SYMPTOMS",
    "The statement describes symptoms, where and when, not a diagnosis: it asserts no "
    "cause ('caused by', 'due to', 'the cause is', or a fault inside the system such as "
    "'overloaded' or 'misconfigured', unless the sentence says it is a guess or not yet "
    "known) and names no person, team or supplier as the subject of a fault verb "
    "('the platform team failed to', 'LinkWave broke').",
)
def statement_symptoms(doc: ProblemCandidate, check: Check) -> None:
    for sentence in _sentences(doc.problem_record.statement):
        blame = _BLAME.search(sentence)
        cause = _CAUSAL.search(sentence) or _DIAGNOSIS.search(sentence)
        if blame:
            check.fail(
                "problem_record.statement",
                f"the statement blames someone: '{blame.group(0)}'",
                "describe what users see, where and when; who fixes what is for the problem "
                "owner to find out, and blame stops people sharing what they know",
            )
        elif cause and not _HEDGES.search(sentence):
            check.fail(
                "problem_record.statement",
                f"the statement asserts a cause ('{cause.group(0)}') that no one has shown",
                "keep to the symptoms and say the cause is not yet known; if you have a "
                "hunch, mark it as one ('this may point to ...') for the problem owner",
            )


@exercise.rule(
    "PROBLEM-NEXT-STEP",
    "The next step asks a named role, team or person for something (such as 'the Depot "
    "Scanning service owner to assign a problem owner before next Monday'), not 'IT' or "
    "'someone'.",
)
def next_step(doc: ProblemCandidate, check: Check) -> None:
    if not _ROLES.search(doc.problem_record.next_step):
        check.fail(
            "problem_record.next_step",
            "the next step does not say who is asked to act",
            "name the role or team and what you ask of them, e.g. 'ask the Depot Scanning "
            "service owner to assign a problem owner before next Monday's load-out'",
        )
