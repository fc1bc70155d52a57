"""The safe YAML loader: limits, refusals and line numbers."""

from __future__ import annotations

import datetime
import time

import pytest

from curriculum.core.yamlsource import YamlSourceError, load_yaml, read_front_matter


def test_lines_are_recorded_for_keys_and_items() -> None:
    loaded = load_yaml("a: 1\nb:\n  - x: 1\n    y: 2\n  - z\n", first_line=10)
    assert loaded.data == {"a": 1, "b": [{"x": 1, "y": 2}, "z"]}
    assert loaded.line_of(("a",)) == 10
    assert loaded.line_of(("b", 0)) == 12
    assert loaded.line_of(("b", 0, "y")) == 13
    assert loaded.line_of(("b", 1)) == 14
    # a missing key points at its nearest ancestor
    assert loaded.line_of(("b", 0, "missing")) == 12


def test_values_are_plain_python() -> None:
    data = load_yaml("f: 1.5\ni: 0x10\ns: 'text'\nb: true\nn: null\n").data
    assert data == {"f": 1.5, "i": 16, "s": "text", "b": True, "n": None}
    assert type(data["f"]) is float and type(data["i"]) is int and type(data["s"]) is str


def test_plain_scalars_follow_yaml_1_2_core() -> None:
    """Words and clock times stay text (YAML 1.1 would make yes/no booleans and
    05:00 a number of minutes); numbers and dates are typed as YAML 1.2 says."""
    text = "a: yes\nb: no\nc: 05:00\nd: 012\ne: 0o17\nf: 1_000\ng: 2026-01-02\nh: ~\ni: .inf\n"
    data = load_yaml(text).data
    assert data["a"] == "yes" and data["b"] == "no" and data["c"] == "05:00"
    assert (data["d"], data["e"], data["f"]) == (12, 15, 1000)
    assert data["g"] == datetime.date(2026, 1, 2)
    assert data["h"] is None and data["i"] == float("inf")


def test_a_date_that_does_not_exist_stays_text() -> None:
    """Shaped like a date or a time stamp but impossible: left as text for the schema
    to explain, never an exception."""
    data = load_yaml("a: 2025-12-32\nb: 2025-02-29\nc: 2025-12-09 25:00\n").data
    assert data == {"a": "2025-12-32", "b": "2025-02-29", "c": "2025-12-09 25:00"}


def test_duplicate_key_names_both_lines() -> None:
    with pytest.raises(YamlSourceError) as err:
        load_yaml("a: 1\nb: 2\na: 3\n", first_line=5)
    assert err.value.message == "invalid YAML: duplicate key 'a' (first on line 5)"
    assert err.value.line == 7


def test_a_key_must_be_text() -> None:
    with pytest.raises(YamlSourceError) as err:
        load_yaml("ok: 1\n? [a, b]\n: 2\n")
    assert "a key must be plain text" in err.value.message
    assert err.value.line == 2


def test_a_tab_in_the_indentation_gets_its_own_hint() -> None:
    with pytest.raises(YamlSourceError) as err:
        load_yaml("a:\n\t- b\n", first_line=2)
    assert err.value.line == 3
    assert "not tabs" in err.value.hint


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    started = time.perf_counter()
    with pytest.raises(YamlSourceError) as err:
        load_yaml(bomb)
    assert time.perf_counter() - started < 0.5
    assert "aliases" in err.value.message
    assert err.value.line == 2


@pytest.mark.parametrize(
    "text, words",
    [
        ("a: !!python/object/apply:os.system ['true']\n", "tags"),
        ("a: !custom x\n", "tags"),
        ("a: 1\na: 2\n", "duplicate key"),
        ("a: [1, 2\n", "invalid YAML"),
        ("a: 1\n---\nb: 2\n", "more than one YAML document"),
        ("a: " + "[" * 30 + "]" * 30 + "\n", "nested more than"),
    ],
)
def test_unsafe_or_malformed_yaml_is_refused(text: str, words: str) -> None:
    with pytest.raises(YamlSourceError) as err:
        load_yaml(text)
    assert words in err.value.message
    assert err.value.line is not None


def test_size_limit() -> None:
    with pytest.raises(YamlSourceError, match="KiB"):
        load_yaml("a: " + "x" * 300_000 + "\n")


def test_front_matter_lines_are_file_lines() -> None:
    front = read_front_matter("\ufeff---\nid: x\ntitle: y\n---\n# Body\n")
    assert front.loaded is not None
    assert front.loaded.data == {"id": "x", "title": "y"}
    assert front.loaded.line_of(("title",)) == 3
    assert front.end_line == 4


def test_no_front_matter() -> None:
    assert read_front_matter("# Title\n").loaded is None


def test_unclosed_front_matter() -> None:
    with pytest.raises(YamlSourceError, match="never closed") as err:
        read_front_matter("---\nid: x\n# Title\n")
    assert err.value.line == 1


def test_the_pure_reader_ends_a_flow_scalar_where_libyaml_does() -> None:
    text = "- {change: Anything to check on the sync service?, flag_for: platform team}\n"
    assert load_yaml(text, pure=True).data == [
        {"change": "Anything to check on the sync service?", "flag_for": "platform team"}
    ]
    assert load_yaml(text, pure=True).data == load_yaml(text).data
    # the indicators that do end one are unchanged
    assert load_yaml("{a: b, c: [d, e]}", pure=True).data == {"a": "b", "c": ["d", "e"]}
    assert load_yaml("{a: b:c}", pure=True).data == {"a": "b:c"}


def test_both_readers_agree_on_every_yaml_file_of_the_course() -> None:
    from .conftest import REPO

    files = [*REPO.glob("exercises/**/*.yaml"), REPO / "programme.yaml"]
    assert len(files) > 200
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        try:
            fast = load_yaml(text)
        except YamlSourceError as err:
            with pytest.raises(YamlSourceError) as pure_err:
                load_yaml(text, pure=True)
            assert pure_err.value.line == err.line, path
            continue
        pure = load_yaml(text, pure=True)
        assert (pure.data, pure.lines) == (fast.data, fast.lines), path
