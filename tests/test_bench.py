"""The benchmark runs end to end on a tiny course (figures are not judged here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import REPO

#: measured only with TeX Live, the real course, Chromium or the checker's runtime
OPTIONAL = {
    "pdf_s",
    "pdf_books_s",
    "pdf_ratio",
    "real_build_learner_s",
    "real_build_trainer_s",
    "checker_first_s",
    "checker_warm_s",
    "checker_site_mb",
    "checker_zip_mb",
}
KEYS = {
    "overhead_ratio",
    "scaling_ratio_400_100",
    "incremental_s",
    "check_cold_s",
    "grade_1000_s",
    "peak_rss_mb",
} | OPTIONAL


def test_tiny_benchmark_writes_every_key(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--tiny", "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "overhead_ratio" in result.stdout  # the table is printed
    results = json.loads(out.read_text())
    assert set(results) >= KEYS
    for key in KEYS - OPTIONAL:
        assert isinstance(results[key], float) and results[key] > 0, key
    for key in OPTIONAL:  # a figure, or a note saying why there is none
        assert results[key] is None or results[key] > 0, key
    if results["checker_first_s"] is None:
        assert any("checker" in note for note in results["notes"]), results["notes"]
    detail = results["detail"]
    # editing one module's text re-reads that module only, and rewrites it with the
    # generated pages, not the whole course (4 + 8 modules, 8 in the large course)
    assert detail["incremental_docs_reread"] == 1
    assert 1 <= detail["incremental_docs_written"] < detail["pages_large"] + 7
    assert results["targets_met"] is None  # tiny sizes are not judged


def test_synthetic_courses_share_their_teaching_text(tmp_path: Path) -> None:
    from benchmarks.synthetic import write_bare, write_course

    ours = write_course(tmp_path / "ours", 7)
    write_bare(tmp_path / "bare", 7)
    assert [m.id for m in ours] == [
        "fnd-01",
        "dsk-01",
        "rel-01",
        "flo-01",
        "sup-01",
        "lead-01",
        "fnd-02",
    ]
    mine = (tmp_path / "ours" / "modules" / "fnd-02" / "index.md").read_text()
    bare = (tmp_path / "bare" / "modules" / "fnd-02" / "index.md").read_text()
    assert "prerequisites: [fnd-01]" in mine and "{quiz} fnd-02-check" in mine
    assert "{" not in bare.replace("{admonition}", "")  # no directive or role of ours
    for heading, paragraphs, _example in ours[-1].sections:
        assert f"## {heading}" in mine and f"## {heading}" in bare
        assert paragraphs[0] in mine and paragraphs[0] in bare
    assert (tmp_path / "ours" / "exercises" / "fnd-02-ex" / "validator.py").is_file()
