"""The located trees of the package's own YAML files, parsed once per installation, not once per process.

A path of a file the package reads for every build (its language's word list, label catalog,
theme) in; the same ``load.Node`` tree ``load.load_file`` gives out.  Parsing them was ~13 ms of
every one-PDF build (the English word list alone 9 ms), where rebuilding the tree from what was
kept takes ~2.5 ms.

The tree is kept in ``$XDG_CACHE_HOME/handout/`` (``diskcache``: marshal, plain data, never code,
read only whole and only if this user alone could have written it) as nested tuples, lists and
dicts.  It is named by the SHA-256 of the file's bytes and of what makes a tree of them (the source
of ``load`` and ``chars``, which normalise and check the text, as they were imported; PyYAML's
version; Python's, with its Unicode version), so a name always holds what parsing in this process
would give; each location names the file as it is asked for.  A file with any problem is never
kept: ``load_file`` raises for it, every time, with its places.  Content files (a clinic's handouts)
are parsed as they are read (``content``): they change with each handout, and their parse is
remembered within a process.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from .diskcache import keep, read
from .errors import Location
from .load import MAX_BYTES, Map, Node, Scalar, Seq, load_bytes, read_bounded

FORMAT = b"tree 1\0"  # the kept shape below: a change to it is a new name


@cache
def parser() -> bytes:
    """What, besides a file's bytes, decides its tree: the source of load and chars as they were
    imported, PyYAML's version, and Python's (its Unicode version decides NFC and which characters
    are format characters)."""
    import sys
    import unicodedata

    import yaml

    from . import chars, load

    if not (chars.SOURCE and load.SOURCE):
        raise OSError("the parser's source could not be read")
    return hashlib.sha256(b"\0".join([FORMAT, chars.SOURCE, load.SOURCE, yaml.__version__.encode(),
                                       str(yaml.__with_libyaml__).encode(), sys.version.encode(),
                                       unicodedata.unidata_version.encode()])).digest()


def load_kept(path: Path) -> Node:
    """``load.load_file(path)``, from the tree kept for these bytes if there is one, else parsed and kept."""
    return tree_of(read_bounded(path, MAX_BYTES), str(path))


def tree_of(data: bytes, file: str) -> Node:
    """``load.load_bytes(data, file)``, likewise (``data``: the bytes of ``file``, from ``read_bounded``)."""
    try:
        name = f"tree-{hashlib.sha256(parser() + data).hexdigest()[:32]}.marshal"
    except OSError:  # load's own source unreadable (a frozen build): parsed, as load_file would
        return load_bytes(data, file)
    kept = read(name)
    if kept is not None:
        try:
            return _tree(kept, file)
        except (TypeError, ValueError, IndexError, KeyError):  # not a tree of this shape: parsed again
            pass
    node = load_bytes(data, file)  # raises for any problem: nothing kept
    keep(name, _plain(node))
    return node


def _plain(node: Node) -> Any:
    """A scalar as (text, tag, plain, line, col); a list as [items, line, col]; a mapping as
    {key: (key line, key col, value)}, line, col."""
    if isinstance(node, Scalar):
        return (node.text, node.tag, node.plain, node.loc.line, node.loc.col)
    if isinstance(node, Seq):
        return ([_plain(n) for n in node.items], node.loc.line, node.loc.col)
    return ({k: (at.line, at.col, _plain(v)) for k, (at, v) in node.entries.items()}, node.loc.line, node.loc.col)


def _tree(kept: Any, file: str) -> Node:
    if len(kept) == 5:
        text, tag, plain, line, col = kept
        if not (type(text) is str and type(tag) is str and type(plain) is bool):
            raise TypeError("not a scalar")
        return Scalar(text, tag, plain, Location(file, line, col))
    body, line, col = kept
    if type(body) is list:
        return Seq(tuple(_tree(n, file) for n in body), Location(file, line, col))
    if type(body) is not dict:
        raise TypeError("not a list or a mapping")
    return Map({k: (Location(file, kl, kc), _tree(v, file)) for k, (kl, kc, v) in body.items()},
               Location(file, line, col))
