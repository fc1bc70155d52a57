"""The course's Sphinx settings (``course_*`` in conf.py) as one validated dataclass."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from curriculum.core.slides import CLASS_DECK, DECK_TAG
from curriculum.ext.domain import get_domain
from curriculum.ext.warnings import CourseWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

Edition = Literal["learner", "trainer"]
EDITIONS: tuple[str, ...] = ("learner", "trainer")


@dataclass(frozen=True)
class CourseConfig:
    """Settings read from ``conf.py``; each field is ``course_<name>`` there."""

    #: ``learner`` leaves every trainer-only block out of every output file;
    #: ``trainer`` keeps them, inside elements with the CSS class ``trainer-only``.
    edition: Edition = "learner"
    #: the vocabulary file, relative to the folder holding conf.py
    programme_file: str = "programme.yaml"
    #: name of the course, shown in page headers
    title: str = "Course"
    #: file name of the printed book: <slug>.pdf and <slug>-trainer.pdf
    slug: str = "course"
    #: the page whose toctrees make the printed book
    print_root: str = "modules/programme/book"
    #: the repository's web address, for "Edit this page" links (empty: no links)
    repository_url: str = ""
    #: the branch those links edit
    repository_branch: str = "main"
    #: the licence line of every page footer and of the PDF cover (empty: none)
    licence: str = ""
    #: the page "How to check your work" that every exercise points to (if it exists)
    checking_page: str = "modules/programme/checking"
    #: the class deck's page (opening, agenda, case organisation, close): read only by
    #: the deck build (``curriculum slides``), left out of the site and the PDFs
    class_deck: str = CLASS_DECK

    @classmethod
    def from_sphinx(cls, config: Config) -> CourseConfig:
        """Read and check the settings; a bad one is reported and replaced by its default.

        Sphinx prints a traceback for a raised ConfigError, so problems are
        warnings (fatal under ``-W``) and the safe default is used: a mistyped
        edition builds the learner edition, which never holds trainer content.
        """
        values: dict[str, Any] = {}
        for f in fields(cls):
            value = getattr(config, f"course_{f.name}")
            problem = ""
            if f.name == "edition" and value not in EDITIONS:
                problem = "use 'learner' or 'trainer' (e.g. sphinx-build -D course_edition=trainer)"
            elif f.name == "licence" and isinstance(value, str):
                pass  # may be empty
            elif f.name == "repository_url" and isinstance(value, str):
                if value and not value.startswith("https://"):
                    problem = "use an https:// address, or leave it empty"
            elif not isinstance(value, str) or not value.strip():
                problem = "it must be a non-empty string"
            if problem:
                warn(
                    f"course_{f.name} is {value!r}; {problem}; building with {f.default!r}",
                    CourseWarning.CONFIG,
                    once=True,
                )
                value = f.default
            values[f.name] = value
        return cls(**values)

    @property
    def is_trainer(self) -> bool:
        return self.edition == "trainer"

    def programme_path(self, confdir: str | Path) -> Path:
        return Path(confdir) / self.programme_file


def setup_config(app: Sphinx) -> None:
    # the edition changes what is read, so a change must re-read every document
    app.add_config_value("course_edition", "learner", "env", types=frozenset({str}))
    app.add_config_value("course_programme_file", "programme.yaml", "env", types=frozenset({str}))
    app.add_config_value("course_title", "Course", "html", types=frozenset({str}))
    app.add_config_value("course_slug", "course", "env", types=frozenset({str}))
    app.add_config_value(
        "course_print_root", "modules/programme/book", "env", types=frozenset({str})
    )
    app.add_config_value("course_repository_url", "", "html", types=frozenset({str}))
    app.add_config_value("course_licence", "", "env", types=frozenset({str}))
    app.add_config_value("course_repository_branch", "main", "html", types=frozenset({str}))
    app.add_config_value(
        "course_checking_page", "modules/programme/checking", "env", types=frozenset({str})
    )
    app.add_config_value("course_class_deck", CLASS_DECK, "env", types=frozenset({str}))
    app.connect("config-inited", _validate)


#: MyST extensions the course's own syntax needs: trainer-only blocks are written
#: ``:::{trainer-note}``; without colon fences they would print as text
REQUIRED_MYST_EXTENSIONS = ("colon_fence",)


def require_myst_settings(config: Config) -> None:
    """Turn on what the course's pages rely on, whatever conf.py says: colon fences,
    and the page title taken from front matter (a module's title is its metadata's,
    so its first ``##`` heading is a section, not a second title)."""
    enabled = config.myst_enable_extensions
    missing = [name for name in REQUIRED_MYST_EXTENSIONS if name not in enabled]
    if missing:
        config.myst_enable_extensions = [*enabled, *missing]
    config.myst_title_to_header = True


def _validate(app: Sphinx, config: Config) -> None:
    require_myst_settings(config)
    course = CourseConfig.from_sphinx(config)
    if not app.tags.has(DECK_TAG):
        # the class deck is slides only: no page of the site or the books shows it
        config.exclude_patterns = [*config.exclude_patterns, f"{course.class_deck}.md"]
    # the "show source" copies are raw sources: trainer-only blocks (which the learner
    # edition must not hold) and {slide} blocks (which only the decks show) included
    config.html_copy_source = False
    config.html_show_sourcelink = False
    if config.html_theme == "course":
        config.html_additional_pages = {"404": "course-404.html", **config.html_additional_pages}


def get_config(owner: Any) -> CourseConfig:
    """The validated settings, for an application or an environment: the course
    domain holds them from ``builder-inited`` on (:func:`note_settings`); before
    that (while conf.py is being read) they are read from the config."""
    env = getattr(owner, "env", None) or owner
    domains = getattr(env, "domains", None)
    if domains is not None:
        try:
            settings = get_domain(env).settings
        except KeyError:
            settings = None
        if isinstance(settings, CourseConfig):
            return settings
    return CourseConfig.from_sphinx(owner.config)


def note_settings(app: Sphinx) -> None:
    """``builder-inited``: validate once and keep the result in the course domain."""
    get_domain(app.env).note_settings(CourseConfig.from_sphinx(app.config))
