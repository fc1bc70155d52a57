"""Checks a knowledge article written or improved from a resolved call (module dsk-02).

The article states are this course's own short definitions. Their names follow
the article confidence values of the KCS v6 Practices Guide, but the rule applied
here is deliberately simple: ``work_in_progress`` is for an issue captured before
its answer is known, so an article with resolution steps is in another state.

Internal jargon is Brightwater's: queue names, server names and abbreviations
that the people who call the desk never use. The list is kept here, in one
place, and quoted in the rule description that learners read.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import Field, StrictStr

from curriculum.validation import Artefact, Check, Exercise

Text = Annotated[StrictStr, Field(min_length=1)]
State = Literal["work_in_progress", "not_validated", "validated", "archived"]

MAX_STEP_WORDS = 20

#: Brightwater's internal terms a caller would never use, with plain words to use instead
JARGON: dict[str, str] = {
    "SD-L1": "an internal ticket queue name",
    "SD-L2": "an internal ticket queue name",
    "SD-L2-SCAN": "an internal ticket queue name",
    "PLAT-OPS": "an internal ticket queue name",
    "VND-SCANTECH": "an internal ticket queue name",
    "HHT": "IT's abbreviation for the handheld scanner",
    "DMS": "IT's abbreviation for the device-management server",
    "ScanSync": "the internal name of the scan sync service",
}
#: Brightwater server names: letters, then -PRD-, -TST- or -DEV-, then two digits
SERVER_NAME = r"[A-Za-z]{2,8}-(?:PRD|TST|DEV)-\d{2}"
_EDGE_BEFORE, _EDGE_AFTER = r"(?<![\w-])", r"(?![\w-])"
_JARGON_PATTERN = re.compile(
    _EDGE_BEFORE
    + "(?:"
    + "|".join([SERVER_NAME, *(re.escape(t) for t in sorted(JARGON, key=len, reverse=True))])
    + ")"
    + _EDGE_AFTER,
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'’-]+")


class Improvement(Artefact):
    date: Annotated[dt.date, Field(description="when the article was improved, YYYY-MM-DD")]
    by: Annotated[Text, Field(description="who improved it")]
    action: Annotated[
        Literal["fix", "flag"],
        Field(description="fix: you changed it yourself; flag: you asked someone else to"),
    ]
    change: Annotated[Text, Field(description="what was fixed, or what needs fixing")]
    flag_for: Annotated[
        StrictStr | None,
        Field(default=None, description="flags only: the team or role asked to fix it"),
    ]


class Reuse(Artefact):
    date: Annotated[dt.date, Field(description="when the article was used, YYYY-MM-DD")]
    ticket: Annotated[Text, Field(description="the ticket it was used on, e.g. INC-48213")]
    by: Annotated[Text, Field(description="who used it")]
    note: Annotated[StrictStr | None, Field(default=None, description="optional: what happened")]


class KcsArticle(Artefact):
    id: Annotated[Text, Field(description="the article's id, e.g. KB-0087")]
    title: Annotated[Text, Field(description="a short title in the requester's words")]
    state: Annotated[
        State,
        Field(description="work_in_progress, not_validated, validated or archived"),
    ]
    author: Annotated[Text, Field(description="who first wrote the article")]
    issue: Annotated[StrictStr, Field(description="the issue, in the requester's own words")]
    environment: Annotated[
        list[StrictStr], Field(description="what was in play: service, device, version, place")
    ]
    resolution: Annotated[
        list[StrictStr], Field(description=f"the steps, each {MAX_STEP_WORDS} words or fewer")
    ]
    cause: Annotated[
        StrictStr | None, Field(default=None, description="why it happened, as far as known")
    ]
    improvements: Annotated[
        list[Improvement], Field(default_factory=list, description="fixes and flags, oldest first")
    ]
    reuse_log: Annotated[
        list[Reuse], Field(default_factory=list, description="each time the article was used")
    ]


exercise = Exercise(schema=KcsArticle)


def _filled(entries: list[str]) -> list[str]:
    return [e for e in entries if e.strip()]


@exercise.rule(
    "KCS-PARTS",
    "The four parts are present: the issue and the cause are filled in, and the environment "
    "and the resolution each have at least one entry, with no blank entries. Only an article "
    "in state work_in_progress may leave the resolution and the cause empty.",
)
def parts(article: KcsArticle, check: Check) -> None:
    in_progress = article.state == "work_in_progress"
    if not article.issue.strip():
        check.fail(
            "issue",
            "the issue is empty",
            "write what the requester said was wrong, in their own words",
        )
    if not _filled(article.environment):
        check.fail(
            "environment",
            "the environment has no entries filled in",
            "list what was in play: the service, the device or software and its version, "
            "the depot or office, the time of day",
        )
    if not in_progress and not _filled(article.resolution):
        check.fail(
            "resolution",
            f"the article is {article.state} but has no resolution steps",
            "add the steps that solved the issue, or set the state to work_in_progress "
            "if the answer is not known yet",
        )
    if not in_progress and not (article.cause or "").strip():
        check.fail(
            "cause",
            f"the article is {article.state} but its cause is empty",
            "say why it happened as far as you know; if nobody knows yet, say so and "
            "who is finding out, e.g. 'not known yet; flagged to the platform team'",
        )
    for name, entries in (("environment", article.environment), ("resolution", article.resolution)):
        for index, entry in enumerate(entries):
            if not entry.strip() and _filled(entries):
                check.fail(
                    (name, index),
                    f"{name} entry {index + 1} is blank",
                    "fill it in or delete the line",
                )


@exercise.rule(
    "KCS-STATE",
    "The state fits the content: work_in_progress is only for an issue whose answer is not "
    "known yet, so an article with resolution steps is not_validated, validated or archived.",
)
def state(article: KcsArticle, check: Check) -> None:
    if article.state == "work_in_progress" and _filled(article.resolution):
        check.fail(
            "state",
            "the article is work_in_progress but already has resolution steps",
            "set the state to not_validated (resolved, not yet confirmed) or validated "
            "(confirmed in use); keep work_in_progress for an open issue with no answer yet",
        )


@exercise.rule(
    "KCS-STEP-LENGTH",
    f"Every resolution step has at most {MAX_STEP_WORDS} words, so it can be read out "
    "to a caller and followed one action at a time.",
)
def step_length(article: KcsArticle, check: Check) -> None:
    for index, step in enumerate(article.resolution):
        count = len(_WORD.findall(step))
        if count > MAX_STEP_WORDS:
            check.fail(
                ("resolution", index),
                f"step {index + 1} has {count} words; the limit is {MAX_STEP_WORDS}",
                "split it into one action per step, and cut words the caller does not need",
            )


@exercise.rule(
    "KCS-JARGON",
    "The issue uses none of Brightwater's internal terms, which callers never say: the "
    "ticket queue names SD-L1, SD-L2, SD-L2-SCAN, PLAT-OPS and VND-SCANTECH; server names "
    "such as SYNC-PRD-02 (any name of the form ABC-PRD-01, ABC-TST-01 or ABC-DEV-01); and "
    "the abbreviations HHT, DMS and ScanSync. Case does not matter.",
)
def jargon(article: KcsArticle, check: Check) -> None:
    seen: set[str] = set()
    for match in _JARGON_PATTERN.finditer(article.issue):
        term = match.group(0)
        if term.casefold() in seen:
            continue
        seen.add(term.casefold())
        what = next(
            (why for known, why in JARGON.items() if known.casefold() == term.casefold()),
            "a Brightwater server name",
        )
        check.fail(
            "issue",
            f"the issue says '{term}', {what}",
            "write the issue as the requester said it, e.g. 'my scanner says Waiting to "
            "send'; internal names can go in the environment",
        )


@exercise.rule(
    "KCS-REUSE-LOG",
    "If the article records an improvement (a fix or a flag), its reuse log has at least "
    "one entry: reuse is review, so articles are improved while they are being used.",
)
def reuse_log(article: KcsArticle, check: Check) -> None:
    if article.improvements and not article.reuse_log:
        check.fail(
            "reuse_log",
            f"the article records {len(article.improvements)} improvement"
            f"{'' if len(article.improvements) == 1 else 's'} but its reuse log is empty",
            "add the ticket on which you used the article: date, ticket, by",
        )


@exercise.rule(
    "KCS-FLAG-OWNER",
    "Every improvement with action 'flag' names in flag_for the team or role asked to fix it.",
)
def flag_owner(article: KcsArticle, check: Check) -> None:
    for index, improvement in enumerate(article.improvements):
        if improvement.action == "flag" and not (improvement.flag_for or "").strip():
            check.fail(
                ("improvements", index, "flag_for"),
                f"improvement {index + 1} is a flag but does not say who should fix it",
                "name the team or role who can fix it, e.g. 'platform team'; a flag "
                "nobody receives is never fixed",
            )
