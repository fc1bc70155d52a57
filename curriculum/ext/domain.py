"""The ``course`` domain: module, objective, path-page and timing data per document.

All cross-document state lives here, keyed by docname, with ``clear_doc`` and
``merge_domaindata`` so that incremental and parallel builds see the same data
as a clean serial build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Set
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.errors import NoUri
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from curriculum.core.programme import ModuleRecord, module_order_key
from curriculum.ext.warnings import CourseWarning, warn

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from curriculum.core.model import Programme

T = TypeVar("T")


def objective_anchor(module_id: str, objective_id: str) -> str:
    return f"objective-{module_id}-{objective_id}"


class CourseXRefRole(XRefRole):
    """``{module}`` and ``{objective}`` without the ``course:`` prefix."""

    def create_xref_node(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.refdomain = "course"
        self.classes = ["xref", "course", f"course-{self.reftype}"]
        return super().create_xref_node()


def _refnode(
    builder: Builder,
    fromdocname: str,
    todocname: str,
    anchor: str | None,
    text: nodes.Node,
    title: str | None = None,
) -> nodes.reference:
    """A link; where the target page is not part of the output (a module handout in
    print links to another module), the title in italics instead of the bare id."""
    try:
        return make_refnode(builder, fromdocname, todocname, anchor, text, title)
    except NoUri:
        return nodes.emphasis("", "", text)  # type: ignore[return-value]


class CourseDomain(Domain):
    """Modules, objectives, learning-path pages and timing plans of the course."""

    name = "course"
    label = "Course"
    object_types: ClassVar[dict[str, ObjType]] = {
        "module": ObjType("module", "module"),
        "objective": ObjType("objective", "objective"),
        "exercise": ObjType("exercise"),
    }
    roles: ClassVar[dict[str, Any]] = {
        "module": XRefRole(warn_dangling=True),
        "objective": XRefRole(warn_dangling=True),
    }
    initial_data: ClassVar[dict[str, Any]] = {
        "modules": {},  # docname -> ModuleRecord
        "broken": {},  # docname -> module id (metadata invalid, already reported)
        "path_pages": {},  # docname -> [(path id, line)]
        "timings": {},  # docname -> (total minutes, line)
        "generated": {},  # docname -> sorted list of placeholder kinds
        "quizzes": {},  # docname -> [(quiz id, line, questions, objective ids)]
        "exercises": {},  # docname -> [(exercise id, line, module id, objective ids, title)]
        # docname -> [(quiz id, [(question, type, [(option, right, feedback)])])], for the
        # workbook's answers at the back
        "answers": {},
    }
    data_version = 6  # 5: module records carry reading time and timing plan; 6: answers
    _TABLES = (
        "modules",
        "broken",
        "path_pages",
        "timings",
        "generated",
        "quizzes",
        "exercises",
        "answers",
    )

    # --- bookkeeping ---------------------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        self._by_id = None
        for key in self._TABLES:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self._by_id = None
        for key in self._TABLES:
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value

    # --- per build: set before any document is read, the same for every document ------

    def note_programme(self, programme: Programme | None, path: str) -> None:
        self.data["programme"] = programme
        self.data["programme_path"] = path

    @property
    def programme(self) -> Programme | None:
        """The vocabulary (None when programme.yaml is invalid: already reported)."""
        programme: Programme | None = self.data.get("programme")
        return programme

    @property
    def programme_path(self) -> str:
        return str(self.data.get("programme_path", "programme.yaml"))

    def note_settings(self, settings: object) -> None:
        """The validated ``course_*`` settings of this build (a ``CourseConfig``, set at
        ``builder-inited``), and a fresh per-build cache."""
        self.data["settings"] = settings
        self.data["build_cache"] = {}

    @property
    def settings(self) -> object | None:
        return self.data.get("settings")

    def cached(self, key: str, make: Callable[[], T]) -> T:
        """A value computed once per build (e.g. lint-allow.yaml, read by the audit)."""
        cache: dict[str, Any] = self.data.setdefault("build_cache", {})
        if key not in cache:
            cache[key] = make()
        return cast("T", cache[key])

    # --- recording, during reading ---------------------------------------------------

    def note_module(self, record: ModuleRecord) -> None:
        self._by_id = None
        self.data["modules"][record.docname] = record

    def note_broken(self, docname: str, module_id: str) -> None:
        self.data["broken"][docname] = module_id

    def note_path_page(self, docname: str, path_id: str, line: int | None) -> None:
        self.data["path_pages"].setdefault(docname, []).append((path_id, line))

    def note_timing(self, docname: str, total: int, line: int | None) -> None:
        self.data["timings"][docname] = (total, line)

    def note_quiz(
        self, docname: str, quiz_id: str, line: int, questions: int, objectives: list[str]
    ) -> None:
        self.data["quizzes"].setdefault(docname, []).append((quiz_id, line, questions, objectives))

    def note_quiz_answers(
        self, docname: str, quiz_id: str, questions: list[tuple[str, str, list[Any]]]
    ) -> None:
        self.data["answers"].setdefault(docname, []).append((quiz_id, questions))

    def quiz_answers(self, docname: str) -> list[tuple[str, list[Any]]]:
        return list(self.data["answers"].get(docname, []))

    def note_exercise(
        self,
        docname: str,
        exercise_id: str,
        line: int,
        module_id: str,
        objectives: list[str],
        title: str = "",
    ) -> None:
        self.data["exercises"].setdefault(docname, []).append(
            (exercise_id, line, module_id, objectives, title)
        )

    def note_generated(self, docname: str, kind: str) -> None:
        kinds = set(self.data["generated"].get(docname, ()))
        kinds.add(kind)
        self.data["generated"][docname] = sorted(kinds)

    # --- queries -----------------------------------------------------------------------

    def records(self, programme: Programme | None = None) -> list[ModuleRecord]:
        """Modules with valid metadata and a unique id, in catalogue order."""
        seen: dict[str, ModuleRecord] = {}
        # as in check_modules: the module whose folder matches its id owns the id
        for record in sorted(
            self.data["modules"].values(), key=lambda r: (r.id != r.folder, r.docname)
        ):
            seen.setdefault(record.id, record)
        records = list(seen.values())
        if programme is not None:
            records.sort(key=lambda r: module_order_key(programme, r))
        return records

    #: id -> record, derived from ``data["modules"]``; reset whenever that changes
    _by_id: dict[str, ModuleRecord] | None = None

    def module(self, module_id: str) -> ModuleRecord | None:
        if self._by_id is None:
            self._by_id = {r.id: r for r in self.records()}
        return self._by_id.get(module_id)

    def module_for_doc(self, docname: str) -> ModuleRecord | None:
        return self.data["modules"].get(docname)

    def path_page(self, path_id: str) -> str | None:
        pages = sorted(d for d, ids in self.data["path_pages"].items() if path_id in dict(ids))
        return pages[0] if pages else None

    def page_with(self, kind: str, other_than: str | None = None) -> str | None:
        """The first page holding a generated block of ``kind``, not ``other_than``."""
        pages = sorted(
            d for d, kinds in self.data["generated"].items() if kind in kinds and d != other_than
        )
        return pages[0] if pages else None

    @property
    def generated_docs(self) -> list[str]:
        return sorted(self.data["generated"])

    # --- checks after all documents are read ------------------------------------------

    def check_consistency(self) -> None:
        """Nothing here: checks run at ``env-updated`` (see :mod:`curriculum.ext.coursechecks`),
        where Sphinx buffers warnings, so each prints on its own line."""

    def module_of_doc(self, docname: str) -> ModuleRecord | None:
        """The module a page belongs to (``modules/<id>/...``), if any."""
        parts = docname.split("/")
        if len(parts) >= 3 and parts[0] == "modules":
            return self.data["modules"].get(f"modules/{parts[1]}/index")
        return None

    # --- cross-references -------------------------------------------------------------

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        target = target.strip()
        explicit = node.get("refexplicit", False)
        if typ == "module":
            record = self.module(target)
            if record is None:
                return None
            text = contnode if explicit else nodes.inline(record.meta.title, record.meta.title)
            return _refnode(builder, fromdocname, record.docname, None, text, record.id)
        if typ == "objective":
            module_id, _, objective_id = target.partition(".")
            record = self.module(module_id)
            objective = record.meta.objective(objective_id) if record else None
            if record is None or objective is None:
                return None
            text = contnode if explicit else nodes.inline(objective.text, objective.text)
            anchor = objective_anchor(record.id, objective.id)
            return _refnode(builder, fromdocname, record.docname, anchor, text)
        return None

    def warn_missing(self, node: pending_xref) -> None:
        """Our own message for an unresolved reference, with a hint; the text stays."""
        typ, target = node["reftype"], node["reftarget"].strip()
        module_id = target.partition(".")[0]
        if module_id in self.data["broken"].values() or node.get("course_quiet"):
            return  # already reported as bad metadata
        if typ == "module":
            known = ", ".join(r.id for r in self.records()) or "none"
            message = f"unknown module '{target}' (known modules: {known})"
        else:
            message = (
                f"unknown objective '{target}' (write module-id.objective-id, "
                "e.g. rel-01.o2; the ids are in the module's metadata)"
            )
        warn(message, CourseWarning.REFERENCE, node)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for typ in ("module", "objective"):
            if typ == "module" and self.module(target) is None:
                continue
            if typ == "objective" and "." not in target:
                continue
            ref = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
            if isinstance(ref, nodes.reference):
                results.append((f"course:{typ}", ref))
        return results

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        """Modules, objectives and exercises: the search index lists them by name."""
        for docname, entries in sorted(self.data["exercises"].items()):
            for exercise_id, _line, module_id, _objectives, title in entries:
                if module_id and title:
                    yield exercise_id, title, "exercise", docname, f"exercise-{exercise_id}", 1
        for record in self.records():
            yield record.id, record.meta.title, "module", record.docname, "", 1
            for objective in record.meta.objectives:
                yield (
                    f"{record.id}.{objective.id}",
                    objective.text,
                    "objective",
                    record.docname,
                    objective_anchor(record.id, objective.id),
                    2,
                )


def _warn_missing_reference(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """``warn-missing-reference``: replace Sphinx's generic message with ours."""
    if isinstance(domain, CourseDomain):
        domain.warn_missing(node)
        return True
    return None


def setup_domain(app: Sphinx) -> None:
    app.add_domain(CourseDomain)
    app.add_role("module", CourseXRefRole(warn_dangling=True))
    app.add_role("objective", CourseXRefRole(warn_dangling=True))
    app.connect("warn-missing-reference", _warn_missing_reference)


def programme_location(env: BuildEnvironment, line: int | None = None) -> str:
    """A ``path:line`` location in the vocabulary file, for warnings."""
    return f"{get_domain(env).programme_path}:{line or 1}"


def get_domain(env: BuildEnvironment) -> CourseDomain:
    domain = env.domains["course"]
    assert isinstance(domain, CourseDomain)
    return domain
