"""The YAML writer of the OpenAPI artifacts: any JSON data, read back the same by a YAML 1.1
reader (PyYAML) and a YAML 1.2 reader (ruamel.yaml, as js-yaml in Redocly), and laid out the
way PyYAML lays out block YAML."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator.finish import yamltext

YAML_12 = YAML(typ="safe", pure=True)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.text(),
    # strings that look like something else to some reader
    st.sampled_from(
        ["", "yes", "No", "ON", "null", "~", "1e3", "0o17", "09", "0x1F", "3.1.0", "1:20", ".inf", "-.nan",
         "2001-12-14 21:59:43.10 -5", "- item", "? key", "a: b", "a #b", "#x", "&anchor", "*alias", "!tag",
         "|", ">", "%YAML", "@x", "`x", "'q'", '"q"', "x ", " x", "-1 FAIL", "400 Bad Request", "$ref",
         "a\u0085b", "a\u2028b", "\ufeffx", "tab\there", "line\nbreak", "\x7f", "가나다", "é: x"]
    ),
)
json_data = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12) | scalars.filter(lambda s: isinstance(s, str)), children, max_size=4),
    max_leaves=20,
)


def read_back(text: str) -> tuple[Any, Any]:
    return yaml.safe_load(text), YAML_12.load(text)


@settings(max_examples=400, deadline=None)
@given(json_data)
def test_any_json_data_reads_back_the_same_under_yaml_1_1_and_1_2(data: Any) -> None:
    text = yamltext.dump(data)
    text.encode("utf-8")  # nothing that cannot be written out
    one_one, one_two = read_back(text)
    assert one_one == data
    assert one_two == data


@pytest.mark.parametrize(
    "value",
    ["yes", "off", "1e3", "1.0", "0o17", "09", "3.1.0", "1:20", "2001-12-14", ".inf", "- x", "a: b", "x #y", "x "],
)
def test_strings_any_reader_could_take_for_other_things_are_quoted(value: str) -> None:
    assert yamltext.dump({"k": value}) == f"k: {json.dumps(value)}\n"


@pytest.mark.parametrize("value", ["Invalid parameter.", "-1 FAIL", "400 BAD_REQUEST", "가나다", "$ref", "a/b [c]"])
def test_plain_text_stays_plain(value: str) -> None:
    assert yamltext.dump({"k": value}) == f"k: {value}\n"


def test_line_breaks_yaml_would_fold_are_escaped() -> None:
    text = yamltext.dump({"k": "a\u0085b\u2028c\u2029d\ufeff"})
    assert text == 'k: "a\\u0085b\\u2028c\\u2029d\\ufeff"\n'


def test_block_layout_is_pypyamls() -> None:
    data = {"a": {"b": [1, {"c": None, "d": [True, []]}, [2, 3]], "e": {}}, "f": "x"}
    assert yamltext.dump(data) == yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def test_a_key_too_long_to_be_implicit_is_written_explicitly() -> None:
    data = {"k" * 1500: 1}
    text = yamltext.dump(data)
    assert text.startswith("? ")
    assert read_back(text) == (data, data)
