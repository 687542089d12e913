"""Declarative schema: located YAML nodes in, frozen typed dataclasses out.

The model's dataclasses *are* the schema (like mkdocs' config options): their
type hints say what each field holds and ``spec()`` metadata adds a description,
an example and limits.  ``build(cls, node)`` walks a node tree against a class,
collects every problem it finds (unknown key with a suggestion, missing field,
wrong type, YAML 1.1 surprises, impossible date, non-https URL, empty list), and
only returns when there were none.

Supported field types: ``str`` and its refinements (``Markup``, ``Url``),
``int``, ``float``, ``bool``, ``date``, ``Literal[...]``, ``tuple[T, ...]``,
``dict[str, T]``, ``T | None`` and nested ``Located`` dataclasses.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, Literal, TypeVar
from collections.abc import Mapping

from .chars import source_digest
from .hosts import host_problem
from .errors import Collector, Location
from .load import NULL, Map, Node, Scalar, Seq

NOWHERE = Location("")


@dataclass(frozen=True, kw_only=True)
class Located:
    """Base of every model class: remembers where it and its fields were written."""

    loc: Location = field(default=NOWHERE, compare=False, repr=False)
    field_locs: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)

    def where(self, name: str) -> Location:
        return self.field_locs.get(name, self.loc)


SOURCE = source_digest(__file__)  # (keptmodels: what built a kept model)

_PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


def _plainly(text: str) -> str:
    """How a number written otherwise is written plainly, where that is plain to see (".5" is "0.5": the message
    said "no leading zero", read as the opposite of the fix; a review); else "a plain number"."""
    bare = text.replace("_", "").lstrip("+")
    bare = ("0" + bare) if bare.startswith(".") else bare.rstrip(".") if bare.endswith(".") else bare
    bare = bare.lstrip("0") or "0"
    bare = ("0" + bare) if bare.startswith(".") else bare
    return f"{bare}" if _PLAIN_NUMBER.fullmatch(bare) and bare != text else "a plain number"


_CITED = re.compile(r"\[@[a-z0-9][a-z0-9_-]*\]")  # markup's citation (markup.py: a source id in [@ ])
_BRACED = re.compile(r"\{[^{}]*\}")  # a placeholder: "{crisis}" alone is a phone number, no words (a review)


def markup_problem(text: str) -> str | None:
    """What makes ``text`` wrong as markup ("**bold**", "[@source]"), or None.  A label (a title, a
    heading, a side effect's name) is drawn as markup too, and is held to it (``validate``)."""
    if text.count("**") % 2:
        return "unbalanced ** (bold must be opened and closed: **like this**)"
    if text.count("[@") > len(_CITED.findall(text)):  # printed "[@label" (a review)
        return "a citation not closed, or its source id not in lower case (expected [@source_id], e.g. [@label])"
    return None


class Markup(str):
    """Free text that may use **bold**; everything else prints literally."""


class Url(str):
    """An https URL."""


class Identifier(str):
    """A short machine name: lower-case letters, digits, '_' and '-'."""


def spec(doc: str, *, example: Any = None, default: Any = dataclasses.MISSING,
         default_factory: Any = dataclasses.MISSING, min_items: int = 0, one_or_many: bool = False) -> Any:
    """A field with its documentation (for error messages and the JSON schema).

    ``one_or_many``: a list field that also takes a single value (``timing: bedtime``).
    """
    meta = {"doc": doc, "example": example, "min_items": min_items, "one_or_many": one_or_many}
    if default_factory is not dataclasses.MISSING:
        return field(default_factory=default_factory, metadata=meta)
    return field(default=default, metadata=meta)


T = TypeVar("T")

# Exact corrections for some Literal types (filled by the model): value -> (correct value, why).
ALIASES: dict[Any, dict[str, tuple[str, str]]] = {}

_BOOL_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false"}
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")
_IDENT = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def model_fields(cls: type) -> list[dataclasses.Field[Any]]:
    """The user-visible fields of a model class (not the location bookkeeping)."""
    return [f for f in dataclasses.fields(cls) if f.name not in ("loc", "field_locs")]


@cache
def _fields(cls: type) -> dict[str, dataclasses.Field[Any]]:
    return {f.name: f for f in model_fields(cls)}


@cache
def _plan(tp: Any) -> tuple[str, Any]:
    """How a value of type ``tp`` is read: (kind, the type inside it), found once per type (a
    content file has hundreds of values: asking ``typing`` about each one's type again was a sixth
    of building the model)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return "optional", [a for a in typing.get_args(tp) if a is not type(None)][0]
    if isinstance(tp, type) and issubclass(tp, Located):
        return "obj", None
    if origin is tuple:
        return "tuple", typing.get_args(tp)[0]
    if origin is dict:
        return "dict", typing.get_args(tp)[1]
    return ("literal" if origin is Literal else "scalar"), None


@cache
def describe(tp: Any) -> str:
    """A reader's name for a type, used in 'expected …' messages."""
    origin = typing.get_origin(tp)
    if tp is str or tp is Markup:
        return "text"
    if tp is Url:
        return "an https URL"
    if tp is Identifier:
        return "a short name (a-z, 0-9, _ or -)"
    if tp is int:
        return "a whole number"
    if tp is float:
        return "a number"
    if tp is bool:
        return "true or false"
    if tp is date:
        return "a date as YYYY-MM-DD"
    if origin is Literal:
        return "one of: " + ", ".join(str(a) for a in typing.get_args(tp))
    if origin is tuple:
        return f"a list of {describe(typing.get_args(tp)[0])}"
    if origin is dict:
        return f"a mapping of names to {describe(typing.get_args(tp)[1])}"
    if origin in (typing.Union, types.UnionType):
        return " or ".join(describe(a) for a in typing.get_args(tp) if a is not type(None))
    if isinstance(tp, type) and issubclass(tp, Located):
        return "a mapping with fields " + ", ".join(f.name for f in model_fields(tp))
    return getattr(tp, "__name__", str(tp))


def near_spelling(word: str, options: list[str]) -> str | None:
    """The option ``word`` looks like a misspelling of, or None: the same words, each spelt nearly
    alike.  Never another word: 'before_breakfast' is not a typo of 'with_breakfast' (the opposite
    instruction, suggested to an author writing alendronate), nor 'max_per_kg' of 'min_per_kg'."""
    import difflib  # here: only a mistake needs a suggestion

    parts = word.lower().split("_")
    for option in difflib.get_close_matches(word, options, n=3, cutoff=0.6):
        theirs = option.lower().split("_")
        if len(theirs) == len(parts):
            alike = all(a == b or ((_one_edit(a, b) or difflib.SequenceMatcher(None, a, b).ratio() >= 0.8)
                                   and not _negates(a, b)) for a, b in zip(parts, theirs))
        else:  # a missing or extra underscore: "withbreakfast"
            alike = difflib.SequenceMatcher(None, "".join(parts), "".join(theirs)).ratio() >= 0.9
        if alike:
            return option
    return None


_NEGATIONS = ("un", "non", "in", "im", "ir", "il", "dis", "not")


def _one_edit(a: str, b: str) -> bool:
    """One typo apart: a letter changed, added, dropped, or two beside each other swapped ('noom',
    'wiht', 'orla', 'does' for 'dose'); 'caplet' and 'capsule' are two apart."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                   and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _negates(a: str, b: str) -> bool:
    """One word is the other with a negating prefix: 'unreviewed' is the opposite of 'reviewed'."""
    short, long = sorted((a, b), key=len)
    return long.endswith(short) and long[:-len(short)] in _NEGATIONS if short else False


def _kind(node: Node) -> str:
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    if node.tag == NULL:
        return "nothing"
    return f"'{node.text}'"


class _Builder:
    def __init__(self) -> None:
        self.c = Collector()

    def fail(self, node: Node, path: str, msg: str) -> None:
        self.c.error(node.loc, path, msg)

    def value(self, tp: Any, node: Node, path: str) -> Any:
        kind, arg = _plan(tp)
        if kind == "optional":
            if isinstance(node, Scalar) and node.tag == NULL:
                return None
            return self.value(arg, node, path)
        if kind == "obj":
            return self.obj(tp, node, path)
        if kind == "tuple":
            if not isinstance(node, Seq):
                self.fail(node, path, f"expected {describe(tp)}, got {_kind(node)}")
                return ()
            return tuple(self.value(arg, item, f"{path}[{i}]") for i, item in enumerate(node.items))
        if kind == "dict":
            if not isinstance(node, Map):
                self.fail(node, path, f"expected {describe(tp)}, got {_kind(node)}")
                return {}
            return {k: self.value(arg, v, f"{path}.{k}") for k, (_, v) in node.entries.items()}
        if not isinstance(node, Scalar):
            self.fail(node, path, f"expected {describe(tp)}, got {_kind(node)}")
            return None
        return self.scalar(tp, node, path)

    def scalar(self, tp: Any, node: Scalar, path: str) -> Any:
        text, tag = node.text, node.tag
        want = describe(tp)
        if tag == NULL:
            self.fail(node, path, f"no value given (expected {want})")
            return None
        if _plan(tp)[0] == "literal":
            allowed = typing.get_args(tp)
            if text in allowed:
                return text
            aliases = ALIASES.get(tp)
            if aliases is not None:  # units: an exact, known correction, never a guess by spelling
                if text in aliases:
                    good, why = aliases[text]
                    self.fail(node, path, f"'{text}' is not allowed: write '{good}' ({why})")
                else:
                    self.fail(node, path, f"'{text}' is not a unit handout knows (expected {want})")
                return None
            near = near_spelling(text, [str(a) for a in allowed])
            hint = f"did you mean '{near}'? " if near else ""
            self.fail(node, path, f"'{text}' is not allowed ({hint}expected {want})")
            return None
        if tp in (str, Markup, Url, Identifier):
            if node.plain and text.lower() in _BOOL_WORDS and tag.endswith(":bool"):
                self.fail(node, path, f"'{text}' is read by YAML as true/false, not text "
                                      f"(write it in quotes: \"{text}\")")
                return None
            if node.plain and _SEXAGESIMAL.match(text):
                self.fail(node, path, f"'{text}' is read by YAML 1.1 as a base-60 number, not text "
                                      f"(write it in quotes: \"{text}\")")
                return None
            if not text.strip():
                self.fail(node, path, f"empty text (expected {want})")
                return None
            if tp is Url and not re.match(r"^https://[^\s/$.?#][^\s]*$", text):
                self.fail(node, path, f"'{text}' is not an https URL (expected https://…)")
                return None
            if tp is Url and (spoof := host_problem(text)):
                self.fail(node, path, spoof)
                return None
            if tp is Identifier and not _IDENT.match(text):
                self.fail(node, path, f"'{text}' is not a valid name (expected {want})")
                return None
            if tp is Markup and (unmarked := markup_problem(text)):
                self.fail(node, path, unmarked)
                return None
            if (tp is Markup or (tp is str and ("[@" in text or "**" in text))) and not any(
                    ch.isalnum() for ch in _BRACED.sub("", _CITED.sub("", text.replace("**", "")))):
                # "****" or "[@label]" alone printed as a list item's whole text: a warning gone (a review); a side
                # effect's "[@label]" alone, an empty tick box with a source number in the serious box (a review)
                self.fail(node, path, f"no words once the bold marks and citations are taken out (expected {want})")
                return None
            return tp(text)
        if tp in (int, float):
            if node.plain and _SEXAGESIMAL.match(text):
                self.fail(node, path, f"'{text}' is read by YAML 1.1 as a base-60 number (expected {want})")
                return None
            if not node.plain or not (tag.endswith(":int") or tag.endswith(":float")):
                self.fail(node, path, f"expected {want}, got {_kind(node)}")
                return None
            if not _PLAIN_NUMBER.fullmatch(text):
                # '010' is 10 here and 8 to a YAML 1.1 tool; '1_5' is 15 here and text to YAML 1.2 (a review)
                self.fail(node, path, f"'{text}' is not written as a plain number, and YAML tools read such "
                                      f"numbers differently (expected {_plainly(text)}: digits with at most one decimal "
                                      "point, a 0 before it and none before other digits, e.g. 0.5, 2.5 or 10)")
                return None
            try:
                num = float(text)
            except ValueError:
                self.fail(node, path, f"expected {want}, got {_kind(node)}")
                return None
            if num != num or num in (float("inf"), float("-inf")):
                self.fail(node, path, f"expected {want}, got {_kind(node)}")
                return None
            if tp is int:
                if not num.is_integer():
                    self.fail(node, path, f"expected {want}, got {_kind(node)}")
                    return None
                return int(num)
            return num
        if tp is bool:
            if node.plain and text in ("true", "false"):
                return text == "true"
            self.fail(node, path, f"expected true or false, got {_kind(node)}")
            return None
        if tp is date:
            if not re.match(r"^\d{4}-\d{2}-\d{2}$", text):
                self.fail(node, path, f"'{text}' is not a date (expected YYYY-MM-DD)")
                return None
            try:
                return date.fromisoformat(text)
            except ValueError:
                self.fail(node, path, f"impossible date '{text}' (expected a real calendar date as YYYY-MM-DD)")
                return None
        raise TypeError(f"unsupported schema type {tp!r}")  # a programming error, not content

    def obj(self, cls: type, node: Node, path: str) -> Any:
        if not isinstance(node, Map):
            self.fail(node, path or "(top level)", f"expected {describe(cls)}, got {_kind(node)}")
            return None
        fields = _fields(cls)
        hints = _hints(cls)
        values: dict[str, Any] = {}
        locs: dict[str, Location] = {}
        for key, (key_loc, child) in node.entries.items():
            sub = f"{path}.{key}" if path else key
            if key not in fields:
                near = near_spelling(key, list(fields))
                hint = f"did you mean '{near}'?" if near else "expected one of: " + ", ".join(fields)
                self.c.error(key_loc, sub, f"unknown field '{key}' ({hint})")
                continue
            locs[key] = child.loc
            if isinstance(child, Map) and typing.get_origin(hints[key]) is dict:
                for k, (_, v) in child.entries.items():  # each entry's own line, for later checks
                    locs[f"{key}.{k}"] = v.loc
            if isinstance(child, Seq):
                for i, v in enumerate(child.items):  # each list item's own line
                    locs[f"{key}[{i}]"] = v.loc
            if fields[key].metadata.get("one_or_many") and isinstance(child, Scalar) and child.tag != NULL:
                val: Any = (self.value(typing.get_args(hints[key])[0], child, sub),)
                val = () if val == (None,) else val
            else:
                val = self.value(hints[key], child, sub)
            min_items = fields[key].metadata.get("min_items", 0)
            if isinstance(val, (tuple, dict)) and len(val) < min_items:
                have = f"{len(val)} item{'s' if len(val) != 1 else ''}" if val else "empty list"
                self.fail(child, sub, f"{have} (expected at least {min_items} item{'s' if min_items > 1 else ''})")
            values[key] = val
        missing = [
            name for name, f in fields.items()
            if name not in node.entries
            and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ]
        for name in missing:
            sub = f"{path}.{name}" if path else name
            self.fail(node, sub, f"missing required field '{name}' ({fields[name].metadata.get('doc', '')})")
        if missing or any(v is None and not _optional(hints[k]) for k, v in values.items()):
            return None
        return cls(loc=node.loc, field_locs=locs, **values)


def _optional(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in typing.get_args(tp)


def build(cls: type[T], node: Node) -> T:
    """Convert ``node`` to ``cls`` or raise ``HandoutError`` with every problem."""
    b = _Builder()
    result = b.obj(cls, node, "")
    b.c.raise_if_errors()
    assert result is not None
    return result  # type: ignore[no-any-return]  # _Builder.obj builds whatever type it is given
