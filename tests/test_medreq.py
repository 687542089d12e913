"""A FHIR R4 MedicationRequest from the EHR, printed as the patient's own dated plan and calendar."""

from __future__ import annotations

import re

import json
from contextlib import contextmanager
from datetime import date, timedelta, UTC
from pathlib import Path

import pytest

from conftest import DATA, line_of, pdf_text, pretend_today, run
from test_dosing import WEEKLY, boxes, columns_by_row, make_plan, text_of

START = date.today() + timedelta(days=3)
UCUM = "http://unitsofmeasure.org"


def dose(mg: float, when=("HS",), start: date | None = None, end: date | None = None, weeks: int | None = None,
         days: int | None = None, seq: int | None = None, **repeat) -> dict:
    rep: dict = {"frequency": len(when) or 1, "period": 1, "periodUnit": "d", **repeat}
    if when:
        rep["when"] = list(when)
    if start or end:
        rep["boundsPeriod"] = {k: v.isoformat() for k, v in (("start", start), ("end", end)) if v}
    if weeks or days:
        rep["boundsDuration"] = {"value": weeks or days, "unit": "wk" if weeks else "d", "system": UCUM,
                                 "code": "wk" if weeks else "d"}
    d = {"timing": {"repeat": rep}, "doseAndRate": [{"doseQuantity": {"value": mg, "unit": "mg", "system": UCUM,
                                                                         "code": "mg"}}]}
    return {"sequence": seq, **d} if seq is not None else d


def request(tmp: Path, *dosages: dict, code: str = "7243", display: str = "naltrexone", **top) -> Path:
    rx = {"resourceType": "MedicationRequest", "id": "rx-1", "status": "active", "intent": "order",
          "subject": {"reference": "Patient/123"},
          "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm",
                                                    "code": code, "display": display}]},
          "dosageInstruction": list(dosages), **top}
    path = tmp / "rx.json"
    path.write_text(json.dumps(rx, indent=2), encoding="utf-8")
    return path


def build(tmp: Path, capsys, rx: Path, data: Path = DATA, *extra: str) -> dict[str, bytes]:
    out = tmp / "out"
    code, _, err = run(["build", "ldn", "--data", str(data), "--lang", "en", "--out", str(out), "--patient", "Pat",
                        "--medication-request", str(rx), *extra], capsys)
    assert code == 0, err
    return {p.name: p.read_bytes() for p in (out / "personal").iterdir()}


def pdf(files: dict[str, bytes], calendar: bool = False) -> bytes:
    return next(v for k, v in files.items() if k.endswith(".pdf") and ".wallet." not in k and (".calendar." in k) == calendar)


def test_the_ldn_titration_as_three_instructions_is_dated_and_boxed(tmp_path: Path, capsys):
    rx = request(tmp_path, dose(1.5, start=START, end=START + timedelta(days=13), seq=1), dose(3, weeks=2, seq=2),
                 dose(4.5, start=START + timedelta(days=28), seq=3))
    files = build(tmp_path, capsys, rx, DATA, "--fhir")
    text = text_of(pdf(files))
    assert "Take 1 capsule at bedtime." in text  # the table: its Dose column gives the mg, in step order
    assert text.index("1.5 mg") < text.index("3 mg") < text.index("4.5 mg")
    from handout.localize import Localizer

    loc = Localizer("en")
    def plain(t: str) -> str:  # thin, narrow and no-break spaces (a date is kept whole) read as spaces
        return re.sub("[\u2009\u202f\xa0]", " ", t)

    assert plain(loc.date_range_said(START, START + timedelta(days=13))) in plain(text)  # as read (ActualText)
    assert plain(loc.said_date(START + timedelta(days=28))) in plain(text)  # "From January 7", as read
    assert [len(r) for r in columns_by_row(boxes(pdf(files, calendar=True)))] == [7] * 5
    doc = json.loads(next(v for k, v in files.items() if k.endswith(".fhir.json") and ".calendar." not in k))
    assert doc["context"] == {"related": [{"reference": "MedicationRequest/rx-1"}]}
    assert doc["subject"] == {"reference": "Patient/123"}


def test_two_instructions_in_days_with_start_from_the_command_line(tmp_path: Path, capsys):
    rx = request(tmp_path, dose(4.5, seq=2), dose(1.5, days=10, seq=1))  # listed out of order: sequence decides
    text = text_of(pdf(build(tmp_path, capsys, rx, DATA, "--start", START.isoformat(), "--edition", "standard")))
    assert "Take 1 capsule at bedtime." in text  # the table: its Dose column gives the mg, in step order
    assert text.index("1.5 mg") < text.index("4.5 mg")
    assert "Days 1 to 10" in text and "From day 11" in text  # 10 days is not whole weeks: the plan counts days


def test_a_clinic_profiles_usual_track_does_not_refuse_a_prescription(tmp_path: Path, capsys):
    """An adversarial review: a clinic profile with 'track: slow' refused every prescription with
    "no track 'slow' in handout 'ldn' (expected one of: prescription)": the prescription is the plan."""
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("clinic: Riverside\ntrack: slow\n", encoding="utf-8")
    rx = request(tmp_path, dose(4.5, seq=2), dose(1.5, days=10, seq=1))
    text = text_of(pdf(build(tmp_path, capsys, rx, DATA, "--start", START.isoformat(), "--edition", "standard",
                             "--clinic-profile", str(clinic))))
    assert "Days 1 to 10" in text and "Riverside" in text


def plan_at(timing: str) -> str:
    """The LDN plan (two steps) at this time of day: words written for it, as a handout's must be."""
    return f"""
  - id: standard
    product: {{form: capsule, unit: mg}}
    steps:
      - {{when: {{unit: week, start: 1, end: 2}}, amount: 1.5, strength: 1.5, count: 1, timing: {timing}}}
      - {{when: {{unit: week, start: 3}}, amount: 4.5, strength: 4.5, count: 1, timing: {timing}}}
"""


def test_a_twice_daily_request(tmp_path: Path, capsys):
    make_plan(tmp_path, plan_at("[morning, bedtime]"))
    rx = request(tmp_path, dose(1.5, when=("MORN", "HS"), start=START, end=START + timedelta(days=9)))
    files = build(tmp_path, capsys, rx, tmp_path / "data")
    assert "Take 1 capsule in the morning and 1 capsule at bedtime." in text_of(pdf(files))
    assert [len(r) for r in columns_by_row(boxes(pdf(files, calendar=True)))] == [7, 7, 3, 3]


def test_a_requests_implausible_tablet_count_is_said(tmp_path: Path, capsys):
    """A code review: a 62.5 mg weekly methotrexate request printed 'Take 25 tablets of 2.5 mg' with
    no word, though handout.yaml's own 25 tablets are a warning."""
    make_plan(tmp_path, WEEKLY)
    rx = request(tmp_path, dose(62.5, when=("MORN",), start=START, periodUnit="wk", dayOfWeek=["mon"]))
    out = tmp_path / "out"
    code, _, err = run(["build", "ldn", "--data", str(tmp_path / "data"), "--lang", "en", "--out", str(out),
                        "--patient", "Pat", "--medication-request", str(rx)], capsys)
    assert code == 0 and "warning:" in err and "25 tablets in one dose" in err, err


def test_a_request_may_list_the_handouts_times_in_any_order(tmp_path: Path, capsys):
    """A code review: [HS, MORN] for a [morning, bedtime] plan was refused ('bedtime, morning, but
    the handout's words are written for morning, bedtime')."""
    make_plan(tmp_path, plan_at("[morning, bedtime]"))
    rx = request(tmp_path, dose(1.5, when=("HS", "MORN"), start=START, end=START + timedelta(days=9)))
    assert "1.5 mg" in text_of(pdf(build(tmp_path, capsys, rx, tmp_path / "data")))


def test_a_before_breakfast_request_says_before_not_with(tmp_path: Path, capsys):
    """FHIR ACM (before breakfast: the empty-stomach dose) was refused, and the nearest thing an
    author could write was 'with breakfast', the opposite.  It prints as itself."""
    make_plan(tmp_path, plan_at("before_breakfast"))
    rx = request(tmp_path, dose(1.5, when=("ACM",), start=START, end=START + timedelta(days=6)))
    files = build(tmp_path, capsys, rx, tmp_path / "data")
    text = text_of(pdf(files))
    assert "Take 1 capsule before breakfast." in text and "with breakfast" not in text
    assert [len(r) for r in columns_by_row(boxes(pdf(files, calendar=True)))] == [7]


def test_a_weekly_request_names_its_day_and_boxes_mondays_only(tmp_path: Path, capsys):
    make_plan(tmp_path, WEEKLY)  # a weekly tablet plan: 6 x 2.5 mg on Monday
    rx = request(tmp_path, dose(15, when=("MORN",), start=START, periodUnit="wk", dayOfWeek=["mon"]))
    files = build(tmp_path, capsys, rx, tmp_path / "data")
    text = text_of(pdf(files))
    assert "Take 6 tablets of 2.5 mg in the morning, once a week, on Monday." in text and "15 mg" in text
    assert "folic acid" not in text.lower()  # the request is one medicine: the plan is the prescription's
    rows = columns_by_row(boxes(pdf(files, calendar=True)))
    assert rows and all(len(r) == 1 for r in rows)


@pytest.mark.parametrize("repeat, needle, said", [
    ({"periodUnit": "wk", "dayOfWeek": ["fri"]}, '"dayOfWeek"', "dayOfWeek: Friday, but the handout's words are written for Monday"),
    ({}, '"repeat"', "timing.repeat: every day, but the handout's words are written for Monday"),
    # (a code review: "at bedtime" in the table under "once a week, on Monday morning")
    ({"periodUnit": "wk", "dayOfWeek": ["mon"], "when": ["HS"]}, '"when"',
     "timing.repeat.when: bedtime, but the handout's words are written for morning (expected when [MORN]"),
])
def test_a_request_on_another_day_than_the_handouts_words_is_refused(tmp_path: Path, capsys, repeat, needle, said):
    """The calendar review: a clinic that gave weekly methotrexate its RxNorm code could print a
    Friday (or a daily) prescription under words written for Monday: "Take your whole dose once a
    week, on Monday morning", "If you miss your Monday dose".  A handout whose plan names its
    weekdays takes requests on those days only."""
    make_plan(tmp_path, WEEKLY)  # a weekly tablet plan: 6 x 2.5 mg on Monday
    rx = request(tmp_path, dose(15, when=repeat.get("when", ("MORN",)), start=START,
                                **{k: v for k, v in repeat.items() if k != "when"}))
    code, _, err = run(["build", "ldn", "--data", str(tmp_path / "data"), "--lang", "en", "--out", str(tmp_path / "o"),
                        "--patient", "Pat", "--medication-request", str(rx)], capsys)
    assert code == 1 and "Traceback" not in err
    line = next((e for e in err.splitlines() if said in e), err)
    assert f"rx.json:{line_of(rx, needle)}:" in line and ("expected dayOfWeek [mon]" in line or "[MORN]" in line), err
    assert not (tmp_path / "o" / "personal").exists() or not any((tmp_path / "o" / "personal").iterdir())


@pytest.mark.parametrize("when, said", [
    (("MORN",), "timing.repeat.when: morning, but the handout's words are written for bedtime (expected when [HS]"),
    (("MORN", "HS"), "timing.repeat.when: morning, bedtime, but the handout's words are written for bedtime"),
])
def test_a_request_at_another_time_than_the_handouts_words_is_refused(tmp_path: Path, capsys, when, said):
    """LDN's words say "Take 1 capsule at bedtime" and "at about the same time each night": a
    morning request printed "Take 1 capsule in the morning" in the table under them.  A handout
    whose plan names a time of day takes requests at that time (or at none named) only."""
    rx = request(tmp_path, dose(1.5, when=when, start=START, end=START + timedelta(days=9)))
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--out", str(tmp_path / "o"),
                        "--patient", "Pat", "--medication-request", str(rx)], capsys)
    assert code == 1 and "Traceback" not in err
    line = next((e for e in err.splitlines() if said in e), err)
    needle = '"when"'
    assert f"rx.json:{line_of(rx, needle)}:" in line, err
    assert not (tmp_path / "o" / "personal").exists()


def test_a_request_naming_no_time_takes_the_handouts_words(tmp_path: Path, capsys):
    """A request with no time of day says less than LDN's words, not something else: it is taken."""
    rx = request(tmp_path, dose(1.5, when=(), start=START, end=START + timedelta(days=9)))
    assert "1.5 mg" in text_of(pdf(build(tmp_path, capsys, rx)))


def test_a_request_may_list_the_handouts_weekdays_in_any_order(tmp_path: Path, capsys):
    """A code review: the weekday guard compared the days in order, and refused ["thu", "mon"] for a
    plan on Monday and Thursday ("Thursday, Monday, but the handout's words are written for Monday,
    Thursday")."""
    make_plan(tmp_path, """
  - id: standard
    product: {form: tablet, unit: mg}
    steps:
      - {when: {unit: week, start: 1}, amount: 15, strength: 2.5, count: 6, days: [monday, thursday], timing: morning}
""")
    rx = request(tmp_path, dose(15, when=("MORN",), start=START, periodUnit="wk", frequency=2, dayOfWeek=["thu", "mon"]))
    files = build(tmp_path, capsys, rx, tmp_path / "data")
    rows = columns_by_row(boxes(pdf(files, calendar=True)))
    assert rows and all(len(r) == 2 for r in rows[1:-1])  # two boxes a week (the first and last weeks may be cut)


# --- what the model cannot say is an error at its line, never an approximation
BAD = [
    ("night", lambda: [dose(1.5, when=("NIGHT",), start=START)], '"NIGHT"',
     "dosageInstruction[0].timing.repeat.when[0]: 'NIGHT' cannot be printed as a time of day"),
    ("before-lunch", lambda: [dose(1.5, when=("ACD",), start=START)], '"ACD"', "'ACD' cannot be printed"),
    ("clock-time", lambda: [dose(1.5, when=(), start=START, timeOfDay=["21:00:00"])], '"timeOfDay"',
     "timing.repeat.timeOfDay: clock times cannot be printed"),
    ("weekly-without-day", lambda: [dose(1.5, when=("HS",), start=START, periodUnit="wk")], '"periodUnit": "wk"',
     "a weekly dose needs its day"),
    ("when-count", lambda: [dose(1.5, when=("HS",), start=START, frequency=2)], '"when"',
     "lists 1 time of day for 2 doses a day"),
    # A review: an unknown day code was dropped and a weekly plan printed daily (7 boxes a week),
    # or lost its second day; two times of day for 1 dose a week printed 2 doses each Monday.
    ("day-capital", lambda: [dose(4.5, start=START, periodUnit="wk", dayOfWeek=["Mon"])], '"Mon"',
     "dosageInstruction[0].timing.repeat.dayOfWeek[0]: 'Mon' is not a FHIR day code"),
    ("day-word", lambda: [dose(4.5, start=START, periodUnit="wk", dayOfWeek=["monday"])], '"monday"',
     "'monday' is not a FHIR day code"),
    ("second-day-unknown", lambda: [dose(4.5, when=("MORN",), start=START, periodUnit="wk", frequency=2,
                                         dayOfWeek=["mon", "Thu"])], '"Thu"', "dayOfWeek[1]: 'Thu' is not"),
    ("day-twice", lambda: [dose(4.5, when=("MORN",), start=START, periodUnit="wk", frequency=2,
                                dayOfWeek=["mon", "mon"])], '"dayOfWeek"', "dayOfWeek: 'monday' is listed twice"),
    # ... and two names of one time of day printed two doses, and two boxes, each morning (a review)
    ("one-time-two-names", lambda: [dose(1.5, when=("MORN", "CM"), start=START, frequency=2)], '"when"',
     "'morning' and 'with_breakfast' are one time of day: two doses at once"),
    ("weekly-two-times", lambda: [dose(4.5, when=("MORN", "HS"), start=START, periodUnit="wk", frequency=1,
                                       dayOfWeek=["mon"])], '"when"', "lists 2 times of day for 1 dose on each dose day"),
    ("every-other-day-two-times", lambda: [dose(4.5, when=("MORN", "HS"), start=START, frequency=1, period=2)],
     '"when"', "lists 2 times of day for 1 dose every 2 days"),
    ("concurrent", lambda: [dose(1.5, start=START, seq=1), dose(3, seq=1)], '"sequence": 1',
     "concurrent instructions are not supported"),
    ("gap", lambda: [dose(1.5, start=START, end=START + timedelta(days=6), seq=1),
                     dose(3, start=START + timedelta(days=9), seq=2)], (START + timedelta(days=9)).isoformat(),
     "boundsPeriod.start: leaves a gap of 2 days after the one before (expected it to start the day after the one "
     "before ends"),
    ("no-end", lambda: [dose(1.5, start=START, seq=1), dose(3, seq=2)], '"repeat"', "has no end"),
    ("strength", lambda: [dose(6, start=START)], '"value": 6', "cannot tell which strength makes 6 mg"),
    # (the amount as given, never rounded to the plan's: "4.5 mg" beside a plan of 4.5 mg, a review)
    ("decimals", lambda: [dose(4.5000001, start=START)], '"value": 4.5000001',
     "cannot tell which strength makes 4.5000001 mg"),
    ("unit", lambda: [{**dose(1.5, start=START), "doseAndRate": [{"doseQuantity": {"value": 1, "unit": "capsule"}}]}],
     '"unit": "capsule"', "doseQuantity.unit: 'capsule' is not mg"),
    ("route", lambda: [{**dose(1.5, start=START), "route": {"text": "intravenous"}}], '"route"',
     "'intravenous' is not by mouth"),
    ("additional", lambda: [{**dose(1.5, start=START), "additionalInstruction": [{"text": "with food"}]}],
     '"additionalInstruction"', "extra instructions would not be printed"),
    ("as-needed-no-reason", lambda: [{**dose(1.5, when=(), start=START, periodUnit="h", period=6),
                                      "asNeededBoolean": True}], '"asNeededBoolean"', "cannot tell which reason"),
    ("fhir-invalid", lambda: [{**dose(1.5, start=START), "sequence": "first"}], '"sequence": "first"',
     "Input should be a valid integer"),
    # A review: a later instruction's start, with none on the first, was never compared: the week's
    # break it left closed silently, and the next dose printed a week early.
    ("later-start-only", lambda: [dose(1.5, days=7, seq=1), dose(3, start=START + timedelta(days=14), seq=2)],
     (START + timedelta(days=14)).isoformat(), "dosageInstruction[1].timing.repeat.boundsPeriod.start: a start date "
     "on a later instruction, with none on the first to count from"),
    # ... and an end "2027-01" ended nothing: the plan went on with no end.
    ("partial-end", lambda: [_with_end(dose(1.5, start=START), "2027-01")], '"2027-01"',
     "boundsPeriod.end: not a whole date (expected a date with its day, YYYY-MM-DD)"),
    # ... and timing.code was never compared: BID beside "1 per 1 d" printed once a day, the
    # prescriber's two doses a day, or the other way round, left to chance.
    ("code-bid-over-daily", lambda: [_with_code(dose(1.5, start=START), "BID")], '"BID"',
     "timing.code.coding[0].code: 'BID' means 2 per 1 d, but timing.repeat says 1 per 1 d"),
    ("code-am-at-bedtime", lambda: [_with_code(dose(1.5, start=START), "AM")], '"AM"',
     "timing.code.coding[0].code: 'AM' means 1 per 1 d at ACM or CM or MORN, but timing.repeat says when HS"),
    ("code-second-coding", lambda: [_with_code(dose(1.5, start=START), "QD", "QOD")], '"QOD"',
     "timing.code.coding[1].code: 'QOD' means 1 per 2 d"),
    # A review of that check: AM with no `when` printed the handout's bedtime; 'bid' or Q12H in
    # FHIR's system was skipped; PM alone says neither afternoon nor evening; a null frequency was a traceback.
    ("code-am-alone", lambda: [_with_code(dose(1.5, when=(), start=START), "AM")], '"code": {',
     "timing.code: morning, but the handout's words are written for bedtime"),  # (said at the code: no `when`)
    ("code-pm-alone", lambda: [_with_code(dose(1.5, when=(), start=START), "PM")], '"PM"',
     "'PM' alone does not say which time of day (expected timing.repeat.when AFT or CV or EVE beside it)"),
    ("code-lower-case", lambda: [_with_code(dose(1.5, start=START), "bid")], '"bid"',
     "'bid' is not a FHIR TimingAbbreviation code"),
    ("code-every-12-hours", lambda: [_with_code(dose(1.5, start=START), "Q12H", system="urn:oid:2.16.840.1.113883.5.1022")],
     '"Q12H"', "'Q12H' means 1 per 12 h, but timing.repeat says 1 per 1 d"),
    ("frequency-null", lambda: [dose(1.5, start=START, frequency=None)], '"frequency": null',
     "timing.repeat.frequency: None is not a number of doses"),
    ("code-two-times", lambda: [_with_code(dose(1.5, when=(), start=START), "AM", "BED")], '"code": {',
     "timing.code: its codes give two times of day (HS, MORN)"),
    # ... and "< 4.5 mg" printed as 4.5 mg.
    ("comparator", lambda: [_with_comparator(dose(4.5, start=START), "<")], '"comparator"',
     "doseQuantity.comparator: '<' makes it a limit, not a dose"),
]


GTS = "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation"


def _with_code(d: dict, *codes: str, system: str | None = GTS) -> dict:
    d["timing"]["code"] = {"coding": [{"code": c, **({"system": system} if system else {})} for c in codes]}
    return d


def test_a_timing_code_that_agrees_or_is_another_systems_is_printed(tmp_path: Path, capsys):
    """QD and BED say what "1 per 1 d at HS" says; a local system's BID is not FHIR's, so not compared."""
    for codes, system in ((("QD",), GTS), (("BED", "QD"), GTS), (("QD",), None), (("Q24H",), GTS)):
        files = build(tmp_path, capsys, request(tmp_path, _with_code(dose(1.5, start=START), *codes, system=system)))
        assert "1.5 mg" in text_of(pdf(files)), codes
    # BED with no `when` is bedtime: the handout's time, printed; beside "1 per 24 h" too (a review);
    # and a frequency of 1.0 is 1
    for repeat in ({}, {"period": 24, "periodUnit": "h"}, {"frequency": 1.0}):
        files = build(tmp_path, capsys, request(tmp_path, _with_code(dose(1.5, when=(), start=START, **repeat), "BED")))
        assert "at bedtime" in " ".join(text_of(pdf(files)).split()).replace("\xa0", " "), repeat


def test_a_timing_code_nothing_could_compare_is_said(tmp_path: Path, capsys):
    """'BID' as text, or in an EHR's own system, is not compared: the repeat is printed, and the
    clinician is told to check it (a review: said nothing)."""
    free = "x\nrx.json:1:1: error: forged\u202e 5 mL"  # free text is never quoted (a review)
    said = "dosageInstruction[0].timing.code: it is not a FHIR TimingAbbreviation code"
    res, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--out", str(tmp_path / "f"), "--patient",
                       "Pat", "--medication-request", str(request(tmp_path, {**dose(1.5, start=START)} | {"timing": {
                           **dose(1.5, start=START)["timing"], "code": {"text": free}}}))], capsys)
    assert res == 0 and said in err and "forged" not in err and "\u202e" not in err, err
    for code in ({"text": "BID"}, {"coding": [{"system": "urn:oid:1.2.3", "code": "BID"}]}):
        d = dose(1.5, start=START)
        d["timing"]["code"] = code
        rx = request(tmp_path, d)
        out = tmp_path / "o"
        res, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--out", str(out), "--patient", "Pat",
                           "--medication-request", str(rx)], capsys)
        line = line_of(rx, '"code": {')
        assert res == 0 and f"rx.json:{line}:" in err, err
        assert "'BID' is not a FHIR TimingAbbreviation code, so it was not compared with timing.repeat" in err, err


def _with_comparator(d: dict, comparator: str) -> dict:
    d["doseAndRate"][0]["doseQuantity"]["comparator"] = comparator
    return d


def _with_end(d: dict, end: str) -> dict:
    d["timing"]["repeat"]["boundsPeriod"]["end"] = end
    return d


# A review printed each of these as a plan to follow.
NOT_TO_TAKE = [
    ("do-not-perform", {"doNotPerform": True}, '"doNotPerform"',
     "error: doNotPerform: the request says this medicine is NOT to be taken"),
    ("on-hold", {"status": "on-hold"}, '"status"', "error: status: the prescription is on-hold, not to be taken now"),
    ("unknown", {"status": "unknown"}, '"status"', "error: status: the prescription is unknown, not to be taken now"),
    ("stopped", {"status": "stopped"}, '"status"', "error: status: the prescription is stopped, not to be taken now"),
    ("proposal", {"intent": "proposal"}, '"intent"', "error: intent: the request is a proposal, not a prescriber's order"),
    ("plan", {"intent": "plan"}, '"intent"', "error: intent: the request is a plan, not a prescriber's order"),
]


@pytest.mark.parametrize("case", NOT_TO_TAKE, ids=[c[0] for c in NOT_TO_TAKE])
def test_a_request_not_to_be_taken_now_is_refused(tmp_path: Path, capsys, case):
    _, top, needle, message = case
    rx = request(tmp_path, dose(1.5, start=START), **top)
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--out", str(tmp_path / "o"),
                        "--medication-request", str(rx)], capsys)
    assert code == 1 and f"rx.json:{line_of(rx, needle)}:" in err and message in err, err
    assert not (tmp_path / "o" / "personal").exists() or not any((tmp_path / "o" / "personal").iterdir())
    for fine in ({"status": "draft"}, {"intent": "original-order"}, {"doNotPerform": False}) if "status" in top else ():
        rx = request(tmp_path, dose(1.5, start=START), **fine)
        code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--out", str(tmp_path / "o"),
                            "--medication-request", str(rx)], capsys)
        assert code == 0, (fine, err)


@pytest.mark.parametrize("case", BAD, ids=[c[0] for c in BAD])
def test_a_sig_the_model_cannot_represent_is_an_error_naming_the_field(tmp_path: Path, capsys, case):
    _, dosages, needle, message = case
    rx = request(tmp_path, *dosages())
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--out", str(tmp_path / "o"),
                        "--medication-request", str(rx)], capsys)
    assert code == 1 and "Traceback" not in err
    line = next((e for e in err.splitlines() if message in e), err)
    assert f"rx.json:{line_of(rx, needle)}:" in line and ": error: dosageInstruction" in line, err
    assert not (tmp_path / "o" / "personal").exists() or not any((tmp_path / "o" / "personal").iterdir())
    assert not re.search(r"\d{4}-\d\d-\d\d", err.replace(str(tmp_path), "")), err  # never a date: the patient's


def test_a_code_mismatch_names_both_codes(tmp_path: Path, capsys):
    rx = request(tmp_path, dose(1.5, start=START), code="161", display="acetaminophen")
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--out", str(tmp_path / "o"),
                        "--medication-request", str(rx)], capsys)
    assert code == 1
    needle = '"code": "161"'
    assert (f"rx.json:{line_of(rx, needle)}:" in err and "medicationCodeableConcept.coding[0].code: "
            "RxNorm 161 (acetaminophen) is not the medicine of handout 'ldn' (expected RxNorm 7243)" in err), err


def test_a_start_date_that_clashes_or_is_missing_is_an_error(tmp_path: Path, capsys):
    rx = request(tmp_path, dose(1.5, start=START))
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--out", str(tmp_path / "o"),
                        "--medication-request", str(rx), "--start", (START + timedelta(days=1)).isoformat()], capsys)
    assert code == 1 and ("the prescription starts on another day than the start date given (expected one start "
                          "date: leave out --start)") in err and START.isoformat() not in err, err  # (never the dates)
    # The document would be filed in the record given, the prescription being another patient's (a review).
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--out", str(tmp_path / "o"),
                        "--medication-request", str(rx), "--patient-reference", "Patient/999"], capsys)
    assert code == 1 and ("error: subject: the prescription is for another patient than the patient reference given "
                          "(expected one patient: leave out --patient-reference)") in err and "999" not in err, err
    for same in ("Patient/123", "https://ehr.example.org/fhir/Patient/123"):  # one patient, two spellings
        code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--out", str(tmp_path / "o"),
                            "--medication-request", str(rx), "--patient-reference", same], capsys)
        assert code == 0, (same, err)
    rx = request(tmp_path, dose(1.5))
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--out", str(tmp_path / "o"),
                        "--medication-request", str(rx)], capsys)
    assert code == 1 and "no start date (expected boundsPeriod.start on the first instruction, or --start)" in err
    (tmp_path / "bad.json").write_text('{"resourceType": "MedicationRequest",\n  "status": }', encoding="utf-8")
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--out", str(tmp_path / "o"),
                        "--medication-request", str(tmp_path / "bad.json")], capsys)
    assert code == 1 and "bad.json:2:13: error: not valid JSON" in err and "Traceback" not in err


@pytest.mark.parametrize("edit, where, message", [
    # json.loads keeps the last of two keys: a request naming 4.5 mg and then 1.5 mg printed 1.5 mg
    (lambda t: t.replace('"value": 4.5,', '"value": 4.5, "value": 1.5,'), '"value": 1.5',
     "doseQuantity.value: 'value' is given twice (first at line"),
    (lambda t: t.replace('"value": 4.5,', '"value": NaN,'), "NaN", "value: not valid JSON: 'NaN' is not a number"),
    (lambda t: t.replace('"status": "active"', '"status": [[[[' + "[" * 100 + "]" * 104), '"status": [[[[',
     "not valid JSON: nested more than 64 levels deep"),
])
def test_a_request_json_allows_no_guess(tmp_path: Path, capsys, edit, where, message):
    """An adversarial review: duplicate keys (the last won, for the dose too), NaN (an assertion
    traceback; a 500 on the web page) and deep nesting (a RecursionError) in a request."""
    rx = request(tmp_path, dose(4.5, start=START))
    rx.write_text(edit(rx.read_text(encoding="utf-8")), encoding="utf-8")
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--out", str(tmp_path / "o"),
                        "--medication-request", str(rx)], capsys)
    assert code == 1 and "Traceback" not in err, err
    line = next((e for e in err.splitlines() if message in e), err)
    assert f"rx.json:{line_of(rx, where)}:" in line and ": error: " in line, err
    assert not (tmp_path / "o" / "personal").exists()


@pytest.mark.parametrize("other", [["--personal-csv", "rows.csv"], ["--track", "slow"]])
def test_a_prescription_is_never_combined_with_another_plan(tmp_path: Path, capsys, other):
    """One patient's prescription is the plan: with a CSV of patients or a track as well, nothing
    is built and the message says why (the CSV once won without a word)."""
    rx = request(tmp_path, dose(1.5, start=START))
    (tmp_path / "rows.csv").write_text("patient,start\nPat,2026-12-01\n", encoding="utf-8")
    other = [str(tmp_path / x) if x.endswith(".csv") else x for x in other]
    out = tmp_path / "o"
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--out", str(out),
                        "--medication-request", str(rx), *other], capsys)
    assert code == 1 and f"cannot be combined with {other[0]}" in err, err
    assert not list(out.rglob("*.pdf"))


# --- the same from the web page's upload field
@pytest.fixture(scope="module")
def client():
    from handout.web import create_app

    return create_app(DATA, rate="1000 per minute").test_client()


def upload(client, tmp: Path, *dosages: dict, route: str = "/pdf", **fields):
    import io

    from handout.websafety import csrf_token

    data = request(tmp, *dosages).read_bytes()
    form = {"handout": "ldn", "lang": "en", "edition": "standard", "csrf": csrf_token(), **fields,
            "medication_request": (io.BytesIO(data), "rx.json")}
    return client.post(route, data=form, content_type="multipart/form-data")


def test_an_uploaded_request_prints_the_patients_plan(client, tmp_path: Path):
    resp = upload(client, tmp_path, dose(1.5, start=START, end=START + timedelta(days=6), seq=1),
                  dose(3, start=START + timedelta(days=7), seq=2), patient="Ana")
    assert resp.status_code == 200 and resp.mimetype == "application/pdf"
    text = text_of(resp.data)
    assert "Take 1 capsule at bedtime." in text and "1.5 mg" in text and "3 mg" in text
    assert "Take 1 capsule (4.5 mg)" not in text  # the handout's usual plan is replaced, not added to
    resp = upload(client, tmp_path, dose(1.5, start=START), edition="calendar")
    assert resp.status_code == 200 and len(boxes(resp.data)) == 7  # dated from the request: one week of nightly doses


def test_a_prescriptions_start_out_of_range_is_said_at_the_file_not_the_empty_start_box(client, tmp_path: Path):
    """A clinician's review: a prescription begun two years ago was blamed on the start-date box, left empty."""
    resp = upload(client, tmp_path, dose(1.5, start=date.today() - timedelta(days=800)), route="/preview",
                  patient="Ana")
    html = resp.get_data(as_text=True).replace("&#39;", "'")
    assert resp.status_code == 422 and 'id="start-error"' not in html, html
    beside = html.split('id="medication_request-error">', 1)[1].split("</div>", 1)[0]
    assert beside.startswith("The prescription's start date is more than a year from today"), beside


@pytest.mark.parametrize("first", ["/pdf", "/preview"])
def test_the_second_press_sends_the_prescription_the_page_showed(client, tmp_path: Path, first):
    """Found in review: a prescription begun 3 days ago gives a warning, so Download shows the page
    first; a browser does not fill the file field again, and the second press sent the handout's
    usual plan (1.5, 3, then 4.5 mg) instead of the prescription (1.5 then 3 mg).  Preview, then
    Download, did the same.  The page keeps the prescription it showed for the next press."""
    import html
    import re

    past = date.today() - timedelta(days=3)
    rx = [dose(1.5, start=past, end=past + timedelta(days=6), seq=1), dose(3, start=past + timedelta(days=7), seq=2)]
    page = upload(client, tmp_path, *rx, route=first, patient="Ana").get_data(as_text=True)
    assert "is in the past" in page and 'id="prescription-kept"' in page
    kept = html.unescape(re.search(r'name="prescription" value="([^"]*)"', page).group(1))
    bound = re.search(r'name="prescription_for" value="(\w+)"', page).group(1)
    seen = re.search(r'name="seen" value="(\w+)"', page).group(1)
    from handout.websafety import csrf_token

    again = client.post("/pdf", data={"handout": "ldn", "lang": "en", "edition": "standard", "csrf": csrf_token(),
                                      "patient": "Ana", "seen": seen, "prescription": kept,
                                      "prescription_for": bound})
    assert again.mimetype == "application/pdf", again.get_data(as_text=True)[-1500:]
    text = " ".join(text_of(again.data).split())
    assert "1.5 mg" in text and "3 mg" in text and "4.5 mg" not in text  # the prescription, not the usual plan


def test_an_empty_prescription_file_is_refused_never_the_usual_plan(client):
    """Found in review: a 0-byte file (a failed EHR export) printed the handout's usual plan."""
    import io

    from handout.websafety import csrf_token

    resp = client.post("/pdf", data={"handout": "ldn", "lang": "en", "edition": "standard", "csrf": csrf_token(),
                                     "patient": "Ana", "medication_request": (io.BytesIO(b""), "rx.json")},
                       content_type="multipart/form-data")
    assert resp.status_code == 422 and 'id="medication_request-error"' in resp.get_data(as_text=True)


def test_a_kept_prescription_is_never_carried_to_another_patient(client, tmp_path: Path):
    """Found in review: the kept prescription followed the next patient typed into the page."""
    import html
    import re

    from handout.websafety import csrf_token

    page = upload(client, tmp_path, dose(1.5, start=START), route="/preview", patient="Ana").get_data(as_text=True)
    kept = html.unescape(re.search(r'name="prescription" value="([^"]*)"', page).group(1))
    bound = re.search(r'name="prescription_for" value="(\w+)"', page).group(1)
    base = {"handout": "ldn", "lang": "en", "edition": "standard", "csrf": csrf_token(), "prescription": kept,
            "prescription_for": bound}
    same = client.post("/pdf", data={**base, "patient": "Ana"})
    assert same.mimetype == "application/pdf" and "4.5 mg" not in " ".join(text_of(same.data).split())
    other = client.post("/pdf", data={**base, "patient": "Bob Other"}).get_data(as_text=True)
    assert "The prescription chosen before was cleared" in other and 'name="prescription"' not in other


@pytest.mark.parametrize("dosages, fields, field, message", [
    (lambda: [dose(1.5, when=("NIGHT",), start=START)], {}, "medication_request",
     "dosageInstruction[0].timing.repeat.when[0]: &#39;NIGHT&#39; cannot be printed as a time of day"),
    (lambda: [dose(1.5, start=START)], {"track": "slow"}, "track", "the prescription is the plan"),
    (lambda: [dose(1.5, start=START)], {"weight_kg": "heavy"}, "weight_kg", "Use a weight in kg like 18.5, with at most 2 decimals."),
])
def test_upload_problems_are_shown_beside_the_field(client, tmp_path: Path, dosages, fields, field, message):
    resp = upload(client, tmp_path, *dosages(), route="/preview", **fields)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422 and f'id="{field}-error">' in html and message in html, html[-3000:]
    assert "Traceback" not in html


def test_a_prescription_s_doses_are_drawn_without_being_remembered(tmp_path: Path):
    """The plan an EHR prescribed for one patient is that patient's health data, even with no other
    detail given: its dosing block is drawn as personal text (never remembered, ``memory``), as the
    handout's own plan is not."""
    from handout import content, medreq, pipeline
    from handout.theme import load_theme

    rx = request(tmp_path, dose(1.5, start=START, end=START + timedelta(days=13), seq=1),
                 dose(3, start=START + timedelta(days=14), seq=2))
    h = content.read(content.select(["ldn"], DATA).targets[0], ("en",)).handouts[0]
    prescribed = medreq.apply(h, medreq.prescription(h, rx.read_bytes(), str(rx)))

    def dosing_runs(handout) -> list:
        laid = pipeline.build(handout, load_theme()).laid
        return [r for page in laid.pages for it in page.items if it.group.startswith("dosing") and hasattr(it, "line")
                for r in it.line.runs]

    mine, plain = dosing_runs(prescribed), dosing_runs(h)
    assert mine and all(r.personal for r in mine)
    assert plain and not any(r.personal for r in plain)


@pytest.mark.parametrize("lang", ["en", "fr", "tl"])
def test_a_dose_stays_whole_in_large_print_beside_the_patients_dates_and_days(tmp_path: Path, capsys, lang: str):
    """Mon/Wed/Fri doses with a daily maximum: the table has Days and Max columns, and the When
    column the patient's dates ('Dec 21 – Jan 3'); large print's minimums overflowed the page and
    every column gave way, the dose's too ('1.5 m' over 'g').  (The LDN handout's plan is made
    Mon/Wed/Fri too: a request on some days only is refused under words written for every night.)"""
    import shutil

    import pypdfium2 as pdfium

    data = tmp_path / "data"
    shutil.copytree(DATA / "ldn", data / "ldn")
    facts = data / "ldn" / "handout.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("timing: bedtime,", "timing: bedtime, days: [monday, "
                                                                "wednesday, friday],"), encoding="utf-8")

    def mwf(mg: float, **bounds) -> dict:
        d = dose(mg, dayOfWeek=["mon", "wed", "fri"], **bounds)
        d["maxDosePerPeriod"] = {"numerator": {"value": mg, "unit": "mg", "system": UCUM, "code": "mg"},
                                 "denominator": {"value": 1, "unit": "d", "system": UCUM, "code": "d"}}
        return d

    today = date.today()
    first = date(today.year, 12, 21) if date(today.year, 12, 21) > today else date(today.year + 1, 12, 21)
    rx = request(tmp_path, {"sequence": 1, **mwf(1.5, start=first, end=first + timedelta(days=13))},  # across a year
                 {"sequence": 2, **mwf(4.5, start=first + timedelta(days=14))})
    out = tmp_path / "out"
    code, _, err = run(["build", "ldn", "--data", str(data), "--lang", lang, "--out", str(out), "--patient", "Pat",
                        "--medication-request", str(rx), "--edition", "large-print"], capsys)
    assert code == 0, err
    data = next(p for p in (out / "personal").iterdir() if p.suffix == ".pdf").read_bytes()
    doc = pdfium.PdfDocument(data)
    lines = [ln.replace("\xa0", " ") for page in doc for ln in page.get_textpage().get_text_range().splitlines()]
    cut = [(a, b) for a, b in zip(lines, lines[1:]) if re.search(r"\d m$", a.rstrip()) and b.strip().startswith("g")]
    assert not cut and any("1.5 mg" in ln for ln in lines) and any("4.5 mg" in ln for ln in lines), cut


# Found in a code review: an over-the-counter medicine printed with a prescription's plan.
def test_a_prescribed_otc_medicine_is_not_told_to_follow_the_package(tmp_path: Path, capsys):
    """acetaminophen (supply: over_the_counter) with a MedicationRequest for 1,000 mg when needed, at
    least 8 hours apart: the page prints the prescribed plan and not 'Always follow the label on the
    package'.  The same on a schedule is refused: the handout's words say "only when you need them"
    and "there is no missed dose" (a review)."""
    import shutil

    from test_dosing import START as start

    data = tmp_path / "data"
    shutil.copytree(DATA / "acetaminophen", data / "acetaminophen")
    y = data / "acetaminophen" / "handout.yaml"
    assert 'rxnorm: "161"' in y.read_text(encoding="utf-8")  # (the handout ships its RxNorm ingredient)
    d = {"timing": {"repeat": {"frequency": 3, "period": 1, "periodUnit": "d", "boundsPeriod": {"start": start.isoformat()}}},
         "doseAndRate": [{"doseQuantity": {"value": 1000, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"}}]}
    rx = request(tmp_path, d, code="161", display="acetaminophen")
    code, _, err = run(["build", "acetaminophen", "--data", str(data), "--lang", "en", "--out", str(tmp_path / "o"),
                        "--patient", "Pat", "--medication-request", str(rx)], capsys)
    assert code == 1 and ("dosageInstruction[0].timing.repeat: taken on a schedule, but the handout's words are written "
                          "for taking it only when needed") in err, err
    d["timing"]["repeat"].update(frequency=1, period=8, periodUnit="h")
    most = {"numerator": {"value": 3000, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"},
            "denominator": {"value": 24, "unit": "h", "system": "http://unitsofmeasure.org", "code": "h"}}
    rx = request(tmp_path, {**d, "asNeededBoolean": True, "maxDosePerPeriod": most}, code="161", display="acetaminophen")
    code, _, err = run(["build", "acetaminophen", "--data", str(data), "--lang", "en", "--out", str(tmp_path / "o"),
                        "--patient", "Pat", "--medication-request", str(rx)], capsys)
    assert code == 0, err
    pdf = next(p for p in (tmp_path / "o" / "personal").glob("*.pdf") if ".calendar." not in p.name)
    text = text_of(pdf.read_bytes())
    assert "Take 2 tablets of 500 mg if needed" in text and "at least 8 hours apart" in text, text[:1500]
    assert "follow the label on the package" not in text, text[text.find("How to take"):][:200]


def _coded(tmp_path: Path, hid: str, code: str) -> Path:
    """A copy of a bundled handout with an RxNorm code, as a clinic gives one (each ships its ingredient's: replaced)."""
    import re
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA / hid, data / hid)
    y = data / hid / "handout.yaml"
    y.write_text(re.sub(r'rxnorm: "\d+"', f'rxnorm: "{code}"', y.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    return data


def test_a_childs_prescription_above_any_usual_dose_for_the_weight_is_refused(tmp_path: Path, capsys):
    """5 mL of 400 mg per 5 mL twice a day is 200 mg per kg a day for a 4 kg infant, within the handout's
    most in a dose and a day, so it printed (a review).  Above the most any usual plan gives (90 mg/kg a
    day, amoxicillin's high dose) it is refused, without the weight or the dose in the message; a
    prescriber's rounding to a measurable volume (6 mL for 10 kg: 96 mg/kg) is allowed."""
    data = _coded(tmp_path / "a", "amoxicillin", "723")

    def give(ml: float, kg: str) -> tuple[int, str]:
        d = dose(400, when=("MORN", "HS"), start=START, end=START + timedelta(days=9))
        d["doseAndRate"][0]["doseQuantity"] = {"value": ml, "unit": "mL", "system": UCUM, "code": "mL"}
        rx = request(tmp_path, d, code="723", display="amoxicillin")
        code, _, err = run(["build", "amoxicillin", "--data", str(data), "--lang", "en", "--out", str(tmp_path / "o"),
                            "--medication-request", str(rx), "--weight", kg, "--edition", "standard"], capsys)
        return code, err

    code, err = give(5, "4")
    assert code == 1 and "error: weight_kg: the prescription gives more than 90 mg per kg a day for this weight" in err
    assert not re.search(r"\b(4|800|200|5) ?(kg|mg|mL)\b", err.replace("90 mg", "")), err  # never the patient's numbers
    assert "warning: weight_kg" not in err, err  # the error alone (a review: "gives the same doses for every weight")
    for ml, kg in ((5, "10"), (6, "10")):
        code, err = give(ml, kg)
        assert code == 0 and "checked only against the most any usual plan gives (90 mg per kg a day)" in err, err
    code, err = give(6.2, "10")  # 99.2 mg/kg: past the 10% a syringe's marks may round
    assert code == 1 and "more than 90 mg per kg a day" in err, err
    code, err = give(5, "0.4")  # out of range: refused as such, never said to be checked
    assert code == 1 and "is not a body weight" in err and "checked only" not in err, err


def _built(tmp: Path, capsys, hid: str, data: Path, *dosages: dict, code: str = "7243",
           edition: str | None = None) -> tuple[int, str, str]:
    """(exit code, messages, the personal PDF's text) of a build of ``hid`` from a request of ``dosages``."""
    import shutil

    rx = request(tmp, *dosages, code=code, display=hid)
    out = tmp / "o"
    shutil.rmtree(out, ignore_errors=True)
    res, _, err = run(["build", hid, "--data", str(data), "--lang", "en", "--out", str(out), "--patient", "Pat",
                       "--medication-request", str(rx), *(["--edition", edition] if edition else [])], capsys)
    pdf_ = next((p for p in (out / "personal").glob("*.pdf") if ".calendar." not in p.name and ".wallet." not in p.name),
                None) if res == 0 else None
    return res, err, " ".join(text_of(pdf_.read_bytes()).split()) if pdf_ else ""


@contextmanager
def _in_zone(monkeypatch, zone: str):
    """This process's time zone (TZ) for a while."""
    import time as clock

    monkeypatch.setenv("TZ", zone)
    clock.tzset()
    try:
        yield
    finally:
        monkeypatch.undo()
        clock.tzset()


def test_the_time_zone_named_is_the_one_at_the_instant_read(monkeypatch):
    """A review: an end in New York's summer (EDT, UTC-04:00) was said to be read in "EST, UTC-05:00", the offset
    of the day it was built."""
    from handout.medreq import _zone

    with _in_zone(monkeypatch, "America/New_York"):
        assert _zone("2027-07-06T23:59:00-05:00") == "EDT, UTC-04:00"
        assert _zone("2027-01-06T23:59:00-05:00") == "EST, UTC-05:00"


def _most(mg: float) -> dict:
    return {"numerator": {"value": mg, "unit": "mg", "system": UCUM, "code": "mg"},
            "denominator": {"value": 24, "unit": "h", "system": UCUM, "code": "h"}}


# A review: each printed, with no warning, under words that said otherwise.
CONTRADICTS = [
    ("mtx-four-a-monday", "methotrexate", "6851",
     lambda: [dose(15, when=(), start=START, frequency=1, period=6, periodUnit="h", dayOfWeek=["mon"])],
     '"repeat"', "4 doses on each dose day, but the handout's words are written for 1"),
    ("ldn-every-12-hours", "ldn", "7243", lambda: [dose(1.5, when=(), start=START, frequency=2)], '"repeat"',
     "2 doses on each dose day, but the handout's words are written for 1"),
    ("apap-scheduled", "acetaminophen", "161",
     lambda: [dose(1000, when=(), start=START, frequency=4)], '"repeat"',
     "taken on a schedule, but the handout's words are written for taking it only when needed"),
    ("apap-every-4-hours", "acetaminophen", "161",
     lambda: [{**dose(1000, when=(), start=START, frequency=1, period=4, periodUnit="h"), "asNeededBoolean": True,
               "maxDosePerPeriod": _most(3000)}], '"repeat"',
     "every 4 hours, but the handout's words say to wait at least 6 hours between doses"),
    ("apap-6000-a-day", "acetaminophen", "161",
     lambda: [{**dose(1000, when=(), start=START, frequency=1, period=6, periodUnit="h"), "asNeededBoolean": True,
               "maxDosePerPeriod": _most(6000)}], '"maxDosePerPeriod"',
     "dosageInstruction[0].maxDosePerPeriod: more than 3000 mg in 24 hours, the most the handout's words allow"),
    # A review: 2,000 mg in 24 hours in the table, "Never take more than 6 tablets (3,000 mg) in 24 hours" above it
    ("apap-2000-a-day", "acetaminophen", "161",
     lambda: [{**dose(1000, when=(), start=START, frequency=1, period=6, periodUnit="h"), "asNeededBoolean": True,
               "maxDosePerPeriod": _most(2000)}], '"maxDosePerPeriod"',
     "dosageInstruction[0].maxDosePerPeriod: at most 2000 mg in 24 hours, but the handout's words say 3000 mg, on "
     "the same page"),
    # A code review: 3 tablets a dose under "Never take more than 2 tablets at one time"; LDN on Mondays
    # only, or every 3 days, under "each night".
    ("apap-3-tablets", "acetaminophen", "161",
     lambda: [{**dose(1500, when=(), start=START, frequency=1, period=6, periodUnit="h"), "asNeededBoolean": True,
               "maxDosePerPeriod": _most(3000)}], '"doseAndRate"',
     "more than 1000 mg in one dose, the most the handout's words allow"),
    ("ldn-mondays", "ldn", "7243", lambda: [dose(4.5, start=START, periodUnit="wk", dayOfWeek=["mon"])], '"repeat"',
     "taken on some days only, but the handout's words are written for a dose every day"),
    ("ldn-every-3-days", "ldn", "7243", lambda: [dose(4.5, start=START, frequency=1, period=3)], '"repeat"',
     "taken on some days only, but the handout's words are written for a dose every day"),
    # A review: "Take 6 to 10 tablets, once a week" under "Take your whole dose".
    ("mtx-range", "methotrexate", "6851",
     lambda: [{**dose(15, when=("MORN",), start=START, periodUnit="wk", dayOfWeek=["mon"]),
               "doseAndRate": [{"doseRange": {"low": {"value": 15, "unit": "mg", "system": UCUM, "code": "mg"},
                                              "high": {"value": 25, "unit": "mg", "system": UCUM, "code": "mg"}}}]}],
     '"doseAndRate"', "a range of doses, but the handout's words are written for one dose at a time"),
    # A review: "Most in 24 hours: 10 tablets (25 mg)" beside weekly methotrexate's 15 mg.
    ("mtx-most-above-its-dose", "methotrexate", "6851",
     lambda: [{**dose(15, when=("MORN",), start=START, periodUnit="wk", dayOfWeek=["mon"]),
               "maxDosePerPeriod": _most(25)}], '"maxDosePerPeriod"',
     "more than the day's own doses (15 mg): a plan on a schedule takes what it says"),
    # A review: a prednisone "taper" going up, 5 to 30 mg and then nothing, under "The dose gets smaller".
    ("pred-going-up", "prednisone", "8640",
     lambda: [dose(10, when=("CM",), days=3, seq=2),  # (first in the file: its doseAndRate is the one said)
              dose(5, when=("CM",), start=START, end=START + timedelta(days=2), seq=1),
              dose(20, when=("CM",), days=3, seq=3)], '"doseAndRate"',
     "goes up from 5 to 10 mg, but the handout's words are written for a dose that gets smaller"),
    # ... and 5-day steps under "The dose gets smaller every 3 days": the patient steps down after 3
    ("pred-five-day-steps", "prednisone", "8640",
     lambda: [dose(20, when=("CM",), start=START, end=START + timedelta(days=4), seq=1),
              dose(10, when=("CM",), days=5, seq=2), dose(5, when=("CM",), days=5, seq=3)], '"repeat"',
     "a step of 5 days, but the handout's words are written for a dose that gets smaller every 3 days "
     "(expected steps of 3 days"),
    # A review of that check: steps of one dose are one step, and a dose with no end is none
    ("pred-one-dose-twice", "prednisone", "8640",
     lambda: [dose(30, when=("CM",), start=START, end=START + timedelta(days=2), seq=1),
              dose(30, when=("CM",), days=3, seq=2), dose(20, when=("CM",), days=3, seq=3),
              dose(10, when=("CM",), days=3, seq=4)], '"repeat"',
     "a dose of 6 days, but the handout's words are written for a dose that gets smaller every 3 days"),
    ("pred-open-end", "prednisone", "8640",
     lambda: [dose(5, when=("CM",), seq=3),  # (first in the file: its repeat is the one said)
              dose(30, when=("CM",), start=START, end=START + timedelta(days=2), seq=1),
              dose(20, when=("CM",), days=3, seq=2)], '"repeat"',
     "a dose with no end, but the handout's words are written for a dose that gets smaller every 3 days"),
    # A review: QD beside "1 per 1 d on Mondays" (printed once a week) was taken to agree
    ("mtx-daily-code-weekly-plan", "methotrexate", "6851",
     lambda: [_with_code(dose(15, when=("MORN",), start=START, dayOfWeek=["mon"]), "QD")], '"QD"',
     "'QD' means 1 per 1 d, but timing.repeat says 1 per 1 d on 1 day of the week"),
    ("amox-4000-a-dose", "amoxicillin", "723",
     lambda: [dose(4000, when=("MORN", "HS"), start=START, end=START + timedelta(days=9))], '"doseAndRate"',
     "more than 875 mg in one dose, the most the handout's words allow"),
    ("amox-7-days", "amoxicillin", "723", lambda: [dose(400, when=("MORN", "HS"), start=START, end=START + timedelta(days=6))],
     '"repeat"', "a course of 7 days, but the handout's words are written for a course of 10 days"),
    ("amox-no-end", "amoxicillin", "723", lambda: [dose(400, when=("MORN", "HS"), start=START)], '"repeat"',
     "has no end, but the handout's words are written for a course of 10 days"),
]


@pytest.mark.parametrize("case", CONTRADICTS, ids=[c[0] for c in CONTRADICTS])
def test_a_request_the_handouts_words_contradict_is_refused(tmp_path: Path, capsys, case):
    _, hid, code, dosages, needle, message = case
    data = DATA if hid == "ldn" else _coded(tmp_path, hid, code)
    rx = request(tmp_path, *dosages(), code=code, display=hid)
    code_, _, err = run(["build", hid, "--data", str(data), "--lang", "en", "--out", str(tmp_path / "o"),
                         "--patient", "Pat", "--medication-request", str(rx)], capsys)
    line = next((e for e in err.splitlines() if message in e), err)
    assert code_ == 1 and f"rx.json:{line_of(rx, needle)}:" in line and ": error: dosageInstruction" in line, err
    assert not (tmp_path / "o" / "personal").exists() or not any((tmp_path / "o" / "personal").iterdir())


def test_a_request_within_the_handouts_words_is_printed(tmp_path: Path, capsys):
    """The other side of the cases above: amoxicillin 400 mg twice a day for 10 days, methotrexate
    15 mg once on Mondays, and a 9-day prednisone taper (its words say only "smaller every 3 days",
    never how many days: another length is not refused) are what the words say."""
    every = dose(4.5, start=START, periodUnit="wk", frequency=7, dayOfWeek=["mon", "tue", "wed", "thu", "fri", "sat",
                                                                           "sun"])
    code_, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--out", str(tmp_path / "o" / "ldn"),
                         "--patient", "Pat", "--medication-request", str(request(tmp_path, every))], capsys)
    assert code_ == 0, err  # all seven days are every day (a review: "taken on some days only")
    # "1 g" of acetaminophen is 1000 mg (a review refused it)
    grams = {**dose(1000, when=(), start=START, frequency=1, period=6, periodUnit="h"), "asNeededBoolean": True,
             "maxDosePerPeriod": _most(3000)}
    grams["doseAndRate"][0]["doseQuantity"] = {"value": 1, "unit": "g", "system": UCUM, "code": "g"}
    data = _coded(tmp_path / "apap", "acetaminophen", "161")
    code_, _, err = run(["build", "acetaminophen", "--data", str(data), "--lang", "en", "--out", str(tmp_path / "o" / "g"),
                         "--patient", "Pat", "--medication-request",
                         str(request(tmp_path, grams, code="161", display="acetaminophen"))], capsys)
    assert code_ == 0, err
    taper = [dose(20, when=("MORN",), start=START, end=START + timedelta(days=2), seq=1),  # (MORN: "with breakfast"
             dose(10, when=("CM",), days=3, seq=2), dose(5, when=("CM",), days=3, seq=3)]           # said less)
    for hid, code, ds in (("amoxicillin", "723", [dose(400, when=("MORN", "HS"), start=START,
                                                       end=START + timedelta(days=9))]),
                          ("methotrexate", "6851", [dose(15, when=("MORN",), start=START, periodUnit="wk",
                                                         dayOfWeek=["mon"])]),
                          ("prednisone", "8640", taper)):
        data = _coded(tmp_path / hid, hid, code)
        rx = request(tmp_path, *ds, code=code, display=hid)
        code_, _, err = run(["build", hid, "--data", str(data), "--lang", "en", "--out", str(tmp_path / "o" / hid),
                             "--patient", "Pat", "--medication-request", str(rx)], capsys)
        assert code_ == 0, (hid, err)


def test_the_web_page_says_a_prescriptions_warnings_before_the_pdf(tmp_path: Path):
    """A review: an uploaded request for 25 tablets in one dose (62.5 mg of methotrexate) downloaded at
    once, its warning dropped; the command line says it.  The page shows it with the preview first."""
    import io

    from handout.web import create_app
    from handout.websafety import csrf_token

    client = create_app(_coded(tmp_path, "methotrexate", "6851"), rate="1000 per minute").test_client()
    data = request(tmp_path, dose(62.5, when=("MORN",), start=START, periodUnit="wk", dayOfWeek=["mon"]),
                   code="6851", display="methotrexate").read_bytes()
    form = {"handout": "methotrexate", "lang": "en", "edition": "standard", "csrf": csrf_token(), "patient": "Ana",
            "medication_request": (io.BytesIO(data), "rx.json")}
    resp = client.post("/pdf", data=form, content_type="multipart/form-data")
    page = resp.get_data(as_text=True).replace("&#39;", "'")
    assert resp.mimetype != "application/pdf" and 'id="notes"' in page, page[:2000]
    assert "25 tablets in one dose (expected at most 20" in page, page[page.find('id="notes"'):][:800]


def test_a_requests_patient_instruction_is_said_not_printed(tmp_path: Path, capsys):
    """A review: patientInstruction ("Take with food") was dropped without a word, while
    additionalInstruction is refused.  EHRs often repeat the sig there, so it is a warning: the page
    prints the coded plan, and the clinician checks the words say nothing more."""
    rx = request(tmp_path, {**dose(1.5, start=START), "patientInstruction": "Take with food"})
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--out", str(tmp_path / "o"),
                        "--patient", "Pat", "--medication-request", str(rx)], capsys)
    needle = '"patientInstruction"'
    line = f"rx.json:{line_of(rx, needle)}:"
    assert code == 0 and any(line in ln and "warning: dosageInstruction[0].patientInstruction: not printed" in ln
                             for ln in err.splitlines()), err
    assert "food" not in err, err  # (its words are the prescriber's: never quoted)


def test_an_end_at_midnight_ends_the_day_before(tmp_path: Path, capsys):
    """A review: FHIR's end "includes any matching date/time", so an end of ...-14T00:00:00 ends as the
    14th begins; it boxed the 14th, a day too long, and the usual back-to-back encoding (one step's
    end the next one's start) was refused as an overlap.  Now 1.5 mg for 7 nights, then 3 mg."""
    at = f"{(START + timedelta(days=7)).isoformat()}T00:00:00Z"
    first = dose(1.5, start=START, seq=1)
    first["timing"]["repeat"]["boundsPeriod"]["end"] = at
    second = dose(3, seq=2)
    second["timing"]["repeat"]["boundsPeriod"] = {"start": at}
    rx = request(tmp_path, first, second)
    files = build(tmp_path, capsys, rx, DATA, "--edition", "calendar")
    text = " ".join(text_of(pdf(files, calendar=True)).split())
    assert "1 capsule of 1.5 mg at bedtime" in text and "1 capsule of 3 mg at bedtime" in text, text[:1500]
    assert len(boxes(pdf(files, calendar=True))) == 7 + 7, len(boxes(pdf(files, calendar=True)))  # 7 nights each


def test_every_24_hours_on_a_weekday_is_once_that_day(tmp_path: Path, capsys):
    """A review printed "every 24 hours, once a week" for weekly methotrexate written as 1 per 24 h
    on Mondays: it is one dose on Monday, said as the words say it."""
    data = _coded(tmp_path, "methotrexate", "6851")
    rx = request(tmp_path, dose(15, when=(), start=START, frequency=1, period=24, periodUnit="h",
                                dayOfWeek=["mon"]), code="6851", display="methotrexate")
    code, _, err = run(["build", "methotrexate", "--data", str(data), "--lang", "en", "--out", str(tmp_path / "o"),
                        "--patient", "Pat", "--medication-request", str(rx), "--edition", "standard"], capsys)
    assert code == 0, err
    text = " ".join(text_of(next((tmp_path / "o" / "personal").glob("*.pdf")).read_bytes()).split())
    assert "every 24 hours" not in text and "Take 6 tablets of 2.5 mg, once a week, on Monday" in text, \
        text[text.find("How to take"):][:800]


def test_a_prescription_says_what_it_leaves_out_of_the_handouts_plan(tmp_path: Path, capsys):
    """A review: a methotrexate request printed no folic acid, while the words still say to take it;
    and a weight beside a request was said "gives the same doses for every weight", which is the
    handout's plan, not the prescription.  Both are warnings that say what happened."""
    data = _coded(tmp_path, "methotrexate", "6851")
    rx = request(tmp_path, dose(15, when=("MORN",), start=START, periodUnit="wk", dayOfWeek=["mon"]), code="6851",
                 display="methotrexate")
    code, _, err = run(["build", "methotrexate", "--data", str(data), "--lang", "en", "--out", str(tmp_path / "o"),
                        "--patient", "Pat", "--weight", "70", "--medication-request", str(rx)], capsys)
    assert code == 0, err
    assert ("warning: dosageInstruction: the handout's plan also has folic acid, which this prescription does not "
            "give: its doses are not printed") in err, err
    assert ("warning: weight_kg: not printed, and not checked: the prescription's doses are printed as "
            "prescribed") in err and "70" not in err.replace(str(tmp_path), ""), err


def test_a_daily_total_at_the_ceiling_is_within_it(tmp_path: Path, capsys):
    """A review: 0.1 mg three times a day was refused as more than the handout's 0.3 mg a day
    (0.30000000000000004 in floating point), though the same plan builds as content."""
    make_plan(tmp_path, """
  - id: standard
    product: {form: tablet, unit: mg}
    steps:
      - {when: {unit: week, start: 1}, amount: 0.1, strength: 0.1, count: 1, timing: [morning, noon, bedtime], max_per_day: 0.3}
""")
    rx = request(tmp_path, dose(0.1, when=("MORN", "NOON", "HS"), start=START))
    build(tmp_path, capsys, rx, tmp_path / "data")


def test_a_childs_liquid_in_ml_and_a_dose_of_two_strengths_are_read(tmp_path: Path, capsys):
    """Two valid prescriptions a review found refused: amoxicillin written in mL (as EHRs often write a
    child's liquid: the mg come from the handout's concentration), and prednisone's own first step,
    30 mg as 20 mg + 2 x 5 mg (the strengths of the handout's step with that amount)."""
    ml = dose(400, when=("MORN", "HS"), start=START, end=START + timedelta(days=9))
    ml["doseAndRate"][0]["doseQuantity"] = {"value": 5.2, "unit": "mL", "system": UCUM, "code": "mL"}
    data = _coded(tmp_path / "a", "amoxicillin", "723")
    rx = request(tmp_path, ml, code="723", display="amoxicillin")
    code, _, err = run(["build", "amoxicillin", "--data", str(data), "--lang", "en", "--out", str(tmp_path / "o1"),
                        "--patient", "Pat", "--medication-request", str(rx), "--edition", "standard"], capsys)
    assert code == 0, err
    text = " ".join(text_of(next((tmp_path / "o1" / "personal").glob("*.pdf")).read_bytes()).split()).replace("\xa0", " ")
    assert "5.2 mL (416 mg)" in text, text[text.find("How to"):][:600]
    taper = [dose(30, when=("CM",), start=START, end=START + timedelta(days=2), seq=1),
             dose(20, when=("CM",), days=3, seq=2), dose(10, when=("CM",), days=3, seq=3),
             dose(5, when=("CM",), days=3, seq=4)]
    data = _coded(tmp_path / "p", "prednisone", "8640")
    rx = request(tmp_path, *taper, code="8640", display="prednisone")
    code, _, err = run(["build", "prednisone", "--data", str(data), "--lang", "en", "--out", str(tmp_path / "o2"),
                        "--patient", "Pat", "--medication-request", str(rx), "--edition", "standard"], capsys)
    assert code == 0, err
    text = " ".join(text_of(next((tmp_path / "o2" / "personal").glob("*.pdf")).read_bytes()).split())
    assert "1 tablet of 20 mg and 2 tablets of 5 mg" in text, text[text.find("How to"):][:800]
    # Another taper of the same tablets: 40 mg as 2 x 20 mg, 25 mg as 20 + 5 (the fewest tablets; a review)
    other = [dose(40, when=("CM",), start=START, end=START + timedelta(days=2), seq=1),
             dose(25, when=("CM",), days=3, seq=2), dose(5, when=("CM",), days=3, seq=3)]
    rx = request(tmp_path, *other, code="8640", display="prednisone")
    code, _, err = run(["build", "prednisone", "--data", str(data), "--lang", "en", "--out", str(tmp_path / "o3"),
                        "--patient", "Pat", "--medication-request", str(rx), "--edition", "standard"], capsys)
    assert code == 0, err
    text = " ".join(text_of(next((tmp_path / "o3" / "personal").glob("*.pdf")).read_bytes()).split())
    assert "2 tablets of 20 mg" in text and "1 tablet of 20 mg and 1 tablet of 5 mg" in text, \
        text[text.find("How to"):][:800]
    # 20 mg tablets only: each dose still names its strength, as the handout has two (a review: "Take 1 tablet")
    twenties = [dose(60, when=("CM",), start=START, end=START + timedelta(days=2), seq=1),
                dose(20, when=("CM",), days=3, seq=2)]
    rx = request(tmp_path, *twenties, code="8640", display="prednisone")
    code, _, err = run(["build", "prednisone", "--data", str(data), "--lang", "en", "--out", str(tmp_path / "o4"),
                        "--patient", "Pat", "--medication-request", str(rx), "--edition", "standard"], capsys)
    assert code == 0, err
    text = " ".join(text_of(next((tmp_path / "o4" / "personal").glob("*.pdf")).read_bytes()).split())
    assert "3 tablets of 20 mg" in text and "1 tablet of 20 mg" in text and "Take 1 tablet with" not in text, \
        text[text.find("How to"):][:800]


def test_an_as_needed_days_most_is_what_its_doses_and_gap_allow():
    """The ceiling's day total (personalweight._day_most): as needed, the 24-hour maximum, or what the doses
    and their shortest gap allow when that is less; on a schedule, the day's own doses."""
    import dataclasses

    from handout import content
    from handout.personalweight import _day_most

    h = content.read(content.select(["acetaminophen"], DATA).targets[0], ("en",)).handouts[0]
    step = h.track().steps[0]  # 500 to 1,000 mg every 6 hours if needed, at most 3,000 mg in 24 hours
    assert _day_most(step) == 3000
    assert _day_most(dataclasses.replace(step, amount=500, amount_max=None)) == 2000  # 4 doses of 500 mg
    assert _day_most(dataclasses.replace(step, max_per_day=1500)) == 1500
    assert _day_most(dataclasses.replace(step, amount=1000, amount_max=None, max_per_day=None,
                                         every=dataclasses.replace(step.every, hours=5))) == 5000  # 0, 5, 10, 15, 20


def test_a_tapers_dose_sent_as_two_instructions_is_one_step(tmp_path: Path, capsys):
    """The handout's own 30 mg step sent as 2 days and 1 day is one 3-day step (a review: refused as
    'a step of 2 days'); and the numbers the words give are the source language's sentences', never a
    translation's fingerprint or a citation (a review drew a 3 from one)."""
    from handout import content
    from handout.rxwords import _numbers

    data = _coded(tmp_path, "prednisone", "8640")
    taper = [dose(30, when=("CM",), start=START, end=START + timedelta(days=1), seq=1),
             dose(30, when=("CM",), days=1, seq=2), dose(20, when=("CM",), days=3, seq=3),
             dose(10, when=("CM",), days=3, seq=4), dose(5, when=("CM",), days=3, seq=5)]
    rx = request(tmp_path, *taper, code="8640", display="prednisone")
    code, _, err = run(["build", "prednisone", "--data", str(data), "--lang", "en", "--out", str(tmp_path / "o"),
                        "--patient", "Pat", "--medication-request", str(rx)], capsys)
    assert code == 0, err
    read = content.read(content.select(["ldn"], DATA).targets[0], ("en", "es", "ar"))
    en, es, ar = (next(h for h in read.handouts if h.lang == lang) for lang in ("en", "es", "ar"))
    assert _numbers(es) == _numbers(ar) == _numbers(en)  # the English sentences' numbers, whatever es writes


@pytest.mark.parametrize("edition", ["standard", "calendar"])
def test_a_taper_the_request_ends_says_stop_after_its_last_dose(tmp_path: Path, capsys, edition: str):
    """A review: prednisone's taper sent as four instructions printed its 12 days of doses and then nothing, where
    the handout's own plan says "Day 13 on: Stop taking it": the patient had no word to stop.  A request whose last
    instruction ends, for a handout whose plan ends with a stop step, ends with one too."""
    data = _coded(tmp_path, "prednisone", "8640")
    taper = [dose(30, when=("CM",), start=START, end=START + timedelta(days=2), seq=1),
             dose(20, when=("CM",), days=3, seq=2), dose(10, when=("CM",), days=3, seq=3),
             dose(5, when=("CM",), days=3, seq=4)]
    rx = request(tmp_path, *taper, code="8640", display="prednisone")
    out = tmp_path / "o"
    code, _, err = run(["build", "prednisone", "--data", str(data), "--lang", "en", "--out", str(out), "--patient",
                        "Pat", "--start", START.isoformat(), "--edition", edition, "--medication-request", str(rx)],
                       capsys)
    assert code == 0, err
    text = " ".join(" ".join(pdf_text(next(out.rglob("*.pdf")).read_bytes())).split())
    last = START + timedelta(days=12)
    assert "Stop taking it" in text, text
    if edition == "calendar":  # (its boxes end on day 12, and day 13 is named)
        assert f"{last:%B} {last.day}" in text, text  # (its month in full: "December 22: Stop taking it.")


def test_a_third_reviews_prescriptions_are_refused_or_printed_as_their_words_say(tmp_path: Path, capsys):
    """A third review: a taper ending on a dose with no end went unchecked; a course's length said only
    in the title was not read; 10 mg and 10.000000000000002 mg were two doses; '1 per 24 h' at bedtime
    was refused; and free text in a code or a time of day was quoted in the message."""
    def build_rx(hid: str, data: Path, *dosages: dict, code: str) -> tuple[int, str]:
        return _built(tmp_path, capsys, hid, data, *dosages, code=code)[:2]

    # prednisone ending on 5 mg with no end (a maintenance dose): 5-day steps refused, 3-day ones printed
    pred = _coded(tmp_path / "p", "prednisone", "8640")
    facts = pred / "prednisone" / "handout.yaml"
    text = facts.read_text(encoding="utf-8")
    last = text[text.index("      - {when: {unit: day, start: 10, end: 12}"):text.index("\nside_effects:")]
    facts.write_text(text.replace(last, "      - {when: {unit: day, start: 10}, amount: 5, strength: 5, count: 1, "
                                        "timing: with_breakfast}\n"), encoding="utf-8")
    five = [dose(30, when=("CM",), start=START, end=START + timedelta(days=4), seq=1),
            dose(20, when=("CM",), days=5, seq=2), dose(5, when=("CM",), seq=3)]
    res, err = build_rx("prednisone", pred, *five, code="8640")
    assert res == 1 and "a dose of 5 days, but the handout's words are written for a dose that gets smaller every 3 days" in err, err
    three = [dose(30, when=("CM",), start=START, end=START + timedelta(days=2), seq=1),
             dose(20, when=("CM",), days=3, seq=2), dose(10, when=("CM",), days=3, seq=3),
             dose(10.000000000000002, when=("CM",), days=3, seq=4), dose(5, when=("CM",), seq=5)]
    res, err = build_rx("prednisone", pred, *three, code="8640")
    assert res == 1 and "a dose of 6 days" in err, err  # 10 mg twice over: one 6-day dose
    del three[3]
    res, err = build_rx("prednisone", pred, *three, code="8640")
    assert res == 0, err
    # amoxicillin whose length is said only in its title
    amox = _coded(tmp_path / "a", "amoxicillin", "723")
    words = amox / "amoxicillin" / "en.yaml"
    words.write_text(words.read_text(encoding="utf-8").replace("for 10 days.", "twice a day.").replace(
        "Give all 10 days", "Give every dose").replace("title: Amoxicillin liquid (400 mg per 5 mL)",
                                                      "title: Amoxicillin liquid, a 10-day course"), encoding="utf-8")
    res, err = build_rx("amoxicillin", amox, dose(400, when=("MORN", "HS"), start=START,
                                                  end=START + timedelta(days=6)), code="723")
    assert res == 1 and "a course of 7 days, but the handout's words are written for a course of 10 days" in err, err
    # "1 per 24 h" at bedtime is once a day at bedtime
    res, err = build_rx("ldn", DATA, dose(1.5, start=START, period=24, periodUnit="h"), code="7243")
    assert res == 0, err
    # free text is never quoted: a code of FHIR's system, a code with no repeat, a time of day
    odd = "take 15 mg on 2027-01-05"
    for d in (_with_code(dose(1.5, start=START), odd), {**dose(1.5), "timing": {"code": {"text": odd}}},
              dose(1.5, when=("HS 4.5 mg",), start=START)):
        res, err = build_rx("ldn", DATA, d, code="7243")
        assert res == 1 and "15 mg" not in err and "2027" not in err and "4.5" not in err, err


def test_times_in_utc_are_read_in_the_clinics_time_zone(tmp_path: Path, capsys, monkeypatch):
    """An EHR keeping times in UTC sends Monday midnight in Chicago as Monday 06:00Z, and the Sunday
    before a Monday end as Monday 05:59:59Z: read as written, a 12-week methotrexate plan boxed a 13th
    Monday dose (a review).  Read in this computer's time zone (TZ, the clinic's), it is the plan
    sent as dates; that the zone moved a date is said, without the dates."""
    data = _coded(tmp_path, "methotrexate", "6851")
    monday = START + timedelta(days=(7 - START.weekday()) % 7)
    last_sunday = monday + timedelta(days=83)

    def text(start: str, end: str) -> tuple[str, str]:
        d = dose(15, when=("MORN",), periodUnit="wk", dayOfWeek=["mon"])
        d["timing"]["repeat"]["boundsPeriod"] = {"start": start, "end": end}
        code, err, printed = _built(tmp_path, capsys, "methotrexate", data, d, code="6851", edition="standard")
        assert code == 0, err
        return printed, err

    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    chicago = ZoneInfo("America/Chicago")

    def in_utc(day: date, at: time) -> str:  # (Chicago is UTC-6 in winter, UTC-5 in summer: the test runs any day)
        return datetime.combine(day, at, chicago).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    with _in_zone(monkeypatch, "America/Chicago"):
        plain, err = text(monday.isoformat(), last_sunday.isoformat())
        assert "time zone" not in err
        utc, err = text(in_utc(monday, time(0)), in_utc(last_sunday, time(23, 59, 59)))
        assert utc == plain  # 12 Mondays, as sent in dates
        now = datetime.now(chicago)  # (the message names the zone as it is now)
        zone = f"{now.tzname()}, UTC{now.strftime('%z')[:3]}:{now.strftime('%z')[3:]}"
        assert f"boundsPeriod.end: a time in another time zone, read in this computer's ({zone})" in err, err
        end = in_utc(last_sunday, time(23, 59, 59))
        assert last_sunday.isoformat() not in err and end[10:16] not in err, err  # never the dates


def test_a_fourth_reviews_valid_requests_are_printed(tmp_path: Path, capsys):
    """A fourth review sent what EHRs send, and these were refused: "1 per 7 d" on Monday (weekly), an
    as-needed reason worded "mild pain" or coded Pain with its own text; and a weekly dose with no time
    of day was refused in handout.yaml's words ("expected timing: e.g. bedtime")."""
    mtx = _coded(tmp_path / "m", "methotrexate", "6851")
    apap = _coded(tmp_path / "a", "acetaminophen", "161")

    def build_rx(hid: str, data: Path, d: dict, code: str) -> tuple[int, str, str]:
        return _built(tmp_path, capsys, hid, data, d, code=code, edition="standard")

    res, err, text = build_rx("methotrexate", mtx, dose(15, when=("MORN",), start=START, period=7, dayOfWeek=["mon"]), "6851")
    assert res == 0 and "once a week" in text and "Monday" in text, err
    res, err, _ = build_rx("methotrexate", mtx, dose(15, when=(), start=START, periodUnit="wk", dayOfWeek=["mon"]), "6851")
    assert res == 1 and "a weekly dose needs its time of day (expected when, e.g. [MORN])" in err, err
    for reason in ({"text": "mild pain"},
                   {"coding": [{"system": "http://snomed.info/sct", "code": "22253000", "display": "Pain"}],
                    "text": "Pain, mild (1-3)"}):
        d = {**dose(1000, when=(), start=START, frequency=1, period=6, periodUnit="h"),
             "asNeededCodeableConcept": reason, "maxDosePerPeriod": _most(3000)}
        res, err, text = build_rx("acetaminophen", apap, d, "161")
        assert res == 0 and "for pain or fever" in text.replace("\xa0", " "), (reason, err)
    d = {**dose(1000, when=(), start=START, frequency=1, period=6, periodUnit="h"),
         "asNeededCodeableConcept": {"text": "to help sleep"}, "maxDosePerPeriod": _most(3000)}
    assert build_rx("acetaminophen", apap, d, "161")[0] == 1  # a reason the handout does not give is still refused


@pytest.mark.parametrize("reason, printed", [
    ({"text": "Hay fever"}, False), ({"text": "no fever"}, False), ({"text": "pain after surgery; not for fever"}, False),
    ({"text": "or"}, False), ({"text": "ever"}, False), ({"text": "anxiety"}, False),
    ({"text": "pain (not for fever)"}, False), ({"text": "Fever (do not use for pain)"}, False),
    ({"text": "Pain, mild (1-3)"}, True),
    ({"text": "fevers"}, True), ({"text": "Fever, pain"}, True), ({"text": "mild pain"}, True),
    ({"coding": [{"system": "http://snomed.info/sct", "code": "22253000", "display": "Pain (finding)"}]}, True)])
def test_an_as_needed_reason_is_the_handouts_only_word_for_word(tmp_path: Path, capsys, reason, printed):
    """A fifth review: any shared word or fragment matched ("Hay fever", "no fever", "or" printed "for
    pain or fever"). Every word of the reason must be the handout's, a negation never is."""
    data = _coded(tmp_path, "acetaminophen", "161")
    d = {**dose(1000, when=(), start=START, frequency=1, period=6, periodUnit="h"),
         "asNeededCodeableConcept": reason, "maxDosePerPeriod": _most(3000)}
    rx = request(tmp_path, d, code="161", display="acetaminophen")
    code, _, err = run(["build", "acetaminophen", "--data", str(data), "--lang", "en", "--out", str(tmp_path / "o"),
                        "--patient", "Pat", "--medication-request", str(rx)], capsys)
    assert code == (0 if printed else 1), err
    assert printed or "cannot tell which reason for taking it to print" in err, err


def test_an_end_at_a_time_of_day_a_far_end_and_a_far_instant_are_refused(tmp_path: Path, capsys, monkeypatch):
    """A fifth review: an end at 01:00 (9 x 24 hours added in UTC across the change to summer time)
    counted its whole day, a 9-day course printed as 10; "9999-12-31T23:59:59Z" east of UTC was a
    traceback; and an end in 9999 ran for minutes.  An end is a date, midnight or 23:59 here."""
    data = _coded(tmp_path, "amoxicillin", "723")

    def build_rx(start: str, end: str) -> tuple[int, str]:
        d = dose(400, when=("MORN", "HS"))
        d["timing"]["repeat"]["boundsPeriod"] = {"start": start, "end": end}
        return _built(tmp_path, capsys, "amoxicillin", data, d, code="723")[:2]

    with _in_zone(monkeypatch, "America/Chicago"):
        with monkeypatch.context() as fixed:  # (these fixed dates are built a few days before them, on any day)
            pretend_today(fixed, date(2027, 3, 5))
            code, err = build_rx("2027-03-09T06:00:00Z", "2027-03-18T06:00:00Z")  # 01:00 CDT on the 18th
            assert code == 1 and "boundsPeriod.end: an end at a time of day, in this computer's time zone" in err, err
            assert "2027" not in err.replace(str(tmp_path), ""), err
            code, err = build_rx("2027-03-09T06:00:00Z", "2027-03-19T05:00:00Z")  # midnight CDT: 10 days, printed
            assert code == 0, err
    with _in_zone(monkeypatch, "Asia/Tokyo"):
        code, err = build_rx(START.isoformat(), "9999-12-31T23:59:59Z")
        assert code == 1 and "Traceback" not in err and "ends more than 731 days after the plan starts" in err, err
    code, err = build_rx(START.isoformat(), "9999-12-31")
    assert code == 1 and "ends more than 731 days after the plan starts" in err, err


def test_a_sixth_reviews_ends_and_long_plans(tmp_path: Path, capsys, monkeypatch):
    """A sixth review: 23:59:59Z on a computer in Chicago (17:59 here) was refused, though it is the
    day's end where it is written; a year across 29 February, and a titration then a year on its
    dose, passed the far-end bound; and an end in year 1 was a traceback."""
    def build_rx(*dosages: dict) -> tuple[int, str]:
        return _built(tmp_path, capsys, "ldn", DATA, *dosages, edition="standard")[:2]

    def until(d: dict, start: str, end: str) -> dict:
        d["timing"]["repeat"]["boundsPeriod"] = {"start": start, "end": end}
        return d

    with _in_zone(monkeypatch, "America/Chicago"):
        s = START.isoformat()
        for end in (f"{(START + timedelta(days=13)).isoformat()}T23:59:59Z",
                    f"{(START + timedelta(days=13)).isoformat()}T23:59:59.999Z"):
            code, err = build_rx(until(dose(1.5), s, end))
            assert code == 0, (end, err)
        code, err = build_rx(until(dose(1.5), s, f"{(START + timedelta(days=13)).isoformat()}T14:30:00Z"))
        assert code == 1 and "an end at a time of day" in err, err
    year = START.replace(year=START.year + 1)
    titration = [dose(1.5, start=START, end=START + timedelta(days=13), seq=1), dose(3, days=14, seq=2),
                 dose(4.5, weeks=52, seq=3)]
    assert build_rx(*titration)[0] == 0
    assert build_rx(until(dose(4.5), START.isoformat(), year.isoformat()))[0] == 0
    code, err = build_rx(until(dose(4.5), START.isoformat(), "0001-01-01T00:00:00Z"))
    assert code == 1 and "Traceback" not in err and "ends before it starts" in err, err
