"""Checks a Kanban board design and its policies (module flo-02).

The board is the learner's own (Brightwater's platform and operations team, as
in the template, or their own team): the validator holds no key. It checks
that the board reads as a workflow, that every column where work is in
progress has a WIP limit and the whole board stays within what the team can
carry, that the policies are written down (pull criteria for every column,
classes of service with an expedite lane limited to one item), and that the
flow figures obey Little's Law.

Little's Law: average cycle time = average WIP / average throughput. With
throughput in items per working day, cycle time comes out in working days.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, StrictFloat, StrictInt, StrictStr

from curriculum.validation import Artefact, Check, Exercise, number
from curriculum.validation.toolkit import load_case, normal, word_count, words

Text = Annotated[StrictStr, Field(min_length=1)]
Number = StrictFloat  # whole numbers are accepted too, text and true/false are not

#: total WIP across in-progress columns may not exceed this multiple of the team size
WIP_PER_PERSON = 1.5
MIN_IN_PROGRESS_COLUMNS = 2
CASE = load_case()
MIN_PULL_WORDS = 2
EXPEDITE = "expedite"
#: pull criteria that leave the decision to whoever pulls: nothing must be true
VAGUE_PULL = re.compile(
    r"\b(when (it is |it's |they are )?ready|ready when ready|as needed|when needed|if possible|"
    r"when possible|when there is time|whenever|at any time|no criteria|tbd)\b",
    re.IGNORECASE,
)
#: words that say only that work is urgent, not which work qualifies
# fmt: off
URGENT_ONLY = frozenset({
    "urgent", "urgently", "important", "high", "priority", "critical", "asap", "items", "item",
    "work", "tickets", "ticket", "stuff", "things", "anything", "everything", "is", "are",
    "the", "a", "an", "that", "for", "when", "if", "it", "goes", "go", "here", "in", "this",
    "class", "lane", "expedite", "expedited", "and", "or", "of", "to", "be", "all", "any",
    "only", "very", "really", "top", "first", "done", "now", "immediately",
})
# fmt: on
THROUGHPUT_RELATIVE = 0.01
THROUGHPUT_TOLERANCE = 0.005  # a figure rounded to two decimals is accepted
WIP_TOLERANCE = 0.1
CYCLE_RELATIVE = 0.05


def _words(text: str) -> int:
    return word_count(text)


def _is_expedite(name: str) -> bool:
    return normal(name).startswith("expedit")


class Column(Artefact):
    name: Annotated[Text, Field(description="the column's name on the board")]
    kind: Annotated[
        Literal["backlog", "in_progress", "done"],
        Field(
            description="backlog (before the commitment point), in_progress (committed work, "
            "being done or waiting inside the team's workflow) or done"
        ),
    ]
    wip_limit: Annotated[
        StrictInt | None,
        Field(description="the most items allowed in the column at once; null if none"),
    ]
    pull_criteria: Annotated[
        StrictStr,
        Field(description="what must be true of an item before someone pulls it into the column"),
    ]


class ClassOfService(Artefact):
    name: Annotated[
        Text, Field(description="the class's name, e.g. expedite, fixed date, standard")
    ]
    wip_limit: Annotated[
        StrictInt | None,
        Field(description="the most items of this class in progress at once; null if none"),
    ]
    policy: Annotated[
        StrictStr,
        Field(description="when an item belongs to the class and how it is pulled"),
    ]


class Flow(Artefact):
    period_working_days: Annotated[
        StrictInt, Field(ge=1, le=260, description="working days of history the figures cover")
    ]
    items_finished: Annotated[
        StrictInt, Field(ge=0, description="items that reached done in that period")
    ]
    throughput_per_day: Annotated[Number, Field(description="items_finished / period_working_days")]
    wip_snapshots: Annotated[
        list[StrictInt],
        Field(
            min_length=1,
            max_length=260,
            description="items in progress, counted on the board at regular points in the period",
        ),
    ]
    average_wip: Annotated[Number, Field(description="the mean of wip_snapshots")]
    cycle_time_days: Annotated[
        Number, Field(description="average cycle time today: average_wip / throughput_per_day")
    ]
    forecast_cycle_time_days: Annotated[
        Number,
        Field(
            description="average cycle time once the board runs at its WIP limits: "
            "the total WIP limit / throughput_per_day"
        ),
    ]


class Board(Artefact):
    team: Annotated[Text, Field(description="the team the board is for")]
    team_size: Annotated[
        StrictInt, Field(ge=1, le=100, description="people who pull work from the board")
    ]
    columns: Annotated[
        list[Column], Field(min_length=1, max_length=20, description="the columns, left to right")
    ]
    classes_of_service: Annotated[
        list[ClassOfService],
        Field(min_length=1, max_length=10, description="the classes of service and their policies"),
    ]
    flow: Annotated[Flow, Field(description="the team's flow figures and Little's Law")]


exercise = Exercise(schema=Board)


# --- helpers -----------------------------------------------------------------------------


def _in_progress(board: Board) -> list[tuple[int, Column]]:
    return [(i, c) for i, c in enumerate(board.columns, 1) if c.kind == "in_progress"]


def _total_wip(board: Board) -> int:
    return sum(c.wip_limit or 0 for _, c in _in_progress(board) if (c.wip_limit or 0) > 0)


def _article(kind: str) -> str:
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _throughput(board: Board) -> float:
    return board.flow.items_finished / board.flow.period_working_days


# --- the rules -----------------------------------------------------------------------------


@exercise.rule(
    "BOARD-WORKFLOW",
    "The board reads left to right as a workflow: column names are unique; any backlog "
    "columns come first; then at least two in_progress columns, so that the board shows the "
    "real stages of the work (doing, waiting, reviewing...) and not a single 'doing' column; "
    "and exactly one done column, last.",
)
def workflow(board: Board, check: Check) -> None:
    seen: set[str] = set()
    for index, column in enumerate(board.columns, 1):
        key = column.name.casefold()
        if key in seen:
            check.fail(
                f"columns[{index}].name",
                f"the column name '{column.name}' is used twice",
                "give each stage of the workflow its own name",
            )
        seen.add(key)
    kinds = [c.kind for c in board.columns]
    order = {"backlog": 0, "in_progress": 1, "done": 2}
    for index in range(1, len(kinds)):
        if order[kinds[index]] < order[kinds[index - 1]]:
            check.fail(
                f"columns[{index + 1}].kind",
                f"{_article(kinds[index])} column ('{board.columns[index].name}') comes after "
                f"{_article(kinds[index - 1])} column",
                "order the columns as the work flows: backlog first, then the in-progress "
                "stages, then done",
            )
            break
    stages = kinds.count("in_progress")
    if stages < MIN_IN_PROGRESS_COLUMNS:
        check.fail(
            "columns",
            f"the board has {stages} in_progress column(s); it needs at least "
            f"{MIN_IN_PROGRESS_COLUMNS}",
            "split 'doing' into the stages work really passes through, including where it "
            "waits: e.g. 'in progress', 'waiting on others', 'review and test'",
        )
    dones = kinds.count("done")
    if dones != 1 or kinds[-1] != "done":
        check.fail(
            "columns",
            f"the board has {dones} done column(s)"
            + ("" if kinds[-1] == "done" else ", and the last column is not done"),
            "end the board with exactly one done column",
        )


@exercise.rule(
    "BOARD-WIP-SET",
    "Every in_progress column has a WIP limit that is a whole number of at least 1.",
)
def wip_set(board: Board, check: Check) -> None:
    for index, column in _in_progress(board):
        if column.wip_limit is None or column.wip_limit < 1:
            shown = (
                "no WIP limit" if column.wip_limit is None else f"a WIP limit of {column.wip_limit}"
            )
            check.fail(
                f"columns[{index}].wip_limit",
                f"the in-progress column '{column.name}' has {shown}",
                "give it a whole number of at least 1: start near the number of items "
                "usually there, then lower it step by step",
            )


@exercise.rule(
    "BOARD-TOTAL-WIP",
    f"The WIP limits of the in_progress columns add up to no more than {WIP_PER_PERSON} "
    "times team_size (rounded down).",
)
def total_wip(board: Board, check: Check) -> None:
    limit = int(WIP_PER_PERSON * board.team_size)
    names = ", ".join(c.name for _, c in _in_progress(board))
    check.at_most(
        "columns",
        _total_wip(board),
        limit,
        what=f"the total WIP limit ({names})",
        why=f"{WIP_PER_PERSON} x {board.team_size} people = "
        f"{number(WIP_PER_PERSON * board.team_size)}: more than one or two items each means "
        "people switch between tasks and everything waits longer; lower the limits, "
        "starting with the columns where work waits",
    )


@exercise.rule(
    "BOARD-PULL-CRITERIA",
    "Every column has pull criteria saying what must be true of an item before it may enter "
    "the column (not one word, and, for committed work, not 'when ready' or 'as needed'), and "
    "no two columns share the same criteria.",
)
def pull_criteria(board: Board, check: Check) -> None:
    seen: dict[str, str] = {}
    for index, column in enumerate(board.columns, 1):
        path = f"columns[{index}].pull_criteria"
        text = column.pull_criteria
        vague = VAGUE_PULL.search(text) if column.kind != "backlog" else None
        if _words(text) < MIN_PULL_WORDS or vague:
            check.fail(
                path,
                f"the pull criteria for '{column.name}' "
                + (
                    f"leave it to whoever pulls ('{vague.group(0)}')"
                    if vague
                    else "say nothing that must be true"
                ),
                "say what must be true before an item may move in, e.g. 'tested in "
                "pre-production, rollback written, reviewed by a second engineer'",
            )
            continue
        key = " ".join(text.casefold().split())
        if key in seen:
            check.fail(
                path,
                f"'{column.name}' has the same pull criteria as '{seen[key]}'",
                "each column is a different stage: say what is different about entering it",
            )
        seen.setdefault(key, column.name)


@exercise.rule(
    "BOARD-EXPEDITE",
    "There is exactly one class of service named 'expedite' (or 'expedited...'); its WIP limit "
    "is 1, and its policy says which work qualifies, not only that the work is urgent.",
)
def expedite(board: Board, check: Check) -> None:
    found = [(i, c) for i, c in enumerate(board.classes_of_service, 1) if _is_expedite(c.name)]
    if not found:
        check.fail(
            "classes_of_service",
            "there is no class of service named 'expedite'",
            "add an expedite class with a WIP limit of 1 and a policy for work that cannot "
            "wait, such as a depot's load-out stopped",
        )
        return
    if len(found) > 1:
        check.fail(
            f"classes_of_service[{found[1][0]}].name",
            "there is more than one expedite class",
            "keep one expedite class; other urgent work belongs in a fixed-date class or at "
            "the top of the standard queue",
        )
    index, lane = found[0]
    if lane.wip_limit != 1:
        shown = "no WIP limit" if lane.wip_limit is None else f"a WIP limit of {lane.wip_limit}"
        check.fail(
            f"classes_of_service[{index}].wip_limit",
            f"the expedite class has {shown}; it must be 1",
            "one expedited item at a time: a second urgent item waits at the top of the "
            "queue, or the two are compared and one is demoted",
        )
    if not [w for w in words(lane.policy.casefold()) if w not in URGENT_ONLY]:
        check.fail(
            f"classes_of_service[{index}].policy",
            "the expedite policy "
            + (
                f"('{lane.policy}') says only that the work is urgent"
                if lane.policy
                else "is empty"
            ),
            "say which work qualifies (in business terms), who may expedite it, and what "
            "happens to the WIP limits and the work already in progress",
        )


@exercise.rule(
    "BOARD-CLASS-POLICY",
    "Besides expedite there is at least one other class of service; class names are unique; "
    "and every class other than expedite has a policy saying which work belongs to it.",
)
def class_policy(board: Board, check: Check) -> None:
    names = [EXPEDITE if _is_expedite(c.name) else normal(c.name) for c in board.classes_of_service]
    if not [n for n in names if n != EXPEDITE]:
        check.fail(
            "classes_of_service",
            "expedite is the only class of service",
            "add the class most work belongs to (standard), and any others your team "
            "needs, such as fixed date",
        )
    seen: set[str] = set()
    for index, lane in enumerate(board.classes_of_service, 1):
        name = names[index - 1]
        if name in seen and name != EXPEDITE:  # a second expedite is reported by BOARD-EXPEDITE
            check.fail(
                f"classes_of_service[{index}].name",
                f"the class name '{lane.name}' is used twice",
                "merge the two, or give each its own name and policy",
            )
        seen.add(name)
        if name != EXPEDITE and _words(lane.policy) < MIN_PULL_WORDS:
            check.fail(
                f"classes_of_service[{index}].policy",
                f"the policy for '{lane.name}' does not say which work belongs to it",
                "say which work belongs to the class and in what order it is pulled",
            )


@exercise.rule(
    "BOARD-THROUGHPUT",
    "flow.throughput_per_day equals flow.items_finished / flow.period_working_days, within 1 % "
    "(or within 0.005, so that a figure rounded to two decimals is accepted).",
)
def throughput(board: Board, check: Check) -> None:
    flow = board.flow
    check.close(
        "flow.throughput_per_day",
        flow.throughput_per_day,
        _throughput(board),
        relative=THROUGHPUT_RELATIVE,
        tolerance=THROUGHPUT_TOLERANCE,
        how=f"items_finished / period_working_days = {flow.items_finished} / "
        f"{flow.period_working_days}",
    )


@exercise.rule(
    "BOARD-AVERAGE-WIP",
    f"flow.average_wip equals the mean of flow.wip_snapshots, within {WIP_TOLERANCE}.",
)
def average_wip(board: Board, check: Check) -> None:
    snaps = board.flow.wip_snapshots
    check.close(
        "flow.average_wip",
        board.flow.average_wip,
        sum(snaps) / len(snaps),
        tolerance=WIP_TOLERANCE,
        how=f"the sum of the {len(snaps)} snapshots ({sum(snaps)}) divided by {len(snaps)}",
    )


@exercise.rule(
    "BOARD-CYCLE-TIME",
    "flow.cycle_time_days obeys Little's Law: the mean of flow.wip_snapshots divided by the "
    "throughput (items_finished / period_working_days), within 5 %.",
)
def cycle_time(board: Board, check: Check) -> None:
    rate = _throughput(board)
    if rate <= 0:
        check.fail(
            "flow.items_finished",
            "no items were finished in the period, so cycle time cannot be worked out",
            "use a period in which the team finished work, e.g. the last six weeks",
        )
        return
    snaps = board.flow.wip_snapshots
    wip = sum(snaps) / len(snaps)
    check.close(
        "flow.cycle_time_days",
        board.flow.cycle_time_days,
        wip / rate,
        relative=CYCLE_RELATIVE,
        how=f"average WIP / throughput = {number(round(wip, 4))} / {number(round(rate, 4))} "
        "items a day (Little's Law)",
    )


@exercise.rule(
    "BOARD-FORECAST",
    "flow.forecast_cycle_time_days obeys Little's Law at the new limits: the total of the "
    "in_progress columns' WIP limits divided by the throughput (items_finished / "
    "period_working_days), within 5 %.",
)
def forecast(board: Board, check: Check) -> None:
    rate = _throughput(board)
    if rate <= 0:
        return  # reported by BOARD-CYCLE-TIME
    total = _total_wip(board)
    check.close(
        "flow.forecast_cycle_time_days",
        board.flow.forecast_cycle_time_days,
        total / rate,
        relative=CYCLE_RELATIVE,
        how=f"total WIP limit / throughput = {total} / {number(round(rate, 4))} items a day "
        "(Little's Law, if throughput stays the same)",
    )


def _brightwater(board: Board) -> bool:
    team = normal(board.team)
    return any(name in team for name in CASE["team"]["known_as"])


@exercise.rule(
    "BOARD-HISTORY",
    "A board for Brightwater's platform and operations team uses the team's size and history "
    "from the template (11 people; 84 items in 30 working days; the six Monday counts). A "
    "board for your own team uses your own.",
)
def history(board: Board, check: Check) -> None:
    if not _brightwater(board):
        return
    given = {
        "team_size": board.team_size,
        "flow.period_working_days": board.flow.period_working_days,
        "flow.items_finished": board.flow.items_finished,
        "flow.wip_snapshots": board.flow.wip_snapshots,
    }
    wanted = {"team_size": CASE["team"]["size"]} | {
        f"flow.{k}": v for k, v in CASE["history"].items()
    }
    for path, value in given.items():
        if value != wanted[path]:
            check.fail(
                path,
                f"{path} is {value}, but the template's history says {wanted[path]}",
                "copy the figure from the team's history in the template; if the board is for "
                "your own team, give the team its own name",
            )
