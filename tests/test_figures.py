"""{chart} and {diagram} on a small course (tests/roots/test-figures): drawn once as SVG
and PDF, an ordinary figure in every builder, a text description on the site only, no
trainer figure in the learner edition, and lint's figure checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import curriculum.ext.figures as figures
from curriculum.lint.figures import figure_problems

from .conftest import ROOTS
from .sphinxutil import Built, build, files_containing, warning_lines

ROOT = ROOTS / "test-figures"
PAGE = "modules/a-01/index"
#: text of the chart inside a trainer note (its caption and alt text)
TRAINER_TOKEN = "figtrainertoken"

pytestmark = pytest.mark.usefixtures("graphviz")


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the root, so the drawn figures land in a folder of the test's own."""
    target = tmp_path_factory.mktemp("figures") / "course"
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns("_build"))
    return target


@pytest.fixture(scope="module")
def built(course: Path, tmp_path_factory: pytest.TempPathFactory):
    cache: dict[tuple[str, str], Built] = {}

    def get(builder: str = "html", edition: str = "learner") -> Built:
        if (builder, edition) not in cache:
            out = tmp_path_factory.mktemp(f"fig-{builder}-{edition}")
            tags = ("slides",) if builder == "revealjs" else ()
            cache[(builder, edition)] = build(course, out, builder, edition, tags=tags)
        return cache[(builder, edition)]

    return get


def test_the_site_shows_svg_figures_with_alt_caption_and_text(built) -> None:
    result = built()
    assert warning_lines(result) == []
    soup = result.html(PAGE)
    shown = soup.select("figure.course-figure")
    assert [f.get("id") for f in shown] == ["fig-tickets", "id1"]
    chart, diagram = (f.select_one("img") for f in shown)
    assert chart["alt"] == "Tickets a week falling from 50 to 24 over four weeks"
    assert chart["src"].startswith("../../_images/tickets-") and chart["src"].endswith(".svg")
    assert (result.outdir / "_images" / Path(chart["src"]).name).read_bytes().startswith(b"<?xml")
    assert diagram["src"].endswith(".svg") and "chain" in diagram["src"]
    assert "figcaptiontoken" in shown[0].select_one("figcaption").get_text()
    # the text description follows the figure, behind a disclosure
    details = shown[0].find_next_sibling()
    assert details.name == "details" and "course-figure-text" in details["class"]
    assert details.summary.get_text() == "Text description"
    assert "figdescriptiontoken" in details.get_text()


def test_print_takes_the_pdf_and_leaves_the_description_out(built) -> None:
    result = built("latex")
    assert warning_lines(result) == []
    tex = "\n".join(p.read_text() for p in result.outdir.glob("*.tex"))
    names = [n for n in tex.split("\\sphinxincludegraphics")[1:]]
    assert any("{{tickets-" in n.split("}}")[0] for n in names)
    assert "[width=0.600\\linewidth]{{chain-" in tex
    for stem in ("tickets-", "chain-"):
        assert any(result.outdir.glob(f"{stem}*.pdf"))
    assert "figcaptiontoken" in tex and "figdescriptiontoken" not in tex


def test_the_text_build_keeps_caption_and_description(built) -> None:
    result = built("text")
    text = result.text(f"{PAGE}.txt")
    assert "figcaptiontoken" in text and "figdescriptiontoken" in text


def test_a_figure_in_a_trainer_note_is_in_the_trainer_edition_only(built) -> None:
    assert files_containing(built("html", "trainer").outdir, TRAINER_TOKEN)
    for builder in ("html", "latex", "text"):
        result = built(builder, "learner")
        for folder in (result.outdir, result.doctreedir):
            assert files_containing(folder, TRAINER_TOKEN) == []
        assert not list(result.outdir.rglob("answer-*"))  # the picture itself neither


def test_the_deck_gives_a_page_figure_its_own_slide(built) -> None:
    result = built("revealjs", "trainer")
    assert warning_lines(result) == []
    deck = result.html("a-01")
    figure_slides = deck.select("section.course-deck-figure")
    assert [s.h2.get_text() for s in figure_slides] == [
        "Tickets a week figcaptiontoken",
        "The chain figchaintoken",
    ]
    assert all(s.select_one("img[src$='.svg']") for s in figure_slides)
    # a caption's first sentence is the title; the rest stays under the picture
    assert figure_slides[1].select_one("p.course-deck-caption").get_text() == (
        "Each link is one dependency."
    )
    assert figure_slides[0].select_one("p.course-deck-caption") is None
    authored = next(
        s for s in deck.select("section.course-deck-slide") if "slidebetatoken" in s.h2.get_text()
    )
    assert authored.select_one("img")["alt"] == "The chain on a slide"
    # the trainer's chart is in the speaker notes
    assert TRAINER_TOKEN in " ".join(n.decode() for n in deck.select("aside.notes"))


def _copy_with(tmp_path: Path, page_text: str) -> Path:
    target = tmp_path / "course"
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns("_build"))
    page = target / "modules" / "a-02" / "index.md"
    page.write_text(page.read_text() + "\n" + page_text)
    return target


def test_a_learner_chart_may_not_read_a_model_answer(tmp_path: Path) -> None:
    course = _copy_with(
        tmp_path,
        "```{chart} ../a-01/figures/answer.yaml\n:alt: The answer\n\nThe answer.\n```\n",
    )
    learner = build(course, tmp_path / "l", "html", "learner")
    [line] = warning_lines(learner)
    assert "modules/a-02/index.md:" in line and "[course.figure]" in line
    assert "solution.yaml may not be read here" in line and "trainer-only" in line
    assert "answer-" not in learner.html("modules/a-02/index").decode()
    assert warning_lines(build(course, tmp_path / "t", "html", "trainer")) == []


def test_a_broken_chart_is_a_located_warning_and_the_figure_becomes_text(tmp_path: Path) -> None:
    course = _copy_with(
        tmp_path,
        "```{chart} broken.yaml\n:alt: Tickets by week\n\nTickets brokencaptiontoken.\n```\n",
    )
    (course / "modules" / "a-02" / "broken.yaml").write_text("kind: line\nseries: []\n")
    result = build(course, tmp_path / "out", "html", "learner")
    [line] = warning_lines(result)
    assert "broken.yaml:2: series" in line and "[course.figure]" in line
    box = result.html("modules/a-02/index").select_one("div.course-figure-missing")
    assert "Figure: Tickets by week" in box.get_text()
    assert "brokencaptiontoken" in box.get_text()


def test_a_diagram_too_wide_for_a_phone_is_a_located_warning(tmp_path: Path) -> None:
    course = _copy_with(
        tmp_path,
        "```{diagram} wide.dot\n:alt: Six boxes in a row\n\nSix boxes side by side.\n```\n",
    )
    boxes = " ".join(f'b{n} [label="A long label for box {n}"];' for n in range(6))
    (course / "modules" / "a-02" / "wide.dot").write_text(f"digraph {{ {boxes} }}")
    result = build(course, tmp_path / "out", "html", "learner")
    [line] = warning_lines(result)
    assert "modules/a-02/index.md:" in line and "[course.figure]" in line
    assert "wide.dot is drawn" in line and "more than the 420 pt" in line
    assert "rankdir=TB" in line  # and how to fix it
    # the figure is still shown: a warning, not a refusal
    assert result.html("modules/a-02/index").select_one("figure.course-diagram img")


def test_a_chart_without_alt_text_is_an_accessibility_error(tmp_path: Path) -> None:
    course = _copy_with(tmp_path, "```{chart} ../a-01/figures/tickets.yaml\n```\n")
    [line] = warning_lines(build(course, tmp_path / "out", "html", "learner"))
    assert "has no :alt:" in line and "[course.accessibility]" in line


def test_without_graphviz_diagrams_become_text_and_the_build_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    course = tmp_path / "course"
    shutil.copytree(ROOT, course, ignore=shutil.ignore_patterns("_build"))  # nothing drawn yet
    monkeypatch.setattr(figures, "dot_available", lambda: False)
    monkeypatch.delenv("CI", raising=False)
    result = build(course, tmp_path / "out", "html", "learner")
    assert warning_lines(result) == []
    assert result.status.count("Graphviz is not installed") == 1
    assert "apt-get install graphviz" in result.status
    box = result.html(PAGE).select_one("div.course-figure-missing")
    assert "request passes the scanning app" in box.get_text()
    monkeypatch.setenv("CI", "true")  # under CI a figure left undrawn fails the build
    again = build(course, tmp_path / "ci", "html", "learner")
    assert any("Graphviz is not installed" in w for w in warning_lines(again))


def test_lint_wants_alt_text_and_a_source_that_loads(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(ROOT, course, ignore=shutil.ignore_patterns("_build"))
    page = course / "modules" / "a-01" / "index.md"
    text = page.read_text()
    assert figure_problems(course, page, "modules/a-01/index.md", text) == []
    (course / "modules" / "a-01" / "figures" / "bad.yaml").write_text("kind: bar\nseries: 3\n")
    text += (
        "\n```{chart} figures/tickets.yaml\n```\n"
        "\n```{diagram} figures/none.dot\n:alt: Nothing\n```\n"
        "\n```{chart} figures/bad.yaml\n:alt: Bad\n```\n"
        "\n```{figure} photo.png\n```\n"
    )
    found = {
        (p.path, p.line, p.code)
        for p in figure_problems(course, page, "modules/a-01/index.md", text)
    }
    lines = text.splitlines()
    opened = [n for n, s in enumerate(lines, 1) if s.startswith("```{") and n > len(lines) - 16]
    assert ("modules/a-01/index.md", opened[-4], "figure-alt") in found
    assert ("modules/a-01/index.md", opened[-3], "figure-source") in found
    assert ("modules/a-01/figures/bad.yaml", 2, "figure-source") in found
    assert ("modules/a-01/index.md", opened[-1], "figure-alt") in found
    assert len(found) == 4
