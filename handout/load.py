"""Stage 1 — load: a YAML file in, a tree of located ``Node`` objects out.

Strict on purpose.  Content files are written by people and printed for
patients, so YAML's conveniences that silently change meaning are refused:

* duplicate keys (PyYAML keeps the last one without a word);
* anchors, aliases and merge keys (nothing in a handout needs them, and an
  "alias bomb" could otherwise expand to gigabytes);
* files over ``MAX_BYTES`` (refused before reading).

Scalars keep their raw text, their YAML 1.1 tag and whether they were quoted,
so the schema stage can refuse ``no`` (False) or ``8:00`` (480) where text or a
number was meant.  All text is NFC-normalised here, once: decomposed accents
(common in Vietnamese pasted from some editors) would otherwise draw misplaced, and
invisible format characters (bidi isolates, BOMs, zero-width spaces) are removed
(``chars.clean``).  Unknown tags (``!!python/object``, ``!include``) and control
characters (a ``\\0`` escape) are refused.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .chars import bidi_problem, clean, problems, source_digest
from .errors import Finding, HandoutError, Location

MAX_BYTES = 1024 * 1024  # a two-page handout is ~20 KB; 1 MiB is generous
SOURCE = source_digest(__file__)  # (keptrees: what made a kept tree)

try:  # the C composer is ~10x faster; both build the same nodes
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

STR = "tag:yaml.org,2002:str"
NULL = "tag:yaml.org,2002:null"
BOOL = "tag:yaml.org,2002:bool"
# The tags YAML 1.1 resolves by itself; an explicit other tag (!!python/object, !include, !!binary)
# means something this loader would silently ignore, so it is refused.
KNOWN_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("str", "null", "bool", "int", "float", "timestamp",
                                                          "seq", "map"))


@dataclass(frozen=True)
class Scalar:
    text: str
    tag: str
    plain: bool  # written without quotes, so YAML 1.1 typing applied
    loc: Location


@dataclass(frozen=True)
class Seq:
    items: tuple[Node, ...]
    loc: Location


@dataclass(frozen=True)
class Map:
    # key -> (location of the key, value)
    entries: dict[str, tuple[Location, Node]] = field(default_factory=dict)
    loc: Location = Location("")

    def get(self, key: str) -> Node | None:
        hit = self.entries.get(key)
        return hit[1] if hit else None


Node = Scalar | Seq | Map


ALIAS = "anchors and aliases (& and *) are not allowed in content files; write the value out"


class _Alias(yaml.ScalarNode):
    """A ``*alias`` where it is written (``_AliasLoader``)."""


class _AliasLoader(yaml.SafeLoader):
    """Composes each ``*alias`` as an ``_Alias`` at its own place: compose() gives every alias the
    anchored node itself, so an alias was said at its anchor's line, not where it is to be removed.
    The Python composer: read only for a file with an alias, whose error is being said."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()  # type: ignore[no-untyped-call]
            return _Alias(NULL, "", event.start_mark, event.end_mark)
        return super().compose_node(parent, index)


def _too_deep(text: str, file: str) -> None:
    """Refuse, before libyaml reads it, flow nesting so deep that libyaml's own composer overflows
    the C stack (40,000 '[' in an 80 KB file: the process died, exit 139, taking a batch with it).
    Only a file with that many brackets is scanned; quotes are not told apart, so the bar is high."""
    if text.count("[") + text.count("{") < _DEEPEST:
        return
    depth = 0
    for i, ch in enumerate(text):
        if ch in "[{":
            depth += 1
            if depth >= _DEEPEST:
                from .jsonpos import Positions  # its offset to line and column

                raise HandoutError.single(Positions(text, file).location(i), "", f"nested more than {MAX_DEPTH} "
                                          "levels deep (expected a few levels of lists and mappings)")
        elif ch in "]}" and depth:
            depth -= 1


_DEEPEST = 5000  # brackets open at once: far past MAX_DEPTH, far below what libyaml's stack takes


# Line breaks to YAML 1.1 (PyYAML), never to an editor: each shifted every later error's line, cut the
# text it was in, or was said as "could not find expected ':'" on the next line (a review).
HIDDEN_BREAKS = {"\u2028": "a line separator (U+2028)", "\u2029": "a paragraph separator (U+2029)",
                  "\x85": "a next-line character (U+0085)"}
HIDDEN_BREAK = re.compile("[\u2028\u2029\x85]")


def _hidden_breaks(text: str, file: str) -> None:
    """Refuse, where each is, the characters YAML reads as a line break that editors do not show."""
    if not HIDDEN_BREAK.search(text):
        return
    from .jsonpos import Positions  # its offset to line and column, counting only "\n" as editors do

    at = Positions(text, file)
    raise HandoutError([Finding(at.location(m.start()), "", f"{HIDDEN_BREAKS[m.group()]}, which YAML reads as a line "
                                "break and most editors do not show (expected a plain line break, or a space)")
                        for m in HIDDEN_BREAK.finditer(text)])


_STARTS_VALUE = re.compile(r"^\s*(?:-\s+|[^\s#:][^:#]*:\s+)")  # a list item's or a key's value begins after it


_ESCAPED = re.compile(r"\\.")  # (a backslash and what it escapes, in a double-quoted text: "C:\\", "say \\"hi\\"")


def _quotes(text: str) -> int:
    """How many double quotes open or close a text on one line: escaped ones are none, nor one in a comment."""
    bare = _ESCAPED.sub("", text)
    n = 0
    for k, ch in enumerate(bare):
        if ch == '"':
            n += 1
        elif ch == "#" and n % 2 == 0 and (k == 0 or bare[k - 1] in " \t"):
            break  # (a comment: "# the "best" quote" opens nothing)
    return n


def _open_quote(file: str, n: int, column: int) -> Finding:
    return Finding(Location(file, n + 1, column + 1), "", "YAML syntax error: a quote (\") opens this text and nothing "
                   "closes it (expected a closing \" at the end of the text, on this line)")


def _plain_cause(lines: list[str], at: int, file: str) -> Finding | None:
    """What a YAML syntax error an author makes most says, at its own line: a value that opens a quote (") that no
    line closes, the error's own line included (PyYAML named a later line, "did not find expected key" or "… end of
    stream", and no quote), or one that starts with "**" (bold unquoted: a YAML alias to PyYAML); a review of what
    a non-programmer reads.  A text in quotes may go on over lines: a line with a quote of its own, between them or
    at the error, closes it, and nothing is said of it (a code review).  None for another error."""
    here = _STARTS_VALUE.match(lines[at]) if 0 <= at < len(lines) else None
    if here is not None and lines[at][here.end():].startswith("**"):
        return Finding(Location(file, at + 1, here.end() + 1), "", "YAML syntax error: a text that starts with ** "
                       "(bold) must be in quotes (expected the whole text in quotes: \"**…\")")
    if 0 <= at < len(lines) and _quotes(lines[at]) % 2 == 1:
        # (the error's own line opens a quote the file never closes: "title: \"abc" at its end; or it closes or
        # opens one, and no quote above it is left open)
        value = lines[at][here.end():] if here is not None else ""
        end_of_file = at == len(lines) - 1 or not any(_quotes(x) % 2 for x in lines[at + 1:])
        if value.startswith('"') and end_of_file:
            return _open_quote(file, at, here.end() if here is not None else 0)
        return None
    for n in range(min(at, len(lines)) - 1, max(-1, at - 60), -1):
        head = _STARTS_VALUE.match(lines[n])
        value = lines[n][head.end():] if head is not None else ""
        if head is not None and value.startswith('"') and _quotes(value) % 2 == 1:
            return _open_quote(file, n, head.end())
        if _quotes(lines[n]) % 2 == 1:
            return None  # (a quote closed or opened here: the error is not an open quote's above)
    return None


def load_text(text: str, file: str, found: list[Finding] | None = None) -> Node:
    """Parse ``text`` (the content of ``file``) into a located node tree (``found``: see load_bytes)."""
    _too_deep(text, file)
    _hidden_breaks(text, file)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            problem += f" ({exc.context} at line {exc.context_mark.line + 1})"
        lines = text.splitlines() if mark else []
        line = lines[mark.line] if mark and mark.line < len(lines) else ""
        if mark and "\t" in line[:mark.column + 1]:
            # PyYAML says "found character that cannot start any token": the tab is the news
            raise HandoutError.single(loc, "", "a tab character: YAML indents with spaces only (expected spaces, "
                                      "e.g. 2 for each level)") from None
        said = _plain_cause(lines, mark.line if mark else -1, file)
        if said is not None:
            raise HandoutError([said]) from None
        raise HandoutError.single(
            loc, "", f"YAML syntax error: {problem} (check indentation, colons and quotes)"
        ) from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses (NUL, U+FFFE …), at its offset
        from .jsonpos import Positions  # its offset to line and column

        name = problems(chr(exc.character)) if isinstance(exc.character, int) else []
        what = name[0] if name else f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a character"
        raise HandoutError.single(Positions(text, file).location(exc.position), "", f"contains {what}, which YAML does not allow "
                                  "(expected printable text; remove it)") from None
    except yaml.YAMLError as exc:
        raise HandoutError.single(Location(file), "", f"YAML error: {exc}") from None
    if root is None:
        raise HandoutError.single(Location(file, 1, 1), "", "the file is empty (expected a mapping of fields)")
    findings: list[Finding] = []
    tree = _convert(root, file, set(), findings)
    if any(f.message == ALIAS for f in findings):  # said at the anchor: composed again, each alias where it is
        try:
            again = yaml.compose(text, Loader=_AliasLoader)
        except (yaml.YAMLError, RecursionError):  # the Python composer refuses what libyaml read (a tab after
            # 'key:') or nests deeper than it can: said as first read
            again = None
        if again is not None:
            findings = []
            tree = _convert(again, file, set(), findings)
    if findings and found is None:
        raise HandoutError(findings)
    if found is not None:
        found += findings
    return tree


def regular_file(path: Path) -> os.stat_result:
    """``path``'s status when it is a regular file; a located error when it is missing, unreadable,
    a folder, a pipe or a device (never opened: a FIFO would block forever, /dev/zero never ends)."""
    import stat

    try:
        st = os.stat(path)
    except OSError as exc:
        raise HandoutError.single(Location(str(path)), "", f"cannot read file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "a pipe" if stat.S_ISFIFO(st.st_mode) else "a device or socket"
        raise HandoutError.single(Location(str(path)), "", f"is {kind}, not a file (expected a regular file)")
    return st


def read_bounded(path: Path, limit: int, what: str = "content files") -> bytes:
    """The bytes of a *regular* file of at most ``limit`` bytes, refused before reading otherwise.

    A FIFO would block forever, /dev/zero never ends, a folder named ``x.yaml`` or a symlink
    loop raised a traceback: each is a located error.  The read itself stops at ``limit`` + 1
    bytes, so a file that grows while it is read cannot exhaust memory.
    """
    file = str(path)
    st = regular_file(path)
    too_big = HandoutError.single(Location(file), "", f"file is {st.st_size / 1048576:.1f} MiB; {what} may be at "
                                  f"most {limit // 1024} KiB")
    if st.st_size > limit:
        raise too_big
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise HandoutError.single(Location(file), "", f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise too_big
    return data


def load_file(path: Path) -> Node:
    """Read and parse one content or theme file, refusing oversized or special ones unread."""
    return load_bytes(read_bounded(path, MAX_BYTES), str(path))


def load_bytes(data: bytes, file: str, found: list[Finding] | None = None) -> Node:
    """Parse the bytes of ``file`` (read with ``read_bounded``).  ``found``: where what is refused
    inside a readable tree goes (a duplicate key …), so the caller reports it with what the tree's
    own check finds; without it, that raises.  Unreadable YAML always raises."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[:exc.start]  # where an editor shows it: the line, and the column in characters
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # (its byte-order mark: "perhaps Latin-1" misled, a review)
            raise HandoutError.single(Location(file, 1, 1), "", "file is UTF-16 (its first bytes say so); save it "
                                      "as UTF-8") from None
        raise HandoutError.single(
            Location(file, line, col), "", f"file is not UTF-8 (byte 0x{data[exc.start]:02X}, perhaps "
            "Latin-1 or Windows-1252); save it as UTF-8"
        ) from None
    return load_text(text, file, found)


MAX_DEPTH = 64  # a handout's deepest field is a few levels down; 900 was a RecursionError traceback


def _convert(node: yaml.Node, file: str, seen: set[int], out: list[Finding], path: str = "", depth: int = 0) -> Node:
    """The located tree of one YAML node; what is refused (an alias, a tag, a duplicate key …) is
    added to ``out`` at its field path (``side_effects.heartburn``) and left out of the tree.

    (Written for speed as well: a content file is ~400 nodes, read for every new handout of a batch.  A
    scalar of printable ASCII, nearly every one, needs none of the character checks: ``problems`` and
    ``bidi_problem`` find nothing in it and ``clean`` leaves it as it is.)"""
    mark = node.start_mark
    loc = Location(file, mark.line + 1, mark.column + 1)
    scalar = isinstance(node, yaml.ScalarNode)
    if depth > MAX_DEPTH and not scalar:
        out.append(Finding(loc, path, f"nested more than {MAX_DEPTH} levels deep (expected a few levels of lists "
                           "and mappings)"))
        return Scalar("", NULL, True, loc)
    if isinstance(node, _Alias) or id(node) in seen:
        # compose() shares the node for every *alias; never expand it
        out.append(Finding(loc, path, ALIAS))
        return Scalar("", NULL, True, loc)
    seen.add(id(node))
    if node.tag not in KNOWN_TAGS:
        out.append(Finding(loc, path, f"unknown YAML tag '{node.tag}' (expected plain values: text, numbers, "
                           "dates, lists and mappings)"))
    if isinstance(node, yaml.ScalarNode):  # (as ``scalar``: narrowed for the type checker)
        value = node.value
        if not (value.isascii() and value.isprintable()):
            bad = problems(value)
            if bad:
                out.append(Finding(loc, path, f"contains {', '.join(bad[:3])} (expected printable text; remove it)"))
            bidi = bidi_problem(value)
            if bidi:
                out.append(Finding(loc, path, bidi))
            value = clean(value)
        return Scalar(value, node.tag, not node.style, loc)
    depth += 1
    if isinstance(node, yaml.SequenceNode):
        return Seq(tuple(_convert(item, file, seen, out, f"{path}[{i}]", depth) for i, item in enumerate(node.value)),
                   loc)
    assert isinstance(node, yaml.MappingNode)
    entries: dict[str, tuple[Location, Node]] = {}
    for key_node, value_node in node.value:
        mark = key_node.start_mark
        key_loc = Location(file, mark.line + 1, mark.column + 1)
        if isinstance(key_node, _Alias) or id(key_node) in seen:  # '*name: …' was read as the anchor's text
            out.append(Finding(key_loc, path, ALIAS))
            continue
        seen.add(id(key_node))  # an anchored key ('&name key: …') is refused at its aliases too
        if not isinstance(key_node, yaml.ScalarNode):
            out.append(Finding(key_loc, path, "a key must be plain text"))
            continue
        key = key_node.value
        if not key.isascii():
            key = clean(key)
        if key == "<<":
            out.append(Finding(key_loc, path, "merge keys (<<) are not allowed; write the fields out"))
            continue
        sub = f"{path}.{key}" if path else key
        if key in entries:
            first = entries[key][0]
            out.append(Finding(key_loc, sub, f"duplicate key (first defined at line {first.line}; remove one)"))
            continue
        entries[key] = (key_loc, _convert(value_node, file, seen, out, sub, depth))
    return Map(entries, loc)
