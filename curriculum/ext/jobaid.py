"""``{job-aid} Title``: the one page a practitioner keeps at the desk.

A module's job aid holds what its work needs at hand (the matrix, the triggers,
the formula, the checklist), written for use, not for learning. It shows:

- **on the site**, where it is written (after the key points), boxed as "At your
  desk", and named in the module header ("Job aid") with a link, so it is found
  from the top;
- **in print, learner edition**, as the first page of the module's chapter: the
  workbook's and so each learner handout's (cut from the workbook) page 1. The
  module's text starts on the next page. Each aid records its first and last page
  (``courseaid-start:<id>`` and ``courseaid-end:<id>`` in the book's ``.aux``), and
  LaTeX warns in the log when one runs over its page; the tests require one page;
- **in the trainer edition**, where it is written (the trainer handout's page 1 is
  the run sheet).
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from curriculum.core.layout import module_of
from curriculum.ext.config import get_config
from curriculum.ext.nodes import job_aid, module_header
from curriculum.ext.warnings import CourseWarning, warn

LABEL = "At your desk"
ANCHOR = "job-aid"


class JobAidDirective(SphinxDirective):
    """``{job-aid} Title`` with the aid's content (lists, a table, a figure)."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        module = module_of(self.env.docname)
        if module is None:
            warn(
                "a {job-aid} belongs in a module's index.md (it prints as the module's "
                "first page); it is left out here",
                CourseWarning.STRUCTURE,
                self.get_location(),
            )
            return []
        # temp_data lasts while one page is read
        if self.env.temp_data.get("course_job_aid"):
            warn(
                "a module has one {job-aid} (one page at the desk); this second one is left out",
                CourseWarning.STRUCTURE,
                self.get_location(),
            )
            return []
        self.env.temp_data["course_job_aid"] = True
        node = job_aid(title=self.arguments[0], module=module, ids=[ANCHOR])
        self.set_source_info(node)
        node.extend(self.parse_content_to_nodes(allow_section_headings=False))
        return [node]


class JobAidInHeader(SphinxTransform):
    """The module header names the job aid, with a link to it, so a practitioner who
    comes back for it finds it from the top of the page."""

    default_priority = 710  # after the header is built (700)

    def apply(self, **kwargs: Any) -> None:
        aid = next(iter(self.document.findall(job_aid)), None)
        header = next(iter(self.document.findall(module_header)), None)
        if aid is None or header is None:
            return
        facts = next(iter(header.findall(nodes.field_list)), None)
        if facts is None:
            return
        link = nodes.reference("", aid["title"], internal=True, refid=ANCHOR)
        body = nodes.field_body("", nodes.paragraph("", "", link, nodes.Text(" (one page)")))
        facts += nodes.field("", nodes.field_name("", "Job aid"), body)


class JobAidFirst(SphinxPostTransform):
    """Learner print: each module's job aid moves to the start of its chapter, before
    the module overview, so it is the chapter's (and the handout's) first page."""

    default_priority = 190
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        if get_config(self.env).is_trainer:
            return
        headers = {h.get("module"): h for h in self.document.findall(module_header)}
        for aid in list(self.document.findall(job_aid)):
            header = headers.get(aid["module"])
            if header is None:
                continue
            aid.parent.remove(aid)
            header.parent.insert(header.parent.index(header), aid)
            aid["first"] = True


def _visit_html(self: Any, node: job_aid) -> None:
    title = self.encode(node["title"])
    self.body.append(
        f'<aside class="course-job-aid" id="{ANCHOR}" aria-labelledby="{ANCHOR}-title">\n'
        f'<p class="course-job-aid-title" id="{ANCHOR}-title"><span class="course-job-aid-label">'
        f"{LABEL}</span> {title}</p>\n"
    )


def _depart_html(self: Any, node: job_aid) -> None:
    self.body.append("</aside>\n")


def _visit_latex(self: Any, node: job_aid) -> None:
    title = self.encode(node["title"])
    module = node["module"]
    first = "1" if node.get("first") else "0"
    self.body.append(f"\n\\begin{{coursejobaid}}{{{title}}}{{{module}}}{{{first}}}\n")


def _depart_latex(self: Any, node: job_aid) -> None:
    self.body.append("\n\\end{coursejobaid}\n")


def _visit_text(self: Any, node: job_aid) -> None:
    self.new_state(0)
    self.add_text(f"{LABEL}: {node['title']}")
    self.end_state()


def _pass(self: Any, node: nodes.Node) -> None:
    pass


def setup_job_aid(app: Any) -> None:
    app.add_directive("job-aid", JobAidDirective)
    app.add_transform(JobAidInHeader)
    app.add_post_transform(JobAidFirst)
    app.add_node(
        job_aid,
        html=(_visit_html, _depart_html),
        latex=(_visit_latex, _depart_latex),
        text=(_visit_text, _pass),
        man=(_pass, _pass),
        texinfo=(_pass, _pass),
    )
