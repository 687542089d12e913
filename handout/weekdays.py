"""Weekdays in the words: a language file, the facts and the language in; an error for each text that
names a weekday some track is not taken on.

A weekly plan's words name its day ("once a week, on Monday morning", "If you miss your Monday
dose"), and every track prints under the same words.  A track on another day printed "Monday" in
the key points and "Thursday" in the table and calendar: a patient who follows both takes two
weekly doses of methotrexate a week (a review).  So in a handout whose plans name days, a day the
words name must be one of every track's own days (``own_days``).

A day is found by its name as the page prints it (the catalog's label), as CLDR writes it, in
English in any language's words ("tuwing Monday", a line left untranslated), and in the other
spellings of ``EXTRA``, in any case, in the forms a translator writes (five reviews, each case in
tests/test_dosing.py ``DAY_WORDS``): a plural "s" ("Mondays", "lundis"), English short forms ("Mon.",
"Thurs"); Latin letters with or without accents ("miercoles"); Russian's case endings ("каждую
среду"); Arabic after its joined clitics ("وللخميس"), after "day" or "every" with no article ("كل
اثنين"), with either alef, with vowel marks, "ة" or a final hamza dropped; Persian with a space, a
non-joiner, Arabic keyboard letters, an ezafe or a suffix ("دوشنبه‌ها"); Chinese 星期, 礼拜 and 周;
Vietnamese "thứ" with the day's number after the words that come before a day ("vào", "hàng tuần"
after) or capitalised ("ngày thứ Hai"), Tagalog "Linggo" after "tuwing", "sa" and the like.  What only
looks like a day is not one: Russian words that begin like one ("средства", "среди", "четверть",
"окружающую среду"), Arabic "الأحداث" (events), Chinese before a count, a numeral or a unit
("每周一次", "每周一针", "每周五毫克"), Vietnamese ordinals ("lần thứ hai", "Liều Thứ Hai"), Tagalog
"linggo" and "Linggo 1" (a week), Haitian CLDR's "Mon" and "fri".  Still taken for a day: Arabic
"الاثنين" as "the two", Spanish "Domingo" as a name, Persian "سه شنبه" as "three Saturdays": the error
says which text and which day, and a rewording mends it.  Not found: other short forms, misspellings.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .dosing import medications
from .errors import Finding
from .model import Facts, Text

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NOT_A_DAY = {("tl", "sunday")}  # Tagalog "Linggo" is Sunday and "linggo" a week ("12 linggo"), capitalised first
_HAMZA = str.maketrans("أإآ", "ااا")
_START = r"(?<![\w\u200c])"  # a word's start (a Persian zero-width non-joiner is inside a word: "سه‌شنبه")


def days_named(t: Text, f: Facts, lang: str) -> list[Finding]:
    """Every text of ``t`` naming a day some track of ``f`` is not taken on (see the module docstring)."""
    if not any(s.days for tr in f.tracks for m in medications(tr) for s in m.steps):
        return []
    days_of = [(tr, own_days(tr)) for tr in f.tracks]
    patterns = day_patterns(lang)
    out = []
    from .pipeline import _strings  # (the model's walker; here only for a plan that names days)

    for path, text, where in _strings(t, "", t.loc):  # a title and a heading too ("If you miss your Monday dose")
        if path.startswith(("translation", "language")):  # (a translator's name, "Domingo García", is no day)
            continue
        plain = normalize(lang, text)
        said = [d for d in WEEKDAYS if any(p.search(plain) for p in patterns[d])]
        for tr, days in days_of:
            for d in said:
                if d not in days:
                    on = " and ".join(x.capitalize() for x in WEEKDAYS if x in days) or "every day"
                    out.append(Finding(where, path, f"names {d.capitalize()}, but track '{tr.id}' is a plan for {on}: "
                                       "its page would print both days (expected the words written for every track's "
                                       "days; a plan on other days needs a handout of its own)"))
    return out


def own_days(track: Any) -> set[str]:
    """The days a plan's words may name: the dose days of each medicine taken on a few days a week.  A
    medicine taken on six days names the one it is not taken on ("every day except Monday"), but only
    in a plan with nothing taken on fewer days: beside methotrexate, folic acid's "except" day is
    methotrexate's own, and folic acid's six days copied unchanged beside a Thursday plan let "on
    Monday morning" through (a review)."""
    days_by = [{d for s in m.steps for d in s.days} for m in medications(track)]
    out: set[str] = {d for days in days_by if len(days) < 6 for d in days}
    if not out:
        out = {d for days in days_by if len(days) == 6 for d in set(WEEKDAYS) - days}
    return out


# Names a catalog and CLDR leave out, by language: other common spellings of a day
EXTRA = {"hi": {"thursday": {"बृहस्पतिवार", "वीरवार"}, "sunday": {"इतवार"}},
         "tl": {"wednesday": {"Miyerkoles"}},
         "vi": {"sunday": {"Chủ nhật"}}}
# Russian endings of a day's name by its own ending (its stem and one of these, nothing else:
# "средства", "среди" and "четверть" are no days, a review)
_RU_ENDINGS = {"": "(?:|а|у|ом|е|и|ам|ами|ах)", "а": "(?:а|ы|е|у|ой|ей|ам|ами|ах)",
               "е": "(?:е|я|ю|ем|ям|ями|ях)"}
# Chinese: a count after a day's characters makes it no day ("每星期一次", once a week; "每周一片")
_ZH_COUNT = ("(?![次天片粒剂个小十一二三四五六七八九两点毫针支袋瓶般程均常期记、]|[到至或][一二三四五六七八九十两\\d])")
# ("每周二十毫克", "每周三到四次", "每周一针", "每周五毫克", "每周一般", "本周日程": no days; "周一周四": two)
# Vietnamese: "thứ hai" is a day or "second": a day after the words that come before one, or with its
# number capitalised but not after the words that come before an ordinal ("Liều Thứ Hai", second dose)
_VI_BEFORE = r"(?:vào|sáng|trưa|chiều|tối|đêm|mỗi|các|hôm|từ|đến|trước|sau)"  # (not "ngày": "ngày thứ ba", third day)
_VI_AFTER = r"(?:hàng|hằng|mỗi)\s+tuần"  # "Thứ hai hàng tuần": every week's Monday
_VI_NUMBER = {"monday": "hai|2", "tuesday": "ba|3", "wednesday": "tư|4", "thursday": "năm|5", "friday": "sáu|6",
              "saturday": "bảy|7"}
# A capitalised number is a day ("ngày thứ Hai", "liều thứ Hai": the Monday dose), but in Title Case
# or capitals after an ordinal's noun ("Tuần Thứ Ba", week three; "LẦN THỨ BA", the third time)
_VI_NOT = "".join(f"(?<!{w} )" for v in ("lần", "liều", "bước", "đợt", "tuần", "ngày", "viên", "tháng", "điều")
                  for w in (v.capitalize(), v.upper()))


@cache
def day_patterns(lang: str) -> dict[str, list[re.Pattern[str]]]:
    """Each weekday's patterns in ``lang``, matched against ``normalize(lang, text)`` (see the module
    docstring)."""
    root = lang.split("-")[0]
    names = _day_names(lang)
    out: dict[str, list[re.Pattern[str]]] = {}
    for d in WEEKDAYS:
        pats: list[re.Pattern[str]] = []
        for name in sorted(names[d] | EXTRA.get(root, {}).get(d, set())):
            n = normalize(lang, name)
            if root in ("zh", "ja", "ko"):  # written without spaces: found anywhere, but before a count
                pats.append(re.compile(re.escape(n) + (_ZH_COUNT if root == "zh" else "")))
            elif root == "vi" and d in _VI_NUMBER:
                pats.append(re.compile(rf"(?i:\b{_VI_BEFORE}\s+thứ\s+(?:{_VI_NUMBER[d]}))(?!\w)"))
                pats.append(re.compile(rf"(?i:(?<!\w)thứ\s+(?:{_VI_NUMBER[d]})\s+{_VI_AFTER})"))
                first, _, rest = n.partition(" ")
                pats.append(re.compile(rf"{_VI_NOT}(?<!\w)(?i:{re.escape(first)})\s+{re.escape(rest[:1].upper())}"
                                       rf"{re.escape(rest[1:])}(?!\w)"))
                pats.append(re.compile(rf"{_VI_NOT}(?<!\w){re.escape(n.upper())}(?!\w)"))
            elif root == "vi":  # "chủ nhật" is only Sunday
                spaced = r"\s+".join(re.escape(w) for w in n.split())
                pats.append(re.compile(rf"(?<!\w){spaced}(?!\w)", re.I))
            elif re.search("[\u0400-\u04ff]", n):  # Russian: its stem and a case ending
                tail = n[-1] if n[-1] in "ае" else ""
                env = "".join(f"(?<!{w} )" for w in ("окружающую", "окружающей", "окружающая", "кислой",
                                                        "щелочной", "водной")) if n.startswith("сред") else ""
                pats.append(re.compile(rf"{env}{_START}{re.escape(n[:-1] if tail else n)}{_RU_ENDINGS[tail]}"
                                       r"(?![\w\u200c])", re.I))  # ("в окружающую среду": the environment)
            elif re.search("[\u0600-\u06ff]", n):  # Arabic script: whole, after a joined wa-, bi-, fa-, li-
                suffix = "(?:ها|های|ای|ی)?" if root == "fa" else ""  # Persian "دوشنبهها", "دوشنبهی" (no non-joiner)
                pats.append(re.compile(rf"{_START}[وف]?[بكل]?{re.escape(n)}{suffix}(?![\w\u200c])"))
                if n.startswith("ال"):  # "كل يوم اثنين", "كل اثنين" (no article), "وللخميس" ("and for the")
                    pats.append(re.compile(rf"{_START}(?:(?:يوم|كل)\s+|[وف]?لل){re.escape(n[2:])}(?![\w\u200c])"))
            elif len(n) >= 4:  # a short CLDR name ("Mon", Haitian's) is another word too ("Monte", "fri")
                pats.append(re.compile(rf"{_START}{re.escape(n)}s?(?![\w\u200c])", re.I))  # "Mondays", "lundis"
        if root == "tl" and d == "sunday":  # "Linggo" after the words before a day, never "linggo" (a week) or "Linggo 1"
            pats.append(re.compile(r"(?i:(?<!\w)(?:tuwing|kada|noong|sa|ng))\s+Linggo(?![\w\u200c])(?!\s*\d)"))
        if root == "en":  # a leaflet's short forms, with their full stop ("every Mon."), or "Tues", "Thurs"
            short = {"monday": ("Mon.",), "tuesday": ("Tue.", "Tues"), "wednesday": ("Wed.",),
                     "thursday": ("Thu.", "Thur.", "Thurs"), "friday": ("Fri.",), "saturday": ("Sat.",),
                     "sunday": ("Sun.",)}[d]
            pats += [re.compile(rf"(?<!\w){re.escape(x)}" + ("" if x.endswith(".") else r"\.?(?!\w)")) for x in short]
        out[d] = pats
    return out


def _day_names(lang: str) -> dict[str, set[str]]:
    """Each weekday's names in ``lang``: the label the page prints, CLDR's wide names, and Chinese's
    "礼拜" names; none for a name in ``NOT_A_DAY``."""
    from babel import Locale, UnknownLocaleError

    from .errors import HandoutError
    from .localize import load_labels

    root = lang.split("-")[0]
    out: dict[str, set[str]] = {d: set() for d in WEEKDAYS}
    try:
        values = load_labels(lang).values
        for d in WEEKDAYS:
            if values.get(f"day_{d}"):  # (Russian's label has its preposition: "в понедельник")
                out[d].add(re.sub(r"^(?:во|в) ", "", values[f"day_{d}"]))
    except HandoutError:  # (a catalog's own problems are said where it is read)
        pass
    try:
        days = Locale.parse(lang.replace("-", "_")).days
        for ctx in ("format", "stand-alone"):  # wide names only: short ones are words too (Korean "월", a month)
            for i, d in enumerate(WEEKDAYS):
                out[d].add(days[ctx]["wide"][i])
    except (UnknownLocaleError, ValueError, KeyError):
        pass
    if root != "en":  # an English day name in another language's words ("tuwing Monday", a line left untranslated)
        for i, d in enumerate(WEEKDAYS):
            out[d].add(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[i])
    if root == "zh":
        for d in WEEKDAYS:
            out[d] |= {w + n[2:] for n in out[d] if n.startswith("星期") for w in ("礼拜", "周")}
        out["sunday"] |= {"星期天", "礼拜天"}
    return {d: set() if (root, d) in NOT_A_DAY else names for d, names in out.items()}


LATIN = ("en", "es", "fr", "tl", "ht", "de", "it", "pt")  # written with Latin letters whose accents may be left off
# Arabic-keyboard yeh and kaf as Persian's; a zero-width non-joiner left in a word is a break ("دوشنبه‌ها",
# Mondays: the day and its suffix), once the day names it joins are one word ("سه‌شنبه", "پنج شنبه")
_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ۀ": "ه", "\u200d": ""})  # (ezafe "دوشنبۀ" is "دوشنبه")
_PERSIAN_DAY = re.compile("(?<![\\w\u200c])(یک|دو|سه|چهار|پنج)[ \u00a0\u200c]*(?=شنبه)")
_ARABIC_ENDS = str.maketrans({"ة": "ه", "ء": ""})  # "الجمعه" for "الجمعة", "الثلاثا" for "الثلاثاء"
_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")  # Arabic's vowel marks and tatweel ("الاثـنَيْن")


def normalize(lang: str, text: str) -> str:
    """``text`` as the day patterns read it: Arabic script's alef with a hamza or madda as a bare alef
    ("الإثنين" is spelled both ways); Persian's yeh, kaf, zero-width non-joiner and spaced day names
    ("پنج شنبه") in one spelling; Latin letters without their accents ("miercoles" is "miércoles"),
    but Vietnamese's, which make its words."""
    root = lang.split("-")[0]
    if root == "fa":  # letters first, then the joined day names, then a non-joiner left is a word break
        return _PERSIAN_DAY.sub(r"\1", _MARKS.sub("", text.translate(_HAMZA).translate(_PERSIAN_LETTERS))) \
            .replace("\u200c", " ")
    if root in ("ar", "ur"):
        return _MARKS.sub("", text.translate(_HAMZA)).translate(_ARABIC_ENDS)
    if root in LATIN and not text.isascii():
        import unicodedata

        bare = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
        return unicodedata.normalize("NFC", bare)
    return text
