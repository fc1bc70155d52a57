"""The slides a deck is made of, each a ``section`` (the deck translator writes one
``<section>`` per slide): title, objectives, an authored ``{slide}``, a quiz
question with its answer as a fragment, the exercise brief, a learning path's days.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from docutils import nodes

from curriculum.core.model import Programme
from curriculum.core.programme import ModuleRecord
from curriculum.core.schedule import clock
from curriculum.core.slides import PathAgenda, count_words
from curriculum.ext.header import draft_notice, format_minutes
from curriculum.ext.nodes import (
    checker_block,
    deck_slide,
    exercise_block,
    quiz_feedback,
    quiz_question,
)
from curriculum.ext.quiz import LETTERS
from curriculum.ext.tables import Cell, make_table

#: words of an exercise brief on one slide; a longer brief continues on the next
BRIEF_WORDS_PER_SLIDE = 170
#: a caption's first sentence (a figure slide's title) and the rest
_FIRST_SENTENCE = re.compile(r"(.+?[.!?])\s+(\S.*)", re.DOTALL)


class Ids:
    """Unique slide ids in one deck (reveal.js addresses a slide by it: ``#/<id>``)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, text: str) -> str:
        base = nodes.make_id(text) or "slide"
        name, number = base, 2
        while name in self.used:
            name, number = f"{base}-{number}", number + 1
        self.used.add(name)
        return name


def slide(ids: Ids, key: str, title: str | list[nodes.Node], *kinds: str) -> nodes.section:
    """An empty slide titled ``title``, with the CSS classes ``course-deck-<kind>``."""
    section = nodes.section(ids=[ids(key)], classes=[f"course-deck-{k}" for k in kinds])
    if isinstance(title, str):
        section += nodes.title(title, title)
    else:
        section += nodes.title("", "", *title)
    return section


def title_slide(ids: Ids, record: ModuleRecord, programme: Programme | None) -> nodes.section:
    """The module's title, id, track, length and audiences."""
    meta = record.meta
    section = slide(ids, "title", meta.title, "title")
    track = programme.track(meta.track) if programme else None
    facts = f"{meta.id} · {track.title if track else meta.track} · {format_minutes(meta.duration)}"
    section += nodes.paragraph(facts, facts, classes=["course-deck-facts"])
    audiences = programme.audience_titles(meta.audiences) if programme else list(meta.audiences)
    who = "For: " + ", ".join(audiences)
    section += nodes.paragraph(who, who, classes=["course-deck-audiences"])
    if meta.draft:
        section += draft_notice()
    return section


def objectives_slide(ids: Ids, record: ModuleRecord) -> nodes.section:
    section = slide(ids, "objectives", "What you will be able to do", "objectives")
    items = nodes.enumerated_list(enumtype="arabic")
    for objective in record.meta.objectives:
        level = nodes.inline(objective.bloom, objective.bloom, classes=["course-deck-bloom"])
        paragraph = nodes.paragraph("", "", nodes.Text(objective.text + " "), level)
        items += nodes.list_item("", paragraph)
    section += items
    return section


def authored_slide(ids: Ids, node: deck_slide) -> nodes.section:
    """A ``{slide}`` block as a slide; its nodes are moved, not copied."""
    title = node.children[0]
    assert isinstance(title, nodes.title)  # SlideDirective puts it first
    kinds = [c.removeprefix("course-") for c in node["classes"] if c != "course-slide"]
    section = slide(ids, title.astext(), list(title.children), "slide", *kinds)
    for child in list(node.children[1:]):
        node.remove(child)
        section += child
    return section


def figure_slide(ids: Ids, figure: nodes.figure) -> nodes.section:
    """A figure of the page on a slide of its own, titled by its caption's first
    sentence (or its alt text), the rest of the caption under the picture, which is
    moved, not copied."""
    caption = next(iter(figure.findall(nodes.caption)), None)
    image = next(iter(figure.findall(nodes.image)))
    text = caption.astext() if caption is not None else str(image.get("alt", "Figure"))
    sentences = _FIRST_SENTENCE.match(text.strip())
    first, rest = sentences.groups() if sentences else (text.strip(), "")
    section = slide(ids, text, first.rstrip("."), "figure")
    image.parent.remove(image)
    image.attributes.pop("width", None)  # a slide is sized by the deck's stylesheet
    section += image
    if rest.strip():
        section += nodes.paragraph(rest, rest, classes=["course-deck-caption"])
    return section


def quiz_slides(ids: Ids, quiz_node: nodes.Element) -> list[nodes.section]:
    """One slide per question: the prompt and the lettered options, then (the next
    step, a reveal.js fragment) the right letters and why."""
    questions = list(quiz_node.findall(quiz_question))
    slides = []
    for number, question in enumerate(questions, 1):
        key = f"{quiz_node['quiz']}-{question['question']}"
        section = slide(ids, key, f"Question {number} of {len(questions)}", "quiz")
        prompt, options = question.children[0], question.children[1]
        section += prompt.deepcopy()
        shown = nodes.bullet_list(classes=["course-deck-options"])
        right: list[tuple[str, list[nodes.Node]]] = []
        for index, item in enumerate(options.children):
            assert isinstance(item, nodes.list_item)  # QuizDirective makes only these
            shown += nodes.list_item("", item.children[0].deepcopy())
            if item["right"]:
                feedback = next(iter(item.findall(quiz_feedback)), None)
                why = [c.deepcopy() for c in feedback.children] if feedback else []
                right.append((LETTERS[index], why))
        section += shown
        letters = ", ".join(letter for letter, _ in right)
        label = ("Answers: " if len(right) > 1 else "Answer: ") + letters
        answer = nodes.container(classes=["fragment", "course-deck-answer"])
        answer += nodes.paragraph("", "", nodes.strong(label, label))
        for letter, why in right:
            if len(right) > 1 and why and isinstance(why[0], nodes.paragraph):
                why[0].insert(0, nodes.strong(f"{letter}. ", f"{letter}. "))
            answer.extend(why)
        section += answer
        slides.append(section)
    return slides


def exercise_slides(ids: Ids, block: exercise_block) -> list[nodes.section]:
    """The exercise's title and brief, over as many slides as the brief needs, the
    artefact and the command that checks it on the last."""
    heading = block.children[0]
    title = heading.astext()
    brief = [c for c in block.children if isinstance(c, nodes.Element) and c.get("course_brief")]
    pages = _paginate(brief, BRIEF_WORDS_PER_SLIDE)
    checker = next(iter(block.findall(checker_block)), None)
    slides = []
    for number, part in enumerate(pages, 1):
        shown = title if len(pages) == 1 else f"{title} ({number} of {len(pages)})"
        section = slide(ids, f"exercise-{block['exercise']}", shown, "exercise")
        section.extend(n.deepcopy() for n in part)
        slides.append(section)
    if checker is not None:
        artefact, command = checker["artefact"], f"curriculum check {block['exercise']}"
        line = nodes.paragraph(
            "",
            "",
            nodes.strong("Your file: ", "Your file: "),
            nodes.literal(artefact, artefact),
            nodes.Text(". Check it in the module's page, or: "),
            nodes.literal(f"{command} {artefact}", f"{command} {artefact}"),
            classes=["course-deck-artefact"],
        )
        slides[-1] += line
    return slides


def _paginate(parts: list[nodes.Element], budget: int) -> list[list[nodes.Element]]:
    """Consecutive ``parts`` in groups of about ``budget`` words (at least one each); a
    paragraph that leads into the next part ("For each ticket, decide:") goes with it."""
    pages: list[list[nodes.Element]] = [[]]
    words = 0
    for part in parts:
        size = count_words(part.astext())
        if pages[-1] and words + size > budget:
            lead = pages[-1][-1]
            carried = [lead] if len(pages[-1]) > 1 and _leads_in(lead) else []
            if carried:
                pages[-1].pop()
            pages.append(carried)
            words = sum(count_words(p.astext()) for p in carried)
        pages[-1].append(part)
        words += size
    return pages


def _leads_in(part: nodes.Element) -> bool:
    return isinstance(part, nodes.paragraph) and part.astext().rstrip().endswith(":")


def class_title_slide(ids: Ids, course: str, release: str, title: str) -> nodes.section:
    section = slide(ids, "title", course, "title")
    section += nodes.paragraph(title, title, classes=["course-deck-facts"])
    if release:
        line = f"Release {release}"
        section += nodes.paragraph(line, line, classes=["course-deck-audiences"])
    return section


#: the parts of a class day an agenda slide shows besides the modules
AGENDA_FRAME = ("opening", "recap", "lunch", "close")


def agenda_slides(ids: Ids, agendas: Iterable[PathAgenda]) -> list[nodes.section]:
    """One slide per learning path: its core modules, day by day, with start times."""
    slides = []
    for agenda in agendas:
        days = len([d for d in agenda.plan.days if d.slots])
        length = f"{format_minutes(agenda.minutes)}, {days} day{'s' if days != 1 else ''}"
        section = slide(ids, f"agenda-{agenda.id}", f"{agenda.title}: {length}", "agenda")
        rows: list[list[Cell]] = []
        started: set[str] = set()
        for day in agenda.plan.days:
            # the day's frame, and a module's first block of the day ("continued" when
            # it began the day before); short breaks are the trainer's to call
            firsts = {s.id: s for s in reversed(day.slots) if s.id}
            frame = [s for s in day.slots if s.kind in AGENDA_FRAME]
            shown = sorted([*firsts.values(), *frame], key=lambda s: s.start)
            for index, item in enumerate(shown):
                what = f"{item.id} {item.title}" if item.id else item.title.split(":")[0]
                if item.id in started:
                    what += " (continued)"
                rows.append([f"Day {day.number}" if index == 0 else "", clock(item.start), what])
            started.update(firsts)
        section += make_table(["Day", "Starts", "Module"], rows, [12, 12, 76], ["course-agenda"])
        slides.append(section)
    return slides
