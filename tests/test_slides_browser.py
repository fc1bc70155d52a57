"""The real course's decks in Chromium, opened from disk with the network off, and
printed to PDF one slide a page (``curriculum slides --pdf``).

Without Chromium these tests are skipped with the command that installs it; under
CI (``CI=true``) they fail instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from curriculum.print.decks import count_slides, print_decks

from .conftest import missing_tool
from .test_slides import slides_of

pytestmark = [pytest.mark.browser, pytest.mark.fullbuild]


@pytest.fixture
def offline(browser, course_decks: Path) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """A page in a context with the network off, where any request that is not for a
    file is refused and recorded; console errors are collected. Both are checked at the
    end: a deck must run from disk alone."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.set_offline(True)
    outside: list[str] = []
    requests: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    context.on("request", lambda r: requests.append(r.url))
    problems: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.requests = requests
    yield page
    context.close()
    assert outside == []
    assert problems == []


def _open(page: Any, deck: Path, slide: str = "") -> None:
    page.goto(deck.as_uri() + (f"#/{slide}" if slide else ""))
    page.wait_for_function("window.Reveal && Reveal.isReady()")


def test_a_deck_runs_from_disk_and_its_slides_navigate(offline, course_decks: Path) -> None:
    _open(offline, course_decks / "dsk-01.html")
    assert offline.evaluate("Reveal.getCurrentSlide().id") == "title"
    total = offline.evaluate("Reveal.getTotalSlides()")
    assert total == count_slides(course_decks / "dsk-01.html")
    offline.keyboard.press("ArrowRight")
    assert offline.evaluate("Reveal.getCurrentSlide().id") == "objectives"
    offline.keyboard.press("End")
    assert offline.evaluate("Reveal.getIndices().h") == total - 1
    assert "#/" in offline.url  # each slide has an address
    loaded = [u for u in offline.requests if not u.startswith("file:")]
    assert loaded == []
    assert any(u.endswith("/_static/revealjs/dist/reveal.js") for u in offline.requests)


def test_a_quiz_answer_is_revealed_on_the_next_step(offline, course_decks: Path) -> None:
    _open(offline, course_decks / "dsk-01.html", "dsk-01-check-q4")
    answer = offline.locator("#dsk-01-check-q4 .course-deck-answer")
    assert answer.evaluate("e => getComputedStyle(e).opacity") == "0"
    offline.keyboard.press("ArrowRight")
    offline.wait_for_function(
        "getComputedStyle(document.querySelector('#dsk-01-check-q4 .course-deck-answer'))"
        ".opacity === '1'"
    )
    assert offline.evaluate("Reveal.getCurrentSlide().id") == "dsk-01-check-q4"  # same slide
    assert answer.inner_text().startswith("Answer: C")
    offline.keyboard.press("ArrowRight")
    assert offline.evaluate("Reveal.getCurrentSlide().id") == "dsk-01-check-q5"


def test_speaker_notes_are_in_the_deck_and_in_the_speaker_view(offline, course_decks) -> None:
    _open(offline, course_decks / "rel-01.html", "an-sli-counts-events")
    assert offline.locator("aside.notes").count() >= 6
    assert not offline.locator("#an-sli-counts-events aside.notes").is_visible()
    said = offline.evaluate("Reveal.getSlideNotes()")
    assert "Checking objective o1" in said
    with offline.context.expect_page() as opened:
        offline.keyboard.press("s")  # reveal.js's speaker view, in its own window
    view = opened.value
    view.wait_for_function(
        "document.querySelector('.speaker-controls-notes .value') &&"
        " document.querySelector('.speaker-controls-notes .value').innerText.length > 20"
    )
    assert "sticky note" in view.locator(".speaker-controls-notes").inner_text()


def test_the_class_deck_runs_from_disk(offline, course_decks: Path) -> None:
    _open(offline, course_decks / "class.html", "how-the-class-works")
    offline.keyboard.press("ArrowDown")  # the first path's days, below the slide
    assert offline.evaluate("Reveal.getCurrentSlide().id").startswith("agenda-")


def test_a_deck_prints_to_pdf_one_page_per_slide(course_decks: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from curriculum.print.chromium import find_chromium

    chromium = find_chromium()
    if chromium is None:
        missing_tool("Chromium is not installed: run .ci/install-system-deps")
    assert chromium is not None
    # a module with a quiz and an exercise, and a deck with slides below slides; linked
    # here, so that the PDFs are written here (the decks open from where they are)
    decks = []
    for name in ("dsk-01", "class"):
        (tmp_path / f"{name}.html").symlink_to(course_decks / f"{name}.html")
        decks.append(tmp_path / f"{name}.html")
    printed = print_decks(decks, chromium)
    for item in printed:
        soup = BeautifulSoup(item.deck.read_text(encoding="utf-8"), "html.parser")
        slides = slides_of(soup)
        reader = PdfReader(item.pdf)
        assert item.pages == len(reader.pages) == len(slides), item.deck.name
        first = reader.pages[0].extract_text()
        assert slides[0].find(["h1"]).get_text().split()[0] in first
    # the quiz's answer is printed on the question's page (a PDF has no steps)
    reader = PdfReader(printed[0].pdf)
    texts = [page.extract_text() for page in reader.pages]
    assert any("Question 4 of 7" in t and "Answer: C" in t for t in texts)
