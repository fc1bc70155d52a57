"""The fnd and sup-01 exercises: each case.yaml agrees with the template, brief and
validator that use it, and the rules behave as a marker following marking.md would."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml

from curriculum.validation.registry import check_file, load_validator, read_exercise

from .conftest import REPO

EXERCISES = REPO / "exercises"


def exercise_case(exercise_id: str) -> pytest.MarkDecorator:
    """Puts the exercise's id in the test's name, so ``-k fnd-01`` selects it."""
    return pytest.mark.parametrize("exercise", [exercise_id])


def folder(exercise_id: str) -> Path:
    return EXERCISES / exercise_id


def case_of(exercise_id: str) -> Any:
    return yaml.safe_load((folder(exercise_id) / "case.yaml").read_text(encoding="utf-8"))


def text_of(exercise_id: str, name: str) -> str:
    return (folder(exercise_id) / name).read_text(encoding="utf-8")


def prose_of(exercise_id: str, name: str) -> str:
    """A text file with its line breaks read as spaces."""
    return " ".join(text_of(exercise_id, name).split())


def codes_for(exercise_id: str, content: str, tmp_path: Path, fmt: str = "yaml") -> list[str]:
    """The codes the checker reports for ``content`` written as a learner's file."""
    exercise = read_exercise(folder(exercise_id))[0]
    assert exercise is not None
    target = tmp_path / f"submission.{fmt}"
    target.write_text(content, encoding="utf-8")
    findings, readable = check_file(exercise, target)
    assert readable
    return sorted({f.code for f in findings})


def solution(exercise_id: str) -> Any:
    exercise = read_exercise(folder(exercise_id))[0]
    assert exercise is not None
    text = exercise.solution.read_text(encoding="utf-8")
    return json.loads(text) if exercise.meta.format == "json" else yaml.safe_load(text)


def literal_choices(exercise_id: str, model: str, field: str) -> tuple[str, ...]:
    exercise = read_exercise(folder(exercise_id))[0]
    assert exercise is not None
    schema = load_validator(exercise).schema
    target = schema if schema.__name__ == model else None
    for name, info in schema.model_fields.items():
        for arg in get_args(info.annotation) or (info.annotation,):
            if getattr(arg, "__name__", "") == model:
                target = arg
        del name
    assert target is not None
    annotation = target.model_fields[field].annotation
    while not all(isinstance(a, str) for a in get_args(annotation)):
        annotation = get_args(annotation)[0]
    return get_args(annotation)


@pytest.mark.parametrize(
    "exercise_id",
    ["fnd-01-values", "fnd-02-classify", "fnd-03-mesh", "fnd-04-culture", "sup-01-siam"],
)
def test_review_questions_give_no_answer_away(exercise_id: str) -> None:
    meta = yaml.safe_load(text_of(exercise_id, "exercise.yaml"))
    questions = meta["review"]
    assert 2 <= len(questions) <= 5
    assert all(10 <= len(q) <= 300 and q.rstrip().endswith("?") for q in questions)


# --- fnd-01-values -----------------------------------------------------------------


@exercise_case("fnd-01-values")
def test_values_template_lists_the_case_values_and_audiences(exercise: str) -> None:
    case, template = case_of("fnd-01-values"), text_of("fnd-01-values", "template.yaml")
    listed = re.findall(r"value: (V\d)\s+# (.+)", template)
    assert listed == list(case["values"].items())
    audiences = dict(re.findall(r"\b([a-z]+)\s+= ([^=\n]+?)(?=\s{2,}|\n|$)", template))
    assert audiences == case["audiences"]


@exercise_case("fnd-01-values")
def test_values_brief_states_the_case_word_limits(exercise: str) -> None:
    case = case_of("fnd-01-values")
    brief = prose_of("fnd-01-values", "brief.md")
    assert f"{case['words']['min']} to {case['words']['max']} words" in brief
    assert case["organisation"] in brief


@exercise_case("fnd-01-values")
def test_values_schema_takes_its_choices_from_the_case(exercise: str) -> None:
    case = case_of("fnd-01-values")
    assert literal_choices("fnd-01-values", "Statement", "value") == tuple(case["values"])
    assert literal_choices("fnd-01-values", "ValuesTranslation", "role") == tuple(case["audiences"])


def _values_file(
    start_v2: str, stop_v2: str = "Quoting first-call resolution as our headline."
) -> str:
    data = solution("fnd-01-values")
    data["statements"][1].update(start=start_v2, stop=stop_v2)
    return yaml.safe_dump(data, sort_keys=False)


@pytest.mark.parametrize(
    ("start", "flagged"),
    [
        ("Being more customer-focused in every depot call we take.", True),
        ("Be a better partner to the depots in everything we do.", True),
        ("Becoming more responsive whenever depots report trouble.", True),
        # an action that happens to contain the words is not a slogan
        ("Asking depot callers whether trucks will be more than ten minutes late.", False),
        ("Beginning each shift by checking which depots reported scanner delays.", False),
    ],
)
@exercise_case("fnd-01-values")
def test_values_slogans_are_caught_by_how_they_open(
    exercise: str, start: str, flagged: bool, tmp_path: Path
) -> None:
    codes = codes_for("fnd-01-values", _values_file(start), tmp_path)
    assert ("VALUES-SLOGAN" in codes) is flagged


@exercise_case("fnd-01-values")
def test_values_repeats_ignore_case_and_end_punctuation(exercise: str, tmp_path: Path) -> None:
    same = "Asking depot callers before 06:30 whether trucks will be delayed"
    codes = codes_for("fnd-01-values", _values_file(same + ".", same.upper() + "!"), tmp_path)
    assert codes == ["VALUES-NO-DUPLICATES"]


# --- fnd-02-classify ---------------------------------------------------------------


@exercise_case("fnd-02-classify")
def test_classify_template_lists_the_case_items_in_order(exercise: str) -> None:
    case = case_of("fnd-02-classify")
    template = json.loads(text_of("fnd-02-classify", "template.json"))
    listed = {entry["number"]: entry["item"] for entry in template["items"]}
    assert listed == {int(n): entry["item"] for n, entry in case["items"].items()}


@exercise_case("fnd-02-classify")
def test_classify_brief_states_the_case_item_ranges(exercise: str) -> None:
    case = case_of("fnd-02-classify")
    brief = prose_of("fnd-02-classify", "brief.md")
    first, last = case["things"]
    assert f"items {first} to {last}" in brief
    first, last = case["measures"]
    assert f"items {first} to {last}" in brief
    assert f"the {len(case['items'])} Brightwater items" in brief.replace("Classify the", "the")


@exercise_case("fnd-02-classify")
def test_classify_solution_labels_are_the_key(exercise: str) -> None:
    case = case_of("fnd-02-classify")
    labels = {e["number"]: e["label"] for e in solution("fnd-02-classify")["items"]}
    assert labels == {int(n): e["label"] for n, e in case["items"].items()}


def _classify_file(number: int, **changes: Any) -> str:
    data = solution("fnd-02-classify")
    entry = next(e for e in data["items"] if e["number"] == number)
    entry.update(changes)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("rewrite", "flagged"),
    [
        ("Share of tickets closed on time", True),
        ("Percentage of closed tickets per week", True),
        ("Device-management server availability during load-out", True),
        ("Uptime of the sync service", True),
        # counting a result the depots feel is an outcome measure, however it opens
        ("Number of depot mornings with every truck out by 06:30", False),
        ("Depot mornings delayed by scanner problems", False),
        ("Share of depot mornings on which a change made scanning fail", False),
    ],
)
@exercise_case("fnd-02-classify")
def test_classify_rewrite_is_judged_by_what_it_counts(
    exercise: str, rewrite: str, flagged: bool, tmp_path: Path
) -> None:
    codes = codes_for("fnd-02-classify", _classify_file(9, rewrite=rewrite), tmp_path, "json")
    assert ("CLASSIFY-REWRITE" in codes) is flagged


@pytest.mark.parametrize("placeholder", ["n/a", "N/A", "-", "none", ""])
@exercise_case("fnd-02-classify")
def test_classify_placeholder_rewrite_on_a_service_is_no_rewrite(
    exercise: str, placeholder: str, tmp_path: Path
) -> None:
    codes = codes_for("fnd-02-classify", _classify_file(1, rewrite=placeholder), tmp_path, "json")
    assert codes == []


@pytest.mark.parametrize(
    ("reason", "accepted"),
    [
        ("To the IT department LinkWave provides this link as a service.", True),
        ("LinkWave is the supplier, and we hold a contract for this link with them.", True),
        ("It is an important network link used by all of the depots.", False),
    ],
)
@exercise_case("fnd-02-classify")
def test_classify_supplier_view_is_read_from_the_reason(
    exercise: str, reason: str, accepted: bool, tmp_path: Path
) -> None:
    content = _classify_file(3, label="service", reason=reason)
    assert (codes_for("fnd-02-classify", content, tmp_path, "json") == []) is accepted


@exercise_case("fnd-02-classify")
def test_classify_a_long_reason_is_not_refused(exercise: str, tmp_path: Path) -> None:
    reason = " ".join(["Depot managers value it on its own, because"] * 12) + " it counts parcels."
    assert codes_for("fnd-02-classify", _classify_file(1, reason=reason), tmp_path, "json") == []


# --- fnd-03-mesh -------------------------------------------------------------------


@exercise_case("fnd-03-mesh")
def test_mesh_template_lists_the_case_situations_and_choices(exercise: str) -> None:
    case, template = case_of("fnd-03-mesh"), text_of("fnd-03-mesh", "template.yaml")
    titles = dict(re.findall(r"- id: (S\d)\n\s+# title:.*\n\s+title: (.+)", template))
    assert titles == {sid: s["title"] for sid, s in case["situations"].items()}
    for response in case["responses"].values():
        assert response in template
    for name, framework in case["frameworks"].items():
        assert name in template and framework["licence"] in template


@exercise_case("fnd-03-mesh")
def test_mesh_brief_names_every_framework_and_the_case_limits(exercise: str) -> None:
    case, brief = case_of("fnd-03-mesh"), prose_of("fnd-03-mesh", "brief.md")
    assert all(name in brief for name in case["frameworks"])
    assert f"at least {case['justification_words']} words" in brief
    assert f"at least {['', 'one', 'two', 'three', 'four'][case['min_frameworks']]}" in brief


@exercise_case("fnd-03-mesh")
def test_mesh_schema_choices_are_the_case_frameworks_and_licences(exercise: str) -> None:
    case = case_of("fnd-03-mesh")
    assert set(literal_choices("fnd-03-mesh", "Situation", "framework")) == set(case["frameworks"])
    assert set(literal_choices("fnd-03-mesh", "Situation", "licence")) == set(case["licences"])
    assert set(literal_choices("fnd-03-mesh", "Situation", "id")) == set(case["situations"])


def _mesh_file(sid: str, **changes: str) -> str:
    data = solution("fnd-03-mesh")
    next(s for s in data["situations"] if s["id"] == sid).update(changes)
    return yaml.safe_dump(data, sort_keys=False)


@pytest.mark.parametrize(
    ("framework", "licence"),
    [
        ("ITIL4", "Proprietary"),
        ("itil v4", "commercial publication"),
        ("KCS", "Creative Commons BY-NC-ND"),
        ("SIAM Body of Knowledge", "CC BY-NC-ND 4.0"),
        ("sre", "cc by-nc-nd"),
        ("Fit SM", "CC-BY 4.0"),
    ],
)
@exercise_case("fnd-03-mesh")
def test_mesh_reads_common_spellings_of_frameworks_and_licences(
    exercise: str, framework: str, licence: str, tmp_path: Path
) -> None:
    content = _mesh_file("S5", framework=framework, licence=licence)
    assert codes_for("fnd-03-mesh", content, tmp_path) == []


@exercise_case("fnd-03-mesh")
def test_mesh_a_wrong_licence_in_another_spelling_is_still_caught(
    exercise: str, tmp_path: Path
) -> None:
    content = _mesh_file("S5", framework="ITIL4", licence="CC BY")
    assert codes_for("fnd-03-mesh", content, tmp_path) == ["MESH-LICENCE"]


@pytest.mark.parametrize("sid", ["S2", "S3"])
@exercise_case("fnd-03-mesh")
def test_mesh_free_to_read_is_not_the_licence_of_the_sre_books_or_kcs(
    exercise: str, sid: str, tmp_path: Path
) -> None:
    # S2 uses Google SRE and S3 KCS v6 in the model answer: both are CC BY-NC-ND
    content = _mesh_file(sid, licence="free to read online")
    assert codes_for("fnd-03-mesh", content, tmp_path) == ["MESH-LICENCE"]


@pytest.mark.parametrize(
    ("sid", "practice", "flagged"),
    [
        ("S2", "Root cause analysis of the release and the storage fault.", True),
        ("S2", "Start by investigating which change broke it, then fix it.", True),
        ("S2", "Roll back the release and fail over now; root-cause analysis comes later.", False),
        ("S6", "Roll out new firmware to all 38 depots in one weekend.", True),
        ("S6", "Trial new firmware at two depots, then extend it to all 38 depots.", False),
        ("S4", "Agree a new shared load-out measure with every supplier at once.", True),
        ("S4", "Try a shared load-out measure with LinkWave alone and see what happens.", False),
    ],
)
@exercise_case("fnd-03-mesh")
def test_mesh_practice_must_fit_the_response(
    exercise: str, sid: str, practice: str, flagged: bool, tmp_path: Path
) -> None:
    codes = codes_for("fnd-03-mesh", _mesh_file(sid, practice=practice), tmp_path)
    assert ("MESH-PRACTICE-FITS" in codes) is flagged


# --- fnd-04-culture ----------------------------------------------------------------


@exercise_case("fnd-04-culture")
def test_culture_template_holds_the_case_survey(exercise: str) -> None:
    case = case_of("fnd-04-culture")
    template = yaml.safe_load(text_of("fnd-04-culture", "template.yaml"))
    assert template["team"] == case["team"]
    given = {r["respondent"]: r["scores"] for r in template["responses"]}
    assert given == case["responses"]
    items = text_of("fnd-04-culture", "template.yaml")
    for item, wording in case["items"].items():
        assert re.search(rf"#\s+{item} {re.escape(wording.split(':')[0])}:", items)


@exercise_case("fnd-04-culture")
def test_culture_brief_states_the_case_counts_and_bands(exercise: str) -> None:
    case = case_of("fnd-04-culture")
    brief = prose_of("fnd-04-culture", "brief.md")
    numbers = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight"]
    answered = numbers[len(case["responses"])].capitalize()
    assert f"{answered} of the {'eleven' if case['team_size'] == 11 else ''} engineers" in brief
    assert f"at least {numbers[case['min_respondents']]} people" in brief
    bands = case["bands"]
    assert f"below {bands['pathological_below']} pathological" in brief
    assert f"{bands['generative_from']} or more generative" in brief
    assert f"exactly {numbers[case['actions']]} leader behaviours" in brief


def _culture_file(**changes: Any) -> str:
    data = solution("fnd-04-culture")
    for index, action in changes.pop("actions", {}).items():
        data["leader_actions"][index].update(action)
    data.update(changes)
    return yaml.safe_dump(data, sort_keys=False)


@pytest.mark.parametrize(
    ("behaviour", "flagged"),
    [
        ("Thanks whoever reports a near miss at every stand-up.", False),
        # a slogan phrase inside a concrete, timed behaviour is not a slogan
        ("Every Monday, tells one story of bad news that helped, to raise awareness.", False),
        ("Improve communication and raise awareness of speaking up.", True),
        ("Runs a workshop on psychological safety for the whole team.", True),
        ("Thanks people.", True),
    ],
)
@exercise_case("fnd-04-culture")
def test_culture_behaviour_needs_a_when_not_a_word_count(
    exercise: str, behaviour: str, flagged: bool, tmp_path: Path
) -> None:
    codes = codes_for(
        "fnd-04-culture", _culture_file(actions={0: {"behaviour": behaviour}}), tmp_path
    )
    assert ("CULTURE-BEHAVIOUR" in codes) is flagged


@exercise_case("fnd-04-culture")
def test_culture_a_copying_slip_is_named_at_the_score(exercise: str, tmp_path: Path) -> None:
    case = case_of("fnd-04-culture")
    data = solution("fnd-04-culture")
    label, scores = next(iter(case["responses"].items()))
    wrong = 5 if scores["W3"] != 5 else 4
    data["responses"][0]["scores"]["W3"] = wrong
    exercise = read_exercise(folder("fnd-04-culture"))[0]
    assert exercise is not None
    target = tmp_path / "survey.yaml"
    target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    findings, _ = check_file(exercise, target)
    slips = [f for f in findings if f.code == "CULTURE-GIVEN-DATA"]
    assert [f.location.field for f in slips] == ["responses[1].scores.W3"]
    assert f"{label}'s W3 score is {wrong}" in slips[0].message


@exercise_case("fnd-04-culture")
def test_culture_own_team_answers_are_not_compared_with_the_case(
    exercise: str, tmp_path: Path
) -> None:
    content = text_of("fnd-04-culture", "cases/pass/hospital-it-own-team.yaml")
    assert codes_for("fnd-04-culture", content, tmp_path) == []


@pytest.mark.parametrize("leader", ["the team", "Everyone", "TBD"])
@exercise_case("fnd-04-culture")
def test_culture_leader_must_be_a_leader(exercise: str, leader: str, tmp_path: Path) -> None:
    content = _culture_file(actions={1: {"leader": leader}})
    assert codes_for("fnd-04-culture", content, tmp_path) == ["CULTURE-LEADER"]


# --- sup-01-siam -------------------------------------------------------------------


@exercise_case("sup-01-siam")
def test_siam_template_lists_the_case_suppliers_and_contract_ends(exercise: str) -> None:
    case = case_of("sup-01-siam")
    text = text_of("sup-01-siam", "template.yaml")
    template = yaml.safe_load(text)
    assert template["customer"] == case["customer"]
    external = [p["name"] for p in template["providers"] if p["kind"] == "external"]
    assert external == list(case["suppliers"])
    comments = " ".join(
        " ".join(line.lstrip("# ") for line in text.splitlines() if line.startswith("#")).split()
    )
    for name, supplier in case["suppliers"].items():
        if "contract_ends" in supplier:
            day = supplier["contract_ends"]
            when = f"{day.day} {day:%B %Y}"
            assert re.search(rf"{name}'s (contract ends )?on {when}", comments), name
    assert f"at least {case['words']['structure_reasons']} words" in comments


@exercise_case("sup-01-siam")
def test_siam_template_names_the_case_vocabularies(exercise: str) -> None:
    case = case_of("sup-01-siam")
    text = text_of("sup-01-siam", "template.yaml")
    for name in (*case["structures"], *case["stages"]):
        assert name in text
    assert set(literal_choices("sup-01-siam", "SiamModel", "structure")) == set(case["structures"])
    assert set(literal_choices("sup-01-siam", "Step", "stage")) == set(case["stages"])
    assert set(literal_choices("sup-01-siam", "Forum", "level")) == set(case["levels"])


def _siam_file(edit: Any) -> str:
    data = solution("sup-01-siam")
    edit(data)
    return yaml.safe_dump(data, sort_keys=False)


@pytest.mark.parametrize(
    ("party", "accepted"),
    [
        ("platform team", True),
        ("Platform", True),
        ("Applications", True),
        ("Integration team", True),
        ("Brightwater", False),  # the customer or the integration team?
        ("Service desk", False),  # no such party in the model
    ],
)
@exercise_case("sup-01-siam")
def test_siam_raci_names_may_be_shortened_while_they_mean_one_party(
    exercise: str, party: str, accepted: bool, tmp_path: Path
) -> None:
    def edit(data: Any) -> None:
        raci = data["processes"][2]["raci"]
        raci[party] = raci.pop("Application teams") if "Application" in party else "C"

    codes = codes_for("sup-01-siam", _siam_file(edit), tmp_path)
    assert ("SIAM-RACI-PARTIES" not in codes) is accepted


@pytest.mark.parametrize("staff", ["Brightwater", "brightwater logistics", "Brightwater IT"])
@exercise_case("sup-01-siam")
def test_siam_the_customer_may_be_named_in_its_own_words(
    exercise: str, staff: str, tmp_path: Path
) -> None:
    def edit(data: Any) -> None:
        data["integrator"]["staffed_by"] = [staff]

    assert codes_for("sup-01-siam", _siam_file(edit), tmp_path) == []


@exercise_case("sup-01-siam")
def test_siam_a_supplier_may_answer_for_a_process_only_as_lead_supplier(
    exercise: str, tmp_path: Path
) -> None:
    def internal(data: Any) -> None:
        raci = data["processes"][1]["raci"]
        raci["Brightwater service integration team"], raci["ScanTech"] = "C", "A"

    assert "SIAM-ACCOUNTABLE-FITS" in codes_for("sup-01-siam", _siam_file(internal), tmp_path)
    lead = text_of("sup-01-siam", "cases/pass/lead-supplier-nimbus.yaml")
    assert codes_for("sup-01-siam", lead, tmp_path) == []


@pytest.mark.parametrize(
    ("capability", "flagged"),
    [
        ("Incident management for the depots", True),
        ("Major incident management in peak season", True),
        ("Contract ownership, including the decision to end a contract", False),
        ("Deciding what a major incident costs the business", False),
    ],
)
@exercise_case("sup-01-siam")
def test_siam_retained_capabilities_are_not_integrator_processes(
    exercise: str, capability: str, flagged: bool, tmp_path: Path
) -> None:
    def edit(data: Any) -> None:
        data["retained_capabilities"].append(capability)

    codes = codes_for("sup-01-siam", _siam_file(edit), tmp_path)
    assert ("SIAM-RETAINED" in codes) is flagged
