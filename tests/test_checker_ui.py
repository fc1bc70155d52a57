"""The in-page checker's controls (course-checker.js) in Chromium.

A static fixture page (tests/roots/checker-ui/) carries the markup the build
writes for an exercise, the theme's real course.js, course-checker.js and
stylesheets, and a stub engine (stub-engine.js) in place of the Pyodide one: it
records its calls on ``window.__calls`` and answers with canned reports chosen
by words in the text (WRONG, FAR, WAITING, WARN, CRASH; anything else passes).
"""

from __future__ import annotations

import datetime
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .browserutil import serving
from .conftest import REPO, ROOTS, missing_tool

pytestmark = pytest.mark.browser

FIXTURE = ROOTS / "checker-ui"
STATIC = REPO / "curriculum" / "ext" / "theme" / "course" / "static"
AXE = REPO / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
TEXTAREA = "#course-checker-rel-01-slo"
DRAFT_KEY = "course-draft:test-course:rel-01-slo"
PROGRESS_KEY = "course-progress:test-course"
TEMPLATE = (
    "# An SLO specification for one user journey: fill in & save as slo.yaml.\n"
    'service: ""\n'
    'journey: ""\n'
    "sli:\n"
    '  good_events: ""\n'
    '  valid_events: ""\n'
    "target_percent: 99.5\n"
    "window_days: 28\n"
    "error_budget_minutes: 0\n"
)
NO_STORAGE = "This browser cannot keep your draft: download it before you leave the page."


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture pages with copies of the theme's files; noengine.html lacks the engine."""
    out = tmp_path_factory.mktemp("checker-ui")
    for name in ("index.html", "two.html", "stub-engine.js"):
        shutil.copy(FIXTURE / name, out / name)
    (out / "_static").mkdir()
    for name in (
        "course.css",
        "course-checker.css",
        "course.js",
        "course-checker.js",
        "course-icon.svg",
    ):
        shutil.copy(STATIC / name, out / "_static" / name)
    page = (FIXTURE / "index.html").read_text(encoding="utf-8")
    without = page.replace('    <script src="stub-engine.js" defer></script>\n', "")
    assert without != page
    (out / "noengine.html").write_text(without, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serving(site) as address:
        yield address


def open_page(page, base: str, name: str = "index.html"):  # type: ignore[no-untyped-def]
    page.goto(f"{base}/{name}")
    page.wait_for_selector(".course-checker-toolbar")
    return page.locator(TEXTAREA)


def stored(page, key: str):  # type: ignore[no-untyped-def]
    raw = page.evaluate("key => localStorage.getItem(key)", key)
    return None if raw is None else json.loads(raw)


def set_text(page, text: str, selector: str = TEXTAREA) -> None:  # type: ignore[no-untyped-def]
    """Replace the editor's text as a paste would (one input event)."""
    page.locator(selector).fill(text)


def run_check(page, button: str = "Check my file") -> str:  # type: ignore[no-untyped-def]
    calls = page.evaluate("window.__calls.length")
    page.get_by_role("button", name=button).click()
    page.wait_for_function(f"window.__calls.length > {calls}")
    page.wait_for_function(
        "() => { const b = document.querySelector('.course-checker-check');"
        " return !b.disabled && !b.hasAttribute('aria-busy'); }"
    )
    return page.locator(".course-checker-status").inner_text()


def line_offsets(text: str, line: int) -> tuple[int, int]:
    lines = text.split("\n")
    start = sum(len(x) + 1 for x in lines[: line - 1])
    return start, start + len(lines[line - 1])


# --- the controls ---------------------------------------------------------------------


def test_controls_are_built_and_the_template_block_hidden_on_screen_only(page, base) -> None:
    textarea = open_page(page, base)
    assert textarea.input_value() == TEMPLATE  # the defaultValue is the template
    toolbar = page.get_by_role("group", name="Your slo.yaml")
    names = [b.inner_text() for b in toolbar.get_by_role("button").all()]
    assert names == [
        "Check my file",
        "Open a file…",
        "Download slo.yaml",
        "Start again from the template",
    ]
    assert page.locator("section.course-exercise").get_attribute("class") == (
        "course-exercise course-checker-on"
    )
    template_block = page.locator("section.course-exercise .literal-block-wrapper")
    assert not template_block.is_visible()
    assert not page.locator("input.course-checker-file").is_visible()
    status = page.locator(".course-checker-status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    assert page.locator(".course-checker-gutter .course-checker-numbers").inner_text().split() == [
        str(n) for n in range(1, 11)
    ]
    page.emulate_media(media="print")
    assert template_block.is_visible()  # the template prints
    assert not page.locator(".course-checker-toolbar").is_visible()
    assert not page.locator(".course-checker-gutter").is_visible()
    assert page.locator(".course-checker-cli").is_visible()
    assert page.problems == []


def test_a_draft_survives_a_reload(page, base) -> None:
    textarea = open_page(page, base)
    textarea.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("sla_target_percent: 99")
    page.wait_for_function(f"localStorage.getItem({json.dumps(DRAFT_KEY)}) !== null")
    entry = stored(page, DRAFT_KEY)
    assert entry["v"] == 1 and entry["text"] == TEMPLATE + "sla_target_percent: 99"
    assert datetime.datetime.fromisoformat(entry["saved"].replace("Z", "+00:00"))
    page.reload()
    assert page.locator(TEXTAREA).input_value() == TEMPLATE + "sla_target_percent: 99"
    note = page.locator(".course-checker-note")
    assert note.inner_text().startswith("Your draft from this browser was restored (saved ")
    assert page.problems == []


def test_leaving_the_page_saves_at_once(page, base) -> None:
    """The save waits ~300 ms after typing; leaving the page (pagehide) does not wait."""
    textarea = open_page(page, base)
    textarea.click()
    page.keyboard.press("Control+Home")
    page.keyboard.type("X")
    page.reload()  # at once, inside the debounce
    assert page.locator(TEXTAREA).input_value() == "X" + TEMPLATE
    assert page.problems == []


def test_a_damaged_draft_is_ignored_not_deleted(page, base) -> None:
    open_page(page, base)
    page.evaluate(f"localStorage.setItem({json.dumps(DRAFT_KEY)}, '{{not json')")
    page.reload()
    page.wait_for_selector(".course-checker-toolbar")
    assert page.locator(TEXTAREA).input_value() == TEMPLATE
    assert page.evaluate(f"localStorage.getItem({json.dumps(DRAFT_KEY)})") == "{not json"
    assert page.problems == []


def test_start_again_asks_first_and_undo_brings_the_draft_back(page, base) -> None:
    textarea = open_page(page, base)
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    reset = page.get_by_role("button", name="Start again from the template")
    reset.click()
    assert asked == []  # the template needs no confirmation
    set_text(page, "my draft: yes\n")
    page.wait_for_function(f"localStorage.getItem({json.dumps(DRAFT_KEY)}) !== null")

    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    reset.click()
    assert asked and asked[-1].startswith("Start again from the template?")
    assert textarea.input_value() == "my draft: yes\n"  # dismissed: kept
    assert stored(page, DRAFT_KEY)["text"] == "my draft: yes\n"

    page.once("dialog", lambda d: d.accept())
    reset.click()
    assert textarea.input_value() == TEMPLATE
    undo = page.get_by_role("button", name="Undo: bring back my draft")
    assert undo.is_visible()
    page.reload()  # the backup is kept in storage, the draft no longer replaces the template
    assert page.locator(TEXTAREA).input_value() == TEMPLATE
    page.get_by_role("button", name="Undo: bring back my draft").click()
    assert page.locator(TEXTAREA).input_value() == "my draft: yes\n"
    assert page.evaluate("document.activeElement.id") == TEXTAREA[1:]
    assert stored(page, DRAFT_KEY)["text"] == "my draft: yes\n"
    assert not page.get_by_role("button", name="Undo: bring back my draft").is_visible()
    assert page.problems == []


def test_undo_lasts_until_the_next_edit(page, base) -> None:
    open_page(page, base)
    set_text(page, "draft one\n")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Start again from the template").click()
    undo = page.get_by_role("button", name="Undo: bring back my draft")
    assert undo.is_visible()
    page.locator(TEXTAREA).press("End")
    page.keyboard.type("!")
    assert not undo.is_visible()
    assert page.evaluate(f"localStorage.getItem({json.dumps(DRAFT_KEY + ':backup')})") is None


def test_open_a_file_reads_it_and_asks_before_replacing_a_draft(page, base) -> None:
    textarea = open_page(page, base)
    asked: list[str] = []
    accept = {"yes": False}

    def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        asked.append(dialog.message)
        if accept["yes"]:
            dialog.accept()
        else:
            dialog.dismiss()

    page.on("dialog", on_dialog)
    chooser_file = {"name": "slo.yaml", "mimeType": "text/yaml", "buffer": b'service: "Depot"\n'}
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Open a file…").click()
    chooser.value.set_files(chooser_file)
    page.wait_for_function(
        f"document.querySelector({json.dumps(TEXTAREA)}).value.includes('Depot')"
    )
    assert textarea.input_value() == 'service: "Depot"\n'
    assert asked == []  # the template was there: nothing to lose
    assert page.locator(".course-checker-note").inner_text() == "Opened slo.yaml."
    page.wait_for_function(f"localStorage.getItem({json.dumps(DRAFT_KEY)}) !== null")
    assert stored(page, DRAFT_KEY)["text"] == 'service: "Depot"\n'

    other = {"name": "other.yml", "mimeType": "text/yaml", "buffer": b"service: Other\n"}
    page.locator("input.course-checker-file").set_input_files(other)
    page.wait_for_timeout(200)
    assert asked and asked[-1].startswith("Replace what is in the editor with other.yml?")
    assert textarea.input_value() == 'service: "Depot"\n'  # dismissed: kept

    accept["yes"] = True
    page.locator("input.course-checker-file").set_input_files(other)
    page.wait_for_function(
        f"document.querySelector({json.dumps(TEXTAREA)}).value.includes('Other')"
    )
    assert textarea.input_value() == "service: Other\n"
    assert "checked as slo.yaml" in page.locator(".course-checker-note").inner_text()
    page.get_by_role("button", name="Undo: bring back my draft").click()
    assert textarea.input_value() == 'service: "Depot"\n'
    assert page.problems == []


def test_a_file_that_is_not_utf8_is_refused_as_the_command_line_refuses_it(page, base) -> None:
    textarea = open_page(page, base)
    set_text(page, "my draft\n")
    latin = {
        "name": "slo.yaml",
        "mimeType": "text/yaml",
        "buffer": b"service: x\njourney: caf\xe9\n",
    }
    page.locator("input.course-checker-file").set_input_files(latin)
    note = page.locator(".course-checker-note")
    note.wait_for()
    assert note.inner_text().startswith("slo.yaml is not UTF-8 text (line 2): save it with UTF-8")
    assert textarea.input_value() == "my draft\n"  # nothing was changed, nothing asked
    # a byte-order mark is allowed, as on the command line, and left out of the editor
    bom = {"name": "slo.yaml", "mimeType": "text/yaml", "buffer": "\ufeffservice: café\n".encode()}
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("input.course-checker-file").set_input_files(bom)
    page.wait_for_function(f"document.querySelector({json.dumps(TEXTAREA)}).value.includes('café')")
    assert textarea.input_value() == "service: café\n"
    assert page.problems == []


def test_download_saves_the_text_as_the_artefact(page, base, tmp_path: Path) -> None:
    open_page(page, base)
    set_text(page, "service: Depot Scanning\njourney: ünïcode ✓\n")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download slo.yaml").click()
    download = info.value
    assert download.suggested_filename == "slo.yaml"
    target = tmp_path / "slo.yaml"
    download.save_as(target)
    assert target.read_text(encoding="utf-8") == "service: Depot Scanning\njourney: ünïcode ✓\n"
    assert page.locator("a[download]").count() == 0  # the temporary link is gone
    assert page.problems == []


# --- checking -------------------------------------------------------------------------


def test_a_failing_check_lists_the_findings_and_a_line_button_selects_the_line(page, base) -> None:
    page.add_init_script("window.__stubDelay = 600")
    textarea = open_page(page, base)
    text = TEMPLATE.replace('journey: ""', 'journey: "WRONG: the database"')
    set_text(page, text)
    check = page.get_by_role("button", name="Check my file")
    status = page.locator(".course-checker-status")
    check.click()
    # while it runs: the button is busy, the live region says so
    assert check.is_disabled() and check.get_attribute("aria-busy") == "true"
    assert status.inner_text() in ("Checking…", "Starting the checker (first time only)…")
    textarea.press("Control+Enter")  # one check at a time
    page.wait_for_function("!document.querySelector('.course-checker-check').disabled")
    assert status.inner_text() == "Checked slo.yaml. 2 problems to fix."
    assert check.get_attribute("aria-busy") is None
    assert page.evaluate("window.__calls") == [
        {"exercise": "rel-01-slo", "file": "slo.yaml", "text": text}
    ]
    results = page.locator(".course-checker-results")
    assert results.locator(".course-checker-verdict").inner_text().endswith("2 problems to fix")
    findings = results.locator("li.course-checker-finding")
    assert findings.count() == 2
    first = findings.nth(0).inner_text()
    assert "Problem: The journey names a component, <em>not markup</em>" in first  # text, not HTML
    assert "How to fix: Describe what the user does, in their words." in first
    assert findings.nth(0).locator("code").inner_text() == "SLO-JOURNEY-WORDS"
    assert results.locator("em").count() == 0
    assert "Field: error_budget_minutes" in findings.nth(1).inner_text()
    assert findings.nth(1).get_by_role("button").count() == 0  # no line, no button
    assert page.get_by_role("button", name="Mark this exercise as done").count() == 0

    page.get_by_role("button", name="Line 3: journey").click()
    selection = page.evaluate(
        "() => { const t = document.activeElement;"
        " return [t.id, t.selectionStart, t.selectionEnd]; }"
    )
    assert selection == [TEXTAREA[1:], *line_offsets(text, 3)]
    flag = page.locator(".course-checker-flag-current")
    assert flag.inner_text() == "3"
    assert page.locator(".course-checker-flag").count() == 1

    # an edit after the check: the results say they are about the text before
    page.keyboard.press("End")
    page.keyboard.type(" x")
    verdict = results.locator(".course-checker-verdict")
    assert "(checked before your last edit)" in verdict.inner_text()
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    assert "(checked before" not in verdict.inner_text()
    assert page.problems == []


def test_a_finding_far_down_scrolls_the_editor_to_its_line(page, base) -> None:
    open_page(page, base)
    text = "FAR\n" + "".join(f"line_{n}: {n}\n" for n in range(2, 90))
    set_text(page, text)
    run_check(page)
    page.get_by_role("button", name="Line 60: far.away").click()
    state = page.evaluate(
        """() => {
          const t = document.querySelector('.course-checker-text');
          const lh = parseFloat(getComputedStyle(t).lineHeight);
          const lines = document.querySelector('.course-checker-gutter-lines');
          return {start: t.selectionStart, end: t.selectionEnd, top: t.scrollTop,
                  height: t.clientHeight, lh: lh, shift: lines.style.transform};
        }"""
    )
    assert (state["start"], state["end"]) == line_offsets(text, 60)
    line_top = 59 * state["lh"]
    assert state["top"] > 0
    assert state["top"] <= line_top <= state["top"] + state["height"] - state["lh"]
    assert state["shift"] == f"translateY({-state['top']}px)"  # the gutter follows
    assert page.problems == []


def test_ctrl_enter_in_the_editor_runs_a_check(page, base) -> None:
    textarea = open_page(page, base)
    textarea.click()
    page.keyboard.press("Control+Enter")
    page.wait_for_function("window.__calls.length === 1")
    assert textarea.input_value() == TEMPLATE  # no new line typed
    page.wait_for_selector(".course-checker-verdict")
    assert page.evaluate("window.__calls[0].text") == TEMPLATE
    assert page.problems == []


def test_the_keyboard_reaches_editor_then_toolbar_then_results(page, base) -> None:
    textarea = open_page(page, base)
    set_text(page, "WRONG\n")
    textarea.focus()
    order = []
    for _ in range(5):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.textContent"))
    assert order == [
        "Check my file",
        "Open a file…",
        "Download slo.yaml",
        "Start again from the template",
        "Mark this module as done",  # the hidden file input is skipped; no results yet
    ]
    textarea.focus()
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(".course-checker-line")
    page.locator(".course-checker-reset").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Line 3: journey"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == TEXTAREA[1:]
    # the Check button is disabled while it runs, and has the focus back afterwards
    page.locator(".course-checker-check").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("window.__calls.length === 2")
    page.wait_for_function("!document.querySelector('.course-checker-check').disabled")
    assert page.evaluate("document.activeElement.textContent") == "Check my file"
    assert page.problems == []


def test_a_pass_lists_the_checks_and_review_then_marks_the_exercise_done(page, base) -> None:
    open_page(page, base)
    # an entry written before exercises were recorded: no exercise map
    page.evaluate(
        f"localStorage.setItem({json.dumps(PROGRESS_KEY)},"
        " JSON.stringify({v: 1, done: {'rel-01': '2024-01-02'}, quiz: {q: {q1: true}}}))"
    )
    page.reload()
    page.wait_for_selector(".course-checker-toolbar")
    assert run_check(page) == "Checked slo.yaml. Passed: nothing the checker can see is wrong."
    results = page.locator(".course-checker-results")
    assert "Passed: nothing the checker can see is wrong" in results.inner_text()
    assert results.locator(".course-checker-passed li").all_inner_texts() == [
        "The target is a percentage strictly between 0 and 100",
        "The error budget in minutes matches the target and the window",
    ]
    assert "A reviewer will also look at:" in results.inner_text()
    assert results.locator(".course-checker-review li").count() == 2
    page.get_by_role("button", name="Mark this exercise as done").click()
    today = page.evaluate("new Date().toISOString().slice(0, 10)")
    progress = stored(page, PROGRESS_KEY)
    assert progress == {
        "v": 1,
        "done": {"rel-01": "2024-01-02"},
        "quiz": {"q": {"q1": True}},
        "exercise": {"rel-01-slo": today},
        "unit": {},  # a progress entry kept from before units gains their map
    }
    line = page.locator(".course-checker-progress")
    assert line.inner_text().startswith("✓ Done: you passed this check on ")
    assert page.evaluate("document.activeElement.className").startswith("course-checker-progress")
    page.reload()
    assert (
        page.locator(".course-checker-progress")
        .inner_text()
        .startswith("✓ Done: you passed this check on ")
    )
    assert page.evaluate("CourseProgress.isExerciseDone('rel-01-slo')") is True
    assert page.evaluate("CourseProgress.isExerciseDone('rel-02-policy')") is False
    assert page.problems == []


def test_a_pass_with_a_warning_and_a_file_whose_shape_is_wrong(page, base) -> None:
    open_page(page, base)
    set_text(page, TEMPLATE + "# WARN\n")
    assert run_check(page) == "Checked slo.yaml. Passed, with 1 warning."
    finding = page.locator("li.course-checker-finding")
    assert finding.inner_text().startswith("! Warning: The SLA is very close to the SLO.")
    assert page.get_by_role("button", name="Mark this exercise as done").is_visible()
    set_text(page, "WAITING\n")
    assert run_check(page) == "Checked slo.yaml. 1 problem to fix."
    assert page.locator(".course-checker-waiting").inner_text() == (
        "Fix these first: 2 more checks run once every field can be read."
    )
    assert page.locator(".course-checker-passed").count() == 0
    assert page.get_by_role("button", name="Mark this exercise as done").count() == 0
    assert page.problems == []


def test_a_checker_that_cannot_start_says_why_without_a_console_error(page, base) -> None:
    open_page(page, base)
    set_text(page, "CRASH\n")
    status = run_check(page)
    assert status == "The checker could not start in this browser: use the command below."
    assert page.get_by_role("button", name="Check my file").is_enabled()
    assert page.problems == []


def test_without_an_engine_the_page_says_so_and_the_editor_still_works(page, base) -> None:
    textarea = open_page(page, base, "noengine.html")
    assert page.locator(".course-checker-status").inner_text() == (
        "The in-page checker is not part of this copy of the site: use the command below."
    )
    assert page.get_by_role("button", name="Check my file").count() == 0
    textarea.click()
    page.keyboard.type("typed ")
    page.keyboard.press("Control+Enter")  # nothing to run: no error
    with page.expect_download() as info:
        page.get_by_role("button", name="Download slo.yaml").click()
    assert info.value.suggested_filename == "slo.yaml"
    assert page.problems == []


def test_an_engine_built_without_the_runtime_says_so(page, base) -> None:
    page.add_init_script("window.__stubUnavailable = true")
    open_page(page, base)
    assert (
        page.locator(".course-checker-status")
        .inner_text()
        .startswith("The in-page checker is not part of this copy of the site")
    )
    assert page.get_by_role("button", name="Check my file").count() == 0
    assert page.problems == []


# --- storage that fails ---------------------------------------------------------------


def test_blocked_storage_is_said_plainly_and_throws_nothing(page, base) -> None:
    page.add_init_script(
        "Storage.prototype.setItem = function () {"
        " throw new DOMException('blocked', 'SecurityError'); };"
    )
    textarea = open_page(page, base)
    warning = page.locator(".course-checker-warning")
    assert warning.is_visible() and warning.inner_text() == "⚠ " + NO_STORAGE
    textarea.click()
    page.keyboard.type("still typing")
    page.wait_for_timeout(400)  # past the save's delay
    assert run_check(page).startswith("Checked slo.yaml.")
    # no progress can be kept: course.js hides its control, the checker says so
    assert "cannot keep your progress" in page.locator(".course-checker-progress").inner_text()
    assert page.evaluate("window.CourseProgress.storageAvailable") is False
    assert page.problems == []


def test_a_draft_too_large_to_store_is_said_plainly(page, base) -> None:
    open_page(page, base)
    # a paste far beyond the browser's storage quota
    page.evaluate(
        f"""() => {{
          const t = document.querySelector({json.dumps(TEXTAREA)});
          t.value = 'x'.repeat(12 * 1024 * 1024);
          t.dispatchEvent(new Event('input', {{bubbles: true}}));
        }}"""
    )
    warning = page.locator(".course-checker-warning")
    warning.wait_for(state="visible")
    assert "download your file before you leave the page" in warning.inner_text()
    set_text(page, "small again\n")
    warning.wait_for(state="hidden")
    assert stored(page, DRAFT_KEY)["text"] == "small again\n"
    assert page.problems == []


# --- other pages, file://, narrow screens, axe ----------------------------------------


def test_two_checkers_on_one_page_keep_their_own_drafts_and_files(page, base) -> None:
    page.goto(f"{base}/two.html")
    page.wait_for_selector(".course-checker-toolbar")
    json_editor = "#course-checker-flo-03-vsm"
    set_text(page, '{"steps": ["WRONG"]}\n', json_editor)
    page.wait_for_function("localStorage.getItem('course-draft:test-course:flo-03-vsm') !== null")
    assert page.evaluate("localStorage.getItem('course-draft:test-course:rel-01-slo')") is None
    page.locator("#exercise-flo-03-vsm").get_by_role("button", name="Check my file").click()
    page.wait_for_function("window.__calls.length === 1")
    assert page.evaluate("window.__calls[0]")["file"] == "vsm.json"
    assert page.evaluate("window.__calls[0]")["exercise"] == "flo-03-vsm"
    page.locator("#exercise-flo-03-vsm .course-checker-verdict").wait_for()
    assert page.locator("#exercise-rel-01-slo .course-checker-verdict").count() == 0
    assert not page.locator("#exercise-flo-03-vsm pre.course-template").is_visible()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download vsm.json").click()
    assert info.value.suggested_filename == "vsm.json"
    assert page.problems == []


def test_it_works_from_a_file_url(page, site: Path) -> None:
    page.goto((site / "index.html").as_uri())
    page.wait_for_selector(".course-checker-toolbar")
    set_text(page, TEMPLATE.replace("journey", "WRONG"))
    page.wait_for_function(f"localStorage.getItem({json.dumps(DRAFT_KEY)}) !== null")
    page.reload()
    assert "WRONG" in page.locator(TEXTAREA).input_value()
    assert run_check(page) == "Checked slo.yaml. 2 problems to fix."
    with page.expect_download() as info:
        page.get_by_role("button", name="Download slo.yaml").click()
    assert info.value.suggested_filename == "slo.yaml"
    assert page.problems == []


def test_a_narrow_screen_has_no_horizontal_scroll(page, base) -> None:
    page.set_viewport_size({"width": 420, "height": 800})
    open_page(page, base)
    set_text(page, "WRONG " + "a_very_long_line_without_spaces_" * 12 + "\nFAR\n")
    run_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 420
    assert not page.locator(".course-checker-gutter").is_visible()  # under 30rem
    for button in page.locator(".course-checker-toolbar button:visible").all():
        box = button.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 420
    assert page.problems == []


def test_axe_finds_no_serious_or_critical_violation(page, base) -> None:
    if not AXE.is_file():
        missing_tool(
            "axe-core is not installed: run make test once (npm installs it into .venv/npm)"
        )
    open_page(page, base)
    set_text(page, "WRONG\n")
    run_check(page)
    page.get_by_role("button", name="Line 3: journey").click()
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))"
    )
    print(f"axe checker: {violations}")
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []
    set_text(page, "all good\n")
    run_check(page)
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))"
    )
    print(f"axe checker, passed: {violations}")
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []
