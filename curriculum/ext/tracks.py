"""``{course-tracks}``: one navigation group (toctree) per track, from the vocabulary.

Track titles and order are defined once, in programme.yaml; a new module folder
appears in its track without editing the home page, and an empty track makes no
warning.
"""

from __future__ import annotations

import re
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
        if programme is None:
            # the vocabulary is invalid (reported): list every module so nothing else fails
            groups = [("Modules", rf"^{MODULES_DIR}/[^/]+/{MODULE_PAGE}$")]
        else:
            groups = [
                (t.title, rf"^{MODULES_DIR}/{re.escape(t.id)}-[0-9]{{2}}/{MODULE_PAGE}$")
                for t in programme.tracks
            ]
        out: list[nodes.Node] = []
        for title, regex in groups:
            pattern = re.compile(regex)
            docnames = sorted(d for d in env.found_docs if pattern.match(d))
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
