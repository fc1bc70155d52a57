"""``{exercise} ID``: an exercise folder shown in a module page.

Learners see the brief, the template (to download and as a code block), the
in-page checker (an editor holding the template, which ``course-checker.js``
turns into the checker; in print, where to check instead) with the command-line
equivalent, and the list of checks, which comes from the
validator's own rules so the page cannot drift from the code. Trainers also
see the model answer and the marking notes, in trainer-only blocks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from curriculum.ext.config import get_config
from curriculum.ext.domain import get_domain
from curriculum.ext.editions import is_trainer, trainer_block
from curriculum.ext.latex import environment
from curriculum.ext.latexforms import printed_template, setup_forms
from curriculum.ext.nodes import (
    artefact_download,
    checker_block,
    checker_editor,
    checker_print,
    checker_screen,
    exercise_block,
)
from curriculum.ext.warnings import CourseWarning, warn, warn_diagnostic
from curriculum.validation.registry import (
    EXERCISES_DIR,
    ExerciseFolder,
    all_exercises,
    find_exercise,
    load_validator,
    read_exercise,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class ExerciseDirective(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        exercise_id = self.arguments[0]
        location = (self.env.docname, self.lineno)
        root = Path(self.env.srcdir)
        found = find_exercise(root, exercise_id)  # an id never leads out of exercises/
        folder = found or root / EXERCISES_DIR / "-"
        if found is None:
            known = ", ".join(p.name for p in all_exercises(root)) or "none yet"
            warn(
                f"unknown exercise '{exercise_id}' (exercises: {known}; each is a folder "
                f"under {EXERCISES_DIR}/ with an exercise.yaml)",
                CourseWarning.EXERCISE,
                location,
            )
            get_domain(self.env).note_exercise(self.env.docname, exercise_id, self.lineno, "", [])
            return []
        # the validator's modules too (a long one keeps schema.py beside it); a missing
        # dependency would re-read the page on every build, so only files that exist
        names = ["exercise.yaml", "brief.md", "marking.md", "case.yaml"]
        for path in [*(folder / n for n in names), *sorted(folder.glob("*.py"))]:
            if path.is_file():
                self.env.note_dependency(str(path))
        exercise, problems = read_exercise(folder, str(folder / "exercise.yaml"))
        for problem in problems:
            warn_diagnostic(problem, f"{problem.path}:{problem.line or 1}", CourseWarning.EXERCISE)
        if exercise is None:
            return []
        for path in (exercise.template, exercise.solution):
            self.env.note_dependency(str(path))
        try:
            validator = load_validator(exercise)
        except Exception as err:  # a broken validator is a contributor error, not a crash
            warn(
                f"the validator of exercise '{exercise_id}' cannot be loaded "
                f"({type(err).__name__}: {err})",
                CourseWarning.EXERCISE,
                f"{exercise.validator}:1",
            )
            return []
        get_domain(self.env).note_exercise(
            self.env.docname,
            exercise.id,
            self.lineno,
            exercise.meta.module,
            list(exercise.meta.objectives),
            exercise.meta.title,
        )
        out: list[nodes.Node] = [self._render(exercise, validator.checks, validator.fields())]
        if is_trainer(self.env):
            # beside the exercise, not inside it: a printed box cannot break inside another
            out.extend(self._trainer_blocks(exercise))
        return out

    def _parse_file(self, path: Path) -> list[nodes.Node]:
        text = path.read_text(encoding="utf-8-sig")
        container = nodes.container()
        self.state.nested_parse(StringList(text.splitlines(), source=str(path)), 0, container)
        # MyST numbers the parsed lines from this directive's line: point them at the file,
        # so a later check (raw HTML in a brief, say) names brief.md and its line
        for node in container.findall(nodes.Element):
            node.source = str(path)
            if node.line is not None:
                node.line = max(1, node.line - self.lineno)
        return list(container.children)

    def _render(
        self,
        exercise: ExerciseFolder,
        checks: list[tuple[str, str]],
        fields: list[tuple[str, str, bool]],
    ) -> exercise_block:
        meta = exercise.meta
        node = exercise_block(ids=[f"exercise-{meta.id}"], classes=["course-exercise"])
        node["exercise"] = meta.id
        self.set_source_info(node)
        title = f"Exercise: {meta.title}"
        heading = nodes.rubric(title, title, classes=["course-exercise-title"])
        heading["heading-level"] = 3
        node += heading
        brief = self._parse_file(exercise.brief)
        for part in brief:
            if isinstance(part, nodes.Element):
                part["course_brief"] = True  # the trainer's deck shows the brief alone
        node.extend(brief)

        template = exercise.template.read_text(encoding="utf-8-sig")
        relative = f"/{EXERCISES_DIR}/{meta.id}/{exercise.template.name}"
        link = artefact_download(
            "",
            "",
            nodes.literal(meta.artefact, meta.artefact),
            reftarget=relative,
            refdoc=self.env.docname,
            refexplicit=True,
            saveas=meta.artefact,
        )
        node += nodes.paragraph(
            "",
            "",
            nodes.strong("Your file: ", "Your file: "),
            nodes.Text("download the template as "),
            link,
            nodes.Text(" (or copy it from below), fill it in, and save it."),
        )
        block = nodes.literal_block(
            template, template, language=meta.format, classes=["course-template"]
        )
        caption = f"Template: {meta.artefact}"
        wrapper = nodes.container(
            "",
            nodes.caption(caption, caption),
            block,
            literal_block=True,
            classes=["literal-block-wrapper"],
        )
        node.extend(printed_template(wrapper, template, meta.artefact, meta.format))

        node += self._checker(exercise, template)

        node += nodes.paragraph("", "", nodes.strong("What is checked", "What is checked"))
        checked = nodes.bullet_list(classes=["course-checks"])
        required = [name for name, _d, req in fields if req]
        optional = [name for name, _d, req in fields if not req]
        shape = (
            "The file has the template's shape: every required field filled in "
            f"({', '.join(required)}) with the right kind of value"
        )
        shape += f"; optional: {', '.join(optional)}." if optional else "."
        checked += nodes.list_item("", nodes.paragraph("", shape))
        for code, description in checks:
            checked += nodes.list_item(
                "",
                nodes.paragraph("", "", nodes.Text(description + " "), nodes.literal(code, code)),
            )
        node += checked
        if meta.review:
            node += nodes.paragraph(
                "",
                "",
                nodes.strong("A reviewer will also look at", "A reviewer will also look at"),
                nodes.Text(
                    " (no code can judge these; a pass means that nothing the checker can "
                    "see is wrong):"
                ),
            )
            questions = nodes.bullet_list(classes=["course-review"])
            for question in meta.review:
                questions += nodes.list_item("", nodes.paragraph("", question))
            node += questions
        return node

    def _checker(self, exercise: ExerciseFolder, template: str) -> checker_block:
        """The in-page checker (HTML) and, in print, where to check the file."""
        meta = exercise.meta
        command = f"curriculum check {meta.id} {meta.artefact}"
        block = checker_block(
            exercise=meta.id, artefact=meta.artefact, format=meta.format, module=meta.module
        )
        screen = checker_screen()
        screen += nodes.paragraph(
            "",
            "",
            nodes.strong("Check your work here: ", "Check your work here: "),
            nodes.Text(
                f"edit your {meta.artefact} below (it starts as the template), or open it "
                "from your computer, then select Check my file. The course's own checker "
                "runs in this page: what you write stays in this browser, which keeps your "
                "draft as you type. "
            ),
            *self._help_link(),
            classes=["course-checker-intro"],
        )
        screen += checker_editor(template=template, exercise=meta.id, artefact=meta.artefact)
        screen += nodes.paragraph(
            "",
            "",
            nodes.Text("On the command line: "),
            nodes.literal(command, command),
            classes=["course-checker-cli"],
        )
        printed = checker_print()
        printed += nodes.paragraph(
            "",
            "",
            nodes.strong("Check your work: ", "Check your work: "),
            nodes.Text(
                "this module's page in the course site checks your file in the page, online "
                "or from the offline copy, and explains every problem it finds. On the "
                "command line: "
            ),
            nodes.literal(command, command),
            nodes.Text(". "),
            *self._help_link(printed=True),
        )
        block += screen
        block += printed
        return block

    def _help_link(self, printed: bool = False) -> list[nodes.Node]:
        """ "How to check your work", linked when the course has that page; on paper
        its title is set in italics (a handout does not hold the page itself)."""
        page = get_config(self.env).checking_page
        if page not in self.env.found_docs:
            return []
        text = "How to check your work"
        reference = addnodes.pending_xref(
            "",
            nodes.emphasis(text, text) if printed else nodes.inline(text, text),
            refdomain="std",
            reftype="doc",
            reftarget="/" + page,
            refexplicit=True,
            refwarn=True,
            refdoc=self.env.docname,
        )
        if printed:
            return [nodes.Text("The course page "), reference, nodes.Text(" says how.")]
        return [nodes.Text("See "), reference, nodes.Text(".")]

    def _trainer_blocks(self, exercise: ExerciseFolder) -> list[nodes.Node]:
        meta = exercise.meta
        solution = exercise.solution.read_text(encoding="utf-8-sig")
        blocks: list[nodes.Node] = [
            trainer_block(
                f"Model answer: {meta.artefact}",
                "course-solution",
                nodes.literal_block(solution, solution, language=meta.format),
            )
        ]
        if exercise.marking.is_file():
            blocks.append(
                trainer_block(
                    "Marking notes", "course-marking", *self._parse_file(exercise.marking)
                )
            )
        return blocks


# --- visitors ----------------------------------------------------------------------------


def _visit_block_html(self: Any, node: exercise_block) -> None:
    self.body.append(self.starttag(node, "section", **{"data-exercise": node["exercise"]}))


def _depart_block_html(self: Any, node: exercise_block) -> None:
    self.body.append("</section>\n")


def _visit_download_html(self: Any, node: artefact_download) -> None:
    import posixpath
    import urllib.parse

    href = posixpath.join(self.builder.dlpath, urllib.parse.quote(node["filename"]))
    self.body.append(
        f'<a class="reference download internal" download="{node["saveas"]}" href="{href}">'
    )


def _depart_download_html(self: Any, node: artefact_download) -> None:
    self.body.append("</a>")


def _pass(self: Any, node: nodes.Element) -> None:
    pass


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def _visit_checker_html(self: Any, node: checker_block) -> None:
    attributes = {f"data-{key}": node[key] for key in ("exercise", "artefact", "format", "module")}
    self.body.append(self.starttag(node, "div", CLASS="course-checker", **attributes))


def _depart_checker_html(self: Any, node: checker_block) -> None:
    self.body.append("</div>\n")


def _visit_editor_html(self: Any, node: checker_editor) -> None:
    identifier = f"course-checker-{node['exercise']}"
    label = f"Your {node['artefact']}"
    self.body.append(
        f'<label class="course-checker-label" for="{identifier}">{self.encode(label)}</label>\n'
        f'<textarea class="course-checker-text" id="{identifier}" rows="20" spellcheck="false" '
        f'autocapitalize="off" autocomplete="off">'
        f"{self.encode(node['template'])}</textarea>\n"
    )
    raise nodes.SkipNode


def setup_exercise(app: Sphinx) -> None:
    app.add_directive("exercise", ExerciseDirective)
    setup_forms(app)
    passthrough: dict[str, Any] = {
        fmt: (_pass, _pass) for fmt in ("latex", "text", "man", "texinfo")
    }
    app.add_node(
        exercise_block,
        html=(_visit_block_html, _depart_block_html),
        **{**passthrough, "latex": environment("courseexercise", titled=True)},
    )
    app.add_node(
        artefact_download, html=(_visit_download_html, _depart_download_html), **passthrough
    )
    printed: dict[str, Any] = {fmt: (_pass, _pass) for fmt in passthrough}
    skipped: dict[str, Any] = {fmt: (_skip, _pass) for fmt in passthrough}
    app.add_node(checker_block, html=(_visit_checker_html, _depart_checker_html), **printed)
    app.add_node(checker_screen, html=(_pass, _pass), **skipped)
    app.add_node(checker_print, html=(_skip, _pass), **printed)
    app.add_node(checker_editor, html=(_visit_editor_html, _pass), **skipped)
