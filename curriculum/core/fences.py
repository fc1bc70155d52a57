"""Blocks written for other tools that this course's parser would pass through.

- Fenced divs of the Carpentries lesson template and Pandoc (``::: instructor``,
  ``::: solution``, ``::: challenge``…): MyST reads ``:::`` with a bare word as a
  plain ``<div>`` with that class, so an instructor note or a solution would be
  shown to every learner. Each is refused with what to write instead.
- A trainer-only directive that was not parsed as one (a fence of two colons, a
  space inside the braces, a fence MyST does not know): its text would print as a
  paragraph, the answers included.

Lint and the build both use these, so they refuse the same things.
"""

from __future__ import annotations

import re

#: the directives whose content only the trainer edition holds
TRAINER_ONLY = frozenset({"trainer-note", "solution", "timing-plan"})

#: Carpentries / Pandoc fenced-div classes -> what to write in this course instead
FOREIGN_DIVS: dict[str, str] = {
    "instructor": "write the note as :::{trainer-note} (shown only in the trainer edition)",
    "solution": "write the answer as :::{solution} (shown only in the trainer edition)",
    "hint": "write the hint as :::{tip}, or inside :::{trainer-note} for trainers only",
    "challenge": "write the task under a heading, or as an {exercise} with a validator",
    "discussion": "write it as :::{note} with a title",
    "callout": "write it as :::{note} or :::{important}",
    "caution": "write it as :::{caution}",
    "checklist": "write it as a list under a heading",
    "prereq": "list prerequisites in the module's metadata (prerequisites:)",
    "objectives": "list objectives in the module's metadata (objectives:)",
    "questions": "write the questions as a {quiz}",
    "keypoints": "write them under a 'Key points' heading",
    "testimonial": "write it as a quotation (> …)",
    "spoiler": "write it inside :::{trainer-note}, or as a {dropdown}",
    "tab": "use sphinx-design's {tab-set} and {tab-item}",
    "group-tab": "use sphinx-design's {tab-set} and {tab-item}",
}

_NAMES = "|".join(re.escape(n) for n in sorted(TRAINER_ONLY))
#: an opening fence of a trainer-only directive, seen as text (it was not parsed)
UNPARSED_TRAINER = re.compile(
    rf"^[ \t>]*(?:`{{2,}}|~{{2,}}|:{{2,}})[ \t]*\{{[ \t]*({_NAMES})[ \t]*\}}", re.MULTILINE
)


def foreign_div(classes: list[str] | str) -> tuple[str, str] | None:
    """(class, what to write instead) when a div's classes name a foreign block."""
    names = classes.split() if isinstance(classes, str) else classes
    for name in names:
        hint = FOREIGN_DIVS.get(name.strip().lower())
        if hint is not None:
            return name, hint
    return None


def unparsed_trainer(text: str) -> str | None:
    """The trainer-only directive named by an opening fence in ``text``, if any."""
    match = UNPARSED_TRAINER.search(text)
    return match.group(1) if match else None
