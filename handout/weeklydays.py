"""The days of the week a sentence gives a weekly dose on, for H154 (``frequency``): a rule (its word list, its
medicines' names) and one sentence in, the span of two or more days out; and whether a sentence takes a dose of
its own, to be read with the day of the sentence before it.

A day counts where a dose word governs it (``Weekly.dosed``), or, with no verb before it, where its part of the
sentence speaks of a dose; not where it is said against, offered as a choice ("Tue or Wed"), the day a dose was
missed, or the plan's other medicine's day.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from . import recache
from .clauses import APOSTROPHES, clause
from .daynames import MOST_DAYS, Day, is_relative, linked, named_days
from .warning import against
from .doseforms import AMOUNT
from .weeklywords import Weekly
from .wordpatterns import words_pattern, words_regex

if TYPE_CHECKING:
    from .weeklyrule import Rule

# The object of "after", "before": its articles and possessives and one or two words ("after your Monday dose",
# "después del desayuno", "after taking it")
_OBJECT = (r"(?:\s+(?:your|the|his|her|their|my|a|an|su|sus|el|la|los|las|del|de|votre|vos|le|les|l'|du|des|son|sa|"
           r"ses))*(?:\s+[\w'’-]+){1,2}?")
# What stands between a count and the name that is its: after the name, a number ("folic acid 1 mg"); before it,
# nothing or "of" ("1 tablet of folic acid").  Not a colon either way: "Take 6 tablets: folic acid, every day", "No
# folic acid: 6 tablets every day" (reviews)
TIE_AFTER_NAME = re.compile(r"\s*(?:\d+(?:[.,]\d+)?\s*)?")
TIE_BEFORE_NAME = re.compile(r"\s*(?:(?:of|de|del|de la|du|d'|d’)\s*)?", re.I)
_BARE_NUMBER = re.compile(r"(?<![\w.,])\d+(?![\w.,])")


def days(rule: Rule, text: str, missed: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """Where a sentence names two or more days of the week for the weekly medicine ("on Monday and
    Thursday", "el lunes y el jueves"): from the first to the last; None if it names fewer.  A day the
    plan's other medicine is named nearest before is its ("Take 6 tablets on Monday and 1 folic acid
    tablet on Tuesday")."""
    read = rule.lang_words
    # (a short day another verb governs is no dose's: "Call us Mon-Fri if you miss your dose"; a day by its name is
    # read wherever a dose word does not govern it, as it was before short days were: each excuse let dangerous notes
    # through, reviews; it is dropped only right after a negation, or where it is another week's, below)
    named = named_days(rule.words, text, alone=True)
    if len(named) > MOST_DAYS:  # (dozens of days in a sentence: said at once, not read one by one; a review)
        return named[0][0], named[-1][1]
    found = [d for d in named if read is None or not _short(rule, text, d)
             or (_dosed(rule, read, text, d[0]) and not (is_relative(d[2]) and _not_its(rule, text, d, named)))]
    # (a day said against, and the days of its list: "Take 6 tablets on Mondays only (not Mon-Fri!)", "Do not
    # take it on Mon, Wed and Fri")
    # (a short day said against is dropped with the days of its list, not where a verb undoes the negation: "Never
    # miss Mon or Thu"; in the middle of a list it is that day alone)
    undo = words_pattern(rule.words.undo_negation, True) if rule.words.undo_negation else None
    kept: list[Day] = []
    negated: Day | None = None
    for d in found:
        # (short days only: a day by its name is read as before, said against from the first day's clause alone,
        # for a later day's negation may mean "as well as": "Take 6 tablets on Thursday, not just Monday", a review)
        if not _short(rule, text, d):
            negated = None
            if not _right_after_negation(rule, text, d[0]):  # ("… on Friday instead of Monday", "…, not Monday")
                kept.append(d)
        elif against(rule.words, text, d[0], d[1], exceptions=False, names=rule.named) and not (
                undo is not None and undo.search(text, clause(text, d[0])[0], d[0])):
            negated = d
        elif negated is not None and linked(rule.words, text, negated[1], d[0]) and not (
                kept and "," in text[negated[1]:d[0]]):  # (after a day kept, a negation's reach ends at a comma:
            negated = d                                   # "Mon, not Sun, and Thu"; not "(not Mon-Fri!)")
        else:
            negated = None
            kept.append(d)
    # ("…, then go back to Monday the next week"; not a list's day: "on Monday and on Thursday of next week", both)
    # (and only where each day after it is another week's too, or said to be this week's: a day after it may be of
    # that next week, "on Monday next week and on Tuesday"; "… moves to Tuesday; take this week's Monday dose" is not)
    bare = _blank(_ON, text)
    later = [_next_week(rule, text, d) for d in kept]
    this = [bool(_THIS.search(text, max(0, d[0] - 16), d[0])) for d in kept]
    kept = [d for k, d in enumerate(kept) if not (later[k] and all(later[j] or this[j] for j in range(k + 1, len(kept)))
                                                  and not (k > 0 and linked(rule.words, bare, kept[k - 1][1], d[0])))]
    # (days offered as a choice of one are one day: for a missed dose or with words of one of them, ``one_of``: "If
    # you miss it, take Tue or Wed", "Take 6 tablets on Mon, Tue or Wed, once a week only"; not with words of all
    # of them, ``all_of``: "Take 6 tablets Monday or Thursday, or both", a review)
    w = rule.words
    negation = words_pattern(w.negations, True) if w.negations else None

    def said(phrases: tuple[str, ...]) -> bool:  # (and not negated: "…, not both"; "not once a week but twice")
        return any((negation is None or not negation.search(text, max(0, m.start() - 8), m.start()))
                   and _with_a_day(text, m.start(), kept)
                   for m in (words_pattern(phrases, True).finditer(text) if phrases else ()))
    one = rule.missed(text) or said(w.one_of)
    every = said(w.all_of)
    choice = words_pattern(w.choice_words, True) if w.choice_words and one and not every else None  # ("…, not both")
    found = _one_of_each_choice(rule, text, kept, choice) if choice is not None else kept
    if missed is not None:  # the day missed, wherever named ("You missed Monday: … on Tuesday, then Monday as usual")
        # (by the words as written, as before: "If you missed Mon/Tue, take 6 tablets on Monday and Thursday" leaves
        # both days; a review)
        # (a short day read alone there goes with its words alone elsewhere, "If you miss Mon, take it Tue, then Mon
        # as usual", never with a list's, which were read before short days were alone: "If you miss Mon, take 6
        # tablets Mon and Thu"; reviews)
        listed = {(at, end) for at, end, _ in named_days(rule.words, text)}
        gone = {text[at:end].lower() for at, end, _ in found if missed[0] <= at < missed[1] and (at, end) in listed}
        alone = {text[at:end].lower() for at, end, _ in found if missed[0] <= at < missed[1] and (at, end) not in listed}
        # (not where it is listed with another day: "If you miss Monday, take 6 tablets Monday and Thursday" printed)
        others = [d for d in found if not missed[0] <= d[0] < missed[1]]
        found = [d for d in others if (text[d[0]:d[1]].lower() not in gone and (
            (d[0], d[1]) in listed or text[d[0]:d[1]].lower() not in alone)) or _listed_with(rule, bare, d, others)]
    if len(found) < 2:
        return None
    weekly = [d for d in found if not others_day(rule, text, d[0])]
    # (a day from today and a day by its name joined by "and": two days, whichever today is; "today and Thursday"
    # is within the week unless today is Thursday, and then it says one day twice; a code review)
    both = _and_joined(rule, text, bare, weekly)
    if both is not None:
        return both
    # (days by name, or days from today or an event, two of a kind: "tomorrow, Monday" may be one day)
    if len({day for _, _, day in weekly if not is_relative(day)}) < 2 and len(
            {day for _, _, day in weekly if is_relative(day)}) < 2:
        return None
    if len({day for _, _, day in weekly if not is_relative(day)}) < 2:
        weekly = [d for d in weekly if is_relative(d[2])]
    return weekly[0][0], weekly[-1][1]


def _and_joined(rule: Rule, text: str, bare: str, days: list[Day]) -> tuple[int, int] | None:
    """Where a day from today and a day by its name stand joined by an "and" (not "or", not a comma alone: "tomorrow,
    Monday" may be one day), in either order: "today and Thursday", "on Thursday and again tomorrow".  ``bare``: the
    text with its "on" and articles blanked."""
    w = rule.words
    ands = {x.lower() for x in w.and_words} - {x.lower() for x in w.choice_words}
    fillers = {x.lower() for x in w.repeat_fillers if " " not in x} - {x.lower() for x in w.choice_words}
    for a, b in zip(days, days[1:]):
        if is_relative(a[2]) == is_relative(b[2]) or any(d[2].startswith("e") for d in (a, b)):
            continue
        named = b if is_relative(a[2]) else a
        # (the usual day come back to, or every one of it, is another week's: "Take your missed dose today and on
        # Monday as usual", "… today, then every Monday"; not "today and also Thursday")
        last = re.findall(r"[\w'’]+", bare[max(0, named[0] - 12):named[0]])[-1:]
        if _next_week(rule, text, named) or (last and last[0].lower() in _EVERY):
            continue
        between = [x.lower() for x in re.findall(r"[\w'’&]+", bare[a[1]:b[0]])]
        # (a list's words, and the fillers of a dose said again: "today and also Thursday", "today and then Thursday")
        if any(x in ands for x in between) and all(x in ands or x in fillers for x in between) \
                and not re.search(r"[;:.]", text[a[1]:b[0]]):
            return a[0], b[1]
    return None


_EVERY = frozenset({"every", "each", "cada", "chaque"})  # ("every Monday": each week's, not a second day this week)


def _listed_with(rule: Rule, bare: str, day: Day, days: list[Day]) -> bool:
    """Whether a day is linked in a list or a range to another of ``days`` ("Monday and Thursday", "on Monday and on
    Thursday": ``bare``, the text with its "on" and articles blanked)."""
    return any(linked(rule.words, bare, d[1], day[0]) or linked(rule.words, bare, day[1], d[0]) for d in days if d != day)


_ARTICLE_WORDS = "el|la|los|las|the|le|les"  # (blanked where they stand between days: "el martes o el miércoles")
_ON = re.compile(rf"(?<![\w'’])(?:on|{_ARTICLE_WORDS}|en)(?![\w'’])", re.I)


def _with_a_day(text: str, at: int, days: list[Day]) -> bool:
    """Whether the part of a sentence (to a semicolon) with ``at`` in it names one of ``days`` ("…; si pasan más de dos
    días, espere al lunes siguiente": its "más" says nothing of the days before the semicolon)."""
    start, end = text.rfind(";", 0, at) + 1, text.find(";", at)
    end = len(text) if end < 0 else end
    return any(start <= d[0] < end for d in days)


# (a day said to be this week's: "take this week's Monday dose", "this Monday's dose", "este lunes", "ce lundi")
_THIS = re.compile(r"(?<![\w'’])(?:this|this\s+week['’]s|este|esta\s+semana\s+el|ce|cette\s+semaine)\s+$", re.I)
_ARTICLES = re.compile(rf"(?<![\w'’])(?:{_ARTICLE_WORDS})(?![\w'’])", re.I)


def _blank(words: re.Pattern[str], text: str) -> str:
    """``text`` with what ``words`` matches blanked, its length kept (positions found in it are the text's)."""
    return words.sub(lambda m: " " * len(m.group(0)), text)


def _one_of_each_choice(rule: Rule, text: str, days: list[Day], choice: re.Pattern[str]) -> list[Day]:
    """The days with each list that offers a choice ("Mon, Tue or Wed") kept as its first day; by their names too, two of
    them in a missed dose's sentence ("If you forget your Monday dose, take it on Tuesday or Wednesday": one late
    dose; a review)."""
    missed_choice = rule.missed(text)
    bare = _blank(_ARTICLES, text) if missed_choice else text  # (an article between: "tómelo el martes o el miércoles")
    out: list[Day] = []
    run: list[Day] = []
    for d in [*days, None]:
        if d is not None and run and (linked(rule.words, text, run[-1][1], d[0]) or (missed_choice and linked(
                rule.words, bare, run[-1][1], d[0]))):
            run.append(d)
            continue
        if run and (all(_short(rule, text, x) for x in run) or (missed_choice and len(run) == 2)):
            # (a list of choices only, of short days only: "Mon, Tue or Wed"; not "Tuesday or Wednesday and Friday",
            # nor "Monday or Thursday", which was read as two days before short days were)
            gaps = [" ".join(bare[a[1]:b[0]].split()).strip(" ,.") for a, b in zip(run, run[1:])]
            out += run[:1] if gaps and choice.fullmatch(gaps[-1]) and all(not g or choice.fullmatch(g) for g in gaps) \
                else run
        elif run:
            out += run
        run = [d] if d is not None else []
    return out


def _next_week(rule: Rule, text: str, day: Day) -> bool:
    """Whether a day is of another week: the usual day come back to ("then go back to Monday", "wait for next Monday",
    "vuelva al lunes", "espere al lunes siguiente"), or said of next week ("on Thursday of the following week", "el
    jueves de la semana que viene"): a late dose, a day changed, one dose a week (reviews: each refused)."""
    w = rule.words
    before = w.next_week_before and words_pattern(w.next_week_before, True).search(text, max(0, day[0] - 30), day[0])
    if before and not text[before.end():day[0]].strip(" ,"):
        return True
    moved = w.day_changes and words_pattern(w.day_changes, True).search(text, max(0, day[0] - 30), day[0])
    if moved and not text[moved.end():day[0]].strip() and w.next_week_after and words_pattern(
            w.next_week_after, True).search(text):  # ("From next week your … day moves to Tuesday; …")
        return True
    if re.match(r"\s+siguiente(?![\w'’])", text[day[1]:], re.I) and re.search(r"(?<![\w'’])al\s+$", text[:day[0]], re.I):
        return True  # ("espere al lunes siguiente"; not "el jueves siguiente", which may be this week's)
    return bool(w.next_week_after) and words_pattern(w.next_week_after, True).match(
        text, space_after(text, day[1], ",")) is not None


def _right_after_negation(rule: Rule, text: str, at: int) -> bool:
    """Whether a day by its name comes right after a negation, but "on", "the" ("Take it on Friday instead of Monday",
    "…, not on Monday", "en lugar del lunes"); not "not just Monday", "not only Monday" (as well as it: a review), nor
    a negation with a verb between ("Never take it on Monday and Thursday": the first day's clause says it)."""
    w = rule.words
    if not w.negations:
        return False
    return _negation_before(tuple(w.negations)).search(text, max(0, at - 40), at) is not None


@cache
def _negation_before(negations: tuple[str, ...]) -> re.Pattern[str]:
    return recache.pattern(rf"(?:{words_regex(negations)})\s+(?:(?:on|the|of|el|del|de|le|du|au|al|en)\s+)*$", re.I)


def _not_its(rule: Rule, text: str, day: Day, days: list[Day]) -> bool:
    """Whether a day said from today opens a clause of its own ("Take 6 tablets today, tomorrow you may feel sick"), is
    said against after it ("…, mañana no") or given nothing ("… and none tomorrow").  A negation right before another
    of the ``days`` is that day's ("today, not tomorrow, but the day after tomorrow": two doses; a review)."""
    w = rule.words
    after = re.match(r"\s*,?\s*([\w'’]+)", text[day[1]:])
    word = after.group(1).lower() if after is not None else ""
    before = re.search(r"([\w'’]+)\s+$", text[max(0, day[0] - 16):day[0]])
    if after is not None and word in _single(w.negations):
        said = day[1] + after.end()
        next_at = _ON_BLANKS.match(text, said).end()  # type: ignore[union-attr]
        return not any(said < d[0] <= next_at for d in days)  # (a day may open with its article: "the day after")
    return word in _single(w.subjects) or (before is not None and before.group(1).lower() in _single(w.nothing_words))


_ON_BLANKS = re.compile(rf"\s*(?:(?:on|{_ARTICLE_WORDS}|en)\s+)*", re.I)  # (between a negation and its day: "not on the")


def _single(words: tuple[str, ...]) -> frozenset[str]:
    """A word list's entries of one word (not the words of its phrases: "under no circumstances")."""
    return frozenset(x.lower() for x in words if " " not in x)


def _short(rule: Rule, text: str, day: Day) -> bool:
    """Whether a day is named by a short form ("Mon", "mié", "Mo", "X"), which no rule read before short days were."""
    said = text[day[0]:day[1]]
    return said.lower() in {k.lower() for k in rule.words.weekday_short} or said in rule.words.weekday_letters or \
        " ".join(said.lower().split()).rstrip("s") in rule.words.week_parts or is_relative(day[2])


def space_after(text: str, at: int, marks: str = "") -> int:
    """Where the spaces (and ``marks``) from ``at`` end, looking 8 characters on: a number's count word is read with it
    ("1 tablet of folic acid" is one count, tied to the other medicine's name, not the weekly one's "1"; a review)."""
    ahead = text[at:at + 8]
    return at + len(ahead) - len(ahead.lstrip(" \t\n\u00a0" + marks) if marks else ahead.lstrip())


def others_day(rule: Rule, text: str, at: int, cycle: re.Pattern[str] | None = None) -> bool:
    """Whether the day at ``at`` is the plan's other medicine's: what is nearest before it is that medicine's name
    (or a count or an amount tied to it: "1 FA tablet", "FA 1 mg"), not the weekly medicine's name, a count or an
    amount of its own, nor the other's name after the weekly dose with no day between ("Take 6 tablets and FA on
    Monday and Thursday": both medicines on both days; a review).  ``cycle``: days by their numbers too ("day 1",
    ``cycledays``), whose numbers are no counts."""
    if rule.others is None:
        return False
    others = [(m.start(), m.end()) for m in rule.others.finditer(text, 0, at)]
    if not others:
        return False
    words = rule.words
    counted = words_pattern(words.counted, True) if words.counted else None
    days = list(cycle.finditer(text, 0, at)) if cycle is not None else []
    counts = [*AMOUNT.finditer(text, 0, at), *(counted.finditer(text, 0, at) if counted is not None else ()),
              *(m for m in _BARE_NUMBER.finditer(text, 0, at)  # ("… con el fólico otros 6 el jueves")
                if not (AMOUNT.match(text, m.start())
                        or (counted is not None and counted.match(text, space_after(text, m.end())))
                        or any(d.start() <= m.start() < d.end() for d in days)))]
    marks = sorted([(m.start(), False) for m in rule.named.finditer(text, 0, at)] + [(a, True) for a, _ in others]
                   + [(c.start(), any(TIE_AFTER_NAME.fullmatch(text, b, c.start()) is not None
                                      or TIE_BEFORE_NAME.fullmatch(text, c.end(), a) is not None for a, b in others))
                      for c in counts])
    at_mark, its = marks[-1]
    if not its:
        return False
    # (the other's name after the weekly dose with no day between them shares its days: "Take 6 tablets and FA on
    # Monday and Thursday", "Take 6 tablets, then FA, on …", "MTX 6 cp, AF 5 mg, lundi et jeudi"; a review)
    name_at = max((a for a, _ in others if a <= at_mark), default=at_mark)
    weekly_before = [a for a, other in marks if not other and a < name_at]
    # (... unless the weekly dose's own day of a cycle came before it: "D1: 6 tabs, then folic acid D2-D7", a review)
    return not (weekly_before and not named_days(words, text[weekly_before[-1]:name_at], alone=True)
                and not any(d.start() < name_at for d in days))


def _dosed(rule: Rule, read: Weekly, text: str, at: int) -> bool:
    """Whether the day at ``at`` is the dose's (``Weekly.dosed``); with no verb before it, whether its part of the
    sentence, to a semicolon, speaks of a dose ("Mon-Fri: take 6 tablets", "Methotrexate 15 mg Mon-Fri"; not
    "…; no alcohol Fri-Sun")."""
    said = read.dosed(text, at, rule.named)
    if said is not None:
        return said
    # (with no verb before it, the whole sentence decides, but for what a phrase of "after", "before" names: its
    # object says when, not what: "headache Mon & Tue after dose" is no dose's day; "Monday and Thursday after
    # breakfast 6 tablets" is; reviews)
    when = rule.words.time_relations
    if not when:
        return rule.about_dose(text)
    return rule.about_dose(re.sub(rf"(?:{words_pattern(when, True).pattern}){_OBJECT}", " ", text, flags=re.I))


def dose_again(rule: Rule, text: str) -> bool:
    """Whether a sentence takes a dose again (a repeat word, more of it) or orders one of its own that is not the
    plan's other medicine's ("Take 6 tablets on Thursday." after "Take 6 tablets on Monday.": a review)."""
    if (more := rule.again.search(text) if rule.again is not None else None) is not None and not rule.again_of_other(text, more):
        return True
    text = text.translate(APOSTROPHES)
    if _days_alone(rule, text):
        return True
    # (a dose of its own: a count, an amount, a pronoun for it, the weekly medicine's name or another name for it,
    # "MTX on Thursday."; not "Take the form to the lab on Wednesday", "Prise de sang le jeudi", "Take paracetamol
    # on Tuesday": a review)
    words = rule.words
    if not (AMOUNT.search(text) or rule.named.search(text) or (rule.aliases is not None and rule.aliases.search(text))
            or re.search(r"\d", text)
            or (words.counted and words_pattern(words.counted, True).search(text))
            or (words.dose_nouns and words_pattern(words.dose_nouns, True).search(text))
            or (words.it_doses and words_pattern(words.it_doses, True).search(text))):
        return False
    dose = rule.dose.search(text)
    if dose is not None and rule.words.negations and words_pattern(rule.words.negations, True).search(
            text, 0, dose.start()):
        return False  # ("Never take them on any other day, such as Tuesday.")
    return (rule.about_dose(text) or (rule.aliases is not None and rule.aliases.search(text) is not None)) and not (
        rule.others is not None and not rule.weekly_taken(text) and rule.of_other(text))


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@cache
def _links(phrases: tuple[str, ...], choices: tuple[str, ...]) -> frozenset[str]:
    """The words of a word list's link phrases, lower case, but its choice words ("or"): once per word list."""
    return frozenset(x.lower() for phrase in phrases for x in _WORD.findall(phrase)) - {c.lower() for c in choices}


def _days_alone(rule: Rule, text: str) -> bool:
    """A sentence of days and nothing else but its links ("Also on Friday.", "And Thursday too.", "Y el jueves."):
    the dose before it, on those days (a review: printed after "Take 6 tablets on Monday.").  Not with a word of its
    own ("Also on Friday: blood test"), a negation ("Not on Thursday.") or a choice ("Or Thursday."), nor short days
    alone ("Wed."), which a short day's full stop may have cut from the words after them."""
    days = named_days(rule.words, text, alone=True)
    if not days or text.rstrip().endswith(("?", "¿", "؟")):  # (a day asked: "Thursday? No."; a review)
        return False
    w = rule.words
    links = _links((*w.and_words, *w.all_of, *w.repeat_fillers, *w.repeat_preps), tuple(w.choice_words))
    bounds = [0, *(x for a, b, _ in days for x in (a, b)), len(text)]  # (the text between the days)
    said = [word for a, b in zip(bounds[::2], bounds[1::2]) for word in _WORD.findall(text, a, b)]
    if not said and len(days) < 2 and all(_short(rule, text, d) for d in days):
        return False  # (a short day's full stop cut its sentence: "Take 6 tablets on Mon. Wed. is your blood test";
        # not a list of them: "Take 6 tablets. Mon & Tue.")
    return all(word.lower() in links for word in said)


def short_list_cut(rule: Rule, before: str, text: str) -> str | None:
    """The days of a list a short day's full stop cut in two ("Take 6 tablets Mon." + "and Thurs."), read whole
    where the sentence before gives the dose; None if it is no such list."""
    if not rule.about_dose(before) or rule.missed(before):
        return None
    both = f"{before} {text}"
    named = named_days(rule.words, both)
    cut = [k for k in range(1, len(named)) if named[k - 1][1] <= len(before) < named[k][0]]
    if not cut or not linked(rule.words, both, named[cut[0] - 1][1], named[cut[0]][0]):
        return None
    joins = {x.lower() for x in (*rule.words.and_words, *rule.words.day_ranges)}
    gap = both[named[cut[0] - 1][1]:named[cut[0]][0]]
    if not (re.search(r"[,/&+–-]", gap) or joins & {x.lower() for x in re.findall(r"[\w']+", gap)}):
        return None  # (a full stop alone ends a sentence: "Take 6 tablets on Mon. Tue is your blood test.")
    span = days(rule, both)
    return both[span[0]:span[1]] if span is not None and span[1] > len(before) else None


def past_against(rule: Rule, text: str) -> str:
    """``text`` with each day of the week said against blanked out, and the days of its list ("Never on Monday
    or Tuesday"), the text's length kept."""
    out = text
    negated: tuple[int, int] | None = None
    for at, end, _ in named_days(rule.words, text, alone=True):
        if (negated is not None and linked(rule.words, text, negated[1], at)) or against(
                rule.words, text, at, end, exceptions=False, names=rule.named):
            out = out[:at] + " " * (end - at) + out[end:]
            negated = (at, end)
        else:
            negated = None
    return out
