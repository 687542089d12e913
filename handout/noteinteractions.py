"""A medicine the handout says never to take with its own, named in a note typed for one patient (H159): a note, its
handout and where it was typed in; errors out.

The handout's warning box lists what must not be taken with the medicine (its facts' ``do_not_take`` groups: Bactrim
with methotrexate, Percocet or Norco with acetaminophen, tramadol with low-dose naltrexone).  A note is printed on the
same page and read as the clinician's own word for this patient: "Percocet 1 tablet at night for pain" printed beside
acetaminophen's box (two doses of acetaminophen, the liver's), and "Keep taking your tramadol" beside LDN's (an opioid
LDN blocks).  So a note naming one of them is refused unless its sentence says it against ("Do not take Bactrim"), holds
or stops it ("Stop tramadol 7 days before your first dose"), or puts something in its place ("Take ibuprofen instead
of Percocet").  Where it is the clinician's considered choice for this patient, the handout's box would still say the
opposite: that needs its own handout, not a note.  Read in the page's language and each note language, with the drug's
name, its brand, the other names the facts give it (``other_names``: Septra, co-trimoxazole), the glossaries' local
names for it and the group's other members the facts name (``also``: Demerol, Imodium beside "any opioid"), and never
remembered.

The plan's own medicine under another name is the same: "You can also take Tylenol" printed beside acetaminophen's
table is a second dose of acetaminophen (the commonest way to take too much of it), refused where the note adds it
to the plan's dose (``_added``).
"""

from __future__ import annotations

import re

from . import glossary
from .clauses import APOSTROPHES, clause
from .errors import Finding, Location
from .frequency import NOTE_LANGUAGES
from .model import Handout
from .reading import plain, sentences
from .warning import against, against_its_group, negated_before
from .wordlists import WordList
from .wordlists import load as load_wordlist
from .planamounts import plan_names
from .wordpatterns import ending_with, words_pattern, words_regex


def note_interactions(note: str, h: Handout, where: Location, path: str) -> list[Finding]:
    """The errors for each medicine of the handout's ``do_not_take`` groups a note names and does not say against,
    each once (module docstring)."""
    langs = [w for lang in dict.fromkeys((h.lang, *NOTE_LANGUAGES)) if (w := load_wordlist(lang)) is not None]
    out: list[Finding] = []
    said: set[str] = set()
    medicine = h.text.short_name or h.id
    own = _named(_own_names(h, langs))
    if own is not None:
        for sentence in sentences(plain(note)):
            text = sentence.translate(APOSTROPHES)
            for m in own.finditer(text):
                if m.group(0).lower() not in said and any(_added(w, text, m.start(), m.end()) for w in langs):
                    said.add(m.group(0).lower())
                    out.append(Finding(where, path, f"'{m.group(0)}' in the note is {medicine} itself under another "
                                       "name: taken as well as the plan's dose, it is a second dose of it (expected one "
                                       f"name for the one medicine, or said against: 'Do not take {m.group(0)} as "
                                       "well')", code="H159"))
    found = _named(_names(h))
    if found is None:
        return out
    joins = re.compile(rf"(?:[\s,/()]|{words_regex(tuple(x for w in langs for x in w.and_words))})*", re.I)
    for sentence in sentences(plain(note)):
        text = sentence.translate(APOSTROPHES)
        before: tuple[int, bool] | None = None  # (where the name before ends, whether it was said against)
        for m in found.finditer(text):
            key = m.group(0).lower()
            # A name listed right after another shares its fate: "do not have MMR or FluMist", "Take Septra (Bactrim)"
            if before is not None and joins.fullmatch(text, before[0], m.start()):
                excused = before[1]
            else:
                excused = any(_refused(w, text, m.start(), m.end()) for w in langs)
            before = (m.end(), excused)
            if excused or key in said:
                continue
            said.add(key)
            out.append(Finding(where, path, f"'{m.group(0)}' in the note: the handout says never to take it with "
                               f"{medicine} (expected it said against in its sentence, 'Do not take {m.group(0)}', or held: "
                               "a patient reads the note beside the handout's warning)", code="H159"))
    return out


def _named(names: set[str]) -> re.Pattern[str] | None:
    """Any of ``names``, whole, the longest first; None for none."""
    if not names:
        return None
    return re.compile(rf"(?<![\w'’-])(?:{'|'.join(re.escape(n) for n in sorted(names, key=len, reverse=True))})"
                      r"(?![\w'’-])", re.I)


def _own_names(h: Handout, langs: list[WordList]) -> set[str]:
    """The other names and brands the word lists give the plan's own medicine ("Tylenol" for acetaminophen, "MTX"
    and "Trexall" for methotrexate), less the names the handout gives it."""
    main = {n.lower() for n in plan_names(h)[:1]} | {h.id.lower(), (h.text.short_name or h.id).lower()}
    return {k for w in langs for table in (w.name_aliases, w.brand_names) for k, v in table.items()
            if v.lower() in main and k.lower() not in main}


def _added(w: WordList, text: str, start: int, end: int) -> bool:
    """Whether the medicine named at ``start:end`` is taken besides the plan's dose: a word of addition up to three
    words before it (``added_words``: "also take Tylenol", "add Tylenol") or, after an order to take it, right after it
    and its own capitalised words or strength (``added_after``: "Take Tylenol too", "Take Tylenol Extra Strength as
    well"); not said against ("Do not take Tylenol as well") and not a name of it ("It is also called Tylenol":
    ``called_words``).  Not another medicine's addition ("You can also take ibuprofen with your Tylenol")."""
    first, last = clause(text, start)
    before = w.added_words and ending_with(w.added_words, 2).search(text, first, start)
    after = w.added_after and w.dose_orders and words_pattern(w.dose_orders, True).search(text, first, start) and \
        re.match(rf"(?:\s+(?:[A-Z0-9][\w'’-]*|mg))*\s*,?\s*(?:{words_regex(w.added_after)})", text[end:last])
    if not (before or after):
        return False
    if against(w, text, start, end, exceptions=False) or negated_before(w, text, start, 3):
        return False
    return not (w.called_words and words_pattern(w.called_words, True).search(text, first, start))


def _names(h: Handout) -> set[str]:
    """The names of the drugs the handout says never to take with its own: as the facts write them, their brands and
    other names, and each glossary's local name and brand (the page's language and each note language's)."""
    out: set[str] = set()
    entries = [glossary.load(lang) for lang in dict.fromkeys((h.lang, *NOTE_LANGUAGES))]
    for group in h.facts.interactions:
        if group.severity != "do_not_take":
            continue
        out.update(group.also)
        for d in group.drugs:
            out.update(x for x in (d.name, d.brand, *d.other_names) if x)
            word = h.text.drug_names.get(d.name)
            if word:
                out.add(word)
            for table in entries:
                entry = table.get(d.name)
                if entry is not None:
                    out.update(x for x in (entry.name, entry.brand) if x)
    return {n.strip() for n in out if n.strip()}


def _refused(w: WordList, text: str, start: int, end: int) -> bool:
    """Whether the drug named at ``start:end`` is said against in its sentence (a negation that governs it: "Do not
    take Bactrim", "No Percocet"; or governs the group it is an example of: "Do not take any opioid, such as
    tramadol"), held or stopped in its clause ("Stop tramadol", "Your tramadol was stopped", "Hold methotrexate
    while on Bactrim"), or put aside for another before it ("instead of Percocet")."""
    if against(w, text, start, end, exceptions=False) or negated_before(w, text, start):
        return True  # (a negation, a verb at most between: "No use vacunas vivas", "Do not get live vaccines")
    first, last = clause(text, start)
    if w.stops is not None and w.stops.search(text, first, last):
        return True
    if w.instead_of and re.search(rf"(?:{words_regex(w.instead_of)})\W*$", text[first:start], re.I):
        return True
    if w.called_words and re.search(rf"(?:{words_regex(w.called_words)})\W*$", text[first:start], re.I):
        return True  # (a name of it, not a dose: "It may be called paracetamol outside the U.S.")
    # ("Do not take any opioid, such as tramadol"; "Do not have a live vaccine, such as MMR": three words between)
    return against_its_group(w, text, start, reach=3)
