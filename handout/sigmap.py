"""One FHIR Dosage in; the fields of one dosing-model ``Step`` out (how often, how much).

``medreq`` reads the MedicationRequest and orders its instructions; this maps the inside of
each: ``timing.repeat`` (frequency, period, periodUnit, when, dayOfWeek), ``asNeeded…``,
``doseAndRate`` (doseQuantity or doseRange, in the product's unit, counted in the strengths
the handout's own plan uses) and ``maxDosePerPeriod`` / ``maxDosePerAdministration``.  A
value the model cannot print exactly is an error at its JSON path, never a near guess.
"""

from __future__ import annotations

import re
from typing import Any

from . import timingcode
from .errors import Collector
from .jsonpos import Path as JPath
from .jsonpos import Positions, path_text
from .model import Every, Handout, Part, Product

WHEN = {"MORN": "morning", "NOON": "noon", "AFT": "afternoon", "EVE": "evening", "HS": "bedtime",
        "ACM": "before_breakfast", "CM": "with_breakfast", "CD": "with_lunch", "CV": "with_dinner"}
DAYS = {"mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday", "fri": "friday",
        "sat": "saturday", "sun": "sunday"}
UNITS = {"mg": "mg", "ug": "mcg", "mcg": "mcg", "g": "g", "mL": "mL", "ml": "mL"}  # UCUM code -> product unit


class DosageMapper:
    """Maps dosage parts; the subclass sets h, pos, c, product and where."""

    h: Handout
    pos: Positions
    c: Collector
    product: Product
    where: dict[str, JPath]
    times_from: dict[int, JPath]

    def err(self, path: JPath, message: str) -> None:
        self.c.error(self.pos.at(path), path_text(path), message)

    def warn(self, path: JPath, message: str) -> None:
        self.c.warning(self.pos.at(path), path_text(path), message)

    # --- how often
    def schedule(self, d: dict[str, Any], timing: dict[str, Any], rep: dict[str, Any], base: JPath) -> dict[str, Any]:
        rb = base + ("timing", "repeat")
        out: dict[str, Any] = {}
        if not rep:
            self.err(base + ("timing",), "no timing.repeat (expected frequency, period and periodUnit, and when "
                     "or dayOfWeek)" + (f"; timing.code {timingcode.quoted(name_of(timing['code']))} alone is not printed"
                                         if "code" in timing else ""))
            return out
        f, p, u = rep.get("frequency", 1), rep.get("period"), rep.get("periodUnit")
        if p is None or u is None:
            self.err(rb, "no period and periodUnit (expected e.g. frequency 1, period 1, periodUnit d)")
            return out
        if p != int(p) or p <= 0:
            self.err(rb + ("period",), f"{p} is not a whole number of {u} (expected e.g. 1)")
            return out
        p = int(p)
        when = list(rep.get("when") or [])
        days = list(rep.get("dayOfWeek") or [])
        if isinstance(f, float) and f.is_integer():  # 1.0, as a period may be written
            f = int(f)
        if not isinstance(f, int) or isinstance(f, bool) or f < 1:  # "frequency": null was a traceback (a review)
            self.err(rb + ("frequency",), f"{f!r} is not a number of doses (expected a whole number, e.g. 2, or "
                     "no frequency for 1)")
            return out
        if days and f == len(days) and (u, p) in (("d", 7), ("h", 168)):  # "1 per 7 d" on Monday: weekly (a review)
            u, p = "wk", 1
        ok, implied = timingcode.compare(timing, f, p, u, when, len(days), base, self.err, self.warn)
        if not ok:
            return out
        if implied:  # AM with no `when`: the morning, never the handout's own time of day (a review)
            when = implied
        if when and u == "h" and p % 24 == 0:  # "1 per 24 h" at bedtime: once a day at bedtime (reviews)
            u, p = "d", p // 24
        # A day code the model does not know was dropped, and a weekly plan with no day left is
        # taken every day: methotrexate's weekly dose, printed daily (a review).  FHIR's codes are
        # lower case; "Mon" or "monday" is refused, never guessed at.  (A day listed twice is the
        # dosing model's error, at the same place.)  Both lists are checked: every problem at once.
        if not (self.known(rb + ("when",), when, WHEN, "cannot be printed as a time of day", "")
                & self.known(rb + ("dayOfWeek",), days, DAYS, "is not a FHIR day code", ", in lower case")):
            return out
        if when:
            out["timing"] = tuple(WHEN[c] for c in when)
            self.where["timing"] = base + ("timing", "code") if implied else rb + ("when",)
            if implied and isinstance(base[1], int):  # (the instruction's index)
                self.times_from[base[1]] = base + ("timing", "code")
        if days:
            out["days"] = tuple(DAYS[x] for x in days)
            self.where["days"] = rb + ("dayOfWeek",)
        needed = d.get("asNeededBoolean") or "asNeededCodeableConcept" in d
        if needed:
            out["as_needed"] = self.reason(d, base)
            self.where["as_needed"] = base + (("asNeededCodeableConcept",) if "asNeededCodeableConcept" in d
                                              else ("asNeededBoolean",))
            hours = p if u == "h" and f == 1 else 24 * p // f if u == "d" and (24 * p) % f == 0 else None
            if hours is None:
                self.err(rb + ("frequency",), f"{f} per {p} {u} is not a whole number of hours between doses "
                         "(expected e.g. 1 per 6 h)")
            else:
                out["every"] = Every(hours=hours, loc=self.pos.at(rb + ("period",)))
            return out
        if u == "d" and p == 1:
            if when and len(when) != f:
                self.err(rb + ("when",), f"lists {len(when)} time{'s' if len(when) > 1 else ''} of day for "
                         f"{f} dose{'s' if f > 1 else ''} a day (expected one code per dose)")
            elif not when and 24 % f:
                self.err(rb + ("frequency",), f"{f} doses a day cannot be spaced evenly in hours (expected "
                         "when codes for each dose)")
            elif not when:
                out["every"] = Every(hours=24 // f, loc=self.pos.at(rb + ("frequency",)))
        elif u == "d" and f == 1:
            if len(when) > 1:  # one dose on each dose day: two times of day would print two
                self.err(rb + ("when",), f"lists {len(when)} times of day for 1 dose every {p} days (expected at "
                         "most one code)")
            else:
                out["every"] = Every(days=p, loc=self.pos.at(rb + ("period",)))
        elif u == "h" and f == 1 and not when:
            out["every"] = Every(hours=p, loc=self.pos.at(rb + ("period",)))
        elif u == "wk" and p == 1:
            if not when:  # (dosecheck said "expected timing: e.g. bedtime", a handout.yaml's words: a review)
                self.err(rb + ("when",), "a weekly dose needs its time of day (expected when, e.g. [MORN])")
            elif not days:
                self.err(rb + ("periodUnit",), "a weekly dose needs its day (expected dayOfWeek, e.g. [mon])")
            elif len(days) != f:
                self.err(rb + ("dayOfWeek",), f"lists {len(days)} day{'s' if len(days) > 1 else ''} for {f} "
                         f"dose{'s' if f > 1 else ''} a week (expected one day per dose)")
            elif len(when) > 1:  # "1 per week" at two times of day printed two doses each Monday: 30 mg, not 15
                self.err(rb + ("when",), f"lists {len(when)} times of day for 1 dose on each dose day (expected at "
                         "most one code)")
        else:
            self.err(rb + ("periodUnit",), f"{f} per {p} {u} cannot be printed exactly (expected N per 1 d, "
                     "1 per N d, 1 per N h, or N per 1 wk with dayOfWeek)")
        return out

    def known(self, path: JPath, codes: list[Any], table: dict[str, str], what: str, case: str) -> bool:
        """Whether every one of ``codes`` is in ``table``; each that is not is an error at its place."""
        bad = [k for k, code in enumerate(codes) if code not in table]
        for k in bad:
            self.err(path + (k,), f"{timingcode.quoted(codes[k], 'the value')} {what} (expected one of: "
                     f"{', '.join(table)}{case})")
        return not bad

    def reason(self, d: dict[str, Any], base: JPath) -> str | None:
        reasons = self.h.text.reasons
        concept = d.get("asNeededCodeableConcept")
        if isinstance(concept, dict):
            # Its text and every coding's display, against the reasons' words in this language and in the
            # source one ("mild pain", SNOMED Pain with the text "Pain, mild (1-3)" were refused: a review).
            # Word by word, every word: "hay fever", "no fever" or "pain after surgery; not for fever" is
            # not "for pain or fever", and "para dormir" shares only "para" with "para el dolor" (a review).
            source = self.h.source.reasons if self.h.source is not None else {}
            names = [str(n) for n in (concept.get("text"), *(c.get("display") for c in concept.get("coding") or []
                                                              if isinstance(c, dict))) if n]
            own = {k: _content(f"{k} {words} {source.get(k, '')}") for k, words in reasons.items()}
            hits = {k for k, words in own.items() for n in names if (said := _said(n)) and said <= words}
            if len(hits) == 1:
                return hits.pop()
        if concept is None and len(reasons) == 1:
            return next(iter(reasons))
        path = base + (("asNeededCodeableConcept",) if concept is not None else ("asNeededBoolean",))
        known = ", ".join(f"'{w}'" for w in reasons.values()) or "none"
        self.err(path, f"cannot tell which reason for taking it to print (the handout's as-needed reasons: {known})")
        return None

    # --- how much
    def dose(self, d: dict[str, Any], base: JPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        dr = d.get("doseAndRate") or []
        if len(dr) != 1 or not ({"doseQuantity", "doseRange"} & set(dr[0])):
            self.err(base + ("doseAndRate",), "expected one doseAndRate with doseQuantity or doseRange")
            return out
        path = base + ("doseAndRate", 0)
        value_at = path + (("doseQuantity", "value") if "doseQuantity" in dr[0] else ("doseRange", "low", "value"))
        if "doseQuantity" in dr[0]:
            low, high = self.quantity(dr[0]["doseQuantity"], path + ("doseQuantity",)), None
        else:
            rng = dr[0]["doseRange"]
            low = self.quantity(rng.get("low"), path + ("doseRange", "low"))
            high = self.quantity(rng.get("high"), path + ("doseRange", "high"))
        if low is None:
            return out
        out["amount"] = low
        self.where["amount"] = path
        if high is not None:
            out["amount_max"] = high
            self.where["amount_max"] = path
        if self.product.form == "liquid" and self.product.concentration is not None:
            conc = self.product.concentration
            out["volume"] = round(low / conc.amount * conc.volume, 6)
        elif high is None and len(parts := self.parts(low)) > 1:
            out["parts"] = parts  # prednisone's 30 mg as 20 mg + 2 x 5 mg, as the handout's own step makes it
        elif high is None and parts:  # 40 mg: 2 tablets of 20 mg, said with its strength ("Take 1 tablet"
            out["parts"] = parts      # of a prednisone plan of 20 mg and 5 mg bottles named none: a review)
        else:
            strength = self.strength(low, value_at)
            if strength is None:
                return {}
            out["strength"], out["count"] = strength, low / strength
            if high is not None:
                out["count_max"] = high / strength
        if "maxDosePerAdministration" in d:
            out["max_dose"] = self.quantity(d["maxDosePerAdministration"], base + ("maxDosePerAdministration",))
            self.where["max_dose"] = base + ("maxDosePerAdministration",)
        if "maxDosePerPeriod" in d:
            r = d["maxDosePerPeriod"]
            rp = base + ("maxDosePerPeriod",)
            den = r.get("denominator") or {}
            per = (den.get("value"), den.get("code") or den.get("unit"))
            if per not in ((24, "h"), (1, "d")):
                self.err(rp + ("denominator",), f"per {per[0]} {per[1]} (expected per 24 h or per 1 d)")
            else:
                out["max_per_day"] = self.quantity(r.get("numerator"), rp + ("numerator",))
                self.where["max_per_day"] = rp
        return out

    def quantity(self, q: dict[str, Any] | None, path: JPath) -> float | None:
        unit = self.product.unit
        if not q or not isinstance(q.get("value"), (int, float)):
            self.err(path, f"no value (expected an amount in {unit})")
            return None
        if q.get("comparator"):  # "< 5 mg" printed as 5 mg (a review): a limit is not a dose
            self.err(path + ("comparator",), f"'{q['comparator']}' makes it a limit, not a dose (expected an exact "
                     "amount, with no comparator)")
            return None
        said = q.get("code") or q.get("unit") or ""
        conc = self.product.concentration
        if UNITS.get(said) == "mL" and unit != "mL" and self.product.form == "liquid" and conc is not None:
            # A child's liquid prescribed in mL ("5 mL twice a day"), as EHRs often write it: the drug's
            # amount from the handout's own concentration (a review refused it)
            return round(float(q["value"]) * conc.amount / conc.volume, 6)
        if UNITS.get(said) == "g" and unit == "mg":  # "1 g" of acetaminophen is 1000 mg (a review refused it)
            return round(float(q["value"]) * 1000, 6)
        if UNITS.get(said) != unit:
            self.err(path + ("code" if "code" in q else "unit",),
                     f"'{said}' is not {unit}, the unit of the handout's doses (expected the dose in {unit})")
            return None
        return float(q["value"])

    def parts(self, amount: float) -> tuple[Any, ...]:
        """The tablets of several strengths that make ``amount``: as a step of the handout with that amount
        makes it (a review: prednisone's own 30 mg first step, sent as a request, was refused), else, in
        a handout whose doses are made of several strengths, the fewest of its strengths that make it
        exactly (40 mg as 2 x 20 mg, 25 mg as 20 mg + 5 mg: a review refused them).  None otherwise: LDN's
        "one capsule each night" is never made of two capsules."""
        steps = [s for t in self.h.facts.tracks for s in t.steps if s.parts and s.amount is not None]
        same = next((s.parts for s in steps if abs((s.amount or 0) - amount) < 1e-9), ())
        if same or not steps:
            return same
        strengths = sorted({x.strength for s in steps for x in s.parts}, reverse=True)
        made, left = [], amount
        for strength in strengths:  # the largest first: the fewest tablets
            n = int(left / strength + 1e-9)
            if n:
                made.append(Part(strength=strength, count=n))
                left -= n * strength
        return tuple(made) if abs(left) < 1e-9 and made else ()

    def strength(self, amount: float, path: JPath) -> float | None:
        """The strength that makes ``amount``: a step of the handout with that amount, or its only strength."""
        steps = [s for t in self.h.facts.tracks for s in t.steps if s.strength is not None]
        same = [s.strength for s in steps if s.amount is not None and abs(s.amount - amount) < 1e-9]
        if same:
            return same[0]
        strengths = {s.strength for s in steps}
        if len(strengths) == 1:
            only = next(iter(strengths))
            assert only is not None
            if abs(amount / only - round(amount / only)) < 1e-9:
                return only
        unit = self.product.unit
        # (the amount as given: 4.5000001 was said as "4.5 mg", beside a plan of 4.5 mg, a portal administrator's review)
        self.err(path, f"cannot tell which strength makes {amount:.12g} {unit} (the handout's plan uses "
                 f"{', '.join(f'{x:g} {unit}' for x in sorted(x for x in strengths if x))})")
        return None


def name_of(concept: dict[str, Any]) -> str:
    """A CodeableConcept's words: its text, else its first coding's display or code."""
    if concept.get("text"):
        return str(concept["text"])
    for c in concept.get("coding") or []:
        if isinstance(c, dict) and (c.get("display") or c.get("code")):
            return str(c.get("display") or c.get("code"))
    return ""


# Words a reason's wording holds that say nothing of the reason (en, es, fr), and the kinds of a reason
# a prescriber adds that do not change it.  ("no fever" is no reason of the handout's: "no" is none of its words.)
_FUNCTION = frozenset("for or and of the a an to with when if you your have has is it "
                      "para el la los las o y de del con si cuando tiene su "
                      "pour le les ou et de du avec si quand vous votre".split())
_TAG = re.compile(r"\((?:finding|disorder|symptom|observable entity|situation|event|[\d\s./-]+)\)")
_QUALIFIERS = frozenset("mild moderate severe acute chronic leve moderado moderada intenso intensa agudo aguda "
                        "crónico crónica léger légère modéré modérée intense aigu aiguë chronique".split())


def _content(text: str) -> set[str]:
    """The words of a reason's wording that say what it is for, singular."""
    return {_one(w) for w in re.findall(r"\w+", text.lower()) if w not in _FUNCTION}


def _said(text: str) -> set[str] | None:
    """What a request's reason says it is for (its words but function words and qualifiers; SNOMED's
    "(finding)" and a scale's "(1-3)" aside, never another bracket: "pain (not for fever)" printed "for
    pain or fever", a review), or None if it says nothing."""
    words = re.findall(r"\w+", _TAG.sub(" ", text.lower()))
    return {_one(w) for w in words if w not in _FUNCTION and w not in _QUALIFIERS and not w.isdigit()} or None


def _one(word: str) -> str:
    """A word without its plural ending ("fevers"): enough to compare a reason's words."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
