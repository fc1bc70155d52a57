"""``{course-tracks}``: one navigation group (toctree) per track, from the vocabulary.

Track titles and order are defined once, in programme.yaml; a new module folder
appears in its track without editing the home page, and an empty track makes no
warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from curriculum.core.layout import MODULE_PAGE, MODULES_DIR
from curriculum.ext.domain import get_domain
from curriculum.ext.latex import course_part

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from curriculum.core.model import Programme


MODULE_DOC = re.compile(rf"^{MODULES_DIR}/([^/]+)/{MODULE_PAGE}$")


def _module_docs(docnames: Iterable[str]) -> dict[str, str]:
    """Module id (its folder's name) to docname, for every ``modules/<id>/index``."""
    found = {}
    for docname in docnames:
        match = MODULE_DOC.match(docname)
        if match:
            found[match[1]] = docname
    return found


class CourseTracksDirective(SphinxDirective):
    """A hidden toctree per track listing ``modules/<track>-NN/index`` pages."""

    def run(self) -> list[nodes.Node]:
        env = self.env
        programme: Programme | None = get_domain(env).programme
        # re-read this page whenever a document is added or removed, as for :glob:
        env.glob_toctrees.add(env.docname)
        programme_path = get_domain(env).programme_path
        if programme_path:
            env.note_dependency(programme_path)  # track titles and order live there
        # a module page is modules/<id>/index, its id of the course's form and starting
        # with its track's id (the metadata model checks both)
        found = _module_docs(env.found_docs)
        if programme is None:
            # the vocabulary is invalid (reported): list every module so nothing else fails
            groups = [("Modules", sorted(found.values()))]
        else:
            course = programme.course
            groups = [
                (
                    t.title,
                    sorted(
                        docname
                        for module_id, docname in found.items()
                        if module_id.startswith(f"{t.id}-") and course.is_module_id(module_id)
                    ),
                )
                for t in programme.tracks
            ]
        out: list[nodes.Node] = []
        for title, docnames in groups:
            if not docnames:
                continue
            out.append(course_part(title=title))  # a part of the printed book
            toctree = addnodes.toctree()
            toctree["parent"] = env.docname
            toctree["entries"] = [(None, d) for d in docnames]
            toctree["includefiles"] = list(docnames)
            toctree["maxdepth"] = -1
            toctree["caption"] = title
            toctree["glob"] = True
            toctree["hidden"] = True
            toctree["includehidden"] = False
            toctree["numbered"] = 0
            toctree["titlesonly"] = False
            self.set_source_info(toctree)
            out.append(nodes.compound("", toctree, classes=["toctree-wrapper"]))
        return out


def setup_tracks(app: Sphinx) -> None:
    app.add_directive("course-tracks", CourseTracksDirective)
