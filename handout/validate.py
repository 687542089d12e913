"""Stage 3 — validate: typed facts and texts in, every cross-field finding out.

The schema stage already checked each field on its own.  This stage checks
what only makes sense together, and what keeps a patient safe:

* a dose adds up (count x strength = amount) and steps follow each other;
* every id a language file uses exists in the facts, and every fact has words
  in every language (so a translation cannot drop a serious side effect);
* every edition keeps the serious side effects and the do-not-take box; every
  citation points at a source (the one owner of that rule: ``checks`` asks no more);
* next_review is after reviewed_on; a translation says which source it came from.

Rules judged on the whole handout (the blocks every handout shows, how far apart
reviews may be, sources never cited) are ``checks``'s.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

from . import codes, dosecheck, translated, weeklyonly
from .dosing import medications
from .errors import Code, Collector, Finding, Location
from .model import BUILTIN_BLOCKS, MAX_EDITION_PAGES, PRESCRIBED, Facts, Text, outline_ids
from .textfields import _at, label_fields, markup_fields
from .schema import Located, markup_problem, near_spelling
from .markup import citations
from .weekdays import days_named

# What keeps a patient safe, in every edition: the serious side effects with what to do (in
# 'side_effects' or alone as 'serious'), and the do-not-take box (in 'interactions' or alone).
SAFETY_BLOCKS = ((("side_effects", "serious"), "the serious side effects and what to do"),
                 (("interactions", "do_not_take"), "the do-not-take box"))


_DOI = re.compile(r"10\.\d{4,9}/\S+")  # Crossref's pattern for the DOIs it issues: '10.' prefix '/' suffix

def _keeps_safety(c: Collector, outline: tuple[str, ...], where, path: str) -> None:
    ids = outline_ids(outline)
    for blocks, what in SAFETY_BLOCKS:
        if not any(b in ids for b in blocks):
            c.error(where, path, f"has neither {' nor '.join(repr(b) for b in blocks)}: every edition must show "
                    f"{what}")
# A version-40 QR code at the highest error correction (H) holds 1,273 bytes: a URL that fits
# prints at any level a theme chooses (longer ones crashed the QR encoder with a traceback).
QR_MAX_BYTES = 1273


def _dupes(items: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if x in seen or seen.add(x)]  # type: ignore[func-returns-value]


def _plain_name(c: Collector, where: Location, path: str, name: str | None) -> None:
    """A medicine's name is printed inside the page's own markup (the calendar's "**Folic acid**: …"):
    a "**" or a citation in it printed its stars, or stopped the batch with a KeyError (a review)."""
    if name is not None and ("**" in name or "[@" in name):
        c.error(where, path, f"'{name}': a medicine's name is plain text (expected no ** and no [@source])")


def validate_facts(f: Facts, folder_name: str) -> list[Finding]:
    c = Collector()
    if f.id != folder_name:
        c.error(f.where("id"), "id", f"id '{f.id}' does not match its folder '{folder_name}' (expected '{folder_name}')")
    if not 1 <= f.max_pages <= 2:
        c.error(f.where("max_pages"), "max_pages", f"{f.max_pages} pages (expected 1 or 2)")
    if f.next_review <= f.reviewed_on:
        c.error(f.where("next_review"), "next_review", "is not after reviewed_on (expected a later date)")
    # How far apart reviews may be is the theme's rule, judged by checks.check_dates.
    for name, items in (("tracks", [t.id for t in f.tracks]), ("sources", [s.id for s in f.sources]),
                        ("interactions", [i.id for i in f.interactions]), ("outline", outline_ids(f.outline)),
                        ("side_effects", [*f.side_effects.common, *f.side_effects.less_common, *f.side_effects.serious])):
        for d in _dupes(items):
            c.error(f.where(name), name, f"'{d}' appears twice (expected each id once)")
    if f.default_track not in {t.id for t in f.tracks}:
        c.error(f.where("default_track"), "default_track", f"no track '{f.default_track}' "
                f"(expected one of: {', '.join(t.id for t in f.tracks)})")
    from .weekday import companion_problems

    c.findings.extend(companion_problems(f))  # (folic acid off the weekly day)
    for ti, t in enumerate(f.tracks):
        if t.id == PRESCRIBED:  # a patient's page of it was taken for an EHR's prescription (a review)
            c.error(t.where("id"), f"tracks[{ti}].id", f"'{PRESCRIBED}' is the name of a plan from an EHR's "
                    "prescription: a track of the handout's own named so is printed as one patient's, its length "
                    "and rate never asked for (expected another name)")
        for med in medications(t, f"tracks[{ti}]"):
            c.findings.extend(dosecheck.check(med))
            last = med.steps[-1]
            if not last.stop and last.when.end is not None and not last.as_needed:
                # The table says "Days 1 to 10" and the calendar's boxes end; nothing says whether to stop or to
                # go on (a review: an antibiotic's course, a taper).  A warning: a plan may end where a clinic
                # reviews it (8 weeks of methotrexate), and the words may say what then.
                n = len(med.steps)
                c.warning(last.when.loc, f"{med.path}.steps[{n - 1}].when.end", f"the plan ends at {last.when.unit} "
                          f"{last.when.end} and no step says what then: the page gives no word to stop or to go on "
                          f"(expected a stop step after it, {{when: {{unit: {last.when.unit}, start: "
                          f"{last.when.end + 1}}}, stop: true}}, or no end)")
            if med.product.most_per_kg_day is not None and not any(s.per_kg is not None for s in med.steps):
                # A day's total per kg means nothing for a plan of fixed doses (weekly methotrexate's
                # "day" is its dose day): a ceiling there would refuse or pass at random (a review)
                c.error(med.product.where("most_per_kg_day"), f"{med.path}.product.most_per_kg_day", "a ceiling per "
                        "kg for a plan not dosed by weight (expected it beside steps with per_kg, or none)")
        names = [m.name for m in t.companions]
        for d in _dupes(names):
            c.error(t.where("companions"), f"tracks[{ti}].companions", f"'{d}' appears twice (expected each medicine once)")
        for mi, m in enumerate(t.companions):
            _plain_name(c, m.where("name"), f"tracks[{ti}].companions[{mi}].name", m.name)
    for n, it in enumerate(f.interactions):
        for k, drug in enumerate(it.drugs):
            for field_name in ("name", "brand"):
                _plain_name(c, drug.where(field_name), f"interactions[{n}].drugs[{k}].{field_name}",
                            getattr(drug, field_name))
    se = f.side_effects
    overlap = (set(se.common) | set(se.less_common)) & set(se.serious) | set(se.common) & set(se.less_common)
    for d in sorted(overlap):
        c.error(se.loc, "side_effects", f"'{d}' is in two groups of common, less_common and serious (expected one group)")
    source_ids = {s.id for s in f.sources}
    cited = [(f.side_effects, "side_effects", f.side_effects.cite)] + [
        (i, f"interactions[{n}]", i.cite) for n, i in enumerate(f.interactions)]
    for obj, path, ids in cited:
        for sid in ids:
            if sid not in source_ids:
                c.error(obj.where("cite"), f"{path}.cite",
                        f"no source '{sid}' (expected one of: {', '.join(sorted(source_ids))})", "H110")
    for n, s in enumerate(f.sources):
        if not s.doi and not s.url:
            c.error(s.loc, f"sources[{n}]", "has neither doi nor url (expected one, so a reader can find it)")
        if s.doi and not _DOI.fullmatch(s.doi):
            # It prints as a link to https://doi.org/<doi>: 'javascript:alert(1)' and a pasted
            # 'https://doi.org/10.1/x' became links (an adversarial review).
            c.error(s.where("doi"), f"sources[{n}].doi", f"'{s.doi}' is not a DOI (expected e.g. 10.1002/art.37734, "
                    "without https://doi.org/)")
    for entry in f.outline:
        if len(entry.split("|")) > 2:
            c.error(f.where("outline"), "outline", f"'{entry}': at most two blocks side by side")
    outlines = [("outline", f, f.outline), *((f"editions.{n}.outline", ed, ed.outline or ()) for n, ed in f.editions.items())]
    for path, owner, outline in outlines:  # an empty name was blamed on every language file (a review)
        for i, entry in enumerate(outline):
            if any(not part.strip() for part in entry.split("|")):
                c.error(_at(owner, path.rsplit(".", 1)[-1], i), f"{path}[{i}]", f"'{entry}': a block name is empty "
                        "(expected a block id, or two side by side: 'side_effects | interactions')")
    if "summary" in outline_ids(f.outline):  # "This is a short summary" on the full handout (a code review)
        c.error(f.where("outline"), "outline", "'summary' says the edition is a short summary (expected it only "
                "in a short edition's outline, such as the card's)")
    for name, ed in f.editions.items():
        if name == "standard":
            c.error(ed.loc, f"editions.{name}", "'standard' is the handout itself (choose another name)")
        if not 1 <= ed.max_pages <= MAX_EDITION_PAGES:
            c.error(ed.where("max_pages"), f"editions.{name}.max_pages",
                    f"{ed.max_pages} pages (expected 1 to {MAX_EDITION_PAGES})")
        if ed.theme is not None:
            from .theme import find_theme
            from .errors import HandoutError
            try:
                find_theme(ed.theme, ed.where("theme"))
            except HandoutError as exc:
                c.findings.extend(exc.findings)
        if ed.outline is not None:
            _keeps_safety(c, ed.outline, ed.where("outline"), f"editions.{name}.outline")
    _keeps_safety(c, f.outline, f.where("outline"), "outline")
    if len(f.qr_url.encode()) > QR_MAX_BYTES:
        c.error(f.where("qr_url"), "qr_url", f"is {len(f.qr_url.encode())} bytes long; a QR code holds at most "
                f"{QR_MAX_BYTES} (expected a shorter URL, e.g. a short link to the page)")
    # The blocks every handout must show are checks.REQUIRED_BLOCKS (check_completeness).
    c.findings.extend(codes.check(f.codes))
    placeholders(c, f, "")
    return c.findings


def _plain(obj: Any) -> Any:
    if is_dataclass(obj):
        return {fl.name: _plain(getattr(obj, fl.name)) for fl in fields(obj) if fl.name not in ("loc", "field_locs")}
    if isinstance(obj, (tuple, list)):
        return [_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, date):
        return obj.isoformat()
    return obj


LATER_OPTIONAL = ("reasons",)  # Text fields added after the first fingerprints were recorded


def fingerprint(text: Text) -> str:
    """A short hash of what a translator translates (not its provenance block).

    Optional fields added to the model later are left out while empty, so adding one
    does not make every existing translation stale.
    """
    data = _plain(text)
    data.pop("translation", None)
    data.pop("language", None)
    for name in LATER_OPTIONAL:
        if not data.get(name):
            data.pop(name, None)
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def _keys_match(c: Collector, t: Text, field: str, have: Mapping[str, str], want: Sequence[str], what: str) -> None:
    # A misspelt id is one of a pair, the one in handout.yaml or the one here: each side names the other ("did you
    # mean 'empty_stomac'?" asked the words to take handout.yaml's typo, a clinic author's review)
    for k in want:
        if k not in have:
            near = near_spelling(k, [h for h in have if h not in want])
            hint = f"; this file has '{near}': one of the two is misspelt" if near else ""
            c.error(t.where(field), f"{field}.{k}", f"no words for {what} '{k}' in language '{t.language}' (every "
                    f"{what} in handout.yaml needs them{hint})")
    for k in have:
        if k not in want:  # at its own line, with the nearest spelling (was: the mapping's first key)
            near = near_spelling(k, [w for w in want if w not in have])
            hint = (f"handout.yaml names '{near}': one of the two is misspelt" if near else
                    f"expected one of: {', '.join(want)}" if want else f"expected none: handout.yaml has no {what}")
            c.error(t.where(f"{field}.{k}") if f"{field}.{k}" in t.field_locs else t.where(field), f"{field}.{k}",
                    f"unknown {what} '{k}' ({hint})")


def validate_text(t: Text, f: Facts, lang: str, source: Text | None) -> list[Finding]:
    """Check one language file against the facts (and, for translations, the source text)."""
    c = Collector()
    if t.language != lang:
        c.error(t.where("language"), "language", f"'{t.language}' does not match the file name '{lang}.yaml'")
    if not 3 <= len(t.key_points) <= 5:  # PL005, one main message: the theme may lower the 5 (plain.py)
        c.findings.append(Finding(t.where("key_points"), "key_points", f"{len(t.key_points)} key points "
                                  "(expected 3 to 5)", "error", "PL005"))
    section_ids = [s.id for s in t.sections]
    for d in _dupes(section_ids):
        c.error(t.where("sections"), "sections", f"section '{d}' appears twice")
    for sid in section_ids:
        if sid in BUILTIN_BLOCKS:
            c.error(t.where("sections"), "sections", f"'{sid}' is a built-in block name (choose another id)")
        elif sid not in outline_ids(f.outline) + [i for ed in f.editions.values() for i in outline_ids(ed.outline or ())]:
            c.error(t.where("sections"), f"sections.{sid}",
                    f"section '{sid}' is not in the outline of handout.yaml (it would never print)")
    all_ids = outline_ids(f.outline) + [i for ed in f.editions.values() for i in outline_ids(ed.outline or ())]
    for oid in dict.fromkeys(all_ids):
        if oid and oid not in BUILTIN_BLOCKS and oid not in section_ids:  # (an empty name: validate_facts's error)
            c.error(t.where("sections"), "sections",
                    f"the outline names '{oid}' but language '{lang}' has no section with that id")
    if "faq" in outline_ids(f.outline) and not t.faq:
        c.error(t.loc, "faq", "the outline shows a FAQ but there are no questions (add some, or take 'faq' out of the outline)")
    for n, s in enumerate(t.sections):
        if not s.body and not s.bullets:
            c.error(s.loc, f"sections[{n}]", "has neither body nor bullets (expected some text)")
    notes = list(dict.fromkeys(s.note for tr in f.tracks for m in medications(tr) for s in m.steps if s.note))
    _keys_match(c, t, "step_notes", t.step_notes, notes, "step note")
    _keys_match(c, t, "side_effects", t.side_effects,
                [*f.side_effects.common, *f.side_effects.less_common, *f.side_effects.serious], "side effect")
    _keys_match(c, t, "interactions", t.interactions, [i.id for i in f.interactions], "interaction")
    reasons = list(dict.fromkeys(s.as_needed for tr in f.tracks for m in medications(tr) for s in m.steps
                                 if s.as_needed))
    _keys_match(c, t, "reasons", t.reasons, reasons, "as-needed reason")
    drug_names = {d.name for i in f.interactions for d in i.drugs} | {m.name for tr in f.tracks for m in tr.companions}
    for drug in t.drug_names:
        if drug not in drug_names:
            c.error(t.where(f"drug_names.{drug}"), f"drug_names.{drug}", f"no drug '{drug}' in handout.yaml "
                    f"(expected one of: {', '.join(sorted(drug_names))})")
    for path, text, where in label_fields(t):  # a side effect of "…" or "-" printed where a warning was (a review)
        if not any(ch.isalnum() for ch in text):
            c.error(where, path, "no words (expected the name a patient reads)")
        elif why := markup_problem(text):  # drawn as markup: "An **antibiotic" printed its stars (a review)
            c.error(where, path, why)
    source_ids = {s.id for s in f.sources}
    # (a label's citation too: "Any new rash [@nope]" stopped the batch with a KeyError, a review)
    for path, marked, where in [*markup_fields(t), *label_fields(t)]:
        for cited in citations(marked):
            if cited not in source_ids:
                c.error(where, path, f"cites unknown source '{cited}' (expected one of: {', '.join(sorted(source_ids))})",
                        "H110")
    if lang != f.source_language:
        tr = t.translation
        if tr is None:
            now = f"; the current one is {fingerprint(source)}" if source is not None else ""
            c.error(t.loc, "translation", f"missing (a translation must say which {f.source_language} version it "
                    f"was translated from — source_fingerprint{now} —, who translated it, and its status)")
        elif source is not None and tr.source_fingerprint != fingerprint(source):
            c.warning(tr.where("source_fingerprint"), "translation.source_fingerprint",
                      f"stale: the {f.source_language} text changed since this translation "
                      f"(now {fingerprint(source)}); update the translation", Code.STALE)
        if source is not None:  # the same texts, phone numbers and numbers as the source (translated.py)
            translated.check(c, t, source, f.source_language)
        if tr is not None and tr.status == "reviewed" and (not tr.reviewer or tr.reviewed_on is None):
            c.error(tr.where("status"), "translation.status", "'reviewed' without reviewer and reviewed_on (expected "
                    "the reviewer's name and credential and the date, as `handout translate import` writes them)")
        if tr is not None and tr.status == "draft":
            c.note(tr.where("status"), "translation.status",
                   "draft: not yet reviewed by a qualified medical translator (PDFs carry a DRAFT band)", Code.DRAFT)
    placeholders(c, t, "")
    c.findings.extend(days_named(t, f, lang))
    c.findings.extend(weeklyonly.check(f, t, source))  # (the plan of a once-a-week medicine: one day, H157)
    return c.findings


PLACEHOLDER = "TODO"


_FIELDS: dict[type, tuple[str, ...]] = {}  # each model class's fields that hold its values


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(fl.name for fl in fields(cls) if fl.name not in ("loc", "field_locs"))
    return names


def _any_placeholder(obj: Any) -> bool:
    """Whether any text in a model (every string of its fields, their dicts and tuples, at any depth) holds a
    placeholder: a look without paths first, as most files have none (the walk that names each was 0.4 ms a
    handout). It reads every string ``placeholders`` reads, and more."""
    stack = [obj]
    pop, push, more = stack.pop, stack.append, stack.extend
    while stack:
        o = pop()
        if isinstance(o, str):
            if PLACEHOLDER in o:
                return True
        elif isinstance(o, tuple):
            more(o)
        elif isinstance(o, Located):
            for name in _field_names(type(o)):
                push(getattr(o, name))
        elif isinstance(o, dict):
            more(o.values())
    return False


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def placeholders(c: Collector, obj: Any, path: str) -> None:
    """Warn about every unfinished value ("TODO: ..."): `check` lists them, `build` refuses them."""
    if isinstance(obj, str) or (not path and not _any_placeholder(obj)):
        return
    if isinstance(obj, Located):
        for fl in fields(obj):
            if fl.name in ("loc", "field_locs"):
                continue
            value, sub = getattr(obj, fl.name), f"{path}.{fl.name}" if path else fl.name
            if isinstance(value, str) and PLACEHOLDER in value:
                c.warning(obj.where(fl.name), sub, f"placeholder: {_short(value)} (write the real text)", Code.PLACEHOLDER)
            elif isinstance(value, dict):
                for k, v in value.items():
                    if isinstance(v, str) and PLACEHOLDER in v:
                        c.warning(obj.where(f"{fl.name}.{k}"), f"{sub}.{k}",
                                  f"placeholder: {_short(v)} (write the real text)", Code.PLACEHOLDER)
                    else:
                        placeholders(c, v, f"{sub}.{k}")
            elif isinstance(value, tuple):
                for i, v in enumerate(value):
                    if isinstance(v, str) and PLACEHOLDER in v:
                        c.warning(obj.where(f"{fl.name}[{i}]"), f"{sub}[{i}]",
                                  f"placeholder: {_short(v)} (write the real text)", Code.PLACEHOLDER)
                    else:
                        placeholders(c, v, f"{sub}[{i}]")
            else:
                placeholders(c, value, sub)
