"""Days by their numbers in a weekly plan's sentences (H154, ``weeklywords``): a course's match and its sentence in,
the days' numbers it lists out ("on days 1, 2 and 3", "D1 and D8", "days 1,2,3"), and where the list ends.

A dose on days a week apart ("days 1, 8 and 15" of a cycle) is the weekly dose; on days closer than that, it is
the weekly dose taken again too soon (``Weekly.is_course``).  The day's words are English, Spanish and French,
as the word lists with courses of days are.
"""

from __future__ import annotations

import re

from .wordpatterns import RANGE_OR_CHOICE, RANGE_WORDS

DAY_WORD = r"(?:day|d[ií]a|jour)s?"  # a day's word, before its number
# A chart's day letter before its number ("D1", "J1"), not vitamin D3's
SHORT_DAY = r"(?<!vitamin\s)(?<!vitamina\s)(?<!vitamine\s)(?<!vit\s)[dj]"
ONE_DAY = re.compile(rf"{DAY_WORD}\s+\d{{1,3}}$", re.I)
# ("D1 and D8-D10", "day 1 to day 3", "day 1 thru 3")
RANGE_END = re.compile(rf"\s*{RANGE_WORDS}\s*(?:{DAY_WORD}\s*|[dj])?\d", re.I)
# A day's number ("on day 1", "days 1, 2", "los días 1, 2", "D1, D8"), a range of them ("days 1-3", "del día 1 al 3": a course
# as before, its links as a phrase's "#" takes them, "1 or 2" too), and a list's next one ("… & 2", "… and day 3")
_DAY_NUMBER = re.compile(rf"(?<![^\W\d_])(?:{DAY_WORD}\s+|[dj])\d", re.I)
SHORT_DAY_NUMBER = re.compile(r"(?<![^\W\d_])[dj]\d", re.I)
_IN_RANGE = re.compile(rf"\d\s*{RANGE_OR_CHOICE}\s*[dj]?\d", re.I)
# Days' numbers listed tight or with their link words, where no phrase of a word list reads them: "days 1,2,3" (a
# number before a comma and a digit is a decimal to a phrase's "#": not after a day's word), "days 1/2/3", "D1+D2",
# "day 1 and on day 2", "day 1, then day 2", "el día 1 y el día 2", "le jour 1 et le jour 2" (a review: printed
# under the Monday-only plan).  Read as the phrases' lists are (``Weekly.is_course``): days a week apart print.
# After a space or a link word each number has its day's word: a number alone there is anything else ("day 1,
# 2 hours after food", "on day 1 and 5 mg folic acid on day 3", "day 1, 12/4": a second review).
_DAY = rf"(?:{DAY_WORD}\s+|{SHORT_DAY}(?=\d))"
_LINK = (r"(?:(?:\s*(?:[,/+&]|(?<!\w)(?:and|then|also|plus|as\s+well\s+as|followed\s+by|next|after\s+that|y|luego|"
         r"después|también|et|puis|ensuite|aussi)(?!\w)))+\s*|\s+)"
         r"(?:(?:again|on|the|el|le|otra\s+vez|de\s+nuevo|de\s+nouveau)\s+)*")
DAY_LIST = (rf"(?P<days>(?<![^\W\d_]){_DAY}\d{{1,2}}(?:(?:,\d{{1,2}})+|(?:[/.; ]\d{{1,2}}){{2,}}"
            rf"|(?:(?:and|y|et|&) ?\d{{1,2}})+|(?:{_LINK}{_DAY}\d{{1,2}})+)"
            r"(?![\d/:]|[.,]\d))")
_NEXT_DAY = re.compile(rf"\s*(?:[,&]|(?<![^\W\d_])(?:and|y|e|et)(?![^\W\d_]))\s*(?:{DAY_WORD}\s+|[dj])?(\d{{1,3}})"
                       r"(?![\d/:]|[.,]\d)", re.I)
# (two numbers at least after a day's number, with a space or a semicolon alone between: "days 1 2 3", "days 1;2;3";
# not "day 1 2 hours after food", "day 1;2 glasses of water")
_SPACED = re.compile(r"(?:(?: \d{1,2}){2,}|(?:;\d{1,2}){2,})(?![\d/:]|[.,]\d)")
# (or one, after a plural day's word, where the sentence or its list ends: "days 1 2.", "los días 1 2 y 3")
_PAIR = re.compile(r" \d{1,2}(?=\s*(?:$|[.,;:!?)]|(?:and|y|e|et|&|of|de|del|du|this|esta|cette)(?![\w'’])))", re.I)
_PLURAL = re.compile(r"(?:day|d[ií]a|jour)s\s+\d{1,2}$", re.I)
DAY_TOKEN = re.compile(rf"{DAY_WORD}|[dj]\d{{1,2}}")  # a list's own words ("day 2", "D2"), one at a time


def listed_days(text: str, found: re.Match[str]) -> tuple[list[int], int]:
    """The days' numbers a course phrase lists, in it and right after it, in order ("on days 1, 2 and 3": 1, 2, 3),
    and where the list ends; [] for a phrase with no day's number or with a range ("days 1-3")."""
    said, end = found.group(0), found.end()
    if _DAY_NUMBER.search(said) is None or _IN_RANGE.search(said) is not None:
        return [], end
    numbers = [int(n) for n in re.findall(r"\d+", said)]
    if (spaced := _SPACED.match(text, end) or (_PAIR.match(text, end) if _PLURAL.search(said.rstrip()) else None)) is not None:
        return sorted([*numbers, *map(int, re.findall(r"\d+", spaced.group(0)))]), spaced.end()
    more = _NEXT_DAY.match(text, end)
    while more is not None and len(numbers) < 31:
        numbers.append(int(more.group(1)))
        end = more.end()
        more = _NEXT_DAY.match(text, end)
    return sorted(numbers), end
