"""Read each module page's metadata, record it in the domain, insert the header."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

from curriculum.core.diagnostics import display_path
from curriculum.core.layout import MODULES_DIR
from curriculum.core.model import MODULE_ID_PATTERN
from curriculum.core.programme import is_module_docname, load_programme, parse_module, read_text
from curriculum.ext.domain import get_domain
from curriculum.ext.header import build_header
from curriculum.ext.warnings import CourseWarning, warn, warn_diagnostic

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from curriculum.ext.config import CourseConfig

#: folders under modules/ that hold programme pages, not a module
NON_MODULE_FOLDERS = frozenset({"programme", "contributing"})


def load_vocabulary(app: Sphinx, config: CourseConfig) -> None:
    """Load programme.yaml once per build, before any document is read."""
    path = config.programme_path(app.confdir)
    programme, problems = load_programme(path, str(path))
    for problem in problems:
        warn_diagnostic(problem)
    env = app.env
    env.course_programme = programme  # type: ignore[attr-defined]
    env.course_programme_path = str(path)  # type: ignore[attr-defined]


class ModuleMetadataTransform(SphinxTransform):
    """Validate a module page's front matter and put its header under the title."""

    default_priority = 700

    def apply(self, **kwargs: object) -> None:
        docname = self.env.docname
        parts = docname.split("/")
        if len(parts) < 2 or parts[0] != MODULES_DIR:
            return
        if not is_module_docname(docname):
            folder = parts[1]
            if (
                len(parts) == 3
                and folder not in NON_MODULE_FOLDERS
                and not re.match(MODULE_ID_PATTERN, folder)
            ):
                warn(
                    f"folder 'modules/{folder}/' is not named like a module id",
                    CourseWarning.STRUCTURE,
                    (docname, 1),
                )
            return
        self._module(docname, parts[1])

    def _module(self, docname: str, folder: str) -> None:
        env = self.env
        domain = get_domain(env)
        programme = getattr(env, "course_programme", None)
        programme_path = getattr(env, "course_programme_path", None)
        if programme_path:
            env.note_dependency(programme_path)
        if programme is None:
            domain.note_broken(docname, folder)
            return  # the vocabulary's own errors have been reported
        source = Path(env.doc2path(docname))
        shown = display_path(source, env.srcdir)
        text, problems = read_text(source, shown, "metadata")
        record = None
        if text is not None:
            record, problems = parse_module(text, programme, docname, shown)
        for problem in problems:
            warn_diagnostic(problem, (docname, problem.line))
        if record is None:
            domain.note_broken(docname, folder)
            return
        domain.note_module(record)
        sections = [n for n in self.document.children if isinstance(n, nodes.section)]
        if len(sections) > 1:
            warn(
                "a module page takes its title from its metadata; this '# ' heading makes "
                "a second title (turn it into '## ' or remove it)",
                CourseWarning.STRUCTURE,
                sections[1],
            )
        words = len(re.findall(r"[\w’'-]+", self.document.astext()))
        header = build_header(record, programme, words)
        if sections and sections[0].children and isinstance(sections[0][0], nodes.title):
            sections[0].insert(1, header)
        else:
            self.document.insert(0, header)
