"""flo-06-dependencies: the case facts agree with what learners are shown, and the
checks judge a dependency record as a marker following marking.md would: the
answers that follow from the learner's own graph are recomputed from it, a
near-miss a marker accepts passes, and a wrong answer is refused with the right
one in the message."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from curriculum.core.yamlsource import load_yaml
from curriculum.validation.findings import Finding

from . import exercisecheck as ec
from .conftest import REPO

EXERCISE = "flo-06-dependencies"
FOLDER = REPO / "exercises" / EXERCISE


def case() -> Any:
    return ec.case_of(EXERCISE)


def text_of(name: str) -> str:
    return ec.text_of(EXERCISE, name)


def flat(text: str) -> str:
    return " ".join(text.split())


def findings(tmp_path: Path, text: str) -> list[Finding]:
    return ec.findings_in(EXERCISE, tmp_path, text)


def codes(tmp_path: Path, text: str) -> set[str]:
    return {f.code for f in findings(tmp_path, text)}


def messages(tmp_path: Path, text: str, code: str) -> list[str]:
    return [f"{f.message} | {f.hint}" for f in findings(tmp_path, text) if f.code == code]


def changed(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


SOLUTION = text_of("solution.yaml")


# The case, the brief and the template tell the same story


def test_brief_lists_every_asset_as_the_register_has_it() -> None:
    brief = text_of("brief.md")
    rows = {
        m[0]: m[1:]
        for m in re.findall(r"^\| ([A-Z0-9-]+) \| (.+?) \| (\w+) \| (.+?) \|$", brief, re.M)
        if m[0] != "Tag"
    }
    assets = case()["assets"]
    assert set(rows) == set(assets)
    for tag, facts in assets.items():
        what, status, owner = rows[tag]
        assert what == facts["what"]
        assert (status, owner) == (facts["register"]["status"], facts["register"]["owner"])


def test_brief_gives_every_note_contact_and_piece_of_evidence() -> None:
    facts = case()
    brief = flat(text_of("brief.md"))
    for tag, asset in facts["assets"].items():
        assert flat(asset["note"]) in brief, tag
    for owner, about in facts["owners"].items():
        assert f"| {owner} | {about['contact']} |" in text_of("brief.md"), owner
    for tag, shows in facts["incident"]["working"].items():
        assert shows in brief, tag
    change = facts["change"]
    assert change["id"] in brief and change["when"] in brief
    assert flat(change["what"]) in brief
    assert facts["incident"]["when"] in brief
    assert all(depot in brief for depot in facts["incident"]["depots"])


def test_template_gives_the_case_journeys_and_dates() -> None:
    facts = case()
    template = load_yaml(text_of("template.yaml")).data
    given = {j["id"]: j for j in template["journeys"]}
    assert set(given) == set(facts["journeys"])
    for jid, journey in facts["journeys"].items():
        for field in ("name", "users", "when"):
            assert given[jid][field] == journey[field], (jid, field)
    assert "CHG-5310, Monday 9 March 2026, 22:30" in text_of("template.yaml")
    assert "Tuesday 10 March 2026, 05:20" in text_of("template.yaml")
    assert f"within {facts['check_within_days']} days" in text_of("template.yaml")


def test_every_asset_a_journey_needs_is_live_and_owned() -> None:
    facts = case()
    for jid, journey in facts["journeys"].items():
        for tag in journey["needs"]:
            asset = facts["assets"][tag]
            assert "retired" not in asset and "service" not in asset, (jid, tag)
            assert asset["owner"] in facts["owners"], (jid, tag)
            assert asset.get("why"), (jid, tag)


def test_the_template_is_met_with_findings_about_its_empty_fields(tmp_path: Path) -> None:
    found = findings(tmp_path, text_of("template.yaml"))
    places = {f.location.field for f in found}
    assert {"record_owner", "next_check"} <= places
    assert all(f.code.startswith("schema.") for f in found)


# Recomputed from the learner's own graph


def test_supports_are_recomputed_and_the_right_list_is_given(tmp_path: Path) -> None:
    # the Wi-Fi no longer leads to the depot link: J1, J2 and J4 lose C5
    cut = changed(
        SOLUTION,
        "0808 157 0177\n    depends_on: [C5]\n",
        "0808 157 0177\n    depends_on: []\n",
    )
    said = messages(tmp_path, cut, "DEP-SUPPORTS")
    assert len(said) == 1
    assert "C5 supports J3, the journeys that reach it" in said[0]
    assert "J1, J2 and J4 do not reach it" in said[0]
    assert codes(tmp_path, cut) >= {"DEP-PATHS", "DEP-SUPPORTS"}


def test_one_wrong_link_is_reported_where_it_is_and_not_again(tmp_path: Path) -> None:
    # hosting hung off the app instead of the scan sync service, with the supports
    # the learner's own graph gives: the journey that misses it is reported, and
    # nothing downstream (change, incident) is reported again
    wrong = changed(
        SOLUTION, "    depends_on: [C1, C3, C6]\n", "    depends_on: [C1, C3, C6, C7]\n"
    )
    wrong = changed(
        wrong,
        "    depends_on: [C7]\n    supports: [J1, J2, J3]\n",
        "    depends_on: []\n    supports: [J1, J2, J3]\n",
    )
    wrong = changed(
        wrong,
        "    depends_on: []\n    supports: [J1, J2, J3]\n  - id: C8",
        "    depends_on: []\n    supports: [J1, J2]\n  - id: C8",
    )
    assert codes(tmp_path, wrong) == {"DEP-PATHS"}
    said = messages(tmp_path, wrong, "DEP-PATHS")
    assert len(said) == 1 and "J3 needs NIM-HOST" in said[0]
    assert "the scan sync service runs on Nimbus Cloud's hosting" in said[0]


def test_suspects_are_the_path_less_what_the_calls_clear(tmp_path: Path) -> None:
    short = changed(SOLUTION, "  suspects: [C3, C6, C7]", "  suspects: [C3, C6]")
    short = changed(
        short,
        "  call: [ScanTech, Platform team, Nimbus Cloud]",
        "  call: [ScanTech, Platform team]",
    )
    said = messages(tmp_path, short, "DEP-SUSPECTS")
    assert len(said) == 1
    assert "C7 (Nimbus Cloud hosting for scan sync, ...) is on J1's path" in said[0]
    assert codes(tmp_path, short) == {"DEP-SUSPECTS"}  # the rest follows from its own list
    cleared = changed(SOLUTION, "  suspects: [C3, C6, C7]", "  suspects: [C3, C4, C6, C7]")
    said = messages(tmp_path, cleared, "DEP-SUSPECTS")
    assert said == [
        "the calls show C4 (Depot Wi-Fi) working: the handhelds show full Wi-Fi bars | "
        "take it out: it is on the path, but the callers have already cleared it"
    ]


def test_the_change_impact_gives_the_recomputed_journeys_and_the_owner_to_tell(
    tmp_path: Path,
) -> None:
    wrong = changed(
        SOLUTION,
        "  journeys_at_risk: [J1, J2, J4]  # the supports of C3",
        "  journeys_at_risk: [J1, J2]",
    )
    wrong = changed(
        wrong,
        "  tell: [Depot application team, Depot Scanning service owner, Service desk]",
        "  tell: [Service desk]",
    )
    said = messages(tmp_path, wrong, "DEP-CHANGE-IMPACT")
    assert len(said) == 2
    assert said[0].startswith("the journeys at risk are J1, J2 and J4")
    assert "the depot application team owns C2" in said[1]


def test_services_fed_through_a_dependant_of_a_suspect_are_warned(tmp_path: Path) -> None:
    # the app (C2) depends on the suspects C3 and C6; a service it fed would feel it
    fed = changed(
        SOLUTION,
        "    depends_on: [C1, C3, C6]\n    supports: [J1, J2]\n",
        "    depends_on: [C1, C3, C6]\n    supports: [J1, J2]\n"
        "    feeds: [Business Customer Portal]\n",
    )
    said = messages(tmp_path, fed, "DEP-IMPACT")
    assert len(said) == 1
    assert "which depends on a suspect, feeds Business Customer Portal" in said[0]
    warned = changed(
        fed,
        "  tell: [Parcel Tracking service owner,",
        "  tell: [Business Customer Portal owner, Parcel Tracking service owner,",
    )
    assert codes(tmp_path, warned) == set()


# Near-misses a marker accepts


def test_other_ways_of_writing_the_same_record_pass(tmp_path: Path) -> None:
    other = SOLUTION.replace("[HHT-FLEET]", "[hht-fleet]").replace("uses: [C2]", "uses: [c2]")
    other = changed(
        other, "    owner: Platform team\n", "    owner: The platform and operations team\n"
    )
    other = changed(other, "    owner: Depot application team\n", "    owner: the depot app team\n")
    other = other.replace(
        "ScanTech service desk, 24 hours, 0808 157 0142 (queue VND-SCANTECH)",
        "the VND-SCANTECH queue, staffed 24 hours",
    )
    other = changed(
        other,
        "    contact: Platform on-call engineer, 24 hours, PLAT-OPS queue\n",
        "    contact: PLAT-OPS on-call, who opens a Nimbus Cloud case if needed\n",
    )
    other = changed(
        other,
        "  call: [ScanTech, Platform team, Nimbus Cloud]",
        "  call: [ScanTech duty engineer, platform on-call, Nimbus (P1 case), duty manager]",
    )
    assert codes(tmp_path, other) == set()


def test_the_next_check_may_be_a_quarter_away_but_not_more(tmp_path: Path) -> None:
    limit = case()["check_within_days"]
    assert limit == 92
    on_time = changed(SOLUTION, "next_check: 2026-06-05", "next_check: 2026-06-06")  # 92 days
    assert codes(tmp_path, on_time) == set()
    late = changed(SOLUTION, "next_check: 2026-06-05", "next_check: 2026-06-07")  # 93 days
    said = messages(tmp_path, late, "DEP-UPKEEP")
    assert said and said[0].startswith("next_check is 93 days after last_checked")


def test_two_names_for_one_service_belong_on_one_component(tmp_path: Path) -> None:
    assert "[SYNC-SVC, SCANSYNC]" in SOLUTION and codes(tmp_path, SOLUTION) == set()
    apart = changed(SOLUTION, "    assets: [SYNC-SVC, SCANSYNC]\n", "    assets: [SYNC-SVC]\n")
    apart = changed(
        apart,
        "# CHG-5310",
        "  - id: C10\n    name: ScanSync API\n    assets: [SCANSYNC]\n    owner: Platform team\n"
        "    contact: PLAT-OPS\n    depends_on: [C7]\n    supports: []\n\n# CHG-5310",
    )
    said = messages(tmp_path, apart, "DEP-TWICE")
    assert len(said) == 1 and "C10 holds SCANSYNC and C6 holds SYNC-SVC" in said[0]


# Refusals, each with what is right


def test_the_retired_server_is_refused_with_what_replaced_it(tmp_path: Path) -> None:
    kept = changed(SOLUTION, "[SYNC-SVC, SCANSYNC]", "[SYNC-SVC, SCANSYNC, sync-prd-02]")
    said = messages(tmp_path, kept, "DEP-SCOPE")
    assert len(said) == 1 and said[0].startswith("SYNC-PRD-02 was retired")
    assert "its work is done by SYNC-SVC" in said[0]
    assert codes(tmp_path, kept) == {"DEP-SCOPE"}


@pytest.mark.parametrize(
    ("owner", "expected"),
    [
        ("Tomasz Kowal", "is a person ('Tomasz')"),
        (
            "Platform team and Nimbus Cloud",
            "names Nimbus Cloud and the platform team as its owners",
        ),
        ("IT Infrastructure", "the notes give the platform team for SYNC-SVC"),
        ("TBD", "names nobody"),
    ],
)
def test_an_owner_is_the_one_team_the_notes_give(tmp_path: Path, owner: str, expected: str) -> None:
    wrong = changed(SOLUTION, "    owner: Platform team\n", f"    owner: {owner}\n")
    said = messages(tmp_path, wrong, "DEP-OWNER")
    assert len(said) == 1 and expected in said[0]


def test_assets_of_two_owners_cannot_share_a_component(tmp_path: Path) -> None:
    merged = changed(SOLUTION, "    assets: [NIM-HOST]\n", "    assets: [NIM-HOST, SYNC-SVC]\n")
    merged = changed(merged, "    assets: [SYNC-SVC, SCANSYNC]\n", "    assets: [SCANSYNC]\n")
    said = messages(tmp_path, merged, "DEP-OWNER")
    assert said and "holds assets with different owners" in said[0]
    assert "one component, one owner, one call" in said[0]


def test_a_supplier_is_reached_through_its_own_desk(tmp_path: Path) -> None:
    internal = changed(
        SOLUTION,
        "    contact: LinkWave network operations centre, 24 hours, 0808 157 0177\n"
        "    depends_on: [C5]\n",
        "    contact: Ben Carter, supplier management office\n    depends_on: [C5]\n",
    )
    said = messages(tmp_path, internal, "DEP-CONTACT")
    assert len(said) == 1 and "C4 is run by LinkWave" in said[0]
    assert "LinkWave network operations centre, 24 hours, 0808 157 0177" in said[0]


def test_the_call_names_the_suspects_owners_and_only_them(tmp_path: Path) -> None:
    extra = changed(
        SOLUTION,
        "  call: [ScanTech, Platform team, Nimbus Cloud]",
        "  call: [ScanTech, Platform team, Nimbus Cloud, LinkWave]",
    )
    said = messages(tmp_path, extra, "DEP-CALL")
    assert len(said) == 1 and said[0].startswith("LinkWave owns no suspect: C4 and C5")
    missing = changed(
        SOLUTION,
        "  call: [ScanTech, Platform team, Nimbus Cloud]",
        "  call: [Platform team, Nimbus Cloud]",
    )
    said = messages(tmp_path, missing, "DEP-CALL")
    assert len(said) == 1 and said[0].startswith("ScanTech owns C3, a suspect")
    assert "ScanTech service desk, 24 hours, 0808 157 0142" in said[0]


def test_a_cycle_is_reported_once_with_its_path(tmp_path: Path) -> None:
    loop = changed(
        SOLUTION,
        "      platform on-call engineer opens it\n    depends_on: []\n",
        "      platform on-call engineer opens it\n    depends_on: [C8]\n",
    )
    said = messages(tmp_path, loop, "DEP-CYCLE")
    assert said == [
        "the dependencies form a cycle: C6 -> C7 -> C8 -> C6 | a dependency points from "
        "what needs something to what it needs; ask which of these links is the wrong way "
        "round, or is not a real need"
    ]
