"""The `curriculum` command, driven through click's runner and as a process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from curriculum.cli.main import cli

from .conftest import REPO, ROOTS


def test_catalogue_json_of_the_test_root() -> None:
    result = CliRunner().invoke(
        cli, ["catalogue", "--format", "json", "--root", str(ROOTS / "test-course")]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [m["id"] for m in data["modules"]] == ["a-01", "a-02", "b-01"]
    first = data["modules"][0]
    expected = {
        "id",
        "title",
        "track",
        "duration",
        "audiences",
        "prerequisites",
        "values",
        "objectives",
        "exercises",
        "quizzes",
        "docname",
    }
    assert expected <= set(first)
    assert first["docname"] == "modules/a-01/index"
    assert first["objectives"][1] == {
        "id": "o2",
        "text": "Calculate the first number correctly.",
        "bloom": "apply",
    }
    paths = {p["id"]: p for p in data["paths"]}
    assert paths["py"]["modules"] == ["a-01", "a-02", "b-01"]
    assert paths["py"]["duration"] == 135
    assert set(paths["px"]) >= {"id", "title", "modules", "duration"}


def test_catalogue_table() -> None:
    result = CliRunner().invoke(cli, ["catalogue", "--root", str(ROOTS / "test-course")])
    assert result.exit_code == 0
    assert "First module" in result.output and "Owner path" in result.output


def test_catalogue_of_the_real_course_lists_the_seed_modules() -> None:
    result = CliRunner().invoke(cli, ["catalogue", "--format", "json", "--root", str(REPO)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    ids = [m["id"] for m in data["modules"]]
    assert {"fnd-01", "fnd-02", "rel-01"} <= set(ids)
    assert len(data["paths"]) == 5


def test_bad_metadata_exits_1_with_located_lines(tmp_path: Path) -> None:
    root = tmp_path / "course"
    shutil.copytree(ROOTS / "test-course", root)
    page = root / "modules" / "a-01" / "index.md"
    page.write_text(page.read_text().replace("track: a", "track: zz"))
    result = subprocess.run(
        [sys.executable, "-m", "curriculum.cli", "catalogue", "--format", "json"],
        cwd=root / "modules",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "modules/a-01/index.md:4: track: unknown track 'zz'" in result.stderr
    assert "Traceback" not in result.stderr


def test_outside_a_course_exits_2(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "curriculum.cli", "catalogue"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "no programme.yaml in this folder or above it" in result.stderr
    assert "Traceback" not in result.stderr


def test_offline_without_a_built_site(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["offline", "--site", str(tmp_path / "nothing"), "--root", str(ROOTS / "test-course")]
    )
    assert result.exit_code == 1
    assert "run 'make html' first" in result.output


def test_offline_refuses_a_site_that_loads_from_the_network(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<script src="https://cdn.example.org/x.js"></script>')
    result = CliRunner().invoke(
        cli,
        [
            "offline",
            "--site",
            str(site),
            "--out",
            str(tmp_path / "o.zip"),
            "--root",
            str(ROOTS / "test-course"),
        ],
    )
    assert result.exit_code == 1
    assert 'index.html:1: loads <script src="https://' in result.output
