"""A planned class as text: Markdown for people, CSV and JSON for other tools.

The words of a row (:func:`slot_text`) and of the day's frame (:func:`frame_text`)
are made here once, for the command line and for the agendas on the course's pages.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from curriculum.core.schedule import Day, Frame, Plan, Slot, clock

CSV_COLUMNS = ["day", "start", "end", "kind", "module", "title", "exercise", "note"]


def slot_text(slot: Slot) -> str:
    """``dsk-05 Front-line problem spotting (part 1)``, ``dsk-05 Exercise: dsk-05-problem``."""
    if slot.kind == "exercise":
        text = f"{slot.id} Exercise: {slot.exercise}"
    elif slot.kind == "module+exercise":
        text = f"{slot.id} {slot.title} + exercise {slot.exercise}"
    elif slot.kind == "module":
        text = f"{slot.id} {slot.title}"
    else:
        text = slot.title
    return text + (f" ({slot.note})" if slot.note else "")


def slot_time(slot: Slot) -> str:
    return f"{clock(slot.start)}-{clock(slot.end)}"


def minutes_text(minutes: int) -> str:
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def frame_text(frame: Frame, days: int | None = None) -> str:
    """The day the plan was made for, in words: from the same frame as its rows
    (``days``: how many the plan has, to leave out a recap and close it has not)."""
    rests = "; ".join(
        f"{'lunch' if r.is_lunch else r.label.lower()} of {r.minutes} min near {clock(r.at)}"
        for r in frame.rests
    )
    several = days is None or days > 1
    sessions = [
        f"an opening of {frame.opening} min" + (" on day 1" if several else "")
        if frame.opening
        else "",
        f"a recap of {frame.recap} min on later days" if frame.recap and several else "",
        f"a close of {frame.close} min" + (" on the last" if several else "")
        if frame.close
        else "",
    ]
    own = ", ".join(s for s in sessions if s)
    return (
        f"Days of {clock(frame.start)} to {clock(frame.end)}"
        + (f" with {own}" if own else "")
        + (
            f"; {rests}, each taken between modules or at a natural point inside one"
            if rests
            else "; no breaks"
        )
        + "."
    )


def prework_text(day: Day) -> str:
    """``Before day 1, read: fnd-01 (24 min), fnd-02 (22 min); 46 minutes in all.``"""
    if not day.prework:
        return ""
    items = ", ".join(f"{mid} {title} ({minutes} min)" for mid, title, minutes in day.prework)
    total = sum(minutes for _mid, _title, minutes in day.prework)
    return f"Pre-work before day {day.number}, reading: {items}; {minutes_text(total)} in all."


def day_heading(day: Day) -> str:
    if not day.slots:
        return f"Day {day.number}"
    return f"Day {day.number} ({clock(day.slots[0].start)}-{clock(day.slots[-1].end)})"


def as_markdown(plan: Plan, title: str, frame: Frame, notes: list[str] | None = None) -> str:
    lines = [f"# Schedule: {title}", "", frame_text(frame, len(plan.days)), ""]
    for note in [*(notes or []), *plan.notes]:
        lines += [f"Note: {note}.", ""]
    for day in plan.days:
        lines += [f"## {day_heading(day)}", ""]
        if day.prework:
            lines += [prework_text(day), ""]
        lines += ["| time | session |", "|---|---|"]
        lines += [f"| {slot_time(slot)} | {slot_text(slot)} |" for slot in day.slots]
        lines.append("")
    return "\n".join(lines)


def as_csv(plan: Plan) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for day in plan.days:
        for s in day.slots:
            row = [day.number, clock(s.start), clock(s.end), s.kind, s.id, s.title]
            writer.writerow([*row, s.exercise, s.note])
    return buffer.getvalue()


def as_data(plan: Plan, title: str, frame: Frame, notes: list[str] | None = None) -> dict[str, Any]:
    """The plan as plain data (``--format json``)."""
    return {
        "title": title,
        "frame": frame_text(frame, len(plan.days)),
        "days_needed": plan.days_needed,
        "notes": [*(notes or []), *plan.notes],
        "days": [
            {
                "day": day.number,
                "prework": [{"module": mid, "title": t, "minutes": m} for mid, t, m in day.prework],
                "slots": [
                    {
                        "start": clock(s.start),
                        "end": clock(s.end),
                        "kind": s.kind,
                        "module": s.id,
                        "title": s.title,
                        "exercise": s.exercise,
                        "note": s.note,
                        "text": slot_text(s),
                    }
                    for s in day.slots
                ],
            }
            for day in plan.days
        ],
    }


def as_json(plan: Plan, title: str, frame: Frame, notes: list[str] | None = None) -> str:
    return json.dumps(as_data(plan, title, frame, notes), indent=2, ensure_ascii=False) + "\n"
