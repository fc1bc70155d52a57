"""Chromium as the tests (and `make bench`) drive it, and a site served on loopback."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from curriculum.cli.sheets import CHROMIUM_FLAGS as SHEET_FLAGS

#: the flags the developers' guide gives for Debian's Chromium under Playwright (the
#: same as the completion records' printing)
CHROMIUM_FLAGS = list(SHEET_FLAGS)


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """``folder`` on a free loopback port, as ``http://127.0.0.1:<port>``."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
