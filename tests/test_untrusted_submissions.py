"""Untrusted submissions: every problem a learner's file causes is a finding, in time,
and ``grade`` always writes its report without leaving the submissions folder."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from curriculum.cli.main import cli
from curriculum.cli.report import GradeRow, write_report
from curriculum.validation.findings import MAX_SAME_CODE, Finding, Location, summarise
from curriculum.validation.registry import check_file, load_validator, read_exercise

from .conftest import REPO

SLO = REPO / "exercises" / "rel-01-slo"
DORA = REPO / "exercises" / "flo-05-dora"  # a JSON exercise
SOLUTION = (SLO / "solution.yaml").read_text()
JSON_SOLUTION = (DORA / "solution.json").read_text()
BIG = "1" * 5000


@pytest.fixture(scope="module")
def slo():
    exercise, problems = read_exercise(SLO)
    assert exercise is not None, problems
    return exercise


@pytest.fixture(scope="module")
def dora():
    exercise, problems = read_exercise(DORA)
    assert exercise is not None, problems
    return exercise


def slo_with(old: str, new: str) -> str:
    assert old in SOLUTION
    return SOLUTION.replace(old, new, 1)


def check_json(path: Path) -> tuple[int, dict]:
    result = CliRunner().invoke(
        cli, ["check", "rel-01-slo", str(path), "--format", "json", "--root", str(REPO)]
    )
    return result.exit_code, json.loads(result.output)


# --- 1. numbers no real figure needs ----------------------------------------------------

NUMBERS = {
    # name: (text, line, words in the message)
    "5000-digit-int": (
        slo_with("valid_events_per_window: 4320000", f"valid_events_per_window: {BIG}"),
        10,
        "has 5,000 digits",
    ),
    "400-digit-int": (  # readable by Python, but past any float: rules would overflow
        slo_with("valid_events_per_window: 4320000", f"valid_events_per_window: {'9' * 400}"),
        10,
        "has 400 digits",
    ),
    "huge-hex": (
        slo_with("window_days: 28", "window_days: 0x" + "f" * 5000),
        9,
        "is too large to calculate with",
    ),
    "huge-exponent": (
        slo_with("target_percent: 99.5", "target_percent: 1e999999"),
        8,
        "would be read as infinity",
    ),
    # a plain key is at most 1,024 characters in YAML: a long one needs "? key"
    "5000-digit-key": (SOLUTION + f"? {BIG}\n: x\n", 14, "has 5,000 digits"),
}


@pytest.mark.parametrize("name", sorted(NUMBERS))
def test_a_number_too_long_is_a_located_file_finding(slo, tmp_path: Path, name: str) -> None:
    text, line, words = NUMBERS[name]
    path = tmp_path / "slo.yaml"
    path.write_text(text)
    started = time.perf_counter()
    findings, readable = check_file(slo, path)
    assert time.perf_counter() - started < 2.0
    assert not readable
    (finding,) = findings
    assert finding.code == "file.number"
    assert finding.location.line == line
    assert f"the number at line {line}" in finding.message and words in finding.message
    assert "realistic figure" in finding.hint
    assert len(finding.message) < 200  # the 5,000 digits are not quoted back
    code, data = check_json(path)
    assert code == 2 and data["findings"][0]["code"] == "file.number"


def test_a_written_infinity_is_still_read_as_before(slo, tmp_path: Path) -> None:
    path = tmp_path / "slo.yaml"
    path.write_text(slo_with("target_percent: 99.5", "target_percent: .inf"))
    findings, readable = check_file(slo, path)
    assert readable and {f.code for f in findings} == {"SLO-TARGET-RANGE"}


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ('"deployments": 16', f'"deployments": {BIG}', "has 5,000 digits"),
        ('"median_lead_time_hours": 19.2', '"median_lead_time_hours": 1e999999', "infinity"),
    ],
)
def test_json_numbers_too_long(dora, tmp_path: Path, old: str, new: str, words: str) -> None:
    assert old in JSON_SOLUTION
    path = tmp_path / "dora.json"
    path.write_text(JSON_SOLUTION.replace(old, new))
    findings, readable = check_file(dora, path)
    assert not readable
    (finding,) = findings
    line = next(n for n, text in enumerate(JSON_SOLUTION.splitlines(), 1) if old in text)
    assert finding.code == "file.number" and finding.location.line == line
    assert words in finding.message


def test_check_of_a_huge_number_exits_2_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "slo.yaml"
    path.write_text(NUMBERS["5000-digit-int"][0])
    result = subprocess.run(
        [sys.executable, "-m", "curriculum.cli", "check", "rel-01-slo", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "slo.yaml:10: error: the number at line 10 has 5,000 digits" in result.stdout
    assert "how to fix: write a realistic figure" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal" not in result.stdout + result.stderr


# --- loading runs inside the error handling and the time limit --------------------------


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (RecursionError(), "file.too-deep"),
        (MemoryError(), "file.too-large"),
        (ValueError("x"), "file.syntax"),
        (OverflowError("x"), "file.syntax"),
        (RuntimeError("loader bug"), "internal-error"),
    ],
)
def test_anything_raised_while_reading_is_a_finding(
    slo, tmp_path: Path, monkeypatch, error: BaseException, code: str
) -> None:
    import curriculum.validation.registry as registry

    def explode(*args, **kwargs):
        raise error

    monkeypatch.setattr(registry, "load_submission", explode)
    findings, readable = check_file(slo, SLO / "solution.yaml")
    assert [f.code for f in findings] == [code] and not readable
    assert findings[0].message and findings[0].hint


def test_slow_reading_is_stopped_as_a_file_finding(slo, monkeypatch) -> None:
    import curriculum.validation.registry as registry

    monkeypatch.setattr(registry, "TIME_LIMIT_S", 1)
    monkeypatch.setattr(registry, "load_submission", lambda *a, **k: time.sleep(30))
    started = time.perf_counter()
    findings, readable = check_file(slo, SLO / "solution.yaml")
    assert time.perf_counter() - started < 5
    assert [f.code for f in findings] == ["file.timeout"] and not readable


def test_an_overflow_in_a_rule_is_a_learner_finding(slo, monkeypatch) -> None:
    validator = load_validator(slo)

    def overflow(submission):
        raise OverflowError("date value out of range")

    monkeypatch.setattr(validator, "validate", overflow)
    findings, readable = check_file(slo, SLO / "solution.yaml")
    assert readable and [f.code for f in findings] == ["file.number"]


# --- 6. a flood of one code is summarised -----------------------------------------------


def flood(n: int) -> str:
    text = slo_with("window_days: 28", "window_days: twenty-eight")
    return text + "".join(f"k{i}: 1\n" for i in range(n))


def test_a_flood_of_one_code_is_summarised_and_other_codes_kept(slo, tmp_path: Path) -> None:
    path = tmp_path / "slo.yaml"
    path.write_text(flood(20_000))
    findings, _ = check_file(slo, path)
    unknown = [f for f in findings if f.code == "schema.unknown-field"]
    assert len(unknown) == MAX_SAME_CODE + 1
    assert [f.location.field for f in unknown[:MAX_SAME_CODE]] == [f"k{i}" for i in range(5)]
    summary = unknown[-1]
    assert summary.more == 19_995 and "and 19,995 more like this" in summary.message
    assert "fix the ones above first" in summary.hint
    assert summary.location.line == 19  # where the first hidden one is
    assert [f.code for f in findings if f.code != "schema.unknown-field"] == ["schema.type"]
    result = CliRunner().invoke(cli, ["check", "rel-01-slo", str(path), "--root", str(REPO)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) < 30, len(lines)  # the five review questions follow the verdict
    assert [line for line in lines if line.endswith("problems to fix")] == [
        f"{path}: 20,001 problems to fix"
    ]
    code, data = check_json(path)
    assert code == 1
    assert [f.get("more", 0) for f in data["findings"]].count(19_995) == 1


def test_summarise_keeps_order_severities_and_other_codes() -> None:
    def at(line: int, code: str = "A-B", severity: str = "error") -> Finding:
        return Finding(code, f"m{line}", "h", Location(line), severity)  # type: ignore[arg-type]

    items = [at(n) for n in range(20, 0, -1)] + [at(3, "C-D"), at(50, "A-B", "warning")]
    out = summarise(items, keep=5)
    assert [f.message for f in out if f.code == "A-B" and f.severity == "error"][:5] == [
        "m1",
        "m2",
        "m3",
        "m4",
        "m5",
    ]
    assert [f.code for f in out].count("C-D") == 1
    assert [f.more for f in out if f.more] == [15]
    assert any(f.severity == "warning" and not f.more for f in out)
    six = [at(n) for n in range(1, 7)]
    assert summarise(six, keep=5) == six  # a summary of one would hide it for nothing


def test_grade_counts_what_a_summary_stands_for(tmp_path: Path) -> None:
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    (cohort / "flood.yaml").write_text(flood(1000))
    out = tmp_path / "report.csv"
    result = grade(cohort, out)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(out.open()))
    assert rows[1][:4] == ["flood.yaml", "no", "schema.type schema.unknown-field", "1001"]


# --- 2. grade always writes its report ---------------------------------------------------


def grade(cohort: Path, out: Path):
    return CliRunner().invoke(
        cli, ["grade", "rel-01-slo", str(cohort), "--out", str(out), "--root", str(REPO)]
    )


def test_grade_writes_a_row_for_a_file_that_crashed(tmp_path: Path, monkeypatch) -> None:
    import curriculum.validation.registry as registry

    cohort = tmp_path / "cohort"
    cohort.mkdir()
    (cohort / "good.yaml").write_text(SOLUTION)
    (cohort / "huge.yaml").write_text(NUMBERS["5000-digit-int"][0])
    (cohort / "crash.yaml").write_text(SOLUTION)
    real = registry.check_file

    def sometimes(exercise, path):
        if path.name == "crash.yaml":
            raise MemoryError
        return real(exercise, path)

    monkeypatch.setattr(registry, "check_file", sometimes)
    out = tmp_path / "report.csv"
    result = grade(cohort, out)
    assert result.exit_code == 0, result.output
    rows = {r[0]: r for r in csv.reader(out.open())}
    assert rows["crash.yaml"][1:3] == ["no", "internal-error"]
    assert rows["huge.yaml"][1:3] == ["no", "file.number"]
    assert rows["good.yaml"][1:3] == ["yes", ""]


def test_grade_names_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    try:
        (cohort / os.fsdecode(b"caf\xe9.yaml")).write_text(SOLUTION)
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    (cohort / "new\nline.yaml").write_text(SOLUTION)
    for suffix in (".csv", ".md", ".html"):
        out = tmp_path / f"report{suffix}"
        assert grade(cohort, out).exit_code == 0
        text = out.read_text(encoding="utf-8").replace("\\\\", "\\")  # Markdown escapes \\
        assert "caf\\xe9.yaml" in text and "new\\x0aline.yaml" in text


# --- 3. links out of the submissions folder are not read ---------------------------------


def test_grade_does_not_follow_links_out_of_the_folder(tmp_path: Path, monkeypatch) -> None:
    import curriculum.validation.registry as registry

    outside = tmp_path / "outside"
    (outside / "more").mkdir(parents=True)
    (outside / "secret.yaml").write_text(SOLUTION)
    (outside / "more" / "other.yaml").write_text(SOLUTION)
    cohort = tmp_path / "cohort"
    (cohort / "sub").mkdir(parents=True)
    (cohort / "good.yaml").write_text(SOLUTION)
    (cohort / "evil.yaml").symlink_to(outside / "secret.yaml")
    (cohort / "evildir").symlink_to(outside / "more", target_is_directory=True)
    (cohort / "inside.yaml").symlink_to("good.yaml")
    (cohort / "sub" / "up").symlink_to("..", target_is_directory=True)  # a loop, inside
    (cohort / "self.yaml").symlink_to("self.yaml")
    (cohort / "gone.yaml").symlink_to("nothing.yaml")
    read: list[Path] = []
    real = registry.load_submission

    def spy(path, *args, **kwargs):
        read.append(Path(path).resolve())
        return real(path, *args, **kwargs)

    monkeypatch.setattr(registry, "load_submission", spy)
    out = tmp_path / "report.csv"
    result = grade(cohort, out)
    assert result.exit_code == 0, result.output
    assert all(p.is_relative_to(cohort.resolve()) for p in read), read
    rows = {r[0]: r[1:3] for r in csv.reader(out.open())}
    assert rows == {
        "file": ["passed", "finding_codes"],
        "good.yaml": ["yes", ""],
        "inside.yaml": ["yes", ""],
        "evil.yaml": ["no", "file.symlink"],
        "evildir": ["no", "file.symlink"],
        "self.yaml": ["no", "file.symlink"],
        "gone.yaml": ["no", "file.symlink"],
    }
    assert "skipped evil.yaml: 'evil.yaml' is a link to" in result.stderr
    assert "outside the submissions folder; it was not read" in result.stderr
    assert "skipped self.yaml: 'self.yaml' is a link that leads round in a loop" in result.stderr


# --- 4. the report never lands among the submissions ------------------------------------


def test_grade_refuses_a_report_inside_the_folder(tmp_path: Path) -> None:
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    learner = cohort / "slo.yaml"
    learner.write_text(SOLUTION)
    (tmp_path / "link.csv").symlink_to(learner)
    os.link(learner, tmp_path / "hard.csv")
    for out in (cohort / "report.csv", cohort / "slo.yaml.csv", tmp_path / "link.csv"):
        result = grade(cohort, out)
        assert result.exit_code == 2, result.output
        assert f"--out {out} is inside the submissions folder" in result.output
        assert "write the report elsewhere" in result.output
    result = grade(cohort, tmp_path / "hard.csv")
    assert result.exit_code == 2 and "is the submission" in result.output
    assert learner.read_text() == SOLUTION
    assert not (cohort / "report.csv").exists()


# --- 5. reports never run or render learner text ----------------------------------------


def test_csv_cells_a_spreadsheet_would_run_get_a_quote(tmp_path: Path) -> None:
    names = ["=HYPERLINK(1).yaml", "+1.yaml", "-2.yaml", "@SUM.yaml", "\tx.yaml", "\rx.yaml"]
    rows = [GradeRow(name, []) for name in [*names, "plain.yaml"]]
    out = tmp_path / "report.csv"
    write_report(rows, out, "rel-01-slo", {})
    cells = [r[0] for r in csv.reader(out.open(newline=""))][1:]
    assert all(cell.startswith("'") for cell in cells[:-1]), cells
    assert cells[-1] == "plain.yaml"
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    (cohort / "=cmd.yaml").write_text(SOLUTION)
    assert grade(cohort, out).exit_code == 0
    assert out.read_text().splitlines()[1].startswith("'=cmd.yaml,yes,,0,")


def test_markdown_and_html_show_learner_names_as_text(tmp_path: Path) -> None:
    name = "<img src=x onerror=alert(1)>|`x`*y*.yaml"
    rows = [GradeRow(name, [Finding("SLO-X", "m")])]
    write_report(rows, tmp_path / "r.md", "rel-01-slo", {"SLO-X": "a|b"})
    write_report(rows, tmp_path / "r.html", "rel-01-slo", {})
    md = (tmp_path / "r.md").read_text()
    row = next(line for line in md.splitlines() if "img" in line)
    assert "<img" not in md and "&lt;img src=x onerror=alert(1)&gt;\\|\\`x\\`\\*y" in row
    assert row.count("|") - row.count("\\|") == 4  # the table still has three cells
    assert "| a\\|b |" in md
    page = (tmp_path / "r.html").read_text()
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_control_characters_in_learner_text_do_not_reach_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "slo.yaml"
    # an unknown key is quoted back in the message: it must not move the cursor
    path.write_text(SOLUTION + '"\\e[2J\\u202Eok": 1\n')
    result = CliRunner().invoke(cli, ["check", "rel-01-slo", str(path), "--root", str(REPO)])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "\\x1b[2J\\u202eok" in result.output
