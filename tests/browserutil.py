"""Chromium as the tests (and `make bench`) drive it, and a site served on loopback."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from curriculum.print.chromium import CHROMIUM_FLAGS as PRINT_FLAGS
from curriculum.print.chromium import find_chromium

#: the flags the developers' guide gives for Debian's Chromium under Playwright (the
#: same as the completion records' and the decks' printing)
CHROMIUM_FLAGS = list(PRINT_FLAGS)


def chromium_path() -> str | None:
    return find_chromium()


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
