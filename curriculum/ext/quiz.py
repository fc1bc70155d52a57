"""``{quiz}``: questions with feedback on every option.

Every builder gets numbered questions with lettered options, built from
standard nodes. HTML turns them into a form (radio buttons or check boxes, a
"Check answer" button, feedback per chosen option) through a post-transform;
other formats drop the feedback, which would give the answers away on paper.

Quizzes are self-checks, not assessment: the page's script needs to know which
options are right to give feedback offline, so each option says so in
``data-right``, and anyone who reads the page source can see the answers.
Hiding them (a hash, say) would only pretend otherwise, since the feedback on
each option gives the answer away too. The readable answer key, with its
explanations, is a trainer-only block; learners' work is assessed through the
exercises' artefacts and ``curriculum grade``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from curriculum.core.quizzes import QUIZ_ID, Quiz, QuizQuestion, parse_quiz
from curriculum.ext.domain import get_domain
from curriculum.ext.editions import content_line, is_trainer, trainer_block
from curriculum.ext.latex import environment
from curriculum.ext.nodes import (
    quiz,
    quiz_choice,
    quiz_controls,
    quiz_feedback,
    quiz_label,
    quiz_legend,
    quiz_question,
    write_in,
)
from curriculum.ext.warnings import CourseWarning, warn, warn_diagnostic

if TYPE_CHECKING:
    from sphinx.application import Sphinx

LETTERS = "ABCDEFGH"


#: characters that can start inline Markdown, a role or an HTML entity
_MARKUP = re.compile(r"[*_`\[\]{}<>\\&$~!|\n]|https?://|www\.")


class QuizDirective(SphinxDirective):
    """``{quiz} ID`` with a YAML list of questions as its body."""

    required_arguments = 1
    has_content = True
    #: the heading the quiz shows (a unit's quick check has its own)
    heading = "Quiz: check your understanding"

    def run(self) -> list[nodes.Node]:
        quiz_id = self.arguments[0]
        location = (self.env.docname, self.lineno)
        if not re.match(QUIZ_ID, quiz_id):
            warn(
                f"quiz id '{quiz_id}' has the wrong form (use lower-case words and hyphens, "
                "e.g. rel-01-check)",
                CourseWarning.QUIZ,
                location,
            )
            return []
        return self.quiz_nodes(quiz_id)

    def quiz_nodes(self, quiz_id: str) -> list[nodes.Node]:
        """The quiz ``quiz_id`` from the body (and, for trainers, its answer key)."""
        source = self.get_source_info()[0]
        parsed, problems = parse_quiz("\n".join(self.content), content_line(self), source)
        for problem in problems:
            warn_diagnostic(problem, (self.env.docname, problem.line), CourseWarning.QUIZ)
        if parsed is None:
            return []
        objectives = sorted({q.objective for q in parsed.questions if q.objective})
        get_domain(self.env).note_quiz(
            self.env.docname, quiz_id, self.lineno, len(parsed.questions), objectives
        )
        get_domain(self.env).note_quiz_answers(
            self.env.docname,
            quiz_id,
            [
                (q.question, q.type, [(o.text, o.correct, o.feedback) for o in q.options])
                for q in parsed.questions
            ],
        )
        out: list[nodes.Node] = [self._render(quiz_id, parsed)]
        if is_trainer(self.env):
            # beside the quiz, not inside it: a printed box cannot break inside another
            out.append(self._key(parsed))
        return out

    def _inline(self, text: str) -> list[nodes.Node]:
        if not _MARKUP.search(text):
            # plain words need no parser: a quiz holds dozens of prompts, options and
            # feedback texts, and parsing each one was the directive's main cost
            return [nodes.Text(text)]
        textnodes, messages = self.parse_inline(text, lineno=self.lineno)
        return [*textnodes, *messages]

    def _render(self, quiz_id: str, parsed: Quiz) -> quiz:
        node = quiz(ids=[f"quiz-{quiz_id}"], classes=["course-quiz"])
        node["quiz"] = quiz_id
        self.set_source_info(node)
        title = nodes.rubric("", self.heading, classes=["course-quiz-title"])
        node += title
        questions = nodes.enumerated_list(enumtype="arabic", classes=["course-quiz-questions"])
        for question in parsed.questions:
            questions += nodes.list_item("", self._question(quiz_id, question))
        node += questions
        return node

    def _question(self, quiz_id: str, question: QuizQuestion) -> quiz_question:
        node = quiz_question(ids=[f"quiz-{quiz_id}-{question.id}"])
        node["quiz"], node["question"], node["kind"] = quiz_id, question.id, question.type
        prompt = nodes.paragraph("", "", *self._inline(question.question))
        if question.type == "multiple":
            hint = "(choose every right answer)"
            prompt += [nodes.Text(" "), nodes.emphasis(hint, hint)]
        node += prompt
        # explicit letters: the answer key names them, and not every builder letters lists
        options = nodes.bullet_list(classes=["course-quiz-options"])
        for index, option in enumerate(question.options):
            letter = nodes.strong(
                f"{LETTERS[index]}.", f"{LETTERS[index]}.", classes=["course-quiz-letter"]
            )
            paragraph = nodes.paragraph("", "", letter, nodes.Text(" "), *self._inline(option.text))
            item = nodes.list_item("", paragraph)
            item["right"] = option.correct
            item += quiz_feedback("", nodes.paragraph("", "", *self._inline(option.feedback)))
            options += item
        node += options
        return node

    def _key(self, parsed: Quiz) -> nodes.Element:
        items = nodes.enumerated_list(enumtype="arabic")
        for question in parsed.questions:
            right = [i for i, o in enumerate(question.options) if o.correct]
            letters = ", ".join(LETTERS[i] for i in right)
            paragraph = nodes.paragraph("", "", nodes.strong(letters, letters))
            for i in right:
                paragraph += nodes.Text(" ")
                paragraph.extend(self._inline(question.options[i].feedback))
            items += nodes.list_item("", paragraph)
        return trainer_block("Answer key", "course-quiz-key", items)


class QuizFeedbackRemoval(SphinxPostTransform):
    """Outside HTML, feedback would print the answers next to the questions."""

    default_priority = 199

    def is_supported(self) -> bool:
        return self.env._builder_cls.format != "html"

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(quiz_feedback)):
            node.parent.remove(node)


class QuizAnswerLines(SphinxPostTransform):
    """In the printed workbook, a line under each question to write the answer on
    (its feedback is in the answers at the back); the trainer guide has the key."""

    default_priority = 200
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        if is_trainer(self.env):
            return
        for question in list(self.document.findall(quiz_question)):
            label = "Your answer: "
            question += nodes.paragraph(
                "", "", nodes.Text(label), write_in(width=6), classes=["course-quiz-write"]
            )


class QuizHtmlTransform(SphinxPostTransform):
    """Turn each question into a form: legend, inputs with labels, feedback, a button."""

    default_priority = 199
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for question in list(self.document.findall(quiz_question)):
            prompt, options = question.children[0], question.children[1]
            assert isinstance(prompt, nodes.paragraph) and isinstance(options, nodes.Element)
            rebuilt = quiz_question(**question.attributes)
            rebuilt += quiz_legend("", "", *prompt.children)
            for index, item in enumerate(options.children):
                assert isinstance(item, nodes.list_item)
                choice = quiz_choice(
                    index=index,
                    right=item["right"],
                    kind=question["kind"],
                    quiz=question["quiz"],
                    question=question["question"],
                )
                # the form shows its own letter beside the input
                choice += quiz_label("", "", *item.children[0].children[2:])
                choice.extend(n for n in item.children[1:] if isinstance(n, quiz_feedback))
                rebuilt += choice
            rebuilt += quiz_controls()
            question.replace_self(rebuilt)


# --- HTML visitors -------------------------------------------------------------------


def _visit_quiz_html(self: Any, node: quiz) -> None:
    data = {"data-quiz": node["quiz"]}
    if node.get("unit"):  # a unit's quick check: the progress script records the unit
        data.update({"data-unit": str(node["unit"]), "data-module": node["module"]})
    self.body.append(self.starttag(node, "section", **data))


def _depart_section(self: Any, node: nodes.Element) -> None:
    self.body.append("</section>\n")


def _visit_question_html(self: Any, node: quiz_question) -> None:
    self.body.append(
        self.starttag(node, "fieldset", CLASS="course-quiz-question", **{"data-kind": node["kind"]})
    )


def _depart_question_html(self: Any, node: quiz_question) -> None:
    self.body.append("</fieldset>\n")


def _visit_legend(self: Any, node: quiz_legend) -> None:
    self.body.append("<legend>")


def _depart_legend(self: Any, node: quiz_legend) -> None:
    self.body.append("</legend>\n")


def _input_id(node: nodes.Element) -> str:
    return f"quiz-{node['quiz']}-{node['question']}-{node['index']}"


def _visit_choice(self: Any, node: quiz_choice) -> None:
    kind = "radio" if node["kind"] == "single" else "checkbox"
    letter = LETTERS[node["index"]]
    self.body.append(
        f'<div class="course-quiz-option"><input type="{kind}" id="{_input_id(node)}" '
        f'name="quiz-{node["quiz"]}-{node["question"]}" value="{node["index"]}" '
        f'data-right="{"true" if node["right"] else "false"}" />'
        f'<span class="course-quiz-letter" aria-hidden="true">{letter}</span>'
    )


def _depart_div(self: Any, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def _visit_label(self: Any, node: quiz_label) -> None:
    self.body.append(f'<label for="{_input_id(node.parent)}">')


def _depart_label(self: Any, node: quiz_label) -> None:
    self.body.append("</label>")


def _visit_feedback_html(self: Any, node: quiz_feedback) -> None:
    self.body.append('<div class="course-quiz-feedback" hidden>')


def _visit_controls(self: Any, node: quiz_controls) -> None:
    self.body.append(
        '<div class="course-quiz-controls"><button type="button" class="course-quiz-check">'
        'Check answer</button><p class="course-quiz-result" role="status" aria-live="polite">'
        "</p></div>\n"
    )
    raise nodes.SkipNode


def _visit_write_in_latex(self: Any, node: write_in) -> None:
    self.body.append(rf"\rule[-2pt]{{{int(node['width'])}em}}{{0.4pt}}")
    raise nodes.SkipNode


def _pass(self: Any, node: nodes.Element) -> None:
    pass


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_quiz(app: Sphinx) -> None:
    app.add_directive("quiz", QuizDirective)
    other = ("latex", "text", "man", "texinfo")
    passthrough: dict[str, Any] = {fmt: (_pass, _pass) for fmt in other}
    dropped: dict[str, Any] = {fmt: (_skip, None) for fmt in other}
    app.add_node(
        quiz,
        html=(_visit_quiz_html, _depart_section),
        **{**passthrough, "latex": environment("coursequiz", titled=True)},
    )
    app.add_node(quiz_question, html=(_visit_question_html, _depart_question_html), **passthrough)
    app.add_node(quiz_feedback, html=(_visit_feedback_html, _depart_div), **dropped)
    app.add_node(quiz_legend, html=(_visit_legend, _depart_legend))
    app.add_node(quiz_choice, html=(_visit_choice, _depart_div))
    app.add_node(quiz_label, html=(_visit_label, _depart_label))
    app.add_node(quiz_controls, html=(_visit_controls, None))
    app.add_post_transform(QuizFeedbackRemoval)
    app.add_post_transform(QuizHtmlTransform)
    app.add_post_transform(QuizAnswerLines)
    skipped: dict[str, Any] = {f: (_skip, None) for f in ("html", "text", "man", "texinfo")}
    app.add_node(write_in, latex=(_visit_write_in_latex, None), **skipped)
