"""Packing a learning path into teaching days (`curriculum schedule`)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from curriculum.cli.main import cli
from curriculum.core.schedule import (
    Break,
    ScheduleError,
    as_csv,
    as_markdown,
    clock,
    parse_break,
    parse_clock,
    parse_duration,
    plan_days,
)

from .conftest import ROOTS

MODULES = [
    ("a-01", "A", 45),
    ("a-02", "B", 60),
    ("a-03", "C", 90),
    ("a-04", "D", 75),
    ("a-05", "E", 60),
    ("a-06", "F", 45),
]


def rows(plan) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [f"{clock(s.start)}-{clock(s.end)} {s.id or s.title}" for s in day.slots]
        for day in plan.days
    ]


def test_modules_in_order_with_breaks_between_them() -> None:
    plan = plan_days(MODULES, days=2)
    assert plan.fits and plan.days_needed == 2
    assert rows(plan) == [
        [
            "09:00-09:45 a-01",
            "09:45-10:45 a-02",
            "10:45-11:00 Break",
            "11:00-12:30 a-03",
            "12:30-13:30 Lunch",
            "13:30-14:45 a-04",
            "14:45-15:00 Break",
            "15:00-16:00 a-05",
        ],
        ["09:00-09:45 a-06"],
    ]


def test_a_module_is_never_split_to_fill_a_day() -> None:
    plan = plan_days([("a-01", "A", 300), ("a-02", "B", 60)], days=2)
    assert [s.id for s in plan.days[0].slots if s.kind == "module"] == ["a-01"]
    assert [s.id for s in plan.days[1].slots if s.kind == "module"] == ["a-02"]


def test_a_module_longer_than_a_day_is_split_and_says_so() -> None:
    plan = plan_days([("a-01", "A", 30), ("big-01", "Big", 400)], days=3)
    assert plan.notes == [
        "big-01 (400 min) is longer than a teaching day (330 min) and is split across days"
    ]
    big = [s for day in plan.days for s in day.slots if s.id == "big-01"]
    assert sum(s.end - s.start for s in big) == 400
    assert {s.note for s in big} >= {"part 1", "part 2"}
    assert plan.days_needed == 3 and plan.fits


def test_a_path_that_does_not_fit_says_how_many_days_it_needs() -> None:
    plan = plan_days(MODULES, days=1)
    assert not plan.fits and plan.days_needed == 2
    assert "**Does not fit:** the path needs 2 days." in as_markdown(plan, "P")


def test_zero_days_and_bad_values_are_refused() -> None:
    with pytest.raises(ScheduleError, match="at least 1"):
        plan_days(MODULES, days=0)
    with pytest.raises(ScheduleError, match="breaks fill the whole day"):
        plan_days(MODULES, days=1, day_length=90, breaks=(Break(parse_clock("09:30"), 90),))
    with pytest.raises(ScheduleError, match="HH:MM"):
        parse_clock("9.30")
    with pytest.raises(ScheduleError, match="duration"):
        parse_duration("seven hours")
    with pytest.raises(ScheduleError, match="TIME/MINUTES"):
        parse_break("10:30")


def test_parsers() -> None:
    assert parse_clock("09:05") == 545
    assert [parse_duration(t) for t in ("7h", "6h30", "6h30m", "390m", "390")] == [
        420,
        390,
        390,
        390,
        390,
    ]
    assert parse_break("12:30/60") == Break(750, 60, "Lunch")
    assert parse_break("10:30/15/Coffee") == Break(630, 15, "Coffee")


def test_custom_start_length_and_breaks() -> None:
    plan = plan_days(
        MODULES[:2],
        days=1,
        start=parse_clock("08:00"),
        day_length=parse_duration("4h"),
        breaks=(parse_break("09:00/20"),),
    )
    assert rows(plan) == [["08:00-08:45 a-01", "08:45-09:05 Break", "09:05-10:05 a-02"]]


def test_csv() -> None:
    text = as_csv(plan_days(MODULES[:1], days=1))
    assert text.splitlines() == [
        "day,start,end,kind,module,title,note",
        "1,09:00,09:45,module,a-01,A,",
    ]


def test_cli_schedule() -> None:
    root = ["--root", str(ROOTS / "test-course")]
    runner = CliRunner()
    ok = runner.invoke(cli, ["schedule", "--path", "py", "--days", "1", *root])
    assert ok.exit_code == 0, ok.output
    assert "| 09:00-09:30 | a-01 First module |" in ok.output
    tight = runner.invoke(
        cli, ["schedule", "--path", "py", "--days", "1", "--day-length", "2h", *root]
    )
    assert tight.exit_code == 1
    assert "needs 2 days; it does not fit in 1" in tight.output
    unknown = runner.invoke(cli, ["schedule", "--path", "nope", "--days", "1", *root])
    assert (
        unknown.exit_code == 2 and "unknown learning path 'nope' (paths: px, py)" in unknown.output
    )
    zero = runner.invoke(cli, ["schedule", "--path", "py", "--days", "0", *root])
    assert zero.exit_code == 2 and "at least 1" in zero.output
    csv = runner.invoke(cli, ["schedule", "--path", "py", "--days", "2", "--format", "csv", *root])
    assert csv.output.startswith("day,start,end,kind,module,title,note\n1,09:00,09:30,module,a-01")
