"""Compiled templates are kept between builds (curriculum.ext.templatecache)."""

from __future__ import annotations

from pathlib import Path

from curriculum.ext.templatecache import CACHE_FOLDER

from .conftest import ROOTS
from .sphinxutil import build, warning_lines


def test_templates_are_compiled_once_and_reused(tmp_path: Path) -> None:
    builddir = tmp_path / "build"
    first = build(ROOTS / "test-course", builddir)
    cache = first.doctreedir / CACHE_FOLDER
    compiled = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.cache")}
    assert len(compiled) >= 2, "the layout and the templates it extends"
    home = (first.outdir / "index.html").read_bytes()
    again = build(ROOTS / "test-course", builddir, fresh=False)
    assert warning_lines(again) == []
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("*.cache")} == compiled
    assert (again.outdir / "index.html").read_bytes() == home


def test_other_builders_keep_no_template_cache(tmp_path: Path) -> None:
    built = build(ROOTS / "test-course", tmp_path / "build", "latex")
    assert not (built.doctreedir / CACHE_FOLDER).exists()
