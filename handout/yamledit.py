"""Line-level YAML edits: a file's text and (path, new value) pairs in, the same text with only those values changed out.

A translation imported from a CAT tool must not reformat the language file a person keeps: its
comments, key order, quoting and blank lines stay as they were.  So instead of a round trip through
a YAML library (ruamel.yaml would be one more dependency for what a splice does), the file is
composed with PyYAML — whose nodes know where each value starts and ends — and each changed scalar
is replaced in place.  A value that is plain and stays safe as plain is written plain; anything
else is written double-quoted (a JSON string is a valid YAML double-quoted scalar).

Paths are tuples: a mapping key, a list index, or — in a list of mappings with ``id`` (sections) —
that id.  A key missing from an existing mapping is added after its last entry, an index one past
the end of a list is appended; anything else missing is an error (``EditError``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import yaml

Seg = str | int


class Raw(str):
    """A value written as it is (a date: ``reviewed_on: 2026-12-01``)."""


class EditError(Exception):
    """A path that cannot be written (its parent is missing or not a collection)."""


@dataclass(frozen=True)
class _Splice:
    start: int
    end: int
    text: str


def quote(value: str, plain_before: bool = False) -> str:
    """``value`` as a YAML scalar on one line: plain if it was plain and stays the same, else quoted."""
    if isinstance(value, Raw):
        return str(value)
    if plain_before and value and "\n" not in value and value == value.strip():
        try:
            if yaml.safe_load(f"k: {value}") == {"k": value} and not value.startswith(("*", "&", "!", "%", "@", "`")):
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def _child(node: yaml.Node, seg: Seg) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(seg, str):
        return next((v for k, v in node.value if k.value == seg), None)
    if isinstance(node, yaml.SequenceNode):
        if isinstance(seg, int):
            return node.value[seg] if seg < len(node.value) else None
        for item in node.value:
            if isinstance(item, yaml.MappingNode) and any(k.value == "id" and v.value == seg for k, v in item.value):
                return item
    return None


def _line_end(text: str, index: int) -> int:
    """Index just after the last character of the line holding ``index - 1`` (before its newline)."""
    nl = text.find("\n", max(index - 1, 0))
    return len(text) if nl < 0 else nl


def _nested(segs: tuple[Seg, ...], value: str, indent: int) -> str:
    """YAML lines for a value under keys not yet in the file."""
    pad = " " * indent
    if len(segs) == 1:
        return f"{pad}{segs[0]}: {quote(value, True)}"
    return f"{pad}{segs[0]}:\n" + _nested(segs[1:], value, indent + 2)


def _insert(text: str, parent: yaml.Node, segs: tuple[Seg, ...], value: str) -> _Splice:
    seg = segs[0]
    if isinstance(parent, yaml.MappingNode) and isinstance(seg, str) and parent.value and parent.flow_style is False:
        key, last = parent.value[0][0], parent.value[-1][1]
        at = _line_end(text, last.end_mark.index)
        return _Splice(at, at, "\n" + _nested(segs, value, key.start_mark.column))
    if isinstance(parent, yaml.SequenceNode) and seg == len(parent.value) and len(segs) == 1 and parent.value \
            and parent.flow_style is False:
        at = _line_end(text, parent.value[-1].end_mark.index)
        col = parent.start_mark.column
        return _Splice(at, at, "\n" + " " * col + "- " + quote(value, True))
    raise EditError(f"cannot add '{seg}' here (write it into the file by hand)")


def set_values(text: str, edits: list[tuple[tuple[Seg, ...], str]]) -> str:
    """``text`` with each path set to its value; comments, order and other values untouched.

    Values already in the file are replaced in one pass; missing ones are then added one by one
    (so two new keys under one new parent share it)."""
    missing: list[tuple[tuple[Seg, ...], str]] = []
    text = _apply(text, edits, missing)
    for edit in missing:
        text = _apply(text, [edit], None)
    return text


def _apply(text: str, edits: list[tuple[tuple[Seg, ...], str]],
           missing: list[tuple[tuple[Seg, ...], str]] | None) -> str:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        root = yaml.compose("{}", Loader=yaml.SafeLoader)
    assert root is not None
    splices: list[_Splice] = []
    for segs, value in edits:
        node = root
        for n, seg in enumerate(segs):
            child = _child(node, seg)
            if child is None:
                if missing is not None:
                    missing.append((segs, value))
                elif n == 0 and isinstance(root, yaml.MappingNode) and not root.value:
                    splices.append(_Splice(len(text), len(text), ("" if not text or text.endswith("\n") else "\n")
                                           + _nested(segs, value, 0) + "\n"))
                else:
                    splices.append(_insert(text, node, segs[n:], value))
                break
            node = child
        else:
            if not isinstance(node, yaml.ScalarNode):
                raise EditError(f"'{'.'.join(map(str, segs))}' is not a single value")
            start, end = node.start_mark.index, node.end_mark.index
            old = text[start:end]
            tail = old[len(old.rstrip()):] if node.style in ("|", ">") else ""
            splices.append(_Splice(start, end, quote(value, node.style is None) + tail))
    # from the end, so earlier offsets stay right; two inserts at one place keep their order
    for _, sp in sorted(enumerate(splices), key=lambda p: (p[1].start, p[1].end, p[0]), reverse=True):
        text = text[:sp.start] + sp.text + text[sp.end:]
    return text
