"""Checks of each page's text: headings, images, raw HTML and scripts, links, terms.

Contributions are untrusted: nothing in a page may put markup or script into
the site, so raw HTML, the ``raw`` directive and script-like attributes are
refused (a reviewed allow-list can accept a specific case). Besides the pages,
the text the build parses into them is read too: exercise briefs and marking
notes, included files (:mod:`.untrusted`), quizzes, glossaries, titles and
options (:mod:`.readings`).
"""

from __future__ import annotations

import re
from pathlib import Path

from curriculum.core.confpy import read_conf
from curriculum.core.layout import MODULES_DIR
from curriculum.core.programme import is_module_docname, read_text
from curriculum.core.settings import CourseSettings
from curriculum.core.slides import CLASS_DECK
from curriculum.core.sources import course_pages
from curriculum.lint.figures import figure_problems
from curriculum.lint.markup import children, markup_problems
from curriculum.lint.mdscan import Block, as_directive, directive_of
from curriculum.lint.names import role_name
from curriculum.lint.problems import Problem
from curriculum.lint.readings import blocks
from curriculum.lint.slides import slide_problems
from curriculum.lint.units import unit_problems
from curriculum.lint.untrusted import file_problems, fragment_problems
from curriculum.validation.registry import all_exercises, read_exercise

_TERM_ROLE = re.compile(r"^(?:.*<(?P<target>[^>]+)>|(?P<plain>.+))$", re.DOTALL)


def page_problems(root: Path, course: CourseSettings | None = None) -> list[Problem]:
    """Every page the build reads (conf.py's patterns, :mod:`curriculum.core.sources`)."""
    course = course if course is not None else CourseSettings()
    pages: list[tuple[Path, str, str]] = []
    for page in course_pages(root):
        shown = page.relative_to(root).as_posix()
        text, _ = read_text(page, shown, "page")
        if text is not None:  # else reported with the metadata
            pages.append((page, shown, text))
    terms = glossary_terms([text for _page, _shown, text in pages], course)
    class_deck = read_conf(root).text("course_class_deck", CLASS_DECK)
    problems: list[Problem] = []
    for page, shown, text in pages:
        docname = shown.removesuffix(".md")
        parts = docname.split("/")
        # glossary links are checked in the modules' teaching pages only
        in_module = len(parts) >= 3 and parts[0] == MODULES_DIR and course.is_module_id(parts[1])
        scanned = list(blocks(text, page=True))
        problems += check_page(
            shown, text, is_module_docname(docname, course), terms if in_module else {}, scanned
        )
        problems += file_problems(root, page, shown, scanned)
        decked = is_module_docname(docname, course) or docname == class_deck
        problems += slide_problems(shown, text, decked)
        problems += figure_problems(root, page, shown, text)
        if is_module_docname(docname, course):
            problems += unit_problems(shown, text)
    return problems + exercise_text_problems(root)


def exercise_text_problems(root: Path) -> list[Problem]:
    """A brief is shown to learners in its module's page; marking notes to trainers.

    The build parses both into the page, so links in them resolve from the
    module's folder as well as their own.
    """
    problems: list[Problem] = []
    for folder in all_exercises(root):
        bases = [folder]
        exercise = read_exercise(folder)[0]
        if exercise is not None and (root / MODULES_DIR / exercise.meta.module).is_dir():
            bases.append(root / MODULES_DIR / exercise.meta.module)
        for name, trainer in (("brief.md", False), ("marking.md", True)):
            path = folder / name
            if path.is_file():
                shown = path.relative_to(root).as_posix()
                problems += fragment_problems(root, path, shown, trainer, tuple(bases))
    return problems


def glossary_terms(texts: list[str], course: CourseSettings) -> dict[str, str]:
    """Lower-cased term -> term, from every {glossary} of the course's pages, less the
    everyday words the course lists in ``course.common_words``."""
    terms: dict[str, str] = {}
    everyday = {word.lower() for word in course.common_words}
    for text in texts:
        if "glossary" not in text:
            continue
        for block in blocks(text, every_reading=False):
            directive = as_directive(block.token, block.line)
            if directive is None or directive.name != "glossary":
                continue
            for line in directive.body.splitlines():
                term = line.strip()
                if term and not line.startswith((" ", "\t")) and term.lower() not in everyday:
                    terms[term.lower()] = term
    return terms


def check_page(
    shown: str,
    text: str,
    module_page: bool,
    terms: dict[str, str],
    scanned: list[Block] | None = None,
) -> list[Problem]:
    """Headings, alt text, raw HTML, links and glossary links of one page."""
    problems: list[Problem] = []
    top_level = 1 if module_page else 0  # a module's title comes from its metadata
    previous = top_level
    tops = 0
    linked: set[str] = set()
    mentions: dict[str, int] = {}
    # a term in a heading, a definition list's term or the further reading is not
    # a use that needs a link: headings cannot hold one, and the others name things
    heading_level = 0
    reading_level: int | None = None
    previous_type = ""
    for block in scanned if scanned is not None else blocks(text, page=True):
        token, line = block.token, block.line
        problems += markup_problems(shown, block)
        if block.kind == "slide":
            problems += _directive_problems(shown, block)  # a deck shows it, not the page
            continue
        if block.kind != "text":
            continue  # titles, options, quizzes...: only what they put into the site
        if token.type == "heading_open":
            heading_level = int(token.tag[1])
            if reading_level is not None and heading_level <= reading_level:
                reading_level = None
        if token.type == "heading_open" and block.depth == 0:
            level = int(token.tag[1])
            if level == 1:
                tops += 1
                if module_page:
                    problems.append(
                        Problem(
                            shown,
                            line,
                            "heading-top",
                            "a module page has no '#' heading: its title comes from the metadata",
                            "make it '##'",
                        )
                    )
                elif tops > 1:
                    problems.append(
                        Problem(
                            shown,
                            line,
                            "heading-top",
                            "the page has a second '#' heading",
                            "keep one '#' title; make this one '##'",
                        )
                    )
            elif level > previous + 1:
                problems.append(
                    Problem(
                        shown,
                        line,
                        "heading-skip",
                        f"a level-{level} heading follows level {previous}",
                        f"use {'#' * (previous + 1)} here, or add the missing level above",
                    )
                )
            previous = level
        elif token.type == "inline":
            quiet = previous_type in ("heading_open", "dt_open") or reading_level is not None
            _terms(block, linked, mentions, {} if quiet else terms)
            if previous_type == "heading_open" and token.content.strip() == "Further reading":
                reading_level = heading_level
        previous_type = token.type
        problems += _directive_problems(shown, block)
    if not module_page and tops == 0 and text.strip():
        problems.append(
            Problem(
                shown,
                1,
                "heading-top",
                "the page has no '#' title",
                "start the page with '# Title'",
            )
        )
    for term, line in sorted(mentions.items()):
        if term not in linked:
            problems.append(
                Problem(
                    shown,
                    line,
                    "term-unlinked",
                    f"'{terms[term]}' is a glossary term but is never linked here",
                    f"write {{term}}`{terms[term]}` at its first use",
                )
            )
    return problems


def _directive_problems(shown: str, block: Block) -> list[Problem]:
    """``{only}``, and an image or figure without alt text."""
    directive = directive_of(block)
    if directive is None:
        return []
    if directive.name == "only":
        return [
            Problem(
                shown,
                block.line,
                "only-directive",
                "{only} keeps its text in every edition's files (doctrees, search index); "
                "the build removes it",
                "put trainer-only text in a {trainer-note}",
            )
        ]
    if directive.name in ("image", "figure") and not (directive.option("alt") or "").strip():
        return [
            Problem(
                shown,
                block.line,
                "image-alt",
                f"the {directive.name} has no alt text",
                "add ':alt: what the image shows'",
            )
        ]
    return []


def _terms(block: Block, linked: set[str], mentions: dict[str, int], terms: dict[str, str]) -> None:
    """Note the glossary terms this token links, and the first line that mentions each."""
    text_parts: list[str] = []
    for child, _line in children(block):
        if child.type == "myst_role" and role_name(str(child.meta.get("name", ""))) == "term":
            match = _TERM_ROLE.match(child.content.strip())
            if match:
                linked.add((match.group("target") or match.group("plain")).strip().lower())
        elif child.type == "text":
            text_parts.append(child.content)
    if terms:
        words = " ".join(text_parts)
        for lowered, term in terms.items():
            if lowered in mentions:
                continue
            flags = 0 if term.isupper() else re.IGNORECASE
            if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", words, flags):
                mentions[lowered] = block.line
