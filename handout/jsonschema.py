"""JSON Schema of the content files, generated from the model (the model is the schema).

``handout schema`` prints one schema; ``-o FOLDER`` writes ``handout.schema.json`` (facts) and
``text.schema.json`` (a language) into a folder, ``-o FILE.json`` only one (``is_folder``).  The
package ships them in ``handout/schemas/``.  Content files name them on their first line
(``# yaml-language-server: $schema=...``) so editors with YAML support complete
keys, show each field's description and example, and flag mistakes as you type.
A test fails when the committed files differ from what this module generates.
"""

from __future__ import annotations

import argparse
import json
import types
import typing
from datetime import date
from pathlib import Path
from typing import Any, Literal

from .model import Facts, Text
from .schema import Identifier, Located, Markup, Url, _hints, model_fields

SCHEMA_DIR = Path(__file__).parent / "schemas"
FILES = {"handout.schema.json": Facts, "text.schema.json": Text}


def _type(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _type(next(a for a in typing.get_args(tp) if a is not type(None)), defs)
    if isinstance(tp, type) and issubclass(tp, Located):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder: breaks recursion
            defs[name] = _object(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    if origin is tuple:
        return {"type": "array", "items": _type(typing.get_args(tp)[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type(typing.get_args(tp)[1], defs)}
    if origin is Literal:
        return {"enum": list(typing.get_args(tp))}
    if tp is Url:
        return {"type": "string", "pattern": "^https://"}
    if tp is Identifier:
        return {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$"}
    if tp in (str, Markup):
        return {"type": "string", "minLength": 1}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is date:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    raise TypeError(tp)


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = _hints(cls)
    props: dict[str, Any] = {}
    required = []
    for f in model_fields(cls):
        prop = _type(hints[f.name], defs)
        if f.metadata.get("one_or_many"):  # `timing: bedtime` or `timing: [morning, bedtime]`
            prop = {"anyOf": [prop["items"], prop]}
        doc = f.metadata.get("doc")
        if doc:
            prop = {**prop, "description": doc} if "$ref" not in prop else {"allOf": [prop], "description": doc}
        if f.metadata.get("example") is not None:
            prop["examples"] = [f.metadata["example"]]
        if f.metadata.get("min_items"):
            prop["minItems" if prop.get("type") == "array" else "minProperties"] = f.metadata["min_items"]
        props[f.name] = prop
        if f.default is f.default_factory is __import__("dataclasses").MISSING:
            required.append(f.name)
    out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        out["required"] = required
    if cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "("):
        out["description"] = " ".join(cls.__doc__.split())
    return out


def generate(cls: type) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    root = _object(cls, defs)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": f"handout {cls.__name__.lower()} file", **root}
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def render_all() -> dict[str, str]:
    return {name: json.dumps(generate(cls), indent=2, ensure_ascii=False) + "\n" for name, cls in FILES.items()}


def write_one(path: Path, name: str) -> list[Path]:
    from .write import write_atomic

    write_atomic(path, render_all()[name].encode())
    return [path]


def write_all(directory: Path = SCHEMA_DIR) -> list[Path]:
    from .write import write_atomic

    paths = []
    for name, text in render_all().items():
        path = directory / name
        write_atomic(path, text.encode())
        paths.append(path)
    return paths


def is_folder(out: Path) -> bool:
    """``-o PATH``: a folder for both schemas (made if missing), unless PATH ends in ``.json`` and is
    not an existing folder: then the one file of ``--kind``.  (``schemas`` and ``schemas/`` are
    folders; ``editor/handout.schema.json`` is a file.)"""
    return out.is_dir() or out.suffix.lower() != ".json"


def run(args: argparse.Namespace) -> int:
    """``handout schema``: print, write or (``--check``) compare the shipped schemas."""
    import sys

    from .cli import EXIT_CONTENT, EXIT_OK, EXIT_USAGE  # loaded: the command line runs this
    from .errors import Finding, Location

    if args.check:
        stale = [name for name, text in render_all().items()
                 if not (SCHEMA_DIR / name).exists()
                 or (SCHEMA_DIR / name).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"{SCHEMA_DIR / name}: out of date (run: handout schema -o {SCHEMA_DIR})",
                  file=sys.stderr)
        return EXIT_CONTENT if stale else EXIT_OK
    if args.out is None:  # never write into the installed package unasked
        sys.stdout.write(render_all()[f"{args.kind}.schema.json"])
        return EXIT_OK
    folder = is_folder(args.out)
    if folder and args.out.exists() and not args.out.is_dir():
        print(Finding(Location(str(args.out)), "--out", f"'{args.out}' is a file, not a folder (remove it, or give "
                      "a path ending in .json to write one schema)").format(), file=sys.stderr)
        return EXIT_USAGE
    try:
        paths = write_all(args.out) if folder else write_one(args.out, f"{args.kind}.schema.json")
    except OSError as exc:
        print(Finding(Location(str(args.out)), "--out", f"cannot write: {exc.strerror or exc}").format(),
              file=sys.stderr)
        return EXIT_USAGE
    for path in paths:
        print(f"wrote {path}")
    return EXIT_OK
