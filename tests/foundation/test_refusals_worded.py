"""Every refusal a person reads is worded from the catalogue, never written in the code.

The modules of ``workflows``, ``schema`` and ``portal`` are read (``ast``) and their names
resolved by importing them: a ``DomainError`` (any subclass) built with a message must build it
from the catalogue (``workflows.messages``: the text and its ``message_key``, so the API and the
pages word it again in the caller's language), and an error of a GraphQL request or a payload
error type must not carry a text written in the code either. Every catalogue key named in the
code must exist in both languages.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any, TypeGuard

import pytest
from graphql import GraphQLError

from portal import i18n
from schema.errors import Error
from workflows.errors import DomainError

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("workflows", "schema", "portal")
# Functions whose argument at this position (or keyword) is a catalogue key.
KEY_ARGUMENTS: dict[str, tuple[int, str]] = {
    "invalid": (0, "key"),
    "missing": (0, "key"),
    "refused": (0, "key"),
    "ineligible": (0, "key"),
    "over_budget": (0, "key"),
    "not_now": (0, "key"),
    "unsafe_url": (0, "key"),
    "word": (0, "key"),
    "Text": (0, "key"),
    "translate": (0, "key"),
    "t": (0, "key"),
    "_t": (0, "key"),
    "bad_input_text": (0, "key"),
    "forbidden_text": (0, "key"),
    "require_user": (1, "key"),
    "require_hr": (1, "key"),
}


@dataclass(frozen=True)
class Module:
    path: Path
    tree: ast.Module
    names: dict[str, Any]  # what a name means in the module (its globals and every import)

    @property
    def where(self) -> str:
        return str(self.path.relative_to(ROOT))


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(node: ast.ImportFrom) -> Iterator[tuple[str, Any]]:
    """The names an import inside a function binds (the module's globals miss them)."""
    if node.level or not node.module:
        return
    module = importlib.import_module(node.module)
    for alias in node.names:
        value = getattr(module, alias.name, None)
        if value is None:
            value = importlib.import_module(f"{node.module}.{alias.name}")
        yield alias.asname or alias.name, value


@cache
def modules() -> tuple[Module, ...]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.name == "__main__.py" or "migrations" in path.parts:
                continue  # running the CLI; migrations word nothing
            module: ModuleType = importlib.import_module(_module_name(path))
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            names = dict(vars(module))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom):
                    names.update(_imported(node))
            found.append(Module(path, tree, names))
    return tuple(found)


def _resolve(expression: ast.expr, names: dict[str, Any]) -> Any:
    """The object a name or a dotted name stands for (modules and classes only)."""
    if isinstance(expression, ast.Name):
        return names.get(expression.id)
    if isinstance(expression, ast.Attribute):
        base = _resolve(expression.value, names)
        if inspect.ismodule(base) or inspect.isclass(base):
            return getattr(base, expression.attr, None)
    return None


def _written(expression: ast.expr | None) -> bool:
    """A text written in the code: a literal, an f-string, or one made from them."""
    match expression:
        case ast.Constant(value=str()) | ast.JoinedStr():
            return True
        case ast.BinOp(left=left, right=right):
            return _written(left) or _written(right)
        case ast.BoolOp(values=values):
            return any(_written(v) for v in values)
        case ast.IfExp(body=body, orelse=orelse):
            return _written(body) or _written(orelse)
        case ast.Call(func=ast.Attribute(value=value)):
            return _written(value)  # "...".format(...), "; ".join(...)
    return False


def _is(cls: Any, base: type) -> bool:
    return inspect.isclass(cls) and issubclass(cls, base)


def _message_of(call: ast.Call, cls: type[object]) -> ast.expr | None:
    """The argument a call gives the class's ``message`` parameter (None: the class words it)."""
    for keyword in call.keywords:
        if keyword.arg == "message":
            return keyword.value
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    positional = [
        p.name for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    if "message" in positional and positional.index("message") < len(call.args):
        return call.args[positional.index("message")]
    return None


def _refusals_built_in(module: Module) -> Iterator[str]:
    """Where the module builds an error with a text of its own, and why that is wrong."""
    for node in ast.walk(module.tree):
        if not isinstance(node, ast.Call):
            continue
        cls = _resolve(node.func, module.names)
        where = f"{module.where}:{node.lineno}"
        if _is(cls, DomainError):
            message = _message_of(node, cls)
            keyed = any(k.arg == "message_key" for k in node.keywords)
            if _written(message):
                yield f"{where}: {cls.__name__} with a text written in the code"
            elif message is not None and not keyed:
                yield f"{where}: {cls.__name__} with a text not from the catalogue (no message_key)"
        elif (_is(cls, GraphQLError) or _is(cls, Error)) and _written(_message_of(node, cls)):
            yield f"{where}: {cls.__name__} with a text written in the code"
    yield from _super_calls_in(module)


def _super_calls_in(module: Module) -> Iterator[str]:
    """A DomainError subclass that words its own message: ``super().__init__("...")``."""
    for node in ast.walk(module.tree):
        if not isinstance(node, ast.ClassDef):
            continue
        cls = module.names.get(node.name)
        if not _is(cls, DomainError):
            continue
        for call in ast.walk(node):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == "__init__"
                and isinstance(call.func.value, ast.Call)
                and call.args
                and _written(call.args[0])
            ):
                yield f"{module.where}:{call.lineno}: {node.name} words its own message"


def test_no_refusal_is_written_in_the_code() -> None:
    # given every module; when its errors are read; then none carries a text of its own
    problems = [problem for module in modules() for problem in _refusals_built_in(module)]
    assert not problems, "\n".join(problems)


def _callee(call: ast.Call) -> str:
    match call.func:
        case ast.Name(id=name) | ast.Attribute(attr=name):
            return name
    return ""


def _a_key(value: object) -> TypeGuard[str]:
    """A literal that can only be a key of the refusals: ``errors.…``, one word."""
    return isinstance(value, str) and value.startswith("errors.") and " " not in value


def _keys_named_in(module: Module) -> Iterator[tuple[str, str]]:
    """(key, where) for every catalogue key the module names as a literal."""
    parts = {id(v) for n in ast.walk(module.tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(module.tree):
        where = f"{module.where}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Constant) and _a_key(node.value) and id(node) not in parts:
            yield node.value, where
        if not isinstance(node, ast.Call):
            continue
        if (position := KEY_ARGUMENTS.get(_callee(node))) is not None:
            index, keyword = position
            given = [k.value for k in node.keywords if k.arg == keyword]
            argument = node.args[index] if len(node.args) > index else next(iter(given), None)
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                yield argument.value, where
        for k in node.keywords:
            if k.arg == "message_key" and isinstance(k.value, ast.Constant):
                yield str(k.value.value), where


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_key_named_in_the_code_is_in_the_catalogue(language: str) -> None:
    # given every key the code names as a literal
    named = [pair for module in modules() for pair in _keys_named_in(module)]
    # when / then: each has its text in this language
    texts = i18n.catalogue(language)
    unknown = [f"{where}: {key}" for key, where in named if key not in texts]
    assert named and not unknown, "\n".join(unknown)


def test_the_guard_sees_a_refusal_written_in_the_code() -> None:
    # given a module that builds refusals with texts of their own, and one from the catalogue
    source = """
from workflows.errors import NotFound, NotPermitted, StaleVersion
from workflows.messages import refused

def f(code):
    raise NotPermitted("only HR")
    raise NotFound(f"no {code}", field="x")
    raise NotPermitted("only " + code)
    raise NotPermitted(code)
    raise refused("errors.access.signed_in")
    raise StaleVersion(expected=1, current=2)
"""
    tree = ast.parse(source)
    names: dict[str, Any] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names.update(_imported(node))
    module = Module(ROOT / "workflows" / "example.py", tree, names)
    # when
    problems = list(_refusals_built_in(module))
    # then: the three texts and the message without its key, by line; the rest passes
    assert [p.split(":")[1] for p in problems] == ["6", "7", "8", "9"], problems
