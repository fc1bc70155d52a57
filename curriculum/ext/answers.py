"""``{quiz-answers}``: every quiz's answers and feedback, for the back of the workbook.

On the site a learner answers a quiz in the page and reads the feedback on every
option; on paper the questions print without it (it would give the answers away
beside them). The workbook gathers it at the back instead, module by module in
the course's order: for each question the right letter or letters, then why each
option is right or wrong. The directive is a generated page's placeholder, filled
from what each ``{quiz}`` noted in the course domain, so the page follows the
quizzes without being edited.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes

from curriculum.ext.generated import GeneratedDirective

if TYPE_CHECKING:
    from curriculum.ext.generated import Context

LETTERS = "ABCDEFGH"
#: the inline markup quiz texts use: ``code``, **strong**, *emphasis*, {role}`text`
_INLINE = re.compile(r"\{[a-z:-]+\}`([^`]+)`|`([^`]+)`|\*\*([^*]+)\*\*|\*([^*]+)\*")


class QuizAnswersDirective(GeneratedDirective):
    """``{quiz-answers}``: a section per module with its quizzes' answers."""

    kind = "quiz-answers"


def inline(text: str) -> list[nodes.Node]:
    """A quiz text's inline markup as nodes (a role keeps only its text: its target
    is in another page)."""
    out: list[nodes.Node] = []
    last = 0
    for match in _INLINE.finditer(text):
        out.append(nodes.Text(text[last : match.start()]))
        role, code, strong, emphasis = match.groups()
        if role is not None:
            shown = re.sub(r"\s*<[^>]*>$", "", role)  # {term}`words <target>`
            out.append(nodes.Text(shown))
        elif code is not None:
            out.append(nodes.literal(code, code))
        elif strong is not None:
            out.append(nodes.strong(strong, strong))
        else:
            out.append(nodes.emphasis(emphasis, emphasis))
        last = match.end()
    out.append(nodes.Text(text[last:]))
    return [n for n in out if not (isinstance(n, nodes.Text) and not str(n))]


def _question(number: int, question: str, options: list[Any]) -> nodes.list_item:
    right = [LETTERS[i] for i, (_text, correct, _feedback) in enumerate(options) if correct]
    answer = ", ".join(right)
    item = nodes.list_item()
    item += nodes.paragraph(
        "",
        "",
        nodes.emphasis("", "", *inline(question)),
        nodes.Text(" Answer: "),
        nodes.strong(answer, answer),
    )
    reasons = nodes.bullet_list(classes=["course-answers-options"])
    for index, (_text, correct, feedback) in enumerate(options):
        label = f"{LETTERS[index]}{' (right)' if correct else ''}: "
        reasons += nodes.list_item(
            "", nodes.paragraph("", "", nodes.strong(label, label), *inline(feedback))
        )
    item += reasons
    return item


def _answers(ctx: Context, node: nodes.Element) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for record in ctx.domain.records(ctx.programme):
        quizzes = ctx.domain.quiz_answers(record.docname)
        if not quizzes:
            continue
        title = f"{record.meta.id} {record.meta.title}"
        section = nodes.section(ids=[f"quiz-answers-{record.meta.id}"], names=[f"answers {title}"])
        section += nodes.title(title, title)
        for _quiz_id, questions in quizzes:
            listing = nodes.enumerated_list(enumtype="arabic", classes=["course-answers"])
            for number, (question, _kind, options) in enumerate(questions, start=1):
                listing += _question(number, question, options)
            section += listing
        out.append(section)
    if not out:
        return [nodes.paragraph("", "No module has a quiz yet.")]
    return out


FILLERS = {"quiz-answers": _answers}


def setup_answers(app: Any) -> None:
    app.add_directive("quiz-answers", QuizAnswersDirective)
