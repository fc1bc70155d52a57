"""`curriculum schedule` through click's CliRunner: options, formats and errors."""

from __future__ import annotations

import csv
import io
import json
import re
from itertools import pairwise

from click.testing import CliRunner, Result

from curriculum.cli.main import cli

from .conftest import REPO, ROOTS

LEADERS = ["--path", "leaders", "--modules", "fnd-01,fnd-02,fnd-04,dsk-04,lead-03,lead-04"]


def run(*args: str, root: object = REPO) -> Result:
    return CliRunner().invoke(cli, ["schedule", *args, "--root", str(root)])


def days_of(markdown: str) -> list[list[tuple[str, str]]]:
    """Each day's (time, session) rows of a Markdown agenda."""
    days: list[list[tuple[str, str]]] = []
    for line in markdown.splitlines():
        if line.startswith("## Day "):
            days.append([])
        row = re.fullmatch(r"\| (\d\d:\d\d-\d\d:\d\d) \| (.+) \|", line)
        if row:
            days[-1].append((row.group(1), row.group(2)))
    return days


def assert_a_real_class(markdown: str, count: int) -> None:
    days = days_of(markdown)
    assert len(days) == count
    assert days[0][0][1].startswith("Opening: introductions, the agenda")
    for day in days[1:]:
        assert day[0][1] == "Recap of the day before, and questions"
    assert days[-1][-1][1] == "Close: review, actions, evaluation"
    for day in days:
        assert day[-1][1] not in ("Break", "Lunch")


def test_the_two_day_service_desk_class_fits_in_days_of_eight_hours() -> None:
    result = run("--path", "service-desk", "--days", "2", "--day-length", "8h")
    assert result.exit_code == 0, result.output
    assert_a_real_class(result.stdout, 2)
    assert "Pre-work before day 1, reading: fnd-01" in result.stdout
    assert re.search(r"\| lead-05 Capstone.* \(part 1\) \|", result.stdout)
    assert "| fnd-02 Exercise: fnd-02-classify |" in result.stdout


def test_the_one_day_leaders_briefing_fits() -> None:
    result = run(*LEADERS, "--days", "1", "--day-length", "7h30", "--title", "Leaders' briefing")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Schedule: Leaders' briefing\n")
    assert_a_real_class(result.stdout, 1)
    assert "recap" not in result.stdout.split("\n\n")[1]  # one day: no recap to announce


def test_paths_by_alias_and_audience() -> None:
    for name in ("cio", "leaders", "leader", "desk", "sd"):
        result = run("--path", name)
        assert result.exit_code == 0, (name, result.output)
    assert run("--path", "cio").stdout.startswith("# Schedule: IT leader or CIO")


def test_too_many_modules_says_what_to_leave_out_and_exits_2() -> None:
    result = run("--path", "service-desk", "--days", "2")
    assert result.exit_code == 2
    assert result.stdout == "" and "Traceback" not in result.output
    assert result.stderr.startswith(
        "Error: the class does not fit in 2 days: its 12 modules take 765 minutes"
    )
    skip = re.search(r"with: --skip (\S+)", result.stderr)
    assert skip is not None
    assert re.search(
        r"^  lead-05 Capstone: a 90-day improvement plan \(120 min\)$", result.stderr, re.MULTILINE
    )
    assert "Or give --days 3" in result.stderr
    fixed = run("--path", "service-desk", "--days", "2", "--skip", skip.group(1))
    assert fixed.exit_code == 0, fixed.output


def test_modules_and_skip() -> None:
    result = run("--modules", "fnd-02,fnd-01,dsk-01", "--skip", "dsk-01", "--format", "csv")
    assert result.exit_code == 0, result.output
    modules = [row["module"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert list(dict.fromkeys(m for m in modules if m)) == ["fnd-02", "fnd-01"]
    shown = run("--modules", "fnd-02,fnd-01").stdout
    assert "Note: fnd-02 comes before fnd-01, which it builds on." in shown
    in_path_order = run("--path", "desk", "--modules", "dsk-02,fnd-01", "--format", "csv").stdout
    order = [r["module"] for r in csv.DictReader(io.StringIO(in_path_order)) if r["module"]]
    assert list(dict.fromkeys(order)) == ["fnd-01", "dsk-02"]


def test_end_is_the_same_as_a_day_length() -> None:
    by_end = run("--path", "desk", "--end", "17:00")
    by_length = run("--path", "desk", "--day-length", "8h")
    assert by_end.exit_code == 0 and by_end.stdout == by_length.stdout
    both = run("--path", "desk", "--end", "17:00", "--day-length", "8h")
    assert both.exit_code == 2 and "give --day-length or --end, not both" in both.output


def test_the_rests_move_with_the_start() -> None:
    early = days_of(run("--path", "desk", "--start", "08:30", "--day-length", "8h").stdout)
    for day in early:
        times = [t for t, what in day if what == "Lunch"]
        assert times and "11:30" <= times[0][:5] <= "12:30"
        rests = [n for n, (_t, what) in enumerate(day) if what in ("Break", "Lunch")]
        assert all(b - a > 1 for a, b in pairwise(rests))


def span(times: str) -> int:
    """``"12:30-13:30"`` -> 60."""
    start, end = (int(t[:2]) * 60 + int(t[3:]) for t in times.split("-"))
    return end - start


def test_breaks_of_your_own_and_shorter_sessions() -> None:
    options = "--break 10:30/15 --break 12:30/60/Lunch --opening 30 --close 0 --recap 10"
    result = run("--path", "desk", *options.split())
    assert result.exit_code == 0, result.output
    days = days_of(result.stdout)
    assert [span(days[0][0][0]), span(days[1][0][0])] == [30, 10]
    assert not any(what.startswith("Close") for _t, what in days[-1])
    lunches = [span(t) for day in days for t, what in day if what == "Lunch"]
    assert lunches and set(lunches) == {60}
    breaks = [span(t) for day in days for t, what in day if what == "Break"]
    assert breaks and set(breaks) == {15}


def test_formats() -> None:
    text = run("--path", "py", "--days", "1", "--format", "csv", root=ROOTS / "test-course").stdout
    lines = text.splitlines()
    assert lines[0] == "day,start,end,kind,module,title,exercise,note"
    assert (
        lines[1]
        == '1,09:00,09:20,opening,,"Opening: introductions, the agenda, the case organisation",,'
    )
    assert lines[2].startswith("1,09:20,09:50,module+exercise,a-01,First module,a-01-sum,")
    data = json.loads(run("--path", "desk", "--format", "json").stdout)
    assert data["title"] == "Service desk analyst" and data["days_needed"] == len(data["days"])
    first = data["days"][0]
    assert first["prework"][0] == {
        "module": "fnd-01",
        "title": first["prework"][0]["title"],
        "minutes": first["prework"][0]["minutes"],
    }
    assert first["slots"][0]["kind"] == "opening"
    md = run("--path", "py", "--days", "1", root=ROOTS / "test-course").stdout
    assert "| 09:20-09:50 | a-01 First module + exercise a-01-sum |" in md


def test_wrong_values_are_usage_errors_without_traceback() -> None:
    cases = {
        ("--path", "nope"): "unknown learning path 'nope'; the paths are service-desk (also desk",
        ("--path", "desk", "--days", "0"): "at least 1",
        ("--path", "desk", "--start", "9.30"): "HH:MM",
        ("--path", "desk", "--lunch", "-5"): "--lunch is -5",
        ("--path", "desk", "--end", "08:00"): "--end 08:00 is not after --start 09:00",
        ("--modules", "zz-01"): "no module 'zz-01' in this course",
        (): "name a learning path (--path) or the modules to teach (--modules)",
    }
    for args, message in cases.items():
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output and "Traceback" not in result.output, args


def test_help_describes_the_options() -> None:
    text = CliRunner().invoke(cli, ["schedule", "--help"]).output
    for option in (
        "--modules",
        "--skip",
        "--end",
        "--lunch",
        "--short-break",
        "--opening",
        "--recap",
        "--close",
        "--format [md|csv|json]",
    ):
        assert option in text
    assert "curriculum schedule --path service-desk --days 2 --day-length 8h" in text
