"""Untrusted contributions, as the build sees them (issue 21).

Each test plants what a hostile or careless contributor could write into a copy
of the small test course and builds it the way `make html` does. The build must
refuse it with a located `course.safety` warning (fatal under -W), and the
output must hold nothing executable, no trainer text and no outside file,
whether or not the build was strict.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from curriculum.core.htmlscan import scan_html
from curriculum.ext.outputscan import scan_site

from .conftest import sphinx_build
from .sphinxutil import build, readable_bytes

EDITIONS = ["learner", "trainer"]
MARK = "zqxmarker"  # in every planted attack: it must never reach a page as markup


def plant(src: Path, name: str, text: str, toctree: bool = True) -> None:
    """Write a page into the copy and link it from the home page's toctree."""
    (src / name).parent.mkdir(parents=True, exist_ok=True)
    (src / name).write_text(text, encoding="utf-8")
    if toctree:
        index = src / "index.md"
        index.write_text(
            index.read_text(encoding="utf-8").replace(
                "catalogue\n```", f"catalogue\n{name.removesuffix('.md')}\n```"
            ),
            encoding="utf-8",
        )


def with_design(src: Path) -> None:
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace(
            '["myst_parser", "curriculum"]', '["myst_parser", "sphinx_design", "curriculum"]'
        )
        + '\nmyst_enable_extensions = ["colon_fence", "deflist"]\n',
        encoding="utf-8",
    )


def output_bytes(root: Path) -> str:
    """Every file of a build (pages, downloads, images, doctrees), as one text."""
    return "\n".join(
        readable_bytes(p).decode("utf-8", "replace") for p in sorted(root.rglob("*")) if p.is_file()
    )


def executable(outdir: Path) -> list[str]:
    """What the output scan would find in the pages (before it withholds them)."""
    found = scan_site(outdir)
    return [f"{page}:{f.line}: {f.what}" for page, items in found.items() for f in items]


def safety(warnings: str) -> list[str]:
    return [line for line in warnings.splitlines() if "[course.safety]" in line]


# --- 1. nothing in a page configures the build -------------------------------------------

CONFIGURING = {
    "myst-substitution": (
        "---\nmyst:\n  enable_extensions: [substitution]\n  substitutions:\n"
        "    x: \"{{ 'zq' ~ 'xsub' }}\"\n---\n# Page\n\n"
        'Value {{ x }} and {{ "zq" ~ "xjinja" }}.\n'
    ),
    "myst-html-meta": (
        '---\nmyst:\n  html_meta:\n    "http-equiv=refresh": "0; url=https://example.org"\n'
        "---\n# Page\n\nText.\n"
    ),
    "top-level-html-meta": (
        '---\nhtml_meta:\n  "http-equiv=refresh": "0; url=https://example.org"\n---\n# Page\n'
    ),
    "top-level-substitutions": '---\nsubstitutions:\n  x: "{{ 6 * 7 }}"\n---\n# Page\n\n{{ x }}\n',
}


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("case", sorted(CONFIGURING))
def test_a_page_cannot_configure_the_parser(course_copy, tmp_path, case: str, edition: str) -> None:
    src = course_copy()
    plant(src, "extra.md", CONFIGURING[case])
    built = build(src, tmp_path / "out", edition=edition)
    refused = safety(built.warnings)
    assert refused and all("extra.md:2" in line for line in refused), built.warnings
    page = (built.outdir / "extra.html").read_text(encoding="utf-8")
    assert "zqxsub" not in page and "zqxjinja" not in page and ">42<" not in page
    assert "refresh" not in page.lower()


def test_substitution_in_conf_is_turned_off(course_copy, tmp_path) -> None:
    src = course_copy()
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + '\nmyst_enable_extensions = ["colon_fence", "substitution"]\n',
        encoding="utf-8",
    )
    plant(src, "extra.md", '# Page\n\nValue {{ "zq" ~ "xjinja" }}.\n')
    built = build(src, tmp_path / "out")
    assert any("'substitution'" in line for line in safety(built.warnings))
    assert "zqxjinja" not in (built.outdir / "extra.html").read_text(encoding="utf-8")


def test_unknown_front_matter_key_on_a_page_is_refused_with_its_line(course_copy, tmp_path):
    src = course_copy()
    plant(src, "extra.md", "---\norphan: true\nredirect: https://example.org\n---\n# Page\n")
    built = build(src, tmp_path / "out")
    refused = safety(built.warnings)
    assert len(refused) == 1 and "extra.md:3" in refused[0] and "'redirect'" in refused[0]


# --- 2. script cannot reach a page, whatever text carries it -----------------------------

QUIZ_WITH_HTML = """# Page

:::{quiz} extra-check
- id: q1
  question: "What <img src=x onerror=alert(1) data-m=zqxmarker>?"
  options:
    - text: "<script>zqxmarker()</script>"
      correct: true
      feedback: "Right <b onmouseover=zqxmarker()>yes</b>"
    - text: "No"
      feedback: "No <iframe src=javascript:zqxmarker()></iframe>"
:::
"""

SCRIPTED = {
    "html-block": "# Page\n\n<script>zqxmarker()</script>\n",
    "inline-html": "# Page\n\nText <img src=x onerror=zqxmarker()> more.\n",
    "raw-upper-case": "# Page\n\n```{RAW} html\n<script>zqxmarker()</script>\n```\n",
    "raw-mixed-case": "# Page\n\n:::{Raw} html\n<script>zqxmarker()</script>\n:::\n",
    "raw-yaml-options": (
        "# Page\n\n```{raw} html\n---\nclass: x\n---\n<script>zqxmarker()</script>\n```\n"
    ),
    "eval-rst-raw": (
        "# Page\n\n```{eval-rst}\n.. raw:: html\n\n   <script>zqxmarker()</script>\n```\n"
    ),
    "eval-rst-raw-indented": (
        "# Page\n\n```{eval-rst}\n.. note::\n\n    .. raw:: html\n\n"
        "       <script>zqxmarker()</script>\n```\n"
    ),
    "admonition-title": (
        "# Page\n\n:::{admonition} Title <script>zqxmarker()</script>\nBody.\n:::\n"
    ),
    "nested-directive": (
        "# Page\n\n::::{note}\n:::{tip}\n<img src=x onerror=zqxmarker()>\n:::\n::::\n"
    ),
    "list-table": ("# Page\n\n```{list-table}\n* - <script>zqxmarker()</script>\n  - b\n```\n"),
    "csv-table": '# Page\n\n```{csv-table}\n"<img src=x onerror=zqxmarker()>",b\n```\n',
    "figure-caption": (
        "# Page\n\n```{figure} missing.png\n:alt: A picture\n\n"
        "Caption <script>zqxmarker()</script>\n```\n"
    ),
    "glossary": (
        "# Page\n\n```{glossary}\nTerm <script>zqxmarker()</script>\n"
        "  Definition <img src=x onerror=zqxmarker()>\n```\n"
    ),
    "quiz": QUIZ_WITH_HTML,
    "include-text-file": "# Page\n\n```{include} snippet.txt\n```\n",
    "meta-directive": (
        "# Page\n\n```{eval-rst}\n.. meta::\n   :http-equiv=refresh: 0; url=https://zqxmarker.example\n```\n"
    ),
}


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("case", sorted(SCRIPTED))
def test_no_script_reaches_a_page(course_copy, tmp_path, case: str, edition: str) -> None:
    src = course_copy()
    (src / "snippet.txt").write_text("<script>zqxmarker()</script>\n", encoding="utf-8")
    plant(src, "extra.md", SCRIPTED[case])
    built = build(src, tmp_path / "out", edition=edition)
    assert safety(built.warnings), built.warnings
    assert "the written file" not in built.warnings, "the build itself must refuse it"
    assert executable(built.outdir) == []
    page = (built.outdir / "extra.html").read_text(encoding="utf-8")
    for tag in ("<script>zqx", "onerror=", "onmouseover", "<iframe", "http-equiv"):
        assert tag not in page, (tag, case)


def test_script_in_an_exercise_brief_and_marking_notes(course_copy, tmp_path) -> None:
    src = course_copy()
    folder = src / "exercises" / "a-01-sum"
    for name in ("brief.md", "marking.md"):
        with (folder / name).open("a", encoding="utf-8") as f:
            f.write("\n<script>zqxmarker()</script>\n\n[x](javascript:zqxmarker())\n")
    for edition in EDITIONS:
        built = build(src, tmp_path / edition, edition=edition)
        refused = safety(built.warnings)
        shown = "brief.md" if edition == "learner" else "marking.md"
        assert any(shown in line for line in refused), built.warnings
        assert executable(built.outdir) == []
        assert "<script>zqx" not in output_bytes(built.outdir)


LINKS = {
    "markdown-autolink": "# Page\n\n<javascript:zqxmarker()>\n",
    "eval-rst-link": "# Page\n\n```{eval-rst}\n`go <javascript:zqxmarker()>`_\n```\n",
    "entity-obfuscated": "# Page\n\n```{eval-rst}\n`go <java&#x09;script:zqxmarker()>`_\n```\n",
    "data-url": "# Page\n\n```{eval-rst}\n`go <data:text/html,zqxmarker>`_\n```\n",
    "button-link": "# Page\n\n```{button-link} javascript:zqxmarker()\nGo\n```\n",
    "card-link": "# Page\n\n:::{card} Title\n:link: javascript:zqxmarker()\nBody\n:::\n",
    "image-target": (
        "# Page\n\n```{image} missing.png\n:alt: A picture\n:target: javascript:zqxmarker()\n```\n"
    ),
    "toctree-entry": "# Page\n\n```{toctree}\nGo <javascript:zqxmarker()>\n```\n",
}


#: MyST and Sphinx read these as text or as a page name, never as a link
PLAIN_TEXT = {"markdown-autolink", "toctree-entry"}


@pytest.mark.parametrize("case", sorted(LINKS))
def test_no_javascript_or_data_address_in_a_link(course_copy, tmp_path, case: str) -> None:
    src = course_copy()
    with_design(src)
    plant(src, "extra.md", LINKS[case])
    built = build(src, tmp_path / "out")
    if case not in PLAIN_TEXT:
        assert safety(built.warnings), built.warnings
    assert "the written file" not in built.warnings
    assert executable(built.outdir) == []
    hrefs = [a.get("href", "") for a in built.html("extra").find_all("a")]
    assert not [h for h in hrefs if "zqxmarker" in h], hrefs


# --- 3. the output scan: what a build writes is checked, and withheld ---------------------


def test_output_scan_catches_a_scripted_download_and_svg_and_withholds_them(
    course_copy, tmp_path
) -> None:
    src = course_copy()
    (src / "page.html").write_text("<html><script>zqxmarker()</script></html>", encoding="utf-8")
    (src / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>zqxmarker()</script></svg>',
        encoding="utf-8",
    )
    plant(src, "extra.md", "# Page\n\n{download}`a page <page.html>`\n\n![A logo](logo.svg)\n")
    built = build(src, tmp_path / "out")
    scanned = [line for line in safety(built.warnings) if "the written file" in line]
    assert any("_downloads/" in line and "page.html" in line for line in scanned), built.warnings
    assert any("_images/logo.svg" in line for line in scanned), built.warnings
    assert executable(built.outdir) == []  # both files were replaced by a notice
    assert "zqxmarker" not in output_bytes(built.outdir / "_downloads")
    result = sphinx_build(src, tmp_path / "strict")
    assert result.returncode != 0 and "[course.safety]" in result.stderr


def test_output_scan_reads_xml_and_compressed_svg_downloads_too(course_copy, tmp_path) -> None:
    import gzip

    src = course_copy()
    (src / "feed.xml").write_text(
        '<html xmlns="http://www.w3.org/1999/xhtml"><script>zqxmarker()</script></html>',
        encoding="utf-8",
    )
    (src / "map.svgz").write_bytes(
        gzip.compress(b'<svg xmlns="http://www.w3.org/2000/svg" onload="zqxmarker()"/>')
    )
    plant(src, "extra.md", "# Page\n\n{download}`feed <feed.xml>` and {download}`map <map.svgz>`\n")
    built = build(src, tmp_path / "out")
    scanned = [line for line in safety(built.warnings) if "the written file" in line]
    assert any("feed.xml" in line for line in scanned) and any(
        "map.svgz" in line for line in scanned
    )
    assert executable(built.outdir) == []


def test_an_exercise_id_never_leads_out_of_exercises(course_copy, tmp_path) -> None:
    src = course_copy()
    outside = tmp_path / "evil"
    outside.mkdir()
    (outside / "exercise.yaml").write_text("id: evil\n", encoding="utf-8")
    relative = os.path.relpath(outside, src / "exercises")
    plant(src, "extra.md", f"# Page\n\n```{{exercise}} {relative}\n```\n")
    built = build(src, tmp_path / "out")
    assert "unknown exercise" in built.warnings
    from curriculum.validation.registry import find_exercise

    assert find_exercise(src, relative) is None and find_exercise(src, "a-01-sum") is not None


def test_html_scanner_allows_the_themes_scripts_and_refuses_the_rest() -> None:
    page = "modules/a/index.html"
    good = '<script src="../../_static/course.js?v=1" defer></script><a href="https://x.org">x</a>'
    assert scan_html(good, page) == []
    bad = {
        '<script src="../../evil.js"></script>': "script",
        '<script src="https://cdn.example/x.js"></script>': "script",
        "<script>alert(1)</script>": "inline",
        '<a href="JaVaScRiPt:alert(1)">x</a>': "javascript:",
        '<a href=" &#x6A;avascript:alert(1)">x</a>': "javascript:",
        '<iframe src="https://x.org"></iframe>': "iframe",
        '<meta http-equiv="refresh" content="0; url=https://x.org">': "refresh",
        '<div onclick="x()">x</div>': "onclick",
        '<form action="javascript:x()"></form>': "javascript:",
        '<svg><a xlink:href="javascript:x()">x</a></svg>': "javascript:",
        '<svg><set attributeName="href" to="https://x.org"/></svg>': "rewrites a link",
    }
    for markup, what in bad.items():
        findings = scan_html(f"<p>\n{markup}</p>", page)
        assert findings and what in findings[0].what and findings[0].line == 2, markup
    assert scan_html('<img src="data:image/png;base64,AAAA" alt="x">', page) == []


# --- 4. trainer files stay trainer files ---------------------------------------------------

SOLUTION = "exercises/a-01-sum/solution.yaml"
LEAKS = {
    "include-marking": "# Page\n\n```{include} exercises/a-01-sum/marking.md\n```\n",
    "literalinclude-solution": f"# Page\n\n```{{literalinclude}} {SOLUTION}\n```\n",
    "download-solution": f"# Page\n\n{{download}}`answers <{SOLUTION}>`\n",
    "markdown-link-solution": f"# Page\n\n[answers]({SOLUTION})\n",
    "literalinclude-case": (
        "# Page\n\n```{literalinclude} exercises/a-01-sum/cases/pass/solution-copy.yaml\n```\n"
    ),
    "csv-table-file": "# Page\n\n```{csv-table}\n:file: exercises/a-01-sum/marking.md\n```\n",
    "eval-rst-literal-include": (
        "# Page\n\n```{eval-rst}\n.. include:: exercises/a-01-sum/marking.md\n   :literal:\n```\n"
    ),
    "eval-rst-code-include": (
        "# Page\n\n```{eval-rst}\n.. include:: exercises/a-01-sum/marking.md\n   :code: md\n```\n"
    ),
    "literalinclude-diff": (f"# Page\n\n```{{literalinclude}} index.md\n:diff: {SOLUTION}\n```\n"),
    "only-directive": "# Page\n\n```{only} trainer\nThe answer is zqxonly.\n```\n",
}


def trainer_texts(src: Path) -> list[str]:
    folder = src / "exercises" / "a-01-sum"
    texts = [folder / "marking.md", folder / "solution.yaml"]
    return [line.strip() for p in texts for line in p.read_text().splitlines() if len(line) > 12]


@pytest.mark.parametrize("case", sorted(LEAKS))
def test_trainer_files_never_reach_the_learner_edition(course_copy, tmp_path, case: str) -> None:
    src = course_copy()
    plant(src, "extra.md", LEAKS[case])
    built = build(src, tmp_path / "out")
    refused = safety(built.warnings)
    assert any("trainer-only" in line or "{only}" in line for line in refused), built.warnings
    everything = output_bytes(tmp_path / "out")  # pages, _downloads/, doctrees
    assert "zqxonly" not in everything
    marking = (src / "exercises" / "a-01-sum" / "marking.md").read_text().splitlines()[0]
    assert marking not in everything
    assert not list(built.outdir.glob("_downloads/*/solution.yaml"))
    assert not list(built.outdir.glob("_downloads/*/marking.md"))


def test_a_trainer_note_may_show_a_trainer_file_in_the_trainer_edition(course_copy, tmp_path):
    src = course_copy()
    page = f"# Page\n\n:::{{trainer-note}} Answers\n```{{literalinclude}} {SOLUTION}\n```\n:::\n"
    plant(src, "extra.md", page)
    learner = build(src, tmp_path / "learner")
    trainer = build(src, tmp_path / "trainer", edition="trainer")
    assert safety(learner.warnings) == [] and safety(trainer.warnings) == []
    token = (src / SOLUTION).read_text().split()[-1]  # a word only the model answer holds
    assert token in trainer.html("extra").get_text()
    assert token not in output_bytes(tmp_path / "learner")


@pytest.mark.parametrize("edition", EDITIONS)
def test_includes_cannot_reach_outside_the_repository(course_copy, tmp_path, edition) -> None:
    src = course_copy()
    outside = tmp_path / "secret.txt"
    outside.write_text("zqxsecret from the build machine\n", encoding="utf-8")
    relative = os.path.relpath(outside, src)
    plant(
        src,
        "extra.md",
        f"# Page\n\n```{{literalinclude}} {relative}\n```\n\n```{{include}} {relative}\n```\n\n"
        f"{{download}}`x <{relative}>`\n\n```{{csv-table}}\n:file: {relative}\n```\n",
    )
    built = build(src, tmp_path / "out", edition=edition)
    refused = [line for line in safety(built.warnings) if "outside the repository" in line]
    assert len(refused) >= 4, built.warnings
    assert "zqxsecret" not in output_bytes(tmp_path / "out")


def test_url_options_never_fetch_while_building(course_copy, tmp_path) -> None:
    src = course_copy()
    plant(src, "extra.md", "# Page\n\n```{csv-table}\n:url: https://127.0.0.1:9/x.csv\n```\n")
    built = build(src, tmp_path / "out")
    assert any(":url:" in line for line in safety(built.warnings)), built.warnings


def test_nested_trainer_note_leaves_no_stored_source_in_learner_doctrees(course_copy, tmp_path):
    src = course_copy()
    plant(
        src,
        "extra.md",
        "# Page\n\n::::{admonition} Outer\nLearner words.\n\n:::{trainer-note}\n"
        "Only trainers read zqxnested.\n:::\n::::\n",
    )
    built = build(src, tmp_path / "out")
    assert "Learner words" in (built.outdir / "extra.html").read_text(encoding="utf-8")
    assert "zqxnested" not in output_bytes(tmp_path / "out")


# --- 5. bounded work: links, encodings, front matter ----------------------------------------


def test_a_symlink_loop_in_modules_is_named_and_skipped(course_copy, tmp_path) -> None:
    src = course_copy()
    (src / "modules" / "loop").symlink_to(src, target_is_directory=True)
    (src / "modules" / "away").symlink_to(tmp_path, target_is_directory=True)
    (src / "modules" / "answers").symlink_to(src / "exercises", target_is_directory=True)
    started = time.monotonic()
    built = build(src, tmp_path / "out")
    assert time.monotonic() - started < 60  # a loop read 2,792 documents for 5 minutes
    refused = "\n".join(safety(built.warnings))
    assert "modules/loop" in refused and "loop" in refused
    assert "modules/away" in refused and "outside the repository" in refused
    assert "modules/answers" in refused
    assert not (built.outdir / "modules" / "loop").exists()
    assert not (built.outdir / "modules" / "answers").exists()


@pytest.mark.parametrize("page", ["modules/a-01/index.md", "extra.md"])
def test_a_page_that_is_not_utf8_is_one_located_error(course_copy, tmp_path, page) -> None:
    src = course_copy()
    if page == "extra.md":
        plant(src, page, "# Page\n\nText.\n")
    path = src / page
    raw = path.read_bytes()
    cut = raw.index(b"\n", raw.index(b"\n") + 1) + 1  # after the second line
    path.write_bytes(raw[:cut] + b"caf\xe9 au lait\n" + raw[cut:])
    result = sphinx_build(src, tmp_path / "out")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Exception occurred" not in result.stderr
    assert f"{page}:3: WARNING: the page is not UTF-8" in result.stderr.replace(str(src) + "/", "")


def test_front_matter_of_any_page_has_the_yaml_limits(course_copy, tmp_path) -> None:
    src = course_copy()
    bomb = "---\nnosearch: true\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a]\n"
    bomb += "c: [*b, *b, *b, *b, *b, *b]\n---\n# Page\n\nText.\n"
    plant(src, "extra.md", bomb)
    plant(src, "huge.md", "---\nnosearch: true\nx: '" + "y" * 300_000 + "'\n---\n# Huge\n")
    started = time.monotonic()
    built = build(src, tmp_path / "out")
    assert time.monotonic() - started < 60
    refused = safety(built.warnings)
    assert any("extra.md:4" in line and "alias" in line for line in refused), built.warnings
    assert any("huge.md" in line and "larger than" in line for line in refused), built.warnings


def test_a_reviewed_raw_html_exception_is_kept_but_a_script_in_it_still_fails(
    course_copy, tmp_path
) -> None:
    src = course_copy()
    (src / "lint-allow.yaml").write_text(
        "- path: extra.md\n  code: raw-html\n  reason: a reviewed accessible table, PR 1\n",
        encoding="utf-8",
    )
    plant(src, "extra.md", '# Page\n\n<span class="zqxallowed">kept</span>\n')
    plant(src, "other.md", '# Other\n\n<span class="zqxrefused">dropped</span>\n')
    built = build(src, tmp_path / "out")
    assert [line for line in safety(built.warnings) if "extra.md" in line] == []
    assert any("other.md:3" in line for line in safety(built.warnings))
    assert "zqxallowed" in (built.outdir / "extra.html").read_text(encoding="utf-8")
    assert "zqxrefused" not in (built.outdir / "other.html").read_text(encoding="utf-8")
    (src / "extra.md").write_text("# Page\n\n<script>zqxmarker()</script>\n", encoding="utf-8")
    again = build(src, tmp_path / "again")
    assert any("the written file extra.html" in line for line in safety(again.warnings))
    assert executable(again.outdir) == []


def test_a_module_title_or_raw_latex_cannot_inject_latex(course_copy, tmp_path) -> None:
    src = course_copy()
    page = src / "modules" / "a-01" / "index.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("title: First module", r"title: First \input{/etc/hostname} module")
        + "\n```{raw} latex\n\\input{/etc/hostname}\n```\n",
        encoding="utf-8",
    )
    built = build(src, tmp_path / "out", builder="latex")
    assert any("raw latex" in line for line in safety(built.warnings)), built.warnings
    handout = (built.outdir / "a-01.tex").read_text(encoding="utf-8")
    assert r"\input{/etc/hostname}" not in handout
    assert r"\textbackslash{}input\{/etc/hostname\}" in handout


def test_every_case_that_renders_live_without_the_guard_is_refused_by_the_build(
    course_copy, tmp_path
) -> None:
    """The lint tests' real-build cases (tests/test_lint_untrusted.py) are live in a
    plain MyST build; with the course extension none of them reaches a page."""
    from .test_lint_untrusted import _LIVE, BUILD_CASES

    src = course_copy()
    with_design(src)
    live = sorted(name for name, (_text, rendered, _linted) in BUILD_CASES.items() if rendered)
    assert len(live) > 10
    for name in live:
        text = BUILD_CASES[name][0]
        plant(src, f"case-{name}.md", text if text.startswith("---") else f"# Case\n\n{text}")
    built = build(src, tmp_path / "out")
    assert "the written file" not in built.warnings, "the build itself must refuse each"
    assert executable(built.outdir) == []
    still_live = [n for n in live if _LIVE.search((built.outdir / f"case-{n}.html").read_text())]
    assert still_live == []
    refused = "\n".join(safety(built.warnings))
    assert [n for n in live if f"case-{n}.md" not in refused] == []


def test_output_scan_since_skips_old_pages_but_never_copied_files(tmp_path) -> None:
    site = tmp_path / "site"
    (site / "_images").mkdir(parents=True)
    (site / "old.html").write_text("<script>x()</script>", encoding="utf-8")
    (site / "_images" / "pic.svg").write_text("<svg onload='x()'/>", encoding="utf-8")
    os.utime(site / "old.html", (1_000_000, 1_000_000))
    os.utime(site / "_images" / "pic.svg", (1_000_000, 1_000_000))
    assert set(scan_site(site)) == {"old.html", "_images/pic.svg"}
    assert set(scan_site(site, since=time.time())) == {"_images/pic.svg"}


def test_front_matter_with_other_line_breaks_cannot_hide_a_key(course_copy, tmp_path) -> None:
    src = course_copy()
    hidden = "---\ntitle: x\u2028myst: {enable_extensions: [substitution]}\n---\n# Page\n\n"
    plant(src, "extra.md", hidden + 'Value {{ "zq" ~ "xjinja" }}.\n')
    built = build(src, tmp_path / "out")
    assert any("unusual line break" in line for line in safety(built.warnings)), built.warnings
    assert "zqxjinja" not in (built.outdir / "extra.html").read_text(encoding="utf-8")


def test_a_copied_file_with_script_the_parser_misreads_is_still_withheld(tmp_path) -> None:
    from curriculum.ext.outputscan import scan_file

    site = tmp_path / "_downloads" / "abc"
    site.mkdir(parents=True)
    trick = site / "page.html"
    # browsers end a comment at '<!-->'; a parser that does not would miss the script
    trick.write_text("<p>notes</p>\n<!--><script>zqxmarker()</script>-->\n", encoding="utf-8")
    findings = scan_file(trick, "_downloads/abc/page.html")
    assert findings and findings[0].line == 2
    harmless = site / "notes.html"
    harmless.write_text("<p>Notes on the onboarding of drivers.</p>\n", encoding="utf-8")
    assert scan_file(harmless, "_downloads/abc/notes.html") == []
