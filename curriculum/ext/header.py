"""The module header: facts and objectives shown at the top of every module page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from curriculum.ext.domain import objective_anchor
from curriculum.ext.latex import environment
from curriculum.ext.nodes import module_header

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from curriculum.core.model import Programme
    from curriculum.core.programme import ModuleRecord


def format_minutes(minutes: int) -> str:
    """``90`` -> ``1 h 30 min``; ``45`` -> ``45 min``."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def _field(name: str, *body: nodes.Node) -> nodes.field:
    paragraph = nodes.paragraph("", "", *body)
    return nodes.field("", nodes.field_name(name, name), nodes.field_body("", paragraph))


def _badges(labels: list[str], kind: str) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for index, label in enumerate(labels):
        if index:
            # the comma keeps text, print and screen readers right; the theme hides it
            out.append(nodes.inline(", ", ", ", classes=["course-sep"]))
        out.append(nodes.inline(label, label, classes=["course-badge", f"course-badge-{kind}"]))
    return out


DRAFT = "Draft"


def draft_mark() -> nodes.inline:
    """The word "Draft" as a badge: text, so it is read aloud and printed, not a colour."""
    return nodes.inline(DRAFT, DRAFT, classes=["course-badge", "course-badge-draft"])


def draft_notice() -> nodes.paragraph:
    """The first line of a draft module's header."""
    return nodes.paragraph(
        "",
        "",
        draft_mark(),
        nodes.Text(": this module is still being written and is on no learning path yet."),
        classes=["course-draft"],
    )


def minutes_text(count: int) -> str:
    """``1 minute``, ``12 minutes``."""
    return f"{count} minute" if count == 1 else f"{count} minutes"


def self_study_text(record: ModuleRecord) -> str:
    """``about 73 minutes (33 to read, with the quick checks and quiz; 40 for the
    exercise)``: the reading counted from the page, the exercise from the metadata."""
    checks = "the quick checks and quiz" if record.units else "the quiz"
    reading = f"{record.reading} to read, with {checks}"
    if record.exercise_minutes:
        return (
            f"about {minutes_text(record.self_study)} ({reading}; "
            f"{record.exercise_minutes} for the exercise)"
        )
    if record.meta.exercises:
        return f"about {minutes_text(record.reading)} to read, with {checks}, and the exercise"
    return f"about {minutes_text(record.reading)} ({reading})"


def build_header(record: ModuleRecord, programme: Programme) -> module_header:
    """Header nodes for ``record``; prerequisites stay pending until resolved."""
    meta = record.meta
    header = module_header(classes=["course-module-header"])
    header["module"] = meta.id

    if meta.draft:
        header += draft_notice()
    track = programme.track(meta.track)
    audiences = programme.audience_titles(meta.audiences)
    facts = nodes.field_list(classes=["course-module-facts"])
    facts += _field("Track", nodes.Text(track.title if track else meta.track))
    facts += _field("Class time", nodes.Text(f"{meta.duration} minutes"))
    if record.reading:
        # the learner text's, from the source: the same in both editions and in the agendas
        facts += _field("Self-study", nodes.Text(self_study_text(record)))
    facts += _field("For", *_badges(audiences, "audience"))
    if meta.prerequisites:
        links: list[nodes.Node] = []
        for index, prerequisite in enumerate(meta.prerequisites):
            if index:
                links.append(nodes.Text(", "))
            ref = addnodes.pending_xref(
                "",
                nodes.inline(prerequisite, prerequisite),
                refdomain="course",
                reftype="module",
                reftarget=prerequisite,
                refexplicit=False,
                refwarn=True,
            )
            # a missing prerequisite is reported once, at its metadata line
            ref["course_quiet"] = True
            ref.line = record.line("prerequisites", index)
            links.append(ref)
        facts += _field("Take first", *links)
    else:
        facts += _field("Take first", nodes.Text("nothing: you can start here"))
    values = [
        f"{vid} {value.statement}" if (value := programme.value(vid)) else vid
        for vid in meta.values
    ]
    facts += _field("Values", *_badges(values, "value"))
    header += facts

    header += nodes.rubric("", "What you will be able to do", classes=["course-objectives-title"])
    objectives = nodes.enumerated_list(classes=["course-objectives"], enumtype="arabic")
    for objective in meta.objectives:
        item = nodes.list_item(ids=[objective_anchor(meta.id, objective.id)])
        classes = ["course-bloom", f"course-bloom-{objective.bloom}"]
        level = nodes.inline(objective.bloom, objective.bloom, classes=classes)
        item += nodes.paragraph(
            "", "", nodes.Text(objective.text + " "), nodes.Text("("), level, nodes.Text(")")
        )
        objectives += item
    header += objectives
    return header


# --- visitors -------------------------------------------------------------------------


def _visit_html(self: Any, node: module_header) -> None:
    self.body.append(self.starttag(node, "section", **{"aria-label": "Module overview"}))


def _depart_html(self: Any, node: module_header) -> None:
    # the progress button works only with the script, which unhides it
    self.body.append(
        '<div class="course-progress-control" hidden><button type="button" '
        f'class="course-done-toggle" data-module="{node["module"]}" aria-pressed="false">'
        "Mark this module as done</button></div>\n</section>\n"
    )


def _visit_text(self: Any, node: module_header) -> None:
    pass


def _depart_text(self: Any, node: module_header) -> None:
    pass


def setup_header(app: Sphinx) -> None:
    app.add_node(
        module_header,
        html=(_visit_html, _depart_html),
        latex=environment("coursemodule"),
        text=(_visit_text, _depart_text),
        man=(_visit_text, _depart_text),
        texinfo=(_visit_text, _depart_text),
    )
