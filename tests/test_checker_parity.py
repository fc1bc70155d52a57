"""The in-page checker says what the command line says, for every case file.

The scripts a site ships (``runtime.js``, ``course.js``) are made as the build
makes them, decoded in Node as the page's worker decodes them, and every case
file, solution and template of every exercise (and a set of hostile files) is
checked by Pyodide's Python; each report must equal ``curriculum check``'s
(:func:`~curriculum.validation.service.check_report`, which the CLI prints),
codes, lines, fields, messages, hints, verdict, rules and review questions alike.

Needs Node.js and the checker's runtime (``make checker-runtime``); without them
the tests are skipped with the command, and fail under CI.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from curriculum.checker.payload import build_payload
from curriculum.checker.runtime import find_runtime
from curriculum.checker.scripts import write_scripts
from curriculum.validation.registry import ExerciseFolder, all_exercises, read_exercise
from curriculum.validation.service import check_report

from .conftest import REPO, TESTS, checker_runtime, missing_tool

DRIVER = TESTS / "checker" / "run_in_node.mjs"


def exercises() -> list[ExerciseFolder]:
    found = [read_exercise(folder)[0] for folder in all_exercises(REPO)]
    assert all(found)
    return [e for e in found if e is not None]


def case_files(exercise: ExerciseFolder) -> list[Path]:
    return [
        *exercise.cases("pass"),
        *exercise.cases("fail"),
        exercise.solution,
        exercise.template,
    ]


def hostile_files(folder: Path) -> list[tuple[str, Path, bool]]:
    """(exercise, file, pass as bytes) that must give the CLI's ``file.*`` findings."""
    folder.mkdir()
    made: list[tuple[str, Path, bool]] = []

    def add(name: str, data: bytes, exercise: str = "rel-01-slo", raw: bool = False) -> None:
        path = folder / name
        path.write_bytes(data)
        made.append((exercise, path, raw))

    solution = (REPO / "exercises" / "rel-01-slo" / "solution.yaml").read_bytes()
    add("two-megabytes.yaml", solution + b"# " + b"x" * 2_000_000 + b"\n")
    bomb = b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in range(1, 9):
        bomb += f"{chr(97 + level)}: &{chr(97 + level)} [".encode()
        bomb += b",".join([f"*{chr(96 + level)}".encode()] * 9) + b"]\n"
    add("alias-bomb.yaml", bomb)
    add("deep.yaml", b"a: " + b"[" * 500 + b"]" * 500 + b"\n")
    add("nul.yaml", solution.replace(b"service:", b"service:\x00", 1))
    add("latin-1.yaml", solution + "# caf\xe9\n".encode("latin-1"), raw=True)
    add("bom.yaml", b"\xef\xbb\xbf" + solution)
    add("tabs.yaml", solution.replace(b"\n  ", b"\n\t", 1))
    add("empty.yaml", b"")
    add("two-documents.yaml", solution + b"---\n" + solution)
    add("syntax.yaml", solution.replace(b"service:", b"service: [", 1))
    dora = REPO / "exercises" / "flo-05-dora" / "solution.json"
    if dora.is_file():
        add("deep.json", b"[" * 5000 + b"]" * 5000, "flo-05-dora")
        add("huge-number.json", dora.read_bytes().replace(b"1", b"1" * 5000, 1), "flo-05-dora")
    return made


@pytest.fixture(scope="module")
def in_pyodide(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        missing_tool(
            "Node.js is not installed: run .ci/install-system-deps "
            + "(Debian: apt-get install nodejs npm)"
        )
    runtime = checker_runtime()
    tmp = tmp_path_factory.mktemp("parity")
    known = exercises()
    payload = build_payload(REPO, REPO / "programme.yaml", [e.folder for e in known])
    write_scripts(tmp / "site", runtime, payload, known)
    jobs: list[dict[str, Any]] = []
    expected: dict[str, tuple[ExerciseFolder, Path]] = {}
    by_id = {e.id: e for e in known}
    listed = [(e.id, p, False) for e in known for p in case_files(e)]
    for exercise_id, path, raw in [*listed, *hostile_files(tmp / "hostile")]:
        job_id = f"{exercise_id}/{path.relative_to(path.parents[1]).as_posix()}"
        name = by_id[exercise_id].meta.artefact
        jobs.append(
            {"id": job_id, "exercise": exercise_id, "name": name, "path": str(path), "bytes": raw}
        )
        expected[job_id] = (by_id[exercise_id], path)
    (tmp / "jobs.json").write_text(json.dumps(jobs))
    done = subprocess.run(
        [node, str(DRIVER), str(tmp / "site"), str(tmp / "jobs.json")],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return {
        "header": lines[0],
        "results": {line["id"]: line for line in lines[1:]},
        "expected": expected,
        "jobs": jobs,
    }


def _cli(exercise: ExerciseFolder, path: Path) -> dict[str, Any]:
    report, _findings, _readable = check_report(exercise, path, exercise.meta.artefact)
    return report


def test_pyodide_runs_the_python_of_the_shipped_release(in_pyodide: dict[str, Any]) -> None:
    header = in_pyodide["header"]
    lock = json.loads((find_runtime().pyodide / "pyodide-lock.json").read_text())
    assert header["python"] == lock["info"]["python"]
    assert tuple(int(n) for n in header["python"].split(".")[:2]) >= (3, 11)


def test_every_case_file_of_every_exercise_is_checked(in_pyodide: dict[str, Any]) -> None:
    checked = {job["exercise"] for job in in_pyodide["jobs"]}
    assert checked == {e.id for e in exercises()} and len(checked) >= 27
    for exercise in exercises():
        ids = {j["id"] for j in in_pyodide["jobs"] if j["exercise"] == exercise.id}
        assert len(ids) >= len(case_files(exercise))
    assert set(in_pyodide["results"]) == {j["id"] for j in in_pyodide["jobs"]}


@pytest.mark.parametrize("exercise_id", [folder.name for folder in all_exercises(REPO)])
def test_the_page_reports_what_the_command_line_reports(
    in_pyodide: dict[str, Any], exercise_id: str
) -> None:
    compared = 0
    for job_id, (exercise, path) in in_pyodide["expected"].items():
        if exercise.id != exercise_id:
            continue
        got = in_pyodide["results"][job_id]
        assert got["report"] == _cli(exercise, path), job_id
        compared += 1
    assert compared >= 3


def test_hostile_files_get_the_same_file_findings(in_pyodide: dict[str, Any]) -> None:
    hostile = {k: v for k, v in in_pyodide["expected"].items() if "/hostile/" in f"/{k}"}
    assert len(hostile) >= 10
    codes: set[str] = set()
    for job_id, (exercise, path) in hostile.items():
        got = in_pyodide["results"][job_id]
        want = _cli(exercise, path)
        assert got["report"] == want, job_id
        codes.update(f["code"] for f in want["findings"] if f["code"].startswith("file."))
    # the set above really exercises the reading limits
    assert {
        "file.too-large",
        "file.unsafe",
        "file.too-deep",
        "file.encoding",
        "file.syntax",
    } <= codes


def test_the_page_learns_when_reading_ends_and_checking_begins(
    in_pyodide: dict[str, Any],
) -> None:
    for job_id, result in in_pyodide["results"].items():
        readable = bool(result["report"]["review"]) or not any(
            f["code"].startswith("file.") for f in result["report"]["findings"]
        )
        assert result["phases"][0] == "reading", job_id
        if readable:
            assert result["phases"] == ["reading", "checking"], job_id
