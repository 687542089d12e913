"""How often the handout's words say to take a dose, against a once-a-week plan: a handout in,
warnings (H154) out.

The dose table and the calendar are made from the facts; the sentences around them are free
text.  Weekly methotrexate taken every day has killed patients (ISMP's list of high-alert
errors; the FDA label's boxed warning): a patient reads "Take your tablets every morning" above a
table that says Monday only, and follows the sentence.  H153 holds the text's amounts to the
plan; nothing held its frequency.

So where the plan gives a medicine once a week, each sentence of the handout's words (in a
language whose word list has ``daily``) that says a dose is taken every day ("every day",
"daily", "once-daily", "each morning", "a tablet a day", "every 12 hours"; or, in one that takes the dose
again, a day or less until then: "Repeat in 24 hours", "Take 6 more tablets the next day": ``daily_again``)
is warned of, unless it

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
medicine's name; "Drink water every day" is not one.  A sentence with no dose word of its own that says only
that the dose of the sentence before it (or of the list item before it) is taken again is one too
(``clauses.repeat``: "Take 6 tablets. Repeat every morning."), and what an abbreviation's full stop cut off is
read with what it was cut from (``reading.continued``: "Take 15 mg p.o. every morning").  A warning, not an
error: only the author can tell which medicine a sentence means (an error with ``--strict``, as H153's are).  A note typed for
one patient and printed on their page is held to it as an error (``note_problems``, from
``personal.check``), as its ISMP rules are.  A language without the words is not judged, and a
check says so (a note).
"""

from __future__ import annotations

import re

from .dosing import medications, once_a_week
from .errors import Finding, Location
from .model import Handout
from .noteagain import plan_days, plan_times, taken_again
from .textfields import text_fields
from .plain import raw_sentences
from .reading import continued, plain, sentences
from .clauses import APOSTROPHES, clause, list_of
from .daynames import named_days
from .doseforms import AMOUNT, MORE_OF_DOSE, others_dose_only
from .planamounts import plan_amounts
from .textamounts import amounts_in
from .warning import against
from .wordlists import WordList
from .wordlists import load as load_wordlist
from .weeklypatterns import patterns as weekly_patterns
from .weeklyrule import Rule
from .wordpatterns import ARTICLES, words_pattern, words_regex


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




def _weekly(h: Handout) -> tuple[list[str], list[str]] | None:
    weekly, other = _names(h)
    return (weekly, other) if weekly else None


# A note is typed at the desk in whatever language the clinician writes, whatever the handout's (a
# review: "Take 6 tablets every morning" on a Spanish page, or any note on an Arabic one, passed).
NOTE_LANGUAGES = ("en", "es", "fr")


def _aliases(names: list[str], words: WordList, table: dict[str, str] | None = None) -> list[str]:
    """The language's other names for the weekly medicine (``name_aliases``: "MTX"), read only as words that speak
    of a dose ("MTX Mon-Wed"), never as its name in a warning: "No MTX on Sunday; 6 tablets Monday and Thursday"
    is no warning against the days after it, as "No methotrexate on Sunday; …" was not before (a review)."""
    said = {n.lower() for n in names}
    table = words.name_aliases if table is None else table
    return [a for a, full in table.items() if full.lower() in said and a.lower() not in said]


def _rule(h: Handout, lang: str | None = None) -> Rule | None:
    """None where nothing is held to it: no weekly medicine, or no words to read the language with
    (``lang``: another language's words than the handout's, for a note)."""
    words = load_wordlist(lang or h.lang)
    named = _weekly(h)
    if named is None or words is None or not words.daily:
        return None
    weekly, other = named
    aliases = _aliases(weekly, words)
    brands = _aliases(weekly, words, words.brand_names)
    again = (*words.repeat_words, *words.more_counts, *words.more_of_it)
    # The medicines' names are the handout's words: compiled as Python compiles them (re's own cache),
    # never kept on disk by recache as the word lists' patterns are (a review).
    read = weekly_patterns(lang or h.lang)
    assert read is not None  # (the word list has its daily words)
    return Rule(words, weekly[0], read.daily,
                 re.compile(f"{words_pattern((*words.dose_words, *words.counted), True).pattern}|"
                            f"{words_regex((*weekly, *aliases))}", re.I),
                 re.compile(words_regex(tuple(weekly)), re.I),
                 re.compile(words_regex(tuple(other)), re.I) if other else None,
                 read.later, words_pattern(again, True) if again and words.daily_again else None, read,
                 re.compile(words_regex((*aliases, *brands)), re.I) if aliases or brands else None)


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
    refused = {f"faq[{i}].q" for i, q in enumerate(h.text.faq) if refuses(rule.words, plain(q.a))}
    last: tuple[str, str | None] | None = None  # (the list a field is an item of, the dose it leaves)
    for path, raw, where in text_fields(h.text):
        item_of = list_of(path)
        before = last[1] if last is not None and last[0] == item_of else None
        parts = [plain(sentence) for sentence in raw_sentences(raw)]
        if not rule.maybe(plain(raw)):  # (its last sentence may still
            # be a dose a next item repeats)
            end = continued(parts)[-1][1] if parts else None
            last = (item_of, end if end is not None and (before is None or not rule.repeats(end, before)) else before)
            continue
        found, left = rule.read(parts, before)
        last = (item_of, left)
        for sentence, said, repeated in found:
            if path in refused and sentence.rstrip().endswith(("?", "؟", "？")):
                continue
            out.append(Finding(where, path, rule.message(said, "a sentence about a dose", repeated), severity="warning",
                               code="H154"))
    return out


def _line_names(h: Handout) -> re.Pattern[str] | None:
    """The names a chart's line of the plan's other medicine may open with (``line_names``: "FA", "folate", "ácido
    fólico"), in every language a note is read in; None where the plan has no other medicine."""
    named = _weekly(h)
    other = {n.lower() for n in named[1]} if named is not None else set()
    said = [k for lang in NOTE_LANGUAGES if (w := load_wordlist(lang)) is not None
            for k, full in w.line_names.items() if full.lower() in other]
    return re.compile(rf"\s*(?:{'|'.join(map(re.escape, sorted(set(said), key=len, reverse=True)))})(?![\w'’])\s*:?\s*\d",
                      re.I) if said else None


def _others_line(sentence: str, lines: re.Pattern[str], rules: list[Rule]) -> bool:
    """Whether a note's sentence is a chart's line of the plan's other medicine: it opens with one of its names and its
    amount or count ("FA 5 mg Tue-Sun", "Folate 5 mg OD except Mondays"), and names neither the weekly medicine nor the
    dose again ("FA 5 mg Thu, repeat MTX": read)."""
    if lines.match(sentence) is None or len(AMOUNT.findall(sentence)) + sum(
            len(r.lang_words.counted.findall(sentence)) for r in rules[:1]
            if r.lang_words is not None and r.lang_words.counted is not None) > 1:
        return False  # (one dose in it, the line's own: not "FA 5 mg + 6 tablets Mon & Thu")
    return not any(r.named.search(sentence) or (r.aliases is not None and r.aliases.search(sentence))
                   or (r.again is not None and r.again.search(sentence)) for r in rules)


def _others_dose(sentence: str, rules: list[Rule], plan: set[tuple[str, float]], lang: str) -> bool:
    """Whether a note's sentence gives another medicine's dose alone, by its name and an amount the plan does not give,
    in every note language's reading (``doseforms.others_dose_only``: "Prednisolone 5 mg each morning for 4 weeks",
    "Continue hydroxychloroquine 200 mg daily": each refused, a review of ordinary notes).  An amount of the plan's
    stays read ("Zexate 15 mg daily": a brand no word list has may be the weekly medicine)."""
    return not (set(amounts_in(sentence, lang)) & plan) and all(
        r.lang_words is not None and others_dose_only(r.lang_words, sentence, r.named, r.aliases, _called(r))
        for r in rules)


def _called(rule: Rule) -> tuple[str, ...]:
    """The names the weekly medicine goes by in a rule's language: its name, other names and brands ("methotrexate",
    "MTX", "Metoject"), which a misspelled name is read as."""
    w = rule.words
    weekly = rule.weekly.lower()
    return (weekly, *(k for k, v in (*w.name_aliases.items(), *w.brand_names.items()) if v.lower() == weekly))


def _others_days(r: Rule, text: str) -> str | None:
    """The words of one sentence of a note giving the weekly dose on the plan's other medicine's days ("Take your
    methotrexate on the same days as your folic acid": six days a week; a review of notes, printed): the word list's
    ``same_days`` with the other medicine right after it, the weekly medicine or its dose before it and not the
    other's, and not said against ("Never take methotrexate on the same day as folic acid"); None if none."""
    w = r.words
    if not w.same_days or r.others is None:
        return None
    text = text.translate(APOSTROPHES)
    # (by the plan's name for it, or a name a note's line may give it: "ácido fólico" in a Spanish note)
    names = [r.others, *([words_pattern(tuple(w.line_names), True)] if w.line_names else [])]
    for m in words_pattern(w.same_days, True).finditer(text):
        other = next((o for n in names if (o := n.search(text, m.end(), m.end() + 24)) is not None), None)
        first, _ = clause(text, m.start())
        if other is None or any(n.search(text, first, m.start()) for n in names) or not r.about_dose(
                text[first:m.start()]):
            continue  # (another thing's day, "the same day as your blood test"; the other medicine's own dose)
        if against(w, text, m.start(), m.end(), exceptions=False, names=r.named) or against(
                w, text, first, m.start(), exceptions=False, names=r.named):
            continue
        return text[m.start():other.end()].strip()
    return None


def _as_typed(words: str, note: str) -> str:
    """The words quoted as the note has them: where a part was left out of what was read ("Monday, Thursday" of
    "Take 6 tablets on Monday, Prednisolone 5 mg each morning, Thursday as well"), from its first word to its last
    as typed (a review: the message quoted words the note does not have)."""
    if words in note:
        return words
    said = re.findall(r"[\w'’]+", words)
    if not said:
        return words
    first = re.search(rf"(?<![\w'’]){re.escape(said[0])}(?![\w'’])", note)
    if first is None:
        return words
    last = list(re.finditer(rf"(?<![\w'’]){re.escape(said[-1])}(?![\w'’])", note[first.start():]))
    return note[first.start():first.start() + last[-1].end()] if last else words


def _without_other_things(sentence: str, rules: list[Rule], plan: set[tuple[str, float]], lang: str,
                          lines: re.Pattern[str] | None = None) -> str:
    """A note's sentence without its parts, between semicolons, about another thing and its own days ("X-ray on
    Tuesday; methotrexate on Monday", "Bloods Mo/We/Fr; MTX Mo", "Avoid alcohol on Monday and Tuesday; methotrexate on
    Monday only": each refused, the days of both parts read as one list; a review of safe notes), and its parts,
    between semicolons or commas, giving another medicine's dose alone ("Prednisolone 5 mg daily for 2 weeks;
    methotrexate 15 mg Mondays", "Hydroxychloroquine 200 mg daily, methotrexate 15 mg Mondays only").  A part about
    another thing opens with a word of its own, and says nothing of a dose in any language a note is read in; a part
    that opens with a day, a number, a condition or a word of a list or of more ("…; Thursday too", "…; if flaring,
    Thursday as well", "…; also Thu", "…; and Thu") stays, as does one that names a dose, a count or the weekly
    medicine, or says it again.  Not between commas: a comma's part is the dose's far more often ("…, wait one day,
    then take 6 tablets again", "…, not on Tuesday, but on Wednesday"; a review).  Only where the rest gives the dose
    its own day: "Take 6 tablets; we agreed Monday and Thursday" is the dose's."""
    parts = _SEMICOLONS.split(sentence)  # (each part after its mark: ["X-ray on Tuesday", "; ", "MTX Monday"])
    pieces: list[tuple[str, bool]] = []  # (a part or a mark, dropped)
    for k, part in enumerate(parts):
        if k % 2 == 1:
            pieces.append((part, False))
        elif _other_thing(rules, part) or _others_dose(part, rules, plan, lang) or (
                k > 0 and lines is not None and _others_line(part, lines, rules)):  # ("MTX …; FA 1 mg PO daily except Mon")
            pieces.append((part, True))
        else:
            commas = _COMMAS.split(part)
            pieces += [(c, j % 2 == 0 and _others_dose(c, rules, plan, lang)) for j, c in enumerate(commas)]
    if not any(dropped for _, dropped in pieces):
        return sentence
    # (the kept parts, each after the strongest mark between it and the part kept before it)
    kept: list[str] = []
    marks = ""
    for text, dropped in pieces:
        if _SEMICOLONS.fullmatch(text) or _COMMAS.fullmatch(text):
            marks += text
        elif not dropped:
            kept.append(((";" if ";" in marks else ",") + " " if kept else "") + text)
            marks = ""
    rest = "".join(kept)
    if not any(r.about_dose(rest) and named_days(r.words, rest, alone=True) for r in rules):
        return sentence
    return rest


_SEMICOLONS = re.compile(r"(;\s+)")  # (a semicolon tight between days is a list's: "D1;D2;D3")
_COMMAS = re.compile(r"(,\s+)")

_THE = ARTICLES | {"your", "my", "his", "her", "their", "this", "that", "su", "sus", "tu", "este", "esta", "votre", "vos",
                   "ce", "cette"}
# A number that counts, not a date's, a time's or an ordinal's ("…; a further 6 on Thursday", "…; split: 3 Monday, 3
# Thursday"; not "Tuesday 10th", "9:00", "3/6")
_COUNT = re.compile(r"(?<![\w/.:,-])\d{1,2}(?![.,]\d)(?=\s*(?:$|[,.;:)]|(?:on|at|more|extra|again|el|le)(?![\w'’])|[A-Z][a-z]+))")
_FIRST_WORDS = re.compile(r"[^\W\d_][\w'’-]*|\S")
_ALSO = re.compile(r"(?<![\w'’])(?:too|also|as well|again|aussi|también|igualmente|además)(?![\w'’])", re.I)
# (more of the dose, in words no word list has as its own: "…; extra Thu", "…; top-up Thursday"; and what else may
# open the dose's own part: a review's "…; rest on Thursday", "…; jab on Thursday", "…; he needs 6 on Thursday")
_MORE = MORE_OF_DOSE | frozenset({"top", "2nd", "segunda", "segundo", "deuxième", "plus", "más", "same", "mismo", "misma",
                                  "même", "otro", "rest", "remainder", "double", "inject", "jab", "shot", "usual",
                                  "split", "have", "has", "use", "need", "needs", "get", "he", "she", "they", "you", "i",
                                  "dose", "resto", "doble", "pinchazo", "habitual", "reste", "piqûre", "il", "elle"})


def _other_thing(rules: list[Rule], piece: str) -> bool:
    """Whether a semicolon's part is about another thing than the dose, in every note language's reading: it says
    nothing of a dose, counts nothing, and opens with a word of its own (not a day, a number, a condition, a word of a
    list or of more, nor one a dose's own part may open with: ``_MORE``)."""
    return all(_no_dose(r, piece) and _opens_with_thing(r, piece) for r in rules)


def _no_dose(rule: Rule, piece: str) -> bool:
    read = rule.lang_words
    return read is not None and not (rule.about_dose(piece) or rule.says_again(piece) or _ALSO.search(piece) or (
        rule.aliases is not None and rule.aliases.search(piece)) or (
        read.counted is not None and read.counted.search(piece)) or _counts(piece))


def _counts(piece: str) -> bool:
    """Whether a part has a number that counts: not a day's of the month after its day ("Tuesday 4", "el martes 4", in
    any note language's words)."""
    ends = {b for lang in NOTE_LANGUAGES if (w := load_wordlist(lang)) is not None
            for _, b, _ in named_days(w, piece, alone=True)}
    return any(piece[:m.start()].rstrip() and len(piece[:m.start()].rstrip()) not in ends for m in _COUNT.finditer(piece))


def _opens_with_thing(rule: Rule, piece: str) -> bool:
    w = rule.words
    keep = {x.lower() for x in (*w.and_words, *w.more_words, *w.repeat_fillers, *w.condition_words, *w.weekdays,
                                *w.weekday_short, *w.day_words, *w.negations, *w.continue_words)} - {
        x.lower() for x in w.other_verbs}  # ("Avoid alcohol on Monday and Tuesday": not "not Tue but Thu")
    days = {a for a, _, _ in named_days(w, piece, alone=True)}
    for m in _FIRST_WORDS.finditer(piece):
        x = m.group(0)
        if (x.lower() in w.leads or x.lower() in _THE) and x.lower() not in keep:
            continue  # ("please", "then", "your": what follows opens the part: "your clinic visit is on a Tuesday")
        return x[:1].isalpha() and x.lower() not in keep and m.start() not in days and x.lower() not in _MORE
    return False


def refuses(words: WordList, answer: str) -> bool:
    """An answer that opens with a negation standing alone ("No.", "Never:", "Non,"; not "No problem")."""
    m = re.match(r"\s*[¡¿]?(\w+)\s*[.,;:!]", answer.translate(APOSTROPHES))  # "No." - not "No problem."
    return m is not None and bool(words.negations) and bool(words_pattern(words.negations, True).fullmatch(m.group(1)))


def note_sentences(text: str, h: Handout, rules: list[Rule]) -> list[str]:
    """A note's sentences as the weekly rules read them: a line of the plan's other medicine ("FA 1 mg Thursdays") and
    a sentence giving another medicine's dose left out, other things ("the form to the lab") taken out of the rest."""
    lines = _line_names(h)
    plan = plan_amounts(h)
    return [_without_other_things(s, rules, plan, h.lang, lines) for s in sentences(text)
            if (lines is None or not _others_line(s, lines, rules)) and not _others_dose(s, rules, plan, h.lang)]


def note_problems(note: str, h: Handout, where: Location, path: str) -> list[Finding]:
    """The rule for a note typed for one patient and printed on their page, as errors: the clinician is
    there to say it again ("Take your tablets every morning" under a Monday-only plan).  Its words
    are read, never remembered (``memory``: a patient's details are no key or value there)."""
    rules = [r for lang in dict.fromkeys((h.lang, *NOTE_LANGUAGES)) if (r := _rule(h, lang)) is not None]
    # (bold markers are printed as typed in a note, and hid "every" from "day": a review)
    text = " ".join(note.replace("*", " ").replace("_", " ").split())
    out: list[Finding] = []
    parts = note_sentences(text, h, rules)
    first = continued(parts)[0][1] if parts else None
    said: dict[str, tuple[str, bool]] = {}  # (by the sentence as read)
    for r in rules:  # each sentence in any language read (a note may change language)
        for sentence, words, repeated in r.read(parts)[0]:
            at = sentence.find(words)
            if at >= 0 and any(o is not r and against(o.words, sentence, at, at + len(words), exceptions=False, names=o.named)
                               for o in rules):
                continue  # (said against in another language's words: "Never take methotrexate 15 mg D1+D2", read in Spanish)
            said.setdefault(sentence, (words, repeated))
        # A note's first sentence that only repeats a dose repeats the plan's, printed beside it ("Repeat every
        # morning" printed under Monday's methotrexate: a review of notes)
        if first is not None and first not in said and r.repeats(first, r.weekly) and r.maybe(first) and (
                again_said := r.said(first, True)) is not None:
            said[first] = (again_said, False)
    out += [Finding(where, path, rules[0].message(_as_typed(words, text), "the note", repeated), code="H154")
            for words, repeated in said.values()]
    other_days = next((found for s in sentences(text) for r in rules if (found := _others_days(r, s)) is not None), None)
    if other_days is not None and not said:
        out.append(Finding(where, path, f"'{_as_typed(other_days, text)}' in the note gives {rules[0].weekly} on the other "
                           f"medicine's days, where the plan gives {rules[0].weekly} once a week (expected the plan's "
                           "day: the other medicine is taken on other days, and a weekly dose on them is too much)",
                           code="H154"))
        said[other_days] = (other_days, False)
    if rules and not said:  # the dose again with no week between ("If you vomit, take it again": ``noteagain``)
        days = plan_days(h)
        times = plan_times(h)
        again = next((a for s in sentences(text) for r in rules
                      if (a := taken_again(r, s, days, s == first and r.repeats(s, r.weekly), times)) is not None), None)
        if again is not None:
            out.append(Finding(where, path, f"'{_as_typed(again, text)}' in the note takes the dose again, where the "
                               f"plan gives {rules[0].weekly} once a week (expected when: 'next week', 'in a week', "
                               "or the plan's day; a weekly dose taken twice in a week is too much; for a dose "
                               "brought up, say whom to call)", code="H154"))
    # (A note in a script no word list reads, an Arabic note on an Arabic page, is noteforeign's: H164.)
    return out
