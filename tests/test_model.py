"""Module metadata and vocabulary validation: good input and each kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum.core.model import Programme
from curriculum.core.programme import load_programme, parse_module

from .conftest import ROOTS

GOOD = """\
---
id: a-01
title: First module
track: a
duration: 30
audiences: [x, y]
prerequisites: []
values: [V1]
objectives:
  - id: o1
    text: Explain why the first module exists.
    bloom: understand
  - id: o2
    text: Calculate the first number correctly.
    bloom: apply
  - id: o3
    text: Design a first artefact for your team.
    bloom: create
exercises: [first-exercise]
crosswalk:
  fitsm: [PR9]
myst:
  heading_anchors: 2
---

Body.
"""
SHOWN = "modules/a-01/index.md"


@pytest.fixture(scope="module")
def programme() -> Programme:
    loaded, problems = load_programme(ROOTS / "test-course" / "programme.yaml")
    assert problems == [] and loaded is not None
    return loaded


def parse(text: str, programme: Programme):
    return parse_module(text, programme, "modules/a-01/index", SHOWN)


def test_good_metadata(programme: Programme) -> None:
    record, problems = parse(GOOD, programme)
    assert problems == []
    assert record is not None
    meta = record.meta
    assert (meta.id, meta.track, meta.duration) == ("a-01", "a", 30)
    assert [o.bloom for o in meta.objectives] == ["understand", "apply", "create"]
    assert meta.crosswalk == {"fitsm": ["PR9"]}
    assert record.line("prerequisites") == 7
    assert record.line("objectives", 1) == 13


# (name, replace this, with this, expected line, words in the message)
BAD = [
    (
        "unknown key",
        "duration: 30",
        "durration: 30",
        5,
        "unknown field 'durration' (did you mean 'duration'?)",
    ),
    ("wrong type", "duration: 30", "duration: thirty", 5, "'duration' must be a whole number"),
    ("boolean as number", "duration: 30", "duration: yes", 5, "must be a whole number"),
    ("out of range", "duration: 30", "duration: 1000", 5, "out of range"),
    ("list expected", "audiences: [x, y]", "audiences: x", 6, "'audiences' must be a list"),
    ("missing field", "title: First module\n", "", 2, "required field 'title' is missing"),
    (
        "empty objectives",
        GOOD[GOOD.index("objectives:") : GOOD.index("exercises:")],
        "objectives: []\n",
        9,
        "the module has 0 objectives; this course asks for 3 to 5 (course.policy",
    ),
    ("unknown track", "track: a", "track: z", 4, "unknown track 'z'"),
    ("unknown audience", "[x, y]", "[x, boss]", 6, "audiences[2]: unknown audience 'boss'"),
    ("unknown value", "values: [V1]", "values: [V9]", 8, "unknown value 'V9'"),
    (
        "bad prerequisite id",
        "prerequisites: []",
        "prerequisites: [First]",
        7,
        "'First' is not a module id of this course (course.module_id_pattern",
    ),
    ("self prerequisite", "prerequisites: []", "prerequisites: [a-01]", 7, "lists itself"),
    ("duplicate audience", "[x, y]", "[x, x]", 6, "'x' is listed twice"),
    ("bloom level", "bloom: apply", "bloom: apply-ish", 15, "'objectives[2].bloom' is 'apply-ish'"),
    ("unmeasurable", "Calculate the first", "Understand the first", 14, "starts with 'understand'"),
    ("duplicate objective id", "id: o2", "id: o1", 13, "objective id 'o1' is used twice"),
    ("id and track", "track: a", "track: b", 4, "does not start with its track 'b-'"),
    ("unknown framework", "fitsm: [PR9]", "cobit: [X1]", 21, "unknown framework 'cobit'"),
    ("unknown area", "fitsm: [PR9]", "fitsm: [PR99]", 21, "unknown fitsm area 'PR99'"),
    ("duplicate key", "track: a\n", "track: a\ntrack: b\n", 5, "duplicate key"),
    ("malformed yaml", "title: First module", "title: [First", 4, "invalid YAML"),
    ("alias", "values: [V1]", "values: &v [V1]\nextra: *v", 9, "aliases"),
]


@pytest.mark.parametrize("name, old, new, line, words", BAD, ids=[b[0] for b in BAD])
def test_bad_metadata_is_one_located_message(
    programme: Programme, name: str, old: str, new: str, line: int, words: str
) -> None:
    assert old in GOOD
    record, problems = parse(GOOD.replace(old, new, 1), programme)
    assert record is None
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert problem.path == SHOWN
    assert problem.line == line, str(problem)
    assert words in str(problem)
    assert problem.hint, "every problem says how to fix it"


def test_no_front_matter(programme: Programme) -> None:
    record, problems = parse("# Just a heading\n", programme)
    assert record is None
    assert "no metadata" in problems[0].message
    assert problems[0].line == 1


def test_programme_errors_are_located(tmp_path: Path) -> None:
    text = (ROOTS / "test-course" / "programme.yaml").read_text()
    bad = text.replace("audience: y", "audience: q").replace(
        "title: Beta track", "titel: Beta track"
    )
    path = tmp_path / "programme.yaml"
    path.write_text(bad)
    programme, problems = load_programme(path, "programme.yaml")
    assert programme is None
    rendered = sorted(str(p) for p in problems)
    assert any("programme.yaml:6: unknown field 'tracks[2].titel'" in r for r in rendered), rendered


def test_programme_rejects_unknown_path_audience(tmp_path: Path) -> None:
    text = (ROOTS / "test-course" / "programme.yaml").read_text()
    path = tmp_path / "programme.yaml"
    path.write_text(text.replace("audience: y", "audience: q"))
    programme, problems = load_programme(path, "programme.yaml")
    assert programme is None
    assert "path 'py' names unknown audience 'q'" in str(problems[0])


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "programme.yaml"
    path.write_bytes("tracks: []\ntitle: caf\xe9\n".encode("latin-1"))
    programme, problems = load_programme(path, "programme.yaml")
    assert programme is None
    assert (
        str(problems[0])
        == "programme.yaml:2: the file is not UTF-8 text (save it with UTF-8 encoding)"
    )
