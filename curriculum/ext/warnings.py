"""Warning subtypes: ``suppress_warnings = ["course.<subtype>"]`` and ``-W`` both work."""

from __future__ import annotations

from enum import Enum
from typing import Any

from sphinx.util import logging

from curriculum.core.diagnostics import Diagnostic

WARNING_TYPE = "course"
logger = logging.getLogger("curriculum")


class CourseWarning(Enum):
    """Each kind of problem the extension reports."""

    CONFIG = "config"  #: a course_* setting in conf.py is invalid
    VOCABULARY = "vocabulary"  #: programme.yaml is missing or invalid
    METADATA = "metadata"  #: a module's front matter is invalid
    DUPLICATE = "duplicate"  #: two modules share an id
    PREREQUISITE = "prerequisite"  #: a prerequisite names no module
    CYCLE = "cycle"  #: prerequisites loop
    STRUCTURE = "structure"  #: a page is not where or how the course expects it
    PATH = "path"  #: a learning path has no page, or two
    TIMING = "timing"  #: a timing plan is malformed or does not add up
    AGENDA = "agenda"  #: a class agenda names what is not there, or does not fit its days
    REFERENCE = "reference"  #: a module, objective or course-policy reference names nothing
    ACCESSIBILITY = "accessibility"  #: content that a screen reader cannot use (no alt text)
    QUIZ = "quiz"  #: a quiz is malformed, or its ids clash
    EXERCISE = "exercise"  #: an exercise is unknown, broken, or not where its metadata says
    CHECKER = "checker"  #: the in-page checker cannot be built into the site
    FIGURE = "figure"  #: a {chart} or {diagram} cannot be drawn from its source
    SLIDE = "slide"  #: a {slide} block has no title or is where no deck shows it
    SAFETY = "safety"  #: content that could run code, configure the build or publish a trainer file


def warn(message: str, kind: CourseWarning, location: Any = None, **kwargs: Any) -> None:
    """Log a located warning with type ``course`` and the given subtype."""
    logger.warning(message, type=WARNING_TYPE, subtype=kind.value, location=location, **kwargs)


def warn_diagnostic(
    diagnostic: Diagnostic, location: Any = None, kind: CourseWarning | None = None
) -> None:
    """Report a :class:`Diagnostic` as a Sphinx warning at its file and line."""
    if kind is None:
        kind = (
            CourseWarning(diagnostic.code) if diagnostic.code in _CODES else CourseWarning.METADATA
        )
    if location is None:
        location = f"{diagnostic.path}:{diagnostic.line}" if diagnostic.line else diagnostic.path
    warn(diagnostic.text, kind, location)


_CODES = {w.value for w in CourseWarning}
