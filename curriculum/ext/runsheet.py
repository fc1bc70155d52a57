"""The run sheet: what a trainer needs to run a module's session, first on the page.

In the trainer edition, each module page (and so its trainer handout, cut from the
book) opens with a run sheet, before the module overview: the timing plan with
clock times, what to prepare, what to print, how to group the room, the prompts to
use and what to collect. It is assembled from what the module already says, so
nothing is written twice:

- the ``{timing-plan}`` block (moved here from the end of the page, with clock times
  for a nominal start);
- from the ``{trainer-note} Running this module`` block, the **Before the session.**
  paragraph, the **Discussion prompts.** list and, if the note has them, **Groups.**
  and **Collect.** paragraphs (moved, so the note keeps the facilitation steps and
  misconceptions);
- the module's exercises (their artefacts are what to collect, their forms what to
  print).

Without a note's **Groups.**, the groupings are read from the timing plan's
activities ("in pairs", "groups of three"). In print the module's text starts on the
next page when the run sheet fits its page (set in smaller type, it does), so the
run sheet is page 1 of the trainer handout.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from curriculum.core.layout import module_of
from curriculum.core.schedule import clock, parse_clock
from curriculum.ext.editions import is_trainer, trainer_block
from curriculum.ext.nodes import (
    artefact_download,
    kit_item,
    module_header,
    page_break,
    trainer_only,
)

#: the clock time the run sheet's times start from
NOMINAL_START = "09:00"
RUNNING_NOTE = "Running this module"
#: the bold lead-ins of the note's paragraphs that the run sheet takes over
LEADS = {
    "before the session": "prepare",
    "discussion prompts": "prompts",
    "groups": "groups",
    "collect": "collect",
}
_GROUPING = re.compile(
    r"\b(in pairs|pairs|in trios|trios|in threes|threes|in fours|fours|"
    r"(?:small )?groups(?: of (?:two|three|four|five|six|\d))?|tables|teams|"
    r"whole (?:group|room))\b",
    re.IGNORECASE,
)


class RunSheetTransform(SphinxTransform):
    """Trainer edition: a run sheet at the top of each module page."""

    default_priority = 720  # after the module header (700)

    def apply(self, **kwargs: Any) -> None:
        if module_of(self.env.docname) is None or not is_trainer(self.env):
            return
        header = next(iter(self.document.findall(module_header)), None)
        if header is None:
            return  # not a module page, or a broken one (reported elsewhere)
        plan = _block(self.document, "course-timing-plan")
        note = _note(self.document, RUNNING_NOTE)
        taken = _take(note) if note is not None else {}
        artefacts = [
            str(node["saveas"])
            for node in self.document.findall(artefact_download)
            if node.get("saveas")
        ]
        pieces = list(self.document.findall(kit_item))
        kit = [str(n["title"]) for n in pieces if n["kind"] in ("sheet", "cards")]
        forms = {str(n["title"]) for n in pieces if n["kind"] == "form"}
        rows = _timing_rows(plan) if plan is not None else []
        sheet = _sheet(rows, taken, artefacts, kit, forms)
        parent = header.parent
        index = parent.index(header)
        parent.insert(index, page_break(edge="start"))
        index += 1
        if plan is not None:  # moved to the top, its start times as clock times
            plan.parent.remove(plan)
            _clock_times(plan, rows)
            parent.insert(index, plan)
            index += 1
        parent.insert(index, sheet)
        parent.insert(index + 1, page_break(edge="end"))


def _block(document: nodes.document, css_class: str) -> trainer_only | None:
    for node in document.findall(trainer_only):
        if css_class in node["classes"]:
            return node
    return None


def _note(document: nodes.document, title: str) -> trainer_only | None:
    for node in document.findall(trainer_only):
        first = node.children[0] if node.children else None
        if isinstance(first, nodes.title) and first.astext().endswith(title):
            return node
    return None


def _opening(paragraph: nodes.paragraph) -> nodes.Node | None:
    """The paragraph's first child that is not empty text."""
    for child in paragraph.children:
        if not (isinstance(child, nodes.Text) and not str(child).strip()):
            return child
    return None


def _lead(paragraph: nodes.Node) -> str | None:
    """The run-sheet part a paragraph opens (``**Before the session.** ...``)."""
    if not isinstance(paragraph, nodes.paragraph):
        return None
    first = _opening(paragraph)
    if isinstance(first, nodes.strong):
        return LEADS.get(first.astext().strip().rstrip(".:").strip().lower())
    # a plain line that introduces a list: "Discussion prompts if energy drops:"
    text = paragraph.astext().strip()
    for lead, part in LEADS.items():
        if len(text) <= 60 and text.endswith(":") and text.lower().startswith(lead):
            return part
    return None


def _take(note: trainer_only) -> dict[str, list[nodes.Node]]:
    """Move the run sheet's parts out of the note: part -> its nodes."""
    taken: dict[str, list[nodes.Node]] = {}
    children = list(note.children)
    index = 0
    while index < len(children):
        child = children[index]
        part = _lead(child)
        if part is None:
            index += 1
            continue
        assert isinstance(child, nodes.paragraph)
        body = child.deepcopy()
        while body.children and body.children[0] is not _opening(body):
            body.remove(body.children[0])
        if isinstance(_opening(body), nodes.strong):
            body.remove(body.children[0])  # the bold lead-in
        else:
            body.children = []  # a line that only introduces the list that follows
        while body.children and isinstance(body.children[0], nodes.Text):
            text = str(body.children[0]).lstrip()
            if text:
                body.replace(body.children[0], nodes.Text(text))
                break
            body.remove(body.children[0])
        found: list[nodes.Node] = [body] if body.astext().strip() else []
        note.remove(child)
        following = children[index + 1] if index + 1 < len(children) else None
        if isinstance(following, (nodes.bullet_list, nodes.enumerated_list)):
            found.append(following.deepcopy())
            note.remove(following)
            index += 1
        taken[part] = found
        index += 1
    return taken


def _timing_rows(plan: trainer_only) -> list[list[Any]]:
    """(clock time, minutes, activity) from the timing plan's table."""
    start = parse_clock(NOMINAL_START)
    rows: list[list[Any]] = []
    table = next(iter(plan.findall(nodes.tbody)), None)
    if table is None:
        return rows
    for row in table.children:
        entries = [entry for entry in row.children if isinstance(entry, nodes.entry)]
        if len(entries) != 3:
            continue
        hours, _, minutes = entries[0].astext().partition(":")
        begins = start + int(hours or 0) * 60 + int(minutes or 0)
        length = int(entries[1].astext() or 0)
        when = f"{clock(begins)}–{clock(begins + length)}"
        rows.append([when, str(length), [child.deepcopy() for child in entries[2].children]])
    return rows


def _clock_times(plan: trainer_only, rows: list[list[Any]]) -> None:
    """The plan's first column as clock times (``09:05–09:15``) for the nominal start."""
    head = next(iter(plan.findall(nodes.thead)), None)
    body = next(iter(plan.findall(nodes.tbody)), None)
    if head is None or body is None:
        return
    heading = f"Time ({NOMINAL_START} start)"
    first = next(iter(head.findall(nodes.entry)))
    first.children = []
    first += nodes.paragraph(heading, heading)
    for row, (when, _minutes, _activity) in zip(body.children, rows, strict=False):
        entry = next(iter(row.findall(nodes.entry)))
        entry.children = []
        entry += nodes.paragraph(when, when)


def _groupings(rows: list[list[Any]]) -> list[str]:
    """'Pairs: sorting cards', from the activities that name a grouping."""
    found = []
    for _when, _minutes, cells in rows:
        text = " ".join(cell.astext() for cell in cells)
        match = _GROUPING.search(text)
        if match:
            how = re.sub(r"^in ", "", match.group(1), flags=re.IGNORECASE)
            what = re.split(r"\s+[-–—:]\s+|;", text, maxsplit=1)[0].strip()
            found.append(f"{how[:1].upper()}{how[1:]}: {what}")
    return found


def _part(title: str, *body: nodes.Node) -> list[nodes.Node]:
    return [nodes.rubric(title, title, classes=["course-run-sheet-part"]), *body]


def _items(texts: list[str]) -> nodes.bullet_list:
    listing = nodes.bullet_list()
    for text in texts:
        listing += nodes.list_item("", nodes.paragraph(text, text))
    return listing


def _collect(artefacts: list[str]) -> nodes.bullet_list:
    listing = nodes.bullet_list()
    for name in artefacts:
        listing += nodes.list_item(
            "",
            nodes.paragraph(
                "",
                "",
                nodes.Text("Each learner's "),
                nodes.literal(name, name),
                nodes.Text(", once they have checked it (the page's checker or "),
                nodes.literal("curriculum check", "curriculum check"),
                nodes.Text("); grade the class with "),
                nodes.literal("curriculum grade", "curriculum grade"),
                nodes.Text("."),
            ),
        )
    return listing


def _sheet(
    rows: list[list[Any]],
    taken: dict[str, list[nodes.Node]],
    artefacts: list[str],
    kit: list[str],
    forms: set[str],
) -> trainer_only:
    children: list[nodes.Node] = []
    if taken.get("prepare"):
        children += _part("Before the session", *taken["prepare"])
    printed = ["The learner handout of this module, one per learner."]
    listing = _items(printed)
    for name in artefacts:
        if f"Answer form: {name}" not in forms:
            continue  # a template that is not YAML has no printed form
        listing += nodes.list_item(
            "",
            nodes.paragraph(
                "",
                "",
                nodes.Text("The answer form for "),
                nodes.literal(name, name),
                nodes.Text(", with its case sheet, one each (in the classroom kit)."),
            ),
        )
    for title in kit:  # the kit's sheets and cards, cut out as kits/<module>.pdf
        listing += nodes.list_item("", nodes.paragraph("", f"From the classroom kit: {title}."))
    children += _part("Print", listing)
    groups = taken.get("groups") or ([_items(g)] if (g := _groupings(rows)) else [])
    if not groups and rows:
        alone = "The whole room together: no activity in the timing plan names pairs or groups."
        groups = [nodes.paragraph(alone, alone)]
    if groups:
        children += _part("Groups", *groups)
    if taken.get("prompts"):
        children += _part("Prompts to use", *taken["prompts"])
    collect = taken.get("collect") or ([_collect(artefacts)] if artefacts else [])
    if collect:
        children += _part("Collect", *collect)
    return trainer_block("Run sheet", "course-run-sheet", *children)


def _visit_break_latex(self: Any, node: page_break) -> None:
    if node.get("edge") == "start":
        self.body.append("\n\\courserunsheetstart\n")
    else:
        self.body.append("\n\\courserunsheetend\n")
    raise nodes.SkipNode


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_run_sheet(app: Any) -> None:
    app.add_transform(RunSheetTransform)
    others = ("html", "text", "man", "texinfo")
    app.add_node(page_break, latex=(_visit_break_latex, None), **{f: (_skip, None) for f in others})
