"""The reviewed allow-list: ``lint-allow.yaml`` at the course root.

Each entry names a file, a check code and why a reviewer accepted it::

    - path: modules/rel-09/index.md
      code: raw-html
      reason: an accessible SVG diagram reviewed in PR 123

Only maintainers should approve changes to this file.
"""

from __future__ import annotations

from pathlib import Path

from curriculum.core.yamlsource import YamlSourceError, load_yaml

ALLOW_FILE = "lint-allow.yaml"


def load_allow_list(root: Path) -> set[tuple[str, str]]:
    """(path, code) pairs that are allowed; an unreadable list allows nothing."""
    path = root / ALLOW_FILE
    if not path.is_file():
        return set()
    try:
        data = load_yaml(path.read_text(encoding="utf-8")).data
    except (OSError, UnicodeDecodeError, YamlSourceError):
        return set()
    allowed: set[tuple[str, str]] = set()
    for entry in data if isinstance(data, list) else []:
        if (
            isinstance(entry, dict)
            and isinstance(entry.get("path"), str)
            and isinstance(entry.get("code"), str)
            and isinstance(entry.get("reason"), str)
            and entry["reason"].strip()
        ):
            allowed.add((entry["path"], entry["code"]))
    return allowed
