"""Pack a learning path into teaching days with breaks: the trainer's agenda.

Modules keep their order and are never split, unless a module is longer than
a whole teaching day (it then continues the next day, and the plan says so).
Breaks sit at fixed clock times but are taken between modules: a break is
taken before a module when its time falls before the module's midpoint, so a
long module does not push lunch by more than half its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DEFAULT_BREAKS = (("10:30", 15, "Break"), ("12:30", 60, "Lunch"), ("15:00", 15, "Break"))


class ScheduleError(ValueError):
    """The request cannot be planned; the message says why and what to change."""


def parse_clock(text: str) -> int:
    """``"09:30"`` -> minutes after midnight."""
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", text.strip())
    if match is None:
        raise ScheduleError(f"'{text}' is not a time of day; write it as HH:MM, e.g. 09:00")
    return int(match.group(1)) * 60 + int(match.group(2))


def parse_duration(text: str) -> int:
    """``"7h"``, ``"6h30"``, ``"6h30m"``, ``"390m"`` or ``"390"`` -> minutes."""
    match = re.fullmatch(r"\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m?(?:in)?)?\s*", text)
    if match is None or not any(match.groups()):
        raise ScheduleError(f"'{text}' is not a duration; write e.g. 7h, 6h30 or 390m")
    return int(match.group(1) or 0) * 60 + int(match.group(2) or 0)


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class Break:
    at: int  # minutes after midnight
    minutes: int
    label: str = "Break"


def parse_break(text: str) -> Break:
    """``"10:30/15"`` or ``"12:30/60/Lunch"``."""
    parts = text.split("/")
    if len(parts) not in (2, 3):
        raise ScheduleError(f"'{text}' is not a break; write TIME/MINUTES, e.g. 10:30/15")
    minutes = parse_duration(parts[1])
    label = (
        parts[2].strip()
        if len(parts) == 3 and parts[2].strip()
        else ("Lunch" if minutes >= 45 else "Break")
    )
    return Break(parse_clock(parts[0]), minutes, label)


@dataclass(frozen=True)
class Slot:
    start: int
    end: int
    kind: str  # "module" or "break"
    id: str
    title: str
    note: str = ""


@dataclass
class Day:
    number: int
    slots: list[Slot] = field(default_factory=list)


@dataclass
class Plan:
    days: list[Day]
    fits: bool
    days_needed: int
    notes: list[str] = field(default_factory=list)


def plan_days(
    modules: list[tuple[str, str, int]],
    days: int,
    start: int = 9 * 60,
    day_length: int = 7 * 60,
    breaks: tuple[Break, ...] | None = None,
) -> Plan:
    """Lay ``(id, title, minutes)`` modules into days; see the module docstring."""
    if days < 1:
        raise ScheduleError("the number of days must be at least 1")
    if day_length < 60:
        raise ScheduleError("a teaching day must be at least an hour long")
    end = start + day_length
    if breaks is None:
        breaks = tuple(Break(parse_clock(t), m, label) for t, m, label in DEFAULT_BREAKS)
    day_breaks = sorted((b for b in breaks if start < b.at < end), key=lambda b: b.at)
    teaching = day_length - sum(b.minutes for b in day_breaks)
    if teaching <= 0:
        raise ScheduleError("the breaks fill the whole day; shorten them or lengthen the day")

    plan_days_: list[Day] = [Day(1)]
    notes: list[str] = []
    now = start
    pending = list(day_breaks)

    def next_day() -> None:
        nonlocal now, pending
        plan_days_.append(Day(len(plan_days_) + 1))
        now = start
        pending = list(day_breaks)

    def take_breaks_before(length: int) -> None:
        nonlocal now
        while pending and pending[0].at <= now + length // 2:
            item = pending.pop(0)
            plan_days_[-1].slots.append(Slot(now, now + item.minutes, "break", "", item.label))
            now += item.minutes

    for module_id, title, minutes in modules:
        if minutes > teaching:
            # longer than a day: it takes whole days of its own
            if plan_days_[-1].slots:
                next_day()
            left, part = minutes, 1
            notes.append(
                f"{module_id} ({minutes} min) is longer than a teaching day "
                f"({teaching} min) and is split across days"
            )
            while left > 0:
                if pending and pending[0].at <= now:
                    item = pending.pop(0)
                    plan_days_[-1].slots.append(
                        Slot(now, now + item.minutes, "break", "", item.label)
                    )
                    now += item.minutes
                    continue
                room = (pending[0].at if pending else end) - now
                if room <= 0:
                    next_day()
                    continue
                chunk = min(left, room)
                plan_days_[-1].slots.append(
                    Slot(now, now + chunk, "module", module_id, title, f"part {part}")
                )
                now += chunk
                left -= chunk
                part += 1
            continue
        take_breaks_before(minutes)
        if now + minutes > _latest_end(end, pending):
            next_day()
            take_breaks_before(minutes)
        plan_days_[-1].slots.append(Slot(now, now + minutes, "module", module_id, title))
        now += minutes
    # breaks still due after the last module of a day are not listed
    used = len([d for d in plan_days_ if d.slots])
    return Plan(plan_days_, used <= days, used, notes)


def _latest_end(end: int, pending: list[Break]) -> int:
    """A module must end by the end of the day less the breaks still to come."""
    return end - sum(b.minutes for b in pending)


def as_markdown(plan: Plan, title: str) -> str:
    lines = [f"# Schedule: {title}", ""]
    if not plan.fits:
        lines += [f"**Does not fit:** the path needs {plan.days_needed} days.", ""]
    for note in plan.notes:
        lines += [f"Note: {note}.", ""]
    for day in plan.days:
        if not day.slots:
            continue
        lines += [f"## Day {day.number}", "", "| time | session |", "|---|---|"]
        for slot in day.slots:
            what = f"{slot.id} {slot.title}" if slot.kind == "module" else slot.title
            if slot.note:
                what += f" ({slot.note})"
            lines.append(f"| {clock(slot.start)}-{clock(slot.end)} | {what} |")
        lines.append("")
    return "\n".join(lines)


def as_csv(plan: Plan) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["day", "start", "end", "kind", "module", "title", "note"])
    for day in plan.days:
        for slot in day.slots:
            writer.writerow(
                [
                    day.number,
                    clock(slot.start),
                    clock(slot.end),
                    slot.kind,
                    slot.id,
                    slot.title,
                    slot.note,
                ]
            )
    return buffer.getvalue()
