"""Translation units: a handout's facts, source text and one translation in, units in page order out.

A unit is one translatable string: its stable id (the field path, ``sections[about].body[0]``,
``side_effects.headache``, ``labels.col_when``, ``glossary.tramadol``), the source text, the current
target, a note saying where it prints and its limits, the printed context (block and heading), and
its state.  Three kinds, written to three files on import:

* ``text`` — the words of ``data/<id>/<lang>.yaml``;
* ``label`` — the interface labels of ``handout/catalogs/<lang>.yaml`` (shared by every handout);
* ``glossary`` — drug names of ``handout/glossary/<lang>.yaml`` (see ``glossary``).

Facts (doses, drugs as written, numbers, URLs) are never units.  Placeholders — citations
``[@id]``, region numbers ``{emergency}``, label fields ``{drug}`` — and ``**bold**`` markers are
``codes``: exporters protect them, and ``code_problems`` refuses a target that breaks them.

States: ``new`` (no target), ``needs-review`` (a machine draft, or the source changed since:
stale), ``translated`` (a human translation not yet reviewed), ``final`` (reviewed).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from collections.abc import Iterator

from . import glossary
from .localize import CATALOG_DIR, MAY_LACK, OPTIONAL, PLURAL, SOURCE_CATALOG, extra_plurals, load_labels
from .model import Facts, Text, outline_ids
from .validate import fingerprint

Kind = Literal["text", "label", "glossary"]
State = Literal["new", "needs-review", "translated", "final"]
STATES: tuple[State, ...] = ("new", "needs-review", "translated", "final")
Seg = str | int
# What a translator must carry over unchanged: citations, placeholders, label fields.
CODE = re.compile(r"\[@[a-z0-9][a-z0-9_-]*\]|\{[A-Za-z_]+\}")
BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)
NOT_UNITS = ("format_locale", *OPTIONAL)  # locale data, not words
MACHINE = "machine"  # a translator field starting so is a machine draft: its units need review
DICTS = ("step_notes", "side_effects", "interactions", "reasons", "drug_names")


@dataclass(frozen=True)
class Unit:
    id: str
    segs: tuple[Seg, ...]  # the path inside its file (catalog key, glossary INN, text field path)
    kind: Kind
    source: str
    target: str | None
    note: str
    block: str  # printed context: the block and the heading it prints under
    state: State = "new"
    optional: bool = False  # may stay empty (a plural form the "other" words stand in for)


def unit_id(segs: tuple[Seg, ...]) -> str:
    """``sections[about].body[0]``, ``key_points[2]``, ``side_effects.headache``."""
    out = str(segs[0])
    for n, s in enumerate(segs[1:], 1):
        out += f"[{s}]" if isinstance(s, int) or (segs[0] == "sections" and n == 1) else f".{s}"
    return out


def text_paths(t: Text) -> Iterator[tuple[tuple[Seg, ...], str]]:
    """Every translatable string of a language file with its path (sections by id)."""
    for name in ("title", "short_name", "condition"):
        yield (name,), getattr(t, name)
    for i, k in enumerate(t.key_points):
        yield ("key_points", i), k
    for s in t.sections:
        yield ("sections", s.id, "heading"), s.heading
        for part in ("body", "bullets"):
            for i, v in enumerate(getattr(s, part)):
                yield ("sections", s.id, part, i), v
    for name in DICTS:
        for k, v in getattr(t, name).items():
            yield (name, k), v
    for name in ("serious_action", "disclaimer"):
        yield (name,), getattr(t, name)
    for name in ("precautions", "wallet_card"):
        for i, v in enumerate(getattr(t, name)):
            yield (name, i), v
    for i, q in enumerate(t.faq):
        yield ("faq", i, "q"), q.q
        yield ("faq", i, "a"), q.a


def codes(s: str) -> Counter[str]:
    """The protected codes of a string: placeholders and citations, and how many bold spans."""
    found = Counter(CODE.findall(s))
    found["**"] = s.count("**")
    return found


def code_problems(source: str, target: str) -> list[str]:
    """What a target breaks of its source's codes (empty: fine)."""
    want, have = codes(source), codes(target)
    out = []
    for code in sorted(set(want) | set(have)):
        if want[code] != have[code]:
            what = "bold markers **" if code == "**" else f"'{code}'"
            out.append(f"{what} {want[code]} time{'s' if want[code] != 1 else ''} in the source, "
                       f"{have[code]} in the target")
    if have["**"] % 2:
        out.append("an unclosed ** (bold is **text**)")
    return out


def _context(facts: Facts, src: Text) -> list[tuple[str, list[tuple[Seg, ...]], str]]:
    """Blocks in page order: (block id, the text paths printed in it, its heading in the source)."""
    lab = load_labels(SOURCE_CATALOG)
    heads = {"title": "Title", "key_points": lab("key_points"), "dosing": lab("dosing_heading", drug=src.short_name),
             "side_effects": lab("side_effects_heading"), "serious": lab("side_effects_serious"),
             "interactions": lab("interactions_heading"), "do_not_take": lab("do_not_take", drug=src.short_name),
             "precautions": lab("precautions_heading"), "faq": lab("faq_heading"), "wallet": "Wallet card",
             "footer": "Footer of every page"}
    se = facts.side_effects
    serious: list[tuple[Seg, ...]] = [("serious_action",), *[("side_effects", k) for k in se.serious]]
    paths: dict[str, list[tuple[Seg, ...]]] = {
        "title": [("title",), ("condition",), ("short_name",)],
        "key_points": [("key_points", i) for i in range(len(src.key_points))],
        "dosing": [*[("step_notes", k) for k in src.step_notes], *[("reasons", k) for k in src.reasons]],
        "side_effects": [*[("side_effects", k) for k in (*se.common, *se.less_common)], *serious],
        "serious": serious,
        "interactions": [*[("interactions", i.id) for i in facts.interactions],
                         *[("drug_names", k) for k in src.drug_names]],
        "precautions": [("precautions", i) for i in range(len(src.precautions))],
        "faq": [p for i in range(len(src.faq)) for p in (("faq", i, "q"), ("faq", i, "a"))],
        "wallet": [("wallet_card", i) for i in range(len(src.wallet_card))],
        "footer": [("disclaimer",)],
    }
    paths["do_not_take"] = paths["interactions"]
    for s in src.sections:
        paths[s.id] = [("sections", s.id, "heading")] + [("sections", s.id, p, i) for p in ("body", "bullets")
                                                         for i in range(len(getattr(s, p)))]
        heads[s.id] = s.heading
    order = ["title", *outline_ids(facts.outline)]
    order += [b for ed in facts.editions.values() for b in outline_ids(ed.outline or ()) if b not in order]
    return [(b, paths.get(b, []), heads.get(b, b)) for b in dict.fromkeys([*order, "footer"])]


def _note(segs: tuple[Seg, ...], block: str, facts: Facts) -> str:
    name = segs[0]
    serious = set(facts.side_effects.serious)
    severity: dict[str, str] = {i.id: i.severity for i in facts.interactions}
    if name == "side_effects":
        return ("Checklist item in the red 'Serious side effects' warning box: a short phrase."
                if segs[1] in serious else "Checklist item with a tick box (two columns): a short phrase.")
    if name == "interactions":
        return ("Advice under the drug names in the red do-not-take warning box." if severity.get(str(segs[1]))
                == "do_not_take" else "Advice after the list of drugs that may interact.")
    notes = {
        "title": "Title, large type, top of page 1: one or two lines.",
        "short_name": "Short name of the medicine, used in headings and labels ({drug}): a few letters.",
        "condition": "Line under the title: what the medicine is for.",
        "key_points": "Bulleted key point near the top of page 1: one or two short sentences.",
        "step_notes": "Note column of the dosing table (a narrow cell): a few words.",
        "reasons": "Why to take an as-needed dose, in the dosing table ('for pain').",
        "drug_names": "Local word for this drug or group, in the interaction lists.",
        "serious_action": "First paragraph of the red 'Serious side effects' box: what to do, how fast.",
        "precautions": "Bulleted item continuing 'Talk to your prescriber first if you:'.",
        "disclaimer": "Footer of every page, small type: one line.",
        "wallet_card": "Line of the wallet card (85 x 54 mm; the first line is its bold title): very short.",
    }
    if name == "sections":
        part = segs[2]
        return {"heading": "Section heading: a plain statement or question, one line.",
                "body": "Paragraph of the section.", "bullets": "Bulleted item of the section."}[str(part)]
    if name == "faq":
        return "Question, bold, as a patient would ask it." if segs[2] == "q" else "Answer to the question above."
    return notes.get(str(name), f"Printed in the '{block}' block.")


LABEL_NOTES = (("col_", "Column header of the dosing table: a few words."),
               ("period_", "When-cell of the dosing table; {start} and {end} are numbers."),
               ("form_", "A count in the dosing table; {n} is the number."),
               ("timing_", "When-to-take-it cell of the dosing table."),
               ("unit_", "Unit symbol after a dose: keep the safe (ISMP) form."),
               ("footer_", "Footer, small type."), ("alt_", "Alternative text read aloud by screen readers."),
               ("wallet_", "Wallet card label, very small."), ("personal_", "Label of the patient's details."),
               ("draft_band", "Band at the top of every page of an unreviewed translation."))


def _label_note(key: str) -> str:
    hint = next((n for prefix, n in LABEL_NOTES if key.startswith(prefix)), "Interface label.")
    return f"{hint} Shared by every handout in this language (handout/catalogs)."


def _state(target: str | None, t: Text | None, stale: bool, text_unit: bool) -> State:
    if not target:
        return "new"
    tr = t.translation if t is not None else None
    if tr is None or (stale and text_unit):
        return "needs-review"
    if tr.status == "reviewed":
        return "final"
    return "needs-review" if tr.translator.strip().lower().startswith(MACHINE) else "translated"


def units(facts: Facts, src: Text, target: Text | None, lang: str) -> list[Unit]:
    """Every unit of the handout, its labels and its drug names in ``lang``, in page order."""
    have = dict(text_paths(target)) if target is not None else {}
    source = dict(text_paths(src))
    stale = target is not None and target.translation is not None and \
        target.translation.source_fingerprint != fingerprint(src)
    out: list[Unit] = []
    seen: set[tuple[Seg, ...]] = set()
    for block, paths, heading in _context(facts, src):
        for segs in paths:
            if segs in seen or segs not in source:
                continue
            seen.add(segs)
            tgt = have.get(segs)
            out.append(Unit(unit_id(segs), segs, "text", source[segs], tgt, _note(segs, block, facts),
                            f"{block}: {heading}", _state(tgt, target, stale, True)))
    for segs, value in source.items():  # anything the outline does not place (never lost)
        if segs not in seen:
            tgt = have.get(segs)
            out.append(Unit(unit_id(segs), segs, "text", value, tgt, _note(segs, "other", facts), "other",
                            _state(tgt, target, stale, True)))
    known = {inn for p in glossary.GLOSSARY_DIR.glob("*.yaml") for inn in glossary.load(p.stem)}
    entries = glossary.load(lang)
    latin = glossary.latin_script(lang)
    for name in glossary.drug_names(facts):
        if name not in known or (target is not None and name in target.drug_names):
            continue
        e = entries.get(name)
        tgt = e.name if e else (name if latin else None)
        note = (f"Drug name (INN '{name}'), in the interaction lists. Write the local name a reader and a "
                f"local pharmacist know; it prints as 'local ({name})'.")
        out.append(Unit(f"glossary.{name}", (name,), "glossary", name, tgt, note, "interactions: drug glossary",
                        _state(tgt, target, stale, False)))
        if e and e.brand:
            out.append(Unit(f"glossary.{name}.brand", (name, "brand"), "glossary", name, e.brand,
                            "Local brand name where it differs from the US one.", "interactions: drug glossary",
                            _state(e.brand, target, stale, False)))
    src_labels = load_labels(SOURCE_CATALOG).values
    tgt_labels = load_labels(lang).values if (CATALOG_DIR / f"{lang}.yaml").exists() else {}
    plurals = extra_plurals(lang, tgt_labels)
    for key, value in src_labels.items():
        if key in NOT_UNITS:
            continue
        tgt = tgt_labels.get(key)
        out.append(Unit(f"labels.{key}", (key,), "label", value, tgt, _label_note(key), "interface labels",
                        _state(tgt, target, stale, False), optional=key in MAY_LACK))  # (left empty: the Rx words)
        if PLURAL.fullmatch(key) and key.endswith("_other"):
            # The counts whose words differ in this language ("6 أقراص", "5 доз"): left empty,
            # the "other" words print.
            for cat, counts in plurals.items():
                k = f"{key[:-len('other')]}{cat}"
                tgt = tgt_labels.get(k)
                shown = ", ".join(map(str, counts[:4])) + (" …" if len(counts) > 4 else "")
                note = (f"The same count for {shown}: this language's '{cat}' plural form (CLDR). "
                        "Where the catalog has no words for it, an empty one prints the 'other' words.")
                out.append(Unit(f"labels.{k}", (k,), "label", value, tgt, note, "interface labels",
                                _state(tgt, target, stale, False), optional=True))
    return out


def files(folder: Path, lang: str) -> dict[Kind, Path]:
    """Where each kind of unit is written for ``lang``."""
    return {"text": folder / f"{lang}.yaml", "label": CATALOG_DIR / f"{lang}.yaml",
            "glossary": glossary.glossary_path(lang)}
