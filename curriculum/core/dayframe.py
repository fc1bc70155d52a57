"""The teaching day a class is planned for: its hours, breaks and own sessions.

Times are minutes after midnight. :func:`default_rests` aims lunch at the middle of
the day and a short break at the middle of each half longer than two hours, so
that they move with ``--start`` and the day's length; the planner
(:mod:`curriculum.core.schedule`) takes each at the best place near its time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


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
    """A rest in the day: a break or lunch, ``minutes`` long, aimed at ``at``."""

    at: int  # minutes after midnight
    minutes: int
    label: str = "Break"

    @property
    def is_lunch(self) -> bool:
        return "lunch" in self.label.lower()


def parse_break(text: str) -> Break:
    """``"10:30/15"`` or ``"12:30/60/Lunch"`` (45 minutes or more is lunch)."""
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


def _quarter(minutes: float) -> int:
    """To the nearest quarter hour; half way goes to the earlier one."""
    return int(math.ceil(minutes / 15 - 0.5) * 15)


def default_rests(start: int, end: int, lunch: int = 45, short: int = 10) -> tuple[Break, ...]:
    """Lunch in the middle of a day of five hours or more, and a short break in the
    middle of each part longer than two hours (two breaks if it is longer still)."""
    rests: list[Break] = []
    parts = [(start, end)]
    if lunch and end - start >= 5 * 60:
        at = _quarter(start + (end - start - lunch) / 2)
        rests.append(Break(at, lunch, "Lunch"))
        parts = [(start, at), (at + lunch, end)]
    for first, last in parts if short else []:
        count = 0
        while (last - first - count * short) / (count + 1) > 120:
            count += 1
        each = (last - first - count * short) / (count + 1)
        for n in range(1, count + 1):
            rests.append(Break(_quarter(first + n * each + (n - 1) * short), short, "Break"))
    return tuple(sorted(rests, key=lambda b: b.at))


@dataclass(frozen=True)
class Frame:
    """A teaching day: when it starts and ends, its rests, and the day's own sessions."""

    start: int
    end: int
    rests: tuple[Break, ...]
    opening: int = 20
    recap: int = 15
    close: int = 15
    #: the trainer chose the rests: each is taken whenever class goes on after it
    #: (the default ones are left out when the day is short enough without them)
    chosen: bool = False

    @property
    def gap(self) -> int:
        """The longest stretch of the day between its rests, as they are aimed."""
        edges, now = [], self.start
        for rest in self.rests:
            edges.append(rest.at - now)
            now = rest.at + rest.minutes
        return max([*edges, self.end - now])

    def capacity(self, first: bool, last: bool) -> int:
        """Minutes of modules the day holds when it takes every rest."""
        own = (self.opening if first else self.recap) + (self.close if last else 0)
        return self.end - self.start - sum(r.minutes for r in self.rests) - own


def make_frame(
    start: int,
    end: int,
    rests: Sequence[Break] | None = None,
    *,
    lunch: int = 45,
    short: int = 10,
    opening: int = 20,
    recap: int = 15,
    close: int = 15,
) -> Frame:
    """A checked :class:`Frame`; ``rests=None`` takes :func:`default_rests`."""
    if end - start < 60:
        raise ScheduleError("a teaching day must be at least an hour long")
    if end > 24 * 60:
        raise ScheduleError(f"the day would end after midnight ({clock(start)} + its length)")
    chosen = rests is not None
    if rests is None:
        rests = default_rests(start, end, lunch, short)
    inside = sorted((r for r in rests if start < r.at < end), key=lambda r: r.at)
    for before, after in pairwise(inside):
        if before.at + before.minutes > after.at:
            raise ScheduleError(
                f"the breaks at {clock(before.at)} and {clock(after.at)} overlap; "
                "move one or shorten the first"
            )
    frame = Frame(start, end, tuple(inside), opening, recap, close, chosen)
    if frame.capacity(first=True, last=True) <= 0:
        raise ScheduleError(
            "the breaks, opening and close fill the whole day; shorten them or lengthen the day"
        )
    return frame
