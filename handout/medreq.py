"""A FHIR R4 MedicationRequest in; the patient's own plan (a ``Track``) and its start date out.

The EHR already holds the prescription: ``handout build ldn --medication-request rx.json`` (and
the web page's upload field) print the patient's own dated schedule and calendar from it.  The
request is validated with fhir.resources (R4B's MedicationRequest and Dosage equal R4's), then
each ``dosageInstruction`` becomes one step of the dosing model (``model.Step``):

* order — by ``sequence``; each instruction's span from ``timing.repeat.boundsPeriod`` (start and
  end dates, end included) or ``boundsDuration`` (d, wk), consecutive, no gap or overlap;
* times — ``when`` MORN, NOON, AFT, EVE, HS, CM, CD, CV; ``frequency`` per ``period``
  ``periodUnit``: N a day with N ``when`` codes, N a day round the clock (every 24/N hours),
  every N hours, every N days, weekly on ``dayOfWeek``;
* dose — ``doseAndRate.doseQuantity`` or ``doseRange`` in the product's unit; the strength and
  count come from the handout's own plan; ``maxDosePerPeriod`` (per 24 h / 1 d),
  ``maxDosePerAdministration``; ``asNeededBoolean`` / ``asNeededCodeableConcept``.

Anything the model cannot say exactly (NIGHT, before meals, clock times, a rate, a route other
than by mouth, extra instructions, concurrent instructions …) is an error naming the field:
a prescription is never printed approximately.  Every problem is located in the JSON file.
The medicine must carry the handout's RxNorm code.  Then ``dosing.check`` checks the plan.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from . import dosing
from .errors import Collector, Finding, HandoutError, Location
from .jsonpos import Path as JPath
from .jsonpos import Positions, load, path_text
from .model import Every, Handout, Period, Step, Track

RXNORM_SYSTEM = "http://www.nlm.nih.gov/research/umls/rxnorm"
TRACK_ID = "prescription"
WHEN = {"MORN": "morning", "NOON": "noon", "AFT": "afternoon", "EVE": "evening", "HS": "bedtime",
        "CM": "with_breakfast", "CD": "with_lunch", "CV": "with_dinner"}
DAYS = {"mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday", "fri": "friday",
        "sat": "saturday", "sun": "sunday"}
UNITS = {"mg": "mg", "ug": "mcg", "mcg": "mcg", "g": "g", "mL": "mL", "ml": "mL"}  # UCUM code -> product unit
ORAL = {"26643006", "PO", "oral", "by mouth", "orally"}  # SNOMED CT Oral route; HL7 v2 table 0162 PO
# Dosage fields the model has no place for: refused, never dropped.
REFUSED = {"additionalInstruction": "extra instructions would not be printed", "site": "a body site",
           "method": "a method of giving it", "maxDosePerLifetime": "a lifetime maximum",
           "asNeededFor": "an R5 field"}
REPEAT_REFUSED = {"timeOfDay": "clock times", "offset": "an offset from a meal or event",
                  "frequencyMax": "a range of frequencies", "periodMax": "a range of periods",
                  "count": "a number of doses in all", "countMax": "a number of doses in all",
                  "duration": "how long each dose takes", "durationMax": "how long each dose takes",
                  "boundsRange": "bounds as a range (expected boundsPeriod or boundsDuration)"}

# The dosing model's field names, as the request names them (for dosing.check's findings).
FIELD_NAMES = {"when": "timing.repeat.bounds", "amount": "doseAndRate[0]", "amount_max": "doseAndRate[0].doseRange",
               "count": "doseAndRate[0]", "strength": "doseAndRate[0]", "volume": "doseAndRate[0]",
               "timing": "timing.repeat.when", "days": "timing.repeat.dayOfWeek", "every": "timing.repeat",
               "as_needed": "asNeeded", "max_dose": "maxDosePerAdministration", "max_per_day": "maxDosePerPeriod"}


@dataclass(frozen=True)
class Prescription:
    track: Track
    start: date | None  # the first boundsPeriod.start
    related: dict[str, Any] | None  # how a DocumentReference points at the request
    subject: str | None  # the request's subject reference (Patient/…)
    fingerprint: str  # of the request's content: the personalised file name depends on it


def read(data: bytes, file: str) -> tuple[dict[str, Any], Positions]:
    """The request as JSON, checked against FHIR's MedicationRequest (every problem at its line)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HandoutError.single(Location(file), "", "not UTF-8 text (expected a FHIR JSON file)") from None
    doc, pos = load(text, file)
    if not isinstance(doc, dict) or doc.get("resourceType") != "MedicationRequest":
        kind = doc.get("resourceType") if isinstance(doc, dict) else type(doc).__name__
        raise HandoutError.single(pos.at(("resourceType",)), "resourceType",
                                  f"'{kind}' is not a MedicationRequest (expected a FHIR R4 MedicationRequest)")
    from pydantic import ValidationError

    from fhir.resources.R4B.medicationrequest import MedicationRequest  # imported only when used

    try:
        MedicationRequest.model_validate(doc)
    except ValidationError as exc:
        raise HandoutError([Finding(pos.at(tuple(e["loc"])), path_text(tuple(e["loc"])),
                                    f"{e['msg']} (FHIR R4 MedicationRequest)") for e in exc.errors()]) from None
    return doc, pos


def prescription(h: Handout, data: bytes, file: str) -> Prescription:
    """Map the request onto the handout's dosing model, or raise with every problem."""
    doc, pos = read(data, file)
    m = _Mapper(h, pos)
    track = m.run(doc)
    m.c.raise_if_errors()
    assert track is not None
    for f in dosing.check(dosing.medications(track, "track")[0]):  # the dose arithmetic, as for handout.yaml
        m.c.error(f.location, m.fhir_path(f.path), f.message)
    m.c.raise_if_errors()
    related = ({"reference": f"MedicationRequest/{doc['id']}"} if doc.get("id") else
               {"identifier": doc["identifier"][0]} if doc.get("identifier") else None)
    subject = (doc.get("subject") or {}).get("reference")
    return Prescription(track, m.start, related, subject, hashlib.sha256(data).hexdigest()[:12])


def apply(h: Handout, rx: Prescription) -> Handout:
    """The handout with the prescription as its only, default track."""
    facts = replace(h.facts, tracks=(rx.track,), default_track=TRACK_ID)
    return replace(h, facts=facts)


class _Mapper:
    def __init__(self, h: Handout, pos: Positions) -> None:
        self.h, self.pos, self.c = h, pos, Collector()
        self.where: dict[str, JPath] = {}
        self.order: list[int] = [0]
        self.product = h.track().product
        self.start: date | None = None

    def fhir_path(self, model_path: str) -> str:
        """A dosing.check path (track.steps[1].max_per_day) as the request's (dosageInstruction[1].maxDosePerPeriod)."""
        head, _, rest = model_path.partition("]")
        if not head.startswith("track.steps["):
            return "dosageInstruction"
        i = self.order[int(head[len("track.steps["):])]
        name = rest.lstrip(".").split(".")[0].split("[")[0]
        return f"dosageInstruction[{i}]" + (f".{FIELD_NAMES.get(name, name)}" if name else "")

    def err(self, path: JPath, message: str) -> None:
        self.c.error(self.pos.at(path), path_text(path), message)

    def run(self, doc: dict[str, Any]) -> Track | None:
        self.medication(doc)
        if doc.get("status") in ("cancelled", "entered-in-error", "stopped", "completed"):
            self.err(("status",), f"the prescription is {doc['status']} (expected active, on-hold or draft)")
        dosages = doc.get("dosageInstruction") or []
        if not dosages:
            self.err(("dosageInstruction",), "missing (expected the dosage instructions to print)")
            return None
        order = list(range(len(dosages)))
        if len(dosages) > 1:
            seqs = [d.get("sequence") for d in dosages]
            for i, s in enumerate(seqs):
                if s is None:
                    self.err(("dosageInstruction", i), "no sequence (expected sequence 1, 2, … to say which "
                             "instruction follows which)")
                elif seqs.count(s) > 1:
                    self.err(("dosageInstruction", i, "sequence"), f"sequence {s} is shared with another "
                             "instruction: concurrent instructions are not supported (expected one after another)")
            if any(s is None for s in seqs) or len(set(seqs)) < len(seqs):
                return None
            order.sort(key=lambda i: seqs[i])
        self.order = order
        spans = self.spans(dosages, order)
        if spans is None:
            return None
        weeks = all((a - 1) % 7 == 0 and (b is None or b % 7 == 0) for a, b in spans)
        periods = [("week", (a - 1) // 7 + 1, None if b is None else b // 7) if weeks else ("day", a, b)
                   for a, b in spans]
        steps = [self.step(dosages[i], i, periods[k]) for k, i in enumerate(order)]
        if any(s is None for s in steps):
            return None
        return Track(id=TRACK_ID, product=self.product, steps=tuple(s for s in steps if s is not None),
                     loc=self.pos.at(("dosageInstruction",)))

    def medication(self, doc: dict[str, Any]) -> None:
        want = self.h.facts.codes.rxnorm if self.h.facts.codes else None
        if want is None:
            self.err(("medicationCodeableConcept",), f"handout '{self.h.id}' has no RxNorm code to match "
                     "(expected codes: {rxnorm: …} in its handout.yaml)")
            return
        if "medicationCodeableConcept" not in doc:
            self.err(("medicationReference",), "a medication reference cannot be matched here (expected "
                     f"medicationCodeableConcept with RxNorm code {want})")
            return
        codings = doc["medicationCodeableConcept"].get("coding") or []
        rx = [(k, c) for k, c in enumerate(codings) if c.get("system") == RXNORM_SYSTEM]
        if not rx:
            self.err(("medicationCodeableConcept",), f"no RxNorm coding (expected system {RXNORM_SYSTEM}, "
                     f"code {want} for handout '{self.h.id}')")
        elif not any(c.get("code") == want for _, c in rx):
            k, c = rx[0]
            name = f" ({c['display']})" if c.get("display") else ""
            self.err(("medicationCodeableConcept", "coding", k, "code"), f"RxNorm {c.get('code')}{name} is not the "
                     f"medicine of handout '{self.h.id}' (expected RxNorm {want})")

    # --- when each instruction applies
    def spans(self, dosages: list[dict[str, Any]], order: list[int]) -> list[tuple[int, int | None]] | None:
        """(first day, last day or None) of each instruction, counted from the plan's start (day 1)."""
        out: list[tuple[int, int | None]] = []
        day, ok = 1, True
        for k, i in enumerate(order):
            base: JPath = ("dosageInstruction", i, "timing", "repeat")
            rep = (dosages[i].get("timing") or {}).get("repeat") or {}
            period, duration = rep.get("boundsPeriod"), rep.get("boundsDuration")
            last: int | None = None
            if period is not None:
                s, e = _date(period.get("start")), _date(period.get("end"))
                if s is not None and k == 0:
                    self.start = s
                elif s is not None and self.start is not None and (s - self.start).days + 1 != day:
                    want = self.start + timedelta(days=day - 1)
                    what = "overlaps the instruction before" if s < want else "leaves a gap after the one before"
                    self.err(base + ("boundsPeriod", "start"), f"starts {s.isoformat()}: it {what} (expected "
                             f"{want.isoformat()}: instructions follow each other with no gap or overlap)")
                    ok = False
                if e is not None and self.start is None:
                    self.err(base + ("boundsPeriod", "end"), "an end date with no start date to count from "
                             "(expected boundsPeriod.start on the first instruction)")
                    ok = False
                elif e is not None and self.start is not None:
                    last = (e - self.start).days + 1
                    if last < day:
                        self.err(base + ("boundsPeriod", "end"), f"ends {e.isoformat()}, before it starts")
                        ok = False
            elif duration is not None:
                size = {"d": 1, "wk": 7}.get(duration.get("code") or duration.get("unit") or "")
                value = duration.get("value")
                if size is None or not isinstance(value, (int, float)) or value <= 0 or value != int(value):
                    self.err(base + ("boundsDuration",), "expected a whole number of days or weeks "
                             "(value, and unit d or wk)")
                    ok = False
                else:
                    last = day + int(value) * size - 1
            if last is None and k < len(order) - 1:
                self.err(base, "has no end, but another instruction follows it (expected boundsPeriod.end or "
                         "boundsDuration on every instruction but the last)")
                ok = False
            out.append((day, last))
            day = (last or day) + 1
        return out if ok else None

    def step(self, d: dict[str, Any], i: int, when: tuple[str, int, int | None]) -> Step | None:
        base: JPath = ("dosageInstruction", i)
        n = len(self.c.findings)
        for name, why in REFUSED.items():
            if name in d:
                self.err(base + (name,), f"{why} cannot be printed on the handout (expected none)")
        for k, dr in enumerate(d.get("doseAndRate") or []):
            for name in ("rateRatio", "rateRange", "rateQuantity"):
                if name in dr:
                    self.err(base + ("doseAndRate", k, name), "a rate (an infusion) is not an oral dose (expected none)")
        self.route(d.get("route"), base + ("route",))
        timing = d.get("timing") or {}
        rep = timing.get("repeat") or {}
        for name, why in REPEAT_REFUSED.items():
            if name in rep:
                self.err(base + ("timing", "repeat", name), f"{why} cannot be printed on the handout (expected none)")
        if "event" in timing:
            self.err(base + ("timing", "event"), "dates of single doses are not supported (expected timing.repeat)")
        values = self.schedule(d, timing, rep, base)
        values.update(self.dose(d, base, values))
        if len(self.c.findings) > n:
            return None
        unit, first, last = when
        locs = {name: self.pos.at(path) for name, path in self.where.items()}
        self.where = {}
        return Step(when=Period(unit=unit, start=first, end=last, loc=self.pos.at(base + ("timing",))),  # type: ignore[arg-type]
                    loc=self.pos.at(base), field_locs=locs, **values)


    def route(self, route: dict[str, Any] | None, path: JPath) -> None:
        if route is None:
            return
        words = {str(c.get("code", "")) for c in route.get("coding") or []} | {str(c.get("display", "")).lower()
                                                                              for c in route.get("coding") or []}
        words.add(str(route.get("text", "")).lower())
        if not words & ORAL:
            self.err(path, f"'{_name(route)}' is not by mouth (expected oral route, SNOMED CT 26643006)")

    # --- how often
    def schedule(self, d: dict[str, Any], timing: dict[str, Any], rep: dict[str, Any], base: JPath) -> dict[str, Any]:
        rb = base + ("timing", "repeat")
        out: dict[str, Any] = {}
        if not rep:
            self.err(base + ("timing",), "no timing.repeat (expected frequency, period and periodUnit, and when "
                     "or dayOfWeek)" + (f"; timing.code '{_name(timing['code'])}' alone is not printed"
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
        for k, code in enumerate(when):
            if code not in WHEN:
                self.err(rb + ("when", k), f"'{code}' cannot be printed as a time of day (expected one of: "
                         f"{', '.join(WHEN)})")
        if any(code not in WHEN for code in when):
            return out
        days = list(rep.get("dayOfWeek") or [])
        if when:
            out["timing"] = tuple(WHEN[c] for c in when)
            self.where["timing"] = rb + ("when",)
        if days:
            out["days"] = tuple(DAYS[x] for x in days if x in DAYS)
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
            out["every"] = Every(days=p, loc=self.pos.at(rb + ("period",)))
        elif u == "h" and f == 1 and not when:
            out["every"] = Every(hours=p, loc=self.pos.at(rb + ("period",)))
        elif u == "wk" and p == 1:
            if not days:
                self.err(rb + ("periodUnit",), "a weekly dose needs its day (expected dayOfWeek, e.g. [mon])")
            elif len(days) != f:
                self.err(rb + ("dayOfWeek",), f"lists {len(days)} day{'s' if len(days) > 1 else ''} for {f} "
                         f"dose{'s' if f > 1 else ''} a week (expected one day per dose)")
        else:
            self.err(rb + ("periodUnit",), f"{f} per {p} {u} cannot be printed exactly (expected N per 1 d, "
                     "1 per N d, 1 per N h, or N per 1 wk with dayOfWeek)")
        return out

    def reason(self, d: dict[str, Any], base: JPath) -> str | None:
        reasons = self.h.text.reasons
        concept = d.get("asNeededCodeableConcept")
        if concept is not None:
            said = _name(concept).lower()
            hits = [k for k, words in reasons.items() if said and (said in words.lower() or k == said)]
            if len(hits) == 1:
                return hits[0]
        if concept is None and len(reasons) == 1:
            return next(iter(reasons))
        path = base + (("asNeededCodeableConcept",) if concept is not None else ("asNeededBoolean",))
        known = ", ".join(f"'{w}'" for w in reasons.values()) or "none"
        self.err(path, f"cannot tell which reason for taking it to print (the handout's as-needed reasons: {known})")
        return None

    # --- how much
    def dose(self, d: dict[str, Any], base: JPath, sched: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        dr = d.get("doseAndRate") or []
        if len(dr) != 1 or not ({"doseQuantity", "doseRange"} & set(dr[0])):
            self.err(base + ("doseAndRate",), "expected one doseAndRate with doseQuantity or doseRange")
            return out
        path = base + ("doseAndRate", 0)
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
        else:
            strength = self.strength(low, path)
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
        said = q.get("code") or q.get("unit") or ""
        if UNITS.get(said) != unit:
            self.err(path, f"'{said}' is not {unit}, the unit of the handout's doses (expected the dose in {unit})")
            return None
        return float(q["value"])

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
        self.err(path, f"cannot tell which strength makes {amount:g} {unit} (the handout's plan uses "
                 f"{', '.join(f'{x:g} {unit}' for x in sorted(x for x in strengths if x))})")
        return None


def _date(value: Any) -> date | None:
    return date.fromisoformat(value[:10]) if isinstance(value, str) and len(value) >= 10 else None


def _name(concept: dict[str, Any]) -> str:
    """A CodeableConcept's words: its text, else its first coding's display or code."""
    if concept.get("text"):
        return str(concept["text"])
    for c in concept.get("coding") or []:
        if c.get("display") or c.get("code"):
            return str(c.get("display") or c.get("code"))
    return ""
