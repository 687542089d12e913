"""``handout translate``: the medical translator's route — export, import, proof.

* ``export HANDOUT --lang L [--format xliff|po] [-o FILE]`` — every unit (``units``) of the handout,
  its labels and its drug glossary, as XLIFF 1.2 or PO (``xliff``), for a CAT tool.
* ``import FILE [--translator T] [--reviewer NAME --credential C --reviewed-on DATE]`` — the targets
  back into ``data/<id>/<lang>.yaml``, ``handout/catalogs/<lang>.yaml`` and
  ``handout/glossary/<lang>.yaml``, value by value (``yamledit``: comments and key order kept), with
  the new source fingerprint.  Refused as a whole, each problem at ``FILE:LINE``, for a file of
  another handout or source version, an unknown id, a target whose placeholders or bold markers do
  not match its source.  The language becomes ``reviewed`` (no DRAFT band) only when every unit is
  final and the reviewer is named with a credential and a date.
* ``proof HANDOUT --lang L --out DIR`` — the bilingual review PDF (``proof``).
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from collections.abc import Callable, Sequence

from . import glossary, units as U, xliff
from .chars import bidi_problem
from .content import FACTS_FILE, read_facts
from .errors import Collector, Finding, HandoutError, Location
from .load import HIDDEN_BREAK, HIDDEN_BREAKS, load_file, load_text
from .localize import load_labels
from .model import Facts, Text
from .schema import build
from .validate import fingerprint, validate_text
from .write import write_atomic
from .yamledit import EditError, Raw, Seg, set_values

Report = Callable[[Sequence[Finding]], None]


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The ``translate`` subcommand and its three actions."""
    t = sub.add_parser("translate", help="export units for a CAT tool, import them back, print a review proof")
    acts = t.add_subparsers(dest="action", required=True, parser_class=type(t))
    e = acts.add_parser("export", help="XLIFF 1.2 or PO of every translatable string of a handout in one language")
    e.add_argument("handout", metavar="HANDOUT")
    e.add_argument("--lang", required=True, metavar="L")
    e.add_argument("--format", choices=["xliff", "po"], default="xliff")
    e.add_argument("-o", "--output", type=Path, help="file to write (default: output/translate/<id>.<lang>.xlf|po)")
    i = acts.add_parser("import", help="write a translated XLIFF or PO file back into the content files")
    i.add_argument("file", type=Path, metavar="FILE")
    i.add_argument("--translator", help="who translated it (default: kept from the language file)")
    i.add_argument("--reviewer", help="the medical translator who reviewed every unit (name)")
    i.add_argument("--credential", help="the reviewer's credential, e.g. 'CHI-certified medical translator'")
    i.add_argument("--reviewed-on", metavar="YYYY-MM-DD", help="date of the review")
    p = acts.add_parser("proof", help="a bilingual PDF for the reviewer: source and target side by side")
    p.add_argument("handout", metavar="HANDOUT")
    p.add_argument("--lang", required=True, metavar="L")
    p.add_argument("--out", type=Path, default=Path("output/translate"), help="folder (default: output/translate)")
    for s in (e, i, p):
        s.add_argument("--data", type=Path, default=Path("data"), help="folder of handouts (default: data)")


@dataclass
class Loaded:
    folder: Path
    facts: Facts
    src: Text
    target: Text | None
    lang: str

    @property
    def units(self) -> list[U.Unit]:
        return U.units(self.facts, self.src, self.target, self.lang)

    def header(self) -> xliff.Header:
        return xliff.Header(self.facts.id, self.lang, self.facts.source_language, self.facts.version,
                            fingerprint(self.src), self.facts.reviewed_on.isoformat())


def _folder(handout: str, data: Path) -> Path:
    p = Path(handout)
    folder = p if (p / FACTS_FILE).exists() else data / handout
    if not (folder / FACTS_FILE).exists():
        raise HandoutError.single(Location(handout), "", f"no handout '{handout}' (expected an id in {data} or a folder)")
    return folder


def load(folder: Path, lang: str) -> Loaded:
    facts = read_facts(folder)
    if lang == facts.source_language:
        raise HandoutError.single(Location(str(folder / f"{lang}.yaml")), "language",
                                  f"'{lang}' is the source language (expected a translation's language)")
    load_labels(lang)  # a language needs its label catalog first (ask the maintainers)
    src = build(Text, load_file(folder / f"{facts.source_language}.yaml"))
    path = folder / f"{lang}.yaml"
    target = build(Text, load_file(path)) if path.exists() else None
    return Loaded(folder, facts, src, target, lang)


def run(args: argparse.Namespace, report: Report) -> int:
    try:
        if args.action == "export":
            return _export(args)
        if args.action == "import":
            return _import(args, report)
        from .proof import write_proof

        h = load(_folder(args.handout, args.data), args.lang)
        path = write_proof(h, args.out)
        print(f"wrote {path}")
        return 0
    except HandoutError as exc:
        report(exc.findings)
        return 1


def _export(args: argparse.Namespace) -> int:
    h = load(_folder(args.handout, args.data), args.lang)
    ext = "po" if args.format == "po" else "xlf"
    out = args.output or Path("output/translate") / f"{h.facts.id}.{h.lang}.{ext}"
    found = h.units
    write_atomic(out, xliff.export(found, h.header(), args.format, f"{h.folder.name}/{h.facts.source_language}.yaml"))
    states = {s: sum(u.state == s for u in found) for s in U.STATES}
    print(f"wrote {out}: {len(found)} units ({', '.join(f'{n} {s}' for s, n in states.items() if n)})")
    return 0


def _reviewer(args: argparse.Namespace, c: Collector, where: Location) -> tuple[str, date] | None:
    given = [args.reviewer, args.credential, args.reviewed_on]
    if not any(given):
        return None
    if not all(given):
        c.error(where, "reviewer", "a review needs --reviewer, --credential and --reviewed-on together")
        return None
    try:
        day = date.fromisoformat(args.reviewed_on)
    except ValueError:
        c.error(where, "reviewed_on", f"'{args.reviewed_on}' is not a date (expected YYYY-MM-DD)")
        return None
    return f"{args.reviewer.strip()}, {args.credential.strip()}", day


def _import(args: argparse.Namespace, report: Report) -> int:
    file = str(args.file)
    if not args.file.exists():
        raise HandoutError.single(Location(file), "", "no such file")
    at = lambda line: Location(file, line, 1)  # noqa: E731
    try:
        head, _ = xliff.read(args.file, {})
    except Exception as exc:  # lxml / PO parse errors: the file is not what a CAT tool writes
        raise HandoutError.single(Location(file), "", f"cannot read it as {xliff.detect(args.file)}: {exc}") from None
    if head is None or not head.handout:
        raise HandoutError.single(at(head.line if head else 1), "", "not a handout export (no handout id in its "
                                  "header: export it with `handout translate export`)")
    folder = args.data / head.handout
    if not (folder / FACTS_FILE).exists():
        raise HandoutError.single(at(head.line), "", f"file for handout '{head.handout}', which is not in {args.data}")
    h = load(folder, head.lang)
    now = fingerprint(h.src)
    if head.fingerprint != now:
        raise HandoutError.single(at(head.line), "", f"exported from another version of the "
                                  f"{h.facts.source_language} text (fingerprint {head.fingerprint or 'none'}, now "
                                  f"{now}): export again and carry the translation over")
    current = {u.id: u for u in h.units}
    _, got = xliff.read(args.file, {k: u.source for k, u in current.items()})
    c = Collector()
    review = _reviewer(args, c, Location("--reviewer"))
    seen: set[str] = set()
    for g in got:
        u = current.get(g.id)
        if u is None:
            c.error(at(g.line), g.id, f"unknown unit id (not in handout '{head.handout}'; expected an exported id)")
            continue
        if g.id in seen:  # the last one won without a word (an adversarial review)
            c.error(at(g.line), g.id, "this unit is in the file twice (expected each id once)")
        seen.add(g.id)
        for p in g.problems:
            c.error(at(g.line), g.id, p)
        hidden = HIDDEN_BREAK.search(g.target) if g.target else None
        if hidden:  # at the file's own line: YAML would read a line break there (load.HIDDEN_BREAKS)
            c.error(at(g.line), g.id, f"{HIDDEN_BREAKS[hidden.group()]} in the target, which YAML reads as a line "
                    "break (expected a space)")
        bidi = bidi_problem(g.target) if g.target else None
        if bidi:  # at the file's own line: the language file it would be written to has no such line yet
            c.error(at(g.line), g.id, bidi)
        wrong = _misread(g.target) if g.target else None
        if wrong:
            c.error(at(g.line), g.id, f"reads as UTF-8 text decoded as Latin-1 ({wrong[0]!r} is {wrong[1]!r}): the "
                    "file's encoding declaration is wrong (expected encoding=\"UTF-8\", or save it in the "
                    "encoding it declares)")
        if g.target is not None:
            for p in U.code_problems(u.source, g.target):
                c.error(at(g.line), g.id, f"{p} (keep every placeholder and bold marker of the source)")
        elif u.target is None and u.kind == "text":
            c.error(at(g.line), g.id, "no target, and the language file has none (translate it)")
    missing = [k for k, u in current.items() if k not in seen and u.target is None and u.kind == "text"]
    for k in missing:
        c.error(at(1), k, "not in the file, and the language file has no words for it (export again)")
    c.raise_if_errors()
    # A plural form the catalog has no words for, left empty (the "other" words print), keeps no
    # translation from final; one it has words for prints them, so it is reviewed like any unit
    # (an export made before it existed cannot make the language reviewed).
    empty = {g.id for g in got if g.target is None and g.id in current and current[g.id].optional
             and current[g.id].target is None}
    final = all(g.state == "final" or (g.state == "translated" and xliff.detect(args.file) == "po" and review)
                for g in got if g.id in current and g.id not in empty) \
        and seen >= {k for k, u in current.items() if not u.optional or u.target is not None}
    return _write(h, got, current, review, final, args, report)


# UTF-8 read as Latin-1: each accented letter becomes a lead byte's character (U+00C2-U+00F4) and a
# continuation byte's (U+0080-U+00BF).  The no-break space (A0) is left out of the second: 'SANTÉ :'
# with French spacing before its colon is real text, not 'SANTɠ:' (a code review).
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u009f\u00a1-\u00bf]")


def _misread(text: str) -> tuple[str, str] | None:
    """A target that is UTF-8 read with a Latin-1 (or Windows-1252) declaration: 'CÃ³mo' for
    'Cómo'.  Imported, it rewrote the Spanish labels every Spanish PDF prints (an adversarial
    review).  Text that is really Latin-1 never decodes as UTF-8 once encoded back, so a real
    'Cómo' is never taken for one."""
    if not _MOJIBAKE.search(text):  # a lead byte's letter and a continuation byte's sign: 'Ã³', 'Ã©', 'Ø§'
        return None
    for enc in ("latin-1", "cp1252"):
        try:
            fixed = text.encode(enc).decode("utf-8")
        except UnicodeError:
            continue
        if fixed != text:
            word = next((w for w in text.split() if not w.isascii()), text)
            return word, word.encode(enc).decode("utf-8", "replace")
    return None


def _write(h: Loaded, got: list[xliff.Imported], current: dict[str, U.Unit], review: tuple[str, date] | None,
           final: bool, args: argparse.Namespace, report: Report) -> int:
    files = U.files(h.folder, h.lang)
    edits: dict[str, list[tuple[tuple[Seg, ...], str]]] = {"text": [], "label": [], "glossary": []}
    lines = []
    entries = glossary.load(h.lang)
    latin = glossary.latin_script(h.lang)
    for g in got:
        u = current[g.id]
        if g.target is None or g.target == u.target:
            lines.append(f"  {'kept' if g.target is None else 'unchanged'}  {g.id}  ({g.state})")
            continue
        segs = u.segs
        if u.kind == "glossary":
            if latin and g.target == u.source and u.segs[0] not in entries:
                continue  # the same spelling: no entry needed
            e = entries.get(str(segs[0]))
            if e is not None and len(segs) == 1 and _is_map(files["glossary"], str(segs[0])):
                segs = (segs[0], "name")
        edits[u.kind].append((segs, g.target))
        lines.append(f"  {'changed' if u.target else 'added'}  {g.id}  ({g.state}): {_changed(u.target, g.target)}")
    tr = h.target.translation if h.target is not None else None
    translator = args.translator or (tr.translator if tr else None)
    if translator is None:
        report([Finding(Location(str(args.file)), "translation.translator", "a new language needs --translator")])
        return 1
    status = "reviewed" if review and final else "draft"
    block: list[tuple[tuple[Seg, ...], str]] = [
        (("translation", "source_fingerprint"), fingerprint(h.src)), (("translation", "translator"), translator),
        (("translation", "status"), status)]
    if review and final:
        block += [(("translation", "reviewer"), review[0]), (("translation", "reviewed_on"), Raw(review[1].isoformat()))]
    written = _text_file(h, files["text"], edits["text"] + block)
    outputs = [(files["text"], written)]
    for kind in ("label", "glossary"):
        if edits[kind]:
            path = files[kind]
            old = path.read_text(encoding="utf-8") if path.exists() else \
                f"# Drug names in '{h.lang}' (see handout/glossary.py).\n"
            outputs.append((path, set_values(old, edits[kind])))
    for path, text in outputs:  # nothing is written unless every file is valid
        load_text(text, str(path))
    for path, text in outputs:
        write_atomic(path, text.encode("utf-8"))
    glossary.load.cache_clear()
    load_labels.cache_clear()
    changed = sum(1 for ln in lines if ln.lstrip().startswith(("changed", "added")))
    print(f"imported {args.file} into {h.facts.id} {h.lang}: {changed} changed, status {status}")
    shown = [ln for ln in lines if not ln.lstrip().startswith("unchanged")]
    if shown:
        print("\n".join(shown))
    if review and not final:
        print(f"not reviewed: {sum(g.state != 'final' for g in got)} units are not final (the DRAFT band stays)")
    return 0


def _is_map(path: Path, key: str) -> bool:
    node = load_file(path) if path.exists() else None
    value = node.get(key) if node is not None and hasattr(node, "get") else None
    return value is not None and hasattr(value, "entries")


def _short(s: str | None, n: int = 40, start: int = 0) -> str:
    """A piece of ``s`` from ``start`` (where it changed), on one line."""
    if not s:
        return "(none)"
    s = " ".join(s.split())
    start = max(0, min(start, len(s) - n))
    piece = s[start:start + n]
    return ("…" if start else "") + piece + ("…" if start + n < len(s) else "")


def _changed(old: str | None, new: str) -> str:
    """"old -> new" around the first difference."""
    if not old:
        return f"(none) -> {_short(new)}"
    a, b = " ".join(old.split()), " ".join(new.split())
    k = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"{_short(a, start=k - 12)} -> {_short(b, start=k - 12)}"


def _text_file(h: Loaded, path: Path, edits: list[tuple[tuple[Seg, ...], str]]) -> str:
    """The language file with the edits; a new language starts from the source file's structure."""
    if path.exists():
        old = path.read_text(encoding="utf-8")
    else:
        old = (h.folder / f"{h.facts.source_language}.yaml").read_text(encoding="utf-8")
        edits = [(("language",), h.lang), *edits]
    try:
        new = set_values(old, edits)
    except EditError as exc:
        raise HandoutError.single(Location(str(path)), "", str(exc)) from None
    text = build(Text, load_text(new, str(path)))
    found = validate_text(text, h.facts, h.lang, h.src)
    errors = [f for f in found if f.severity == "error"]
    if errors:
        raise HandoutError(errors)
    return new


__all__ = ["add_parser", "run", "load", "Loaded"]
