"""Wires the course's parts into Sphinx; each part lives in its own module."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from curriculum.core.slides import DECK_TAG
from curriculum.ext.accessibility import setup_accessibility
from curriculum.ext.agenda import setup_agenda
from curriculum.ext.answers import setup_answers
from curriculum.ext.audit import setup_audit
from curriculum.ext.catalogue import setup_catalogue
from curriculum.ext.checker import setup_checker
from curriculum.ext.config import get_config, note_settings, setup_config
from curriculum.ext.coursechecks import setup_course_checks
from curriculum.ext.coursepolicy import setup_course_policy
from curriculum.ext.crosswalks import setup_crosswalks
from curriculum.ext.domain import setup_domain
from curriculum.ext.editions import setup_editions
from curriculum.ext.exercise import setup_exercise
from curriculum.ext.fences import setup_fences
from curriculum.ext.figures import setup_figures
from curriculum.ext.fill import setup_fill
from curriculum.ext.generated import setup_generated
from curriculum.ext.guard import setup_guard
from curriculum.ext.header import setup_header
from curriculum.ext.jobaid import setup_job_aid
from curriculum.ext.kit import setup_kit
from curriculum.ext.latex import setup_latex
from curriculum.ext.metadata import ModuleMetadataTransform, load_vocabulary
from curriculum.ext.nav import setup_nav
from curriculum.ext.outputscan import setup_output_scan
from curriculum.ext.quiz import setup_quiz
from curriculum.ext.reference import setup_reference
from curriculum.ext.runsheet import setup_run_sheet
from curriculum.ext.slides import setup_slides
from curriculum.ext.templatecache import setup_template_cache
from curriculum.ext.tracks import setup_tracks
from curriculum.ext.units import setup_units

THEME_DIR = Path(__file__).parent / "theme" / "course"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_extension(app: Sphinx) -> None:
    app.setup_extension("myst_parser")
    setup_config(app)
    setup_guard(app)
    setup_audit(app)
    setup_fences(app)
    setup_output_scan(app)
    setup_domain(app)
    setup_course_checks(app)
    setup_header(app)
    setup_editions(app)
    setup_run_sheet(app)
    setup_figures(app)
    setup_job_aid(app)
    setup_units(app)
    setup_kit(app)
    setup_generated(app)
    setup_agenda(app)
    setup_catalogue(app)
    setup_crosswalks(app)
    setup_fill(app)
    setup_answers(app)
    setup_quiz(app)
    setup_exercise(app)
    setup_checker(app)
    app.add_transform(ModuleMetadataTransform)
    app.add_html_theme("course", str(THEME_DIR))
    setup_nav(app)
    setup_tracks(app)
    setup_latex(app)
    setup_accessibility(app)
    setup_reference(app)
    setup_course_policy(app)
    setup_template_cache(app)
    setup_slides(app)
    if app.tags.has(DECK_TAG):
        # the decks' build only (`curriculum slides`): sphinx-revealjs and the deck
        # builder, which an HTML or LaTeX build never loads
        app.setup_extension("curriculum.ext.deck")
    app.connect("builder-inited", _builder_inited)


def _builder_inited(app: Sphinx) -> None:
    note_settings(app)
    load_vocabulary(app, get_config(app))
