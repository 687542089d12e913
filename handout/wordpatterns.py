"""The regular expressions made of a word list's words and phrases: words in, a pattern (or its text) out.

Shared by the word lists' own patterns (``wordlists``) and by every check that reads a language with
them (``plain``, ``howoften``, ``frequency``, ``textamounts``, ``warning`` …).  Matching ignores case and
takes whole words only; a word matches with a plural ``s`` / ``es`` too; a "#" in a phrase stands for a
number.  A pattern joined from a word list is the same in every process, so ``recache`` keeps it on disk
(``recache.pattern``); never one joined from a handout's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]

from . import recache
from .memory import MEMORY

# "#" in a phrase: a number or a range ("every # hours": "every 4-6 hours", "every 4 to 6 hours"), of one to
# three digits and not part of a phone number, a date or a time ("Call 555-0100 a day before": a review)
NUMBER_MARK = r"(?<![\d/.,:-])(?<!\d\s)\d{1,3}(?:\s*(?:[-–]|(?:to|or|a|à|o|ou)(?!\w))\s*\d{1,3})?(?![\d/.,:])"
# ... and in a list of days or at its sentence's end, a full stop or a comma after it (never a decimal "1.5" or a
# grouped "1,000"): NUMBER_MARK left "Take 6 tablets D1-D3." and "on days 1, 2 and 3" unread (a review).  Only for
# phrases that refuse more where they match (H154's courses of days), never for those that excuse.
# Its range may be written "1 thru 3", "1 until 3", "1→3", "del 1 hasta el 3" too, and a colon may follow it where no
# minutes do ("Days 1-3: take 6 tablets", "D1-D3: …"; not "8:00"): each printed under a weekly plan (a review).
RANGE_WORDS = r"(?:[-–→]|->|(?<!\w)(?:to|a|à|al|au|thru|through|till|til|until|up\s+to|hasta(?:\s+el)?)(?!\w))"
RANGE_OR_CHOICE = rf"(?:{RANGE_WORDS}|(?<!\w)(?:or|o|ou)(?!\w))"  # ("days 1 or 2": a phrase's "#" as ever)
ARTICLES = frozenset({"the", "a", "an", "el", "la", "los", "las", "un", "una", "le", "les", "une", "l", "du", "del", "al", "au"})
POSSESSIVES = frozenset({"your", "his", "her", "their", "su", "sus", "son", "sa", "ses", "votre", "vos", "leur"})
_WORD = re.compile(r"[\w'’-]+")
# A word of a note, as the note rules read one: a letter first, then letters, digits, apostrophes and hyphens
# ("Prenez-en", "child's"; not "2" nor "2nd")
LETTER_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ESCAPED = {chr(o): e for o, e in re._special_chars_map.items()}  # type: ignore[attr-defined]  # (re.escape's, a character at a time)


@cache
def words_of(phrases: tuple[str, ...]) -> frozenset[str]:
    """The words of a word list's phrases, lower case, once per list."""
    return frozenset(x for p in phrases for x in _WORD.findall(p.lower()))


LISTED_NUMBER = rf"(?<![\d/.,:-])(?<!\d\s)\d{{1,3}}(?:\s*{RANGE_OR_CHOICE}\s*\d{{1,3}})?(?![\d/]|[.,:]\d)"


def alternation(words: tuple[str, ...], number: str = NUMBER_MARK) -> str:
    """Whole-word alternation of phrases (longest first; spaces match any run of spaces; a "#" stands for
    a number (``number``), glued to its neighbour or not: "every #h" is "every 12h" and "every 12 h").
    Without a "#", as a tree of the phrases' letters (``trie``): the same matches, several times faster."""
    # (sorted as they are matched: spaces are any run of them, so "a " is the one-letter "a", shorter than "a#")
    parts = sorted({" ".join(w.lower().split()) for w in words}, key=recache.longest_first)
    numbered = [w for w in parts if "#" in w]
    plain = [w for w in parts if "#" not in w]
    if not numbered:
        return trie(plain, r"\s+")
    if plain and number in (NUMBER_MARK, LISTED_NUMBER) and not any(c.isdigit() for w in plain for c in w):
        # A phrase with a number first, then the others' tree: where one of each matches, the one without a digit
        # ends before the number (its characters are the other's first ones), so it is the shorter, tried after
        return _in_turn(numbered, number) + "|" + trie(plain, r"\s+")
    return _in_turn(parts, number)


def _in_turn(parts: list[str], number: str) -> str:
    """The phrases as an alternation, in their order: a "#" a number, spaces any run of them."""
    return "|".join(r"\s+".join(re.escape(p).replace(r"\#", number + r"\s*") for p in w.split()) for w in parts)


def trie(phrases: Iterable[str], space: str | None = None) -> str:
    """A pattern's text for any of ``phrases`` (literal text; with ``space``, the pattern a run of spaces between
    their words matches), the longest first at each place: the phrases' alternation, longest first, written as a
    tree of their characters, "every day|every dose|each day" as "e(?:ach\\ day|very\\ d(?:ay|ose))".

    Why: ``re`` tries an alternation's branches one after another at every place of the text, so a quick look of 90
    phrases searched a handout's fields in 0.36 ms; as a tree, one branch a character, 0.07 ms.  The same matches:
    the phrases that match at one place are each the start of the next (their characters are the text's), so the
    tree tries them longest first, as the alternation does, and falls back to the shorter ones in the same order
    when what follows the pattern fails.  That holds where a character matches only itself (or, with IGNORECASE, its
    own case): where two characters of the phrases are one under IGNORECASE's extra rules ("µ" and "μ", "s" and
    "ſ"), the alternation is written as it was.  Branches are sorted: the text is the same in every process
    (``recache`` keeps it)."""
    parts = sorted({" ".join(p.split()) if space else p for p in phrases}, key=recache.longest_first)
    if _twins({c for p in parts for c in p}):
        return "|".join((space or " ").join(re.escape(w) for w in p.split()) if space else re.escape(p) for p in parts)
    root: dict[str, dict] = {}
    for p in parts:  # (with ``space``, a phrase's words are one space apart now: the space is a character of it)
        node = root
        for c in p:
            node = node.setdefault(c, {})
        node[""] = {}  # (a phrase ends here)
    escaped = {" ": space} if space else {}

    def written(node: dict[str, dict]) -> str:
        branches = []
        for k in sorted(node):
            if not k:
                continue
            text, child = [escaped.get(k) or _ESCAPED.get(k, k)], node[k]
            while len(child) == 1 and "" not in child:  # (a run of characters with one way on: one branch)
                (k, child), = child.items()
                text.append(escaped.get(k) or _ESCAPED.get(k, k))
            branches.append("".join(text) + written(child))
        if not branches:
            return ""
        if "" in node:
            return f"(?:{'|'.join(branches)})?"  # (greedy: the longer phrase first)
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return written(root)


def _twins(chars: set[str]) -> bool:
    """Whether two of ``chars`` match one character under IGNORECASE: the same lower case ("K" and the Kelvin sign
    "K"), or one in the other's extra cases ("µ" and "μ"), or both in a third's; or one whose lower case is longer."""
    owner: dict[str, str] = {}
    for c in chars:
        low = c.lower()
        if len(low) != 1:
            return True
        for member in (low, *map(chr, _EXTRA_CASES.get(ord(low), ()))):
            if owner.setdefault(member, c) != c:
                return True
    return False


def words_regex(forms: tuple[str, ...], joined: bool = False, number: str = NUMBER_MARK) -> str:
    """Any of the words or phrases, whole (a plural s or es too; a trailing ``*`` matches longer
    forms: "tóme*" for "tómeselo"): the pattern's text, for re.I.  ``joined``: a hyphen does not part
    them from the word beside them ("once-daily", "Prenez-le").

    Remembered (``MEMORY.regex_texts``): the note rules wrote the same ~70 patterns' text again for every note
    (a note's checks took 9.6 ms, 8.3 with this).  Word lists' words and a plan's medicine names only, never a note's."""
    key = (tuple(forms), joined, number)
    hit = MEMORY.regex_texts.get(key)
    if hit is None:
        hit = MEMORY.regex_texts.put(key, _words_regex(*key))
    return hit


def _words_regex(forms: tuple[str, ...], joined: bool, number: str) -> str:
    whole = tuple(w for w in forms if not w.endswith("*") and w[:1].isalnum())
    marks = tuple(w for w in forms if not w.endswith("*") and not w[:1].isalnum())  # "/day": after any word
    stems = tuple(w[:-1] for w in forms if w.endswith("*"))
    edge = r"\w" if joined else r"[\w-]"
    alts = ([rf"(?<!{edge}){_first_letters(whole, number)}(?:{alternation(whole, number)})(?:e?s)?"] * bool(whole)
            + [rf"(?:{alternation(marks, number)})"] * bool(marks)
            + [rf"(?<!{edge}){_first_letters(stems)}(?:{alternation(stems)})\w*"] * bool(stems))
    return rf"(?:{'|'.join(alts) or '(?!)'})(?!{edge})"


@lru_cache(maxsize=64)
def ending_with(forms: tuple[str, ...], between: int) -> re.Pattern[str]:
    """Any of a word list's ``forms``, then up to ``between`` words, at the end of the text searched (re.I): what
    stands a few words before a place ("Do not take any Percocet": a negation; "Give him the rest": an order; "also
    take Tylenol": an addition).  Word lists' words only: kept for the process."""
    return re.compile(rf"(?:{words_regex(forms)})\W+(?:[\w'’-]+\W+){{0,{between}}}$", re.I)


def _first_letters(words: tuple[str, ...], number: str = NUMBER_MARK) -> str:
    """A look ahead at the letters the words begin with (for re.I), "" if one begins otherwise: a word start
    whose letter begins none is passed over without trying every word.  (A search of a 250-character text
    with no match: the repeat words 32 -> 22 µs, the daily words 83 -> 60 µs; the same matches.)  A digit, or a
    "#" whose number begins with one ("# doses on", "2 doses together"), is a first letter too."""
    firsts = {w[:1].lower() for w in words}
    if "#" in firsts and number in (NUMBER_MARK, LISTED_NUMBER):
        firsts = (firsts - {"#"}) | {"0"}  # (any digit: below)
    if not all(c.isalpha() or c.isdecimal() for c in firsts):
        return ""
    digits = any(c.isdecimal() for c in firsts)
    return "(?=[" + (r"\d" if digits else "") + "".join(re.escape(c) for c in sorted(firsts) if not c.isdecimal()) + "])"


def stems(words: tuple[str, ...]) -> str:
    """The words as alternatives, longest first; a word list's verb "tóme*" stands for its longer forms."""
    return "|".join(re.escape(v.rstrip("*")) + (r"\w*" if v.endswith("*") else "")
                    for v in sorted(set(words), key=recache.longest_first))


@cache
def how_often_pattern(forms: tuple[str, ...], counts: tuple[str, ...]) -> re.Pattern[str]:
    """``words_pattern`` of how-often phrases, a "#" in them a number in digits or one of ``counts`` (its words,
    a range too: "every 6 hours", "every six hours", "every four to six hours", "q4-6h"), in a group of its own:
    a match's one group that took part is its number ("avec un intervalle de # heures": "un" is no number).

    The phrases are grouped by what comes before their "#" ("every": "# hours", "#h", "# hrs"; none: "#
    times a day"), so the number's pattern is written once a group, and a look ahead at the letters they
    can begin with passes over the rest of the text at once (written once a phrase, a search of a
    handout's fields took 10 ms)."""
    spelled = alternation(counts) or "(?!)"
    # One number, or a range of two in digits, in words or both ("4-6", "four to six", "four-to-six", "4 to six")
    # (A number first in its phrase is no part of another: "4.5", "12/4", "555-0100"; after a phrase's first
    # words it is theirs: "q.4.h.")
    # (a point after it ends it only before a letter: "q.4.h."; "5.5" and "4,5" are one number)
    # (and a vulgar fraction after it: "every 2 ½ hours", "every 1½ hours")
    digits = r"\d{1,3}(?:[.,]\d{1,2}|\s?[½¼¾])?(?![\d/,:]|\.\d)"
    link = r"(?:\s*(?:[-–]|(?:to|or|a|à|o|ou)(?!\w))\s*|-(?:to|or|a|à|o|ou)-)"
    # ... a range's second end, and the number again in brackets, as labels write it ("eight (8)")
    second = (rf"(?:{link}(?:{digits}|(?:{spelled})(?![\w-])))?"
              rf"(?:\s*\((?:\d{{1,3}}|(?:{spelled}))\))?")
    number = rf"(?:{digits}|(?<![\w-])(?:{spelled})(?!\w)){second}"
    starts = "".join(sorted({re.escape(c[:1].lower()) for c in counts if c[:1].isalpha()}))
    first = (rf"(?=[\d{starts}])(?:(?<![\d/.,:-])(?<!\d\s){digits}|(?<![\w-])(?:{spelled})(?!\w)){second}")

    def fragment(text: str) -> str:  # spaces match any run of them (one at least), as alternation's
        return r"\s+".join(re.escape(w) for w in text.split(" "))

    groups: dict[str, list[str]] = {}
    plain: list[str] = []
    for form in sorted({f.lower() for f in forms}, key=recache.longest_first):
        if "#" in form:
            before, after = form.split("#", 1)
            groups.setdefault(before, []).append(after)
        else:
            plain.append(form)
    alts = [rf"(?<![\w-])(?:{alternation(tuple(plain))})"] * bool(plain)
    for before, afters in groups.items():
        lead = rf"(?<![\w-]){fragment(before)}" if before else ""
        alts.append(rf"{lead}({number if before else first})\s*(?:{'|'.join(fragment(a) for a in afters)})")
    firsts = {f[:1].lower() for f in forms if f[:1] != "#"} | {c[:1].lower() for c in counts}
    # (every phrase starts a word: its "before" or its number, in digits or in words)
    guard = "(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + r"\d])" if all(c.isalpha() for c in firsts) else ""
    guard = rf"(?<![\w-]){guard}"
    return recache.pattern(rf"{guard}(?:{'|'.join(alts) or '(?!)'})(?![\w-])", re.I)


@cache
def words_pattern(forms: tuple[str, ...], joined: bool = False, number: str = NUMBER_MARK) -> re.Pattern[str]:
    """``words_regex`` of a word list's words (never a handout's: recache keeps it on disk, and this process
    remembers it: the checks ask ~9 patterns a handout, and writing a pattern's text again sorted and
    escaped its words each time, ~0.5 ms of a new handout's checks)."""
    return recache.pattern(words_regex(forms, joined, number), re.I)
