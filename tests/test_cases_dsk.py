"""The dsk exercises: each case.yaml agrees with the template and brief that show it to
learners, and the rules behave as a marker following marking.md would."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from curriculum.validation.registry import check_file, read_exercise

from .conftest import REPO

EXERCISES = REPO / "exercises"


@pytest.fixture(autouse=True, params=["dsk-cases"])
def _dsk(request: pytest.FixtureRequest) -> str:
    """Puts 'dsk-' in every test's id, so that ``-k dsk-`` selects this file with the
    dsk exercises' cases."""
    return str(request.param)


def folder(exercise_id: str) -> Path:
    return EXERCISES / exercise_id


def case_of(exercise_id: str) -> Any:
    return yaml.safe_load((folder(exercise_id) / "case.yaml").read_text(encoding="utf-8"))


def flat(exercise_id: str, name: str) -> str:
    """A text file with comment marks dropped and its line breaks read as spaces."""
    text = (folder(exercise_id) / name).read_text(encoding="utf-8")
    lines = [re.sub(r"^\s*(#|//)\s?", "", line) for line in text.splitlines()]
    return " ".join(" ".join(lines).split())


def solution(exercise_id: str) -> Any:
    exercise = read_exercise(folder(exercise_id))[0]
    assert exercise is not None
    text = exercise.solution.read_text(encoding="utf-8")
    return json.loads(text) if exercise.meta.format == "json" else yaml.safe_load(text)


def findings_for(exercise_id: str, data: Any, tmp_path: Path) -> list[tuple[str, str]]:
    """(code, field) of each finding the checker reports for ``data`` as a learner's file."""
    exercise = read_exercise(folder(exercise_id))[0]
    assert exercise is not None
    fmt = exercise.meta.format
    target = tmp_path / f"submission.{fmt}"
    text = json.dumps(data, indent=2) if fmt == "json" else yaml.safe_dump(data, sort_keys=False)
    target.write_text(text, encoding="utf-8")
    findings, readable = check_file(exercise, target)
    assert readable
    return [(f.code, f.location.field) for f in findings]


def codes(found: list[tuple[str, str]]) -> set[str]:
    return {code for code, _ in found}


# ---------------------------------------------------------------- dsk-01-triage

TRIAGE = "dsk-01-triage"


def test_triage_template_gives_the_case_tickets_in_order() -> None:
    template = yaml.safe_load((folder(TRIAGE) / "template.yaml").read_text(encoding="utf-8"))
    assert [t["id"] for t in template["tickets"]] == list(case_of(TRIAGE)["tickets"])


def test_triage_template_quotes_each_caller_as_the_case_does() -> None:
    text = flat(TRIAGE, "template.yaml")
    for ticket in case_of(TRIAGE)["tickets"].values():
        words = " ".join(ticket["words"].split())
        assert f'"{words}"' in text, words
        assert ticket["caller"].split(",")[0] in text


def test_triage_matrix_is_the_one_the_rule_descriptions_teach() -> None:
    matrix = case_of(TRIAGE)["matrix"]
    assert sorted(v for row in matrix.values() for v in row.values()) == [1, 2, 2, 3, 3, 3, 4, 4, 4]
    assert matrix["high"]["high"] == 1 and matrix["low"]["low"] == 4
    brief = flat(TRIAGE, "brief.md")
    assert f"{len(case_of(TRIAGE)['tickets'])} tickets" in brief.lower().replace("ten", "10")


def test_triage_solution_follows_the_key() -> None:
    case = case_of(TRIAGE)
    key, prefixes = case["tickets"], case["record_prefixes"]
    for ticket in solution(TRIAGE)["tickets"]:
        prefix, number = ticket["id"].split("-")
        assert ticket["type"] == key[number]["type"]
        assert prefix == prefixes[ticket["type"]]  # REQ- for a request, PRB- for a problem
        assert ticket["impact"] in key[number]["impact"]
        assert ticket["urgency"] in key[number]["urgency"]


def test_triage_template_does_not_give_away_the_type() -> None:
    # the prefix of a record number says its type, so the template gives only the number
    template = yaml.safe_load((folder(TRIAGE) / "template.yaml").read_text(encoding="utf-8"))
    assert all(str(t["id"]).isdigit() for t in template["tickets"])


@pytest.mark.parametrize(
    ("index", "written", "caught"),
    [
        (3, "REQ-47431", False),  # the agency drivers' set-up is a service request
        (3, "req-47431", False),
        (3, "INC-47431", True),  # a request kept under an incident number
        (4, "47437", True),  # no prefix at all
        (4, "PBM-47437", True),  # not a record prefix
        (0, 47402, True),  # a bare number, unquoted
    ],
)
def test_triage_id_carries_the_prefix_of_its_type(
    index: int, written: str | int, caught: bool, tmp_path: Path
) -> None:
    data = solution(TRIAGE)
    data["tickets"][index]["id"] = written
    found = codes(findings_for(TRIAGE, data, tmp_path))
    assert found == ({"TRIAGE-RECORD"} if caught else set()), found


def test_triage_a_wrong_type_with_its_own_prefix_is_reported_once(tmp_path: Path) -> None:
    data = solution(TRIAGE)
    data["tickets"][8].update(type="incident")  # REQ-47478 typed incident: TRIAGE-TYPE only
    assert codes(findings_for(TRIAGE, data, tmp_path)) == {"TRIAGE-TYPE"}


def test_triage_the_same_number_under_two_prefixes_is_one_ticket_twice(tmp_path: Path) -> None:
    data = solution(TRIAGE)
    data["tickets"].append(dict(data["tickets"][3], id="INC-47431", type="incident"))
    assert "TRIAGE-TICKETS" in codes(findings_for(TRIAGE, data, tmp_path))


@pytest.mark.parametrize(
    ("summary", "caught"),
    [
        (
            "Kelly's scanner battery is flat; she is due out at quarter past six.",
            True,
        ),
        (
            "Kelly's scanner is dead because of a bad firmware push; due out at quarter past six.",
            True,
        ),
        ("Kelly's scanner is dead because the charging dock failed overnight; due out soon.", True),
        (
            "Kelly needs a spare because hers is dead and she is due out at quarter past six.",
            False,
        ),
        (
            "Kelly's scanner won't switch on after a night on charge; due out at quarter past six.",
            False,
        ),
    ],
)
def test_triage_summary_that_invents_a_cause_is_caught(
    summary: str, caught: bool, tmp_path: Path
) -> None:
    data = solution(TRIAGE)
    data["tickets"][1]["summary"] = summary
    found = findings_for(TRIAGE, data, tmp_path)
    assert (("TRIAGE-SUMMARY-CAUSE", "INC-47406.summary") in found) is caught, found


def test_triage_caller_words_count_past_word_endings(tmp_path: Path) -> None:
    data = solution(TRIAGE)
    data["tickets"][6]["summary"] = (
        "Southport rota not published, screen shows Error 500 when pressing the button."
    )
    assert codes(findings_for(TRIAGE, data, tmp_path)) == set()


def test_triage_every_wrong_ticket_is_reported_not_only_the_first(tmp_path: Path) -> None:
    data = solution(TRIAGE)
    wrong = data["tickets"][:4]
    for ticket in wrong:
        ticket["type"] = "problem"
        ticket["major_incident"] = False
    found = findings_for(TRIAGE, data, tmp_path)
    assert {f for f in found if f[0] == "TRIAGE-TYPE"} == {
        ("TRIAGE-TYPE", f"{t['id']}.type") for t in wrong
    }


# ---------------------------------------------------------------- dsk-02-kcs

KCS = "dsk-02-kcs"


def test_kcs_template_starts_from_the_case_article_and_gives_each_use() -> None:
    case = case_of(KCS)
    template = yaml.safe_load((folder(KCS) / "template.yaml").read_text(encoding="utf-8"))
    assert template["id"] == case["article"]
    notes = flat(KCS, "template.yaml")
    for ticket, use in case["uses"].items():
        day = use["date"]
        assert ticket in notes and f"{day.day} {day:%B %Y}" in notes, ticket
        assert use["depot"] in notes and use["by"] in notes
    assert case["article"] in flat(KCS, "brief.md")


def test_kcs_solution_logs_each_use_of_the_case() -> None:
    case = case_of(KCS)
    logged = {r["ticket"]: r["date"] for r in solution(KCS)["reuse_log"]}
    assert logged == {t: u["date"] for t, u in case["uses"].items()}
    assert solution(KCS)["state"] in case["states"]


def test_kcs_template_names_the_jargon_the_rule_bans() -> None:
    notes = flat(KCS, "template.yaml")
    for term in case_of(KCS)["jargon"]:
        assert term in notes, term


@pytest.mark.parametrize(
    ("step", "caught"),
    [
        ("Log on to the Nimbus Cloud console and restart the sync service.", True),
        ("Restart ScanSync on the server.", True),
        ("If the number does not fall, open a shared call with the platform team.", False),
        ("Ask the platform team whether the sync service on Nimbus needs a look.", False),
    ],
)
def test_kcs_a_step_on_the_sync_service_is_caught_unless_it_hands_over(
    step: str, caught: bool, tmp_path: Path
) -> None:
    data = solution(KCS)
    data["resolution"].append(step)
    found = findings_for(KCS, data, tmp_path)
    place = f"resolution[{len(data['resolution'])}]"
    assert (("KCS-FLAG-OPEN", place) in found) is caught, found


@pytest.mark.parametrize("article_id", ["KB-0087", "kb-0087", "KB 0087", "KB0087"])
def test_kcs_the_article_id_may_be_written_loosely(article_id: str, tmp_path: Path) -> None:
    data = solution(KCS)
    data["id"] = article_id
    assert findings_for(KCS, data, tmp_path) == []


@pytest.mark.parametrize("owner", ["TBD", "someone", "IT", "  "])
def test_kcs_a_flag_for_nobody_is_caught(owner: str, tmp_path: Path) -> None:
    data = solution(KCS)
    data["improvements"][2]["flag_for"] = owner
    assert ("KCS-FLAG-OWNER", "improvements[3].flag_for") in findings_for(KCS, data, tmp_path)


# ---------------------------------------------------------------- dsk-03-journey

JOURNEY = "dsk-03-journey"


def test_journey_brief_table_is_the_case_event_log() -> None:
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in (folder(JOURNEY) / "brief.md").read_text(encoding="utf-8").splitlines()
        if re.match(r"\|\s*\d+\s*\|", line)
    ]
    events = case_of(JOURNEY)["events"]
    assert len(rows) == len(events)
    for (number, when, kind, team, note), (day, hhmm, e_kind, e_team, e_note) in zip(
        rows, events, strict=True
    ):
        assert int(number) == events.index([day, hhmm, e_kind, e_team, e_note]) + 1
        assert when == f"{day} {hhmm}" and kind == e_kind and team == e_team
        assert note == e_note


def test_journey_ticket_and_days_agree_with_brief_and_schema() -> None:
    case = case_of(JOURNEY)
    brief = flat(JOURNEY, "brief.md")
    assert f"`{case['ticket']}`" in brief
    for day in case["days"].values():
        assert f"{day:%B %Y}" in brief and str(day.day) in brief
    template = json.loads((folder(JOURNEY) / "template.json").read_text(encoding="utf-8"))
    assert template["ticket"] == case["ticket"]


def test_journey_solution_figures_follow_from_the_log_as_the_marking_notes_say() -> None:
    # marking.md: a 905-minute overnight hold; LinkWave joined 26 hours after the first call
    data = solution(JOURNEY)
    events = case_of(JOURNEY)["events"]
    assert data["working_minutes"] + data["waiting_minutes"] == 1717
    hold = next(i for i, e in enumerate(events) if e[2] == "waiting")
    assert (events[hold][0], events[hold + 1][0]) == ("Tue", "Wed")
    assert "905" in flat(JOURNEY, "marking.md")


@pytest.mark.parametrize(
    ("trigger", "late"),
    [
        ("A ticket has been reassigned 5 times.", True),
        ("4 reassignments without a cause.", True),
        ("A ticket is still open after 2 days.", True),
        ("2nd reassignment", False),
        ("A ticket is handed to a 2nd team.", False),
        ("Two depots report slow scans before 06:30.", False),
        ("A ticket has been open for 30 minutes during load-out.", False),
    ],
)
def test_journey_a_trigger_that_never_fires_on_this_ticket_is_caught(
    trigger: str, late: bool, tmp_path: Path
) -> None:
    data = solution(JOURNEY)
    data["swarm_policy"]["entry_triggers"] = [trigger]
    found = findings_for(JOURNEY, data, tmp_path)
    assert (("JOURNEY-ENTRY-LATE", "swarm_policy.entry_triggers[1]") in found) is late, found
    assert "JOURNEY-ENTRY" not in codes(found)


@pytest.mark.parametrize(
    "condition",
    ["Any depot reports it", "2nd handoff", "Two depots slow", "Depot confirms the fix"],
)
def test_journey_short_concrete_conditions_pass(condition: str, tmp_path: Path) -> None:
    data = solution(JOURNEY)
    data["swarm_policy"]["exit_criteria"][0] = condition
    found = codes(findings_for(JOURNEY, data, tmp_path))
    assert "JOURNEY-EXIT" not in found
    if "confirms" not in condition:
        data["swarm_policy"]["entry_triggers"][0] = condition
        assert "JOURNEY-ENTRY" not in codes(findings_for(JOURNEY, data, tmp_path))


@pytest.mark.parametrize(
    ("condition", "exit_"),
    [("Swarm when needed", False), ("The team decides", False), ("The team decides", True)],
)
def test_journey_conditions_nobody_could_check_are_caught(
    condition: str, exit_: bool, tmp_path: Path
) -> None:
    data = solution(JOURNEY)
    field = "exit_criteria" if exit_ else "entry_triggers"
    data["swarm_policy"][field][0] = condition
    code = "JOURNEY-EXIT" if exit_ else "JOURNEY-ENTRY"
    assert (code, f"swarm_policy.{field}[1]") in findings_for(JOURNEY, data, tmp_path)


# ---------------------------------------------------------------- dsk-04-scorecard

SCORECARD = "dsk-04-scorecard"


def test_scorecard_template_holds_the_case_current_scorecard() -> None:
    case = case_of(SCORECARD)
    template = yaml.safe_load((folder(SCORECARD) / "template.yaml").read_text(encoding="utf-8"))
    assert [(m["name"], m["kind"]) for m in template["measures"]] == [
        (name, kind) for name, kind, _figure, _target in case["current"]
    ]
    comments = flat(SCORECARD, "template.yaml")
    for name, _kind, figure, target in case["current"]:
        assert re.search(re.escape(name) + r"\s+" + re.escape(figure), comments), name
        assert f"({target}" in comments or f"(target {target})" in comments, name


def test_scorecard_october_figures_are_the_ones_the_template_and_solution_quote() -> None:
    october = case_of(SCORECARD)["october"]
    comments = flat(SCORECARD, "template.yaml")
    assert f"{october['late_mornings']} of {october['mornings']} mornings" in comments
    assert f"{october['median_fix_minutes']} minutes" in comments
    assert f"{october['repeat_tickets']} of the {october['scanner_tickets']}" in comments
    critique = " ".join(solution(SCORECARD)["critique"])
    assert f"{october['repeat_tickets']} of {october['scanner_tickets']}" in critique


def test_scorecard_share_limit_is_the_one_the_brief_gives() -> None:
    limit = case_of(SCORECARD)["max_response_share"]
    assert f"{limit} %" in flat(SCORECARD, "brief.md")
    assert f"{limit} %" in flat(SCORECARD, "template.yaml")


@pytest.mark.parametrize(
    ("name", "kind", "caught"),
    [
        ("Average time to pick up a call", "operational", True),
        ("Calls answered in 20 seconds", "experience", True),
        ("Callers who say the desk got them working again", "experience", False),
        ("Calls answered in 20 seconds", "response_time", False),
    ],
)
def test_scorecard_speed_under_another_kind_is_caught(
    name: str, kind: str, caught: bool, tmp_path: Path
) -> None:
    data = solution(SCORECARD)
    data["measures"][3].update(name=name, kind=kind, formula="see the name")
    data["measures"][3]["data_source"] = "Survey and telephony system"
    found = findings_for(SCORECARD, data, tmp_path)
    assert (("SCORE-RESPONSE-KIND", "measures[4].kind") in found) is caught, found


@pytest.mark.parametrize(
    ("owner", "caught"),
    [("Ticket tool", True), ("telephony system", True), ("TBD", True), ("Problem manager", False)],
)
def test_scorecard_owner_must_be_a_person_or_role(owner: str, caught: bool, tmp_path: Path) -> None:
    data = solution(SCORECARD)
    data["measures"][5]["owner"] = owner
    found = findings_for(SCORECARD, data, tmp_path)
    assert (("SCORE-OWNER", "measures[6].owner") in found) is caught, found


# ---------------------------------------------------------------- dsk-05-problem

PROBLEM = "dsk-05-problem"


def test_problem_template_prints_the_case_export_row_for_row() -> None:
    case = case_of(PROBLEM)
    text = (folder(PROBLEM) / "template.yaml").read_text(encoding="utf-8")
    printed = [line[2:] for line in text.splitlines() if re.match(r"# (id|INC-)", line)]
    assert printed[0] == ",".join(case["columns"])
    assert printed[1:] == [",".join(str(v) for v in row) for row in case["export"]]


def test_problem_brief_gives_the_case_size_and_dates() -> None:
    export = case_of(PROBLEM)["export"]
    brief = flat(PROBLEM, "brief.md")
    assert f"{len(export)} incidents" in brief
    first, last = export[0][1].split(), export[-1][1].split()
    assert f"{int(first[1])} {'October' if first[2] == 'Oct' else first[2]}" in brief
    assert f"{int(last[1])} {'November' if last[2] == 'Nov' else last[2]}" in brief


def test_problem_marking_figures_agree_with_the_export() -> None:
    # marking.md: the login-failure pattern has 7 incidents and 140 user-minutes
    rows = [r for r in case_of(PROBLEM)["export"] if r[3] == "login failure"]
    assert len(rows) == 7 and sum(r[5] * r[6] for r in rows) == 140
    marking = flat(PROBLEM, "marking.md")
    assert "(7)" in marking and "140 user-minutes" in marking
    slow = [r for r in case_of(PROBLEM)["export"] if r[2:4] == ["Depot Scanning", "slow sync"]]
    assert all(r[1].startswith("Mon") and "05:18" <= r[1][-5:] <= "05:40" for r in slow)


@pytest.mark.parametrize(
    ("sentence", "caught"),
    [
        ("The LinkWave link is overloaded at load-out.", True),
        ("This is due to the sync service.", True),
        ("ScanTech broke the scanning app in the last update.", True),
        ("The platform team failed to find anything.", True),
        ("The timing may point to congestion on the depot link.", False),
        ("Scans failed to confirm for up to 40 seconds.", False),
        ("The cause is not yet known.", False),
    ],
)
def test_problem_statement_that_diagnoses_or_blames_is_caught(
    sentence: str, caught: bool, tmp_path: Path
) -> None:
    data = solution(PROBLEM)
    data["problem_record"]["statement"] += " " + sentence
    found = findings_for(PROBLEM, data, tmp_path)
    hit = ("PROBLEM-STATEMENT-SYMPTOMS", "problem_record.statement") in found
    assert hit is caught, found


def test_problem_every_rank_out_of_order_is_reported(tmp_path: Path) -> None:
    data = solution(PROBLEM)
    data["candidates"].reverse()
    for rank, candidate in enumerate(data["candidates"], 1):
        candidate["rank"] = rank
    data["problem_record"]["candidate_rank"] = 4
    found = findings_for(PROBLEM, data, tmp_path)
    assert {f for f in found if f[0] == "PROBLEM-RANKING"} == {
        ("PROBLEM-RANKING", f"candidates[{i}].rank") for i in (2, 3, 4)
    }
