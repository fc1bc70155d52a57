"""The class planner's rules (curriculum.core.schedule, .dayframe), without Sphinx.

Each rule of the planner's docstring has a test here that fails when the rule breaks;
the property tests check every rule on many made-up classes and days.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curriculum.core.schedule import (
    MIN_STRETCH,
    Break,
    ClassModule,
    Frame,
    Plan,
    ScheduleError,
    clock,
    default_rests,
    make_frame,
    parse_break,
    parse_clock,
    parse_duration,
    plan_class,
)

NINE = parse_clock("09:00")
CLASS_KINDS = {"opening", "recap", "close", "module", "exercise", "module+exercise"}
REST_KINDS = {"break", "lunch"}


def module(
    mid: str, minutes: int, *, plan: tuple[int, ...] = (), exercise: bool = False, reading: int = 0
) -> ClassModule:
    """A module whose timing plan (if any) ends with its exercise when it has one."""
    activities = tuple((m, exercise and n == len(plan) - 1) for n, m in enumerate(plan))
    return ClassModule(
        mid, f"Title {mid}", minutes, activities, (f"{mid}-ex",) if exercise else (), reading
    )


def rows(plan: Plan) -> list[list[str]]:
    return [
        [
            f"{clock(s.start)}-{clock(s.end)} {s.kind} {s.id}{' ' + s.note if s.note else ''}"
            for s in day.slots
        ]
        for day in plan.days
    ]


def frame(length: str = "7h", start: str = "09:00", **kwargs: int) -> Frame:
    first = parse_clock(start)
    return make_frame(first, first + parse_duration(length), **kwargs)


# --- the day's frame -------------------------------------------------------------------


def test_default_rests_sit_in_the_middle_of_the_day_and_of_each_half() -> None:
    rests = default_rests(NINE, parse_clock("17:00"))
    assert [(clock(r.at), r.minutes, r.label) for r in rests] == [
        ("10:45", 10, "Break"),
        ("12:30", 45, "Lunch"),
        ("15:00", 10, "Break"),
    ]
    seven = default_rests(NINE, parse_clock("16:00"), lunch=60, short=15)
    assert [(clock(r.at), r.minutes) for r in seven] == [
        ("10:15", 15),
        ("12:00", 60),
        ("14:15", 15),
    ]


def test_default_rests_move_with_the_start() -> None:
    """--start 08:30: the rests move with the day, so lunch never runs into a break."""
    early = default_rests(parse_clock("08:30"), parse_clock("16:30"))
    late = default_rests(NINE, parse_clock("17:00"))
    assert [r.at + 30 for r in early] == [r.at for r in late]


def test_short_days_have_no_lunch_and_long_halves_two_breaks() -> None:
    half = default_rests(NINE, parse_clock("13:00"))
    assert [(clock(r.at), r.label) for r in half] == [("11:00", "Break")]
    long_day = default_rests(parse_clock("08:00"), parse_clock("19:00"))
    assert [r.label for r in long_day] == ["Break", "Break", "Lunch", "Break", "Break"]
    assert default_rests(NINE, parse_clock("17:00"), lunch=0, short=0) == ()


def test_frame_gap_and_capacity() -> None:
    day = frame("8h")
    assert day.gap == 110  # 15:10 to 17:00
    assert day.capacity(first=True, last=False) == 480 - 65 - 20
    assert day.capacity(first=False, last=True) == 480 - 65 - 15 - 15


def test_bad_frames_are_refused_with_what_to_change() -> None:
    with pytest.raises(ScheduleError, match="at least an hour"):
        make_frame(NINE, NINE + 30)
    with pytest.raises(ScheduleError, match="overlap"):
        make_frame(NINE, NINE + 240, (parse_break("10:00/45"), parse_break("10:30/15")))
    with pytest.raises(ScheduleError, match="fill the whole day"):
        make_frame(NINE, NINE + 90, (Break(parse_clock("09:30"), 90),))
    with pytest.raises(ScheduleError, match="after midnight"):
        make_frame(parse_clock("20:00"), parse_clock("20:00") + 300)


def test_parsers() -> None:
    assert parse_clock("09:05") == 545
    assert [parse_duration(t) for t in ("7h", "6h30", "6h30m", "390m", "390")] == [420] + [390] * 4
    assert parse_break("12:30/60") == Break(750, 60, "Lunch")
    assert parse_break("10:30/15/Coffee") == Break(630, 15, "Coffee")
    with pytest.raises(ScheduleError, match="HH:MM"):
        parse_clock("9.30")
    with pytest.raises(ScheduleError, match="duration"):
        parse_duration("seven hours")
    with pytest.raises(ScheduleError, match="TIME/MINUTES"):
        parse_break("10:30")


# --- the class day ---------------------------------------------------------------------


def test_opening_on_day_one_recap_on_later_days_close_on_the_last() -> None:
    plan = plan_class([module(f"a-0{n}", 90) for n in range(1, 7)], frame("7h"))
    assert plan.days_needed == 2 and plan.fits
    first, second = plan.days
    assert first.slots[0].kind == "opening" and first.slots[0].end - first.slots[0].start == 20
    assert second.slots[0].kind == "recap" and second.slots[0].end - second.slots[0].start == 15
    assert second.slots[-1].kind == "close" and second.slots[-1].end - second.slots[-1].start == 15
    assert "close" not in {s.kind for s in first.slots}
    one_day = plan_class([module("a-01", 60)], frame("7h"))
    assert [s.kind for s in one_day.days[0].slots] == ["opening", "module", "close"]


def test_modules_keep_their_order() -> None:
    plan = plan_class([module(f"a-0{n}", 45) for n in range(1, 10)], frame("7h"))
    order = [s.id for day in plan.days for s in day.slots if s.id]
    assert list(dict.fromkeys(order)) == [f"a-0{n}" for n in range(1, 10)]


def test_an_exercise_is_its_own_block_when_the_timing_plan_places_it() -> None:
    plan = plan_class([module("a-01", 60, plan=(20, 25, 15), exercise=True)], frame("7h"))
    blocks = [(s.kind, s.end - s.start, s.exercise) for s in plan.days[0].slots if s.id]
    assert blocks == [("module", 45, ""), ("exercise", 15, "a-01-ex")]


def test_without_a_plan_module_and_exercise_are_one_block() -> None:
    no_plan = plan_class([module("a-01", 60, exercise=True)], frame("7h"))
    plan_without_exercise = plan_class(
        [ClassModule("a-01", "T", 60, ((30, False), (30, False)), ("a-01-ex",))], frame("7h")
    )
    for plan in (no_plan, plan_without_exercise):
        (block,) = [s for s in plan.days[0].slots if s.id]
        assert (block.kind, block.exercise, block.end - block.start) == (
            "module+exercise",
            "a-01-ex",
            60,
        )
    plain = plan_class([module("a-01", 60)], frame("7h"))
    assert [s.kind for s in plain.days[0].slots if s.id] == ["module"]


def test_a_day_never_ends_on_a_break() -> None:
    """The old planner ended 09:00-16:00 days at 15:15 on a trailing break."""
    plan = plan_class([module(f"a-0{n}", 45) for n in range(1, 8)], frame("7h"))
    for day in plan.days:
        assert day.slots[-1].kind not in REST_KINDS
    short = plan_class([module("a-01", 200)], frame("7h"))
    assert short.days[0].slots[-1].kind == "close"


def test_a_break_is_never_next_to_lunch() -> None:
    """--start 08:30 with fixed 10:30/12:30/15:00 breaks ran lunch into a break."""
    modules = [module(f"a-0{n}", 30, plan=(10, 10, 10)) for n in range(1, 15)]
    rests = (parse_break("12:15/15"), parse_break("12:30/45/Lunch"), parse_break("13:15/10"))
    plan = plan_class(modules, make_frame(parse_clock("08:30"), parse_clock("16:30"), rests))
    for day in plan.days:
        for before, after in zip(day.slots, day.slots[1:], strict=False):
            assert not (before.kind in REST_KINDS and after.kind in REST_KINDS)


def test_a_module_longer_than_the_gap_gets_a_rest_inside_it() -> None:
    """A 120-minute capstone used to run without a break."""
    capstone = module("lead-05", 120, plan=(10, 10, 10, 15, 15, 10, 10, 5, 8, 27), exercise=True)
    for start in ("09:00", "10:00", "13:15", "14:00"):
        plan = plan_class([module("a-01", 30), capstone], frame("8h", start))
        slots = [s for day in plan.days for s in day.slots]
        parts = [n for n, s in enumerate(slots) if s.id == "lead-05"]
        inside = slots[parts[0] : parts[-1] + 1]
        assert {"break", "lunch"} & {s.kind for s in inside}, start
        notes = [s.note for s in inside if s.kind == "module"]
        assert notes[:2] == ["part 1", "part 2"] or notes == [], start


def test_a_long_module_is_cut_even_when_its_end_is_nearer_the_break() -> None:
    """The break aimed at 10:50 would fall at 11:00, after the 120-minute module; the
    module is longer than the day's gap (110 minutes), so the break goes inside it."""
    rests = (parse_break("10:50/10"), parse_break("12:00/10"))
    day = make_frame(NINE, parse_clock("13:00"), rests, opening=0, close=0)
    assert day.gap == 110
    plan = plan_class(
        [module("big-01", 120, plan=(60, 60)), module("a-02", 60, plan=(30, 30))], day
    )
    assert rows(plan)[0][:3] == [
        "09:00-10:00 module big-01 part 1",
        "10:00-10:10 break ",
        "10:10-11:10 module big-01 part 2",
    ]


def test_a_short_module_is_not_cut_when_a_boundary_is_near() -> None:
    plan = plan_class([module(f"a-0{n}", 60, plan=(30, 30)) for n in range(1, 7)], frame("7h"))
    for day in plan.days:
        for n, slot in enumerate(day.slots):
            if slot.kind in REST_KINDS:
                assert day.slots[n - 1].id != day.slots[n + 1].id, rows(plan)


def test_rests_fall_near_their_times() -> None:
    modules = [module(f"a-{n:02d}", 30, plan=(15, 15)) for n in range(1, 40)]
    day = frame("8h")
    plan = plan_class(modules, day)
    for slot_day in plan.days[:-1]:
        rests = [s for s in slot_day.slots if s.kind in REST_KINDS]
        assert len(rests) == 3
        for rest, aim in zip(rests, day.rests, strict=True):
            assert abs(rest.start - aim.at) <= 15, (clock(rest.start), clock(aim.at))


def test_days_are_packed_to_their_end() -> None:
    """A module that does not fit starts the next day only when the day is nearly full;
    otherwise its first activities fill the day, the rest follow the recap."""
    plan = plan_class(
        [module("a-01", 300, plan=(60,) * 5), module("a-02", 90, plan=(30, 30, 30))], frame("7h")
    )
    # day 1 holds 335 minutes of modules: a-01 and 30 of a-02's 90, ending at 15:55
    first = plan.days[0]
    assert [(s.id, s.note) for s in first.slots if s.id][-1] == ("a-02", "part 1")
    assert clock(first.slots[-1].end) == "15:55"
    carried = [s for s in plan.days[1].slots if s.id == "a-02"]
    assert carried and carried[0].note == "part 2"
    assert plan.days[1].slots[0].kind == "recap"
    # a day that is nearly full is not topped up with a sliver of the next module
    nearly = plan_class(
        [module("a-01", 320, plan=(40,) * 8), module("a-02", 90, plan=(30,) * 3)], frame("7h")
    )
    assert {s.id for s in nearly.days[0].slots if s.id} == {"a-01"}


def test_a_module_longer_than_a_day_continues_and_says_so() -> None:
    plan = plan_class([module("a-01", 30), module("big-01", 400)], frame("7h"), days=3)
    assert plan.notes == [
        "big-01 (400 min) is longer than a teaching day (340 min) and continues on the next day"
    ]
    big = [s for day in plan.days for s in day.slots if s.id == "big-01"]
    assert sum(s.end - s.start for s in big) == 400
    assert {s.note for s in big} >= {"part 1", "part 2"}
    assert plan.fits


def test_prework_is_the_reading_of_the_modules_that_start_that_day() -> None:
    modules = [module(f"a-0{n}", 120, reading=10 * n) for n in range(1, 6)]
    plan = plan_class(modules, frame("7h"))
    starts = [{s.id for s in day.slots if s.id} for day in plan.days]
    for day, here in zip(plan.days, starts, strict=True):
        before = {s for d in starts[: day.number - 1] for s in d}
        assert [p[0] for p in day.prework] == sorted(here - before)
        assert all(p[2] == 10 * int(p[0][-1]) for p in day.prework)
    assert plan_class([module("a-01", 60)], frame("7h")).days[0].prework == []


def test_fits_compares_the_days_needed_with_the_days_given() -> None:
    modules = [module(f"a-0{n}", 90) for n in range(1, 7)]
    assert not plan_class(modules, frame("7h"), days=1).fits
    assert plan_class(modules, frame("7h"), days=2).fits
    with pytest.raises(ScheduleError, match="at least 1"):
        plan_class(modules, frame("7h"), days=0)


def test_breaks_of_your_own_are_kept() -> None:
    day = make_frame(NINE - 60, NINE + 180, (parse_break("09:00/20"),), opening=0, close=0)
    plan = plan_class([module("a-01", 45), module("a-02", 60)], day)
    assert rows(plan) == [
        ["08:00-08:45 module a-01", "08:45-09:05 break ", "09:05-10:05 module a-02"]
    ]


# --- every rule, on many classes ----------------------------------------------------------

durations = st.sampled_from([30, 45, 60, 75, 90, 120, 150])


@st.composite
def classes(draw: st.DrawFn) -> tuple[list[ClassModule], Frame]:
    count = draw(st.integers(1, 14))
    modules = []
    for n in range(count):
        minutes = draw(durations)
        planned = draw(st.booleans())
        plan = tuple([15] * (minutes // 15)) if planned else ()
        modules.append(module(f"m-{n:02d}", minutes, plan=plan, exercise=draw(st.booleans())))
    start = draw(st.sampled_from(["07:30", "08:00", "08:30", "09:00", "09:15", "10:00"]))
    length = draw(st.sampled_from(["4h", "5h30", "6h", "7h", "7h30", "8h", "9h"]))
    short = draw(st.sampled_from([0, 10, 15]))
    lunch = draw(st.sampled_from([30, 45, 60]))
    return modules, frame(length, start, short=short, lunch=lunch)


@settings(max_examples=300, deadline=None)
@given(classes())
def test_every_rule_holds_on_any_class(case: tuple[list[ClassModule], Frame]) -> None:
    modules, day = case
    plan = plan_class(modules, day)
    taught: dict[str, int] = {}
    for n, slot_day in enumerate(plan.days):
        slots = slot_day.slots
        assert slots[0].kind == ("opening" if n == 0 else "recap")
        assert slots[-1].kind not in REST_KINDS
        if n == len(plan.days) - 1:
            assert slots[-1].kind == "close"
        assert slots[0].start == day.start and slots[-1].end <= day.end
        for before, after in pairwise(slots):
            assert before.end == after.start
        class_since = 0
        for slot in slots:
            if slot.kind in REST_KINDS:
                assert class_since >= MIN_STRETCH, rows(plan)
                class_since = 0
            else:
                assert slot.kind in CLASS_KINDS
                class_since += slot.end - slot.start
            if slot.id:
                taught[slot.id] = taught.get(slot.id, 0) + slot.end - slot.start
    assert taught == {m.id: m.minutes for m in modules}
