"""Stage 4 — localize: a language tag in, labels and number/date formats out.

Interface labels come from ``handout/catalogs/<lang>.yaml``.  Every catalog must
have every key the source catalog (English) has: a missing label is an error
naming the language and the key, never a silent English word in a patient's
PDF.  Numbers and dates are formatted with Babel (CLDR), and doses keep the
ISMP rules in every locale: a leading zero (0.5 mg), no trailing zero (3 mg),
a (no-break) space before the unit.  Digits stay Latin in every language so a
pharmacist and a patient read the same number on the same label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton, get_day_names
from babel.numbers import format_decimal, get_decimal_symbol

from . import cldrcache
from .errors import Collector, HandoutError, Location
from .langs import CATALOG_DIR, SOURCE_CATALOG  # noqa: F401  (also localize's names)
from .keptrees import load_kept
from .load import Map, Scalar
from .model import Period
from .markup import NBSP
from .memory import MEMORY

Date = date  # for the annotations of Localizer, whose method date() hides the type

# Leading zero, up to three decimals, no trailing zeros, grouping from 1,000.
DOSE_PATTERN = "#,##0.###"
# Labels a catalog may add for what its locale's CLDR data lacks (Haitian Creole has no month
# names there: dates printed as "2026 M11 1"): the months, comma-separated, and the long
# date's pattern (CLDR syntax, "d MMMM y").
# And the word that joins a list's last item (Haitian Creole's CLDR data has none: "1 grenn nan
# maten, 1 grenn aswè" lacked its "ak"), as a list pattern "{0} ak {1}".
OPTIONAL = ("months", "date_long", "date_short", "list_and")
# An over-the-counter medicine's words a catalog may lack: without them its page says the prescription
# wording ("ask the prescriber"), as every page did before them (a clinic author's review of an OTC
# children's liquid found "ask the prescriber" where there is none).  English has them.
MAY_LACK = ("box_weight_under_otc", "box_age_weight_otc", "calendar_keep_otc", "calendar_keep_otc_give")
# A count's words by CLDR plural category (Localizer.count): English has "one" and "other"; a
# catalog adds the categories its language needs ("6 أقراص", "15 قرصًا"; "2 дозы", "5 доз").
PLURAL = re.compile(r"form_(\w+?)_(zero|one|two|few|many|other)")
EXTRA_PLURALS = ("zero", "two", "few", "many")


def plural_key(key: str, source: dict[str, str]) -> bool:
    """Whether ``key`` is a plural category English lacks, of a count form English has."""
    m = PLURAL.fullmatch(key)
    return m is not None and m.group(2) in EXTRA_PLURALS and f"form_{m.group(1)}_other" in source


def extra_plurals(lang: str, labels: dict[str, str]) -> dict[str, list[int]]:
    """The CLDR plural categories beyond English's that ``lang`` (its catalog's ``format_locale``)
    uses for the counts 0 to 100, each with its counts; none for a locale Babel does not know."""
    from babel import UnknownLocaleError

    try:
        locale = Locale.parse(labels.get("format_locale") or lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return {}
    out: dict[str, list[int]] = {}
    for n in range(101):
        out.setdefault(locale.plural_form(n), []).append(n)
    return {cat: counts for cat, counts in out.items() if cat in EXTRA_PLURALS}


@dataclass(frozen=True)
class Labels:
    lang: str
    values: dict[str, str]
    # Where each key is written (the checks point at a label's line): read with the values, once.
    lines: dict[str, Location] = field(default_factory=dict, compare=False, repr=False)

    def __call__(self, key: str, **fields: object) -> str:
        return self.values[key].format(**fields) if fields else self.values[key]

    def reader(self, key: str, caregiver: bool, otc: bool) -> str:
        """``key`` in the reader's form, the most specific the catalog has: over the counter ("a
        doctor or pharmacist": no prescriber, "_otc"), a caregiver's ("your child", "_give"), both."""
        for suffix, wanted in (("_otc_give", otc and caregiver), ("_otc", otc), ("_give", caregiver)):
            if wanted and key + suffix in self.values:
                return key + suffix
        return key


def _read_catalog(lang: str) -> tuple[dict[str, str], dict[str, Location], str]:
    path = CATALOG_DIR / f"{lang}.yaml"
    if not path.exists():
        raise HandoutError.single(Location(str(path)), "", f"no label catalog for language '{lang}' "
                                  f"(expected handout/catalogs/{lang}.yaml with every key of {SOURCE_CATALOG}.yaml)")
    node = load_kept(path)
    c = Collector()
    values: dict[str, str] = {}
    locs: dict[str, Location] = {}
    if not isinstance(node, Map):
        raise HandoutError.single(node.loc, "", "a catalog is a mapping of label keys to text")
    for key, (kloc, val) in node.entries.items():
        if not isinstance(val, Scalar) or not val.text.strip():
            c.error(val.loc, key, f"label for language '{lang}' must be non-empty text")
            continue
        values[key] = val.text
        locs[key] = kloc
    c.raise_if_errors()
    return values, locs, str(path)


@cache
def load_labels(lang: str) -> Labels:
    """The complete label catalog of ``lang`` or an error naming every missing key."""
    values, locs, file = _read_catalog(lang)
    cldrcache.prime(values.get("format_locale"))  # before babel first needs the language (cldrcache says why)
    if lang != SOURCE_CATALOG:
        source, _, _ = _read_catalog(SOURCE_CATALOG)
        c = Collector()
        for key in source:
            if key not in values and key not in MAY_LACK:
                c.error(Location(file, 1, 1), key, f"label '{key}' is missing for language '{lang}' "
                        f"(English: \"{source[key]}\")")
        for key in values:
            if key not in source and key not in OPTIONAL and not plural_key(key, source):
                c.error(locs[key], key, f"unknown label '{key}' in language '{lang}'")
        c.raise_if_errors()
    return Labels(lang, values, locs)


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def day_names(lang: str) -> frozenset[str]:
    """Every way the language's page may name a day of the week: the catalog's day labels, CLDR's wide names (in a
    date and alone) and the word list's days, lower case.  (A handout whose words name one is not moved to a patient's
    day: ``weekday``.  Not the abbreviations: "Sun" and "Sat" are words too, "avoid the sun".)"""
    from .wordlists import load as load_wordlist

    loc = Localizer(lang)
    names = {loc.labels(f"day_{d}") for d in _WEEKDAYS}
    for context in ("format", "stand-alone"):
        names.update(get_day_names("wide", context, locale=loc.locale).values())
    words = load_wordlist(lang)
    if words is not None:
        names.update(words.weekdays)
    return frozenset(n.lower() for n in names if n)


class Localizer:
    """Formats the facts (numbers, doses, dates, periods, counts) for one language."""

    def __init__(self, lang: str, separators: tuple[str, str] | None = None, remember: bool = True):
        """``separators``: (decimal, group) of the region's pharmacy labels, which win over the
        language's own (a Spanish handout for a US clinic prints 1.5 mg, as on the bottle).
        ``remember`` False: a personalised handout's, whose numbers (a dose worked out from a
        child's weight) are the patient's and never remembered (``number``)."""
        self.lang = lang
        self.remember = remember
        self.labels = load_labels(lang)
        values = self.labels.values
        self.locale = _with_catalog(Locale.parse(values["format_locale"]), values.get("months"), values.get("list_and"),
                                    lang)
        self._long = self.labels.values.get("date_long", "long")
        self.separators = separators
        self._own_decimal = get_decimal_symbol(self.locale, numbering_system="latn")

    def number(self, value: float) -> str:
        """``value`` as a dose's number: the language's decimal sign, or the region's (``separators``).
        Remembered per language and separators (a handout prints the same few numbers in each layout
        tried; Babel's formatting was 0.3 ms of a new handout's build), but not a personalised one's."""
        if not self.remember:
            return self._number(value)
        key = (self.lang, self.separators, str(value))  # (by its text: -0.0 is not 0, a review)
        hit = MEMORY.numbers.get(key)
        if hit is None:
            hit = MEMORY.numbers.put(key, self._number(value))
        return hit

    def _number(self, value: float) -> str:
        if self.separators is None:
            return format_decimal(value, format=DOSE_PATTERN, locale=self.locale, numbering_system="latn")
        decimal, group = self.separators
        # A number never breaks across lines; and a reader whose language writes its decimal sign
        # as the region groups thousands would read a US label's "3,000 mg" as 3 mg (a Spanish
        # handout in Texas), an English reader in Germany "1.500 mg" as 1.5 mg: that group is a
        # no-break space, which no reader takes for a decimal sign ("3 000 mg").
        group = NBSP if group in (" ", self._own_decimal) else group
        plain = format_decimal(value, format=DOSE_PATTERN, locale="en_US", numbering_system="latn")
        return "".join(decimal if ch == "." else group if ch == "," else ch for ch in plain)

    def dose(self, amount: float, unit: str) -> str:
        number = self.number(amount)
        if unit == "units":  # a word, not a symbol: counted ("1 unit", "5 units"; "5 وحدات", "1 unidad")
            counted = self.count(amount, "unit")
            return counted.replace(f"{number} ", f"{number}{NBSP}", 1)  # glued, as a symbol is
        return f"{number}{NBSP}{self.labels('unit_' + unit)}"

    def count(self, n: float, form: str, shown: str | None = None) -> str:
        """"1 capsule", "2 capsules", "1 or 2 tablets" (``shown`` in place of the number, pluralised by n)."""
        plural = self.locale.plural_form(n)
        key = f"form_{form}_{plural}"
        if key not in self.labels.values:
            key = f"form_{form}_other"
        return self.labels(key, n=self.number(n) if shown is None else shown)

    def date(self, d: Date) -> str:
        return format_date(d, format=self._long, locale=self.locale)

    def date_range(self, first: Date, last: Date) -> str:
        """"Dec 1 – 14", "1–14 déc.", "12月1日至14日": the locale's own interval pattern, each date
        kept whole on its line (``whole_dates``); one day is that day's date ("14–14 desanm" in review)."""
        if first == last:
            return self.short_date(first)
        if "date_short" in self.labels.values:  # the catalog's own day-month order (CLDR has none)
            if (first.year, first.month) == (last.year, last.month) and self.labels("date_short").startswith("d"):
                return whole_dates(f"{self.number(first.day)}–{self._short(last)}")  # "11–24 desanm"
            return whole_dates(f"{self._short(first)} – {self._short(last)}")
        months = {*self._short(first).split(), *self._short(last).split()}  # not Persian's "تا" ("to")
        return whole_dates(format_interval(first, last, "MMMd", locale=self.locale), months)

    def date_range_said(self, first: Date, last: Date) -> str:
        """A range of dates as a screen reader should say it, "from December 1 to December 14": the en
        dash of "Dec 1 – 14" is silent at a screen reader's usual punctuation level, and the range ran
        into the step's numbers before it ("Days 1 to 10 Dec 1 10": a listening review)."""
        if first == last:
            return self.said_date(first)
        return self.labels("dates_said", start=self.said_date(first), end=self.said_date(last))

    def said_date(self, d: Date, weekday: bool = False) -> str:
        """A date as a screen reader should say it, its month in full ("March 9", "9 de marzo"), after
        its weekday in full (``weekday``: "martes 9 de marzo").  A Spanish calendar's box said "mar 9
        mar": a voice reads "mar" (sea) for both martes and marzo (a listening review)."""
        own = "date_short" in self.labels.values  # the catalog's own words: CLDR has none (Haitian's "9 mas")
        day = self._short(d) if own else format_skeleton("MMMMd", d, locale=self.locale)
        if not weekday:
            return whole_dates(day)
        name = (self.labels(f"day_{_WEEKDAYS[d.weekday()]}") if own
                else get_day_names("wide", locale=self.locale)[d.weekday()])  # (keyed 0 for Monday, as weekday())
        return whole_dates(f"{name} {day}")

    def day_name(self, day: str) -> str:
        """A day of the week ("wednesday") as the calendar's boxes say it, for running text ({weekly_day}): CLDR's
        wide name ("Wednesday", "miércoles", "الأربعاء"), or the catalog's own where CLDR has none (Haitian)."""
        if "date_short" in self.labels.values:
            return self.labels(f"day_{day}")
        return get_day_names("wide", locale=self.locale)[_WEEKDAYS.index(day)]

    def short_date(self, d: Date) -> str:
        """Day and month in the locale's order and words ("Dec 1", "1 déc.", Haitian "3 desanm"), whole."""
        return whole_dates(self._short(d))

    def _short(self, d: Date) -> str:
        pattern = self.labels.values.get("date_short")
        if pattern:
            return format_date(d, format=pattern, locale=self.locale)
        return format_skeleton("MMMd", d, locale=self.locale)

    def period(self, p: Period) -> str:
        start, end = self.number(p.start), self.number(p.end) if p.end is not None else None
        if end is None:
            return glue_numbers(self.labels(f"period_{p.unit}_from", start=start), start)
        if p.end == p.start:
            return glue_numbers(self.labels(f"period_{p.unit}_single", start=start), start)
        return glue_numbers(self.labels(f"period_{p.unit}_range", start=start, end=end), start, end)


def glue_numbers(label: str, start: str, end: str | None = None) -> str:
    """A period label whose numbers stay with their words in a narrow "When" column: a range
    whole ("Semanas / 1 a 2", never "Semanas 1 a / 2"), and the last number with the word after
    it ("С 5-й недели") or, last in the label, the word before it ("Desde sem. 5", never "Desde
    sem. / 5").  No-break spaces; a label with no such space is unchanged."""
    i = label.find(start)
    if i < 0:
        return label
    j = i + len(start)
    if end is not None:
        k = label.find(end, j)
        if k < 0:
            return label
        label = label[:i] + label[i:k].replace(" ", NBSP) + label[k:]
        j = k + len(end)
    while j < len(label) and label[j] != " ":  # the number's own word: "5-й"
        j += 1
    if j < len(label):
        return label[:j] + NBSP + label[j + 1:]
    if end is None and i > 0 and label[i - 1] == " ":
        return label[:i - 1] + NBSP + label[i:]
    return label


_NUMBER = re.compile(r"[0-9]+(?:[–—-][0-9]+)?")  # a day, or days: "21", "7–13"
_DASH = re.compile(r"[–—~-]")


def whole_dates(text: str, months: set[str] | None = None) -> str:
    """A date or a range of dates whose line may break only after the range's dash (or beside a
    word like Persian "تا", one not among the dates' own ``months`` words), never between a day
    and its month: a narrow column printed "Dec 21 – Jan" over "3", which reads as another date.
    A day beside its month's word is glued with a no-break space, and so is the space before a
    dash (CLDR's thin space there becomes a narrow no-break space); after the dash the line may
    break (CLDR's thin space stays: ``breaks.tokens`` breaks there too).  Chinese dates have no
    spaces: ``breaks.cjk_break`` keeps a number with the character beside it."""
    parts = re.split("( |\u2009)", text)  # words, and the space before each next one
    words, gaps = parts[::2], parts[1::2]

    def apart(word: str) -> bool:  # the range's own separator: a dash, or a word of no date
        return _DASH.fullmatch(word) is not None or (months is not None and word not in months
                                                     and _NUMBER.fullmatch(word) is None)

    out = [words[0]]
    for prev, gap, word in zip(words, gaps, words[1:]):
        day_and_month = (_NUMBER.fullmatch(prev) is None) != (_NUMBER.fullmatch(word) is None) \
            and not apart(prev) and not apart(word)
        if _DASH.fullmatch(word):
            gap = "\u202f" if gap == "\u2009" else NBSP
        elif not day_and_month:
            gap = gap if apart(prev) else " "
        else:
            gap = NBSP
        out.append(gap + word)
    return "".join(out)


@cache
def _with_catalog(locale: Locale, months: str | None, joined: str | None, lang: str) -> Locale:
    """``locale`` with the catalog's month names (every width and context) and its list pattern
    for the last item (``list_and``), when it gives them."""
    if not months and not joined:
        return locale
    import copy

    from babel import localedata

    data = copy.deepcopy(localedata.load(str(locale)))
    if months:
        names = {i + 1: m.strip() for i, m in enumerate(months.split(","))}
        if len(names) != 12:
            raise HandoutError.single(Location(str(CATALOG_DIR / f"{lang}.yaml")), "months",
                                      f"expected 12 comma-separated month names, got {len(names)}")
        data["months"] = {ctx: {w: dict(names) for w in ("wide", "abbreviated", "narrow")}
                          for ctx in ("format", "stand-alone")}
    if joined:
        if joined.count("{0}") != 1 or joined.count("{1}") != 1:
            raise HandoutError.single(Location(str(CATALOG_DIR / f"{lang}.yaml")), "list_and",
                                      f"expected a pattern with {{0}} and {{1}}, e.g. \"{{0}} and {{1}}\", got \"{joined}\"")
        data["list_patterns"]["standard"].update({"2": joined, "end": joined})
    out = copy.copy(locale)
    out._Locale__data = localedata.LocaleDataDict(data)  # type: ignore[attr-defined, arg-type]  # babel's own cache stays untouched
    return out
