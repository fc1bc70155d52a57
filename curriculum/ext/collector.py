"""How a build uses Python's cyclic garbage collector.

A Sphinx build allocates hundreds of thousands of long-lived container objects (the
environment, doctrees, domain records) and frees little until the process ends.
Python's default collector settings suit the opposite, so profiling a build of the
400-module benchmark course (``make bench``) showed two costs that are not ours to
pay:

* while the saved environment is unpickled and while documents are read and
  written, young-generation collections run every 700 allocations and keep
  promoting the same objects; unpickling the environment took 0.6 s with the
  collector on and 0.09 s with it off;
* at interpreter exit the collector walks the whole heap several times over while
  modules are torn down: 0.7 s after the last page of an incremental build was
  written, against 0.03 s once the heap was frozen first.

So, for the length of a build, collections of the youngest generation run every
:data:`BUILD_THRESHOLD` allocations instead of 700 (peak memory of the 400-module
build grows by about a tenth), and the settings are put back when the build ends,
so that a test process running many builds is left as it was. At exit, the heap
is frozen (:func:`gc.freeze`) before the interpreter's final collections:
nothing is left to reclaim when a process ends, and files are already closed.
"""

from __future__ import annotations

import atexit
import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

BUILD_THRESHOLD = (50_000, 20, 20)
"""gc thresholds during a build: (youngest generation, middle, oldest)."""

_state: dict[str, object] = {}


def setup_collector(app: Sphinx) -> None:
    tune_for_build()
    app.connect("build-finished", _build_finished, priority=900)


def tune_for_build() -> None:
    """Raise the collector's thresholds (once; nested builds share the saved settings)."""
    if "saved" not in _state:
        _state["saved"] = gc.get_threshold()
        gc.set_threshold(
            *(max(new, old) for new, old in zip(BUILD_THRESHOLD, gc.get_threshold(), strict=True))
        )
    if "atexit" not in _state:
        atexit.register(gc.freeze)
        _state["atexit"] = True


def restore() -> None:
    """Put back the thresholds saved by :func:`tune_for_build`."""
    saved = _state.pop("saved", None)
    if isinstance(saved, tuple):
        gc.set_threshold(*saved)


def _build_finished(app: Sphinx, exception: BaseException | None) -> None:
    restore()
