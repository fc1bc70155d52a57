"""``{slide}`` blocks: written for projection, on a page that becomes a deck.

A slide is read from across a room: a title and a few short bullets (lint warns
above :data:`~curriculum.core.slides.MAX_BULLETS` bullets or
:data:`~curriculum.core.slides.MAX_WORDS` words). It is projected to the class, so
no trainer-only block may sit inside one; and only module pages and the class deck
become decks, so a slide anywhere else would be shown nowhere.
"""

from __future__ import annotations

from curriculum.core.fences import TRAINER_ONLY
from curriculum.core.slides import MAX_BULLETS, MAX_WORDS, count_words
from curriculum.lint.mdscan import directive_of
from curriculum.lint.problems import Problem
from curriculum.lint.readings import blocks, directives


def slide_problems(shown: str, text: str, decked: bool) -> list[Problem]:
    """The problems of every ``{slide}`` of one page; ``decked``: the page becomes a deck."""
    if "slide" not in text.lower():
        return []  # most pages: no directive to look for
    problems: list[Problem] = []
    for directive in directives(text):
        if directive.name != "slide":
            continue
        line = directive.line
        if not decked:
            problems.append(
                Problem(
                    shown,
                    line,
                    "slide",
                    "this page becomes no deck, so its {slide} is shown nowhere",
                    "put slides in a module's index.md, or in the class deck page",
                )
            )
        if not directive.args.strip():
            problems.append(
                Problem(
                    shown,
                    line,
                    "slide",
                    "the {slide} has no title",
                    "write it on the opening line: ```{slide} Two questions, not one",
                )
            )
        inner = list(blocks(directive.body, directive.body_line, every_reading=False))
        for block in inner:
            nested = directive_of(block)
            if nested is not None and nested.name in TRAINER_ONLY:
                problems.append(
                    Problem(
                        shown,
                        block.line,
                        "slide",
                        f"a {{{nested.name}}} inside a {{slide}} would be projected to learners",
                        "close the slide first and put the block after it: it becomes the "
                        "slide's speaker notes",
                    )
                )
        bullets = sum(1 for b in inner if b.token.type == "list_item_open")
        words = sum(count_words(b.token.content) for b in inner if b.token.type == "inline")
        words += count_words(directive.args)
        if bullets > MAX_BULLETS or words > MAX_WORDS:
            problems.append(
                Problem(
                    shown,
                    line,
                    "slide-size",
                    f"the slide holds {bullets} bullets and {words} words; a slide is read from "
                    f"across a room (at most {MAX_BULLETS} bullets, {MAX_WORDS} words)",
                    "keep the key idea and leave the rest to the page and the speaker notes, "
                    "or make two slides",
                )
            )
    return problems
