"""``curriculum grade`` as a cohort tool: learners, several exercises, full feedback,
review and judgement columns, files not graded, sheets per learner, completion records."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from curriculum.cli.main import cli
from curriculum.validation.findings import FILE_CODES, OTHER_CODES, SCHEMA_CODES, describe
from curriculum.validation.registry import all_exercises, load_validator, read_exercise

from .conftest import REPO

EXERCISES = REPO / "exercises"
SLO, TRIAGE, DORA = "rel-01-slo", "dsk-01-triage", "flo-05-dora"
#: learner -> exercise -> the file they handed in ("solution" or a fail case's name)
PLAN = {
    "ana": {SLO: "solution", TRIAGE: "solution", DORA: "solution"},
    "ben": {SLO: "unknown-field", TRIAGE: "solution", DORA: "mean-not-median"},
    "chloé": {SLO: "budget-minutes-wrong", TRIAGE: "misspelt-priority"},
    "dev": {SLO: "solution", TRIAGE: "ticket-missing", DORA: "solution"},
    "eve": {DORA: "extra-window-field"},
}
DATE = "2026-03-14"


def meta(exercise_id: str):
    exercise, problems = read_exercise(EXERCISES / exercise_id)
    assert exercise is not None, problems
    return exercise


def source(exercise_id: str, name: str) -> Path:
    exercise = meta(exercise_id)
    if name == "solution":
        return exercise.solution
    return exercise.folder / "cases" / "fail" / f"{name}.{exercise.meta.format}"


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    folder = tmp_path / "cohort"
    for learner, items in PLAN.items():
        (folder / learner).mkdir(parents=True)
        for exercise_id, name in items.items():
            shutil.copy(
                source(exercise_id, name), folder / learner / meta(exercise_id).meta.artefact
            )
    (folder / "eve" / "slo.yaml").write_text("service: [unclosed\n  journey: : :\n")
    (folder / "dev" / "readme.txt").write_text("my notes")
    (folder / "chloé" / "dora.json").write_bytes(b"\x00\x01\x02PK\x03\x04")
    return folder


def grade(*args: str):
    return CliRunner().invoke(cli, ["grade", *args, "--root", str(REPO)])


def many(cohort: Path, out: Path, *extra: str):
    ids = [a for e in (SLO, TRIAGE, DORA) for a in ("--exercise", e)]
    return grade(str(cohort), *ids, "--out", str(out), "--date", DATE, *extra)


def expected_findings(learner: str, exercise_id: str) -> list[str]:
    name = PLAN[learner][exercise_id]
    if name == "solution":
        return []
    text = source(exercise_id, name).with_suffix(".expected").read_text()
    return [line.split(" @ ")[0].strip() for line in text.splitlines() if line.strip()]


def load_review(exercise_id: str) -> list[str]:
    import yaml

    meta = yaml.safe_load((REPO / "exercises" / exercise_id / "exercise.yaml").read_text())
    return list(meta["review"])


def test_the_html_report_is_a_feedback_sheet_per_learner(cohort: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = many(cohort, out)
    assert result.exit_code == 0, result.output
    assert "14 submissions from 5 learners" in result.output
    page = out.read_text()
    soup = BeautifulSoup(page, "html.parser")
    sections = soup.select("section.learner")
    assert [s.h2.get_text() for s in sections] == [f"Feedback for {n}" for n in PLAN]
    assert "@media print{" in page and ".learner{break-before:page" in page
    ben = sections[1].get_text(" ")
    # the unknown field: its line, field, message and hint, as `curriculum check` says them
    rows = [
        [td.get_text() for td in tr.find_all("td")] for tr in sections[1].select("table tbody tr")
    ]
    unknown = next(r for r in rows if "schema.unknown-field" in r[2])
    assert unknown[0].isdigit() and unknown[1] == "sla_target"
    assert "unknown field 'sla_target'" in unknown[2] and unknown[3]
    for code in expected_findings("ben", DORA):
        assert code in ben
    for question in meta(SLO).meta.review + meta(DORA).meta.review:
        assert question in ben
    assert "Trainer judgement" in ben
    ana = sections[0].get_text(" ")
    assert ana.count("passed: nothing the checker can see is wrong") == 3
    eve = " ".join(sections[4].get_text(" ").split())
    assert "unreadable" in eve and "not submitted" in eve  # broken slo.yaml; no triage
    assert "save it as triage-batch.yaml" in eve
    chloe = sections[2].get_text(" ")
    assert "dora.json" in chloe and "file.binary" in chloe
    overview = soup.find("h2", string="Not graded").find_next("table").get_text(" ")
    assert "readme.txt" in overview and "rename it to one of" in overview
    assert "dora.json, slo.yaml, triage-batch.yaml" in overview
    assert (
        "SLO-BUDGET-MINUTES"
        in soup.find("h2", string="Most common findings").find_next("table").get_text()
    )
    assert "graded 2026-03-14" in page and "version 2026.1" in page


def test_the_csv_has_a_row_per_learner_and_exercise_with_columns_to_fill(
    cohort: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.csv"
    assert many(cohort, out).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    head = list(rows[0])
    assert head[:7] == [
        "learner",
        "exercise",
        "file",
        "verdict",
        "errors",
        "warnings",
        "finding_codes",
    ]
    assert "trainer judgement" in head
    for exercise_id in (SLO, TRIAGE, DORA):
        for question in meta(exercise_id).meta.review:
            assert f"{exercise_id}: {question}" in head
    graded = [r for r in rows if r["verdict"] != "not graded"]
    assert sorted((r["learner"], r["exercise"]) for r in graded) == sorted(
        (learner, e) for learner in PLAN for e in (SLO, TRIAGE, DORA)
    )
    by = {(r["learner"], r["exercise"]): r for r in graded}
    assert by[("ana", SLO)]["verdict"] == "pass" and by[("ana", SLO)]["file"] == "ana/slo.yaml"
    assert by[("ben", SLO)]["verdict"] == "revise"
    assert "schema.unknown-field" in by[("ben", SLO)]["finding_codes"]
    assert by[("eve", TRIAGE)]["verdict"] == "not submitted"
    assert by[("eve", SLO)]["verdict"] == "unreadable" and by[("eve", SLO)]["reason"]
    assert by[("chloé", DORA)]["verdict"] == "unreadable"
    own = f"{SLO}: {meta(SLO).meta.review[0]}"
    assert by[("ana", SLO)][own] == "" and by[("ana", DORA)][own] == "n/a"
    assert all(r["trainer judgement"] == "" for r in rows)
    (readme,) = [r for r in rows if r["verdict"] == "not graded"]
    assert readme["learner"] == "dev" and readme["file"] == "dev/readme.txt"
    assert "matches no exercise's artefact name" in readme["reason"]


def test_every_file_not_graded_is_listed_in_every_format(cohort: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("password: x\n")
    (cohort / "ben" / "other.yaml").symlink_to(outside)
    (cohort / "ana" / "slo-v2.yaml").write_text("x: 1\n")
    for suffix in (".csv", ".md", ".html"):
        out = tmp_path / f"report{suffix}"
        result = many(cohort, out)
        assert result.exit_code == 0, result.output
        text = out.read_text()
        for name in ("dev/readme.txt", "ben/other.yaml", "ana/slo-v2.yaml"):
            assert name in text, (suffix, name)
        assert "outside the submissions folder" in text
        assert "rename it to one of" in text
    assert "skipped dev/readme.txt: its name matches no exercise" in result.stderr


def test_all_exercises_match_files_by_artefact_name(cohort: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    for extra in ([], ["--exercise", "all"]):
        result = grade(str(cohort), "--out", str(out), *extra)
        assert result.exit_code == 0, result.output
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        assert {r["exercise"] for r in rows if r["verdict"] != "not graded"} == {
            SLO,
            TRIAGE,
            DORA,
        }
        assert any("rename it to one of" in r["reason"] for r in rows)


def test_split_writes_one_sheet_per_learner(cohort: Path, tmp_path: Path) -> None:
    sheets = tmp_path / "sheets"
    result = many(cohort, tmp_path / "report.html", "--split", str(sheets))
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in sheets.iterdir())
    assert files == ["ana.html", "ben.html", "chloé.html", "dev.html", "eve.html"]
    ben = BeautifulSoup((sheets / "ben.html").read_text(), "html.parser")
    assert ben.h2.get_text() == "Feedback for ben"
    assert "unknown field 'sla_target'" in ben.get_text() and "for ana" not in ben.get_text()


def test_records_list_only_passed_artefacts(cohort: Path, tmp_path: Path, monkeypatch) -> None:
    import curriculum.cli.cohort as command

    monkeypatch.setattr(command, "_chromium", lambda: None)
    records = tmp_path / "records"
    result = many(cohort, tmp_path / "report.csv", "--records", str(records))
    assert result.exit_code == 0, result.output
    assert "no PDFs: Chromium was not found" in result.output
    assert "Traceback" not in result.output
    # chloé and eve passed nothing
    assert sorted(p.name for p in records.iterdir()) == ["ana.html", "ben.html", "dev.html"]
    dev = BeautifulSoup((records / "dev.html").read_text(), "html.parser")
    cells = [[td.get_text() for td in tr.find_all("td")] for tr in dev.select("tbody tr")]
    assert cells == [
        [meta(SLO).meta.title, SLO, "dev/slo.yaml", DATE],
        [meta(DORA).meta.title, DORA, "dev/dora.json", DATE],
    ]
    text = dev.get_text(" ")
    assert "Learner:  dev" in text and "version 2026.1" in text
    assert "Service management that works" in text


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")
def test_records_are_also_pdfs_when_chromium_is_there(tmp_path: Path) -> None:
    cohort = tmp_path / "cohort"
    (cohort / "ana").mkdir(parents=True)
    shutil.copy(meta(SLO).solution, cohort / "ana" / "slo.yaml")
    records = tmp_path / "records"
    result = grade(SLO, str(cohort), "--out", str(tmp_path / "r.html"), "--records", str(records))
    assert result.exit_code == 0, result.output
    assert "each also as PDF" in result.output, result.output
    assert (records / "ana.pdf").read_bytes().startswith(b"%PDF-")
    assert dt.date.today().isoformat() in (records / "ana.html").read_text()


def test_a_roster_says_whose_each_file_is(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(meta(SLO).solution, folder / "upload-17.yaml")
    shutil.copy(source(SLO, "target-100"), folder / "upload-18.yaml")
    shutil.copy(meta(TRIAGE).solution, folder / "t1.yaml")
    (folder / "stray.yaml").write_text("a: 1\n")
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "learner,file,exercise\n"
        f"Ana López,upload-17.yaml,{SLO}\n"
        f"Ben Okafor,./upload-18.yaml,{SLO}\n"
        f"Ana López,t1.yaml,{TRIAGE}\n"
        f"Ben Okafor,gone.yaml,{TRIAGE}\n"
        f"Ben Okafor,../etc/passwd,{TRIAGE}\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.csv"
    result = grade(str(folder), "--roster", str(roster), "--out", str(out), "--date", DATE)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    verdicts = {(r["learner"], r["exercise"], r["file"]): r["verdict"] for r in rows}
    assert verdicts[("Ana López", SLO, "upload-17.yaml")] == "pass"
    assert verdicts[("Ana López", TRIAGE, "t1.yaml")] == "pass"
    assert verdicts[("Ben Okafor", SLO, "upload-18.yaml")] == "revise"
    assert verdicts[("Ben Okafor", TRIAGE, "")] == "not submitted"
    reasons = {r["file"]: r["reason"] for r in rows if r["verdict"] == "not graded"}
    assert "roster does not name this file" in reasons["stray.yaml"]
    assert "not in the cohort folder" in reasons["gone.yaml"]
    assert "leads out of the cohort folder" in reasons["../etc/passwd"]
    bad = tmp_path / "bad.csv"
    bad.write_text("name,path\nx,y\n")
    result = grade(str(folder), "--roster", str(bad), "--out", str(out))
    assert result.exit_code == 2 and "needs the columns learner and file" in result.output


def test_hostile_names_and_content_are_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    learner = folder / "<script>alert(1)</script>"
    learner.mkdir(parents=True)
    text = meta(SLO).solution.read_text() + '"<img src=x onerror=alert(2)>": 1\n'
    (learner / "slo.yaml").write_text(text)
    (folder / "=HYPERLINK(1)").mkdir()
    shutil.copy(meta(SLO).solution, folder / "=HYPERLINK(1)" / "slo.yaml")
    out = tmp_path / "report.html"
    sheets = tmp_path / "sheets"
    result = grade(SLO, str(folder), "--out", str(out), "--split", str(sheets))
    assert result.exit_code == 0, result.output
    for page in [out.read_text(), *(p.read_text() for p in sheets.iterdir())]:
        assert "<script>alert" not in page and "<img" not in page
    page = out.read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert all(".." not in p.name and "/" not in p.name for p in sheets.iterdir())
    csv_out = tmp_path / "report.csv"
    assert grade(str(folder), "--exercise", SLO, "--out", str(csv_out)).exit_code == 0
    learners = [r["learner"] for r in csv.DictReader(csv_out.open(encoding="utf-8"))]
    assert "'=HYPERLINK(1)" in learners


def test_the_old_single_exercise_form_still_works(tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    folder.mkdir()
    shutil.copy(meta(SLO).solution, folder / "good.yaml")
    shutil.copy(source(SLO, "target-100"), folder / "bad.yaml")
    (folder / "readme.txt").write_text("hi")
    out = tmp_path / "report.csv"
    result = grade(SLO, str(folder), "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(out.open()))
    assert rows[0][:5] == ["file", "passed", "finding_codes", "findings", "trainer judgement"]
    assert rows[0][5:] == load_review(SLO)  # a column for each review question
    assert rows[1][:2] == ["bad.yaml", "no"] and rows[2][:4] == ["good.yaml", "yes", "", "0"]
    assert set(rows[2][4:]) == {""}  # for the reviewer to fill
    assert rows[3][:3] == ["readme.txt", "not graded", "foreign-name"]
    assert "skipped readme.txt: it is not a .yaml/.yml file" in result.stderr
    html = tmp_path / "report.html"
    assert grade(SLO, str(folder), "--out", str(html)).exit_code == 0
    soup = BeautifulSoup(html.read_text(), "html.parser")
    assert [s.h2.get_text() for s in soup.select("section.learner")] == [
        "Feedback for bad.yaml",
        "Feedback for good.yaml",
    ]  # a stray loose file is listed as not graded, but is nobody's feedback sheet
    skipped = soup.find("h2", string="Not graded").find_next_sibling("table")
    assert "readme.txt" in skipped.get_text()
    assert grade(SLO, str(folder), "--out", str(folder / "r.csv")).exit_code == 2
    assert grade("no-such", str(folder), "--out", str(out)).exit_code == 2


def test_every_finding_code_has_a_description() -> None:
    for table in (FILE_CODES, SCHEMA_CODES, OTHER_CODES):
        assert all(text.strip() for text in table.values()), table
    assert describe("schema.unknown-field")
    assert describe("schema.some-new-pydantic-kind") and describe("ANY-RULE")
    for folder in all_exercises(REPO):
        exercise = meta(folder.name)
        rules = dict(load_validator(exercise).checks)
        assert all(text.strip() for text in rules.values()), folder.name
        for case in exercise.cases("fail"):
            for line in case.with_suffix(".expected").read_text().splitlines():
                code = line.split(" @ ")[0].strip()
                if code and not code.startswith("#"):
                    text = describe(code, rules)
                    assert text.strip(), (case, code)
                    if code.startswith("schema."):
                        assert code in SCHEMA_CODES, (case, code)


def test_a_crash_or_a_huge_file_is_a_row_not_the_end(cohort: Path, tmp_path: Path, monkeypatch):
    import curriculum.validation.registry as registry

    (cohort / "ana" / "slo.yaml").write_text("x: " + "1" * 5000 + "\n")
    real = registry.check_file

    def sometimes(exercise, path):
        if path.parent.name == "ben" and path.name == "dora.json":
            raise MemoryError
        return real(exercise, path)

    monkeypatch.setattr(registry, "check_file", sometimes)
    out = tmp_path / "report.csv"
    result = many(cohort, out)
    assert result.exit_code == 0, result.output
    by = {(r["learner"], r["exercise"]): r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert by[("ben", DORA)]["verdict"] == "check failed"
    assert "internal-error" in by[("ben", DORA)]["finding_codes"]
    assert by[("ana", SLO)]["verdict"] in ("unreadable", "revise")
    assert by[("ana", SLO)]["finding_codes"] == "file.number"
    assert by[("ana", TRIAGE)]["verdict"] == "pass"


def test_a_roster_inside_the_cohort_folder_is_not_a_submission(cohort: Path, tmp_path: Path):
    roster = cohort / "roster.csv"
    roster.write_text("learner,file\nAna,ana/slo.yaml\n", encoding="utf-8")
    out = tmp_path / "report.csv"
    result = grade(str(cohort), "--exercise", SLO, "--roster", str(roster), "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert not [r for r in rows if r["file"] == "roster.csv"]
    assert [(r["learner"], r["verdict"]) for r in rows if r["learner"] == "Ana"] == [
        ("Ana", "pass")
    ]
    assert any(r["file"] == "ben/slo.yaml" and r["verdict"] == "not graded" for r in rows)
