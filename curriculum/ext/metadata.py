"""Read each module page's metadata, record it in the domain, insert the header."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

from curriculum.core.diagnostics import display_path
from curriculum.core.layout import MODULE_PAGE, MODULES_DIR
from curriculum.core.model import MODULE_ID_PATTERN
from curriculum.core.programme import is_module_docname, load_programme, parse_module, read_text
from curriculum.core.yamlsource import YamlSourceError, read_front_matter
from curriculum.ext.domain import get_domain
from curriculum.ext.header import build_header
from curriculum.ext.warnings import CourseWarning, warn, warn_diagnostic

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from curriculum.ext.config import CourseConfig

#: front-matter keys that only module metadata has
_MODULE_KEYS = ("objectives", "track", "duration")


def load_vocabulary(app: Sphinx, config: CourseConfig) -> None:
    """Load programme.yaml once per build, before any document is read."""
    path = config.programme_path(app.confdir)
    programme, problems = load_programme(path, str(path))
    for problem in problems:
        warn_diagnostic(problem)
    get_domain(app.env).note_programme(programme, str(path))


class ModuleMetadataTransform(SphinxTransform):
    """Validate a module page's front matter and put its header under the title."""

    default_priority = 700

    def apply(self, **kwargs: object) -> None:
        docname = self.env.docname
        parts = docname.split("/")
        if len(parts) < 2 or parts[0] != MODULES_DIR:
            return
        programme = get_domain(self.env).programme
        course = programme.course if programme is not None else None
        if not is_module_docname(docname, course):
            # another folder of modules/ holds ordinary pages (a guide, the programme);
            # one whose page carries module metadata is a module under a wrong name
            if len(parts) == 3 and parts[2] == MODULE_PAGE and self._has_module_keys():
                pattern = course.module_id_pattern if course else MODULE_ID_PATTERN
                warn(
                    f"this page has module metadata, but its folder 'modules/{parts[1]}/' "
                    f"is not named like a module id (course.module_id_pattern '{pattern}'): "
                    "rename the folder to the module's id",
                    CourseWarning.STRUCTURE,
                    (docname, 1),
                )
            return
        self._module(docname, parts[1])

    def _has_module_keys(self) -> bool:
        source = Path(self.env.doc2path(self.env.docname))
        try:
            front = read_front_matter(source.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, YamlSourceError):
            return False
        data = front.loaded.data if front.loaded is not None else None
        return isinstance(data, dict) and any(key in data for key in _MODULE_KEYS)

    def _module(self, docname: str, folder: str) -> None:
        env = self.env
        domain = get_domain(env)
        programme = get_domain(env).programme
        programme_path = get_domain(env).programme_path
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
        header = build_header(record, programme)
        if sections and sections[0].children and isinstance(sections[0][0], nodes.title):
            sections[0].insert(1, header)
        else:
            self.document.insert(0, header)
