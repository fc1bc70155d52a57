"""Checks an improvement bet on DORA capabilities for one Brightwater team (module flo-07).

The learner chooses the team (the Parcel Tracking application team, February
2026, or the platform team's scan-sync service, January 2026), repeats the
team's five delivery metrics from module flo-05 as the baseline, and places two
or three bets. The baseline is recomputed from the same logs flo-05 uses, with
flo-05's definitions (case.yaml); each bet's targets are compared with the
learner's own baseline, so that one wrong figure is reported once.

What code cannot judge (whether the evidence really points at the capability,
whether the experiment is small and tells the team something, whether a target
is ambitious but honest) is left to the reviewer: see exercise.yaml.
"""

from __future__ import annotations

import difflib
import re

from curriculum.validation import Check, Exercise, number
from curriculum.validation.toolkit import listed, names_nobody, word_count

from .baselines import HOW, TEAMS, TOLERANCE, baseline_of, figures_of, slips_of
from .catalogue import CAPABILITIES, PRACTICES, capability_of, name_key
from .schema import METRICS, Bet, CapabilityBets

#: a first experiment is looked at within this many days of writing the bet (this
#: course's rule: long enough to learn something, short enough to change course)
EXPERIMENT_DAYS = 42
#: a target date leaves at least one window as long as the baseline's (28 days) to
#: measure over, and falls within a year
MIN_TARGET_DAYS, MAX_TARGET_DAYS = 28, 365
MIN_EXPERIMENT_WORDS = 8
#: owners that name nobody who could act on the bet
NOBODY = (
    "the team",
    "team",
    "we",
    "us",
    "our team",
    "management",
    "it",
    "the business",
    "developers",
    "engineers",
    "devs",
)


exercise = Exercise(schema=CapabilityBets)


def _bets(doc: CapabilityBets) -> list[tuple[int, Bet, str]]:
    """(index, bet, a short name for messages) for every bet."""
    return [(i, bet, f"bet {i + 1} ({bet.capability})") for i, bet in enumerate(doc.bets)]


def _declared(doc: CapabilityBets, metric: str) -> float:
    return float(getattr(doc.baseline, METRICS[metric].field))


# --- the capabilities -------------------------------------------------------------------------


@exercise.rule(
    "BET-CAPABILITY",
    "Each bet names a capability from DORA's catalogue (dora.dev/capabilities), such as "
    "continuous integration, test automation or working in small batches; other common names "
    "and small slips of spelling are accepted.",
)
def capability(doc: CapabilityBets, check: Check) -> None:
    for index, bet, _ in _bets(doc):
        if capability_of(bet.capability):
            continue
        key = name_key(bet.capability)
        practice = PRACTICES.get(key) or next(
            (v for k, v in PRACTICES.items() if re.search(rf"\b{re.escape(k)}\b", key)), None
        )
        near = difflib.get_close_matches(key, list(CAPABILITIES), n=2, cutoff=0.6)
        if practice:
            hint = (
                f"'{bet.capability}' is a practice; bet on the capability it builds, "
                f"e.g. {listed(practice, 'or')}, and name the practice in the experiment"
            )
        elif near:
            hint = "did you mean " + listed([f"'{CAPABILITIES[n]}'" for n in near], "or") + "?"
        else:
            hint = (
                "choose one from DORA's catalogue, e.g. continuous integration, "
                "deployment automation, test automation or working in small batches"
            )
        check.fail(
            ("bets", index, "capability"),
            f"'{bet.capability}' is not a capability in DORA's catalogue",
            hint,
        )


@exercise.rule(
    "BET-DISTINCT",
    "Each bet is on a different capability (other names for the same one count as the same).",
)
def distinct(doc: CapabilityBets, check: Check) -> None:
    check.unique(
        "bets",
        [bet.capability for bet in doc.bets],
        what="capability",
        hint="merge the two bets into one, or bet on another capability",
        key=lambda name: capability_of(name) or name_key(name),
        field="capability",
    )


# --- the baseline -----------------------------------------------------------------------------


@exercise.rule(
    "BET-BASELINE",
    "Each baseline figure equals the one flo-05's definitions give for the chosen team's logs "
    "(recomputed from them), rounded as you like: within 0.05 a week, half an hour, half a "
    "percentage point or one minute.",
)
def baseline(doc: CapabilityBets, check: Check) -> None:
    team = TEAMS[doc.team]
    truth, slips = baseline_of(team), slips_of(team)
    values = {
        "weeks": number(team.weeks),
        "n": team.deployments,
        "failed": len(team.failed),
        "unplanned": len(team.unplanned),
    }
    for field, expected in truth.items():
        declared = float(getattr(doc.baseline, field))
        if abs(declared - expected) <= TOLERANCE[field] + 1e-9:
            continue
        why = next(
            (w for v, w in slips.get(field, []) if abs(declared - v) <= TOLERANCE[field]), None
        )
        other = next(
            (
                t.name
                for t in TEAMS.values()
                if t is not team and abs(baseline_of(t)[field] - declared) <= TOLERANCE[field]
            ),
            None,
        )
        if why is None and other:
            why = f"that is the {other}'s figure, not the {team.name}'s"
        how = "it is computed as " + HOW[field].format(**values)
        check.fail(
            ("baseline", field),
            f"baseline.{field} is {number(declared)}; for the {team.name} the logs give "
            f"{number(round(expected, 2))}",
            f"{why}; {how}" if why else how,
        )


# --- the targets ------------------------------------------------------------------------------


@exercise.rule(
    "BET-TARGET",
    "Each target moves its metric the better way from the baseline: more deployments a week, "
    "or a shorter lead time, a shorter recovery, a lower change fail rate or rework rate.",
)
def target(doc: CapabilityBets, check: Check) -> None:
    for index, bet, name in _bets(doc):
        for j, move in enumerate(bet.moves):
            info, today = METRICS[move.metric], _declared(doc, move.metric)
            better = move.target > today if info.higher_is_better else move.target < today
            if better:
                continue
            way = "higher" if info.higher_is_better else "lower"
            hint = f"for {move.metric} {way} is better: set a target {way} than {number(today)}"
            if info.higher_is_better and move.target < today and move.target <= 1:
                hint += (
                    f" (the unit is {info.unit}: deploying every working day is 5 a week, not 1)"
                )
            check.fail(
                ("bets", index, "moves", j, "target"),
                f"{name} sets {move.metric} to {number(move.target)} from "
                f"{number(today)} {info.unit}, which is no improvement",
                hint,
            )


@exercise.rule(
    "BET-TARGET-PERFECT",
    "No target is a perfect score of zero (no failures, no rework, no waiting): with a few "
    "dozen deployments, zero is luck rather than a result, and it rewards hiding failures.",
)
def perfect(doc: CapabilityBets, check: Check) -> None:
    for index, bet, name in _bets(doc):
        for j, move in enumerate(bet.moves):
            if not METRICS[move.metric].higher_is_better and move.target == 0:
                check.fail(
                    ("bets", index, "moves", j, "target"),
                    f"{name} sets {move.metric} to 0",
                    "aim for an honest improvement, e.g. half of today's figure, read "
                    "over the whole period rather than month by month",
                )


# --- the guardrails ---------------------------------------------------------------------------


@exercise.rule(
    "BET-GUARDRAIL-PAIR",
    "Each bet's guardrail watches the other side: a bet on throughput (lead time, frequency, "
    "recovery time) guards an instability metric (change fail rate or rework rate), and a bet "
    "on instability guards a throughput metric; never a metric the bet itself moves.",
)
def guardrail_pair(doc: CapabilityBets, check: Check) -> None:
    for index, bet, name in _bets(doc):
        moved = {move.metric for move in bet.moves}
        groups = {METRICS[m].group for m in moved}
        guard = bet.guardrail.metric
        path = ("bets", index, "guardrail", "metric")
        if guard in moved:
            check.fail(
                path,
                f"{name} guards {guard}, the metric it is trying to move",
                "guard a metric the bet could harm while it improves this one",
            )
        elif len(groups) == 1 and METRICS[guard].group in groups:
            (group,) = groups
            other = [m for m, i in METRICS.items() if i.group != group]
            check.fail(
                path,
                f"{name} moves {group} and guards {guard}, also a {group} metric",
                f"a bet on {group} can cost the other side: guard {listed(other, 'or')}",
            )


@exercise.rule(
    "BET-GUARDRAIL-LIMIT",
    "Each guardrail's limit is today's value (as rounded in the baseline) or a little worse: "
    "the line the metric must not cross while the bet runs. A limit better than today is a "
    "second target.",
)
def guardrail_limit(doc: CapabilityBets, check: Check) -> None:
    for index, bet, name in _bets(doc):
        guard = bet.guardrail
        info, today = METRICS[guard.metric], _declared(doc, guard.metric)
        slack = TOLERANCE[info.field]  # the baseline may be rounded, the limit not
        gap = guard.limit - today if info.higher_is_better else today - guard.limit
        if gap > slack + 1e-9:
            way = "at or below" if info.higher_is_better else "at or above"
            check.fail(
                ("bets", index, "guardrail", "limit"),
                f"{name} sets the {guard.metric} guardrail at {number(guard.limit)}, "
                f"better than today's {number(today)} {info.unit}",
                f"a guardrail says what must not get worse: set the limit {way} "
                f"{number(today)}, allowing for a month's noise if you like",
            )


# --- dates, owners, evidence, experiments -------------------------------------------------------


@exercise.rule(
    "BET-DATES",
    f"Each first experiment is looked at within {EXPERIMENT_DAYS // 7} weeks of writing the bet "
    "(the day after the team's window) and before the target date; each target date leaves at "
    f"least {MIN_TARGET_DAYS} days to measure over and falls within a year.",
)
def dates(doc: CapabilityBets, check: Check) -> None:
    start = TEAMS[doc.team].written_on
    shown = start.strftime("%d %B %Y").lstrip("0")
    for index, bet, name in _bets(doc):
        ends, days = bet.experiment_ends, (bet.experiment_ends - start).days
        if not 0 < days <= EXPERIMENT_DAYS:
            check.fail(
                ("bets", index, "experiment_ends"),
                f"{name}'s first experiment ends on {ends}, {days} days from {shown}, "
                f"when the bet is written",
                f"make the first step small: look at its result within "
                f"{EXPERIMENT_DAYS // 7} weeks, then decide the next one",
            )
        elif ends >= bet.by:
            check.fail(
                ("bets", index, "experiment_ends"),
                f"{name}'s first experiment ends on {ends}, not before its target date",
                "the first experiment comes early, so that there is time to learn "
                "from it before the date",
            )
        reach = (bet.by - start).days
        if not MIN_TARGET_DAYS <= reach <= MAX_TARGET_DAYS:
            check.fail(
                ("bets", index, "by"),
                f"{name}'s target date {bet.by} is {reach} days from {shown}",
                f"give the target at least {MIN_TARGET_DAYS} days, one window as long "
                "as the baseline's, and no more than a year",
            )


@exercise.rule(
    "BET-OWNER",
    "Each bet has an owner who could act on it: a person or a role, not 'TBD', 'the team' or "
    "'everyone'.",
)
def owner(doc: CapabilityBets, check: Check) -> None:
    for index, bet, name in _bets(doc):
        if names_nobody(bet.owner, NOBODY) or not re.search(r"[^\W\d_]{2,}", bet.owner):
            check.fail(
                ("bets", index, "owner"),
                f"{name}'s owner ('{bet.owner}') names no one who could act on it",
                "name the person or the role who answers for the bet, e.g. "
                "'Parcel Tracking tech lead'",
            )


_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?")
_SHARE = re.compile(
    r"\b(\d+)\s*(?:of|out of|in|/)\s*(?:the\s+|its\s+|our\s+)?(\d+)\s+"
    r"(?:deployments|deploys|releases|changes)\b",
    re.IGNORECASE,
)


@exercise.rule(
    "BET-EVIDENCE",
    "Each bet's evidence quotes the chosen team's own data: at least one of its figures "
    "(a baseline, a count, a lead time, a recovery time) or a deployment or incident id; and "
    "a share such as '3 of 16 deployments' counts only deployments that reached production.",
)
def evidence(doc: CapabilityBets, check: Check) -> None:
    team = TEAMS[doc.team]
    figures = figures_of(team)
    for index, bet, name in _bets(doc):
        path = ("bets", index, "evidence")
        text = bet.evidence
        quoted = [float(n.replace(",", "")) for n in _NUMBER.findall(text)]
        ids = [i for i in team.ids if re.search(rf"\b{re.escape(i)}\b", text, re.IGNORECASE)]
        every, shares = team.deployments + len(team.stopped), _SHARE.findall(text)
        for part, whole in shares:
            if team.stopped and int(whole) == every and int(part) != team.deployments:
                check.fail(
                    path,
                    f"{name}'s evidence says '{part} of {whole}': "
                    f"{team.deployments} deployments reached production, not {whole}",
                    f"{listed(team.stopped)} never reached production, so it is not a deployment",
                )
        if not (ids or shares or any(round(q, 2) in figures for q in quoted)):
            check.fail(
                path,
                f"{name}'s evidence quotes none of the {team.name}'s figures",
                "say what in the team's own metrics or logs points at this capability, "
                "e.g. how many changes waited overnight, or which deployments failed",
            )


@exercise.rule(
    "BET-EXPERIMENT",
    f"Each first experiment says what the team will try first, for how long, and what it will "
    f"look at, in at least {MIN_EXPERIMENT_WORDS} words: 'adopt trunk-based development' names "
    "a capability, not an experiment.",
)
def experiment(doc: CapabilityBets, check: Check) -> None:
    for index, bet, name in _bets(doc):
        if word_count(bet.experiment) < MIN_EXPERIMENT_WORDS:
            check.fail(
                ("bets", index, "experiment"),
                f"{name}'s experiment ('{bet.experiment}') is a label, not an experiment",
                "say what the team will try first, on what, for how long, and what it "
                "will count to know whether it worked",
            )
