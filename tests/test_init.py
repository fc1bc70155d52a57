"""`curriculum init`: a new course that builds, lints and tests cleanly at once, and
`curriculum checker-runtime`, which installs what its site's checker runs on."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner

from curriculum import __version__
from curriculum.checker import install
from curriculum.checker.install import InstallError, install_runtime
from curriculum.cli.main import cli
from curriculum.core.confpy import read_conf
from curriculum.core.newcourse import CourseSpec, init_course
from curriculum.core.project import load_project
from curriculum.core.scaffold import ScaffoldError
from curriculum.lint import lint_course
from curriculum.validation.selftest import course_tests

from .conftest import sphinx_build
from .test_pdf import require_tools


def init(folder: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["init", str(folder), *args])


@pytest.fixture(scope="module")
def new_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("init") / "kitchen"
    made = init(folder, "--title", "Kitchen Safety", "--track", "food", "--audience", "cook")
    assert made.exit_code == 0, made.output
    return folder


def test_init_writes_a_course_of_its_own(new_course: Path) -> None:
    project = load_project(new_course)
    assert project.problems == []
    programme = project.programme
    assert programme is not None
    assert [t.id for t in programme.tracks] == ["food"]
    assert [a.id for a in programme.audiences] == ["cook"]
    assert [(p.id, p.audience) for p in programme.paths] == [("cook", "cook")]
    assert [m.id for m in project.modules] == ["food-01"]
    assert project.modules[0].meta.exercises == ["food-01-plan"]
    assert not project.modules[0].meta.draft  # complete: on the path, no skeleton text
    conf = read_conf(new_course)
    assert conf.get("course_slug") == "kitchen-safety"
    assert conf.get("project") == "Kitchen Safety"
    for name in ("Makefile", "README.md", ".gitignore"):
        assert (new_course / name).is_file(), name
    requirements = (new_course / "requirements.txt").read_text().splitlines()
    assert f"curriculum=={__version__}" in requirements  # the builder that made it
    workflow = yaml.safe_load((new_course / ".github/workflows/course.yml").read_text())
    steps = " ".join(str(s.get("run", "")) for s in workflow["jobs"]["build"]["steps"])
    assert "make test" in steps and "make pdf" in steps and "texlive-xetex" in steps
    # no text of this repository's own course
    everything = " ".join(p.read_text() for p in new_course.rglob("*") if p.is_file())
    for word in ("Brightwater", "Northgate", "service desk", "CC BY-SA"):
        assert word not in everything


def test_init_lints_and_tests_clean(new_course: Path) -> None:
    assert [str(p) for p in lint_course(new_course)] == []
    results = [r for suite in course_tests(new_course) for r in suite.run()]
    assert len(results) >= 4 and all(r.ok for r in results), [str(r) for r in results]


@pytest.mark.parametrize("edition", ["learner", "trainer"])
def test_init_builds_both_editions_strictly(new_course: Path, tmp_path: Path, edition: str) -> None:
    result = sphinx_build(new_course, tmp_path, edition=edition)
    assert result.returncode == 0, result.stderr
    page = tmp_path / "html" / "modules" / "food-01" / "index.html"
    soup = BeautifulSoup(page.read_text(), "html.parser")
    assert "How to learn with this course" in soup.get_text()
    assert bool(soup.select(".trainer-only")) == (edition == "trainer")
    home = BeautifulSoup((tmp_path / "html" / "index.html").read_text(), "html.parser")
    assert "1 module in 1 track, 30 min of teaching in all." in " ".join(home.get_text().split())
    catalogue = (tmp_path / "html/modules/programme/catalogue.html").read_text()
    summary = " ".join(BeautifulSoup(catalogue, "html.parser").get_text().split())
    assert "1 module in 1 track, 30 minutes of teaching in all." in summary
    authors = (tmp_path / "html" / "modules" / "contributing" / "index.html").read_text()
    assert "exercise-cases" in authors  # the lint checks, generated
    assert "course.policy.min_words" in authors and "tracks[]" in authors  # rules, reference


@pytest.mark.pdf
def test_init_prints_both_editions(new_course: Path, tmp_path: Path) -> None:
    require_tools()
    made = CliRunner().invoke(cli, ["pdf", "--root", str(new_course), "--builddir", str(tmp_path)])
    assert made.exit_code == 0, made.output
    for name in ("learner/pdf/kitchen-safety.pdf", "trainer/pdf/kitchen-safety-trainer.pdf"):
        assert (tmp_path / name).stat().st_size > 10_000, name
    learner = subprocess.run(
        ["pdftotext", str(tmp_path / "learner/pdf/kitchen-safety.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "How to learn with this course" in learner


def test_init_never_overwrites_a_course(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text("project = 'mine'\n")
    (tmp_path / "README.md").write_text("my notes\n")
    made = init(tmp_path)
    assert made.exit_code == 2
    assert "already holds conf.py" in made.output and "Traceback" not in made.output
    assert (tmp_path / "conf.py").read_text() == "project = 'mine'\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md", "conf.py"]


def test_init_keeps_a_readme_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("my notes\n")
    made = init(tmp_path)
    assert made.exit_code == 0, made.output
    assert "wrote README.md  (kept yours)" in made.output
    assert (tmp_path / "README.md").read_text() == "my notes\n"


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        (CourseSpec(track="Bad-Track"), "--track 'Bad-Track': use 1 to 8 lower-case letters"),
        (CourseSpec(audience="everyone1"), "--audience 'everyone1'"),
        (CourseSpec(title="Two\nlines"), "--title: give a one-line text"),
    ],
)
def test_init_refuses_what_would_not_build(tmp_path: Path, spec: CourseSpec, words: str) -> None:
    with pytest.raises(ScaffoldError) as raised:
        init_course(tmp_path / "c", spec)
    assert words in str(raised.value)
    assert not (tmp_path / "c").exists()


def test_titles_with_quotes_and_colons_are_written_safely(tmp_path: Path) -> None:
    made = init(
        tmp_path / "c",
        "--title",
        'Say "hi": a course\\n',
        "--audience-title",
        "Staff: all # of them",
        "--track-title",
        "'Quoted' track",
    )
    assert made.exit_code == 0, made.output
    course = tmp_path / "c"
    assert read_conf(course).get("project") == 'Say "hi": a course\\n'
    programme = load_project(course).programme
    assert programme is not None
    assert programme.audiences[0].title == "Staff: all # of them"
    assert programme.tracks[0].title == "'Quoted' track"
    result = sphinx_build(course, tmp_path / "out")
    assert result.returncode == 0, result.stderr


def test_beside_a_makefile_of_its_own_the_targets_go_to_course_mk(tmp_path: Path) -> None:
    (tmp_path / "Makefile").write_text("all:\n\techo mine\n")
    made = init(tmp_path)
    assert made.exit_code == 0, made.output
    assert (tmp_path / "Makefile").read_text() == "all:\n\techo mine\n"
    assert "html:" in (tmp_path / "course.mk").read_text()
    assert "kept yours: add 'include course.mk' to it" in made.output
    (tmp_path / "elsewhere").mkdir()
    for name in ("Makefile", "course.mk"):
        (tmp_path / "elsewhere" / name).write_text("mine\n")
    made = init(tmp_path / "elsewhere")
    assert made.exit_code == 2 and "Makefile and course.mk" in made.output
    assert (tmp_path / "elsewhere" / "course.mk").read_text() == "mine\n"


def test_init_into_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    made = init(tmp_path / "f")
    assert made.exit_code == 2 and "is a file" in made.output


# --- the checker's runtime -------------------------------------------------------


def test_the_runtime_commands_pin_one_pyodide_and_this_pydantic_core(tmp_path: Path) -> None:
    npm, pip = install.commands(tmp_path / "rt")
    assert npm[-1] == f"pyodide@{install.PYODIDE_VERSION}"
    assert pip[-1].startswith("pydantic-core==")
    assert f"pyemscripten_{install.PYODIDE_ABI}_wasm32" in pip
    assert str(tmp_path / "rt" / "wheels") in pip


def test_without_npm_the_runtime_install_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(install.shutil, "which", lambda name: None)
    with pytest.raises(InstallError, match=r"npm not found: install Node\.js and npm"):
        install_runtime(tmp_path / "rt")
    made = CliRunner().invoke(cli, ["checker-runtime", "--into", str(tmp_path / "rt")])
    assert made.exit_code == 1
    assert "cannot install the checker's runtime: npm not found" in made.output


def test_a_failed_download_names_the_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(install.shutil, "which", lambda name: "/bin/true")
    calls: list[list[str]] = []

    def run(command):  # type: ignore[no-untyped-def]
        calls.append(list(command))
        failed = len(calls) == 2
        return subprocess.CompletedProcess(command, int(failed), "", "ERROR: no network\n")

    with pytest.raises(InstallError, match=r"pip download pydantic-core==.* ERROR: no network"):
        install_runtime(tmp_path / "rt", run=run)
    assert len(calls) == 2


def test_a_course_without_exercises_says_there_is_nothing_to_test(tmp_path: Path) -> None:
    assert init(tmp_path / "c").exit_code == 0
    for path in sorted((tmp_path / "c" / "exercises").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    made = CliRunner().invoke(cli, ["test", "--root", str(tmp_path / "c")])
    assert made.exit_code == 0
    assert made.output.startswith("no exercises in this course yet")


def test_a_course_with_its_own_module_ids_builds_its_navigation(tmp_path: Path) -> None:
    """Module ids of another form (three digits) are found in their track's navigation."""
    course = tmp_path / "c"
    assert init(course).exit_code == 0
    for path in [p for p in course.rglob("*") if p.is_file()]:
        text = path.read_text()
        if "basics-01" in text:
            path.write_text(text.replace("basics-01", "basics-101"))
    for folder in (course / "modules" / "basics-01", course / "exercises" / "basics-01-plan"):
        folder.rename(folder.with_name(folder.name.replace("basics-01", "basics-101")))
    with (course / "programme.yaml").open("a") as vocabulary:
        vocabulary.write("course:\n  module_id_pattern: '^[a-z]{1,8}-[0-9]{3}$'\n")
    assert [str(p) for p in lint_course(course)] == []
    result = sphinx_build(course, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    home = BeautifulSoup((tmp_path / "out/html/index.html").read_text(), "html.parser")
    links = [a.get_text() for a in home.select("nav a, .sidebar a, aside a")]
    assert any("How to learn with this course" in text for text in links), links


def test_a_new_module_and_exercise_in_a_new_course_build_and_test(tmp_path: Path) -> None:
    course = tmp_path / "c"
    assert init(course).exit_code == 0
    root = ["--root", str(course)]
    made = CliRunner().invoke(
        cli, ["new", "module", "basics-02", "--title", "Second", "--track", "basics", *root]
    )
    assert made.exit_code == 0, made.output
    made = CliRunner().invoke(
        cli, ["new", "exercise", "basics-02-sums", "--module", "basics-02", *root]
    )
    assert made.exit_code == 0, made.output
    problems = lint_course(course)
    assert [str(p) for p in problems if p.severity == "error"] == []
    assert {p.code for p in problems} <= {"skeleton-text"}  # the draft's to-do list
    tested = CliRunner().invoke(cli, ["test", *root])
    assert tested.exit_code == 0 and "2 exercises" in tested.output, tested.output
    result = sphinx_build(course, tmp_path / "out")
    assert result.returncode == 0, result.stderr
