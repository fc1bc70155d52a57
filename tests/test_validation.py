"""The validator framework: hostile files, rule helpers, crashes, reports, the CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curriculum.cli.main import cli
from curriculum.cli.report import GradeRow, write_report
from curriculum.validation import Artefact, Check, Exercise, Submission, load_submission
from curriculum.validation.findings import Finding, Location
from curriculum.validation.registry import check_file, read_exercise

from .conftest import REPO, ROOTS

SLO = REPO / "exercises" / "rel-01-slo"


@pytest.fixture(scope="module")
def slo():
    exercise, problems = read_exercise(SLO)
    assert exercise is not None, problems
    return exercise


def alias_bomb() -> str:
    text = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(9):
        prev, name = chr(97 + i), chr(98 + i)
        text += f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}]\n"
    return text


HOSTILE = {
    "alias-bomb.yaml": (alias_bomb().encode(), "file.unsafe"),
    "huge.yaml": (b"a: " + b"x" * (50 * 1024 * 1024) + b"\n", "file.too-large"),
    "binary.yaml": (bytes(range(256)) * 64, "file.binary"),
    "empty.yaml": (b"", "file.empty"),
    "blank.yaml": (b"  \n\n", "file.empty"),
    "list.yaml": (b"- a\n- b\n", "schema.type"),
    "deep-flow.yaml": (b"a: " + b"[" * 20000 + b"]" * 20000 + b"\n", "file.too-deep"),
    "deep-block.yaml": (b"- " * 20000 + b"x\n", "file.too-deep"),
    "latin1.yaml": ("service: Caf\xe9\n".encode("latin-1"), "file.encoding"),
    "python-tag.yaml": (
        b"service: !!python/object/apply:os.system ['echo pwned']\n",
        "file.unsafe",
    ),
    "two-documents.yaml": (b"a: 1\n---\nb: 2\n", "file.syntax"),
    "duplicate.yaml": (b"service: a\nservice: b\n", "file.duplicate-key"),
    "bad-syntax.yaml": (b"service: [unclosed\n", "file.syntax"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_get_one_reason_quickly(slo, tmp_path: Path, name: str) -> None:
    data, code = HOSTILE[name]
    path = tmp_path / name
    path.write_bytes(data)
    started = time.perf_counter()
    findings, _readable = check_file(slo, path)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0, elapsed
    assert [f.code for f in findings] == [code]
    assert findings[0].message and findings[0].hint


def test_nothing_is_executed(slo, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "tag.yaml"
    path.write_text(f"service: !!python/object/apply:os.system ['touch {marker}']\n")
    check_file(slo, path)
    assert not marker.exists()


def test_bom_is_tolerated(slo, tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (SLO / "solution.yaml").read_bytes())
    assert check_file(slo, path) == ([], True)


def test_missing_file(slo, tmp_path: Path) -> None:
    findings, readable = check_file(slo, tmp_path / "nope.yaml")
    assert not readable and findings[0].code == "file.missing"


def test_json_loading_keeps_lines_and_finds_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{\n  "a": 1,\n  "b": [1, 2]\n}\n')
    submission = load_submission(path, "json")
    assert submission.data == {"a": 1, "b": [1, 2]}
    assert submission.line_of(("b",)) == 3
    path.write_text('{"a": 1, "a": 2}')
    with pytest.raises(Exception) as err:
        load_submission(path, "json")
    assert err.value.finding.code == "file.duplicate-key"  # type: ignore[attr-defined]
    path.write_text("[" * 5000 + "]" * 5000)
    with pytest.raises(Exception) as err:
        load_submission(path, "json")
    assert err.value.finding.code == "file.too-deep"  # type: ignore[attr-defined]
    path.write_text('{"a": 1,}')
    with pytest.raises(Exception) as err:
        load_submission(path, "json")
    assert err.value.finding.code == "file.syntax"  # type: ignore[attr-defined]


# --- rule helpers ---------------------------------------------------------------------


class Doc(Artefact):
    values: list[int]
    total: float
    note: str


def run(rule, data: dict, text: str = "") -> list[Finding]:  # type: ignore[no-untyped-def]
    exercise: Exercise[Doc] = Exercise(schema=Doc)
    exercise.rule("TEST-RULE", "a rule under test")(rule)
    return exercise.validate(Submission(Path("x.yaml"), data))


def test_close_says_expected_and_how() -> None:
    def rule(doc: Doc, check: Check) -> None:
        check.close("total", doc.total, sum(doc.values), how="the sum of values", tolerance=0.5)

    assert run(rule, {"values": [1, 2], "total": 3.4, "note": "x"}) == []
    (finding,) = run(rule, {"values": [1, 2], "total": 4, "note": "x"})
    assert finding.code == "TEST-RULE"
    assert finding.message == "total is 4; expected 3 (within 0.5)"
    assert finding.hint == "it is computed as the sum of values"
    assert finding.location.field == "total"


def test_ascending_points_at_the_item() -> None:
    def rule(doc: Doc, check: Check) -> None:
        check.ascending("values", doc.values, what="values")

    (finding,) = run(rule, {"values": [1, 3, 2], "total": 0, "note": ""})
    assert finding.location.field == "values[3]"
    assert "out of order: 2 comes after 3" in finding.message


def test_banned_phrases_whole_words_any_case() -> None:
    def rule(doc: Doc, check: Check) -> None:
        check.banned_phrases("note", doc.note, ["human error", "should have"], why="blame")

    found = run(rule, {"values": [], "total": 0, "note": "It was Human  Error; they should have."})
    assert [f.message for f in found] == [
        "'Human  Error' is not allowed here",
        "'should have' is not allowed here",
    ]
    assert run(rule, {"values": [], "total": 0, "note": "inhuman errors"}) == []


def test_thresholds_and_word_count() -> None:
    def rule(doc: Doc, check: Check) -> None:
        check.at_most("total", doc.total, 10, what="total", why="keep it small")
        check.at_least("values", len(doc.values), 2, what="the number of values", why="two")
        check.word_count("note", doc.note, 2, 3, what="the note")

    found = run(rule, {"values": [1], "total": 11, "note": "one two three four"})
    assert [f.message for f in found] == [
        "total is 11, above the limit of 10",
        "the number of values is 1, below the minimum of 2",
        "the note has 4 words; it needs 2 to 3",
    ]


def test_rule_codes_are_checked() -> None:
    exercise: Exercise[Doc] = Exercise(schema=Doc)
    with pytest.raises(ValueError):
        exercise.rule("lowercase", "x")
    exercise.rule("A-B", "x")(lambda doc, check: None)
    with pytest.raises(ValueError):
        exercise.rule("A-B", "again")


def test_a_crashing_validator_is_an_internal_error_not_a_traceback(course_copy, tmp_path: Path):
    src = course_copy()
    validator = src / "exercises" / "a-01-sum" / "validator.py"
    validator.write_text(
        validator.read_text().replace(
            'check.close("total"', 'raise RuntimeError("boom")\n    check.close("total"'
        )
    )
    exercise, _ = read_exercise(src / "exercises" / "a-01-sum")
    assert exercise is not None
    findings, readable = check_file(exercise, exercise.solution)
    assert readable and [f.code for f in findings] == ["internal-error"]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "curriculum.cli.main",
            "check",
            "a-01-sum",
            str(exercise.solution),
            "--root",
            str(src),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 3
    assert "internal-error" in result.stdout and "Traceback" not in result.stdout + result.stderr


def test_a_slow_validator_is_stopped(course_copy, monkeypatch) -> None:
    import curriculum.validation.registry as registry

    src = course_copy()
    validator = src / "exercises" / "a-01-sum" / "validator.py"
    validator.write_text(
        validator.read_text().replace(
            'check.close("total"', 'while True:\n        pass\n    check.close("total"'
        )
    )
    monkeypatch.setattr(registry, "TIME_LIMIT_S", 1)
    exercise, _ = read_exercise(src / "exercises" / "a-01-sum")
    assert exercise is not None
    findings, _ = check_file(exercise, exercise.solution)
    assert [f.code for f in findings] == ["internal-timeout"]


# --- property-based: nothing a learner writes crashes the checker -----------------------

yaml_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=yaml_text)
def test_random_text_never_crashes(slo, tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "any.yaml"
    path.write_text(text, encoding="utf-8")
    findings, _ = check_file(slo, path)
    assert all(isinstance(f, Finding) for f in findings)
    assert not [f for f in findings if f.code.startswith("internal-")]


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30)
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    field=st.sampled_from(
        [
            "service",
            "target_percent",
            "window_days",
            "sli",
            "valid_events_per_window",
            "error_budget_minutes",
            "error_budget_events",
            "sla_target_percent",
            "extra",
        ]
    ),
    value=st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=8,
    ),
)
def test_mutated_solutions_never_crash(slo, tmp_path_factory, field: str, value: object) -> None:
    import yaml  # PyYAML writes the mutated document; the checker reads it back

    data = yaml.safe_load((SLO / "solution.yaml").read_text())
    data[field] = value
    path = tmp_path_factory.mktemp("mut") / "mutated.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    findings, _ = check_file(slo, path)
    assert not [f for f in findings if f.code.startswith("internal-")], findings


date_shaped = st.from_regex(
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ Tt][0-9]{1,2}:[0-9]{2}(:[0-9]{2})?(\.[0-9]+)?)?",
    fullmatch=True,
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=date_shaped)
def test_date_shaped_values_never_crash(slo, tmp_path_factory, value: str) -> None:
    """Written unquoted, so YAML itself reads them as dates or time stamps (or fails to)."""
    text = (SLO / "solution.yaml").read_text()
    path = tmp_path_factory.mktemp("date") / "dated.yaml"
    path.write_text(text + f"\nreviewed: {value}\n", encoding="utf-8")
    findings, _ = check_file(slo, path)
    assert not [f for f in findings if f.code.startswith("internal-")], findings


# --- reports and the command line --------------------------------------------------------


def test_grade_report_formats(tmp_path: Path) -> None:
    rows = [GradeRow("a.yaml", []), GradeRow("b|c.yaml", [Finding("SLO-X", "m", "h", Location(3))])]
    for suffix in (".csv", ".md", ".html"):
        out = tmp_path / f"report{suffix}"
        write_report(rows, out, "rel-01-slo", {"SLO-X": "what SLO-X means"})
        text = out.read_text()
        assert "a.yaml" in text and "SLO-X" in text
    assert (tmp_path / "report.csv").read_text().splitlines()[2] == "b|c.yaml,no,SLO-X,1,"
    assert "1 of 2 submissions pass" in (tmp_path / "report.md").read_text()
    assert "what SLO-X means" in (tmp_path / "report.html").read_text()


def test_check_exit_codes_and_json_shape(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(
        cli, ["check", "rel-01-slo", str(SLO / "solution.yaml"), "--root", str(REPO)]
    )
    assert ok.exit_code == 0 and "passed" in ok.output
    wrong = tmp_path / "slo.yaml"
    wrong.write_text((SLO / "solution.yaml").read_text().replace("201.6", "216"))
    result = runner.invoke(
        cli, ["check", "rel-01-slo", str(wrong), "--format", "json", "--root", str(REPO)]
    )
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert set(data) == {
        "exercise",
        "file",
        "passed",
        "findings",
        "review",
        "checks_waiting",
        "checks",
    }
    assert data["review"] and all(isinstance(q, str) for q in data["review"])
    assert data["passed"] is False
    # every rule with what became of it: the one that found the problem failed, the rest passed
    statuses = {c["code"]: c["status"] for c in data["checks"]}
    assert statuses.pop("SLO-BUDGET-MINUTES") == "failed"
    assert statuses and set(statuses.values()) == {"passed"}
    assert all(c["description"] for c in data["checks"])
    (finding,) = data["findings"]
    assert set(finding) == {"code", "severity", "location", "message", "hint"}
    assert finding["location"] == {"line": 11, "field": "error_budget_minutes"}
    assert "expected 201.6" in finding["message"]
    assert "(1 - 99.5/100) x 28 days x 1440 minutes" in finding["hint"]
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    assert (
        runner.invoke(cli, ["check", "rel-01-slo", str(empty), "--root", str(REPO)]).exit_code == 2
    )
    unknown = runner.invoke(cli, ["check", "no-such", str(wrong), "--root", str(REPO)])
    assert unknown.exit_code == 2 and "unknown exercise 'no-such'" in unknown.output


def test_an_impossible_date_is_a_located_finding_not_an_internal_error(tmp_path: Path) -> None:
    pir = REPO / "exercises" / "rel-04-pir" / "solution.yaml"
    wrong = tmp_path / "pir.yaml"
    wrong.write_text(
        pir.read_text().replace("review_meeting: 2025-12-12", "review_meeting: 2025-12-32")
    )
    result = CliRunner().invoke(
        cli, ["check", "rel-04-pir", str(wrong), "--format", "json", "--root", str(REPO)]
    )
    assert result.exit_code == 1, result.output
    (finding,) = json.loads(result.output)["findings"]
    assert finding["code"] == "schema.type"
    assert finding["location"] == {"line": 4, "field": "review_meeting"}
    assert "2025-12-32" in finding["message"] and "YYYY-MM-DD" in finding["hint"]


def test_check_does_not_import_sphinx() -> None:
    code = (
        "import sys, curriculum.cli.main as c\n"
        "sys.argv = ['curriculum', 'check', 'rel-01-slo', sys.argv[1], '--root', sys.argv[2]]\n"
        "try:\n    c.main()\nexcept SystemExit:\n    pass\n"
        "print('SPHINX' if any(m == 'sphinx' or m.startswith('sphinx.') for m in sys.modules)"
        " else 'CLEAN')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(SLO / "solution.yaml"), str(REPO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip().endswith("CLEAN"), result.stdout + result.stderr


def test_grade_a_folder(tmp_path: Path) -> None:
    submissions = tmp_path / "cohort"
    submissions.mkdir()
    for case in sorted((SLO / "cases").rglob("*.yaml")):
        shutil.copy(case, submissions / f"{case.parent.name}-{case.name}")
    (submissions / "broken.yaml").write_bytes(b"\x00\x01")
    out = tmp_path / "report.md"
    result = CliRunner().invoke(
        cli, ["grade", "rel-01-slo", str(submissions), "--out", str(out), "--root", str(REPO)]
    )
    assert result.exit_code == 0, result.output
    report = out.read_text()
    assert "| broken.yaml | no | `file.binary` |" in report
    assert "| pass-parcel-tracking.yaml | yes |  |" in report
    assert "SLO-BUDGET-MINUTES" in report.split("## Submissions")[0]
    bad = CliRunner().invoke(
        cli, ["grade", "rel-01-slo", str(submissions), "--out", "r.pdf", "--root", str(REPO)]
    )
    assert bad.exit_code == 2


def test_exercises_command_lists_the_test_exercise() -> None:
    result = CliRunner().invoke(
        cli, ["exercises", "--format", "json", "--root", str(ROOTS / "test-course")]
    )
    assert result.exit_code == 0
    (item,) = json.loads(result.output)["exercises"]
    assert item["id"] == "a-01-sum" and item["module"] == "a-01" and item["objectives"] == ["o2"]


# --- a capstone embeds earlier artefacts, each checked by its own validator ------------

BUNDLE_VALIDATOR = """
from typing import Any
from curriculum.validation import Artefact, Check, Exercise


class Item(Artefact):
    exercise: str
    content: Any


class Bundle(Artefact):
    items: list[Item]


exercise = Exercise(schema=Bundle)


@exercise.rule("BUNDLE-VALID", "Every embedded artefact passes its own checks.")
def valid(doc: Bundle, check: Check) -> None:
    for number, item in enumerate(doc.items, start=1):
        check.embedded(f"items[{number}].content", item.exercise, item.content)
"""


@pytest.fixture
def bundle(course_copy):
    src = course_copy()
    folder = src / "exercises" / "a-02-bundle"
    shutil.copytree(src / "exercises" / "a-01-sum", folder)
    (folder / "exercise.yaml").write_text(
        (folder / "exercise.yaml").read_text().replace("a-01-sum", "a-02-bundle")
    )
    (folder / "validator.py").write_text(BUNDLE_VALIDATOR)
    exercise, problems = read_exercise(folder)
    assert exercise is not None, problems
    return exercise


def _check_bundle(bundle, tmp_path: Path, text: str) -> list[Finding]:
    path = tmp_path / "bundle.yaml"
    path.write_text(text)
    findings, readable = check_file(bundle, path)
    assert readable
    return findings


def test_embedded_artefacts_pass_their_own_checks(bundle, tmp_path: Path) -> None:
    text = "items:\n  - exercise: a-01-sum\n    content:\n      parts: [1, 2]\n      total: 3\n"
    assert _check_bundle(bundle, tmp_path, text) == []


def test_embedded_findings_come_back_under_the_capstone_at_their_line(
    bundle, tmp_path: Path
) -> None:
    text = (
        "items:\n"
        "  - exercise: a-01-sum\n"
        "    content:\n"
        "      parts: [1, 2]\n"
        "      total: 3\n"
        "  - exercise: a-01-sum\n"
        "    content:\n"
        "      parts: [1, 2, 4]\n"
        "      total: 6\n"
        "  - exercise: a-01-sum\n"
        "    content:\n"
        "      parts: [1]\n"
    )
    findings = _check_bundle(bundle, tmp_path, text)
    assert [(f.code, f.location.line, f.location.field) for f in findings] == [
        ("BUNDLE-VALID", 9, "items[2].content.total"),
        ("BUNDLE-VALID", 11, "items[3].content.total"),
    ]
    assert findings[0].message == "a-01-sum SUM-TOTAL: total is 6; expected 7"
    assert findings[0].hint == "it is computed as the sum of the parts"
    assert findings[1].message.startswith("a-01-sum schema.missing: ")
    assert "total" in findings[1].message


def test_an_unknown_or_self_embedded_exercise_is_one_finding(bundle, tmp_path: Path) -> None:
    text = (
        "items:\n"
        "  - exercise: a-09-nothing\n"
        "    content: {}\n"
        "  - exercise: a-02-bundle\n"
        "    content: {items: []}\n"
    )
    findings = _check_bundle(bundle, tmp_path, text)
    assert [(f.code, f.location.line) for f in findings] == [
        ("BUNDLE-VALID", 3),
        ("BUNDLE-VALID", 5),
    ]
    assert "no exercise 'a-09-nothing'" in findings[0].message
    assert "a-01-sum" in findings[0].hint and "a-02-bundle" not in findings[0].hint
    assert "cannot be embedded in itself" in findings[1].message


# --- shared field parsers (curriculum.validation.fields) -----------------------------------


def test_calendar_date_and_local_datetime_parse_and_explain() -> None:
    import datetime as dt

    from pydantic_core import PydanticCustomError

    from curriculum.validation.fields import calendar_date, local_datetime

    assert calendar_date("2025-12-19 ", "h") == dt.date(2025, 12, 19)
    assert calendar_date(dt.datetime(2025, 12, 19), "h") == dt.date(2025, 12, 19)
    assert local_datetime("2025-12-09T05:18", "h") == dt.datetime(2025, 12, 9, 5, 18)
    for parse, value, kind in [
        (calendar_date, "2025-02-30", "date_parsing"),
        (calendar_date, dt.datetime(2025, 12, 19, 5, 18), "date_type"),
        (calendar_date, "19/12/2025", "date_type"),
        (local_datetime, "2025-12-09 25:00", "datetime_parsing"),
        (local_datetime, "2025-12-09", "datetime_type"),
    ]:
        with pytest.raises(PydanticCustomError) as raised:
            parse(value, "write it so")
        assert raised.value.type == kind
        assert raised.value.context == {"hint": "write it so"}
    for zoned in (
        dt.datetime(2025, 12, 9, 5, 18, tzinfo=dt.UTC),
        "2025-12-09 05:18+01:00",
        "2025-12-09T05:18Z",
    ):
        with pytest.raises(PydanticCustomError) as raised:
            local_datetime(zoned, "write it so")
        assert raised.value.context == {"hint": "leave out the time zone: write it so"}


def test_numbered_id_names_the_form_it_wants() -> None:
    from pydantic_core import PydanticCustomError

    from curriculum.validation.fields import numbered_id

    check = numbered_id("R", "R1")
    assert check("R12") == "R12"
    for wrong in ("R", "R1234", "r1", "A1", "R1a"):
        with pytest.raises(PydanticCustomError) as raised:
            check(wrong)
        assert raised.value.context == {"hint": "write 'R' and a number, e.g. 'R1'"}


def test_a_file_that_does_not_fit_says_more_checks_wait_and_what_a_reviewer_judges(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    solution = (REPO / "exercises" / "rel-01-slo" / "solution.yaml").read_text()
    broken = tmp_path / "slo.yaml"
    broken.write_text(solution.replace("window_days:", "window_days: thirty\nold_window:"))
    result = runner.invoke(cli, ["check", "rel-01-slo", str(broken), "--root", str(REPO)])
    assert result.exit_code == 1
    assert "more checks (those listed under 'What is checked'" in result.output
    assert "A reviewer will also look at:" in result.output
    good = runner.invoke(
        cli,
        [
            "check",
            "rel-01-slo",
            str(REPO / "exercises/rel-01-slo/solution.yaml"),
            "--root",
            str(REPO),
            "--format",
            "json",
        ],
    )
    data = json.loads(good.output)
    assert data["checks_waiting"] == 0 and data["passed"] and len(data["review"]) >= 2


def test_a_validator_may_keep_its_schema_in_a_module_beside_it(tmp_path: Path) -> None:
    """An exercise folder is imported as a package: `from .schema import Sum` works,
    and two folders with one id never see each other's modules."""
    from curriculum.validation.registry import check_file, read_exercise

    results = {}
    for name, limit in (("one", 10), ("two", 3)):
        folder = tmp_path / name / "exercises" / "a-01-sum"
        shutil.copytree(ROOTS / "test-course" / "exercises" / "a-01-sum", folder)
        (folder / "schema.py").write_text(
            "from pydantic import Field, StrictInt\n"
            "from curriculum.validation import Artefact\n\n\n"
            "class Sum(Artefact):\n"
            f"    parts: list[StrictInt] = Field(min_length=1, max_length={limit})\n"
            "    total: StrictInt\n",
            encoding="utf-8",
        )
        (folder / "validator.py").write_text(
            "from curriculum.validation import Check, Exercise\n\n"
            "from .schema import Sum\n\n"
            "exercise = Exercise(schema=Sum)\n\n\n"
            '@exercise.rule("SUM-TOTAL", "total equals the sum of the parts.")\n'
            "def total(doc: Sum, check: Check) -> None:\n"
            '    check.close("total", doc.total, sum(doc.parts), how="the sum")\n',
            encoding="utf-8",
        )
        artefact = tmp_path / f"{name}.yaml"
        artefact.write_text("parts: [1, 1, 1, 1]\ntotal: 4\n", encoding="utf-8")
        exercise, problems = read_exercise(folder)
        assert exercise is not None, problems
        results[name] = sorted(f.code for f in check_file(exercise, artefact)[0])
    assert results == {"one": [], "two": ["schema.length"]}
