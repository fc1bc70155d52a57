"""The in-page checker as the build writes it: the block in each exercise, the two
scripts in ``_static/checker/``, what print says instead, and what happens when
the runtime is missing. The real course's pages are checked in both editions.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from curriculum.checker.runtime import ENV_VARIABLE
from curriculum.validation.registry import all_exercises, read_exercise

from .conftest import REPO, ROOTS, checker_runtime
from .sphinxutil import Built, build, checker_course, checker_files, warning_lines

ROOT = ROOTS / "test-course"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    checker_runtime()
    cache: dict[tuple[str, str], Built] = {}

    def get(builder: str = "html", edition: str = "learner") -> Built:
        if (builder, edition) not in cache:
            out = tmp_path_factory.mktemp(f"checker-{builder}-{edition}")
            cache[builder, edition] = build(ROOT, out, builder, edition)
        return cache[builder, edition]

    return get


@pytest.mark.parametrize("edition", ["learner", "trainer"])
def test_the_exercise_holds_an_editor_with_the_template(built, edition: str) -> None:
    site = built("html", edition)
    assert warning_lines(site) == []
    page = site.html("modules/a-01/index")
    block = page.select_one("div.course-checker")
    assert block["data-exercise"] == "a-01-sum"
    assert block["data-artefact"] == "sum.yaml"
    assert block["data-format"] == "yaml"
    textarea = block.select_one("textarea")
    label = block.select_one(f"label[for='{textarea['id']}']")
    assert label.get_text() == "Your sum.yaml"
    template = (ROOT / "exercises" / "a-01-sum" / "template.yaml").read_text(encoding="utf-8")
    assert textarea.get_text() == template
    assert block.select_one(".course-checker-cli code").get_text() == (
        "curriculum check a-01-sum sum.yaml"
    )
    meta = page.select_one("meta[name='course-checker']")
    assert meta["content"] == "../../_static/checker/"
    assert (site.outdir / "_static" / "checker" / "runtime.js").stat().st_size > 5_000_000
    assert checker_course(site.outdir)["exercises"].keys() == {"a-01-sum"}


def test_print_points_to_the_page_and_the_command_instead_of_an_editor(built) -> None:
    for builder in ("latex", "text"):
        site = built(builder, "learner")
        assert warning_lines(site) == []
        out = "\n".join(p.read_text(encoding="utf-8") for p in site.outdir.glob("*.tex")) or (
            site.outdir / "modules" / "a-01" / "index.txt"
        ).read_text(encoding="utf-8")
        flat = " ".join(out.replace("\\sphinxhyphen{}", "-").split())
        assert "page in the course site checks your file" in flat, builder
        assert "curriculum check a-01-sum sum.yaml" in flat, builder
        assert "Check your work here" not in flat, builder
        assert "Check my file" not in flat, builder
        assert not (site.outdir / "_static" / "checker").exists()


def test_a_page_without_an_exercise_builds_no_checker(tmp_path: Path) -> None:
    checker_runtime()
    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text((ROOT / "conf.py").read_text(encoding="utf-8"))
    (source / "programme.yaml").write_text(
        (ROOT / "programme.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (source / "index.md").write_text("# Only a page\n\nNo exercise here.\n", encoding="utf-8")
    site = build(source, tmp_path / "out", "html", "learner")
    assert not (site.outdir / "_static" / "checker").exists()


def test_a_runtime_named_but_missing_is_a_warning_that_says_what_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VARIABLE, str(tmp_path / "nowhere"))
    site = build(ROOT, tmp_path / "out", "html", "learner")
    warnings = warning_lines(site)
    assert len(warnings) == 1, warnings
    assert "[course.checker]" in warnings[0]
    assert "run 'make html'" in warnings[0]
    assert "Traceback" not in site.warnings
    page = site.html("modules/a-01/index")
    assert page.select_one("meta[name='course-checker']") is None
    # the page still holds the editor and the command line, to use without the checker
    assert page.select_one("div.course-checker textarea") is not None
    assert not (site.outdir / "_static" / "checker").exists()


# --- the real course ---------------------------------------------------------------------


@pytest.mark.fullbuild
@pytest.mark.parametrize("edition", ["learner", "trainer"])
def test_every_exercise_of_the_course_has_its_checker(course, edition: str) -> None:
    checker_runtime()
    site = course(edition) / "html"
    known = {e.id: e for f in all_exercises(REPO) if (e := read_exercise(f)[0]) is not None}
    seen: dict[str, str] = {}
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for block in soup.select("div.course-checker"):
            exercise = known[block["data-exercise"]]
            assert block["data-artefact"] == exercise.meta.artefact
            textarea = block.select_one("textarea")
            assert textarea.get_text() == exercise.template.read_text(encoding="utf-8")
            assert soup.select_one("meta[name='course-checker']") is not None
            seen[exercise.id] = path.relative_to(site).as_posix()
    assert seen.keys() == known.keys()
    assert all(page == f"modules/{known[e].meta.module}/index.html" for e, page in seen.items())
    assert checker_course(site)["exercises"].keys() == known.keys()


@pytest.mark.fullbuild
def test_the_workbook_points_every_exercise_to_the_checking_page(course) -> None:
    latex = course("learner", "latex") / "latex"
    book = max(latex.glob("*.tex"), key=lambda p: p.stat().st_size)  # the handouts are small
    text = " ".join(book.read_text(encoding="utf-8").split())
    exercises = len(list(all_exercises(REPO)))
    assert text.count("\\sphinxstylestrong{Check your work: }") == exercises
    # in the book the page is there: a link to it
    link = "The course page {\\hyperref[\\detokenize{modules/programme/checking::doc}]"
    assert text.count(link) == exercises
    assert "course folder" not in text
    assert "Check your work here" not in text  # the screen's introduction to the editor
    handout = " ".join((latex / "rel-01.tex").read_text(encoding="utf-8").split())
    assert "check rel\\sphinxhyphen{}01\\sphinxhyphen{}slo slo.yaml" in handout
    assert "\\sphinxstyleemphasis{How to check your work}" in handout


def test_a_rebuild_writes_the_checker_again_only_when_what_it_carries_changed(
    tmp_path: Path,
) -> None:
    checker_runtime()
    source = tmp_path / "src"
    shutil.copytree(ROOT, source)
    out = tmp_path / "out"
    first = build(source, out, "html", "learner")
    script = first.outdir / "_static" / "checker" / "course.js"
    written = script.stat().st_mtime_ns
    page = source / "modules" / "a-01" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    again = build(source, out, "html", "learner", fresh=False)
    assert warning_lines(again) == []
    assert "in-page checker: unchanged" in again.status
    assert script.stat().st_mtime_ns == written
    validator = source / "exercises" / "a-01-sum" / "validator.py"
    validator.write_text(
        validator.read_text(encoding="utf-8") + "\nMARKER_FOR_THE_TEST = 1\n", encoding="utf-8"
    )
    third = build(source, out, "html", "learner", fresh=False)
    assert "in-page checker: unchanged" not in third.status
    carried = checker_files(third.outdir)
    assert "MARKER_FOR_THE_TEST" in carried["course/exercises/a-01-sum/validator.py"]
