"""Regions: a country code in, its emergency, poison and crisis numbers, paper and number format out.

Language is not region: a Spanish handout for a clinic in Texas says "911" and prints "1.5 mg" as
on the bottle; the same words for a clinic in Madrid say "112" and print "1,5 mg".  So content
never types a phone number.  It writes a placeholder — ``{emergency}``, ``{poison}`` or
``{crisis}`` — and ``apply`` fills it in from ``handout/regions/<CC>.yaml``, a small file per
region shipped with the package:

    code: FR
    paper: a4            # the region's default paper size
    decimal: ","         # decimal and grouping separators of the region's pharmacy labels
    group: " "
    numbers:
      emergency: {number: "15", name: "SAMU 15 / 112", lang: fr}
      crisis: {number: "3114", name: "3114 (prévention du suicide)", lang: fr}

A number prints as its ``name`` when the name already holds the number, else as
``number (name)``, or the bare number.  A name with words says their language (``lang``): on a
page in another language a screen reader reads "Poison Help" with an English voice.

A region without a national poison line sends "took too much" to its emergency number, and one
without a national crisis line sends "if you think of hurting yourself" there too (``FALLBACK``):
every region has an emergency number (a region file without one is refused), so every placeholder
prints a number and no words are ever left out.  Both were once left out, a sentence at a time, and
reviews showed the harm: France's acetaminophen key point kept only "Liver damage may not show at
first."; a sentence cut at "e.g." left "g. at night)" in a precaution and "1 in 4.5" became "1 in
4."; a side effect named in the sentence with the crisis line vanished from the serious box; the
Chinese and Korean serious box lost the bold's closing "**" with the crisis sentence, and printed it.
Someone thinking of hurting themselves, where there is no crisis line, is the emergency number's
to answer.  ``check_placeholders`` reports an unknown placeholder, a phone number typed into the
text, and two placeholders side by side that some region prints as one number twice ("call 120 or
120"), located where they were written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import recache
from .errors import Finding, HandoutError, Location

if TYPE_CHECKING:  # read when a region is loaded or applied: the command line needs only PAPER's names
    from .model import Handout
    from .schema import Located

REGION_DIR = Path(__file__).parent / "regions"
DEFAULT_REGION = "US"
NUMBERS = ("emergency", "poison", "crisis")  # the region's phone numbers
# ... and the plan's day of a once-a-week medicine, in the page's words (``weekday``: moved to a patient's day)
PLACEHOLDERS = (*NUMBERS, "weekly_day")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")
# Where a region has no national poison or crisis line, a poisoning, or a thought of self-harm, is its
# emergency number's to answer (the module docstring says why nothing is left out instead).
FALLBACK = {"poison": "emergency", "crisis": "emergency"}
# Emergency and crisis numbers a translator might type instead of a placeholder.
_TYPED = re.compile(r"(?<![\d.,])(?:911|999|112|988|1-800-222-1222)(?![\d.,])")


@dataclass(frozen=True)
class Number:
    number: str
    name: str | None = None
    lang: str = ""  # the name's language (a BCP 47 tag); "" for a name of digits and signs alone

    @property
    def printed(self) -> str:
        # The number's groups never part at a line's end ("0800 111" / "0 111" was read as two
        # numbers, and in Arabic Mexico's crisis line was split "800" / "911 2000").
        number = self.number.replace(" ", "\u00a0")
        if not self.name:
            return number
        whole = re.search(rf"(?<!\d){re.escape(self.number)}(?!\d)", self.name)  # not "15" in "SAMU 115"
        if whole:  # "112 / 108" in a name, too, never parts at a line's end (a review)
            # nor does the word before the number ("NHS" / "111" read as a name with no number)
            at = whole.start()
            name = self.name[:at - 1] + "\u00a0" + self.name[at:] if self.name[at - 1:at] == " " else self.name
            return re.sub(r"(?<=[\d/]) (?=[\d/])", "\u00a0", name)
        return f"{number} ({self.name})"


# Paper sizes in points (width, height): a region's default, or --paper.  The command line reads
# them here, without the theme's fonts, so a parallel build starts its workers sooner.
PAPER = {"letter": (612.0, 792.0), "a4": (595.2756, 841.8898)}


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    paper: str
    decimal: str
    group: str
    numbers: dict[str, Number]

    def number(self, name: str) -> Number | None:
        """The number a placeholder prints: the region's own, else its ``FALLBACK``'s, else None."""
        return self.numbers.get(name) or self.numbers.get(FALLBACK.get(name, ""))


def known() -> list[str]:
    """The codes of every region shipped with the package, sorted."""
    return sorted(p.stem for p in REGION_DIR.glob("*.yaml"))


# Codes people write for a country whose ISO 3166 code is another: the United Kingdom is GB, not UK; a language's
# code for its country's (never one that is another place's own code: CH is Switzerland, AR Argentina, VI the US
# Virgin Islands)
_SAID_FOR = {"UK": "GB", "USA": "US", "SP": "ES", "KO": "KR", "FA": "IR"}


def unknown_region(code: str) -> str:
    """What an unknown region code is told: the known ones, and the code meant where it is a usual slip."""
    meant = _SAID_FOR.get(code.upper())
    hint = f"; for {code!r} write {meant}" if meant in known() else ""
    return f"unknown region '{code}' (expected one of: {', '.join(known())}{hint})"


@cache
def load_region(code: str) -> Region:
    """The region ``code`` (case-insensitive), or an error listing the known ones."""
    cc = code.upper()
    path = REGION_DIR / f"{cc}.yaml"
    if not re.fullmatch(r"[A-Z]{2}", cc) or not path.exists():
        raise HandoutError.single(Location("--region"), "region", unknown_region(code))
    import yaml

    from .langs import valid

    bad = HandoutError.single(Location(str(path)), "region", f"bad region file for '{cc}' (expected code {cc}, "
                              f"paper letter or a4, a decimal and a group sign, an emergency number and numbers among: "
                              f"{', '.join(NUMBERS)}, each number in quotes, and a lang (a BCP 47 tag such as en) "
                              "for every name with words)")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = data.get("numbers") if isinstance(data, dict) else None
    # A number of null or "" printed "call None.", and 000 unquoted "call 0" (YAML 1.1 octal): each a
    # mapping whose number is quoted text with digits (reviews)
    if not isinstance(entries, dict) or not all(
            isinstance(v, dict) and isinstance(v.get("number"), str) and any(ch.isdigit() for ch in v["number"])
            and isinstance(v.get("name"), (str, type(None))) for v in entries.values()) \
            or not all(isinstance(data.get(k), str) and data[k] for k in ("name", "decimal", "group")):
        raise bad
    numbers = {k: Number(str(v["number"]), v.get("name"), str(v.get("lang") or "")) for k, v in entries.items()}
    unknown = set(numbers) - set(NUMBERS)
    # A name with letters says its language, or a translation's screen reader reads it in the page's voice.
    unsaid = [k for k, n in numbers.items() if any(ch.isalpha() for ch in n.name or "") and not n.lang
              or n.lang and not valid(n.lang)]  # a lang becomes the PDF's /Lang: a tag, never "english"
    if unknown or unsaid or "emergency" not in numbers or data.get("code") != cc or data.get("paper") not in PAPER:
        raise bad
    return Region(cc, str(data["name"]), data["paper"], str(data["decimal"]), str(data["group"]), numbers)


def fill(text: str, region: Region, day: str | None = None) -> str:
    """``text`` with its placeholders filled in with the region's numbers (``Region.number``) and ``{weekly_day}``
    with ``day`` (the plan's, in the page's words); an unknown placeholder, or a day where the plan has none, is left
    as written (``check_placeholders`` refuses it)."""
    if "{" not in text:
        return text

    def number(m: re.Match[str]) -> str:
        name = m.group(1)
        if name == "weekly_day":
            return day or m.group(0)
        if name not in NUMBERS:
            return m.group(0)
        found = region.number(name)
        if found is None:  # load_region refuses a region without an emergency number
            raise ValueError(f"region {region.code} has no number for {{{name}}}")
        return found.printed

    return _PLACEHOLDER.sub(number, text)


def _fill_obj(obj: Any, region: Region, located: type[Located], regroup: re.Pattern[str] | None = None,
              day: str | None = None) -> Any:
    if isinstance(obj, str):
        text = fill(obj, region, day)
        return regroup.sub(lambda m: m.group(0).replace(m.group(1), NBSP), text) if regroup else text
    if isinstance(obj, tuple):
        return tuple(_fill_obj(v, region, located, regroup, day) for v in obj)
    if isinstance(obj, dict):
        return {k: _fill_obj(v, region, located, regroup, day) for k, v in obj.items()}
    if isinstance(obj, located):
        changes = {f.name: _fill_obj(getattr(obj, f.name), region, located, regroup, day) for f in fields(obj)
                   if f.name not in ("loc", "field_locs", "translation", "language")}
        return replace(obj, **changes)
    return obj


NBSP = "\u00a0"


def _grouped(lang: str, region: Region) -> re.Pattern[str] | None:
    """A number the words group with a comma ("3,000 mg" in English) where the region writes decimals
    with one ("2,5 mg" labels): read by the labels' convention it is 3 mg (a review: "6 tablets (3,000
    mg)" above a table of "3 000 mg").  Such a number is grouped with a no-break space instead, as the
    table groups it (``Localizer.number``): no reader takes that for a decimal sign.

    Only where the reading is certain: words in a language that writes decimals with a point and
    groups with a comma, a first digit that is not 0, groups of three.  A point is never taken for a
    group: Spanish is written both ways ("1.125" is 1125 in Spain, 1.125 in Mexico), and "0.125 mg"
    was rewritten "0 125 mg" (a review).  None when nothing can be regrouped for certain."""
    if region.decimal != ",":  # (most regions: nothing to read, nothing loaded)
        return None
    from babel import Locale
    from babel.numbers import get_decimal_symbol, get_group_symbol

    from .localize import load_labels

    locale = Locale.parse(load_labels(lang)("format_locale"))
    group = get_group_symbol(locale, numbering_system="latn")
    if group != "," or region.decimal != "," or get_decimal_symbol(locale, numbering_system="latn") != ".":
        return None
    return recache.pattern(r"(?<![\d.,])[1-9]\d{0,2}(?:(,)\d{3})+(?![\d]|,\d|\.\d)")


def apply(h: Handout, region: Region | str | None) -> Handout:
    """The handout with every placeholder filled in for ``region`` (default US) and the region attached;
    a number its words group with the region's decimal sign is grouped with a no-break space (``_grouped``)."""
    from .schema import Located  # noqa: F811  (here: schema reads YAML, which PAPER's importers do not need)

    r = load_region(region or DEFAULT_REGION) if not isinstance(region, Region) else region
    day, source_day = _day(h, h.lang), _day(h, h.source.language) if h.source is not None else None
    source = _fill_obj(h.source, r, Located, day=source_day) if h.source is not None else None
    return replace(h, text=_fill_obj(h.text, r, Located, _grouped(h.lang, r), day), region=r, source=source)


def _day(h: Handout, lang: str) -> str | None:
    """The plan's once-a-week day in ``lang``'s words, for ``{weekly_day}`` (None: the plan has none)."""
    from .weekday import plan_day

    day = plan_day(h)
    return _day_name(lang, day) if day is not None else None


@cache
def _day_name(lang: str, day: str) -> str:
    """(Once a process: every build applies the region twice, the check's and the page's.)"""
    from .localize import Localizer

    return Localizer(lang).day_name(day)


def _stray_braces(raw: str) -> list[int]:
    """Where ``raw`` has a brace that is no part of a placeholder."""
    inside = {i for m in _PLACEHOLDER.finditer(raw) for i in range(*m.span())}
    return [i for i, ch in enumerate(raw) if ch in "{}" and i not in inside]


def check_placeholders(h: Handout) -> list[Finding]:
    """Unknown placeholders (errors) and phone numbers typed into the text (warnings)."""
    from .textfields import label_fields, markup_fields  # every printed text, with its path and location

    from .weekday import plan_days

    out: list[Finding] = []
    weekly = plan_days(h)
    for path, raw, loc in [*markup_fields(h.text), *label_fields(h.text)]:  # a side effect's "(call { crisis })" too
        for name in _PLACEHOLDER.findall(raw):
            if name == "weekly_day" and len(weekly) != 1:
                has = (f"gives its once-a-week medicine on {' and '.join(d.capitalize() for d in weekly)} (expected "
                       "one day in every track and step: the words name one)") if weekly else (
                       "gives no medicine once a week (expected the day in words, or a step with one day: days: "
                       "[monday])")
                out.append(Finding(loc, path, f"'{{weekly_day}}' names the plan's once-a-week day, and handout "
                                   f"'{h.id}' {has}"))
            elif name not in PLACEHOLDERS:
                out.append(Finding(loc, path, f"unknown placeholder '{{{name}}}' (expected one of: "
                                   + ", ".join("{" + p + "}" for p in PLACEHOLDERS) + ")"))
        # "{ emergency }", "{{crisis}}": printed as typed, with no number to call (a review)
        stray = _stray_braces(raw) if "{" in raw or "}" in raw else []
        if stray:
            at = stray[0]
            out.append(Finding(loc, path, f"a brace that is not part of a placeholder, near '{raw[max(0, at - 12):at + 14]}' "
                               "(expected " + ", ".join("{" + p + "}" for p in PLACEHOLDERS) + ", written with no "
                               "spaces and single braces; braces print only as a placeholder's number)"))
        for m in _TYPED.finditer(raw):
            out.append(Finding(loc, path, f"phone number '{m.group(0)}' typed into the text: it is wrong in other "
                               "regions (write {emergency}, {poison} or {crisis}; the region data fills it in)",
                               "warning"))
        out += _side_by_side(raw, path, loc)
    return out


# Two placeholders a few words apart in one sentence ("call {poison} or {emergency}"): at most this many
# characters between them, with no sentence's end.
_NEAR = re.compile(r"\{(emergency|poison|crisis)\}((?:(?![.!?。！？؟।])[^{}]){0,24})(?=\{(emergency|poison|crisis)\})")


def _side_by_side(raw: str, path: str, loc: Location) -> list[Finding]:
    """A warning for two placeholders side by side in one sentence that print the same number in some
    shipped regions: "call {poison} or {emergency}" reads "call 112 or 112" in France, which has no
    national poison line (``FALLBACK``), and looks like a misprint to a reader deciding whom to call."""
    out = []
    for m in _NEAR.finditer(raw):
        a, b = m.group(1), m.group(3)
        if a == b:
            continue
        same = [r for r in map(load_region, known()) if r.number(a) == r.number(b)]
        if same:
            lines = " and ".join(f"{{{n}}}" for n in (a, b) if n != "emergency")
            number = (same[0].number(a) or same[0].numbers["emergency"]).printed  # (never None: every region has one)
            out.append(Finding(loc, path, f"'{{{a}}}{m.group(2)}{{{b}}}' prints one number twice in a region with no "
                               f"number of its own for {lines} ({', '.join(r.code for r in same[:4])}"
                               f"{' …' if len(same) > 4 else ''}; in {same[0].code}: '{number}{m.group(2)}{number}') "
                               "(expected each in a sentence of its own that says when to call it)", "warning"))
    return out


def places(regions: list[str] | None, papers: list[str] | None) -> tuple[tuple[str, str | None], ...]:
    """The (region, paper) pairs ``check --region ... --paper ...`` names (``all``: every one): none when it names one
    region and at most one paper (checked as a build would be, its lines as they always were)."""
    codes = list(dict.fromkeys(c.upper() for a in regions or ["US"] for c in (known() if a.lower() == "all" else [a])))
    sizes: list[str | None] = list(dict.fromkeys(p for a in papers or [] for p in (sorted(PAPER) if a == "all" else [a])))
    if len(codes) == 1 and len(sizes) <= 1:
        return ()
    return tuple((r, p) for r in codes for p in sizes or [None])
