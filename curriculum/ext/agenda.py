"""Class agendas on the course's pages: trainer edition only.

``{class-agenda}`` shows a ready agenda; its options are those of ``curriculum
schedule`` (``:path:``, ``:modules:``, ``:skip:``, ``:days:``, ``:start:``,
``:day-length:`` or ``:end:``, ``:lunch:``, ``:short-break:``, ``:opening:``,
``:recap:``, ``:close:``, ``:title:``). The learner edition drops it while the page
is parsed, as it drops every trainer-only block, so none of it reaches a learner
file. The schedule under each learning path (:func:`schedule_block`) is made here
too. Both plan with :mod:`curriculum.core.schedule` and word their rows with
:mod:`curriculum.core.agendatext`, as the command line does, so the text above a
table and the table come from the same plan.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from curriculum.core.agenda import Selection, class_module, misfit_message, select, split_ids
from curriculum.core.agendatext import (
    day_heading,
    frame_text,
    prework_text,
    slot_text,
    slot_time,
)
from curriculum.core.schedule import (
    Frame,
    Plan,
    ScheduleError,
    make_frame,
    parse_clock,
    parse_duration,
    plan_class,
)
from curriculum.ext.config import get_config
from curriculum.ext.domain import get_domain
from curriculum.ext.editions import trainer_block
from curriculum.ext.nodes import course_generated
from curriculum.ext.tables import Cell, make_table
from curriculum.ext.warnings import CourseWarning, warn

if TYPE_CHECKING:
    from curriculum.core.model import Programme
    from curriculum.core.paths import PathPlan
    from curriculum.core.programme import ModuleRecord

#: the day the path pages' schedules are planned for: the command's defaults
PATH_PAGE_FRAME = {"start": "09:00", "day-length": "7h"}


class _Context(Protocol):
    programme: Programme
    records: list[ModuleRecord]
    docname: str


class ClassAgendaDirective(SphinxDirective):
    """``{class-agenda}``: a ready agenda for trainers (see the module docstring)."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "path": directives.unchanged_required,
        "modules": directives.unchanged_required,
        "skip": directives.unchanged_required,
        "days": directives.positive_int,
        "start": directives.unchanged_required,
        "day-length": directives.unchanged_required,
        "end": directives.unchanged_required,
        "lunch": directives.nonnegative_int,
        "short-break": directives.nonnegative_int,
        "opening": directives.nonnegative_int,
        "recap": directives.nonnegative_int,
        "close": directives.nonnegative_int,
        "title": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        if not get_config(self.env).is_trainer:
            return []
        node = course_generated(kind="class-agenda", argument=json.dumps(self.options))
        self.set_source_info(node)
        get_domain(self.env).note_generated(self.env.docname, "class-agenda")
        return [node]


def frame_from(options: dict[str, Any]) -> Frame:
    """The day an agenda's options describe; :class:`ScheduleError` when they are wrong."""
    if "day-length" in options and "end" in options:
        raise ScheduleError("give :day-length: or :end:, not both")
    start = parse_clock(options.get("start", "09:00"))
    if "end" in options:
        end = parse_clock(options["end"])
        if end <= start:
            raise ScheduleError(f":end: {options['end']} is not after :start:")
    else:
        end = start + parse_duration(options.get("day-length", "7h"))
    kwargs = {k: options[k] for k in ("lunch", "opening", "recap", "close") if k in options}
    if "short-break" in options:
        kwargs["short"] = options["short-break"]
    return make_frame(start, end, None, **kwargs)


def plan_agenda(
    programme: Any, records: Any, options: dict[str, Any]
) -> tuple[Selection, Plan, Frame]:
    """A ``{class-agenda}``'s modules, day frame and plan from its options; raise
    :class:`ScheduleError` when they cannot be planned or do not fit the days."""
    days = options.get("days")
    selection = select(
        programme,
        records,
        path=options.get("path"),
        modules=split_ids(options.get("modules")),
        skip=split_ids(options.get("skip")),
        title=options.get("title"),
    )
    frame = frame_from(options)
    plan = plan_class(selection.modules, frame, days)
    if days is not None and not plan.fits:
        raise ScheduleError(misfit_message(selection, plan, frame, days, _page_option))
    return selection, plan, frame


def _class_agenda(ctx: _Context, node: nodes.Element) -> list[nodes.Node]:
    options: dict[str, Any] = json.loads(node["argument"])
    try:
        selection, plan, frame = plan_agenda(ctx.programme, ctx.records, options)
    except ScheduleError as err:
        # one line, so that the file and line lead it and the subtype ends it
        text = " ".join(line.strip() for line in str(err).splitlines())
        warn(f"class agenda: {text}", CourseWarning.AGENDA, node)
        return []
    heading = f"Agenda: {selection.title}"
    return [trainer_block(heading, "course-agenda", *agenda_nodes(plan, frame, selection))]


def _page_option(name: str) -> str:
    """How the directive spells an option: ``:skip:``."""
    return f":{name}:"


def agenda_nodes(plan: Plan, frame: Frame, selection: Selection) -> list[nodes.Node]:
    """The frame in words, the notes, then each day: its pre-work and its timetable."""
    out: list[nodes.Node] = [nodes.paragraph("", frame_text(frame, len(plan.days)))]
    out.extend(nodes.paragraph("", f"Note: {note}.") for note in [*selection.notes, *plan.notes])
    for day in plan.days:
        out.append(nodes.rubric("", day_heading(day)))
        if day.prework:
            out.append(nodes.paragraph("", prework_text(day), classes=["course-prework"]))
        rows: list[list[Cell]] = [[slot_time(s), slot_text(s)] for s in day.slots]
        out.append(make_table(["Time", "Session"], rows, [20, 80], ["course-schedule"]))
    return out


def schedule_block(plan: PathPlan) -> nodes.Node:
    """Trainer edition: a path as a class on the fewest days it needs."""
    modules = [class_module(step.module) for step in plan.steps]
    frame = frame_from(PATH_PAGE_FRAME)
    agenda = plan_class(modules, frame)
    count = agenda.days_needed
    command = f"curriculum schedule --path {plan.id} --days N"
    intro = nodes.paragraph(
        "",
        "",
        nodes.Text(
            f"The path fits in {count} day{'s' if count != 1 else ''} as planned below. "
            "For other days, times or breaks, or to choose modules, run: "
        ),
        nodes.literal(command, command),
        nodes.Text(" (see its --help)."),
    )
    selection = Selection(plan.title, modules, plan.id)
    children = [intro, *agenda_nodes(agenda, frame, selection)]
    return trainer_block(f"Schedule: {plan.title}", "course-schedule-block", *children)


#: kind -> filler, merged into :data:`curriculum.ext.fill.FILLERS`
FILLERS = {"class-agenda": _class_agenda}


def setup_agenda(app: Any) -> None:
    app.add_directive("class-agenda", ClassAgendaDirective)
