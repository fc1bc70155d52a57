"""``curriculum offline``: the learner site as a zip that works from ``file://``.

Before zipping, every page, script and stylesheet is searched for anything a
browser would fetch from elsewhere (scripts, stylesheets, fonts, images,
``@import``): the package must work on a train, with no request leaving the
machine. Links a learner may follow are fine.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

#: things a browser loads by itself (not links a reader clicks)
_FAR = r"(?:https?:)?//"
_LOADS = r"(?:stylesheet|icon|preload|modulepreload)"
_REMOTE = [
    re.compile(rf"<script[^>]+src=[\"']{_FAR}", re.IGNORECASE),
    re.compile(rf"<link[^>]+href=[\"']{_FAR}[^\"']*[\"'][^>]*rel=[\"']?{_LOADS}", re.IGNORECASE),
    re.compile(rf"<link[^>]+rel=[\"']?{_LOADS}[^>]+href=[\"']{_FAR}", re.IGNORECASE),
    re.compile(rf"<(?:img|iframe|video|audio|source|embed)[^>]+src=[\"']{_FAR}", re.IGNORECASE),
    re.compile(rf"@import\s+(?:url\()?[\"']?{_FAR}", re.IGNORECASE),
    re.compile(rf"url\(\s*[\"']?{_FAR}", re.IGNORECASE),
]
_SCANNED = {".html", ".js", ".css"}


class OfflineError(Exception):
    pass


@dataclass(frozen=True)
class Remote:
    file: str
    line: int
    text: str


def remote_requests(site: Path) -> list[Remote]:
    """Every place in the site that would make the browser fetch from elsewhere."""
    found: list[Remote] = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in _SCANNED or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for pattern in _REMOTE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(Remote(path.relative_to(site).as_posix(), line, match.group(0)[:80]))
    return found


def make_offline(site: Path, out: Path, folder: str) -> int:
    """Zip ``site`` into ``out`` under ``folder/``; returns the zip's size in bytes."""
    if not (site / "index.html").is_file():
        raise OfflineError(f"no site in {site}: run 'make html' first")
    remote = remote_requests(site)
    if remote:
        lines = [f"{r.file}:{r.line}: loads {r.text}" for r in remote[:20]]
        raise OfflineError(
            "the site loads things from the network, which an offline copy "
            "cannot do:\n" + "\n".join(lines)
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file() and path.name != ".buildinfo":
                archive.write(path, f"{folder}/{path.relative_to(site).as_posix()}")
    return out.stat().st_size
