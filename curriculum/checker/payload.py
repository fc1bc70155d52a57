"""What the browser's Python needs to check an artefact, as one zip.

Laid out as the command line sees it, so the same code finds the same files:

- ``site/``: ``curriculum`` (only the modules a check imports: :data:`MODULES`)
  and the pure-Python distributions it needs (:data:`DISTRIBUTIONS`), copied from
  the interpreter that builds the site, so the browser runs the very versions
  ``curriculum check`` runs. pydantic-core is compiled and comes as its own
  WebAssembly wheel (:mod:`curriculum.checker.runtime`).
- ``course/``: ``programme.yaml`` and, per exercise, ``exercise.yaml``,
  ``validator.py`` and the modules beside it with their comments blanked, and
  ``case.yaml``'s data written out again: comments are written for contributors
  and markers, and stay behind.

Never in it: ``solution.*``, ``marking.md``, ``cases/``, briefs and templates
(:func:`is_carried` is the one rule; tests check the zip against it).
"""

from __future__ import annotations

import hashlib
import io
import tokenize
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

import yaml

from curriculum.core.layout import EXERCISES_DIR
from curriculum.core.yamlsource import load_yaml

PACKAGE = Path(__file__).resolve().parents[1]
#: the curriculum modules a check imports (a test imports every validator and
#: checks that nothing else is needed, and that none of these imports Sphinx or click)
MODULES = (
    "__init__.py",
    "core/__init__.py",
    "core/contentpolicy.py",
    "core/diagnostics.py",
    "core/fences.py",  # reading.py's list of trainer-only directives
    "core/layout.py",
    "core/model.py",
    "core/programme.py",
    "core/reading.py",  # programme.py gives a module's record its reading time
    "core/units.py",  # ... and its units
    "core/settings.py",
    "core/timing.py",  # and its timing plan's shape
    "core/vocabulary.py",
    "core/yamlreaders.py",
    "core/yamlsource.py",
    "validation/*.py",
)
#: modules of those folders that no check imports: the self-test of the cases
#: (``curriculum test``), which stay behind with the cases themselves, and a cohort's
#: grading (``curriculum grade``), which is the trainer's
LEFT_BEHIND = (
    "validation/cases.py",
    "validation/selftest.py",
    "validation/cohort.py",
    "validation/roster.py",
)
#: pure-Python distributions and the top-level names of theirs that are needed
DISTRIBUTIONS = {
    "pydantic": ("pydantic",),
    "typing_extensions": ("typing_extensions.py",),
    "annotated_types": ("annotated_types",),
    "typing_inspection": ("typing_inspection",),
    "PyYAML": ("yaml",),  # pure Python; the C parser is optional and left out
}
#: files of an exercise folder that travel to the browser
CARRIED_SUFFIXES = (".py",)
CARRIED_NAMES = ("exercise.yaml", "case.yaml")
_EPOCH = (1980, 1, 1, 0, 0, 0)


class PayloadError(Exception):
    """A file the checker needs cannot be read; the message names it."""


@dataclass(frozen=True)
class Payload:
    data: bytes
    files: tuple[str, ...]

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()[:16]


def is_carried(relative: PurePosixPath) -> bool:
    """Whether a file of an exercise folder (``relative`` to the folder) goes to the browser."""
    if len(relative.parts) != 1:  # cases/ and any other folder stay behind
        return False
    name = relative.name
    return name in CARRIED_NAMES or (
        relative.suffix in CARRIED_SUFFIXES and not name.startswith(("test_", "solution."))
    )


def build_payload(root: Path, programme: Path, exercises: list[Path]) -> Payload:
    """The zip for a course at ``root`` with these exercise folders."""
    entries: dict[str, bytes] = {}
    for path in package_files():
        entries[f"site/curriculum/{path.relative_to(PACKAGE).as_posix()}"] = path.read_bytes()
    for distribution, names in DISTRIBUTIONS.items():
        entries.update(_distribution_files(distribution, names))
    entries["course/programme.yaml"] = _read(programme)
    for folder in exercises:
        for path in carried_files(folder):
            data = _read(path)
            if path.name == "case.yaml":
                data = _case_as_json(path, data)
            elif path.suffix == ".py":
                data = without_comments(path, data)
            entries[f"course/{EXERCISES_DIR}/{folder.name}/{path.name}"] = data
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, _EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    return Payload(buffer.getvalue(), tuple(sorted(entries)))


def package_files() -> list[Path]:
    """The files of :data:`MODULES`, without :data:`LEFT_BEHIND`."""
    return [
        path
        for pattern in MODULES
        for path in sorted(PACKAGE.glob(pattern))
        if path.relative_to(PACKAGE).as_posix() not in LEFT_BEHIND
    ]


def carried_files(folder: Path) -> list[Path]:
    """The files of one exercise folder that go to the browser, in order."""
    return [
        path
        for path in sorted(folder.iterdir())
        if path.is_file() and not path.is_symlink() and is_carried(PurePosixPath(path.name))
    ]


def fingerprint(programme: Path, exercises: list[Path]) -> str:
    """A digest of everything :func:`build_payload` reads (names, sizes and times of
    the files, versions of the distributions) and of this package's checker code:
    equal digests make equal payloads, so a rebuild that changed none of them
    (an edit to a page's text) need not make the payload again."""
    parts: list[str] = []
    for name in DISTRIBUTIONS:
        try:
            parts.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}:missing")  # build_payload says so
    files = package_files()
    files += [*sorted(Path(__file__).parent.glob("*.py")), programme]
    for folder in exercises:
        files.append(folder)
        files += carried_files(folder)
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            parts.append(f"{path}:missing")
            continue
        parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise PayloadError(f"{path}: cannot be read for the in-page checker ({err})") from err


def without_comments(path: Path, data: bytes) -> bytes:
    """Python source with every comment blanked; lines and columns stay where they
    were, so a traceback or a finding about the validator names the same line."""
    try:
        tokens = list(tokenize.tokenize(io.BytesIO(data).readline))
    except (tokenize.TokenError, SyntaxError):
        return data  # a broken validator is reported by its own import, in both places
    lines = data.decode("utf-8-sig").splitlines(keepends=True)
    for token in tokens:
        if token.type == tokenize.COMMENT:
            row, column = token.start
            line = lines[row - 1]
            ending = line[len(line.rstrip("\r\n")) :]
            lines[row - 1] = line[:column].rstrip() + ending
    return "".join(lines).encode("utf-8")


def _case_as_json(path: Path, data: bytes) -> bytes:
    try:
        loaded = load_yaml(data.decode("utf-8-sig")).data
    except Exception as err:  # the validator reads it too: its own check reports the detail
        raise PayloadError(f"{path}: cannot be read for the in-page checker ({err})") from err
    dumped = yaml.safe_dump(loaded, allow_unicode=True, sort_keys=False, width=100)
    return dumped.encode("utf-8")


def _distribution_files(distribution: str, names: tuple[str, ...]) -> dict[str, bytes]:
    try:
        found = metadata.distribution(distribution)
    except metadata.PackageNotFoundError as err:
        raise PayloadError(f"{distribution} is not installed (run make again)") from err
    entries: dict[str, bytes] = {}
    for file in found.files or []:
        parts = PurePosixPath(str(file)).parts
        if not parts or parts[0] not in names or PurePosixPath(str(file)).suffix != ".py":
            continue
        entries["site/" + "/".join(parts)] = Path(str(found.locate_file(file))).read_bytes()
    if not entries:
        raise PayloadError(f"no Python files of {distribution} found for the in-page checker")
    return entries
