"""ISMP's error-prone dose designations: a handout's texts (or one typed note) in, findings (H151) out.

Number rules for every language's text, label catalog and a note typed for one patient: a trailing
zero ("3.0 mg", "4.0 (mg)", "Your dose is 4.0."), a missing leading zero (".5 mg"), "U"/"IU" for
units, the micro sign, fractions, a number run into its Latin unit ("10mg"), and the Latin "qd"/"qod".
Word rules for English only: "daily", "once a day" … with no time of day in the same sentence.
Each is misread by someone, somewhere, as a 10- or 1,000-fold dose, or as another frequency.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache

from . import recache
from .errors import Finding, HandoutError, Location
from . import localize
from .localize import CATALOG_DIR, load_labels
from .model import Handout
from .textfields import label_fields, markup_fields, wallet_fields
from .reading import continued, plain, sentences

_UNITS = ("mg", "mcg", "g", "kg", "mL", "ml", "L", "mEq", "mmol", "units", "unit")
# Unit words spelled out, for the trailing and leading zero rules: "4.50 milligrams", ".5 毫克" (a review).
# (Not any word: "9.30 am" and "10,30 de la mañana" in a note are times.)
_UNIT_WORDS = ("milligrams", "milligram", "micrograms", "microgram", "grams", "gram", "milliliters", "milliliter",
               "millilitres", "millilitre", "miligramos", "miligramo", "microgramos", "gramos", "mililitros",
               "milligrammes", "milligramme", "microgrammes", "grammes", "millilitres", "毫克", "微克", "毫升", "克",
               "밀리그램", "밀리리터", "мг", "мл", "ملغ", "مل", "میلی‌گرم", "میلی‌لیتر", "मिलीग्राम", "मिलीलीटर")
# A fraction is read as 1 or 2 when the slash fades; a written word cannot be.
_FRACTION = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?![\d/])|[½¼¾⅓⅔⅛]")
# What may end a date where a fraction of a dose would go on to its unit ("Bloods 3/6 and 5/6", "from 3/6.")
_DATE_END = re.compile(r"\s*(?:$|[.,;:)!?]|(?:and|please|y|et)(?![\w'’]))", re.I)  # (not "1/2 a tablet", "1/2 or 1")
# "U" is read as 0 or 4 ("4U" -> 44), "IU" as IV or 10; "units" is always written out.
# (ISMP lists "u" too; "7 u 8" and "1 u otra" are Spanish "or", before a number or an o- or ho- word: lower case "u"
# only, so "Inject 10 U once a day" and "1000 IU of vitamin D" are read, a review)
# (Nor Vietnamese "u", a tumour: "2 u xơ tử cung", "u nang": a review.)
_U = re.compile(r"(?<=\d)\s?(?:(IU|UI|U|I\.U\.)(?!\w|\.\w|\s*\d)|(u)(?!\w|\.\w|\s*\d|\s+[oO]|\s+[hH][oO]"
                r"|\s+(?:xơ|nang|ác|lành|máu|tuyến|não|gan|phổi|vú)(?!\w)))")
# "10mg": ISMP, the m of mg (the U of units) run into the number is read as a zero or two.  The
# Latin symbols only, wherever they sit ("服用10mg胶囊"); a language's own unit words follow its
# own spacing (Korean writes "10단위", Russian "2024г." is a year).
_RUNS_ON = re.compile(r"(?<![A-Za-z0-9.,])(\d+(?:[.,]\d+)?)(" + "|".join(
    re.escape(u) for u in sorted(_UNITS, key=len, reverse=True)) + r")(?![A-Za-z0-9])"
    # (Not a Vietnamese hour: "8g sáng", 8 in the morning, "8g30": a review.)
    r"(?<!\dg(?=\s(?:sáng|chiều|tối|trưa|đêm)))")
# The micro sign is read as "m": a 1,000-fold overdose.
_MICRO = re.compile(r"[µμ]g(?![A-Za-z])")
# English-only word rules.  "q.d." is read as "q.i.d." (four times a day), "q.o.d." as "q.d.".
# Spaced, dotted or hyphenated ("q d", "q. o. d.", "q-od", "q–d": reviews), and "睡前服1粒qd".
# The compact forms in any case ("QD", "q.d."); the spaced and dashed ones in lower case only, so that
# initials ("Dr Q. D. Tran"), grades ("Q-D") and a web address's path ("/faq/q-d") pass (a second review).
_SEP = r"[\s.\-\u2010-\u2015]"
_QD = re.compile(rf"(?<![A-Za-z0-9./_-])(?:(?i:q\.(?:o\.)?d\.?|qo?d)|q{_SEP}+(?:o{_SEP}*)?d\.?|qo{_SEP}+d\.?)"
                 r"(?![A-Za-z0-9/])")
# The rest of ISMP's error-prone abbreviations for when (its List of Error-Prone Abbreviations, Symbols, and Dose
# Designations), each with what it is misread as; a patient reads none of them: "hs" (at bedtime) and "HS" (half-
# strength) are read as each other, "qhs" as "qhr" (every hour), "qn" as "qh", "q1d" as "q.i.d.", "TIW" as 3 times a
# day.  Compact or dotted, in lower case, or in capitals alone (not "Hs", "Qn": a name; nor "QN", initials).
_WHEN_ABBREVIATIONS = {"hs": ("at bedtime", "half-strength"), "qhs": ("at bedtime", "every hour"),
                       "qn": ("nightly", "every hour"), "q1d": ("daily", "four times a day"),
                       "tiw": ("3 times a week", "3 times a day")}
_WHEN_ABBREVIATED = re.compile(r"(?<![A-Za-z0-9./_-])(?:(?:q\.?)?h\.s\.?|qhs|q\.n\.?|qn|q1d|t\.?i\.?w\.?"
                               r"|(?:Q\.?)?H\.S\.?|QHS|Q1D|T\.?I\.?W\.?|HS|hs)(?![A-Za-z0-9/])")
# A kitchen spoon is no measure (ISMP, FDA): a liquid's dose is in mL, measured with a syringe or cup.
_SPOON = re.compile(r"(?<=\d)\s?(teaspoons?|tablespoons?|tsps?|tbsps?)(?![A-Za-z])", re.I)
# A count of what measures a liquid, not of mL ("2 syringes", "1 full syringe", "2 droppers", "1 cupful", "2 jeringas")
# given as a dose (an order before it: "Wash the 2 syringes" is no dose)
_MEASURES = re.compile(r"(?<![\w-])(?:give|take|dele|déle|dé|tome|donnez(?:-lui)?|prenez)\s+(?:[^\W\d_]+\s+)?"
                       r"((?:\d+|one|two|three|four|a|una?|dos|tres|deux|trois)\s+(?:(?:full|whole|llenas?|pleines?)\s+)?"
                       r"(?:(?:oral\s+)?syringe(?:s|fuls?)?|droppers?(?:fuls?)?|cup(?:s|fuls?)|capfuls?|jeringas?|goteros?"
                       r"|vasitos?|seringues?|pipettes?|gobelets?))(?![\w-])", re.I)
# "cc" is read as "u" (units) or as "00" (ISMP): millilitres are "mL".
_CC = re.compile(r"(?<=\d)\s?(c\.?c\.?)(?![A-Za-z0-9])", re.I)
# "Daily" leaves the patient to guess when; a time of day in the same sentence settles it.
# ("your daily" before what is kept or done every day says no dose's frequency: "with your daily medicines", "your daily
# life"; not "6 daily tablets", nor "this week daily tablets help": reviews)
NOT_HOW_OFTEN = (r"(?:(?<=your\s)|(?<=their\s)|(?<=his\s)|(?<=her\s)|(?<=my\s)|(?<=other\s)|(?<=the\s))daily\s+"
                 r"(?:tablets|medicines|medications|meds|pills|vitamins|routine|life|activities|tasks|chores|walks?|living)\b")
# (the look ahead at the words' first letters passes over every other word without the lookbehinds: 0.37 -> 0.1 ms a
# handout)
_FREQ = re.compile(rf"\b(?=[deot])(?!{NOT_HOW_OFTEN})(daily|once a day|twice a day|every day|each day)\b", re.I)
_PROHIBITION = re.compile(r"\b(?:never|do not|don't|must not)\s+(?:take|give|use)\b[^.,;:]*$", re.I)
_DAY_CELLS = frozenset({"day_every"})
_EXCEPT = re.compile(r"\s+except\b", re.I)
# (and a clock time as charts write it: "at 08:00 and 20:00", "at 0800 and 2000", "0800 hrs": a review saw
# "Give 5 mL twice a day at 0800 and 2000" refused for want of a time of day)
_TIME = re.compile(r"\b(morning|evening|bedtime|night|tonight|breakfast|lunch|dinner|supper|meal|noon|midnight)s?\b"
                   r"|\d\s?[ap]\.?m\b|\b\d{1,2}:\d{2}\b|(?:\bat|@|:)\s*(?:[01]\d|2[0-3])[0-5]\d\b"
                   r"|\b(?:[01]\d|2[0-3])[0-5]\d\s?(?:hrs?|hours)\b", re.I)


@cache
def _number_rules(unit_words: tuple[str, ...], decimal: str = ".") -> tuple[re.Pattern, re.Pattern]:
    units = "|".join(re.escape(u) for u in sorted(set(_UNITS + _UNIT_WORDS + unit_words), key=recache.longest_first))
    # "3.0 mg" is read as 30 mg when the point is lost (a decimal comma "3,0" too; "1,000" is grouping
    # where the point is the decimal sign, and "4,500 mg" a trailing zero where the comma is: a review).
    # (In any case: "1.0 MG" is the same hazard.)
    # (The unit in brackets too: "4.0 (mg)", a review.)
    comma = r",\d*0" if decimal == "," else r",\d?0"
    # (Not a lab value: "5.0 mmol/L", "4.0 mg/dL": a review.)
    trailing = recache.pattern(rf"(?<![\d.,])(\d+(?:\.\d*0|{comma}))[\s(-]*(?:{units})(?!\w)(?!\s?/\s?d?L\b)", re.I)
    # ".5 mg" is read as 5 mg when the point is missed.
    leading = recache.pattern(rf"(?<![\w.,])([.,]\d+)[\s(-]*(?:{units})(?!\w)", re.I)
    return trailing, leading


@cache
def _decimal_comma(unit_words: tuple[str, ...]) -> re.Pattern[str]:
    units = "|".join(re.escape(u) for u in sorted(set(_UNITS + _UNIT_WORDS + unit_words), key=recache.longest_first))
    return recache.pattern(rf"(?<![\d.,])(\d+,\d{{1,2}})(?!\d)[\s(-]*(?:{units})(?!\w)", re.I)


class Unsure(str):
    """A finding that is a warning, not an error: a number with no unit may be no dose at all."""


# A whole number written with ".0" is a dose's trailing zero with or without its unit ("Your dose is
# 4.0.", a review): never a time ("9.00 am" has two zeros), a version ("2.0.1") or a longer number.
# With no unit it is a warning (Unsure): an INR range "entre 2,0 y 3,0", a fever "38,0", a BMI "25,0" or
# "a 1.0 mm needle" in any of the languages is no dose, and an error stopped their builds (a review).
# (Not a temperature, a percentage or a lab range: "38.0 °C", "7.0%", "INR 2.0 to 3.0": a review.)
_POINT_ZERO = re.compile(r"(?<![\w.,])(?<!\d\sto\s)(?<!\d\sand\s)(?<![\d][-–])\d+[.,]0(?![\d]|[.,]\d)"
                         r"(?!\s?(?:°|%|[CF]\b|to\s\d|and\s\d|[-–]\d|[A-Za-zµμ]+\s?/\s?d?L\b))")  # "4,0." too


# Full-width digits, point and letters; squared units (㎎ ㎍ ㎖).  Not the full-width comma: "用量，1.0 mg"
# folded to "用量,1.0 mg" hid the number from every rule (a code review).
# (Superscript and circled digits too: "⁴⁵ mg", "⑮ mg" passed every rule, a review.)
_WIDE = re.compile("[\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3380-\u33ff\u00b2\u00b3\u00b9\u2070-\u2079"
                   "\u2460-\u2473]+")
# Arabic-Indic, Persian and Devanagari digits, with the Arabic decimal and group signs: "٤٫٠ ملغ" hid a
# trailing zero that "4.0 ملغ" shows (a review).  Folded to ASCII digits before the number rules.
_NATIVE = re.compile("[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f]+(?:[\u066b\u066c.,][\u0660-\u0669\u06f0-\u06f9\u0966-\u096f]+)*")
_NATIVE_SIGNS = {"\u066b": ".", "\u066c": ","}
# Marks that pass for a decimal point between digits ("4\u20240 mg", "4٫0"), and soft hyphens: folded first.
_LOOKALIKE_POINT = re.compile("(?<=\\d)[\u2024\ufe52\u00b7\u066b](?=\\d)")
# What every number rule needs in the text: most of a handout's prose has none (so is skipped).
_NUMERIC = re.compile(r"[\d½¼¾⅓⅔⅛µμ]")


def fold(text: str) -> str:
    """Numbers and units as they read: full-width "１.０ mg", "1．0", "5 ㎍", "㎎" print as what they look
    like and hid from every rule (an adversarial review), as did native digits ("٤٫٠") and marks that
    pass for a point ("12·5"): each is folded to ASCII first (``textamounts`` reads the same)."""
    if text.isascii():
        return text
    text = _WIDE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = _NATIVE.sub(lambda m: "".join(_NATIVE_SIGNS.get(ch) or str(unicodedata.digit(ch, ch)) for ch in m.group()),
                       text)
    return _LOOKALIKE_POINT.sub(".", text.replace("\u00ad", ""))


def _against(sentence: str, freq: re.Match[str]) -> bool:
    """A warning against the frequency, as H154 reads one ("Methotrexate is never taken daily", "once a week, not
    every day", "Taking it daily by mistake can kill"): it says which days not to, and needs no time of day."""
    from .warning import against
    from .wordlists import load

    words = load("en")
    return words is not None and against(words, sentence, freq.start(), freq.end())


def _another_order(sentence: str) -> bool:
    """A sentence that orders something else and names no dose ("Drink water twice a day", "Avoid alcohol
    every day"): its frequency needs no time of day (a review: such notes were refused)."""
    from .weeklydays import AMOUNT
    from .wordlists import load  # (English: the rule above reads English only)
    from .wordpatterns import words_pattern

    words = load("en")
    if words is None or not words.action_verbs:
        return False
    if words_pattern((*words.dose_words, *words.counted, *words.dose_nouns), True).search(sentence) or \
            AMOUNT.search(sentence):
        return False
    return any(words.is_verb(w) for w in re.findall(r"[^\W\d_]+", sentence))


def _dose_problems(text: str, english: bool, unit_words: tuple[str, ...], signs: tuple[str, str] = (".", ",")
                   ) -> Iterator[str]:
    """The rules' findings for one text; ``signs``: the language's decimal and group signs."""
    text = fold(text)
    if _NUMERIC.search(text):
        yield from _number_problems(text, unit_words, signs)
    # Latin abbreviations, misread in any language's text ("Tome 1 cápsula qd": a review)
    for m in _QD.finditer(text):
        shown = m.group(0)
        if shown.endswith(".") and "." not in shown[:-1]:  # "qd." ends its sentence; "q.d." is the dotted form
            shown = shown[:-1]
        yield f"'{shown}' (expected 'every morning', 'every other day' … in words: 'qd' and 'qod' are misread)"
    for m in _WHEN_ABBREVIATED.finditer(text):
        shown = m.group(0)[:-1] if m.group(0).endswith(".") and m.group(0).count(".") == 1 else m.group(0)
        meant, misread = _WHEN_ABBREVIATIONS[shown.replace(".", "").lower()]
        yield f"'{shown}' (expected '{meant}' in words: it is misread as {misread})"
    if not english:
        return
    if not _FREQ.search(text):  # no frequency word: no sentence to look at
        return
    for _, s in continued(sentences(text)):  # ("Take it at 8 a.m. every day": one sentence)
        freq = _FREQ.search(s)
        # A prohibition ("Never take it every day", ISMP's weekly methotrexate warning) and an
        # explicit exception ("every day except Monday") say exactly which days: not vague.
        if freq and (_PROHIBITION.search(s[:freq.start()]) or _EXCEPT.match(s[freq.end():]) or _against(s, freq)):
            continue
        if freq and not _TIME.search(s) and not _another_order(s):
            yield (f"'{freq.group(0)}' with no time of day (expected when to take it in the same sentence: "
                   "morning, evening, bedtime or with a meal)")


def _closed(dose: str) -> str:
    """A dose as found, its unit's bracket closed ("4.0 (mg" -> "4.0 (mg)")."""
    return dose + ")" if "(" in dose else dose


# "3.000 mg" is three thousand where the language groups thousands with a point (Spanish, German):
# never a trailing zero there, and "3 mg" would be a thousand-fold wrong suggestion (a review).
POINT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _number_problems(text: str, unit_words: tuple[str, ...], signs: tuple[str, str] = (".", ",")) -> Iterator[str]:
    decimal, group = signs
    trailing, leading = _number_rules(unit_words, decimal)
    said = set()
    for m in trailing.finditer(text):
        num, dose = m.group(1), _closed(m.group(0))
        said.add(m.start())
        if group == "." and POINT_GROUPS.fullmatch(num):
            continue
        if decimal == "." and re.fullmatch(r"\d+,\d{1,2}", num):  # "4,50 mg": said once, as a decimal comma
            continue
        fixed = re.sub(r"[.,]?0+$", "", num) + dose[len(num):]
        if re.fullmatch(r"\d{1,3}[.,]\d{3}", num):  # "3,000 mg" in Spanish, "3.000 mg" in English (reviews)
            whole = num.replace(".", "").replace(",", "") + dose[len(num):]
            yield (f"'{dose}' reads as {fixed} or as {whole} (expected '{whole}' for a thousand times "
                   f"'{fixed}', or '{fixed}': a group sign the reader takes for a decimal sign is a thousand-fold error)")
            continue
        yield f"'{dose}' has a trailing zero (expected '{fixed}': '3.0 mg' is misread as 30 mg)"
    for m in _POINT_ZERO.finditer(text):
        if m.start() not in said:
            yield Unsure(f"'{m.group(0)}' has a trailing zero (expected '{m.group(0)[:-2]}' if it is a dose: '4.0' "
                         "is misread as 40)")
    if decimal == ".":  # "4,5 mg" where the language writes "4.5": read as 45 (a review)
        for m in _decimal_comma(unit_words).finditer(text):
            number = re.sub(r"\.?0+$", "", m.group(1).replace(",", "."))  # "4,50" -> "4.5", "4,0" -> "4"
            yield (f"'{m.group(0)}' has a decimal comma (expected '{number}{m.group(0)[len(m.group(1)):]}': this "
                   "language writes a decimal point, and '4,5 mg' is read as 45 mg)")
    for m in leading.finditer(text):
        dose = _closed(m.group(0))
        shown = decimal + dose[1:] if dose[0] in ".," else dose  # ",5 mg" in English: "0.5 mg" (a review)
        yield f"'{dose}' has no leading zero (expected '0{shown}': '.5 mg' is misread as 5 mg)"
    for m in _RUNS_ON.finditer(text):
        yield (f"'{m.group(0)}' has no space before its unit (expected '{m.group(1)} {m.group(2)}': "
               f"'10mg' is misread as 100 mg)")
    for m in _U.finditer(text):
        yield f"'{m.group(1) or m.group(2)}' as a unit (expected 'units' written out: 'U' is misread as 0 or 4, 'IU' as IV or 10)"
    for m in _SPOON.finditer(text):  # a warning: "1 tsp of honey" is no dose (a review)
        yield Unsure(f"'{m.group(1)}' as a unit (expected mL if it is a dose: a kitchen spoon holds from 2 to 10 mL)")
    for m in _CC.finditer(text):
        yield f"'{m.group(1)}' as a unit (expected 'mL': 'cc' is misread as 'u', units, or as 00)"
    for m in _MICRO.finditer(text):
        yield f"'{m.group(0)}' (expected 'mcg': the micro sign is misread as 'm', a 1,000-fold overdose)"
    for m in _FRACTION.finditer(text):
        if m.group(1) and (int(m.group(1)) >= int(m.group(2)) or m.group(2) == "10"):
            continue  # "24/7", "90/60", "20/20", a pain score "3/10": no fraction of a dose (reviews)
        if m.group(1) and int(m.group(2)) <= 12 and _DATE_END.match(text, m.end()):
            # (a day and a month, or a month and a day: "Bloods 3/6 and 5/6" is 3 June in London, 6 March in Boston)
            yield (f"'{m.group(0)}' is a fraction or a date (expected words: 'half a capsule', or the month by its name, "
                   "'3 June': both are misread)")
            continue
        yield f"'{m.group(0)}' is a fraction (expected words, e.g. 'half a capsule': fractions are misread)"


def _catalog_lines(lang: str) -> dict[str, Location]:
    """Where each label of a catalog that loaded (``load_labels``) is written, as read with its values."""
    return localize.load_labels(lang).lines


def check_doses(h: Handout) -> list[Finding]:
    """ISMP error-prone dose designations in every text of the language and in its label catalog.

    Number rules for every language: trailing zero ("3.0 mg"), missing leading zero (".5 mg"),
    "U"/"IU"/"UI" as a unit, "µg"/"μg", fractions ("1/2", "½").  Word rules for English only
    (the words differ in every language): "qd"/"qod"/"q.d.", and "daily", "once a day",
    "twice a day", "every day", "each day" with no time of day in the same sentence.
    """
    english = h.lang.split("-")[0] == "en"
    out: list[Finding] = []
    try:
        labels = load_labels(h.lang).values
    except HandoutError as exc:
        out += exc.findings
        labels = {}
    units = tuple(v for k, v in labels.items() if k.startswith("unit_"))
    signs = number_signs(h.lang)
    for path, raw, loc in [*markup_fields(h.text), *wallet_fields(h.text), *label_fields(h.text)]:  # the card too (a review)
        out += [_finding(loc, path, msg) for msg in _dose_problems(plain(raw), english, units, signs)]
    return out + (list(_catalog_doses(h.lang, english, units, tuple(labels.items()))) if labels else [])


@cache
def number_signs(lang: str) -> tuple[str, str]:
    """(decimal, group) signs ``lang`` writes numbers with ((".", ",") in English, (",", ".") in Spanish),
    from its catalog's locale."""
    from babel import Locale
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        locale = Locale.parse(load_labels(lang)("format_locale"))
        return get_decimal_symbol(locale, numbering_system="latn"), get_group_symbol(locale, numbering_system="latn")
    except (HandoutError, ValueError, LookupError):
        return ".", ","


def decimal_sign(lang: str) -> str:
    return number_signs(lang)[0]


def dose_problems(text: str, lang: str, where: Location, path: str) -> list[Finding]:
    """``check_doses``'s rules for one text in ``lang``, as errors (a note typed for one patient: ``personal``)."""
    try:
        labels = load_labels(lang).values
    except HandoutError:
        labels = {}
    units = tuple(v for k, v in labels.items() if k.startswith("unit_"))
    # (Not the unsure ones: a clinician's "INR 2.0" in a note is refused by nothing else either.)
    return [Finding(where, path, msg, code="H151")
            for msg in _dose_problems(text, lang.split("-")[0] == "en", units, number_signs(lang))
            if not isinstance(msg, Unsure)]


def spoon_problems(text: str, where: Location, path: str) -> list[Finding]:
    """A kitchen spoon as a unit in a note on a liquid medicine's page, as errors: "Give 1 tablespoon (15 mL)" or "2
    teaspoons" printed beside a table of 5.2 mL (a review); the table measures in mL with the syringe.  Elsewhere
    a spoon is ``_dose_problems``' warning ("1 tsp of honey" may be no dose).  And a count of what measures it
    ("Give 2 syringes", "1 full syringe", "2 droppers", "1 cupful"): syringes, droppers and cups come in many sizes,
    and "2 syringes" beside 5.2 mL reads as two doses (a review of notes: printed)."""
    folded = fold(text)
    return [Finding(where, path, f"'{m.group(1)}' as a unit on a liquid medicine's page (expected the dose in mL, "
                    "as the table gives it: a kitchen spoon holds from 2 to 10 mL; for food, no unit)", code="H151")
            for m in _SPOON.finditer(folded)] + \
        [Finding(where, path, f"'{m.group(1)}' on a liquid medicine's page (expected the dose in mL, as the table gives "
                 "it, measured to its mark: a syringe, dropper or cup holds from 1 to 30 mL)", code="H151")
         for m in _MEASURES.finditer(folded)]


def _finding(where: Location, path: str, msg: str) -> Finding:
    return Finding(where, path, msg, "warning" if isinstance(msg, Unsure) else "error", code="H151")


@lru_cache(maxsize=32)
def _catalog_doses(lang: str, english: bool, units: tuple[str, ...], labels: tuple[tuple[str, str], ...]
                   ) -> tuple[Finding, ...]:
    """The label catalog's findings: the same catalog gives the same ones, so once per process."""
    out: list[Finding] = []
    lines = _catalog_lines(lang)
    for key, value in labels:
        where = lines.get(key, Location(str(CATALOG_DIR / f"{lang}.yaml")))
        # The Day column's "Every day" stands beside the instruction that names the time.
        words = english and key not in _DAY_CELLS
        out += [_finding(where, key, msg) for msg in _dose_problems(value, words, units, number_signs(lang))]
    return tuple(out)
