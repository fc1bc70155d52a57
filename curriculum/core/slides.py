"""Trainers' slide decks: what a projected slide keeps to, and a class's agenda. Pure.

A module's deck is built from the module page (``{slide}`` blocks, quiz, exercise
brief, trainer notes) by the deck extension (:mod:`curriculum.ext.deck`); the
class deck's agenda is each learning path laid out in teaching days with
:func:`curriculum.core.schedule.plan_days`, as ``curriculum schedule`` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from curriculum.core.model import Programme
from curriculum.core.paths import plan_path
from curriculum.core.programme import ModuleRecord
from curriculum.core.schedule import Plan, plan_days

#: the Sphinx tag (``sphinx-build -t slides``) that loads the deck extension
DECK_TAG = "slides"
#: the class deck's page (``course_class_deck`` in conf.py): read by the deck build only
CLASS_DECK = "modules/programme/class-deck"
#: a slide is read from across a room: lint warns above these
MAX_BULLETS = 6
MAX_WORDS = 60
WORD = re.compile(r"[\w’'-]+")
#: a class's agenda assumes the programme's usual teaching day (as `curriculum schedule`)
AGENDA_DAYS_MAX = 30


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
    agendas = []
    for path in programme.paths:
        steps = plan_path(programme, path.id, records).steps
        modules = [(s.module.id, s.module.meta.title, s.module.meta.duration) for s in steps]
        if not modules:
            continue
        plan = plan_days(modules, AGENDA_DAYS_MAX)
        agendas.append(PathAgenda(path.id, path.title, sum(m[2] for m in modules), plan))
    return agendas
