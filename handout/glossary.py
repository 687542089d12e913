"""Drug-name glossaries: a language and a drug's INN in, the name a reader of that script can read out.

The facts write each drug once, by its generic (INN) name in English (``tramadol``).  A reader of
Russian, Arabic, Persian, Hindi, Chinese or Korean cannot read that list, and it is the list that
keeps them safe.  ``handout/glossary/<lang>.yaml`` (shipped with the package, beside the label
catalogs) maps each INN to the local name, optionally with a local brand where it differs:

    tramadol: трамадол
    disulfiram: {name: дисульфирам, brand: Антабус}

``printed`` is what a page shows: ``трамадол (tramadol)`` — the local name, then the Latin INN (and
the brand) in parentheses, so a patient and any pharmacist can match either.  A language file's own
``drug_names`` word wins (it names groups such as "alcohol" or "live vaccines").  In a Latin-script
language a name with no entry prints as written, and an entry close to the INN (``oxicodona``,
``méthadone``: a difflib ratio of at least ``SIMILAR``) prints alone — any pharmacist matches it,
and the longer form would push the Spanish handout over its two pages; ``ácido fólico`` still
prints ``ácido fólico (folic acid)``.  ``check`` warns about a drug with neither a word nor an entry
in a non-Latin language (``handout check --strict`` makes it an error).
"""

from __future__ import annotations

import re

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import Finding, HandoutError, Location
from .keptrees import load_kept
from .load import Map, Scalar
from .model import Drug, Facts, Handout

GLOSSARY_DIR = Path(__file__).parent / "glossary"


@dataclass(frozen=True)
class Entry:
    name: str
    brand: str | None
    loc: Location


def glossary_path(lang: str) -> Path:
    return GLOSSARY_DIR / f"{lang}.yaml"


@cache
def load(lang: str) -> dict[str, Entry]:
    """The glossary of ``lang`` (empty when it has none), or an error at the bad entry."""
    path = glossary_path(lang)
    if not path.exists():
        return {}
    node = load_kept(path)
    if not isinstance(node, Map):
        raise HandoutError.single(node.loc, "", "a glossary maps drug names (INN) to local names")
    out: dict[str, Entry] = {}
    problems: list[Finding] = []
    for inn, (kloc, val) in node.entries.items():
        if isinstance(val, Scalar) and val.text.strip():
            out[inn] = Entry(val.text.strip(), None, val.loc)
            continue
        name, brand = (val.get("name"), val.get("brand")) if isinstance(val, Map) else (None, None)
        extra = set(val.entries) - {"name", "brand"} if isinstance(val, Map) else set()
        if not isinstance(name, Scalar) or not name.text.strip() or extra or (
                brand is not None and not isinstance(brand, Scalar)):
            problems.append(Finding(kloc, inn, f"bad glossary entry in language '{lang}' (expected the local "
                                    "name, or {name: local name, brand: local brand})"))
            continue
        out[inn] = Entry(name.text.strip(), brand.text.strip() if isinstance(brand, Scalar) else None, val.loc)
    if problems:
        raise HandoutError(problems)
    return out


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s.casefold()) if not unicodedata.combining(c))


SIMILAR = 0.6  # difflib ratio from which two Latin spellings of one drug are "the same to a pharmacist"


def close(local: str, inn: str) -> bool:
    """Whether a Latin-script local name reads as the INN (oxicodona/oxycodone, méthadone/methadone)."""
    import difflib

    return difflib.SequenceMatcher(None, _fold(local), _fold(inn)).ratio() >= SIMILAR


@cache
def latin_script(lang: str) -> bool:
    """Whether the language is written in Latin letters (read from its label catalog's words)."""
    from .localize import load_labels

    words = "".join(load_labels(lang).values.get(k, "") for k in ("key_points", "side_effects_heading",
                                                                 "interactions_heading"))
    letters = [c for c in words if c.isalpha()]
    return bool(letters) and sum(unicodedata.name(c, "").startswith("LATIN") for c in letters) > len(letters) / 2


Part = tuple[str, str]  # printed text, and its language when not the document's ("" otherwise)


def _join(parts: list[Part]) -> list[Part]:
    """Neighbouring parts in one language merged."""
    out: list[Part] = []
    for text, lang in parts:
        if out and out[-1][1] == lang:
            out[-1] = (out[-1][0] + text, lang)
        elif text:
            out.append((text, lang))
    return out


_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9 .,&'-]*[A-Za-z0-9]|[A-Za-z]")


def _word_parts(h: Handout, word: str, other: str) -> list[Part]:
    """A language file's own word for a drug, in parts: on a page in another script, its Latin letters are the
    facts' language ("تريميثوبريم (trimethoprim)", as a translator wrote it): read by an Arabic voice before (an
    accessibility review), where the glossary's same words were read in English."""
    if not other or latin_script(h.lang):
        return [(word, "")]
    parts: list[Part] = []
    at = 0
    for m in _LATIN_RUN.finditer(word):
        parts += [(word[at:m.start()], ""), (m.group(0), other)]
        at = m.end()
    return _join([*parts, (word[at:], "")])


def local_parts(h: Handout, name: str) -> list[Part]:
    """``local_name`` in parts: the Latin INN a non-source-language page prints (in parentheses after
    the local name, or alone when the language has no name for it) is in the facts' language, so a
    screen reader reads it with that language's voice."""
    other = h.facts.source_language if h.lang != h.facts.source_language else ""
    word = h.text.drug_names.get(name)
    if word is not None:
        return _word_parts(h, word, other)
    entry = load(h.lang).get(name) if other else None
    if entry is None:  # no local form: the INN as the facts write it, read in the facts' voice where the page's
        # script is another; on a Latin-script page it is the page's own word too ("morphine", "tramadol" in French:
        # the voice changed word by word inside one list, and a French listener heard "morphine" said in English)
        return [(name, "" if latin_script(h.lang) else other)]
    if entry.name == name or (latin_script(h.lang) and close(entry.name, name)):
        return [(entry.name, "")]  # oxicodona, méthadone: any pharmacist matches it to the INN
    return [(f"{entry.name} (", ""), (name, other), (")", "")]


def local_name(h: Handout, name: str) -> str:
    """A drug's (or a companion medicine's) name without a brand: the word, the glossary, or as written."""
    return "".join(text for text, _ in local_parts(h, name))


def printed_parts(h: Handout, d: Drug) -> list[Part]:
    """``printed`` in parts, each with its language (``local_parts``): the facts' brand names are
    written in the facts' language too; a glossary's local brand is the page's."""
    other = h.facts.source_language if h.lang != h.facts.source_language else ""
    word = h.text.drug_names.get(d.name)
    if word is not None:
        return _join([*_word_parts(h, word, other), *([(" (", ""), (d.brand, other), (")", "")] if d.brand else [])])
    entry = load(h.lang).get(d.name) if other else None
    local_brand = entry.brand if entry and entry.brand else None
    brand, brand_lang = (local_brand, "") if local_brand else (d.brand, other)
    shown = local_parts(h, d.name)
    if brand is None:
        return shown
    if len(shown) == 3 and shown[1][0] == d.name and shown[2] == (")", ""):
        return _join([*shown[:2], (", ", ""), (brand, brand_lang), (")", "")])
    return _join([*shown, (" (", ""), (brand, brand_lang), (")", "")])


def printed(h: Handout, d: Drug) -> str:
    """How a drug of the interaction lists prints: "трамадол (tramadol)", "бупренорфин (buprenorphine,
    Suboxone)", "buprenorphine (Suboxone)" in English."""
    return "".join(text for text, _ in printed_parts(h, d))


def drug_names(f: Facts) -> list[str]:
    """Every drug name the facts print: the interaction lists, then the companion medicines."""
    names = [d.name for i in f.interactions for d in i.drugs] + [m.name for t in f.tracks for m in t.companions]
    return list(dict.fromkeys(names))


def check(h: Handout) -> list[Finding]:
    """A drug a reader of a non-Latin script could not read: neither a drug_names word nor a glossary entry."""
    if h.lang == h.facts.source_language or latin_script(h.lang):
        return []
    try:
        entries = load(h.lang)
    except HandoutError as exc:
        return exc.findings
    where = {d.name: d.loc for i in h.facts.interactions for d in i.drugs}
    out = []
    for name in drug_names(h.facts):
        if name not in entries and name not in h.text.drug_names:
            out.append(Finding(where.get(name, h.facts.loc), "drug_names", f"'{name}' prints in Latin letters in "
                               f"language '{h.lang}' (add it to handout/glossary/{h.lang}.yaml, or a word in "
                               f"drug_names of {Path(h.source_file).name})", "warning"))
    return out
