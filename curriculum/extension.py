"""Wires the course's parts into Sphinx; each part lives in its own module."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .accessibility import setup_accessibility
from .audit import setup_audit
from .catalogue import setup_catalogue
from .checker.sphinx import setup_checker
from .config import get_config, setup_config
from .crosswalks import setup_crosswalks
from .domain import setup_domain
from .editions import setup_editions
from .exercise_directive import setup_exercise
from .generated import setup_generated
from .guard import setup_guard
from .header import setup_header
from .latex import setup_latex
from .metadata import ModuleMetadataTransform, load_vocabulary
from .nav import setup_nav
from .outputscan import setup_output_scan
from .quiz_directive import setup_quiz
from .reference import setup_reference
from .templatecache import setup_template_cache
from .tracks import setup_tracks

THEME_DIR = Path(__file__).parent / "theme" / "course"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_extension(app: Sphinx) -> None:
    app.setup_extension("myst_parser")
    setup_config(app)
    setup_guard(app)
    setup_audit(app)
    setup_output_scan(app)
    setup_domain(app)
    setup_header(app)
    setup_editions(app)
    setup_generated(app)
    setup_catalogue(app)
    setup_crosswalks(app)
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
    setup_template_cache(app)
    app.connect("builder-inited", _builder_inited)


def _builder_inited(app: Sphinx) -> None:
    load_vocabulary(app, get_config(app))
