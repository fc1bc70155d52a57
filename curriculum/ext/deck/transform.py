"""Rebuild a module page, or the class deck page, into a deck: one section per slide.

Runs in the deck build only (``builders = ("revealjs",)``), after references are
resolved and before the quiz becomes a form. A module's deck is:

1. the title slide (title, id, track, length, audiences), whose speaker notes are
   the timing plan and the trainer notes of every section that makes no slide;
2. the objectives;
3. in the page's order, each ``{slide}``, each quiz question (the answer a
   fragment, revealed on the next step) and the exercise brief.

A trainer-only block becomes a speaker note of the slide before it in its ``##``
section, or of the section's first slide when it comes before them all (the quiz's
and the exercise's notes go on their first slide). The quiz's answer key is left
out: its slides reveal the answers. Links to other pages become plain text (a
deck is projected; the site holds the links).

The class deck is its page's slides in order, after a title slide with the
course's name; a slide with ``:agenda:`` gets one slide below it (reveal.js's
vertical slides, press the down arrow) per learning path.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from curriculum.core.model import Programme
from curriculum.core.programme import ModuleRecord
from curriculum.core.slides import PathAgenda, class_agenda
from curriculum.ext.config import get_config
from curriculum.ext.deck.notes import notes_for
from curriculum.ext.deck.parts import (
    Ids,
    agenda_slides,
    authored_slide,
    class_title_slide,
    exercise_slides,
    figure_slide,
    objectives_slide,
    quiz_slides,
    title_slide,
)
from curriculum.ext.domain import get_domain
from curriculum.ext.nodes import deck_slide, exercise_block, quiz, section_of, trainer_only

#: trainer-only blocks a deck leaves out: the quiz slides reveal the answers
LEFT_OUT = "course-quiz-key"
TIMING = "course-timing-plan"


class Slide:
    """A slide being assembled, with the trainer-only blocks that become its notes."""

    def __init__(self, section: nodes.section) -> None:
        self.section = section
        self.notes: list[trainer_only] = []
        self.below: list[nodes.section] = []

    def done(self) -> nodes.section:
        notes = notes_for(self.notes)
        if notes is not None:
            self.section += notes
        # after the notes: a nested section closes the slide (reveal.js vertical slides)
        self.section.extend(self.below)
        return self.section


class DeckTransform(SphinxPostTransform):
    default_priority = 150  # after references (10), before the quiz's form (199)
    builders = ("revealjs",)

    def run(self, **kwargs: Any) -> None:
        docname = self.env.docname
        domain = get_domain(self.env)
        record = domain.module_for_doc(docname)
        if record is not None:
            deck = module_deck(self.document, record, domain.programme)
        elif docname == get_config(self.env).class_deck:
            title = self.env.titles[docname].astext() if docname in self.env.titles else ""
            programme = domain.programme
            agendas = class_agenda(programme, domain.records(programme)) if programme else []
            course = (get_config(self.env).title, self.config.release or "", title)
            deck = class_deck(self.document, course, agendas)
        else:
            return  # not a deck: the builder does not write it
        _unlink(deck)
        for child in list(self.document.children):
            self.document.remove(child)
        self.document += deck


def _is_item(node: nodes.Node) -> bool:
    return isinstance(node, (deck_slide, trainer_only, quiz, exercise_block)) or _page_figure(node)


def _page_figure(node: nodes.Node) -> bool:
    """A drawn figure of the page's own text (one in a slide is already on it, one in a
    trainer block goes with the notes)."""
    if not (isinstance(node, nodes.figure) and "course-figure" in node["classes"]):
        return False
    parent = node.parent
    while parent is not None:
        if isinstance(parent, (deck_slide, trainer_only)):
            return False
        parent = parent.parent
    return True


def module_deck(
    document: nodes.document, record: ModuleRecord, programme: Programme | None
) -> nodes.section:
    ids = Ids()
    head = Slide(title_slide(ids, record, programme))
    slides = [Slide(objectives_slide(ids, record))]
    page = next(iter(document.findall(nodes.section)), document)
    items = [n for n in page.findall(_is_item) if n is not page]
    head.notes.extend(n for n in items if isinstance(n, trainer_only) and TIMING in n["classes"])
    section: nodes.Node | None = None
    current: Slide | None = None
    waiting: list[trainer_only] = []
    for item in items:
        where = section_of(item, page)
        if where is not section:
            head.notes.extend(waiting)  # a section that made no slide
            section, current, waiting = where, None, []
        if isinstance(item, trainer_only):
            if TIMING in item["classes"] or LEFT_OUT in item["classes"]:
                continue
            (current.notes if current else waiting).append(item)
            continue
        if isinstance(item, deck_slide):
            made = [authored_slide(ids, item)]
        elif isinstance(item, nodes.figure):
            made = [figure_slide(ids, item)]
        elif isinstance(item, quiz):
            made = quiz_slides(ids, item)
        else:
            assert isinstance(item, exercise_block)
            made = exercise_slides(ids, item)
        if not made:
            continue
        new = [Slide(s) for s in made]
        new[0].notes.extend(waiting)
        waiting = []
        slides.extend(new)
        # a quiz's or an exercise's notes are about all of it: they go on its first slide
        current = new[-1] if isinstance(item, deck_slide) else new[0]
    head.notes.extend(waiting)
    top = head.done()
    top.extend(s.done() for s in slides)
    return top


def class_deck(
    document: nodes.document, course: tuple[str, str, str], agendas: list[PathAgenda]
) -> nodes.section:
    """The class deck page's slides in order, after a title slide with the course's
    name, release and the page's title; notes go on the slide before them."""
    ids = Ids()
    head = Slide(class_title_slide(ids, *course))
    slides: list[Slide] = []
    for item in list(document.findall(lambda n: isinstance(n, (deck_slide, trainer_only)))):
        if isinstance(item, trainer_only):
            (slides[-1] if slides else head).notes.append(item)
            continue
        assert isinstance(item, deck_slide)
        made = Slide(authored_slide(ids, item))
        if item["agenda"]:
            made.below = agenda_slides(ids, agendas)
        slides.append(made)
    top = head.done()
    top.extend(s.done() for s in slides)
    return top


def _unlink(tree: nodes.Element) -> None:
    """Links to pages of the site become their text; web links stay."""
    for reference in list(tree.findall(nodes.reference)):
        uri = str(reference.get("refuri", ""))
        if reference.get("internal") or "refid" in reference or (uri and "://" not in uri):
            if uri.startswith("mailto:"):
                continue
            reference.replace_self(nodes.inline("", "", *reference.children))
