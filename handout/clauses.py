"""Where a plain sentence's parts are: its clauses, the clause that says a dose was missed, the list a field
is an item of, and a sentence that only repeats the dose before it.  A sentence in, spans or a match out, for
the checks that read dose text (H153 ``textamounts``, H154 ``frequency``, H155 ``howoften``) and for
``warning``, which reads what a clause warns against.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from .wordlists import WordList
from . import recache
from .wordpatterns import alternation, stems, words_pattern, words_regex

APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})
# Clause breaks within a sentence: a negation or an exception belongs to its own clause.  (Not
# brackets: "Never take 6 tablets (3,000 mg) at once" says "never" of the amount in them too.)
_CLAUSE = re.compile(r"[;:,—–]|\s-\s")
# A sentence's parts, each with its own order: its clauses without the commas ("Taking it every day, even by
# mistake, can kill" is one part).
PARTS = re.compile(r"[;:—–]|\s-\s")


# The breaks of the sentence last asked about, per pattern: (text, their starts, their ends).  Every
# warning in a sentence asks again (a 10 KB sentence of 343 warnings spent 0.2 s finding its breaks
# again from its start: a review).  One tuple per pattern, swapped whole: safe in the web page's threads.
_BREAKS: dict[re.Pattern[str], tuple[str, list[int], list[int]]] = {}


def clause(text: str, at: int, breaks: re.Pattern[str] = _CLAUSE) -> tuple[int, int]:
    """(start, end) of the clause of ``text`` that holds position ``at`` (between ``breaks``): from the
    end of the last break ending at or before it to the start of the first break starting at or after it."""
    known = _BREAKS.get(breaks)
    if known is None or (known[0] is not text and known[0] != text):  # (against() gets a copy each time)
        found = [m.span() for m in breaks.finditer(text)]
        known = _BREAKS[breaks] = (text, [a for a, _ in found], [b for _, b in found])
    _, starts, ends = known
    k = bisect.bisect_right(ends, at)
    j = bisect.bisect_left(starts, at)
    return (ends[k - 1] if k else 0), (starts[j] if j < len(starts) else len(text))


def missed_clause(words: WordList, text: str) -> tuple[int, int] | None:
    """Where one plain sentence says a dose was missed or lost: a condition word's clause with a word of missing
    the dose or of losing it ("If you miss Monday", "If your child vomits within 1 hour"), or a first clause
    saying it was missed ("You missed Monday"); None if none does.  What that clause names (a day, a time) is
    the missed dose's, not another dose; the rest of the sentence is read as any other (a review: "If you
    forget, take 1 capsule at bedtime and in the morning" is two doses a day)."""
    lost = (*words.missed_words, *words.lost_words)
    if words.condition_words and lost:
        said = words_pattern(lost, True)
        for cond in words_pattern(words.condition_words, True).finditer(text):
            _, end = clause(text, cond.start())
            if said.search(text, cond.end(), end):
                return cond.start(), end
    if words.missed_past:
        nouns = {w.lower() for w in (*words.dose_nouns, *words.counted)}
        for m in words_pattern(words.missed_past, True).finditer(text):
            start, end = clause(text, m.start())
            after = _WORD.match(text, len(text) - len(text[m.end():].lstrip()))
            if text[start:m.start()].strip() and after is not None and \
                    after.group(0).lower().rstrip("s") in {n.rstrip("s") for n in nouns}:
                continue  # (a dose named inside an order, not its lead: "Take the missed dose today and your usual
                # dose tomorrow" orders two doses a day apart; a review: read whole as the missed dose's clause)
            if start == 0:  # (its lead: "You missed Monday: …"; not "…, even if you missed a dose")
                return 0, end
            break
    return None


def list_of(path: str) -> str:
    """The list a field is an item of, for a sentence that repeats the dose of the item before it: a
    section's paragraphs and bullets are one ("sections[2]"), the key points another; a field that is
    no list's item is its own ("serious_action", "faq[1].q": a question does not go on the answer
    before it)."""
    if not path.endswith("]"):
        return path
    head = path[:path.rindex("[")]
    return head.removesuffix(".body").removesuffix(".bullets")


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def repeat(words: WordList, text: str, how_often: re.Pattern[str] | None = None) -> re.Match[str] | None:
    """The first of the word list's ``repeat_words`` in one plain sentence that says only that a dose is taken
    again, how often and when ("Repeat every morning", "Then do the same twice a day", "May repeat every 6
    hours as needed for pain", "Repita cada mañana antes del desayuno"); with none, the first of
    ``how_often``'s words where they are all it says ("Every 2 hours.", "How often: every 2 hours", "Luego
    cada 12 horas": a dose's line, then its frequency's, as medicine lists write them); else None.

    Besides them (all of them: "Then do this"), the sentence holds only ``how_often``'s words, the word
    list's ``repeat_fillers`` ("it", "may", "you") and phrases a ``repeat_preps`` opens, up to six words
    that are no order's verb, to a punctuation mark ("before breakfast", "for 4 weeks", "if you still have
    pain", "with a glass" "of water").  So a repeat with an object of its own ("Repeat the mouth rinse every
    morning"), beside another order ("Then walk every morning", "Again, drink water", "Continue with your
    exercises") or negated ("Never repeat it every day") is none."""
    if not words.repeat_words:
        return None
    text = text.translate(APOSTROPHES)
    said = list(words_pattern(words.repeat_words, True).finditer(text))
    often = how_often.search(text) if how_often is not None else None
    if not said and often is None:
        return None
    phrases, fillers, with_what = _repeat_rest(words.repeat_preps, words.repeat_fillers, words.with_words,
                                               words.action_verbs, words.repeat_clauses)
    if not said and often is not None:  # how often alone opens the sentence, after fillers and phrases only
        # ("How often: every 2 hours", "If needed, every 2 hours", "Up to 8 times a day"; "30 minutes of walking
        # every morning helps" says more)
        lead = text[:often.start()]
        rest_of_lead = phrases.sub(" ", lead) if phrases is not None else lead
        if re.search(r"\d", rest_of_lead) or not all(w.lower() in fillers for w in _WORD.findall(rest_of_lead)):
            return None
    if with_what is not None and any(with_what.match(text, m.end()) for m in said):
        return None  # what goes on with something else: "Continue with the exercises", "Continúe con los ejercicios"
    rest = _without(text, said)
    if how_often is not None:
        rest = how_often.sub(" ", rest)
    if phrases is not None:
        rest = phrases.sub(" ", rest)
    return (said[0] if said else often) if all(w.lower() in fillers for w in _WORD.findall(rest)) else None


def _without(text: str, spans: list[re.Match[str]]) -> str:
    """``text`` with each of ``spans`` (in order, apart) a space."""
    out, at = [], 0
    for m in spans:
        out += [text[at:m.start()], " "]
        at = m.end()
    return "".join([*out, text[at:]])


@cache
def _repeat_rest(preps: tuple[str, ...], fillers: tuple[str, ...], with_words: tuple[str, ...], verbs: tuple[str, ...],
                 clauses: tuple[str, ...] = ()) -> tuple[re.Pattern[str] | None, frozenset[str], re.Pattern[str] | None]:
    """What ``repeat`` passes over besides how often: a phrase a ``repeat_preps`` word opens, up to six words,
    each no order's verb and no other phrase's opening, to a punctuation mark ("before breakfast", "as needed
    for pain", "with a glass" "of water"; not "rinse" in "before breakfast rinse your mouth"); a clause a
    ``repeat_clauses`` word opens, up to eight words, verbs too, to a punctuation mark ("until your doctor
    tells you to stop": when the repeats end, no order of its own); and the fillers; and a ``with_words``
    right after a repeat word (once per word list)."""
    phrases = None
    if preps or clauses:
        stop = stems((*verbs, *preps))
        word = rf"(?!(?:{stop})(?![\w'’-]))(?:\d+|{_WORD.pattern})"
        # (a clause first: "until" opens one before it opens a phrase)
        alts = [rf"(?:{words_regex(clauses)})(?:[ \t]+(?:\d+|{_WORD.pattern})){{0,8}}"] * bool(clauses)
        alts += [rf"(?:{words_regex(preps)})(?:[ \t]+{word}){{0,6}}"] * bool(preps)  # (0: "antes" "del desayuno")
        phrases = recache.pattern("|".join(f"(?:{a})" for a in alts), re.I)  # (the word list's words only: kept)
    with_what = recache.pattern(rf"\s+(?:{words_regex(with_words)})", re.I) if with_words else None
    return phrases, frozenset(w.lower() for w in fillers), with_what


def outside_while(words: WordList, text: str) -> str:
    """``text`` without its clauses of circumstance (from "while" to the clause's end): "Drink water every
    day while you take methotrexate" says nothing of how often a dose is taken; nor what a dose word takes
    that is no dose (``not_doses``: "Take your temperature every 2 hours", "Tome agua 8 veces al día")."""
    if words.not_doses:
        text = taken_not_doses(words.dose_words, words.not_doses).sub(" ", text)
    if not words.while_words:
        return text
    for m in reversed(list(words_pattern(words.while_words, True).finditer(text))):
        _, end = clause(text, m.start())
        text = text[:m.start()] + text[end:]
    return text


@cache
def taken_not_doses(dose_words: tuple[str, ...], not_doses: tuple[str, ...]) -> re.Pattern[str]:
    return recache.pattern(rf"{words_regex(dose_words, True)}\s+(?:{alternation(not_doses)})(?![\w'-])", re.I)
