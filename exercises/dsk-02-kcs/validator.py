"""Checks knowledge article KB-0087, improved from a resolved call (module dsk-02).

The article states are this course's own short definitions. Their names follow
the article confidence values of the KCS v6 Practices Guide, but the rule applied
here is deliberately simple: ``work_in_progress`` is for an issue captured before
its answer is known, so an article with resolution steps is in another state.

The case's facts (the article's id, the tickets it was used on, the states that
fit, Brightwater's internal terms) live in ``case.yaml``. Whether the issue sounds
like the caller and each step is one action is left to the reviewer.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import Field, StrictStr

from curriculum.validation import Artefact, Check, Exercise
from curriculum.validation.fields import Text
from curriculum.validation.toolkit import (
    find_terms,
    listed,
    load_case,
    names_nobody,
    plural,
    word_count,
)

CASE = load_case()
ARTICLE: str = CASE["article"]
USES: dict[str, dict[str, object]] = CASE["uses"]
STATES: list[str] = CASE["states"]
FINDABLE: dict[str, list[str]] = CASE["findable"]
JARGON: dict[str, str] = CASE["jargon"]
OUT_OF_REACH: list[str] = CASE["out_of_reach"]
OWNERS: list[str] = CASE["owners"]

State = Literal["work_in_progress", "not_validated", "validated", "archived"]

MAX_STEP_WORDS = 20
#: the terms a caller never says, and server names of the case's form
_JARGON_PATTERN = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(
        [CASE["server_name"], *(re.escape(t) for t in sorted(JARGON, key=len, reverse=True))]
    )
    + r")(?![\w-])",
    re.IGNORECASE,
)


def _mentions(text: str, terms: list[str]) -> list[str]:
    """The terms (whole words, any case) that ``text`` contains."""
    return [t for t in terms if find_terms(text, [t])]


def _id(value: str) -> str:
    """An id as compared: letters and digits only, upper case ('kb 0087' -> 'KB0087')."""
    return re.sub(r"[^0-9A-Z]", "", value.upper())


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
    "KCS-SAME-ARTICLE",
    f"The article keeps its id, {ARTICLE}: improve the article you found rather than write a "
    "second one beside it, which would leave the old answer findable.",
)
def same_article(article: KcsArticle, check: Check) -> None:
    if _id(article.id) != _id(ARTICLE):
        check.fail(
            "id",
            f"the article's id is {article.id}; this is an improvement of {ARTICLE}",
            f"set id back to {ARTICLE}: a new article beside the old one leaves the wrong "
            "answer for the next analyst to find",
        )


@exercise.rule(
    "KCS-STATE",
    "The state fits what is known: work_in_progress is only for an issue whose answer is not "
    "known yet, so an article with resolution steps is in another state; archived takes out "
    "of use an article that has just worked.",
)
def state(article: KcsArticle, check: Check) -> None:
    if article.state in STATES:
        return
    if article.state == "work_in_progress" and _filled(article.resolution):
        message = "the article is work_in_progress but already has resolution steps"
    elif article.state == "archived":
        message = "the article is archived, so nobody searching will find it"
    else:
        message = f"the article is {article.state}, but its answer is known"
    check.fail(
        "state",
        message,
        "set the state to not_validated (resolved, not yet confirmed) or validated "
        "(confirmed in use); work_in_progress is for an open issue with no answer yet and "
        "archived for an article no longer needed",
    )


@exercise.rule(
    "KCS-STEP-LENGTH",
    f"Every resolution step has at most {MAX_STEP_WORDS} words, so it can be read out "
    "to a caller and followed one action at a time.",
)
def step_length(article: KcsArticle, check: Check) -> None:
    for index, step in enumerate(article.resolution):
        count = word_count(step)
        if count > MAX_STEP_WORDS:
            check.fail(
                ("resolution", index),
                f"step {index + 1} has {count} words; the limit is {MAX_STEP_WORDS}",
                "split it into one action per step, and cut words the caller does not need",
            )


@exercise.rule(
    "KCS-JARGON",
    "The title and the issue use none of Brightwater's internal terms, which callers never "
    "say: the ticket queue names SD-L1, SD-L2, SD-L2-SCAN, PLAT-OPS and VND-SCANTECH; server "
    "names such as SYNC-PRD-02 (any name of the form ABC-PRD-01, ABC-TST-01 or ABC-DEV-01); "
    "and the abbreviations HHT, DMS and ScanSync. Case does not matter.",
)
def jargon(article: KcsArticle, check: Check) -> None:
    for name in ("title", "issue"):
        for term in find_terms(getattr(article, name), _JARGON_PATTERN):
            what = next(
                (why for known, why in JARGON.items() if known.casefold() == term.casefold()),
                "a Brightwater server name",
            )
            check.fail(
                name,
                f"the {name} says '{term}', {what}",
                f"write the {name} as the requester would say or search for it, e.g. 'my "
                "scanner says Waiting to send'; internal names can go in the environment",
            )


@exercise.rule(
    "KCS-FINDABLE",
    "The environment or the cause names "
    + listed(FINDABLE)
    + ": they make the article findable and tell the next analyst whether it applies.",
)
def findable(article: KcsArticle, check: Check) -> None:
    text = " ".join([*article.environment, article.cause or ""])
    missing = [what for what, terms in FINDABLE.items() if not _mentions(text, terms)]
    if missing:
        check.fail(
            "environment",
            f"neither the environment nor the cause mentions {listed(missing)}",
            "add what was in play on the call, e.g. 'scanning app 5.2' and 'the handheld "
            "restarted after a flat battery'",
        )


@exercise.rule(
    "KCS-REUSE-LOG",
    "The reuse log records each ticket the article was used on, with its date: "
    + listed(f"{t} ({u['date']})" for t, u in USES.items())
    + "; reuse is review, so articles are improved while they are being used.",
)
def reuse_log(article: KcsArticle, check: Check) -> None:
    logged = {_id(r.ticket): (i, r) for i, r in enumerate(article.reuse_log)}
    for index, entry in enumerate(article.reuse_log):
        use = next((u for t, u in USES.items() if _id(t) == _id(entry.ticket)), None)
        if use is None:
            check.fail(
                ("reuse_log", index, "ticket"),
                f"{entry.ticket} is not a ticket this article was used on",
                f"log the tickets the notes give: {listed(USES)}",
            )
        elif str(entry.date) != str(use["date"]):
            check.fail(
                ("reuse_log", index, "date"),
                f"{entry.ticket} is dated {entry.date}; the notes give {use['date']}",
                "use the date of the call on which the article was used",
            )
    missing = [t for t in USES if _id(t) not in logged]
    if missing:
        check.fail(
            "reuse_log",
            f"the reuse log is missing {plural(len(missing), 'use')}: {listed(missing)}",
            "add one entry (date, ticket, by) for each ticket the article was used on, "
            "including the call you improved it on",
        )


@exercise.rule(
    "KCS-FLAG-OWNER",
    "Every improvement with action 'flag' names in flag_for a team or role who can fix it "
    "(not 'TBD', 'someone' or 'IT').",
)
def flag_owner(article: KcsArticle, check: Check) -> None:
    for index, improvement in enumerate(article.improvements):
        if improvement.action == "flag" and names_nobody(
            improvement.flag_for or "", CASE["nobody"]
        ):
            check.fail(
                ("improvements", index, "flag_for"),
                f"improvement {index + 1} is a flag but does not say who should fix it"
                + (f" ('{improvement.flag_for}' names nobody)" if improvement.flag_for else ""),
                "name the team or role who can fix it, e.g. 'platform team'; a flag "
                "nobody receives is never fixed",
            )


@exercise.rule(
    "KCS-FLAG-OPEN",
    "What the desk cannot put right is flagged, not deleted or guessed: there is at least "
    "one flag, and no resolution step asks the desk to work on the sync service, Nimbus "
    "Cloud or a server (a step that hands over to the platform team is fine).",
)
def flag_open(article: KcsArticle, check: Check) -> None:
    if not any(i.action == "flag" for i in article.improvements):
        check.fail(
            "improvements",
            "no improvement is a flag, yet a question about the sync service is still open",
            "add a flag for the part you cannot put right yourself (what, if anything, the "
            "desk should check on the Nimbus Cloud sync service) and name the team who can",
        )
    for index, step in enumerate(article.resolution):
        reached = _mentions(step, OUT_OF_REACH)
        if reached and not _mentions(step, OWNERS):
            check.fail(
                ("resolution", index),
                f"step {index + 1} asks the desk to work on {listed(reached)}, which it "
                "cannot reach and nobody has confirmed a procedure for",
                "take the step out and flag the question to the platform team; a step may "
                "hand over to them ('open a shared call with the platform team')",
            )
