"""The build refuses untrusted content before and while it reads a page.

Contributions are untrusted (see CONTRIBUTING.md): lint checks sources first,
but the build must not rely on lint having run. This module closes what a page
could otherwise do while it is read:

- **front matter** of every page is loaded with the course's safe YAML loader
  (size, depth and alias limits) before MyST reads it; keys that configure the
  parser (``myst``, ``html_meta``, ``substitutions``) are removed, with a
  located error, so a page cannot turn on Jinja substitutions or add a
  ``<meta>`` refresh. ``substitution`` is refused in ``conf.py`` too;
- **bytes that are not UTF-8** are one located error instead of a crash;
- **symbolic links** under ``modules/`` and ``exercises/`` that loop or leave
  their folder are skipped and named;
- **includes** (``{include}``, ``{literalinclude}``, a ``:file:`` option) cannot
  read outside the repository, nor a trainer-only file in the learner edition;
  ``:url:`` options, which fetch from the network while building, are refused.

What a page holds after parsing is checked by :mod:`curriculum.ext.audit`, and the
written HTML by :mod:`curriculum.ext.outputscan`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst.directives.misc import Raw
from docutils.parsers.rst.directives.tables import CSVTable
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include

from curriculum.core.contentpolicy import (
    BUILD_CONFIG_KEYS,
    FRONT_MATTER_MAX_BYTES,
    PAGE_FRONT_MATTER_KEYS,
    TRAINER_FILE_HINT,
    inside,
    refused_symlinks,
    trainer_file,
)
from curriculum.core.layout import MODULE_PAGE, MODULES_DIR
from curriculum.core.model import ModuleMeta
from curriculum.core.programme import is_module_docname
from curriculum.core.settings import CourseSettings
from curriculum.core.yamlsource import YamlSourceError, load_yaml
from curriculum.ext.config import get_config
from curriculum.ext.domain import get_domain
from curriculum.ext.warnings import CourseWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

# --- configuration ------------------------------------------------------------------


def _config_inited(app: Sphinx, config: Config) -> None:
    if "substitution" in config.myst_enable_extensions:
        warn(
            "myst_enable_extensions holds 'substitution', which renders page text as Jinja "
            "templates, so a page could run code during the build; it is turned off "
            "(remove it from conf.py)",
            CourseWarning.SAFETY,
        )
        config.myst_enable_extensions = [
            e for e in config.myst_enable_extensions if e != "substitution"
        ]
    for shown, why in refused_symlinks(Path(app.srcdir)):
        warn(
            f"{shown} is a symbolic link and {why}; the build skips it "
            "(replace the link with the files themselves)",
            CourseWarning.SAFETY,
        )
        config.exclude_patterns = [*config.exclude_patterns, shown]


# --- reading ------------------------------------------------------------------------


def _before_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Leave out each page that is not UTF-8, reported at the line of its first bad byte.

    Sphinx would stop with a traceback on such a page; a page left out is also
    reported where a toctree names it.
    """
    for docname in list(docnames):
        raw = Path(env.doc2path(docname)).read_bytes()
        try:
            raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = raw[: err.start].count(b"\n") + 1
            warn(
                f"the page is not UTF-8 text (byte 0x{raw[err.start]:02x} on this line), so "
                "it is left out; save it with UTF-8 encoding",
                CourseWarning.SAFETY,
                (docname, line),
            )
            docnames.remove(docname)
            env.found_docs.discard(docname)


#: characters that str.splitlines() (MyST's front-matter reader) ends a line at, besides \n
_OTHER_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\r]")


def _source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    programme = get_domain(app.env).programme
    course = programme.course if programme is not None else None
    source[0] = guard_front_matter(source[0], docname, course)


def guard_front_matter(text: str, docname: str, course: CourseSettings | None = None) -> str:
    """The page with unsafe or oversized front matter taken out (line numbers kept)."""
    lines = text.split("\n")
    if not lines or not lines[0].startswith("---"):
        return text
    # the block as MyST delimits it: up to the first line starting with --- or ...
    end = next((i for i in range(1, len(lines)) if lines[i].startswith(("---", "..."))), None)
    if end is None:
        return text  # unclosed: MyST reads no front matter; the metadata check reports it
    body = "\n".join(lines[1:end]) + "\n"
    module_page = is_module_docname(docname, course)
    if _OTHER_BREAKS.search("\n".join(lines[: end + 1])):
        # MyST splits the block at these too (str.splitlines): it would read other lines
        # than the ones checked here, so the whole block is refused
        warn(
            "the front matter holds an unusual line break (vertical tab, form feed or a "
            "Unicode line separator); it is ignored (retype those lines)",
            CourseWarning.SAFETY,
            (docname, 1),
        )
        return "\n" * end + "\n".join(lines[end + 1 :])
    try:
        if len(body.encode()) > FRONT_MATTER_MAX_BYTES:
            raise YamlSourceError(
                f"the front matter is larger than {FRONT_MATTER_MAX_BYTES // 1024} KB", 1
            )
        loaded = load_yaml(body, first_line=2, max_bytes=FRONT_MATTER_MAX_BYTES)
    except YamlSourceError as err:
        if not module_page:  # a module's metadata check reports it, with its hint
            warn(
                f"the front matter cannot be read: {err.message}"
                + (f" ({err.hint})" if err.hint else ""),
                CourseWarning.SAFETY,
                (docname, err.line or 1),
            )
        return "\n" * end + "\n".join(lines[end + 1 :])
    if not isinstance(loaded.data, dict):
        return text
    refused = [key for key in loaded.data if _refused_key(str(key), module_page)]
    if not refused:
        return text
    if len(refused) == len(loaded.data):  # nothing left: no front matter at all
        lines[: end + 1] = [""] * (end + 1)
    starts = sorted((loaded.line_of((key,)), str(key)) for key in loaded.data)
    parts = docname.split("/")
    # module metadata in a folder not named like a module: the metadata check says so
    # once (rename the folder); a warning per key here would only repeat it
    misplaced = len(parts) == 3 and parts[0] == MODULES_DIR and parts[2] == MODULE_PAGE
    for key in refused:
        line = loaded.line_of((key,))
        following = [start for start, _ in starts if start > line]
        stop = following[0] if following else end + 1
        for number in range(line, stop):
            lines[number - 1] = ""
        if key in BUILD_CONFIG_KEYS:
            why = (
                f"'{key}' in a page's front matter configures the build (parser extensions, "
                "substitutions, <meta> tags), which pages may not do; it is ignored"
            )
            hint = "remove it; settings belong in conf.py, which maintainers review"
        else:
            allowed = ", ".join(sorted(PAGE_FRONT_MATTER_KEYS))
            why = f"'{key}' is not a front-matter key a page may set; it is ignored"
            hint = f"remove it (a page's front matter may hold: {allowed})"
        if not (misplaced and key in ModuleMeta.model_fields):
            warn(f"{why} ({hint})", CourseWarning.SAFETY, (docname, line))
    return "\n".join(lines)


def _refused_key(key: str, module_page: bool) -> bool:
    if key in BUILD_CONFIG_KEYS:
        return True
    return not module_page and key not in PAGE_FRONT_MATTER_KEYS


# --- files a directive reads ----------------------------------------------------------


def file_refusal(env: BuildEnvironment, path: str | Path) -> str | None:
    """Why a directive may not read ``path`` on the page being read, or None."""
    root = Path(env.srcdir)
    if not inside(root, path):
        return "it lies outside the repository"
    if not get_config(env).is_trainer:
        hidden = trainer_file(root, path)
        if hidden is not None:
            return f"{hidden} is trainer-only; {TRAINER_FILE_HINT}"
    return None


def _include_read(app: Sphinx, relative: Path, parent: str, content: list[str]) -> None:
    env = app.env
    why = file_refusal(env, Path(env.srcdir) / relative)
    if why is not None:
        warn(
            f"this page includes '{relative.as_posix()}', which it may not: {why}",
            CourseWarning.SAFETY,
            (env.docname, None),
        )
        content[0] = ""


def refuse_file(env: BuildEnvironment, written: str, what: str, location: Any) -> bool:
    """Report and refuse a file a directive names (``written``, as in the page) when it
    may not be read here; False when it may."""
    why = file_refusal(env, env.relfn2path(written)[1])
    if why is not None:
        warn(f"{what} '{written}' refused: {why}", CourseWarning.SAFETY, location)
    return why is not None


class GuardedLiteralIncludeDirective(LiteralInclude):
    """``{literalinclude}`` that cannot read outside the repository or a trainer file."""

    def run(self) -> list[nodes.Node]:
        # the file, and the second file that :diff: compares it with
        for written in (self.arguments[0], self.options.get("diff")):
            if written and refuse_file(self.env, written, "literalinclude of", self.get_location()):
                return []
        return super().run()


class GuardedIncludeDirective(Include):
    """rST ``include`` (inside ``eval-rst``), whose ``:literal:`` and ``:code:`` forms
    read the file without the ``include-read`` event."""

    def run(self) -> Any:
        written = self.arguments[0]
        standard = written.startswith("<") and written.endswith(">")  # docutils' own files
        if not standard and refuse_file(self.env, written, "include of", self.get_location()):
            return []
        return super().run()


class _NoUrlMixin:
    """Directives whose ``:url:`` fetches from the network and ``:file:`` reads a file."""

    def run(self) -> Any:
        directive: Any = self
        env = directive.state.document.settings.env
        location = (env.docname, directive.lineno)
        if "url" in directive.options:
            warn(
                f"the {directive.name} directive's :url: option fetches from the network while "
                "the course builds, which pages may not do (copy the content into the page)",
                CourseWarning.SAFETY,
                location,
            )
            return []
        written = directive.options.get("file")
        if written and refuse_file(
            env, written, f"the {directive.name} directive's :file:", location
        ):
            return []
        return super().run()  # type: ignore[misc]


class GuardedRawDirective(_NoUrlMixin, Raw):
    """``raw``: no network or outside files (its output is refused later unless allowed)."""


class GuardedCSVTableDirective(_NoUrlMixin, CSVTable):
    """``csv-table``: no network, no outside or trainer-only files."""


def setup_guard(app: Sphinx) -> None:
    app.connect("config-inited", _config_inited, priority=100)
    app.connect("env-before-read-docs", _before_read)
    app.connect("source-read", _source_read, priority=100)
    app.connect("include-read", _include_read, priority=100)
    app.add_directive("include", GuardedIncludeDirective, override=True)
    app.add_directive("literalinclude", GuardedLiteralIncludeDirective, override=True)
    app.add_directive("raw", GuardedRawDirective, override=True)
    app.add_directive("csv-table", GuardedCSVTableDirective, override=True)
