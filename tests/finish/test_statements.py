"""The Python of a user's template goes to black a statement at a time, each shape once: held
here to black run on the whole module, for modules assembled from statements of every kind
(definitions, decorators, stubs, collections, docstrings, untidy code) with any blank lines and
comments between them, and for the text that hostile and long values make."""

from __future__ import annotations

import black
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.finish import pyformat, statements

from helpers import HOSTILE

BLACK = black.Mode(target_versions={black.TargetVersion.PY311})  # as errgen runs black

TEXT = st.one_of(
    st.sampled_from([*HOSTILE, "", " padded ", "it's", 'say "hi"', "x" * 90, "한국어 메시지 " * 8]),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=100),
)
NAME = st.from_regex(r"[A-Z][A-Za-z0-9]{0,30}", fullmatch=True)


def _literal(text: str) -> str:
    from generator.render.filters import py_str

    return py_str(text)


def docstring(text: str) -> str:
    from generator.render.filters import py_text

    return py_text(text) or "Doc."


@st.composite
def statement(draw: st.DrawFn) -> str:
    """One top-level statement, tidy or not."""
    name, text = draw(NAME), draw(TEXT)
    items = draw(st.lists(st.tuples(st.integers(-5, 10**10), TEXT), min_size=1, max_size=6))
    kind = draw(st.integers(0, len(ODD) + 15))
    if kind > 15:
        return ODD[kind - 16].format(name=name, lower=name.lower(), text=_literal(text), code=items[0][0])
    if kind == 0:
        return "import os\nfrom typing import ClassVar, Final, overload\n"
    if kind == 1:
        return f"{name.upper()}: Final = {_literal(text)}\n"
    if kind == 2:
        body = "".join(f"    {code}: {_literal(message)},\n" for code, message in items)
        return f"_{name.upper()}: Final[dict[int, str]] = {{\n{body}}}\n"
    if kind == 3:
        body = "".join(f"        {code}: MappingProxyType(\n            {{\n                \"en\": {_literal(m)},\n            }}\n        ),\n" for code, m in items)
        return f"_LOCALIZED = MappingProxyType(\n    {{\n{body}    }}\n)\n"
    if kind == 4:
        fields = "".join(f"    {'code' if i else 'key'}{i}: ClassVar[str] = {_literal(m)}\n" for i, (_c, m) in enumerate(items))
        return f'class {name}Error(ApiError, BadRequest):\n    """{docstring(text)}"""\n\n{fields}'
    if kind == 5:
        return f'class {name}:\n    """{docstring(text)}"""\n'
    if kind == 6:
        return f"@overload\ndef {name.lower()}(x: int) -> int: ...\n@overload\ndef {name.lower()}(x: str) -> str: ...\n"
    if kind == 7:
        return f"def {name.lower()}(value: object) -> str:\n    if value:\n        return {_literal(text)}\n    else:\n        raise ValueError(value)\n"
    if kind == 8:
        return f"class {name}:\n    def method(self) -> None:\n        pass\n\n    @property\n    def other(self) -> int:\n        return 1\n"
    if kind == 9:
        return "if TYPE_CHECKING:\n    import enum\n\n    from . import (\n        a,\n        b,\n    )\n"
    if kind == 10:
        return f"x={items[0][0]}\ndef  {name.lower()}( a ) :\n  return a\nclass {name} :\n    y = 'abc'\n"
    if kind == 11:
        return f"MESSAGE = (\n    {_literal(text)}\n)\n"
    if kind == 12:
        members = "".join(f"    {name.upper()}_{i} = {code}\n" for i, (code, _m) in enumerate(items))
        return f"class ResultCode(enum.IntEnum):\n{members}\n    @property\n    def key(self) -> str:\n        return self.name\n"
    if kind == 13:
        return "__all__ = [\n" + "".join(f"    {_literal(n)},\n" for n in (name, name + "Error")) + "]\n"
    if kind == 14:
        return f"async def {name.lower()}():  # note\n    await thing()\n"
    return f"try:\n    import {name.lower()}\nexcept ImportError:\n    {name.lower()} = None\n"


# Statements of the kinds black treats apart: stubs, one-liners, conditional definitions, nested
# definitions, attribute docstrings, collections black joins or explodes, tabs, and statements
# for which the module goes to black whole (semicolons, continuations, fmt: off).
ODD = [
    "@dataclass\nclass {name}:\n    a: int = {code}\n",
    "def outer():\n    def inner():\n        return {code}\n\n    return inner\n",
    "def outer():\n    x = {text}\n\n    def inner():\n        return x\n",
    "class {name}:\n    x: int = {code}\n    \"\"\"Doc of x.\"\"\"\n",
    "class {name}(Protocol): ...\n",
    "def {lower}(): return {code}\n",
    "if {code}:\n    def {lower}(): ...\nelse:\n    def {lower}(): ...\n",
    "for item in range({code}):\n    print(item)\n",
    "with open({text}) as handle:\n    pass\n",
    "def {lower}(argument_number_one: int, argument_number_two: str, argument_three: bytes) -> None:\n    pass\n",
    "X = {{\n    1: {text}\n}}\n",
    "call(\n    {text},\n)\n",
    "Y: dict[\n    str,\n    int,\n] = {{}}\n",
    "Z = (\n    {text}\n    \"more\"\n)\n",
    "W = {{\n    # why\n    1: {text},\n    2: {text},\n}}\n",
    "a = 1; b = {code}\n",
    "total = 1 + \\\n    {code}\n",
    "# fmt: off\nM = [1,2,\n  3]\n# fmt: on\n",
    "def {lower}():\n\treturn {code}\n",
    "value = {code}   \n",
    "class {name}:\n\n\n    x = 1\n\n\n\n    y = 2\n",
    "@decorator(\n    {text},\n)\nclass {name}:\n    pass\n",
    "if TYPE_CHECKING:\n    from x import y\nelse:\n    y = None\n",
    "def {lower}():\n    return {{\n        1: {text},\n        2: {text},\n    }}\n",
]
GAP = st.sampled_from(["", "\n", "\n\n", "\n\n\n\n", "# a comment\n", "\n#tight comment\n\n", "    # indented comment\n", "\n\n# two\n# lines\n", "  \n\t\n"])


@st.composite
def module(draw: st.DrawFn) -> str:
    parts = []
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(["# Generated by errgen from specs/x.md.\n", "#!/usr/bin/env python\n\n"])))
    if draw(st.booleans()):
        parts.append(f'"""{docstring(draw(TEXT))}\n\nMore.\n"""\n' + draw(GAP))
    for piece in draw(st.lists(statement(), min_size=1, max_size=6)):
        parts.append(piece + draw(GAP))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(module())
def test_a_module_formats_as_black_formats_it_whole(source: str) -> None:
    assert pyformat.format_python(source) == black.format_str(source, mode=BLACK)


@settings(max_examples=100, deadline=None)
@given(st.lists(statement(), min_size=2, max_size=4))
def test_each_statement_of_a_shape_seen_before_is_as_black_leaves_it(pieces: list[str]) -> None:
    """The shapes learnt from one module hold for the next: the same statements again, with
    other values, in another order, come out as black writes them."""
    for source in ("\n\n".join(pieces), "\n\n".join(reversed(pieces))):
        assert pyformat.format_python(source) == black.format_str(source, mode=BLACK)


def test_a_collection_of_another_length_has_the_shape_black_left_alone() -> None:
    """Items of an exploded collection stand as the set of their shapes, whatever their
    number, order or widths; a message wrapped in parentheses is kept by its width."""
    few = 'X: Final = {\n    1: "One.",\n    2: "Two.",\n}\n'
    many = "X: Final = {\n" + "".join(f'    {n}: "Message number {n} of many, longer than the others.",\n' for n in range(40)) + "}\n"
    assert statements.shape(few).key == statements.shape(many).key
    wrapped = 'MESSAGE = (\n    "{}"\n)\n'
    assert statements.shape(wrapped.format("a" * 80)).key != statements.shape(wrapped.format("a" * 70)).key


def test_black_runs_once_per_shape(monkeypatch) -> None:
    """A second module of the same template, with other codes and messages, goes through black
    only where its shapes are new."""
    for store in ("_STABLE", "_FORMATTED", "_GAPS"):  # none forgotten halfway (a full store is emptied)
        monkeypatch.setattr(statements, store, type(getattr(statements, store))())
    calls: list[str] = []

    def counted(source: str) -> str:
        calls.append(source)
        return black.format_str(source, mode=BLACK)

    def module_of(codes: range) -> str:
        classes = "".join(
            f'\n\nclass Code{n}Error(ApiError):\n    """{n} CODE_{n}: Message {n}."""\n\n    code: int | None = {n}\n    key: ClassVar[str] = "CODE_{n}"\n'
            for n in codes
        )
        messages = "".join(f'    {n}: "Message {n}.",\n' for n in codes)
        return f'"""Codes."""\n\nfrom x import ApiError\n\n_MESSAGES = {{\n{messages}}}\n{classes}'

    first, second = module_of(range(3)), module_of(range(100, 160))
    assert statements.format_statements(first, counted) == black.format_str(first, mode=BLACK)
    calls.clear()
    assert statements.format_statements(second, counted) == black.format_str(second, mode=BLACK)
    assert calls == []
