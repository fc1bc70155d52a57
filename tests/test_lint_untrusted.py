"""`curriculum lint` against untrusted contributions.

Every planted attack is refused with its code at its line, and the same text
made harmless is not. The rules follow what the build does: the last test
builds a small MyST + sphinx-design site and checks that lint refuses exactly
what reaches the HTML (and, by design, a few things the build only neutralises).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from curriculum.lint import CHECKS, lint_course
from curriculum.lint.mdscan import as_directive, parse
from curriculum.lint.names import directive_name, role_name
from curriculum.lint.pages import check_page
from curriculum.lint.readings import blocks, directives
from curriculum.lint.untrusted import file_problems
from curriculum.lint.urls import dangerous_text, unsafe_url

PAGE = "modules/a-02/index.md"
SECURITY = {
    "raw-html",
    "script",
    "raw-directive",
    "eval-rst",
    "unsafe-url",
    "include-outside",
    "trainer-file",
    "myst-config",
}
SOLUTION = "/exercises/a-01-sum/solution.yaml"


@pytest.fixture
def root(course_copy) -> Path:
    return course_copy()


def plant(root: Path, text: str, path: str = PAGE) -> int:
    """Append ``text`` to a page (or start a file); the line its first line lands on."""
    page = root / path
    page.parent.mkdir(parents=True, exist_ok=True)
    old = page.read_text() if page.exists() else ""
    page.write_text(old + "\n" + text if old else text)
    return old.count("\n") + 2 if old else 1


def refused(root: Path, path: str = PAGE) -> set[tuple[int, str]]:
    """(line, code) of every security problem lint finds in ``path``."""
    return {(p.line, p.code) for p in lint_course(root) if p.path == path and p.code in SECURITY}


def messages(root: Path, path: str = PAGE) -> list[str]:
    return [str(p) for p in lint_course(root) if p.path == path and p.code in SECURITY]


# --- 1. directive names, as docutils looks them up ----------------------------------------


def test_names_are_normalised_as_docutils_and_sphinx_do() -> None:
    assert directive_name("RAW") == directive_name("Raw") == "raw"
    assert directive_name("rst-class") == "class"
    assert directive_name("std:Glossary") == "glossary"
    assert directive_name("Trainer-Note") == "trainer-note"
    assert directive_name("Code-Block") == "code-block"
    assert role_name("DOWNLOAD") == role_name("std:download") == "download"


@pytest.mark.parametrize(
    ("attack", "offset", "code"),
    [
        ("```{RAW} html\n<b>x</b>\n```\n", 0, "raw-directive"),
        (":::{Raw} html\n<b>x</b>\n:::\n", 0, "raw-directive"),
        ("~~~{rAw} html\n<b>x</b>\n~~~\n", 0, "raw-directive"),
        ("```{INCLUDE} ../../../../outside.md\n```\n", 0, "include-outside"),
        ("```{LiteralInclude} ../../../../outside.py\n```\n", 0, "include-outside"),
        ("```{Figure} /exercises/a-01-sum/solution.yaml\n:alt: a\n```\n", 0, "trainer-file"),
        ("```{std:glossary}\nTerm\n  <b>x</b>\n```\n", 2, "raw-html"),
    ],
)
def test_directive_names_are_matched_case_insensitively(
    root: Path, attack: str, offset: int, code: str
) -> None:
    line = plant(root, attack)
    assert (line + offset, code) in refused(root)


def test_names_that_myst_does_not_read_as_directives_are_code(root: Path) -> None:
    # "{raw}html" (no space) is a code block whose language is "{raw}html": shown, not run
    plant(root, "```{raw}html\n<b>x</b>\n```\n")
    assert refused(root) == set()


def test_a_trainer_only_directive_is_recognised_in_any_case(root: Path) -> None:
    plant(root, f":::{{Trainer-Note}}\n[answer]({SOLUTION})\n:::\n")
    assert refused(root) == set()


# --- 2. eval-rst ----------------------------------------------------------------------


EVAL_RST = "```{eval-rst}\n.. raw:: html\n\n   <script>alert(1)</script>\n```\n"


def test_eval_rst_is_refused_and_can_be_allow_listed(root: Path) -> None:
    line = plant(root, EVAL_RST)
    assert refused(root) == {(line, "eval-rst")}
    assert any("write MyST Markdown; eval-rst passes reStructuredText" in m for m in messages(root))
    (root / "lint-allow.yaml").write_text(
        f"- path: {PAGE}\n  code: eval-rst\n  reason: reviewed in PR 7\n"
    )
    assert refused(root) == set()


def test_eval_rst_in_a_code_block_is_text(root: Path) -> None:
    plant(root, EVAL_RST.replace("{eval-rst}", "rst"))
    assert refused(root) == set()


# --- 3. options in a YAML block -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        ":::{admonition} Title\n---\nclass: tip\nname: here\n---\nThe body.\n:::\n",
        ":::{admonition} Title\n:class: tip\n:name: here\n\nThe body.\n:::\n",
        ":::{admonition} Title\n   :class: tip\n   :name: here\nThe body.\n:::\n",
    ],
    ids=["yaml", "colon", "indented-colon"],
)
def test_options_are_split_from_the_body_as_myst_splits_them(text: str) -> None:
    token = next(t for t in parse(text) if t.type == "colon_fence")
    directive = as_directive(token, 10)
    assert directive is not None
    assert [(o.key, o.value) for o in directive.options] == [("class", "tip"), ("name", "here")]
    assert directive.body == "The body.\n"
    assert directive.body_line == 10 + text.splitlines().index("The body.")
    lines = {o.key: o.line for o in directive.options}
    assert lines["name"] == 10 + next(i for i, t in enumerate(text.splitlines()) if "name" in t)


def test_a_body_after_yaml_options_is_read(root: Path) -> None:
    line = plant(
        root,
        ":::{admonition} Title\n---\nclass: tip\nlink: javascript:alert(1)\n---\n"
        "<script>alert(1)</script>\n:::\n",
    )
    assert refused(root) == {(line + 3, "unsafe-url"), (line + 5, "script")}


def test_a_timing_plan_with_yaml_options_still_adds_up() -> None:
    text = ":::{timing-plan}\n---\nclass: x\n---\n- 10 min: A\n- 5 min: B\n:::\n"
    (plan,) = [d for d in directives(text) if d.name == "timing-plan"]
    assert plan.body.splitlines() == ["- 10 min: A", "- 5 min: B"] and plan.body_line == 5


# --- 4. unsafe URL schemes --------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "\x01javascript:alert(1)",
        "java&#x09;script:alert(1)",
        "java%09script:alert(1)",
        "&#106;avascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "data:image/png;base64,AAAA",
    ],
)
def test_a_disguised_scheme_is_still_seen(url: str) -> None:
    assert unsafe_url(url) in ("javascript:", "vbscript:", "data:")
    assert dangerous_text(url) in ("javascript:", "vbscript:", "data:")


@pytest.mark.parametrize(
    "text",
    ["https://example.org/a", "mailto:desk@example.org", "../a-01/index.md", "#part", "x.png"],
)
def test_ordinary_urls_are_safe(text: str) -> None:
    assert unsafe_url(text) is None and dangerous_text(text) is None


@pytest.mark.parametrize("text", ["Figure: the flow", "the data: by month", "Note: javascript"])
def test_free_text_with_a_colon_is_not_a_url(text: str) -> None:
    assert dangerous_text(text) is None


#: (template, line of the URL, attack, the same place with a harmless URL); @ marks the URL
URL_ATTACKS = [
    ("See [this](@).\n", 0, "javascript:alert(1)", "https://example.org"),
    ("See [this](@).\n", 0, "JaVaScRiPt:alert(1)", "https://example.org"),
    ("See [this]( @).\n", 0, "javascript:alert(1)", "https://example.org"),
    ("See [this](@).\n", 0, "java&#x09;script:alert(1)", "https://example.org"),
    ("See [this](@).\n", 0, "data:text/html,x", "https://example.org"),
    ("Text\nmore <@>\n", 1, "javascript:alert(1)", "https://example.org"),
    ("![Chart](@)\n", 0, "data:image/png;base64,AAAA", "chart.png"),
    ("[go][r]\n\n[r]: @\n", 2, "vbscript:msgbox(1)", "https://example.org"),
    (":::{card} Card\n:link: @\nBody\n:::\n", 1, "javascript:alert(1)", "https://example.org"),
    (":::{card} Card\n---\nlink: @\n---\nBody\n:::\n", 2, "javascript:alert(1)", "https://x.org"),
    ("```{button-link} @\nGo\n```\n", 0, "javascript:alert(1)", "https://example.org"),
    ("```{image} chart.png\n:alt: A chart\n:target: @\n```\n", 2, "javascript:alert(1)", "x.png"),
    ("```{toctree}\n@\n```\n", 1, "javascript://%0aalert(1)", "../a-01/index"),
    ("```{toctree}\nEvil <@>\n```\n", 1, "javascript://%0aalert(1)", "../a-01/index"),
    ("Get {download}`it <@>`.\n", 0, "javascript://%0aalert(1)", "https://example.org/a.pdf"),
    ("Read {doc}`it <@>`.\n", 0, "javascript:alert(1)", "../a-01/index"),
    ("A {bdg-link-primary}`badge <@>`.\n", 0, "javascript:alert(1)", "https://example.org"),
    (":::{note}\n:any-option: @\nx\n:::\n", 1, "javascript:alert(1)", "Figure: a chart"),
]


@pytest.mark.parametrize(("template", "offset", "attack", "harmless"), URL_ATTACKS)
def test_unsafe_urls_are_refused_wherever_a_url_can_be_given(
    root: Path, template: str, offset: int, attack: str, harmless: str
) -> None:
    line = plant(root, template.replace("@", attack))
    assert (line + offset, "unsafe-url") in refused(root), messages(root)


@pytest.mark.parametrize(("template", "offset", "attack", "harmless"), URL_ATTACKS)
def test_the_same_places_with_a_safe_url_pass(
    root: Path, template: str, offset: int, attack: str, harmless: str
) -> None:
    plant(root, template.replace("@", harmless))
    assert refused(root) == set(), messages(root)


# --- 5. text lint did not read ---------------------------------------------------------------

QUIZ = """::::{quiz} a-02-check
- id: q1
  question: Which is right?
  options:
    - text: This one
      correct: true
      feedback: Yes, because it adds up.
    - text: That one
      feedback: No, count again.
::::
"""


@pytest.mark.parametrize(
    ("old", "new", "offset", "code"),
    [
        ("Which is right?", "Which is <b>right</b>?", 2, "raw-html"),
        ("This one", "This <img src=x onerror=alert(1)>", 4, "script"),
        ("Yes, because", "<script>alert(1)</script> Yes", 6, "script"),
        ("No, count again.", "'[No](javascript:alert(1))'", 8, "unsafe-url"),
    ],
)
def test_quiz_texts_are_read(root: Path, old: str, new: str, offset: int, code: str) -> None:
    line = plant(root, QUIZ.replace(old, new))
    assert (line + offset, code) in refused(root)


def test_a_plain_quiz_passes(root: Path) -> None:
    plant(root, QUIZ)
    assert refused(root) == set()


def test_exercise_briefs_and_marking_notes_are_read(root: Path) -> None:
    brief, marking = "exercises/a-01-sum/brief.md", "exercises/a-01-sum/marking.md"
    line = plant(root, "Now <script>alert(1)</script>.\n\nSee [it](solution.yaml).\n", brief)
    assert refused(root, brief) == {(line, "script"), (line + 2, "trainer-file")}
    line = plant(root, "Notes <b>bold</b>.\n\nSee [it](solution.yaml).\n", marking)
    # marking notes are for trainers: naming the model answer is fine, raw HTML is not
    assert refused(root, marking) == {(line, "raw-html")}


def test_glossary_terms_and_definitions_are_read(root: Path) -> None:
    glossary = "modules/programme/glossary.md"
    line = plant(
        root,
        "# Glossary\n\n```{glossary}\nError <b>budget</b>\n  What an SLO <i>allows</i>.\n\n"
        "Toil\n      Repetitive work.\n\n          <script>alert(1)</script>\n```\n",
        glossary,
    )
    # Sphinx dedents a definition by its first line's indent: the last line stays code
    assert refused(root, glossary) == {(line + 3, "raw-html"), (line + 4, "raw-html")}


@pytest.mark.parametrize(
    ("attack", "offset", "code"),
    [
        (":::{admonition} <script>alert(1)</script>\nBody\n:::\n", 0, "script"),
        (":::{dropdown} Open <b>me</b>\nBody\n:::\n", 0, "raw-html"),
        ("::::{tab-set}\n:::{tab-item} <b>One</b>\nBody\n:::\n::::\n", 1, "raw-html"),
        ("```{list-table} <b>Caption</b>\n* - a\n  - b\n```\n", 0, "raw-html"),
        ("```{list-table} Caption\n* - <b>a</b>\n  - b\n```\n", 1, "raw-html"),
        ('```{csv-table} Caption\n"<b>a</b>", b\n```\n', 1, "raw-html"),
        ("```{csv-table} Caption\n:header: <i>a</i>, b\n\nc, d\n```\n", 1, "raw-html"),
        ("```{sidebar} Side\n:subtitle: <b>sub</b>\nBody\n```\n", 1, "raw-html"),
        ("```{line-block}\n<b>a</b>\n```\n", 1, "raw-html"),
        ("```{timing-plan}\n- 45 min: <b>all</b>\n```\n", 1, "raw-html"),
        (":::{note}\n  <script>alert(1)</script>\n:::\n", 1, "script"),
    ],
)
def test_titles_tables_options_and_bodies_are_read(
    root: Path, attack: str, offset: int, code: str
) -> None:
    line = plant(root, attack)
    assert (line + offset, code) in refused(root), messages(root)


def test_the_same_titles_tables_and_bodies_without_html_pass(root: Path) -> None:
    plant(
        root,
        ":::{admonition} A title\nBody\n:::\n\n```{list-table} Caption\n* - a\n  - b\n```\n\n"
        '```{csv-table} Caption\n:header: a, b\n\n"c", d\n```\n\n'
        "```{sidebar} Side\n:subtitle: sub\nBody\n```\n\n"
        ":::{note}\n    <script>alert(1)</script>\n:::\n",  # indented: a code block
    )
    assert refused(root) == set()


def test_included_files_are_read_as_pages(root: Path) -> None:
    part = "snippets/part.md"
    line = plant(root, "Intro.\n\n<script>alert(1)</script>\n", part)
    plant(root, "```{include} ../../snippets/part.md\n```\n")
    assert refused(root, part) == {(line + 2, "script")}
    assert refused(root) == set()


def test_a_literal_include_is_shown_as_text(root: Path) -> None:
    plant(root, "<script>alert(1)</script>\n", "snippets/part.md")
    plant(root, "```{include} /snippets/part.md\n:literal:\n```\n")
    assert refused(root) == set()  # the including page shows it as text
    # but the build also reads snippets/part.md as a page of its own (conf.py does not
    # exclude it), and lint reads every page the build reads
    assert refused(root, "snippets/part.md") == {(1, "script")}


# --- 6. includes outside the repository -----------------------------------------------


@pytest.mark.parametrize(
    ("attack", "offset"),
    [
        ("```{include} ../../../../outside.md\n```\n", 0),
        ("```{include} <isonum.txt>\n```\n", 0),
        ("```{literalinclude} /../outside.py\n```\n", 0),
        ("```{literalinclude} part.py\n:diff: ../../../outside.py\n```\n", 1),
        ("```{csv-table} Data\n:file: ../../../outside.csv\n```\n", 1),
        ("```{csv-table} Data\n:url: https://example.org/data.csv\n```\n", 1),
        ("Read [this](../../../../../etc/hostname).\n", 0),
    ],
)
def test_includes_outside_the_repository_are_refused(root: Path, attack: str, offset: int) -> None:
    line = plant(root, attack)
    assert refused(root) == {(line + offset, "include-outside")}


def test_an_include_through_a_symlink_that_leaves_the_repository(
    root: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("secret\n")
    os.symlink(secret, root / "modules/a-02/part.md")
    line = plant(root, "```{include} part.md\n```\n")
    assert (line, "include-outside") in refused(root)


def test_includes_inside_the_repository_pass(root: Path) -> None:
    plant(root, "Just text.\n", "snippets/part.md")
    plant(
        root,
        "```{include} /snippets/part.md\n```\n\n```{literalinclude} ../../snippets/part.md\n```\n"
        "\n```{literalinclude} /exercises/a-01-sum/template.yaml\n```\n",
    )
    assert refused(root) == set()


# --- 7. trainer-only files ------------------------------------------------------------------

#: (a reference to a trainer-only file, the line it is refused on)
TRAINER_REFERENCES = [
    (f"See [the answer]({SOLUTION}).\n", 0),
    ("See [a case](../../exercises/a-01-sum/cases/pass/solution-copy.yaml).\n", 0),
    ("See [notes](../../exercises/a-01-sum/marking.md).\n", 0),
    ("See [the answer](../../exercises/a-01-sum/solution%2Eyaml).\n", 0),
    (f"See [the answer](path:{SOLUTION}).\n", 0),
    (f"Get {{download}}`the answer <{SOLUTION}>`.\n", 0),
    (f"![The answer]({SOLUTION})\n", 0),
    (f"```{{literalinclude}} {SOLUTION}\n```\n", 0),
    (f"```{{literalinclude}} /exercises/a-01-sum/template.yaml\n:diff: {SOLUTION}\n```\n", 1),
    ("```{include} ../../exercises/a-01-sum/marking.md\n```\n", 0),
]


@pytest.mark.parametrize(("reference", "offset"), TRAINER_REFERENCES)
def test_a_trainer_file_named_in_learner_content_is_refused(
    root: Path, reference: str, offset: int
) -> None:
    line = plant(root, reference)
    assert refused(root) == {(line + offset, "trainer-file")}
    assert any(
        "this file is trainer-only; learners would get the answers (move the reference into "
        "a {trainer-note} or remove it)" in m
        for m in messages(root)
    )


@pytest.mark.parametrize("directive", ["trainer-note", "solution", "Trainer-Note"])
@pytest.mark.parametrize(("reference", "offset"), TRAINER_REFERENCES)
def test_a_trainer_file_named_in_trainer_content_passes(
    root: Path, directive: str, reference: str, offset: int
) -> None:
    plant(root, f"::::{{{directive}}}\n{reference}::::\n")
    assert refused(root) == set()


def test_a_template_is_no_trainer_file(root: Path) -> None:
    plant(root, "Get [the template](/exercises/a-01-sum/template.yaml).\n")
    assert refused(root) == set()


# --- the rest: front matter, roles on raw -------------------------------------------------


@pytest.mark.parametrize(
    ("front", "offset", "code"),
    [
        ("title: '<script>alert(1)</script> Intro'\n", 0, "script"),
        ("abstract: 'An <b>abstract</b>'\n", 0, "raw-html"),
        ("title: Intro\ntitle: '<b>Intro</b>'\n", 0, "raw-html"),  # MyST keeps the last
        ("myst:\n  enable_extensions: [substitution]\n", 0, "myst-config"),
        ("html_meta:\n  http-equiv=refresh: 0; url=https://example.org\n", 0, "myst-config"),
        ("substitutions:\n  k: v\n", 0, "myst-config"),
        ("kernelspec:\n  name: python3\n", 0, "myst-config"),
    ],
)
def test_front_matter_is_read_as_myst_reads_it(
    root: Path, front: str, offset: int, code: str
) -> None:
    page = "modules/programme/intro.md"
    plant(root, f"---\n{front}---\n\n# Intro\n", page)
    assert (2 + offset, code) in refused(root, page)


def test_a_plain_front_matter_title_passes(root: Path) -> None:
    page = "modules/programme/intro.md"
    plant(root, "---\ntitle: 'Intro: the course'\norphan: true\n---\n\n# Intro\n", page)
    assert refused(root, page) == set()


def test_a_role_built_on_raw_is_refused(root: Path) -> None:
    line = plant(root, ":::{role} raw-html(RAW)\n:format: html\n:::\n")
    assert refused(root) == {(line, "raw-directive")}


def test_a_role_built_on_another_role_passes(root: Path) -> None:
    plant(root, ":::{role} loud(strong)\n:::\n")
    assert refused(root) == set()


def test_inline_html_is_located_on_its_own_line(root: Path) -> None:
    line = plant(root, "A paragraph\nthat goes on\nuntil <b>here</b>.\n")
    assert refused(root) == {(line + 2, "raw-html")}


def test_the_new_checks_are_registered() -> None:
    for code in ("eval-rst", "unsafe-url", "include-outside", "trainer-file", "myst-config"):
        severity, description = CHECKS[code]
        assert severity == "error" and len(description) > 40


# --- 8. lint refuses what the build renders ----------------------------------------------

#: name -> (page text, whether the build renders live script, whether lint refuses it)
BUILD_CASES = {
    "body-indented-4": (":::{note}\n    <script>alert(1)</script>\n:::\n", False, False),
    "body-indented-2": (":::{note}\n  <script>alert(1)</script>\n:::\n", True, True),
    "yaml-options-indented-body": (
        ":::{admonition} T\n---\nclass: tip\n---\n    <script>alert(1)</script>\n:::\n",
        False,
        False,
    ),
    "yaml-options-body": (
        ":::{admonition} T\n---\nclass: tip\n---\n<script>alert(1)</script>\n:::\n",
        True,
        True,
    ),
    "indented-option-line": (
        ":::{admonition} T\n   :class: tip\n<script>alert(1)</script>\n:::\n",
        True,
        True,
    ),
    "fence-in-list-item": (
        "- item\n\n    :::{note}\n    <script>alert(1)</script>\n    :::\n",
        True,
        True,
    ),
    "glossary-definition": ("```{glossary}\nTerm\n  <script>alert(1)</script>\n```\n", True, True),
    "glossary-deeper-line": (
        "```{glossary}\nTerm\n      first\n\n          <script>alert(1)</script>\n```\n",
        False,
        False,
    ),
    "opening-line-into-body": (
        ":::{note} <b\n:class: x\nonclick=alert(1)>x</b>\n:::\n",
        True,
        True,
    ),
    "option-line-into-body": (":::{epigraph}\n:x: <b\nonclick=alert(1)>x</b>\n:::\n", True, True),
    "title": (":::{admonition} <script>alert(1)</script>\nx\n:::\n", True, True),
    "raw-upper-case": ("```{RAW} html\n<script>alert(1)</script>\n```\n", True, True),
    "raw-without-space": ("```{raw}html\n<script>alert(1)</script>\n```\n", False, False),
    "eval-rst": (EVAL_RST, True, True),
    "toctree-url": ("```{toctree}\njavascript://%0aalert(1)\n```\n", True, True),
    "card-link": (":::{card} C\n:link: javascript:alert(1)\nx\n:::\n", True, True),
    "csv-cell": ('```{csv-table} T\n"<script>alert(1)</script>", b\n```\n', True, True),
    "role-on-raw": (
        ":::{role} raw-html(raw)\n:format: html\n:::\n\n{raw-html}`<script>alert(1)</script>`\n",
        True,
        True,
    ),
    "front-matter-title": ("---\ntitle: '<script>alert(1)</script>'\n---\n\nx\n", True, True),
    "code-block": ("```html\n<script>alert(1)</script>\n```\n", False, False),
    # markdown-it refuses this destination and the build shows the text; lint names it
    "markdown-link": ("[x](javascript:alert(1))\n", False, True),
}
_LIVE = re.compile(r"<script>alert\(1\)|onclick=alert\(1\)|href=\"javascript:", re.IGNORECASE)


def test_lint_refuses_what_the_build_renders(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design"]\n'
        'myst_enable_extensions = ["colon_fence", "deflist"]\n'
        "myst_title_to_header = True\n"
    )
    names = sorted(BUILD_CASES)
    (src / "index.md").write_text("# Cases\n\n```{toctree}\n" + "\n".join(names) + "\n```\n")
    for name in names:
        text = BUILD_CASES[name][0]
        (src / f"{name}.md").write_text(text if text.startswith("---") else f"# Case\n\n{text}")
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    seen = {}
    for name in names:
        html = (out / f"{name}.html").read_text()
        body = html.split('role="main"', 1)[1].split('class="sphinxsidebar"', 1)[0]
        path = src / f"{name}.md"
        text = path.read_text()
        scanned = list(blocks(text, page=True))
        found = check_page(path.name, text, False, {}, scanned)
        found += file_problems(src, path, path.name, scanned)
        seen[name] = (bool(_LIVE.search(body)), any(p.code in SECURITY for p in found))
    assert seen == {name: case[1:] for name, case in BUILD_CASES.items()}


def test_only_and_bad_symlinks_are_refused(root: Path, tmp_path: Path) -> None:
    line = plant(root, "```{Only} trainer\nThe answer.\n```\n")
    assert (line, "only-directive") in {(p.line, p.code) for p in lint_course(root)}
    (root / "modules" / "loop").symlink_to(root, target_is_directory=True)
    (root / "modules" / "away").symlink_to(tmp_path, target_is_directory=True)
    (root / "modules" / "answers").symlink_to(root / "exercises", target_is_directory=True)
    found = {p.path: p.message for p in lint_course(root) if p.code == "symlink"}
    assert set(found) == {"modules/loop", "modules/away", "modules/answers"}
    assert "loop" in found["modules/loop"] and "outside" in found["modules/away"]


def test_a_github_annotation_cannot_start_another_command() -> None:
    from curriculum.lint import Problem

    problem = Problem("a,b.md", 3, "raw-html", "bad <x>\n::add-mask::secret", "fix: 100%")
    annotation = problem.annotation()
    assert "\n" not in annotation and "%0A::add-mask::" in annotation
    assert annotation.startswith("::error file=a%2Cb.md,line=3,title=raw-html::")
    assert annotation.endswith("(fix: 100%25)")
