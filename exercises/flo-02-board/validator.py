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

The schema, its limits and word lists and the helpers are in ``schema.py``.
"""

from __future__ import annotations

from curriculum.validation import Check, Exercise, number
from curriculum.validation.toolkit import normal, words

from .schema import (
    CASE,
    CYCLE_RELATIVE,
    EXPEDITE,
    MIN_IN_PROGRESS_COLUMNS,
    MIN_PULL_WORDS,
    THROUGHPUT_RELATIVE,
    THROUGHPUT_TOLERANCE,
    URGENT_ONLY,
    VAGUE_PULL,
    WIP_PER_PERSON,
    WIP_TOLERANCE,
    Board,
    _article,
    _in_progress,
    _is_expedite,
    _throughput,
    _total_wip,
    _words,
)

exercise = Exercise(schema=Board)


# --- the rules -----------------------------------------------------------------------------


@exercise.rule(
    "BOARD-WORKFLOW",
    "The board reads left to right as a workflow: column names are unique; any backlog "
    "columns come first; then at least two in_progress columns, so that the board shows the "
    "real stages of the work (doing, waiting, reviewing...) and not a single 'doing' column; "
    "and exactly one done column, last.",
)
def workflow(board: Board, check: Check) -> None:
    check.unique(
        "columns",
        [f"'{c.name}'" for c in board.columns],
        what="the column name",
        hint="give each stage of the workflow its own name",
        key=str.casefold,
        field="name",
    )
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
