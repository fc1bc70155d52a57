"""The in-page checker's files, without a browser: what they carry and what they never do.

Fast tests of :mod:`curriculum.checker` (no Sphinx, no Node): the payload holds the
validators and their case data, never a model answer, a marking note or a test
case; the scripts decode to the very bytes packed; the runtime finder refuses a
pair that cannot work and says what to run; and the report the page shows is the
command line's, also on this Python.
"""

from __future__ import annotations

import ast
import base64
import gzip
import io
import json
import subprocess
import sys
import tokenize
import zipfile
from pathlib import Path, PurePosixPath

import pytest

from curriculum.checker.payload import MODULES, build_payload, is_carried
from curriculum.checker.runtime import PYODIDE_FILES, RuntimeMissing, find_runtime
from curriculum.checker.scripts import course_script, runtime_script
from curriculum.core.yamlsource import load_yaml
from curriculum.validation import inpage
from curriculum.validation.findings import Finding
from curriculum.validation.registry import (
    ExerciseFolder,
    all_exercises,
    read_exercise,
    timeout_finding,
)
from curriculum.validation.service import as_json, check_report

from .conftest import REPO


def exercises() -> list[ExerciseFolder]:
    return [e for e in (read_exercise(f)[0] for f in all_exercises(REPO)) if e is not None]


@pytest.fixture(scope="module")
def payload() -> dict[str, bytes]:
    made = build_payload(REPO, REPO / "programme.yaml", [e.folder for e in exercises()])
    with zipfile.ZipFile(io.BytesIO(made.data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_payload_carries_each_validator_and_its_case(payload: dict[str, bytes]) -> None:
    for exercise in exercises():
        here = f"course/exercises/{exercise.id}/"
        assert payload[here + "exercise.yaml"] == (exercise.folder / "exercise.yaml").read_bytes()
        for module in exercise.folder.glob("*.py"):
            carried_code = payload[here + module.name].decode()
            source = module.read_text(encoding="utf-8")
            # the same program, line for line, with no comment: a contributor's or a
            # marker's note in a validator does not reach learners
            assert ast.dump(ast.parse(carried_code)) == ast.dump(ast.parse(source)), module
            assert len(carried_code.splitlines()) == len(source.splitlines()), module
            tokens = tokenize.generate_tokens(io.StringIO(carried_code).readline)
            assert not [t for t in tokens if t.type == tokenize.COMMENT], module
        case = exercise.folder / "case.yaml"
        if case.is_file():
            carried = payload[here + "case.yaml"].decode()
            assert load_yaml(carried, pure=True).data == load_yaml(case.read_text()).data
            assert "#" not in "".join(line.split("'")[0] for line in carried.splitlines())


def test_no_model_answer_marking_note_or_test_case_reaches_the_browser(
    payload: dict[str, bytes],
) -> None:
    names = {name for name in payload if name.startswith("course/exercises/")}
    assert not [n for n in names if "/cases/" in n or "solution." in n or n.endswith(".md")]
    expected = {
        f"course/exercises/{path.parent.name}/{path.name}"
        for folder in all_exercises(REPO)
        for path in folder.iterdir()
        if path.is_file() and is_carried(PurePosixPath(path.name))
    }
    assert names == expected
    everything = b"\n".join(payload.values())
    checked = 0
    known = exercises()
    # what the checker carries on purpose (a capstone quotes other exercises' cases),
    # and the templates, which every page shows
    carried = "\n".join(
        path.read_text(encoding="utf-8")
        for exercise in known
        for path in [
            exercise.template,
            *exercise.folder.glob("*.py"),
            *exercise.folder.glob("*.yaml"),
        ]
    )
    for exercise in known:
        secret = [exercise.solution, exercise.marking, *exercise.folder.glob("cases/*/*")]
        for path in secret:
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if len(line) < 40 or line in carried:  # only distinctive lines of their own
                    continue
                assert line.encode() not in everything, (path, line)
                checked += 1
    assert checked > 500


@pytest.mark.parametrize(
    "relative, carried",
    [
        ("validator.py", True),
        ("schema.py", True),
        ("case.yaml", True),
        ("exercise.yaml", True),
        ("solution.yaml", False),
        ("solution.py", False),
        ("marking.md", False),
        ("brief.md", False),
        ("template.yaml", False),
        ("cases/pass/a.yaml", False),
        ("test_validator.py", False),
    ],
)
def test_is_carried(relative: str, carried: bool) -> None:
    assert is_carried(PurePosixPath(relative)) is carried


def test_the_payload_holds_every_module_a_check_imports_and_nothing_of_sphinx(
    payload: dict[str, bytes],
) -> None:
    """Import every validator as a check does; every curriculum module it loaded is
    in the payload, and none of the payload's modules loads Sphinx, docutils or click."""
    code = (
        "import sys, json\n"
        "from pathlib import Path\n"
        "from curriculum.validation import inpage\n"
        "from curriculum.validation.registry import all_exercises, read_exercise, load_validator\n"
        "for folder in all_exercises(Path(sys.argv[1])):\n"
        "    load_validator(read_exercise(folder)[0])\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(REPO)], capture_output=True, text=True, check=True
    )
    loaded = json.loads(done.stdout)
    ours = {m for m in loaded if m == "curriculum" or m.startswith("curriculum.")}
    shipped = {
        name[len("site/") : -len(".py")].replace("/", ".").removesuffix(".__init__")
        for name in payload
        if name.startswith("site/curriculum/")
    }
    assert ours <= shipped, ours - shipped
    assert not {"sphinx", "docutils", "click"} & {m.split(".")[0] for m in loaded}
    assert all(p.endswith(".py") for p in MODULES)


def test_the_page_and_this_python_give_the_same_report(
    payload: dict[str, bytes], tmp_path: Path
) -> None:
    for name, data in payload.items():
        if name.startswith("course/"):
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_bytes(data)
    course = tmp_path / "course"
    for exercise in exercises():
        for path in [exercise.solution, *exercise.cases("fail")[:2]]:
            text = path.read_text(encoding="utf-8")
            got = json.loads(inpage.check(exercise.id, exercise.meta.artefact, text, None, course))
            want = check_report(exercise, path, exercise.meta.artefact)[0]
            assert got == want, path
    unknown = json.loads(inpage.check("no-such", "x.yaml", "a: 1", None, course))
    assert unknown["passed"] is False and unknown["findings"][0]["code"] == "internal-error"


def test_rules_are_waiting_while_the_file_does_not_fit_its_schema() -> None:
    rules = [("A-ONE", "one"), ("A-TWO", "two")]
    schema = Finding("schema.missing", "a field is missing", "add it")
    assert {c["status"] for c in as_json("x", "f", [schema], [], 2, rules)["checks"]} == {"waiting"}
    failed = as_json("x", "f", [Finding("A-TWO", "wrong", "fix")], [], 0, rules)
    assert [c["status"] for c in failed["checks"]] == ["passed", "failed"]
    warned = as_json("x", "f", [Finding("A-ONE", "odd", "", severity="warning")], [], 0, rules)
    assert warned["passed"] is True and warned["checks"][0]["status"] == "passed"
    broken = as_json("x", "f", [Finding("internal-error", "bug", "tell")], [], 0, rules)
    assert {c["status"] for c in broken["checks"]} == {"waiting"}


def _fake_runtime(folder: Path, wheel: str) -> None:
    pyodide = folder / "node_modules" / "pyodide"
    pyodide.mkdir(parents=True)
    for name in PYODIDE_FILES:
        (pyodide / name).write_bytes(name.encode() * 50)
    info = {"python": "3.14.2", "abi_version": "2026_0"}
    (pyodide / "pyodide-lock.json").write_text(json.dumps({"info": info}))
    (pyodide / "package.json").write_text(json.dumps({"version": "314.0.8"}))
    (folder / "wheels").mkdir()
    (folder / "wheels" / wheel).write_bytes(b"PK wheel")


def test_the_runtime_is_refused_with_what_to_run(tmp_path: Path) -> None:
    from importlib.metadata import version

    with pytest.raises(RuntimeMissing, match="make html"):
        find_runtime(tmp_path / "nothing")
    _fake_runtime(
        tmp_path / "old", "pydantic_core-1.0.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl"
    )
    with pytest.raises(RuntimeMissing, match=f"pydantic-core {version('pydantic_core')}"):
        find_runtime(tmp_path / "old")
    core = version("pydantic_core")
    _fake_runtime(
        tmp_path / "py313", f"pydantic_core-{core}-cp313-cp313-pyemscripten_2025_0_wasm32.whl"
    )
    with pytest.raises(RuntimeMissing, match=r"Python 3\.14\.2, ABI 2026_0"):
        find_runtime(tmp_path / "py313")
    _fake_runtime(
        tmp_path / "good", f"pydantic_core-{core}-cp314-cp314-pyemscripten_2026_0_wasm32.whl"
    )
    found = find_runtime(tmp_path / "good")
    assert (found.pyodide_version, found.python) == ("314.0.8", "3.14.2")


def _registered(text: str, key: str) -> dict[str, object]:
    body = text.split(f'["{key}"] = ', 1)[1].rstrip().removesuffix(";")
    return json.loads(body)


def test_the_runtime_script_decodes_to_the_packed_files_and_is_cached(tmp_path: Path) -> None:
    from importlib.metadata import version

    core = version("pydantic_core")
    _fake_runtime(tmp_path, f"pydantic_core-{core}-cp314-cp314-pyemscripten_2026_0_wasm32.whl")
    runtime = find_runtime(tmp_path)
    text = runtime_script(runtime)
    data = _registered(text, "runtime")
    files = data["files"]
    assert isinstance(files, dict)
    for path in runtime.files():
        entry = files[path.name]
        raw = base64.b64decode(entry["data"])
        assert (gzip.decompress(raw) if entry["gz"] else raw) == path.read_bytes()
    assert list((tmp_path / "cache").glob("runtime-*.js"))
    assert runtime_script(runtime) == text  # from the cache
    assert "http" not in text.split("*/", 1)[1]  # only base64 and names follow the comment


def test_the_course_script_carries_the_command_lines_timeout_reports() -> None:
    known = exercises()
    made = build_payload(REPO, REPO / "programme.yaml", [e.folder for e in known])
    data = _registered(course_script(made, known), "course")
    assert base64.b64decode(str(data["payload"])) == made.data
    reports = data["exercises"]
    assert isinstance(reports, dict) and set(reports) == {e.id for e in known}
    slo = reports["rel-01-slo"]["timeout"]
    assert slo["checking"]["findings"] == [timeout_finding(False).as_dict()]
    assert slo["reading"]["findings"] == [timeout_finding(True).as_dict()]
    assert slo["checking"]["review"] and not slo["reading"]["review"]
