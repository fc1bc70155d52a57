"""What lint reports: every check's code, severity and description, and :class:`Problem`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from curriculum.core.slides import MAX_BULLETS, MAX_WORDS

Severity = Literal["error", "warning"]

#: every check: code -> (severity, what it checks). The contributor guide lists these.
CHECKS: dict[str, tuple[Severity, str]] = {
    "metadata": (
        "error",
        "module metadata and the vocabulary follow the model (fields, "
        "types, known tracks, audiences, values, prerequisites, no cycles)",
    ),
    "objective-verb": (
        "error",
        "every objective starts with an observable verb, not 'understand', 'know' or 'learn about'",
    ),
    "objective-unassessed": (
        "error",
        "every objective is assessed by the module's exercise or by a quiz question",
    ),
    "exercise-incomplete": (
        "error",
        "an exercise folder has its metadata, brief, template, "
        "solution, validator and pass and fail cases, each fail "
        "case with its .expected",
    ),
    "timing-plan": ("error", "the trainer timing plan adds up to the module's duration"),
    "quiz": (
        "error",
        "quizzes are well formed: one right answer for single choice, feedback on every option",
    ),
    "heading-top": (
        "error",
        "a page has one top heading (a module page none: its title comes from the metadata)",
    ),
    "heading-skip": ("error", "heading levels go down one at a time (no ## to ####)"),
    "image-alt": ("error", "every image has alt text"),
    "raw-html": ("error", "no raw HTML in pages: write Markdown or use a directive"),
    "script": (
        "error",
        "no <script>, <iframe> or on...= event handlers anywhere: pages, titles, options, "
        "quizzes, glossaries, tables, exercise briefs and marking notes, included files",
    ),
    "raw-directive": (
        "error",
        "no raw directive in any spelling ({RAW} too), nor a role built on raw: "
        "they would pass anything into the site",
    ),
    "eval-rst": (
        "error",
        "no {eval-rst}: it passes reStructuredText, raw HTML included, past the checks",
    ),
    "unsafe-url": (
        "error",
        "no javascript:, vbscript: or data: URL (however disguised) in a link, an image, "
        "a toctree entry, a role target or a directive option such as a card's :link:",
    ),
    "include-outside": (
        "error",
        "an include, literalinclude (and its :diff:), csv-table :file:, image, download or "
        "link to a file stays inside the repository; no :url: that fetches while building",
    ),
    "trainer-file": (
        "error",
        "an exercise's solution, marking notes, case data and cases are named only inside "
        "{trainer-note}, {solution} or {timing-plan}: learners would get the answers",
    ),
    "myst-config": (
        "error",
        "a page's front matter does not set myst, html_meta, substitutions, jupytext or "
        "kernelspec, which change how the page is read",
    ),
    "symlink": (
        "error",
        "no symbolic link under modules/ or exercises/ that loops, leaves the repository, "
        "or (under modules/) leads out of modules/: the build skips it",
    ),
    "only-directive": (
        "error",
        "no {only}: it keeps its text in every edition's files; use {trainer-note}",
    ),
    "fenced-div": (
        "error",
        "no fenced div of another lesson format (Carpentries or Pandoc ::: instructor, "
        "::: solution, ::: challenge…): MyST would show it to every learner",
    ),
    "trainer-text": (
        "error",
        "a {trainer-note}, {solution} or {timing-plan} is opened so that MyST reads it "
        "(:::{trainer-note}); otherwise its content prints as text",
    ),
    "module-words": (
        "error",
        "a module page teaches at least course.policy.min_words words (its own text: "
        "not quizzes, briefs, trainer notes, model answers or code); a warning while "
        "the module is a draft",
    ),
    "quiz-size": (
        "error",
        "each module has a quiz of at least course.policy.quiz_questions questions; a "
        "warning while the module is a draft",
    ),
    "module-exercise": (
        "error",
        "each module shows an exercise, when course.policy.exercise_required; a warning "
        "while the module is a draft",
    ),
    "exercise-cases": (
        "error",
        "an exercise has course.policy.pass_cases pass and fail_cases fail cases, a schema "
        "case when schema_fail_case, and a fail case for every rule when every_rule_failed; "
        "a warning while the exercise's module is a draft",
    ),
    "trainer-material": (
        "error",
        "a module page has a {trainer-note} and a {solution} (course.policy.trainer_material); "
        "a warning while the module is a draft",
    ),
    "skeleton-text": (
        "error",
        "no sentence left from the skeletons of curriculum new (each says 'Replace this') "
        "in a module's pages or an exercise's files; a warning while the module is a draft "
        "(draft: true), which the build does not refuse",
    ),
    "slide": (
        "error",
        "a {slide} has a title, holds no {trainer-note}, {solution} or {timing-plan} (a slide "
        "is projected to learners) and is on a page that becomes a deck: a module's index.md "
        "or the class deck page",
    ),
    "slide-size": (
        "warning",
        f"a {{slide}} holds at most {MAX_BULLETS} bullets and {MAX_WORDS} words, title "
        "included: it is read from across a room",
    ),
    "figure-alt": (
        "error",
        "every {chart}, {diagram}, {figure} and {image} has :alt: text saying what it shows",
    ),
    "figure-source": (
        "error",
        "a {chart} or {diagram} names its source file beside the page (.yaml or .dot), and a "
        "chart's file loads with every number it reads from the course",
    ),
    "unit-size": (
        "warning",
        "a unit (the teaching up to a {unit-check}, from the previous one) reads in at most "
        "18 minutes: a learner takes it between two tickets",
    ),
    "http-link": ("error", "every link uses https, not http"),
    "term-unlinked": (
        "warning",
        "a glossary term used on a page is linked with {term} at least once",
    ),
}


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    code: str
    message: str
    hint: str = ""
    #: "error" or "warning" when the course's policy sets it; else the check's own
    level: str = ""

    @property
    def severity(self) -> Severity:
        if self.level in ("error", "warning"):
            return "warning" if self.level == "warning" else "error"
        return CHECKS.get(self.code, ("error", ""))[0]

    def __str__(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.path}:{self.line}: {self.code} {self.message}{hint}"

    def annotation(self) -> str:
        """The GitHub Actions form, shown on the pull request's changed lines."""
        level = "error" if self.severity == "error" else "warning"
        text = f"{self.message} ({self.hint})" if self.hint else self.message
        # workflow-command escaping: page text quoted in a message cannot end the
        # annotation and start another command (a line break followed by '::')
        return (
            f"::{level} file={_property(self.path)},line={self.line},"
            f"title={_property(self.code)}::{_data(text)}"
        )


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
