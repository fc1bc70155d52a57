"""Plan a class: modules packed into teaching days the way a trainer runs them.

Day 1 starts with an opening, every later day with a recap, and the last day ends
with a close. Modules keep their order and stay whole within a day: only a module
longer than a day's teaching time continues the next day. A module with an
exercise shows it as its own block when its timing plan says where the exercise
starts (an activity named "Artefact…" or "Exercise…"), and as "module + exercise"
otherwise. Breaks and lunch are *targets* (:func:`default_rests` puts them at times
relative to the day): each is taken at the place nearest its time, between modules
or, inside a module, between two activities of its timing plan (a natural point).
The rules, each tested in ``tests/test_schedule*.py``:

- a day never ends on a break; a break is never next to lunch or to another
  break: at least :data:`MIN_STRETCH` minutes of class lie between any two;
- a module longer than the frame's gap (the longest stretch between its rests)
  gets a rest inside it;
- a stretch of class runs past the gap only when no better place exists.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from curriculum.core.dayframe import (
    Break,
    Frame,
    ScheduleError,
    clock,
    default_rests,
    make_frame,
    parse_break,
    parse_clock,
    parse_duration,
)

#: what callers import from here: the planner and the day it plans
__all__ = [
    "Break",
    "ClassModule",
    "Day",
    "Frame",
    "Plan",
    "ScheduleError",
    "Slot",
    "clock",
    "default_rests",
    "make_frame",
    "parse_break",
    "parse_clock",
    "parse_duration",
    "plan_class",
]

#: minutes of class that must lie between two rests, and after the last one
MIN_STRETCH = 30
#: a day that would end more than this many minutes early is filled with the first
#: activities of the next module
FILL_SLACK = 30
#: how far past the frame's gap a stretch may run before it costs more than a
#: rest far from its time
STRETCH_SLACK = 15
#: a rest inside a module that is not long costs as much as being this many minutes
#: off its time (a trainer moves a break half an hour rather than cut a short module),
#: less between its teaching and its exercise
_INSIDE = 35
_BEFORE_EXERCISE = 10
#: a long module left without a rest inside it costs more than any other choice
_UNBROKEN = 500


@dataclass(frozen=True)
class ClassModule:
    """A module as the planner sees it."""

    id: str
    title: str
    minutes: int
    #: ``(minutes, is the exercise)`` of each activity of its timing plan, if it has one
    activities: tuple[tuple[int, bool], ...] = ()
    exercises: tuple[str, ...] = ()
    #: minutes of reading, listed as pre-work on the day the module starts
    reading: int = 0
    prerequisites: tuple[str, ...] = ()


@dataclass(frozen=True)
class Slot:
    start: int
    end: int
    #: opening, recap, close, module, exercise, module+exercise, break or lunch
    kind: str
    id: str
    title: str
    note: str = ""  # "part 1" when a rest or a night cuts the block
    exercise: str = ""  # the exercise ids of an exercise block


@dataclass
class Day:
    number: int
    slots: list[Slot] = field(default_factory=list)
    #: (module id, title, reading minutes) of the modules that start on this day
    prework: list[tuple[str, str, int]] = field(default_factory=list)


@dataclass
class Plan:
    days: list[Day]
    fits: bool
    days_needed: int
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Piece:
    module: int  # index into the modules
    kind: str
    minutes: int


def _pieces(index: int, module: ClassModule, gap: int) -> list[_Piece]:
    """The module's activities, where a rest may go between any two."""
    if module.activities and sum(m for m, _ in module.activities) == module.minutes:
        flags = [is_exercise for _m, is_exercise in module.activities]
        exercise_from = flags.index(True) if module.exercises and True in flags else len(flags)
        if exercise_from < len(flags) or not module.exercises:
            return [
                _Piece(index, "exercise" if n >= exercise_from else "module", minutes)
                for n, (minutes, _flag) in enumerate(module.activities)
            ]
        # an exercise the plan does not place: one block, cut only between activities
        return [_Piece(index, "module+exercise", m) for m, _flag in module.activities]
    kind = "module+exercise" if module.exercises else "module"
    count = max(1, math.ceil(module.minutes / gap))
    sizes = [module.minutes // count] * count
    sizes[-1] += module.minutes - sum(sizes)
    return [_Piece(index, kind, size) for size in sizes]


def plan_class(modules: Sequence[ClassModule], frame: Frame, days: int | None = None) -> Plan:
    """Lay ``modules`` into as many days as they need; ``fits`` compares with ``days``."""
    if days is not None and days < 1:
        raise ScheduleError("the number of days must be at least 1")
    gap = frame.gap
    fresh = frame.capacity(first=False, last=False)
    pieces: list[_Piece] = []
    notes: list[str] = []
    for index, module in enumerate(modules):
        pieces.extend(_pieces(index, module, gap))
        if module.minutes > fresh:
            notes.append(
                f"{module.id} ({module.minutes} min) is longer than a teaching day "
                f"({fresh} min) and continues on the next day"
            )
    shares = _share(modules, pieces, frame)
    plan_days = [
        Day(n + 1, _lay_day(modules, share, frame, first=n == 0, last=n == len(shares) - 1))
        for n, share in enumerate(shares)
    ]
    _number_parts(plan_days)
    seen: set[str] = set()
    for day in plan_days:
        for slot in day.slots:
            if slot.id and slot.id not in seen:
                seen.add(slot.id)
                module = next(m for m in modules if m.id == slot.id)
                if module.reading:
                    day.prework.append((module.id, module.title, module.reading))
    needed = len(plan_days)
    return Plan(plan_days, days is None or needed <= days, needed, notes)


def _share(
    modules: Sequence[ClassModule], pieces: list[_Piece], frame: Frame
) -> list[list[_Piece]]:
    """Modules into days, in order. A module that does not fit in what is left of a
    day goes to the next, unless the day would end more than :data:`FILL_SLACK`
    minutes early: then its first activities fill the day and the rest follow the
    next day's recap. A module longer than a day fills days."""
    shares: list[list[_Piece]] = [[]]

    def room() -> int:
        used = sum(p.minutes for p in shares[-1])
        return frame.capacity(first=len(shares) == 1, last=False) - used

    for index, module in enumerate(modules):
        own = [p for p in pieces if p.module == index]
        if module.minutes > room() and shares[-1]:
            if room() > FILL_SLACK:  # fill the day: the rest of the module tomorrow
                take: list[_Piece] = []
                while own[len(take)].minutes <= room() - sum(p.minutes for p in take):
                    take.append(own[len(take)])
                if sum(p.minutes for p in take) >= MIN_STRETCH:
                    shares[-1].extend(take)
                    own = own[len(take) :]
            shares.append([])
        for piece in own:  # on a fresh day, or filling days when longer than one
            while piece.minutes > room() and shares[-1]:
                shares.append([])
            shares[-1].append(piece)
    # the last day also holds the close: move its last module on when it does not fit
    while shares[-1]:
        last = shares[-1]
        over = sum(p.minutes for p in last) - frame.capacity(len(shares) == 1, last=True)
        if over <= 0:
            break
        tail = [p for p in last if p.module == last[-1].module]
        if len(tail) == len(last):  # one module alone: move pieces until the close fits
            tail, moved = [], 0
            while moved < over and len(last) > len(tail) + 1:
                tail.insert(0, last[-1 - len(tail)])
                moved += tail[0].minutes
        if not tail:
            break
        del last[len(last) - len(tail) :]
        shares.append(tail)
    return [share for share in shares if share] or [[]]


def _lay_day(
    modules: Sequence[ClassModule],
    pieces: list[_Piece],
    frame: Frame,
    *,
    first: bool,
    last: bool,
) -> list[Slot]:
    """The day's timetable: its pieces in order, each rest at its best place."""
    gap, limit = frame.gap, frame.gap + STRETCH_SLACK
    counts: dict[int, int] = {}
    for piece in pieces:
        counts[piece.module] = counts.get(piece.module, 0) + 1
    whole = {
        m
        for m, n in counts.items()
        if modules[m].minutes > gap and n == len(_pieces(m, modules[m], gap))
    }
    span = {m: (_first(pieces, m), _last(pieces, m)) for m in counts}
    close = frame.close if last else 0
    events: list[tuple[int, _Piece | Break]] = []  # (start time, what)
    now = frame.start + (frame.opening if first else frame.recap)
    stretch_from, index = frame.start, 0
    rests = list(frame.rests)
    for number, rest in enumerate(rests):
        finish = now + sum(p.minutes for p in pieces[index:]) + close
        needless = not (rest.is_lunch or frame.chosen) and finish - stretch_from <= limit
        if finish - rest.at < MIN_STRETCH or needless:
            continue
        # no later rest is taken when the class, with this one, ends too soon after it
        final = all(finish + rest.minutes - r.at < MIN_STRETCH for r in rests[number + 1 :])
        best: tuple[float, int, int] | None = None  # (cost, boundary, time)
        at = now
        for k in range(index, len(pieces)):
            if k > index:
                at += pieces[k - 1].minutes
            before, after = at - stretch_from, finish - at
            if before < MIN_STRETCH or after < MIN_STRETCH:
                continue
            cost = abs(at - rest.at) + 3 * max(0, before - limit)
            inside = k > 0 and pieces[k - 1].module == pieces[k].module
            if inside and pieces[k].module not in whole:
                cost += _BEFORE_EXERCISE if pieces[k - 1].kind != pieces[k].kind else _INSIDE
            cost += _UNBROKEN * sum(1 for m in whole if index <= span[m][0] and span[m][1] < k)
            if final:
                cost += 3 * max(0, after - close - limit)
                cost += _UNBROKEN * sum(1 for m in whole if span[m][0] >= k)
            if best is None or cost < best[0]:
                best = (cost, k, at)
        if best is None:
            continue
        _cost, k, at = best
        for piece in pieces[index:k]:
            events.append((now, piece))
            now += piece.minutes
        events.append((now, rest))
        now += rest.minutes
        stretch_from, index = now, k
    for piece in pieces[index:]:
        events.append((now, piece))
        now += piece.minutes
    return _slots(modules, events, frame, first=first, last=last, end=now)


def _first(pieces: list[_Piece], module: int) -> int:
    return next(n for n, p in enumerate(pieces) if p.module == module)


def _last(pieces: list[_Piece], module: int) -> int:
    return max(n for n, p in enumerate(pieces) if p.module == module)


def _slots(
    modules: Sequence[ClassModule],
    events: list[tuple[int, _Piece | Break]],
    frame: Frame,
    *,
    first: bool,
    last: bool,
    end: int,
) -> list[Slot]:
    """Events as rows: the day's own sessions around them, a module's pieces merged."""
    start = frame.start
    slots: list[Slot] = []
    if first and frame.opening:
        title = "Opening: introductions, the agenda, the case organisation"
        slots.append(Slot(start, start + frame.opening, "opening", "", title))
    elif not first and frame.recap:
        title = "Recap of the day before, and questions"
        slots.append(Slot(start, start + frame.recap, "recap", "", title))
    for at, what in events:
        if isinstance(what, Break):
            kind = "lunch" if what.is_lunch else "break"
            slots.append(Slot(at, at + what.minutes, kind, "", what.label))
            continue
        module = modules[what.module]
        previous = slots[-1] if slots else None
        if previous and previous.id == module.id and previous.kind == what.kind:
            slots[-1] = Slot(previous.start, at + what.minutes, *_row(module, what.kind))
        else:
            slots.append(Slot(at, at + what.minutes, *_row(module, what.kind)))
    if last and frame.close:
        title = "Close: review, actions, evaluation"
        slots.append(Slot(end, end + frame.close, "close", "", title))
    return slots


def _row(module: ClassModule, kind: str) -> tuple[str, str, str, str, str]:
    exercise = ", ".join(module.exercises) if kind != "module" else ""
    return kind, module.id, module.title, "", exercise


def _number_parts(days: list[Day]) -> None:
    """``part 1``, ``part 2``… on the blocks of a module that a rest or a night cuts."""
    count: dict[tuple[str, str], int] = {}
    for day in days:
        for slot in day.slots:
            if slot.id:
                count[(slot.id, slot.kind)] = count.get((slot.id, slot.kind), 0) + 1
    seen: dict[tuple[str, str], int] = {}
    for day in days:
        for n, slot in enumerate(day.slots):
            key = (slot.id, slot.kind)
            if slot.id and count[key] > 1:
                seen[key] = seen.get(key, 0) + 1
                day.slots[n] = Slot(
                    slot.start,
                    slot.end,
                    slot.kind,
                    slot.id,
                    slot.title,
                    f"part {seen[key]}",
                    slot.exercise,
                )
