"""A note typed for one patient in a language the note rules have no words for (H164): a note, its handout and where it
was typed in; findings out.

The note rules (H154-H163) read a note with the English, Spanish and French word lists: which medicine a dose is of,
how often, on which days, what is said against.  A note in Arabic, Russian, Chinese, Korean, Hindi, Persian,
Vietnamese, Haitian Creole or Tagalog, printed on that language's page for a patient who reads it, was read by none of
them: "تناول 45 ملغ عند النوم" (45 mg at bedtime, ten times LDN's dose) printed with exit 0.  What can be read in any
language is read here: an amount by its unit (the page's own unit labels, and mg, mL … as written everywhere) and a
count by the word the page's dose table itself counts in ("{n} كبسولة", "{n} капсулы", "{n} 粒"), each held to the
plan's amounts and counts.  Whose dose it is cannot be told, so any amount or count the plan does not give is refused,
with a way out (the other medicine's dose in English, Spanish or French).  Under a once-a-week plan, the page's own
words for every day ("كل يوم", as its dose table writes them; not its "every day except Monday", folic acid's) are
refused too, and so is any dose it gives, even the plan's own ("تناول 6 أقراص كل صباح": 6 tablets every morning): a
weekly medicine taken daily is the overdose that kills, and how often a dose is taken cannot be read.  Everything
else such a sentence says (how often, which days) is not read: a warning says so, so that whoever prints it reads it
against the plan.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .calendar_blocks import has_weekly
from .dosing import medications
from .errors import Code, Finding, Location
from .frequency import NOTE_LANGUAGES
from .model import Handout
from .planamounts import plan_amounts, plan_counts
from .reading import plain, sentences
from .textamounts import amounts_in
from .wordlists import load as load_wordlist
from .wordpatterns import LETTER_WORD, words_of

_NUMBER = r"\d+(?:[.,]\d+)?"


def note_foreign(note: str, h: Handout, where: Location, path: str) -> list[Finding]:
    """An error for each amount or count the plan does not give in a sentence no note word list reads (under a
    once-a-week plan, for its words for every day, or else any dose it gives), and one warning that such a sentence's
    other words were not read (module docstring)."""
    unread = [s for s in sentences(plain(note)) if not _read(s, h.lang)]
    if not unread:
        return []
    out: list[Finding] = []
    amounts, counts = plan_amounts(h), plan_counts(h)
    meds = [m for t in h.facts.tracks for m in medications(t)]
    counted = _count_pattern(tuple(sorted({m.product.form for m in meds})))
    language = _language(h.lang) if load_wordlist(h.lang) is None else "the note's language"
    weekly = has_weekly(meds)
    for s in unread:
        found = [(written, amount in amounts) for amount, written in amounts_in(s, h.lang).items()]
        if counted is not None:
            found += [(m.group(0), _value(m.group(0)) in counts) for m in counted.finditer(s)]
        daily = _every_day(s, h) if weekly else None
        if daily is not None:  # (a weekly medicine every day: its words, whatever else the sentence says, are refused)
            out.append(Finding(where, path, f"'{daily}' in the note, under a plan that gives a medicine once a week "
                               f"(expected it left out: in {language} a note's words are not read, so every day cannot "
                               "be told from a warning against it, and the page's own box already warns; give the "
                               "other medicine's days in English, Spanish or French)", code="H164"))
            continue
        if weekly and found:  # ("تناول 6 أقراص كل صباح": 6 tablets every morning, the plan's own count, every day)
            out.append(Finding(where, path, f"'{found[0][0]}' in the note, under a plan that gives a medicine once a "
                               f"week (expected the dose left to the table beside it, or the note in English, Spanish "
                               f"or French: in {language} a note's words are not read, so how often it says to take "
                               "the dose cannot be told)", code="H164"))
            continue
        out += [Finding(where, path, f"'{written}' in the note is not a dose the plan gives (expected the plan's doses "
                        f"only: in {language} a note is read for its amounts and counts alone, so another "
                        "medicine's dose cannot be told from this one's; give another medicine's dose in English, "
                        "Spanish or French)", code="H164") for written, given in found if not given]
    out.append(Finding(where, path, f"read for its amounts and counts only: the note checks read English, Spanish and "
                       f"French, not {language} (expected the note read against the plan before it is "
                       "printed: how often and on which days it says were not checked)", "warning", Code.NOTE_UNREAD))
    return out


def _every_day(sentence: str, h: Handout) -> str | None:
    """The page's words for every day or every other day in ``sentence`` ("كل يوم", "每天", "через день"), as its dose
    table writes them, outside its words for every day but some ("كل يوم ما عدا الاثنين": folic acid's); None if none."""
    from .localize import load_labels

    labels = load_labels(h.lang).values
    # (every other day too: 3 or 4 a week; the longest first, "مرة كل يومين" before its "كل يوم")
    every = sorted((t for t in (labels.get("day_every"), labels.get("every_other_day")) if t), key=len, reverse=True)
    but = labels.get("days_except")
    text = sentence
    if but and "{days}" in but:  # (the except form, its days anything short, masked: any word order)
        pattern = re.escape(but).replace(re.escape("{days}"), ".{1,40}?").replace(r"\ ", r"\s*")
        text = re.sub(pattern, lambda m: " " * len(m.group(0)), text, flags=re.I)
    found = [m for t in every if (m := re.search(re.escape(t).replace(r"\ ", r"\s*"), text, re.I))]
    return sentence[found[0].start():found[0].end()] if found else None


def _read(sentence: str, lang: str) -> bool:
    """Whether the note rules read ``sentence``: in Latin letters, on a page whose language has a word list, or with
    a word one of the note word lists knows ("Ibuprofen 400 mg if needed" on a Vietnamese page)."""
    if any(c.isalpha() and not unicodedata.name(c, "").startswith("LATIN") for c in sentence):
        return False  # (Arabic, Cyrillic, Chinese, Hangul, Devanagari …: no note word list's)
    if load_wordlist(lang) is not None:
        return True
    known = _known_words()
    return any(w.lower() in known for w in LETTER_WORD.findall(sentence))


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """The words a note word list reads a dose's sentence by: orders, dose words, what is counted, how often, joins,
    conditions, negations, days and times of the day (English, Spanish and French)."""
    out: set[str] = set()
    for lang in NOTE_LANGUAGES:
        w = load_wordlist(lang)
        if w is not None:
            out |= words_of((*w.dose_orders, *w.dose_words, *w.counted, *w.daily, *w.and_words, *w.condition_words,
                             *w.negations, *w.weekdays, *w.day_times, *w.limit_words))
    from .textamounts import UNIT_WORDS

    return frozenset(x for x in out if len(x) > 1 and x not in UNIT_WORDS and x not in {"mg", "ml", "mcg"})


@lru_cache(maxsize=16)
def _count_pattern(forms: tuple[str, ...]) -> re.Pattern[str] | None:
    """A count as any language's dose table writes one of ``forms`` ("{n} كبسولة", "{n} капсулы", "{n} viên": a note
    may be in another language than its page's); None where the plan counts nothing (a liquid is measured)."""
    from .langs import CATALOG_DIR
    from .localize import load_labels

    # (the number and the word after it: "3 viên" is counted as "{n} viên nang" is, and "3 капсулы" as "{n} капсулы")
    texts = {m.group(0) for lang in sorted(p.stem for p in CATALOG_DIR.glob("*.yaml"))
             for k, v in load_labels(lang).values.items() for f in forms
             if f != "liquid" and k.startswith(f"form_{f}_") and (m := re.match(r"\{n\}\s*[^\s\d]+", v))}
    if not texts:
        return None
    alts = sorted((re.escape(t).replace(re.escape("{n}"), _NUMBER).replace(r"\ ", r"\s*") for t in texts),
                  key=len, reverse=True)  # (the longest first: "{n} كبسولات" before "{n} كبسولة")
    return re.compile(rf"(?<![\d.,])(?:{'|'.join(alts)})(?![^\W\d_])", re.I)


def _value(written: str) -> float:
    """The number a count is written with ("3 كبسولات", "٣ كبسولات": 3)."""
    m = re.search(_NUMBER, written)
    return round(float(m.group(0).replace(",", ".")), 6) if m else float("nan")


def _language(lang: str) -> str:
    """The page's language by its English name ("Arabic"), or its tag."""
    from babel import Locale

    try:
        return Locale.parse(lang.replace("-", "_")).get_language_name("en") or lang
    except (ValueError, LookupError):
        return lang
