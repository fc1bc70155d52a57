"""Trainers' slide decks: what a projected slide keeps to, and a class's agenda. Pure.

A module's deck is built from the module page (``{slide}`` blocks, quiz, exercise
brief, trainer notes) by the deck extension (:mod:`curriculum.ext.deck`); the
class deck's agenda is each learning path laid out in teaching days with
:mod:`curriculum.core.agenda`, as ``curriculum schedule`` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from curriculum.core.agenda import select
from curriculum.core.dayframe import make_frame
from curriculum.core.model import Programme
from curriculum.core.programme import ModuleRecord
from curriculum.core.schedule import Plan, ScheduleError, parse_clock, plan_class

#: the Sphinx tag (``sphinx-build -t slides``) that loads the deck extension
DECK_TAG = "slides"
#: the class deck's page (``course_class_deck`` in conf.py): read by the deck build only
CLASS_DECK = "modules/programme/class-deck"
#: a slide is read from across a room: lint warns above these
MAX_BULLETS = 6
MAX_WORDS = 60
WORD = re.compile(r"[\w’'-]+")
#: a class's agenda assumes `curriculum schedule`'s usual teaching day
AGENDA_START = "09:00"
AGENDA_HOURS = 7


def count_words(text: str) -> int:
    """Words as the course counts them (lint's teaching words use the same pattern)."""
    return len(WORD.findall(text))


@dataclass(frozen=True)
class PathAgenda:
    """One learning path as a class would take it: its core modules in teaching days."""

    id: str
    title: str
    minutes: int
    plan: Plan


def class_agenda(programme: Programme, records: list[ModuleRecord]) -> list[PathAgenda]:
    """Every learning path's core, in the default teaching day (09:00, 7 hours, breaks)."""
    start = parse_clock(AGENDA_START)
    frame = make_frame(start, start + AGENDA_HOURS * 60)
    agendas = []
    for path in programme.paths:
        try:
            selection = select(programme, records, path=path.id)
        except ScheduleError:  # a path with no core module yet has no agenda
            continue
        plan = plan_class(selection.modules, frame)
        minutes = sum(m.minutes for m in selection.modules)
        agendas.append(PathAgenda(path.id, path.title, minutes, plan))
    return agendas
