"""Print: an exercise's YAML template as a form to fill in, not as wrapped YAML.

On paper a template is read and written on, not copied: each field is a row of a
two-column table (the field, with the template's value when it gives one; what to
write, from the YAML comment above it, and room to write it), and the comments
that stand on their own (the case notes, a ticket's caller) are paragraphs before
the fields they introduce. The HTML keeps the template as a code block: the two
are in nodes that the LaTeX writer and every other writer each skip one of (not
``only`` nodes, which the course forbids for trainer content).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape

from curriculum.core.yamlreflow import reflow_folded
from curriculum.ext.nodes import form_field, form_space, kit_item, template_paper, template_screen
from curriculum.ext.tables import make_table

_KEY = re.compile(r"^(?P<indent>\s*)(?P<dash>-\s+)?(?P<key>[A-Za-z_][\w-]*)\s*:(?P<value>.*)$")
_ITEM = re.compile(r"^(?P<indent>\s*)-\s+(?P<value>.+)$")
_PLACEHOLDERS = {"", '""', "''", "null", "~", "0", "false", "[]", "{}"}


@dataclass
class _Field:
    name: str
    value: str
    explanation: str
    lines: int


@dataclass
class _Part:
    """Paragraphs, then the fields they introduce."""

    notes: list[str] = field(default_factory=list)
    fields: list[_Field] = field(default_factory=list)


class _Heading(str):
    """A separator comment (a ticket's, a case's heading): printed in bold."""


#: a comment line laid out in two columns: a word, two or more spaces, its meaning
_COLUMNS = re.compile(r"^(\S+)\s{2,}(\S.*)$")


def _paragraphs(comments: list[str]) -> list[str]:
    """Comment lines joined into paragraphs: a blank comment, a list item, a line
    indented further than the one before (a quotation) start a new one."""
    out: list[str] = []
    item_indent = -1
    last_indent = -1
    for raw in comments:
        text = raw.rstrip()
        indent = len(text) - len(text.lstrip())
        body = text.strip()
        if not body:
            item_indent = last_indent = -1
            out.append("")
            continue
        column = _COLUMNS.match(body)
        if body.startswith("---"):  # a separator: "---- Ticket 1 of 10 ---- 05:12, phone"
            body = _Heading(" — ".join(p.strip() for p in re.split(r"-{3,}", body) if p.strip()))
        elif column:  # a line set out in columns: "type      incident or problem"
            body = f"{column[1]}: {column[2]}"
        starts = (
            bool(re.match(r"^(-|\d+\.|\*)\s", body))
            or text.strip().startswith("---")
            or column is not None
        )
        continues = (
            out
            and out[-1]
            and not starts
            and (indent == last_indent or (item_indent >= 0 and indent > item_indent))
        )
        if continues and not isinstance(out[-1], _Heading):
            out[-1] += " " + body
        else:
            out.append(body)
            item_indent = indent if starts else -1
        last_indent = indent if not starts or not continues else last_indent
        if starts:
            last_indent = indent + 2
    return [p for p in out if p]


def _value(raw: str) -> str:
    value = raw.split(" #")[0].strip()
    return "" if value in _PLACEHOLDERS else value.strip("\"'")


def parse_template(text: str) -> list[_Part]:
    """The parts of a YAML template, read line by line with its comments."""
    parts = [_Part()]
    comments: list[str] = []
    parents: list[tuple[int, str]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            comments.append(stripped[1:])
            continue
        if not stripped:
            if comments:  # a comment that stands alone: a note before what follows
                if parts[-1].fields:
                    parts.append(_Part())
                parts[-1].notes.extend(_paragraphs(comments))
                comments = []
            continue
        match = _KEY.match(line)
        item = _ITEM.match(line) if match is None else None
        if match is None and item is None:
            comments = []
            continue
        groups = (match or item).groupdict()  # type: ignore[union-attr]
        indent = len(groups["indent"]) + (2 if groups.get("dash") else 0)
        while parents and parents[-1][0] >= indent:
            parents.pop()
        key = groups.get("key") or "(entry)"
        paragraphs = _paragraphs(comments)
        comments = []
        if groups.get("dash") and paragraphs:  # an item's comments introduce it, but
            own = paragraphs[-1].lower().startswith(f"{key.lower()}:")  # its key's own
            notes = paragraphs[:-1] if own else paragraphs
            paragraphs = paragraphs[-1:] if own else []
            if notes:
                if parts[-1].fields:
                    parts.append(_Part())
                parts[-1].notes.extend(notes)
        explanation = " ".join(paragraphs)
        if explanation.lower().startswith(f"{key.lower()}:"):
            explanation = explanation[len(key) + 1 :].strip()
            explanation = explanation[:1].upper() + explanation[1:]
        raw = groups["value"]
        if match and not raw.strip():  # a mapping or a list of what follows
            parents.append((indent, key))
            if explanation:
                if parts[-1].fields:
                    parts.append(_Part())
                parts[-1].notes.append(f"{key}: {explanation}")
            continue
        name = ".".join([*(p for _i, p in parents[-1:]), key]) if match else parents[-1][1]
        value = _value(raw)
        lines = 1 if raw.strip() in {"0", "false", "true"} or value else 2
        parts[-1].fields.append(_Field(name, value, explanation, lines))
    if comments:
        parts[-1].notes.extend(_paragraphs(comments))
    return [p for p in parts if p.notes or p.fields]


def form_nodes(text: str, artefact: str, fields: bool = True) -> list[nodes.Node]:
    """The template on paper: with ``fields``, the answer form (each part's heading
    and a table of its fields with room to write); without, the case sheet (the
    template's notes: the case data, a caller's words, what each field means)."""
    if fields:
        lead = f"Answer form: {artefact}"
        say = (
            " (write beside each field; then type your answers into the file, which "
            "you download from the course site, and check it there)."
        )
    else:
        lead = f"Case sheet: {artefact}"
        say = " (what the exercise gives you; the answer form follows)."
    out: list[nodes.Node] = [
        nodes.paragraph("", "", nodes.strong(lead, lead), nodes.Text(say)),
    ]
    for part in parse_template(text):
        out.extend(
            nodes.paragraph("", "", nodes.strong(note, note))
            if isinstance(note, _Heading)
            else nodes.paragraph("", note)
            for note in part.notes
            if not fields or isinstance(note, _Heading)
        )
        if not part.fields or not fields:
            continue
        rows: list[list[Any]] = []
        for item in part.fields:
            name: list[nodes.Node] = [_field_name(item.name)]
            if item.value:
                name += [nodes.Text(": "), nodes.literal(item.value, item.value)]
            what: list[nodes.Node] = [
                nodes.paragraph(
                    "", item.explanation or ("Keep it as given." if item.value else "As above.")
                )
            ]
            what.append(form_space(lines=0 if item.value else item.lines))
            rows.append([[nodes.paragraph("", "", *name)], what])
        out.append(make_table(["Field", "What to write"], rows, [30, 70], ["course-form"]))
    return out


def _field_name(name: str) -> nodes.Element:
    """A field's name in print: code that may break after a dot or an underscore, and
    is never hyphenated (``tick-ets.type`` would not be the field's name)."""
    return form_field(name, nodes.Text(name), name=name)  # its text for the table check


def printed_template(block: nodes.Element, text: str, artefact: str, fmt: str) -> list[nodes.Node]:
    """The template's code block for the screen and, for a YAML template, in print
    a pointer to the module's classroom kit, which holds its case sheet and answer
    form (:mod:`curriculum.ext.kit` gathers them at the end of the module); other
    formats stay code in both (they have no comments to explain)."""
    if fmt != "yaml":
        return [block]
    screen = template_screen()
    screen += block
    paper = template_paper()
    pointer = (
        "On paper: the case sheet and the answer form for this exercise are in the "
        "classroom kit at the end of this module."
    )
    paper += nodes.paragraph(pointer, pointer)
    case = kit_item(kind="case", title=f"Case sheet: {artefact}")
    case += template_paper("", *form_nodes(text, artefact, fields=False))
    form = kit_item(kind="form", title=f"Answer form: {artefact}")
    form += template_paper("", *form_nodes(text, artefact, fields=True))
    return [screen, paper, case, form]


def _visit_field_latex(self: Any, node: form_field) -> None:
    pieces = re.split(r"(?<=[._])", node["name"])
    latex = r"\allowbreak ".join(rf"\mbox{{{escape(piece)}}}" for piece in pieces if piece)
    self.body.append(rf"\sphinxcode{{\sphinxupquote{{{latex}}}}}")
    raise nodes.SkipNode


def _visit_space_latex(self: Any, node: form_space) -> None:
    if node["lines"]:
        self.body.append(rf"\par\courseformspace{{{node['lines']}}}" + "\n")
    raise nodes.SkipNode


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def _pass(self: Any, node: nodes.Element) -> None:
    pass


def _visit_paper_latex(self: Any, node: nodes.Element) -> None:
    # the form's paragraphs (case notes, a caller's words) apart from one another: in
    # an exercise box paragraphs otherwise follow with no space between them
    self.body.append("\n\\par\\begingroup\\setlength{\\parskip}{5pt plus 2pt}\n")


def _depart_paper_latex(self: Any, node: nodes.Element) -> None:
    self.body.append("\n\\par\\endgroup\n")


#: the columns of a code line that fit a box on the printed page (A4, 11 pt, the
#: book's monospaced type at 0.9): YAML is re-flowed to this width in print
PRINT_CODE_COLUMNS = 64


class ReflowPrintedYaml(SphinxPostTransform):
    """In print, YAML code (a model answer, an example) with its long values and
    comments re-flowed to the printed line, so that it does not wrap with
    continuation marks; the data it holds stays exactly the same."""

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for block in list(self.document.findall(nodes.literal_block)):
            if block.get("language") not in ("yaml", "yml") or block.rawsource != block.astext():
                continue
            text = block.astext()
            flowed = reflow_folded(text, PRINT_CODE_COLUMNS)
            if flowed != text:
                new = nodes.literal_block(flowed, flowed, **block.attributes)
                block.replace_self(new)


def setup_forms(app: Any) -> None:
    app.add_post_transform(ReflowPrintedYaml)
    others = ("html", "text", "man", "texinfo")
    app.add_node(template_screen, latex=(_skip, None), **{f: (_pass, _pass) for f in others})
    app.add_node(
        template_paper,
        latex=(_visit_paper_latex, _depart_paper_latex),
        **{f: (_skip, None) for f in others},
    )
    app.add_node(form_field, latex=(_visit_field_latex, None), **{f: (_skip, None) for f in others})
    app.add_node(
        form_space,
        latex=(_visit_space_latex, None),
        html=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
