"""A FHIR R4 MedicationRequest in; the patient's own plan (a ``Track``) and its start date out.

The EHR already holds the prescription: ``handout build ldn --medication-request rx.json`` (and
the web page's upload field) print the patient's own dated schedule and calendar from it.  The
request is validated with fhir.resources (R4B's MedicationRequest and Dosage equal R4's), then
each ``dosageInstruction`` becomes one step of the dosing model (``model.Step``):

* order — by ``sequence``; each instruction's span from ``timing.repeat.boundsPeriod`` (start and
  end dates, end included) or ``boundsDuration`` (d, wk), consecutive, no gap or overlap;
* times — ``when`` MORN, NOON, AFT, EVE, HS, ACM, CM, CD, CV; ``frequency`` per ``period``
  ``periodUnit``: N a day with N ``when`` codes, N a day round the clock (every 24/N hours),
  every N hours, every N days, weekly on ``dayOfWeek``;
* dose — ``doseAndRate.doseQuantity`` or ``doseRange`` in the product's unit; the strength and
  count come from the handout's own plan; ``maxDosePerPeriod`` (per 24 h / 1 d),
  ``maxDosePerAdministration``; ``asNeededBoolean`` / ``asNeededCodeableConcept``.

Anything the model cannot say exactly (NIGHT, meal times but ACM, CM, CD, CV, clock times, a rate, a route other
than by mouth, extra instructions, concurrent instructions …) is an error naming the field:
a prescription is never printed approximately.  Every problem is located in the JSON file.
The medicine must carry the handout's RxNorm code.  Then ``dosecheck.check`` checks the plan, and
the plan must say nothing the handout's sentences contradict (``same_words``: its weekdays and times
of day; ``same_plan``: as needed or scheduled, doses a day, the wait between doses, the most in a
dose and a day, a course's length): a prescription replaces the doses, never the words.  Only a
request to be taken now is printed (status active or draft, an order, not doNotPerform).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from . import dosecheck, dosing
from .errors import Collector, Finding, HandoutError, Location
from .jsonpos import Path as JPath
from .jsonpos import Positions, load, path_text
from .model import PRESCRIBED, Handout, Period, Step, Track
from .schema import Identifier
from .rxwords import PlanWords
from .sigmap import DosageMapper, name_of

RXNORM_SYSTEM = "http://www.nlm.nih.gov/research/umls/rxnorm"
TRACK_ID = PRESCRIBED  # the private doses of blocks._private_doses
ORDERS = frozenset({"order", "original-order", "reflex-order", "filler-order", "instance-order"})
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

# The dosing model's field names, as the request names them (for dosecheck.check's findings).
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
    warnings: tuple[Finding, ...] = ()  # said, not refused: "25 tablets in one dose" (dosecheck)


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
    for f in dosecheck.check(dosing.medications(track, "track")[0]):  # the dose arithmetic, as for handout.yaml
        (m.c.error if f.severity == "error" else m.c.warning)(f.location, m.fhir_path(f.path), f.message)
    m.same_words(track)
    m.same_plan(track)
    m.c.raise_if_errors()
    track = _stopped(h, track)
    others = sorted({c.name for t in h.facts.tracks for c in t.companions})
    if others:  # methotrexate's folic acid left the table and calendar while the words still say it (a review)
        m.c.warning(pos.at(("dosageInstruction",)), "dosageInstruction", f"the handout's plan also has "
                    f"{' and '.join(others)}, which this prescription does not give: its doses are not printed "
                    "(expected its own prescription or the pharmacy label's instructions for it)")
    related = ({"reference": f"MedicationRequest/{doc['id']}"} if doc.get("id") else
               {"identifier": doc["identifier"][0]} if doc.get("identifier") else None)
    subject = (doc.get("subject") or {}).get("reference")
    return Prescription(track, m.start, related, subject, hashlib.sha256(data).hexdigest()[:12],
                        tuple(f for f in m.c.findings if f.severity != "error"))


def _stopped(h: Handout, track: Track) -> Track:
    """A course the handout's own plan ends with a stop step (a taper, an antibiotic), ended by the request: its
    table and calendar say "stop" after the last dose, as the handout's own plan does.  It printed nothing after
    the last box (a review: a prednisone taper from an EHR, and the patient carried on)."""
    last = track.steps[-1].when
    if last.end is None or not any(s.stop for t in h.facts.tracks for s in t.steps):
        return track
    stop = Step(when=Period(unit=last.unit, start=last.end + 1, loc=track.loc), stop=True, loc=track.loc)
    return replace(track, steps=(*track.steps, stop))


def apply(h: Handout, rx: Prescription) -> Handout:
    """The handout with the prescription as its only, default track."""
    facts = replace(h.facts, tracks=(rx.track,), default_track=Identifier(TRACK_ID))
    return replace(h, facts=facts)


class _Mapper(DosageMapper, PlanWords):
    def __init__(self, h: Handout, pos: Positions) -> None:
        self.h, self.pos, self.c = h, pos, Collector()
        self.where: dict[str, JPath] = {}
        self.times_from: dict[int, JPath] = {}
        self.order: list[int] = [0]
        self.product = h.track().product
        self.start: date | None = None

    def fhir_path(self, model_path: str) -> str:
        """A dosecheck.check path (track.steps[1].max_per_day) as the request's (dosageInstruction[1].maxDosePerPeriod)."""
        head, _, rest = model_path.partition("]")
        if not head.startswith("track.steps["):
            return "dosageInstruction"
        i = self.order[int(head[len("track.steps["):])]
        name = rest.lstrip(".").split(".")[0].split("[")[0]
        return f"dosageInstruction[{i}]" + (f".{FIELD_NAMES.get(name, name)}" if name else "")

    def run(self, doc: dict[str, Any]) -> Track | None:
        self.medication(doc)
        # Only a prescription to be taken now is printed as one (a review printed each of these as a plan
        # to follow): not one stopped, paused (on-hold) or of unknown status, not a suggestion (proposal,
        # plan, option: no prescriber's order), and never one that says not to take it (doNotPerform).
        if doc.get("status") not in ("active", "draft"):
            self.err(("status",), f"the prescription is {doc.get('status')}, not to be taken now (expected active, "
                     "or draft for one being written)")
        if doc.get("intent") not in ORDERS:
            self.err(("intent",), f"the request is a {doc.get('intent')}, not a prescriber's order (expected intent "
                     f"{', '.join(sorted(ORDERS))})")
        if doc.get("doNotPerform") is True:
            self.err(("doNotPerform",), "the request says this medicine is NOT to be taken (expected no doNotPerform, "
                     "or false)")
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
        return Track(id=Identifier(TRACK_ID), product=self.product, steps=tuple(s for s in steps if s is not None),
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
                for edge in ("start", "end"):  # "2027-01" ended nothing: the plan went on with no end (a review)
                    if edge in period and _date(period[edge]) is None:
                        self.err(base + ("boundsPeriod", edge), "not a whole date (expected a date with its day, "
                                 "YYYY-MM-DD)")
                        ok = False
                for edge in ("start", "end"):
                    if edge in period and _shifted(period[edge]):  # (never the dates: a patient's)
                        self.c.warning(self.pos.at(base + ("boundsPeriod", edge)), path_text(base + ("boundsPeriod", edge)),
                                       f"a time in another time zone, read in this computer's ({_zone(period[edge])}), "
                                       "where it is another day (expected this computer's time zone to be the clinic's: "
                                       "check the printed dates)")
                if "end" in period and _unclear_end(period["end"]):
                    self.err(base + ("boundsPeriod", "end"), "an end at a time of day, in this computer's time zone "
                             f"({_zone(period['end'])}): which day's doses it includes is not clear (expected a date, "
                             "YYYY-MM-DD, or an end at midnight or 23:59 in the clinic's time zone)")
                    ok = False
                s, e = _date(period.get("start")), _last_day(period.get("end"))
                if s is not None and k == 0:
                    self.start = s
                elif s is not None and self.start is None:  # its start was not compared with anything: a
                    # week's break, or an overlap, closed silently (a review printed the next dose a week early)
                    self.err(base + ("boundsPeriod", "start"), "a start date on a later instruction, with none on "
                             "the first to count from (expected boundsPeriod.start on the first instruction too)")
                    ok = False
                elif s is not None and self.start is not None and (s - self.start).days + 1 != day:
                    want = self.start + timedelta(days=day - 1)  # (never the dates: a patient's, a review)
                    n = abs((s - want).days)
                    what = (f"overlaps the instruction before by {n} day{'s' if n > 1 else ''}" if s < want else
                            f"leaves a gap of {n} day{'s' if n > 1 else ''} after the one before")
                    self.err(base + ("boundsPeriod", "start"), f"{what} (expected it to start the day after the one "
                             "before ends: instructions follow each other with no gap or overlap)")
                    ok = False
                if e is not None and self.start is None:
                    self.err(base + ("boundsPeriod", "end"), "an end date with no start date to count from "
                             "(expected boundsPeriod.start on the first instruction)")
                    ok = False
                elif e is not None and self.start is not None:
                    last = (e - self.start).days + 1
                    if last < day:
                        self.err(base + ("boundsPeriod", "end"), "ends before it starts")
                        ok = False
                    elif last > MAX_PLAN_DAYS:  # "9999-12-31" for "no end" ran for minutes, then failed (a review)
                        self.err(base + ("boundsPeriod", "end"), f"ends more than {MAX_PLAN_DAYS} days after the plan "
                                 "starts: no calendar holds it (expected an end within two years, or none for a plan "
                                 "that goes on)")
                        ok = False
                        last = None
            elif duration is not None:
                size = {"d": 1, "wk": 7}.get(duration.get("code") or duration.get("unit") or "")
                value = duration.get("value")
                if size is None or not isinstance(value, (int, float)) or value <= 0 or value != int(value):
                    self.err(base + ("boundsDuration",), "expected a whole number of days or weeks "
                             "(value, and unit d or wk)")
                    ok = False
                elif day + int(value) * size - 1 > MAX_PLAN_DAYS:
                    self.err(base + ("boundsDuration",), f"ends more than {MAX_PLAN_DAYS} days after the plan starts: "
                             "no calendar holds it (expected an end within two years, or none for a plan that goes on)")
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
        if d.get("patientInstruction"):  # (often the sig again, in words: said, not refused)
            at = base + ("patientInstruction",)
            self.c.warning(self.pos.at(at), path_text(at), "not printed: the page prints the plan from the coded "
                           "dosage (check that these words say nothing more)")
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
        values.update(self.dose(d, base))
        if any(f.severity == "error" for f in self.c.findings[n:]):  # (a warning still maps the step)
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
            self.err(path, f"'{name_of(route)}' is not by mouth (expected oral route, SNOMED CT 26643006)")

MAX_PLAN_DAYS = 731  # a dated plan: two years at most (a titration, then a year on its dose: a review)


def _local(value: Any) -> datetime | None:
    """An instant written with its time, in this computer's time zone (``TZ``): the clinic's.  An EHR
    that keeps times in UTC sends Monday midnight in Chicago as Monday 06:00Z and the Sunday before
    it ends as Monday 05:59:59Z: read as written, a 12-week methotrexate plan ended on a 13th Monday
    and boxed a 13th dose (a review).  None for a date alone, or what is no time."""
    if not isinstance(value, str) or len(value) <= 10:
        return None
    try:
        t = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return t.astimezone().replace(tzinfo=None) if t.tzinfo is not None else t
    except (ValueError, OverflowError):  # 9999-12-31T23:59:59Z east of UTC was a traceback (a review)
        return None


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    local = _local(value)
    return local.date() if local is not None else date.fromisoformat(value[:10])


def _shifted(value: Any) -> bool:
    """Whether this computer's time zone made ``value`` another day than it is written."""
    local = _local(value)
    return local is not None and local.date() != date.fromisoformat(value[:10])


def _last_day(value: Any) -> date | None:
    """The last day of a period that ends at ``value``: its date, but the day before for an instant at
    midnight (FHIR: an end "includes any matching date/time", so ...-14T00:00:00 ends as the 14th
    begins; it boxed the 14th, a day too long, and the usual back-to-back encoding, one step's end
    the next one's start, was refused as an overlap: a review).  Midnight or 23:59 in this computer's
    zone (Monday 05:59:59Z, the Sunday before, in Chicago), or else in the zone it is written in
    (23:59:59Z; a midnight written as -06:00 on a computer in UTC): reviews."""
    day = _date(value)
    if day is None:
        return None
    for t in (_local(value), _written(value)):
        if t is None:
            continue
        if t.time() == datetime.min.time():
            try:
                return t.date() - timedelta(days=1)
            except OverflowError:  # an end in year 1 was a traceback (a review): it ends before it starts
                return t.date()
        if (t.hour, t.minute) == (23, 59):
            return t.date()
    return day


def _written(value: Any) -> datetime | None:
    """An instant with its time as written, in its own zone (None for a date alone)."""
    if not isinstance(value, str) or len(value) <= 10:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def _unclear_end(value: Any) -> bool:
    """Whether an end instant leaves its last day unclear: only midnight (that day not included) and
    the day's last minute (included), here or in its own zone, say it.  An EHR adding 9 x 24 hours in
    UTC across a change to summer time ended at 01:00 on the 10th day (06:00Z): counted whole, a
    9-day course printed as 10 (a review)."""
    times = [t for t in (_local(value), _written(value)) if t is not None]
    return bool(times) and not any(t.time() == datetime.min.time() or (t.hour, t.minute) == (23, 59) for t in times)


def _zone(value: Any = None) -> str:
    """This computer's time zone as a person reads it: its name and offset at the instant ``value`` (a review: an
    end in New York's summer time was said to be read in EST, UTC-05:00, from the offset of the day it was
    built), else now."""
    at = datetime.now().astimezone()
    try:
        if isinstance(value, str) and len(value) > 10:
            at = datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone()
    except (ValueError, OverflowError):
        pass
    return f"{at.tzname()}, UTC{at.strftime('%z')[:3]}:{at.strftime('%z')[3:]}"
