"""The trainers' slide decks: a separate Sphinx build of the same sources.

``curriculum slides`` runs ``sphinx-build -b revealjs -t slides -D
course_edition=trainer``; the tag makes the course extension load this one (an
HTML or LaTeX build never imports it, nor sphinx-revealjs, which is not safe for
parallel reading). It adds sphinx-revealjs, the deck builder
(:mod:`.builder`: which pages, which file names, which of reveal.js's files), the
deck theme (``theme/``: a page with no inline script, the course's stylesheet and
reveal.js's settings) and the post-transform that rebuilds each module page into
slides (:mod:`.transform`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from curriculum import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

THEME = "course-deck"


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the deck build (only under ``-t slides``)."""
    app.setup_extension("sphinx_revealjs")
    from curriculum.ext.deck.builder import CourseDeckBuilder
    from curriculum.ext.deck.notes import setup_notes
    from curriculum.ext.deck.transform import DeckTransform

    app.add_builder(CourseDeckBuilder, override=True)
    app.add_html_theme(THEME, str(Path(__file__).parent / "theme"))
    setup_notes(app)
    app.add_post_transform(DeckTransform)
    # after the course's own settings (priority 500), which add the site's 404 page
    app.connect("config-inited", _configure, priority=800)
    app.connect("builder-inited", _check_edition)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def _configure(app: Sphinx, config: Config) -> None:
    config.revealjs_html_theme = THEME
    config.revealjs_use_section_ids = True  # a slide's address: dsk-01.html#/dsk-01-check-q2
    config.html_additional_pages = {}
    config.html_copy_source = False
    config.html_show_sourcelink = False
    config.html_domain_indices = False


def _check_edition(app: Sphinx) -> None:
    from curriculum.ext.config import get_config
    from curriculum.ext.warnings import CourseWarning, warn

    if getattr(app.builder, "name", "") != "revealjs":
        warn(
            f"-t slides is for the deck build (-b revealjs), not -b {app.builder.name}; "
            "make decks with `curriculum slides`",
            CourseWarning.SLIDE,
        )
    elif not get_config(app).is_trainer:
        warn(
            "decks are trainer material and are built from the trainer edition only; no deck "
            "is written (use `curriculum slides`, or -D course_edition=trainer)",
            CourseWarning.SLIDE,
        )
