"""Whether a sentence warns against what it says: one plain sentence and a span of it in, yes or no out.

"Take 6 tablets at once" is an instruction; "Never take 6 tablets at once" a warning against it.
H153 (``textamounts``: a day's most said of one dose) and H154 (``frequency``: a daily dose where
the plan gives one a week) both ask it of each sentence they would warn of (``against``): a
negation that governs what is said, before it in its clause; an exception right after it that
names a day; or a word of harm, not taken back, in a part of the sentence that gives no order.
The words are the language's word list's (``wordlists``).  Each search is bounded to the words
near what it looks at: a long note is read in linear time.
"""

from __future__ import annotations

import bisect
import re

from .clauses import APOSTROPHES, PARTS, clause
from .plain import imperative
from .wordlists import WordList
from .wordpatterns import ending_with, words_pattern, words_regex

_HEAD = re.compile(r"[^\W\d_][\w'’-]*")  # (a word: a group's name before its examples)


def against(words: WordList, text: str, start: int, end: int, exceptions: bool = True,
            names: re.Pattern[str] | None = None) -> bool:
    """Whether what ``text[start:end]`` says ("every day", "6 tablets at once") is a warning against
    it or its exception, not an instruction.  ``text`` is one plain sentence.  (Reviews: each of these
    was once a whole-sentence search, and "Do not forget to take it every morning", "Take it every
    day, except if you feel unwell", "You must take it every day to avoid harm" passed.)

    * a negation before it in its clause that governs the dose: a dose word, a counted word or what
      is said itself right after it or after the word list's fillers ("Never take", "No se lo debe
      tomar", "not daily"; not "If you don't feel better take it every day"), up to an order of its
      own after it ("Si no puede tragar comprimidos tome el jarabe"), not after a condition word ("If
      you do not take it every day"), not undone ("do not forget", "n'oubliez pas") and no ceiling
      ("Do not take more than 6 tablets every day" limits a daily dose);
    * an exception right after it that names a day ("except Monday", "except on your methotrexate
      day"; not "except if you feel unwell");
    * a condition word, then a dose already taken, before it in its clause ("If you took 6 tablets at
      once", "Si tomó", "Si vous avez pris"): what happened, not an order;
    * a word of harm, not taken back ("without harm", "to avoid harm", "no es peligroso"), in a
      part of the sentence (between ";", ":" or a dash) with no instruction in it (no leading verb, no
      "you must"; "Methotrexate is taken every morning; stopping it can be dangerous" is no warning).

    Never where the clause opens with a negated dose that is the subject of a verb after what is said
    ("Not taking it every day can make your arthritis worse" asks for it every day).

    ``exceptions`` False: H154's "every day except Sunday" is six doses a week of the weekly medicine
    (a review); a sentence about the other medicine passes by naming it.  ``names``: the medicine's
    names, which a negation before a noun governs too ("No methotrexate every day")."""
    text = text.translate(APOSTROPHES)
    first, last = clause(text, start)
    if words.negated_subjects and _negated_subject(words, text, first, end):
        return False
    if words.negations and _negated(words, text, first, start, names):
        return True
    if words.past_doses and words.condition_words and _happened(words, text, first, start):
        return True
    if exceptions and words.exceptions and words.day_words:
        _, after = clause(text, min(last + 1, len(text)))
        stop = max(last, after)
        days = words_pattern(words.day_words, True)
        for m in words_pattern(words.exceptions, True).finditer(text, end, stop):
            # (a day four words on at most: looked for in the next words only, not to the clause's end for
            # every exception: 1,000 "except" and 1,000 days in one sentence took 26 s, a review)
            if any(words_between(text, m.end(), d.start()) <= 4 for d in days.finditer(text, m.end(),
                                                                                        min(stop, m.end() + _NEAR))):
                return True
    if not words.harm_words:
        return False
    a, b = _part(text, start)
    return _harmful(words, text[a:b])


# What _harmful said of the parts last asked about: every warning in one part asks the same (a review).
# (Each entry holds its word list, so no other list is ever taken for it by its id.)
_HARMFUL: dict[tuple[int, str], tuple[WordList, bool]] = {}


def _harmful(words: WordList, part: str) -> bool:
    """A word of harm, not taken back, in a part of a sentence with no instruction in it (``against``)."""
    key = (id(words), part)
    hit = _HARMFUL.get(key)
    if hit is not None and hit[0] is words:
        return hit[1]
    if len(_HARMFUL) >= 64:
        _HARMFUL.clear()
    # (a modal of what may happen is no order: "Tomar más puede ser grave o mortal" warns; Spanish "puede" alone is
    # "you can")
    bare = words_pattern(words.harm_modals, True).sub(" ", part) if words.harm_modals else part
    said = not (imperative(words, part) or (words.modals and words_pattern(words.modals, True).search(bare))) and \
        _harm_in(words, part)
    _HARMFUL[key] = (words, said)
    return said


def _negated_subject(words: WordList, text: str, first: int, end: int) -> bool:
    """The clause opens with a negated dose ("Not taking it", "No tomarlo", "Ne pas le prendre") and
    what is said (ending at ``end``) goes straight on to a consequence (``consequence_verbs``: "can",
    "worsens", "is wrong") or harm not taken back ("is a mistake"; not "is how you avoid an overdose") in
    its clause: the negation is the subject of what follows ("Not taking it every day can make your
    arthritis worse": an order to take it every day), not a prohibition ("Not taking it every day is
    vital", "…, because a daily dose can kill", "Not taking it every day, but once a week": three reviews)."""
    at = first + len(text[first:end]) - len(text[first:end].lstrip())
    if words_pattern(words.negated_subjects, True).match(text, at) is None or not re.match(r"[ \t]+\w|\s*,[^,;:]{1,60},",
                                                                                              text[end:end + 64]):
        return False
    aside = _ASIDE.match(text, end)  # "Not taking it every day, as prescribed, can make …"
    if aside:
        end = aside.end()
    _, stop = clause(text, end)  # its clause: "Not taking it every day is vital, because a daily dose can kill"
    if words.consequence_verbs:
        nots = words_pattern(words.negations, True) if words.negations else None
        but = words_pattern(words.contrast_words, True) if words.contrast_words else None
        for c in words_pattern(words.consequence_verbs, True).finditer(text, end, stop):
            # (not a noun one that a negation right before it turns round, with no "but" after it: "is not a
            # problem", "is no reason for worry"; "is not only a problem", "is not a problem but a risk",
            # "no doubt worsens", "ne peut que nuire" still are: two reviews)
            before = text[max(end, c.start() - 12):c.start()].split()[-1:]
            turned = (nots is not None and bool(before) and nots.fullmatch(before[0]) is not None
                      and c.group().split()[0].lower() in _ARTICLES and (but is None or not but.search(text, c.end(), stop)))
            if not turned:
                return True
    return _harm_in(words, text[end:stop])


_ARTICLES = frozenset({"a", "an", "un", "una", "une", "reason"})  # a noun consequence ("a problem", "reason for")
_ASIDE = re.compile(r"\s*,[^,;:]{1,60},")  # a few words between commas


def _happened(words: WordList, text: str, first: int, start: int) -> bool:
    """A condition word, then a dose already taken, in ``text[first:start]``, in a sentence of harm or of
    urgent help: what the clause says happened, not an order ("If you took 6 tablets at once, call poison
    control", "..., go to the emergency room", "If you took it every day by mistake, call your doctor").
    Not without either ("If you have taken nothing else today 6 tablets at once is fine"; harm taken back,
    "will not harm you", is none), nor past an order of its own after it ("If you took 2 tablets and it
    still hurts take 6 at once", "If you took none today you can have 6 at once", "If you took it last
    week continue it every day": two reviews)."""
    cond = words_pattern(words.condition_words, True).search(text, first, start)
    past = words_pattern(words.past_doses, True)
    took = past.search(text, cond.end(), start) if cond is not None else None
    taken = text[took.end():start].split() if took is not None else []
    if took is None or cond is None or len(taken) > _MOST_BETWEEN or (
            words.nothing_words and any(words_pattern(words.nothing_words, True).fullmatch(w.strip(",.")) for w in taken)):
        # (what was taken right after the verb: not "If you took it last week it works best every day"; and
        # something, not nothing: "If you took no other medicine today 6 tablets at once relieve …": reviews)
        return False
    # Harm in its own clause ("by mistake"), or help or harm before the condition in its clause ("Call your
    # doctor right away if you took …") or in the clause after it in its part of the sentence ("…, call poison
    # control"): not elsewhere ("… is fine; call your doctor if the pain lasts", "… works right away": reviews)
    _, last = clause(text, start)
    _, stop = _part(text, start)
    if not (_harm_in(words, text[first:last]) or _urgent(words, text[first:cond.start()])
            or (last < stop and (_urgent(words, text[last:stop]) or _harm_in(words, text[last:stop])))):
        return False
    for listed in (words.dose_words, words.action_verbs, words.modals):
        if listed and any(not past.fullmatch(o.group())
                          for o in words_pattern(listed, True).finditer(text, took.end(), start)):
            return False
    # ... nor where a main clause begins inside the condition's ("If you took nothing else today 6 tablets at
    # once is fine, but see a doctor …"), not after a word that ties a clause of its own to it ("… at once
    # while you were out, call …", "… every day because the label was unclear, call …": a review)
    if not words.clause_verbs:
        return True
    ties = words_pattern(words.subordinators, True) if words.subordinators else None
    for v in words_pattern(words.clause_verbs, True).finditer(text, took.end(), last):
        if ties is None or ties.search(text, took.end(), v.start()) is None:
            return False
    return True


_MOST_BETWEEN = 4  # words between a past dose and what it took ("your weekly methotrexate tablets")


def _urgent(words: WordList, text: str) -> bool:
    return bool(words.urgent_words) and words_pattern(words.urgent_words, True).search(text) is not None


def _harm_in(words: WordList, text: str) -> bool:
    """A word of harm in ``text`` not taken back ("no harm", "will not harm you")."""
    if not words.harm_words:
        return False
    undone = words_pattern(words.harm_undone, True) if words.harm_undone else None
    return any(undone is None or not near(text, undone, [h.start()])
               for h in words_pattern(words.harm_words, True).finditer(text))


def _part(text: str, at: int) -> tuple[int, int]:
    """(start, end) of the part of the sentence holding ``at``: between ";", ":" or a dash (not commas:
    "Taking it every day, even by mistake, can kill" is one part)."""
    return clause(text, at, PARTS)


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
    # A dose word that is a verb only ("dose" is a noun too)
    only_verbs = tuple(w for w in words.dose_words if w not in words.dose_nouns)
    orders = words_pattern(only_verbs, True) if only_verbs else None
    w_contrast = words_pattern(words.contrast_words, True) if words.contrast_words else None
    fillers = {w.lower() for w in words.negation_fillers}
    after_verb = {w.lower() for w in words.negations_after_verb}
    conditions = words_pattern(words.condition_words, True) if words.condition_words else None
    # "or" (a join that is no order's): "Never take it or give it" says "never" of both
    either = tuple(w for w in words.and_words if w not in words.order_joins)
    alternatives = re.compile(f"(?:{words_regex(either)})\\s+$", re.I) if either else None
    end = clause(text, start)[1]
    for k, m in enumerate(words_pattern(words.negations, True).finditer(text, first, start)):
        if k == _MOST_NEGATIONS:
            return False  # (said, not judged one by one: a warning)
        ahead = text[m.end():start]
        if conditions is not None and conditions.search(text, first, m.start()):
            continue  # "If you do not take it every day it will not work": a condition, no warning (a review)
        near = min(start, m.end() + _NEAR)  # (what a negation governs is a word or two on: linear, not quadratic)
        if m.group().lower() in before_nouns:  # "no tablets", "no methotrexate", "no taking it": never a verb's order
            nxt = _right_after(text, m.end(), near, nouns, 1) or _right_after(text, m.end(), near, names, 1) or \
                _right_after(text, m.end(), near, governed, 0)
            if not (words_between(text, m.end(), start) == 0 or nxt):
                continue  # "Even if you have no pain take 1 tablet every morning" is an order (a review)
            if nxt and _order_after(text, nxt.end(), start, orders, None):
                continue  # "People with no methotrexate side effects can take it every day": an order after it
        else:
            if m.group().lower() in after_verb and not _after_ne(text, m.start(), fillers):
                continue  # "Si le méthotrexate ne marche pas prenez 2 comprimés": "pas" negates "marche" (a review)
            if joins is not None and any(j.start() <= m.start() < j.end() for j in joins.finditer(text, max(0, m.start() - 12),
                                                                                                  m.end())):
                continue  # the "no" of a join: "o si no tómelo", "or else" (a review)
            nxt = governed.search(text, m.end(), near)
            if nxt and joins is not None and joins.search(text, m.end(), nxt.start()):
                nxt = None  # "Ne les coupez pas et prenez 1 comprimé": "et" stands between (a review)
            if not (_fillers_only(text, m.end(), start, fillers) or (nxt and _fillers_only(text, m.end(), nxt.start(), fillers))):
                continue  # "If you don't feel better take it", "If it does not help take it": of something else
            if nxt and _order_after(text, nxt.end(), start, orders, alternatives):
                continue  # "Si no puede tragar el comprimido tome el jarabe todos los días": another order (a review)
        if nxt and verbs is not None and joins is not None and _second_order(text, nxt, start, end, verbs, joins):
            continue  # "Do not chew the tablets and take them every morning": a second order (a review)
        if undo is not None and (u := undo.search(text, m.end(), start + 6)) and len(text[m.end():u.start()].split()) <= 1:
            continue  # "do not forget to take it every morning", "never miss a day" (what is said begins it) are orders
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
        if v and words_between(text, j.end(), v.start()) <= 3 and (
                not verbs.fullmatch(governed.group()) or words_between(text, governed.end(), j.start()) > 0):
            return True
    return False


def _after_ne(text: str, at: int, fillers: set[str]) -> bool:
    """Whether the word before a negation that follows its verb ("pas", "jamais") is "ne" or a filler:
    "ne pas prendre", "il ne faut pas le prendre" (it governs what follows), not "ne marche pas prenez"
    (it negated "marche")."""
    before = _words(text[max(0, at - 40):at])
    word = before[-1] if before else ""
    return word in ("ne", "n") or word in fillers


def _fillers_only(text: str, a: int, b: int, fillers: set[str]) -> bool:
    """Whether at most three words stand between a negation and what it governs, each of ``fillers``
    ("do not ever take", "no lo tome", "ne l'avalez", "must not be taken"; not "does not help take")."""
    between = _words(text[a:b])
    return len(between) <= 3 and all(w in fillers for w in between)


def _words(text: str) -> list[str]:
    """``text``'s words, lower case, an elided one apart ("l'avalez" -> "l", "avalez")."""
    return [w for w in (x.strip("'’").lower() for x in text.replace("'", "' ").replace("’", "’ ").split()) if w]


def _order_after(text: str, at: int, start: int, orders: re.Pattern[str] | None,
                 alternatives: re.Pattern[str] | None) -> bool:
    """Whether an order of its own stands between what a negation governs and what is said: a dose
    verb ("can take it", "tome el jarabe", "it should be taken": passive too, on the safe side), not
    one of the negated verb's alternatives ("Never take it or give it")."""
    for v in orders.finditer(text, at, start) if orders is not None else ():
        if alternatives is not None and alternatives.search(text, max(0, v.start() - 12), v.start()):
            continue
        return True
    return False


def _right_after(text: str, at: int, stop: int, pattern: re.Pattern[str] | None, most: int) -> re.Match[str] | None:
    """``pattern``'s match at most ``most`` words after ``at`` (and before ``stop``), if any."""
    found = pattern.search(text, at, stop) if pattern is not None else None
    return found if found is not None and words_between(text, at, found.start()) <= most else None


def words_between(text: str, a: int, b: int) -> int:
    """How many words stand between positions a and b (a large number when b comes before a)."""
    return len(text[a:b].split()) if a <= b else 10**6


def near(text: str, pattern: re.Pattern[str], ats: list[int]) -> bool:
    """A word of ``pattern`` ends at most two words before one of the positions ``ats`` ("with your folic
    acid"): only the last one before each position can (one pass over the text)."""
    ends = [m.end() for m in pattern.finditer(text)]
    for at in ats:
        k = bisect.bisect_right(ends, at) - 1
        if k >= 0 and words_between(text, ends[k], at) <= 2:
            return True
    return False


def against_its_group(words: WordList, text: str, at: int, names: re.Pattern[str] | None = None,
                      reach: int = 0) -> bool:
    """Whether what stands at ``at`` is an example of a group said against: the word before the nearest of the word
    list's ``example_words`` before it is ("Do not take any opioid, such as tramadol", "Never take them on any other
    day, such as Tuesday"); with ``reach``, also a negation that many words at most before that word ("Do not have
    a live vaccine, such as MMR": a group no dose verb takes)."""
    examples = list(words_pattern(words.example_words, True).finditer(text, 0, at)) if words.example_words else []
    head = list(_HEAD.finditer(text, 0, examples[-1].start())) if examples else []
    return bool(head) and (against(words, text, head[-1].start(), head[-1].end(), exceptions=False, names=names)
                           or reach > 0 and negated_before(words, text, head[-1].start(), reach))


def negated_before(w: WordList, text: str, at: int, between: int = 1) -> bool:
    """Whether a negation stands right before what stands at ``at`` (a stop, a drug), ``between`` words at most
    between ("Do not stop", "Never stop", "No use vacunas vivas"; "N'arrêtez pas" is read by ``against``): ``against``
    reads "Do not stop" as an order to take the dose, as "Do not forget" is."""
    return bool(w.negations) and ending_with(w.negations, between).search(text, 0, at) is not None
