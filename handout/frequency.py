"""How often the handout's words say to take a dose, against a once-a-week plan: a handout in,
warnings (H154) out.

The dose table and the calendar are made from the facts; the sentences around them are free
text.  Weekly methotrexate taken every day has killed patients (ISMP's list of high-alert
errors; the FDA label's boxed warning): a patient reads "Take your tablets every morning" above a
table that says Monday only, and follows the sentence.  H153 holds the text's amounts to the
plan; nothing held its frequency.

So where the plan gives a medicine once a week, each sentence of the handout's words (in a
language whose word list has ``daily``) that says a dose is taken every day ("every day",
"daily", "once-daily", "each morning", "a tablet a day", "every 12 hours") is warned of, unless it

* names another medicine of the plan, one not taken once a week ("folic acid every day"), and not
  the weekly one ("methotrexate and folic acid every morning" is warned of), or
* is a warning against it (``against``): a negation before it in its clause that governs the dose
  ("Never take it every day", "once a week, not daily"; not undone: "Do not forget to take it every
  morning" is an order; no ceiling: "Do not take more than 6 tablets every day" limits a daily
  dose; its reach ends at "but"), or a word of harm not taken back, in a part of the sentence with
  no instruction ("Taking it every day by mistake has killed people").  A negation elsewhere in
  the sentence is none ("Take 1 tablet every morning, not at night"), and an exception clears
  nothing ("every day except Monday" is six doses a week of the weekly medicine).

A sentence about a dose is one with a word of ``dose_words`` ("take", "Prenez-le"), a word the
patient counts out (``counted``: "tablet"), an amount with its unit ("15 mg daily") or the weekly
medicine's name; "Drink water every day" is not one.  A warning, not an error: only the author can
tell which medicine a sentence means (an error with ``--strict``, as H153's are).  A note typed for
one patient and printed on their page is held to it as an error (``note_problems``, from
``personal.check``), as its ISMP rules are.  A language without the words is not judged, and a
check says so (a note).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .dosing import medications, once_a_week
from .errors import Finding, Location
from .model import Handout, text_fields
from .plain import imperative, raw_sentences
from .reading import plain, sentences
from .wordlists import WordList, words_pattern, words_regex
from .wordlists import load as load_wordlist

# An amount with its unit is a dose in any language ("15 mg daily": the prescribing error that kills).
_AMOUNT = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|ml|g)(?!\w)", re.I)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})
# Clause breaks within a sentence: a negation or an exception belongs to its own clause.  (Not
# brackets: "Never take 6 tablets (3,000 mg) at once" says "never" of the amount in them too.)
_CLAUSE = re.compile(r"[;:,—–]|\s-\s")


def _clause(text: str, at: int, breaks: re.Pattern[str] = _CLAUSE) -> tuple[int, int]:
    """(start, end) of the clause of ``text`` that holds position ``at`` (between ``breaks``)."""
    start, end = 0, len(text)
    for m in breaks.finditer(text):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    return start, end


def against(words: WordList, text: str, start: int, end: int, exceptions: bool = True,
            names: re.Pattern[str] | None = None) -> bool:
    """Whether what ``text[start:end]`` says ("every day", "6 tablets at once") is a warning against
    it or its exception, not an instruction.  ``text`` is one plain sentence.  (Reviews: each of these
    was once a whole-sentence search, and "Do not forget to take it every morning", "Take it every
    day, except if you feel unwell", "You must take it every day to avoid harm" passed.)

    * a negation before it in its clause that governs the dose: a dose word, a counted word or what
      is said itself at most one word after it ("Never take", "no la tome", "not daily"; not "If you
      don't feel better take it every day"), not undone ("do not forget", "n'oubliez pas") and no
      ceiling ("Do not take more than 6 tablets every day" limits a daily dose);
    * an exception right after it that names a day ("except Monday", "except on your methotrexate
      day"; not "except if you feel unwell");
    * a word of harm, not taken back ("without harm", "to avoid harm", "no es peligroso"), in a
      part of the sentence (between ";", ":" or a dash) with no instruction in it (no leading verb, no
      "you must"; "Methotrexate is taken every morning; stopping it can be dangerous" is no warning).

    ``exceptions`` False: H154's "every day except Sunday" is six doses a week of the weekly medicine
    (a review); a sentence about the other medicine passes by naming it.  ``names``: the medicine's
    names, which a negation before a noun governs too ("No methotrexate every day")."""
    text = text.translate(_APOSTROPHES)
    first, last = _clause(text, start)
    if words.negations and _negated(words, text, first, start, names):
        return True
    if exceptions and words.exceptions and words.day_words:
        _, after = _clause(text, min(last + 1, len(text)))
        stop = max(last, after)
        days = words_pattern(words.day_words, True)
        for m in words_pattern(words.exceptions, True).finditer(text, end, stop):
            if any(_words_between(text, m.end(), d.start()) <= 4 for d in days.finditer(text, m.end(), stop)):
                return True
    a, b = _part(text, start)
    part = text[a:b]
    if not words.harm_words or imperative(words, part) or (
            words.modals and words_pattern(words.modals, True).search(part)):
        return False
    undone = words_pattern(words.harm_undone, True) if words.harm_undone else None
    return any(undone is None or not _near(part, undone, [h.start()])
               for h in words_pattern(words.harm_words, True).finditer(part))


_PART = re.compile(r"[;:—–]|\s-\s")


def _part(text: str, at: int) -> tuple[int, int]:
    """(start, end) of the part of the sentence holding ``at``: between ";", ":" or a dash (not commas:
    "Taking it every day, even by mistake, can kill" is one part)."""
    return _clause(text, at, _PART)


_MOST_NEGATIONS = 20  # negations judged before one daily phrase (a review: 220 "no"s in a 13 KB note took 41 s)
_NEAR = 80  # characters after a negation that may hold what it governs (a word or two on)


def _negated(words: WordList, text: str, first: int, start: int, names: re.Pattern[str] | None = None) -> bool:
    """A negation in ``text[first:start]`` governing what starts at ``start`` (``against``)."""
    undo = words_pattern(words.undo_negation, True) if words.undo_negation else None
    limit = words_pattern(words.limit_words, True) if words.limit_words else None
    governed = words_pattern((*words.dose_words, *words.counted), True)
    nouns = words_pattern((*words.counted, *words.dose_nouns), True)
    before_nouns = {w.lower() for w in words.negation_nouns}
    verbs = words_pattern(words.dose_words, True) if words.dose_words else None
    joins = words_pattern(words.order_joins, True) if words.order_joins else None
    # A dose word that is a verb only ("dose" is a noun too), and "be" right before it: "No tablet or dose
    # should be taken every day" gives no order
    only_verbs = tuple(w for w in words.dose_words if w not in words.dose_nouns)
    orders = words_pattern(only_verbs, True) if only_verbs else None
    passive = re.compile(f"(?:{words_regex(words.passive_be)})\\s+$", re.I) if words.passive_be else None
    w_contrast = words_pattern(words.contrast_words, True) if words.contrast_words else None
    end = _clause(text, start)[1]
    for k, m in enumerate(words_pattern(words.negations, True).finditer(text, first, start)):
        if k == _MOST_NEGATIONS:
            return False  # (said, not judged one by one: a warning)
        ahead = text[m.end():start]
        near = min(start, m.end() + _NEAR)  # (what a negation governs is a word or two on: linear, not quadratic)
        if m.group().lower() in before_nouns:  # "no tablets", "no methotrexate", "no taking it": never a verb's order
            nxt = _right_after(text, m.end(), near, nouns, 1) or _right_after(text, m.end(), near, names, 1) or \
                _right_after(text, m.end(), near, governed, 0)
            if not (_words_between(text, m.end(), start) == 0 or nxt):
                continue  # "Even if you have no pain take 1 tablet every morning" is an order (a review)
            if nxt and orders is not None and any(not (passive is not None and passive.search(text, max(0, v.start() - 12),
                                                                                              v.start()))
                                                  for v in orders.finditer(text, nxt.end(), start)):
                continue  # "People with no methotrexate side effects can take it every day": an order after it
        else:
            nxt = governed.search(text, m.end(), near)
            if nxt and joins is not None and joins.search(text, m.end(), nxt.start()):
                nxt = None  # "Ne les coupez pas et prenez 1 comprimé": "et" stands between (a review)
            if not (_words_between(text, m.end(), start) <= 1 or (nxt and _words_between(text, m.end(), nxt.start()) <= 1)):
                continue  # "If you don't feel better take it": the negation is of something else
        if nxt and verbs is not None and joins is not None and _second_order(text, nxt, start, end, verbs, joins):
            continue  # "Do not chew the tablets and take them every morning": a second order (a review)
        if undo is not None and (u := undo.search(ahead)) and len(ahead[:u.start()].split()) <= 1:
            continue  # "do not forget to take it every morning" is an order
        if undo is not None and any(u.end() <= m.start() and not text[u.end():m.start()].split()
                                    for u in undo.finditer(text, first, m.start())):
            continue  # "N'oubliez pas de prendre", "N'hésitez pas à prendre": the verb stands before "pas"
        if limit is not None and limit.search(ahead):
            continue  # "not more than 6 tablets every day": a ceiling on a daily dose
        if w_contrast is not None and w_contrast.search(ahead):
            continue  # "Do not take it at bedtime but every morning": the negation ends at "but"
        return True
    return False


def _second_order(text: str, governed: re.Match[str], start: int, end: int, verbs: re.Pattern[str],
                  joins: re.Pattern[str]) -> bool:
    """Whether a dose verb joined on by "and" after what a negation governs ("and take them", "y
    tómelo", "et avalez-les", "and remember to take it", "and each morning take 1 tablet": before
    the clause's ``end``) gives an order of its own, out of the negation's reach: the negation
    governed a thing ("Do not crush tablets and take them"), or its verb had words of its own before
    "and" ("Do not take it with food and take it every morning", "No lo tome con leche y tómelo").
    Verbs joined straight on stay negated ("Never take and give it"), and so does all an "or" joins
    ("Never take or give it", "Do not take a double dose or take it every day": not in the word
    list's ``order_joins``)."""
    for j in joins.finditer(text, governed.end(), start):
        v = verbs.search(text, j.end(), min(end, j.end() + _NEAR))
        if v and _words_between(text, j.end(), v.start()) <= 3 and (
                not verbs.fullmatch(governed.group()) or _words_between(text, governed.end(), j.start()) > 0):
            return True
    return False


def _right_after(text: str, at: int, stop: int, pattern: re.Pattern[str] | None, most: int) -> re.Match[str] | None:
    """``pattern``'s match at most ``most`` words after ``at`` (and before ``stop``), if any."""
    found = pattern.search(text, at, stop) if pattern is not None else None
    return found if found is not None and _words_between(text, at, found.start()) <= most else None


def _names(h: Handout) -> tuple[list[str], list[str]]:
    """(names of the medicines taken once a week, names of the others), as this language writes them."""
    weekly: list[str] = []
    other: list[str] = []
    for track in h.facts.tracks:
        for med in medications(track):
            said = ([h.text.short_name, *([h.source.short_name] if h.source is not None else [])] if med.name is None
                    else [med.name, h.text.drug_names.get(med.name, med.name)])
            (weekly if any(once_a_week(s) for s in med.steps) else other).extend(n for n in said if n)
    return weekly, [n for n in other if n not in weekly]


_MOST_PER_SENTENCE = 20  # daily words judged in one sentence (a review: a 90 KB sentence took 40 s)


@dataclass(frozen=True)
class _Rule:
    """The patterns one handout's sentences are read with (from its word list and its plan's names)."""

    words: WordList
    weekly: str  # the weekly medicine, as the message names it
    daily: re.Pattern[str]
    dose: re.Pattern[str]
    named: re.Pattern[str]
    others: re.Pattern[str] | None

    def said(self, text: str) -> str | None:
        """The words saying "every day" in one plain sentence about a weekly dose; None if it is not one."""
        text = text.translate(_APOSTROPHES)
        # (not in a clause of circumstance: "Drink water every day while you take methotrexate")
        doses = self._outside_while(text)
        if not (self.dose.search(doses) or _AMOUNT.search(doses) or self.named.search(doses)):
            return None
        for k, m in enumerate(self.daily.finditer(text)):
            if k == _MOST_PER_SENTENCE:
                return m.group(0)  # (a sentence of hundreds of them: said, not judged one by one for minutes)
            if _weekly_or_less(m.group(0)):
                continue
            if against(self.words, text, m.start(), m.end(), exceptions=False, names=self.named):
                continue
            if self.others is not None and not self._weekly_taken(text) and self._of_other(text):
                return None  # about the plan's other medicine ("folic acid every morning"), not with the weekly one
            return m.group(0)
        return None

    def _outside_while(self, text: str) -> str:
        """``text`` without its clauses of circumstance (from "while" to the clause's end)."""
        if not self.words.while_words:
            return text
        for m in reversed(list(words_pattern(self.words.while_words, True).finditer(text))):
            _, end = _clause(text, m.start())
            text = text[:m.start()] + text[end:]
        return text

    def _weekly_taken(self, text: str) -> bool:
        """The weekly medicine named in a clause that neither forbids it nor names its day ("Take folic acid
        every day, but never on the day you take methotrexate", "...; methotrexate only on Monday")."""
        w = self.words
        days = words_pattern(w.day_words, True) if w.day_words else None
        negation = words_pattern(w.negations, True) if w.negations else None
        # (the daily words' own "day" names no day: "Take methotrexate and folic acid every day" passed)
        blank = self.daily.sub(lambda d: " " * len(d.group(0)), text)
        for m in self.named.finditer(text):
            first, last = _clause(text, m.start())
            if not ((days is not None and days.search(blank, first, last))
                    or (negation is not None and negation.search(text, first, last))):
                return True
        return False

    def _of_other(self, text: str) -> bool:
        """Whether the sentence's dose is the plan's other medicine: named, and not beside the weekly one
        by a pronoun or an accompaniment ("Take it with your folic acid every morning", "Tómelo con el
        ácido fólico"), nor with what is counted out away from its name ("Take your tablets and folic
        acid": the tablets are the weekly ones; "1 folic acid tablet", "1 tablet of folic acid" are not)."""
        assert self.others is not None
        names = [(n.start(), n.end()) for n in self.others.finditer(text)]
        if not names:
            return False
        w = self.words
        negation = words_pattern(w.negations, True) if w.negations else None
        for it in words_pattern(w.it_doses, True).finditer(text) if w.it_doses else ():
            first, last = _clause(text, it.start())
            if negation is None or not negation.search(text, first, last):
                return False  # ("Take your folic acid every day, and do not take it on Monday": its own clause)
        if w.with_words and _near(text, words_pattern(w.with_words, True), [a for a, _ in names]):
            return False
        links = {x.lower() for x in (*w.and_words, *w.with_words)}
        # What is counted out, a dose, an amount: each tied to the other medicine's name ("1 folic acid
        # tablet"), or it is the weekly one's ("Take your dose and folic acid every morning": a review)
        counted = (*w.counted, *w.dose_nouns)
        starts, ends = [a for a, _ in names], [b for _, b in names]
        found = [*(words_pattern(counted, True).finditer(text) if counted else ()), *_AMOUNT.finditer(text)]
        for c in found:
            # Only the nearest name after it and before it can be tied (two words at most): linear, not
            # every name against every count (a 14 KB note took 7 s, cubic)
            i, j = bisect.bisect_left(starts, c.end()), bisect.bisect_right(ends, c.start()) - 1
            if not ((i < len(starts) and _tied(text, c.end(), starts[i], links))
                    or (j >= 0 and _tied(text, ends[j], c.start(), links))):
                return False
        return True

    def message(self, said: str, where: str) -> str:
        return (f"'{said}' in {where}, where the plan gives {self.weekly} once a week (expected the plan's day, the "
                "other medicine named, or a warning against it: taken every day, a weekly dose is at least 7 times "
                "too much)")


_WEEK = re.compile(r"week|semana|semaine", re.I)
_DAYS = re.compile(r"day|d[ií]a|jour", re.I)
_HOURS = re.compile(r"(?<![a-z])(?:h|hrs?|hours?|horas?|heures?)(?![a-z])", re.I)


def _weekly_or_less(said: str) -> bool:
    """A "#" phrase whose number gives a dose once a week or less often: "1 fois par semaine", "every 7 days",
    "cada 14 días", "every 168 hours" (a review: the French weekly instruction itself was refused)."""
    numbers = [int(n) for n in re.findall(r"\d+", said)]
    if not numbers:
        return False
    if _WEEK.search(said):
        return max(numbers) <= 1
    if said[:1].isdigit():
        return False  # "7 jours sur 7", "7 days a week": every day
    if _DAYS.search(said):
        return min(numbers) >= 7  # "every 7 days", "cada 7 días", "tous les 7 jours"
    if _HOURS.search(said):
        return min(numbers) >= 168
    return False


def _words_between(text: str, a: int, b: int) -> int:
    """How many words stand between positions a and b (a large number when b comes before a)."""
    return len(text[a:b].split()) if a <= b else 10**6


def _tied(text: str, a: int, b: int, links: set[str]) -> bool:
    """What is counted and a name are one thing: at most two words between them, none of them "and" or
    "with" and no comma ("1 folic acid tablet", "1 tablet of folic acid"; not "tablets and folic acid")."""
    between = text[a:b].split() if a <= b else None
    return between is not None and len(between) <= 2 and "," not in text[a:b] and not links & {
        x.lower().strip(".;:") for x in between}


def _near(text: str, pattern: re.Pattern[str], ats: list[int]) -> bool:
    """A word of ``pattern`` ends at most two words before one of the positions ``ats`` ("with your folic
    acid"): only the last one before each position can (one pass over the text)."""
    ends = [m.end() for m in pattern.finditer(text)]
    for at in ats:
        k = bisect.bisect_right(ends, at) - 1
        if k >= 0 and _words_between(text, ends[k], at) <= 2:
            return True
    return False


def _weekly(h: Handout) -> tuple[list[str], list[str]] | None:
    weekly, other = _names(h)
    return (weekly, other) if weekly else None


# A note is typed at the desk in whatever language the clinician writes, whatever the handout's (a
# review: "Take 6 tablets every morning" on a Spanish page, or any note on an Arabic one, passed).
NOTE_LANGUAGES = ("en", "es", "fr")


def _rule(h: Handout, lang: str | None = None) -> _Rule | None:
    """None where nothing is held to it: no weekly medicine, or no words to read the language with
    (``lang``: another language's words than the handout's, for a note)."""
    words = load_wordlist(lang or h.lang)
    named = _weekly(h)
    if named is None or words is None or not words.daily:
        return None
    weekly, other = named
    # The medicines' names are the handout's words: compiled as Python compiles them (re's own cache),
    # never kept on disk by recache as the word lists' patterns are (a review).
    return _Rule(words, weekly[0], words_pattern(words.daily, True),
                 re.compile(f"{words_pattern((*words.dose_words, *words.counted), True).pattern}|"
                            f"{words_regex(tuple(weekly))}", re.I),
                 re.compile(words_regex(tuple(weekly)), re.I),
                 re.compile(words_regex(tuple(other)), re.I) if other else None)


def check_frequency(h: Handout) -> list[Finding]:
    """A warning for each sentence that says to take a dose every day, in a handout whose plan gives
    a medicine once a week (module docstring)."""
    rule = _rule(h)
    if rule is None:
        words = load_wordlist(h.lang)
        if _weekly(h) is not None and (words is None or not words.daily):
            # The translations least likely to be read by someone who knows the plan (a review): said, not skipped
            return [Finding(h.text.loc, "", f"H154 (a dose every day, where the plan gives a medicine once a week) "
                            f"is not judged for '{h.lang}': no word list gives its words for it (a reader who knows "
                            f"the plan should check that the words never say a daily dose; the list would be "
                            f"handout/wordlists/{h.lang.split('-')[0]}.yaml: daily, dose_words)", severity="note", code="H154")]
        return []
    out: list[Finding] = []
    # A question the answer refuses ("Can I take it every day?" - "No. ..."): the answer is the warning
    refused = {f"faq[{i}].q" for i, q in enumerate(h.text.faq) if _refuses(rule.words, plain(q.a))}
    for path, raw, where in text_fields(h.text):
        if rule.daily.search(plain(raw)) is None:
            continue
        for sentence in raw_sentences(raw):
            if path in refused and plain(sentence).rstrip().endswith(("?", "؟", "？")):
                continue
            said = rule.said(plain(sentence))
            if said is not None:
                out.append(Finding(where, path, rule.message(said, "a sentence about a dose"), severity="warning",
                                   code="H154"))
    return out


def _refuses(words: WordList, answer: str) -> bool:
    """An answer that opens with a negation standing alone ("No.", "Never:", "Non,"; not "No problem")."""
    m = re.match(r"\s*[¡¿]?(\w+)\s*[.,;:!]", answer.translate(_APOSTROPHES))  # "No." - not "No problem."
    return m is not None and bool(words.negations) and bool(words_pattern(words.negations, True).fullmatch(m.group(1)))


def note_problems(note: str, h: Handout, where: Location, path: str) -> list[Finding]:
    """The rule for a note typed for one patient and printed on their page, as errors: the clinician is
    there to say it again ("Take your tablets every morning" under a Monday-only plan).  Its words
    are read, never remembered (``memory``: a patient's details are no key or value there)."""
    rules = [r for lang in dict.fromkeys((h.lang, *NOTE_LANGUAGES)) if (r := _rule(h, lang)) is not None]
    # (bold markers are printed as typed in a note, and hid "every" from "day": a review)
    text = " ".join(note.replace("*", " ").replace("_", " ").split())
    out: list[Finding] = []
    for sentence in sentences(text):
        said = next((s for r in rules if (s := r.said(sentence)) is not None), None)
        if said is not None:
            out.append(Finding(where, path, rules[0].message(said, "the note"), code="H154"))
    letters = [ch for ch in text if ch.isalpha()]
    if rules and letters and sum(ch.isascii() or "\u00c0" <= ch <= "\u024f" for ch in letters) < len(letters) / 2:
        # A note in a script no shipped word list reads (an Arabic note on an Arabic page): said, not
        # passed in silence (a review) - a warning, as the note may say nothing of how often
        out.append(Finding(where, path, "not read for a daily dose: no word list reads its script, and the plan gives "
                           f"{rules[0].weekly} once a week (expected a check by whoever typed it that it never says "
                           "to take it every day)", severity="warning", code="H154"))
    return out
