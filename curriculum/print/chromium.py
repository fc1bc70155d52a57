"""Headless Chromium printing a page we wrote to PDF: completion records (``curriculum
grade --records``) and slide decks (``curriculum slides --pdf``).

The system's Chromium (``.ci/install-system-deps`` installs it), with no network,
no first-run work and no sandbox (which fails when run as root, as in CI), and a
throw-away profile for each page.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from pathlib import Path

#: the flags the developers' guide gives for Debian's Chromium under Playwright too
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
#: seconds Chromium may take to print one page
PDF_TIMEOUT_S = 60
INSTALL_HINT = "run .ci/install-system-deps (it installs Chromium with apt-get)"


def install_hint(root: Path) -> str:
    """What to run to get Chromium: the repository's script where there is one."""
    if (root / ".ci" / "install-system-deps").is_file():
        return INSTALL_HINT
    return "install Chromium (Debian and Ubuntu: sudo apt-get install chromium)"


def find_chromium() -> str | None:
    """The Chromium on PATH, or None."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(
    chromium: str,
    url: str,
    pdf: Path,
    extra: tuple[str, ...] = (),
    timeout: float = PDF_TIMEOUT_S,
) -> bool:
    """The page at ``url`` printed to ``pdf``; False when that did not work.

    ``extra`` flags go before the address (``--virtual-time-budget=...`` lets a
    page's script lay it out before it is printed).
    """
    with contextlib.suppress(OSError):
        pdf.unlink(missing_ok=True)  # never mistake an old PDF for this run's
    with tempfile.TemporaryDirectory(prefix="curriculum-chromium-") as profile:
        command = [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            *extra,
            f"--print-to-pdf={pdf.resolve()}",
            url,
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except (OSError, subprocess.SubprocessError):
            return False
    try:
        return pdf.stat().st_size > 0 and pdf.read_bytes()[:5] == b"%PDF-"
    except OSError:
        return False
