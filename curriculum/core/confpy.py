"""The settings of a course's ``conf.py`` that the command line and lint need, read
without running it (a pull request's conf.py is code; reading its constants is safe).

Only top-level assignments of literals count (strings, numbers, lists, dicts…); a
value computed at run time is reported as such, so a command never guesses.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curriculum.core.layout import PROGRAMME_FILE

CONF_FILE = "conf.py"


@dataclass(frozen=True)
class ConfValues:
    """Literal top-level settings of conf.py, and the names set to something else."""

    values: dict[str, Any] = field(default_factory=dict)
    computed: dict[str, int] = field(default_factory=dict)  #: name -> line
    problem: str = ""  #: why conf.py could not be read ("" when it was, or is absent)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def text(self, name: str, default: str) -> str:
        value = self.values.get(name, default)
        return value if isinstance(value, str) and value.strip() else default

    def strings(self, name: str, default: list[str]) -> list[str]:
        value = self.values.get(name)
        if isinstance(value, list | tuple | set) and all(isinstance(v, str) for v in value):
            return list(value)
        return list(default)

    @property
    def programme_file(self) -> str:
        return self.text("course_programme_file", PROGRAMME_FILE)


def read_conf(root: Path) -> ConfValues:
    path = root / CONF_FILE
    try:
        source = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return ConfValues()
    except (OSError, UnicodeDecodeError) as err:
        return ConfValues(problem=f"{CONF_FILE} cannot be read: {err}")
    try:
        tree = ast.parse(source, filename=CONF_FILE)
    except SyntaxError as err:
        return ConfValues(problem=f"{CONF_FILE}:{err.lineno}: {err.msg}")
    values: dict[str, Any] = {}
    computed: dict[str, int] = {}
    for node in tree.body:
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(node, ast.Assign):
            targets, value = list(node.targets), node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        for target in targets:
            if not isinstance(target, ast.Name) or value is None:
                continue
            try:
                values[target.id] = ast.literal_eval(value)
                computed.pop(target.id, None)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                values.pop(target.id, None)
                computed[target.id] = node.lineno
    return ConfValues(values, computed)


def programme_path(root: Path) -> Path:
    """Where the vocabulary is: ``course_programme_file`` of conf.py, else programme.yaml."""
    return root / read_conf(root).programme_file
