"""Text from specs, marked as such: a template that writes it without an escaping filter is an error."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterator
from typing import Any, cast

from ..diagnostics import brief
from ..model.project import Catalog, ErrorCode, Operation, Project

ESCAPING = ("py_str", "py_text", "py_name", "py_int", "py_optional_int", "json", "toml_str", "ts_str", "ts_text", "ts_name", "ts_int", "ts_optional_int")
# Jinja's filters that make text of text; what they make of a spec's text is still that text.
TEXT_FILTERS = (
    "capitalize", "center", "format", "indent", "join", "lower", "pprint", "replace", "reverse",
    "safe", "string", "striptags", "title", "trim", "truncate", "upper", "wordwrap",
)  # fmt: skip
# Kinds of file whose true, false and null are not Python's True, False and None.
NOT_PYTHON = (".json", ".yaml", ".yml", ".toml")
_FILTERS = f"an escaping filter: {', '.join(ESCAPING[:-1])} or {ESCAPING[-1]}"
_BUILTIN_METHOD = type("".upper)


class SpecText(str):
    """Text a spec holds (``field`` says which), or text a template made of it: the escaping
    filters take it and give plain ``str``; anything else a template does with it keeps the mark."""

    __slots__ = ()
    field = "a value from a spec"
    made: type[SpecText]  # the mark of text made from it
    empty: SpecText  # its empty text, made once

    def __iter__(self) -> Iterator[str]:
        made = self.made
        return (made(char) for char in str.__iter__(self))

    def describe(self) -> str:
        return f"{self.field} ('{brief(self)}')"


def _marks(field: str) -> type[SpecText]:
    mark = cast("type[SpecText]", type(f"Spec_{field}", (SpecText,), {"__slots__": (), "field": field}))
    made = cast("type[SpecText]", type(f"Made_{field}", (SpecText,), {"__slots__": (), "field": field, "describe": _describe_made}))
    mark.made = made.made = made
    mark.empty = mark("")
    return mark


def _describe_made(self: SpecText) -> str:
    return f"text made from {self.field} ('{brief(self)}')"


KEY, MESSAGE, DESCRIPTION, MESSAGES, EXTRA, DEPRECATION = map(
    _marks, ("code.key", "code.message", "code.description", "code.messages", "code.extra", "code.deprecation")
)
CODE_SOURCE, TITLE, SOURCE, OPERATION_TITLE = map(_marks, ("code.source", "catalog.title", "catalog.source", "operation.title"))


_MODEL = (Catalog, ErrorCode, Operation, Project)  # what holds text from specs


class Unescaped(Exception):
    """A template writes a value from a spec as it is: what and where is the template's."""


def _with(instance: Any, **fields: Any) -> Any:
    """A copy of a frozen model instance with other values of some fields; the fields of a
    thousand catalogs' codes are marked on every run, so without dataclasses.replace's checks."""
    copy = object.__new__(type(instance))
    copy.__dict__.update(instance.__dict__, **fields)
    return copy


class MarkedCatalog(Catalog):
    """A catalog as templates see it: every text its specs hold marked (its title, the
    sources, each code's key, message, description, messages, other columns and note). Its
    codes and operations are marked when first read: a project-wide template that reads only
    ids and titles does not have every catalog built. The names the model derives (ids, class
    and schema names) are identifiers it checked; the locales are tags of file names."""

    def __init__(self, catalog: Catalog) -> None:
        title, sources = tuple(map(TITLE, catalog.title)), tuple(map(SOURCE, catalog.sources))
        self.__dict__.update(id=catalog.id, title=title, source=SOURCE(catalog.source), line=catalog.line, sources=sources, _of=catalog)

    @functools.cached_property
    def _marked(self) -> tuple[tuple[ErrorCode, ...], tuple[Operation, ...]]:
        catalog: Catalog = self.__dict__["_of"]
        sources = {source: CODE_SOURCE(source) for source in {code.source for code in catalog.codes}}
        codes = {id(code): _marked_code(code, sources) for code in catalog.codes}
        operations = tuple(
            _with(operation, title=OPERATION_TITLE(operation.title), codes=tuple(codes.get(id(c)) or _marked_code(c, sources) for c in operation.codes))
            for operation in catalog.operations
        )
        return tuple(codes.values()), operations

    codes = property(lambda self: self._marked[0])  # type: ignore[assignment]
    operations = property(lambda self: self._marked[1])  # type: ignore[assignment]


# A Catalog, to a template told that it has no attribute of some name.
MarkedCatalog.__module__, MarkedCatalog.__name__, MarkedCatalog.__qualname__ = Catalog.__module__, "Catalog", "Catalog"


def _marked_code(code: ErrorCode, sources: dict[str, SpecText]) -> ErrorCode:
    return _with(
        code,
        key=KEY(code.key),
        message=MESSAGE(code.message),
        description=DESCRIPTION(code.description) if code.description else DESCRIPTION.empty,
        messages=tuple([(locale, MESSAGES(text)) for locale, text in code.messages]),
        extra=tuple([(EXTRA(header), EXTRA(text)) for header, text in code.extra]) if code.extra else (),
        source=sources.get(code.source) or CODE_SOURCE(code.source),
        deprecation=DEPRECATION(code.deprecation) if code.deprecation else DEPRECATION.empty,
    )


def marked_project(project: Project) -> Project:
    return _with(project, catalogs=tuple(map(MarkedCatalog, project.catalogs)))


def spec_text_in(value: Any, depth: int = 0) -> SpecText | None:
    """The first text from a spec in a value: itself, or in a tuple of crumbs, a dict of
    messages, an object of the model."""
    if isinstance(value, SpecText):
        return value
    if depth > 3 or isinstance(value, str):
        return None
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    elif is_model(value):
        value = [v for name, v in value.__dict__.items() if name[0] != "_"]
    if isinstance(value, (list, tuple, set, frozenset)):
        return next((found for item in value if (found := spec_text_in(item, depth + 1)) is not None), None)
    return None


def is_model(value: Any) -> bool:
    return isinstance(value, _MODEL)


class Finalize:
    """Jinja's finalize: what a ``{{ }}`` writes passes as it is unless it is text from a spec
    (or holds some), which is an error at that line. Numbers are written alike in every kind
    of file; True, False and None only in Python: ``kind`` is the suffix of the file being
    rendered. (It takes the context, as jinja2.pass_context marks it in environment_class,
    so that Jinja does not finalize constants once when it compiles a template that more than
    one kind of file includes.)"""

    def __init__(self) -> None:
        self.kind = ""

    def __call__(self, context: Any, value: Any) -> Any:
        kind = value.__class__
        if kind is str or kind is int:
            return value
        if isinstance(value, SpecText):
            raise Unescaped(f"the template writes {value.describe()} as it is; expected it through {_FILTERS}")
        if kind is bool or value is None:
            if self.kind in NOT_PYTHON:
                raise Unescaped(
                    f"the template writes Python's {value} into a {self.kind} file; expected the json filter (true, false, null) or a literal"
                )
            return value
        if is_model(value):
            raise Unescaped(
                f"the template writes the model's {kind.__name__} as it is, which holds text from specs; expected its fields, each through {_FILTERS}"
            )
        found = spec_text_in(value)
        if found is not None:
            raise Unescaped(f"the template writes a {kind.__name__} holding {found.describe()} as it is; expected each value through {_FILTERS}")
        return value


def concat(values: tuple[Any, ...]) -> str:
    """Jinja's ``~``: the text made of text from a spec keeps its mark."""
    text = "".join(map(str, values))
    for value in values:
        if isinstance(value, SpecText):
            return value.made(text)
    return text


_BINARY = {"+": operator.add, "%": operator.mod, "*": operator.mul}


def binary(op: str, left: Any, right: Any) -> Any:
    """Jinja's ``+``, ``%`` and ``*``: on text from a spec, text that keeps its mark."""
    result = _BINARY[op](left, right)
    if isinstance(result, str) and not isinstance(result, SpecText):
        found = spec_text_in(left) or spec_text_in(right)
        if found is not None:
            return found.made(result)
    return result


def following(jinja_filter: Callable[..., Any]) -> Callable[..., Any]:
    """One of Jinja's text filters, whose text made of text from a spec keeps the mark."""

    @functools.wraps(jinja_filter)  # keeps the pass_eval_context mark of join, replace...
    def filtered(*args: Any, **kwargs: Any) -> Any:
        args = tuple(list(arg) if isinstance(arg, Iterator) else arg for arg in args)
        result = jinja_filter(*args, **kwargs)
        if isinstance(result, str) and not isinstance(result, SpecText):
            found = spec_text_in([*args, *kwargs.values()])
            if found is not None:
                return found.made(result)
        return result

    return filtered


def method(bound: Callable[..., Any], owner: str) -> Callable[..., Any]:
    """A str method a template calls on text from a spec (``upper()``) or with it
    (``"{}".format(...)``): what it makes keeps the mark."""

    def called(*args: Any, **kwargs: Any) -> Any:
        result = bound(*args, **kwargs)
        found = spec_text_in([owner, *args, *kwargs.values()])
        if found is None:
            return result
        if isinstance(result, str):
            return found.made(result)
        if isinstance(result, (list, tuple)):
            return type(result)(found.made(item) if isinstance(item, str) else item for item in result)
        return result

    return called


@functools.cache
def environment_class() -> type:
    """Jinja's Environment, with ``~``, ``+``, ``%``, ``*``, slices, str methods and Jinja's
    text filters keeping the mark of text from a spec."""
    import jinja2
    import jinja2.compiler
    import jinja2.nodes

    Finalize.jinja_pass_arg = jinja2.pass_context(lambda: None).jinja_pass_arg  # type: ignore[attr-defined]

    def escaped(node: Any) -> bool:
        """An expression that gives plain text whatever the values: an escaping filter's
        output, a literal, or a choice or join of those."""
        if isinstance(node, jinja2.nodes.Filter):
            return node.name in ESCAPING
        if isinstance(node, jinja2.nodes.CondExpr):
            return escaped(node.expr1) and (node.expr2 is None or escaped(node.expr2))
        if isinstance(node, jinja2.nodes.Concat):
            return all(map(escaped, node.nodes))
        return isinstance(node, jinja2.nodes.Const) and isinstance(node.value, str)

    def marking_binary(op: str) -> Any:
        plain = getattr(jinja2.compiler.CodeGenerator, f"visit_{ {'+': 'Add', '%': 'Mod', '*': 'Mul'}[op]}")

        @jinja2.compiler.optimizeconst
        def visitor(self: Any, node: Any, frame: Any) -> None:
            if id(node) in self.plain:
                plain(self, node, frame)
                return
            self.write(f"environment.binary_marked({op!r}, ")
            self.visit(node.left, frame)
            self.write(", ")
            self.visit(node.right, frame)
            self.write(")")

        return visitor

    class CodeGenerator(jinja2.compiler.CodeGenerator):  # type: ignore[misc]
        visit_Add, visit_Mod, visit_Mul = marking_binary("+"), marking_binary("%"), marking_binary("*")

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.plain: set[int] = set()  # expressions an escaping filter takes: no mark to keep
            self.called: set[int] = set()  # attributes the template calls: maybe str methods

        @jinja2.compiler.optimizeconst
        def visit_Filter(self, node: Any, frame: Any) -> None:
            if node.name in ESCAPING and node.node is not None:
                self.plain.add(id(node.node))
            super().visit_Filter(node, frame)

        def visit_Call(self, node: Any, frame: Any, forward_caller: bool = False) -> None:
            if isinstance(node.node, jinja2.nodes.Getattr):
                self.called.add(id(node.node))
            super().visit_Call(node, frame, forward_caller=forward_caller)

        @jinja2.compiler.optimizeconst
        def visit_Getattr(self, node: Any, frame: Any) -> None:
            if id(node) not in self.called:
                super().visit_Getattr(node, frame)
                return
            self.write("environment.method_marked(")
            self.visit(node.node, frame)
            self.write(f", {node.attr!r})")

        @jinja2.compiler.optimizeconst
        def visit_Concat(self, node: Any, frame: Any) -> None:
            if id(node) in self.plain:
                super().visit_Concat(node, frame)
                return
            self.write("environment.concat_marked((")
            for arg in node.nodes:
                self.visit(arg, frame)
                self.write(", ")
            self.write("))")

        def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
            if escaped(node):
                self.write("str(")  # plain text whatever the values: nothing to check
            else:
                super()._output_child_pre(node, frame, finalize)

        def _output_child_post(self, node: Any, frame: Any, finalize: Any) -> None:
            if escaped(node):
                self.write(")")
            else:
                super()._output_child_post(node, frame, finalize)

        @jinja2.compiler.optimizeconst
        def visit_Getitem(self, node: Any, frame: Any) -> None:
            if not isinstance(node.arg, jinja2.nodes.Slice):  # Jinja slices without its getitem
                super().visit_Getitem(node, frame)
                return
            self.write("environment.getitem(")
            self.visit(node.node, frame)
            self.write(", slice(")
            for index, part in enumerate((node.arg.start, node.arg.stop, node.arg.step)):
                self.write(", " if index else "")
                self.write("None") if part is None else self.visit(part, frame)
            self.write("))")

    class Environment(jinja2.Environment):  # type: ignore[misc]
        code_generator_class = CodeGenerator
        concat_marked = staticmethod(concat)
        binary_marked = staticmethod(binary)

        def method_marked(self, obj: Any, attribute: str) -> Any:
            """An attribute the template calls: a str method on (or with) text from a spec
            gives text that keeps the mark."""
            value = self.getattr(obj, attribute)
            if value.__class__ is _BUILTIN_METHOD and (isinstance(obj, SpecText) or (obj.__class__ is str and attribute in ("format", "format_map", "join"))):
                return method(value, obj)
            return value

        def getitem(self, obj: Any, argument: Any) -> Any:
            try:  # Jinja's getitem (which every map(attribute=...) calls), in one frame
                value = obj[argument]
            except (AttributeError, TypeError, LookupError):
                if isinstance(argument, str):
                    try:
                        return getattr(obj, argument)
                    except AttributeError:
                        pass
                return self.undefined(obj=obj, name=argument)
            if isinstance(obj, SpecText) and not isinstance(value, SpecText):
                return obj.made(value)
            return value

    return Environment
