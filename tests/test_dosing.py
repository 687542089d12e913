"""Dosing patterns real prescriptions use: weekly, several times a day, as needed, tapers, liquids, weight.

Each pattern is written as a handout.yaml track (a scratch copy of the LDN handout with its plan
replaced), built, and read back: the wording a patient follows must be in the extracted text, and
the personalised calendar must have exactly one box per dose, on the right dates, counted from
the PDF's own drawing.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from conftest import DATA, line_of, pdf_text, pretend_today, run
from tree_text import read_aloud

START = date.today() + timedelta(days=3)

WEEKLY = """
  - id: standard
    product: {form: tablet, unit: mg}
    steps:
      - {when: {unit: week, start: 1}, amount: 15, strength: 2.5, count: 6, days: [monday], timing: morning}
    companions:
      - name: folic acid
        product: {form: tablet, unit: mg}
        steps:
          - {when: {unit: week, start: 1}, amount: 1, strength: 1, count: 1, days: [tuesday, wednesday, thursday, friday, saturday, sunday], timing: morning}
"""
TWICE = """
  - id: standard
    product: {form: liquid, unit: mg, concentration: {amount: 400, volume: 5}, device: oral_syringe}
    steps:
      - {when: {unit: day, start: 1, end: 10}, per_kg: 45, timing: [morning, bedtime], max_dose: 875, max_per_day: 1750}
      - {when: {unit: day, start: 11}, stop: true}
"""
ONCE_BY_WEIGHT = TWICE.replace("per_kg: 45, timing: [morning, bedtime], max_dose: 875", "per_kg: 10, timing: morning, max_dose: 500") \
    .replace("max_per_day: 1750", "max_per_day: 500")
AS_NEEDED = """
  - id: standard
    product: {form: tablet, unit: mg}
    steps:
      - {when: {unit: day, start: 1}, amount: 500, amount_max: 1000, strength: 500, count: 1, count_max: 2, as_needed: pain, every: {hours: 6}, max_per_day: 3000}
"""
TAPER = """
  - id: standard
    product: {form: tablet, unit: mg}
    steps:
      - {when: {unit: day, start: 1, end: 3}, amount: 30, parts: [{strength: 20, count: 1}, {strength: 5, count: 2}], timing: with_breakfast}
      - {when: {unit: day, start: 4, end: 6}, amount: 20, strength: 20, count: 1, timing: with_breakfast}
      - {when: {unit: day, start: 7, end: 9}, amount: 10, strength: 5, count: 2, timing: with_breakfast}
      - {when: {unit: day, start: 10}, stop: true}
"""
EOD = """
  - id: standard
    product: {form: tablet, unit: mg}
    steps:
      - {when: {unit: day, start: 1, end: 4}, amount: 30, parts: [{strength: 20, count: 1}, {strength: 5, count: 2}], every: {days: 2}, timing: with_breakfast}
      - {when: {unit: day, start: 5, end: 8}, amount: 20, strength: 20, count: 1, every: {days: 2}, timing: with_breakfast}
      - {when: {unit: day, start: 9}, stop: true}
"""
EOD_WEEKS = """
  - id: standard
    product: {form: tablet, unit: mg}
    steps:
      - {when: {unit: week, start: 1, end: 1}, amount: 20, strength: 20, count: 1, every: {days: 2}, timing: with_breakfast}
      - {when: {unit: week, start: 2}, amount: 5, strength: 5, count: 1, every: {days: 2}, timing: with_breakfast}
"""
LIQUID = """
  - id: standard
    product: {form: liquid, unit: mg, concentration: {amount: 400, volume: 5}, device: oral_syringe}
    steps:
      - {when: {unit: day, start: 1, end: 10}, amount: 400, volume: 5, timing: [morning, bedtime]}
"""


def make_plan(root: Path, tracks: str, audience: str = "patient") -> Path:
    """A scratch handout: the LDN facts and words with this plan, a short outline, English only."""
    folder = root / "data" / "ldn"
    folder.mkdir(parents=True)
    facts = (DATA / "ldn" / "handout.yaml").read_text(encoding="utf-8")
    head, rest = facts.split("tracks:\n", 1)
    rest = rest[rest.index("\nside_effects:"):]
    head = head.replace("default_track: standard", f"default_track: standard\naudience: {audience}")
    start, end = head.index("outline:"), head.index("default_track:")
    head = head[:start] + "outline: [key_points, dosing, side_effects, interactions, precautions, missed_dose | storage, sources]\n\n" \
        + head[end:]
    (folder / "handout.yaml").write_text(head + "tracks:" + tracks + rest, encoding="utf-8")
    words = yaml.safe_load((DATA / "ldn" / "en.yaml").read_text(encoding="utf-8"))
    words["sections"] = [s for s in words["sections"] if s["id"] in ("missed_dose", "storage")]
    words["step_notes"] = {}
    if "as_needed" in tracks:
        words["reasons"] = {"pain": "for pain or fever"}
    words.pop("faq", None)
    (folder / "en.yaml").write_text(yaml.safe_dump(words, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def build(tmp: Path, capsys, tracks: str, *extra: str, audience: str = "patient") -> dict[str, bytes]:
    make_plan(tmp, tracks, audience)
    out = tmp / "out"
    code, _, err = run(["build", "ldn", "--data", str(tmp / "data"), "--out", str(out), "-j", "1", "-q",
                        "--edition", "standard", *extra], capsys)
    assert code == 0, err
    return {p.name: p.read_bytes() for p in out.rglob("*.pdf")}


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(pdf_text(pdf)).split())


# --- the words a patient follows (USP <17>)
@pytest.mark.parametrize("tracks, audience, wanted", [
    # more than one tablet names its strength: methotrexate also comes as 10 mg tablets
    (WEEKLY, "patient", ["Take 6 tablets of 2.5 mg in the morning, once a week, on Monday.", "15 mg",
                         "Take 1 tablet in the morning, every day except Monday.",
                         "LDN is taken once a week, on Monday only. Never take it every day"]),
    (TWICE, "caregiver", ["Give 1 dose in the morning and 1 dose at bedtime.", "45 mg per kg of weight a day",
                          "Weight: blank kg.", "Use the 400 mg per 5 mL liquid.", "oral syringe",
                          "Stop giving it.", "How to give LDN", "Talk to your child's prescriber first if your child:",
                          "Do not give LDN with:",
                          "45 mg per kg of weight a day, never more than 1,750 mg, split into 2 doses."]),
    # "split into 1 doses" before: a once-a-day weight rule has its own words
    (ONCE_BY_WEIGHT, "caregiver", ["The dose depends on your child's weight: 10 mg per kg of weight a day, never more "
                                   "than 500 mg, all in one dose.",
                                   "Give 1 dose in the morning."]),
    (AS_NEEDED, "patient", ["Take 1 or 2 tablets of 500 mg if needed for pain or fever, at least 6 hours apart.", "500 to 1,000 mg",
                            "No more than 6 tablets (3,000 mg) in 24 hours.", "Most in 24 hours"]),
    (TAPER, "patient", ["Take 1 tablet of 20 mg and 2 tablets of 5 mg with breakfast.", "30 mg",
                        "Take 1 tablet of 20 mg with breakfast.", "Take 2 tablets of 5 mg with breakfast.",
                        "Stop taking it."]),
    (LIQUID, "patient", ["Take 5 mL in the morning and 5 mL at bedtime.", "400 mg",
                         "Use the 400 mg per 5 mL liquid."]),
    # Two strengths, no step mixing them: each 1-tablet dose still names its own ("Take 1 tablet"
    # beside a 20 mg and a 5 mg bottle said neither: an adversarial review).
    (TAPER.replace("amount: 30, parts: [{strength: 20, count: 1}, {strength: 5, count: 2}]",
                   "amount: 20, strength: 20, count: 1").replace("start: 4, end: 6}, amount: 20, strength: 20, count: 1",
                                                             "start: 4, end: 6}, amount: 5, strength: 5, count: 1"),
     "patient", ["Take 1 tablet of 20 mg with breakfast.", "Take 1 tablet of 5 mg with breakfast.",
                 "Take 2 tablets of 5 mg with breakfast."]),
    # "1 or 3 tablets" read as two choices that left out 2 (a review of a FHIR dose range)
    (AS_NEEDED.replace("amount_max: 1000", "amount_max: 1500").replace("count_max: 2", "count_max: 3"),
     "patient", ["Take 1 to 3 tablets of 500 mg if needed for pain or fever, at least 6 hours apart."]),
], ids=["weekly", "twice-a-day-weight", "once-a-day-weight", "as-needed", "taper", "liquid", "two-strengths", "span"])
def test_each_pattern_prints_its_explicit_instruction(tmp_path: Path, capsys, tracks, audience, wanted):
    pdfs = build(tmp_path, capsys, tracks, audience=audience)
    text = text_of(pdfs["ldn.en.pdf"])
    for w in wanted:
        assert w in text
    words = text[:text.rfind("Sources")] if "Sources" in text else text  # reference titles are quoted as published
    for vague in ("twice daily", "BID", "q6h", "once daily", "teaspoon"):
        assert vague not in words


def test_a_weight_gives_the_childs_dose_in_ml_and_mg_capped(tmp_path: Path, capsys):
    pdfs = build(tmp_path, capsys, TWICE, "--patient", "Kid", "--start", START.isoformat(), "--weight", "18.5", "--per-kg", "45",
                 "--course-days", "10", audience="caregiver")
    text = text_of(next(v for k, v in pdfs.items() if ".calendar." not in k))
    # 45 mg/kg/day x 18.5 kg / 2 doses = 416.25 mg = 5.203 mL -> 5.2 mL on the syringe = 416 mg
    assert "Give 5.2 mL in the morning and 5.2 mL at bedtime." in text
    assert "18.5 kg on" in text and ": 5.2 mL (416 mg) each dose." in text
    # the rate said with it: a label's other rate (90 mg/kg a day) reads as another plan, not an overdose
    assert "at 45 mg per kg of weight a day: 5.2 mL (416 mg) each dose." in " ".join(text.split())
    assert "Worked out for a weight of 18.5 kg" in text
    # The most in 24 hours is this child's (2 x 5.2 mL), never the 40 kg ceiling: "Most in 24 hours:
    # 1,750 mg" beside 832 mg a day read as room for twice the dose.
    assert "Most in 24 hours" in text and "10.4 mL (832 mg)" in text
    assert "no more than 10.4 mL (832 mg) in 24 hours" in text and "1,750" not in text
    # One dose is what a parent measures: its volume comes first in the table's row (the Dose
    # column, mL then mg) and in the box, before the day's most (bold, it was read as the dose).
    volumes = re.findall(r"\d+(?:\.\d+)? mL \(\d+ mg\)", text)
    assert volumes[0] == "5.2 mL (416 mg)", volumes
    assert text.index(": 5.2 mL (416 mg) each dose.") < text.index("no more than 10.4 mL (832 mg)")
    # Which syringe: the smallest that holds the dose (a 5 mL syringe and a 5.2 mL dose: filled twice,
    # or to 5; a 10 mL one and a 1.7 mL dose: marks too coarse).
    assert "Use the smallest oral syringe that holds 5.2 mL." in " ".join(text.split())


@pytest.mark.parametrize("plan, extra, syringe", [
    (TWICE, ("--weight", "40", "--per-kg", "45", "--course-days", "10"), "10.5 mL"),  # 875 mg a dose at most: 10.9 mL rounds to 11 (880 mg), so 10.5
    (TWICE, (), None),  # no weight: no volume to hold, the blank line is filled in by hand
    (TWICE.replace("per_kg: 45, timing: [morning, bedtime], max_dose: 875, max_per_day: 1750",
                   "amount: 248, volume: 3.1, timing: morning").replace("{when: {unit: day, start: 1, end: 10}",
                   "{when: {unit: day, start: 1, end: 2}, amount: 400, volume: 5, timing: morning}\n"
                   "      - {when: {unit: day, start: 3, end: 10}"), (), "5 mL"),  # the largest fixed dose
    (TWICE.replace("device: oral_syringe", "device: dosing_cup"), ("--weight", "18.5", "--per-kg", "45", "--course-days", "10"),
     None),  # a cup: its own marks
])
def test_the_box_names_a_syringe_that_holds_the_largest_dose(tmp_path: Path, capsys, plan, extra, syringe):
    args = ("--patient", "Kid", "--start", START.isoformat(), *extra) if extra else ()
    pdfs = build(tmp_path, capsys, plan, *args, audience="caregiver")
    text = text_of(next(v for k, v in pdfs.items() if ".calendar." not in k))
    found = re.findall(r"Use the smallest oral syringe that holds ([\d.]+ mL)\.", " ".join(text.split()))
    assert found == ([syringe] if syringe else []), found


def test_a_weighed_days_most_is_worked_out_from_unrounded_figures(tmp_path: Path, capsys):
    """Each dose's mg is rounded (1.9 mL of 100 mg per 3 mL: 63.333 mg); their sum printed
    189.999 mg for three doses.  The day's most is the day's mL and the drug those mL hold."""
    plan = """
  - id: standard
    product: {form: liquid, unit: mg, concentration: {amount: 100, volume: 3}, device: oral_syringe}
    steps:
      - {when: {unit: day, start: 1, end: 5}, per_kg: 10, timing: [morning, afternoon, bedtime], max_per_day: 500}
"""
    pdfs = build(tmp_path, capsys, plan, "--patient", "Kid", "--start", START.isoformat(), "--weight", "19", "--per-kg", "10",
                 "--course-days", "5", audience="caregiver")
    text = text_of(next(v for k, v in pdfs.items() if ".calendar." not in k))
    assert "Give 1.9 mL in the morning" in text
    assert "no more than 5.7 mL (190 mg) in 24 hours" in text and "189.999" not in text


def test_without_a_weight_the_most_in_24_hours_is_the_rule_and_its_ceiling(tmp_path: Path, capsys):
    text = text_of(build(tmp_path, capsys, TWICE, audience="caregiver")["ldn.en.pdf"])
    assert text.count("45 mg per kg of weight a day, never more than 1,750 mg") == 2  # the table, the box
    assert "1,750 mg" not in text.replace("45 mg per kg of weight a day, never more than 1,750 mg", "")
    assert "no more than 1,750 mg in 24 hours" not in text
    # The Dose column says the day's amount is split: beside "Give 1 dose in the morning and 1 dose at
    # bedtime", "45 mg per kg of weight a day" alone was read as each dose's (a pharmacist's review).
    assert "45 mg per kg of weight a day, split into 2 doses" in " ".join(text.split())


def test_a_heavy_child_gets_the_adult_maximum_never_more(tmp_path: Path, capsys):
    pdfs = build(tmp_path, capsys, TWICE, "--patient", "Kid", "--start", START.isoformat(), "--weight", "60", "--per-kg", "45",
                 "--course-days", "10", audience="caregiver")
    text = text_of(next(v for k, v in pdfs.items() if ".calendar." not in k))
    # 45 x 60 / 2 = 1,350 mg a dose, capped at 875 mg = 10.9375 mL -> 10.5 mL (0.5 mL marks above 10 mL) = 840 mg
    assert "Give 10.5 mL in the morning" in text and "10.5 mL (840 mg) each dose" in text
    assert "This is the most for any weight. Do not give more." in text
    assert "21 mL (1,680 mg)" in text  # 2 x 10.5 mL: the capped doses' own total


# --- the calendar: one box per dose, none on a day without one
def boxes(pdf: bytes) -> list[tuple[float, float]]:
    """Centres of the calendar's tick boxes, read from the PDF's own drawing (pdfium path objects)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    from handout.theme import MM, load_theme

    size = load_theme().checkbox_mm * MM * 1.2 + 1.0  # the square and its 1 pt stroke (not the checklists' smaller ones)
    doc = pdfium.PdfDocument(pdf)
    found = []
    for obj in doc[0].get_objects(max_depth=3):
        if obj.type != raw.FPDF_PAGEOBJ_PATH:
            continue
        left, bottom, right, top = obj.get_bounds()
        if abs((right - left) - size) < 0.5 and abs((top - bottom) - size) < 0.5:
            found.append(((left + right) / 2, (top + bottom) / 2))
    doc.close()
    return found


def columns_by_row(found) -> list[list[int]]:
    rows: dict[float, list[float]] = {}
    for x, y in found:
        rows.setdefault(round(y, 1), []).append(x)
    return [sorted(xs) for _, xs in sorted(rows.items(), reverse=True)]


def test_weekly_calendar_has_a_box_on_mondays_only(tmp_path: Path, capsys):
    start = START
    pdfs = build(tmp_path, capsys, WEEKLY, "--patient", "Pat", "--start", start.isoformat(), "--edition", "calendar")
    found = boxes(next(v for k, v in pdfs.items() if ".calendar." in k))
    rows = columns_by_row(found)
    # 4 weeks, each: a methotrexate row with 1 box and a folic acid row with 6
    assert [len(r) for r in rows] == [1, 6] * 4
    from handout.theme import MM, PAPER, load_theme

    theme = load_theme()
    left = theme.margins_mm.left * MM
    width = PAPER[theme.paper][0] - left - theme.margins_mm.right * MM
    label = width * 0.4
    cell = (width - label) / 7
    monday = (0 - start.weekday()) % 7  # the column of Monday, counted from the start date's weekday
    for weekly_row, daily_row in zip(rows[::2], rows[1::2]):
        assert int((weekly_row[0] - left - label) // cell) == monday
        assert sorted(int((x - left - label) // cell) for x in daily_row) == [k for k in range(7) if k != monday]


@pytest.mark.parametrize("tracks, audience, per_row", [
    (TWICE, "caregiver", [7, 7, 3, 3]),            # 10 days, morning and bedtime: 20 boxes
    (TAPER, "patient", None),                      # 9 days, once a day, across 3 steps: 9 boxes
    (LIQUID, "patient", [7, 7, 3, 3]),
], ids=["twice-a-day", "taper", "liquid"])
def test_calendar_has_one_box_per_dose(tmp_path: Path, capsys, tracks, audience, per_row):
    pdfs = build(tmp_path, capsys, tracks, "--patient", "Pat", "--start", START.isoformat(), "--weight", "20",
                 *(("--per-kg", "45", "--course-days", "10") if tracks is TWICE else ()),
                 *(("--course-days", "9") if tracks is TAPER else ("--course-days", "10") if tracks is LIQUID else ()),
                 "--edition", "calendar", audience=audience)
    pdf = next(v for k, v in pdfs.items() if ".calendar." in k)
    rows = columns_by_row(boxes(pdf))
    if per_row is not None:
        assert [len(r) for r in rows] == per_row
    else:
        assert sum(len(r) for r in rows) == 9
    text = text_of(pdf)
    stop_day = START + timedelta(days=9 if tracks is TAPER else 10)
    if "stop: true" in tracks:
        from handout.localize import Localizer

        def plain(t: str) -> str:  # thin and no-break spaces (a date is kept whole) read as spaces
            return t.replace("\u2009", " ").replace("\u202f", " ").replace("\xa0", " ")

        assert plain(Localizer("en").said_date(stop_day)) in plain(text)  # ("December 19: Stop …")


def test_as_needed_gets_a_dose_log_not_boxes(tmp_path: Path, capsys):
    pdfs = build(tmp_path, capsys, AS_NEEDED, "--patient", "Pat", "--start", START.isoformat(), "--edition", "calendar")
    pdf = next(v for k, v in pdfs.items() if ".calendar." in k)
    assert boxes(pdf) == []
    text = text_of(pdf)
    assert "Your dose log" in text and "Total in the last 24 hours" in text
    assert "No more than 6 tablets (3,000 mg) in 24 hours." in text


def test_ldn_calendar_still_has_35_boxes(tmp_path: Path, capsys):
    out = tmp_path / "out"
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--out", str(out), "--patient", "P",
                        "--start", START.isoformat(), "--edition", "calendar"], capsys)
    assert code == 0, err
    pdf = next((out / "personal").glob("*.pdf")).read_bytes()
    assert [len(r) for r in columns_by_row(boxes(pdf))] == [7] * 5


# --- every bad dose, at its line
BAD = [
    # id, plan, old, new, message, text of the reported line
    ("weekly-without-day", WEEKLY, "days: [monday], timing: morning}", "every: {days: 7}, timing: morning}",
     "every 7 days is a weekly dose", "every: {days: 7}"),
    ("as-needed-without-max", AS_NEEDED, ", max_per_day: 3000}", "}", "needs the most in 24 hours", "as_needed: pain"),
    ("as-needed-without-interval", AS_NEEDED, "every: {hours: 6}, ", "", "shortest time between doses", "as_needed: pain"),
    ("unmeasurable-volume", LIQUID, "amount: 400, volume: 5,", "amount: 450, volume: 5.625,",
     "5.625 mL cannot be measured with an oral syringe", "volume: 5.625"),
    # the mark suggested is never 0 mL, nor over the most in one dose (a review: "e.g. 0 mL", "e.g. 11 mL" for 875 mg)
    ("unmeasurable-tiny-volume", LIQUID, "amount: 400, volume: 5,", "amount: 4, volume: 0.05,",
     "0.05 mL cannot be measured with an oral syringe (expected a multiple of 0.1 mL, e.g. 0.1 mL)", "volume: 0.05"),
    ("unmeasurable-volume-at-its-most", LIQUID, "amount: 400, volume: 5, timing: [morning, bedtime]}",
     "amount: 875, volume: 10.9375, timing: [morning, bedtime], max_dose: 875}",
     "10.9375 mL cannot be measured with an oral syringe (expected a multiple of 0.5 mL, e.g. 10.5 mL)",
     "volume: 10.9375"),
    ("unmeasurable-volume-at-a-days-most", LIQUID, "amount: 400, volume: 5, timing: [morning, bedtime]}",
     "amount: 875, volume: 10.9375, timing: [morning, bedtime], max_per_day: 1750}",
     "10.9375 mL cannot be measured with an oral syringe (expected a multiple of 0.5 mL, e.g. 10.5 mL)",
     "volume: 10.9375"),
    ("volume-mismatch", LIQUID, "amount: 400, volume: 5,", "amount: 400, volume: 4,",
     "4 mL of 400 mg per 5 mL is 320 mg, not 400", "volume: 4,"),
    ("parts-mismatch", TAPER, "amount: 30, parts", "amount: 25, parts", "is 30 mg, not 25", "amount: 25, parts"),
    ("overlap", TAPER, "{unit: day, start: 4, end: 6}", "{unit: day, start: 3, end: 6}",
     "overlaps the step before", "start: 3, end: 6"),
    ("gap", TAPER, "{unit: day, start: 4, end: 6}", "{unit: day, start: 5, end: 6}", "leaves a gap after day 3",
     "start: 5, end: 6"),
    ("over-daily-max", LIQUID, "timing: [morning, bedtime]}", "timing: [morning, bedtime], max_per_day: 600}",
     "gives up to 800 mg a day, more than max_per_day 600 mg", "max_per_day: 600"),
    ("stop-not-last", TAPER, "{when: {unit: day, start: 7, end: 9}, amount: 10, strength: 5, count: 2, timing: with_breakfast}",
     "{when: {unit: day, start: 7, end: 9}, stop: true}", "a stop step must be the last step", "start: 7, end: 9}, stop"),
    ("weight-without-cap", TWICE, ", max_dose: 875, max_per_day: 1750}", "}", "needs a ceiling", "per_kg: 45"),
    # per_kg is a day's amount split over the day's doses: an as-needed step has no count of doses,
    # and the 24-hour most printed as one dose ('No more than 3.5 mL (280 mg) in 24 hours')
    # "Give 66.667 mg" of a tablet: a weight rule is worked out in mL of a liquid
    ("weight-tablets", TWICE, "product: {form: liquid, unit: mg, concentration: {amount: 400, volume: 5}, device: oral_syringe}",
     "product: {form: tablet, unit: mg}", "a weight rule is worked out in mL of a liquid", "per_kg: 45"),
    ("weight-as-needed", TWICE, "per_kg: 45, timing: [morning, bedtime]", "per_kg: 45, as_needed: pain, every: {hours: 6}",
     "a weight rule is a day's amount split over set doses", "per_kg: 45"),
    # mg per kg typed as the ceilings: every child's dose the ceiling ("0.5 mL (10 mg)" for 15 kg, a clinic author's
    # review): a ceiling the rate passes at a newborn's 3 kg
    ("weight-ceiling-below-rate", TWICE, "max_dose: 875, max_per_day: 1750", "max_dose: 60, max_per_day: 1750",
     "max_dose: 60 mg is less than 45 mg per kg a day gives a child of 3 kg (67.5 mg a dose): nearly every child's dose",
     "max_dose: 60"),
    ("weight-day-ceiling-below-rate", TWICE, "max_dose: 875, max_per_day: 1750", "max_dose: 875, max_per_day: 120",
     "max_per_day: 120 mg is less than 45 mg per kg a day gives a child of 3 kg (135 mg a day)", "max_per_day: 120"),
    # a weight's limit belongs to a weight rule: on a fixed dose it would refuse a weight the dose ignores
    ("weight-limit-without-rule", LIQUID, "amount: 400, volume: 5,", "amount: 400, volume: 5, below_kg: 40,",
     "a weight rule's limit without a weight rule", "below_kg: 40"),
    ("age-limit-without-rule", LIQUID, "amount: 400, volume: 5,", "amount: 400, volume: 5, from_months: 3,",
     "a weight rule's limit without a weight rule", "from_months: 3"),
    ("weight-limit-zero", TWICE, "per_kg: 45,", "per_kg: 45, below_kg: 0,", "must be more than 0", "below_kg: 0"),
    # The most per kg a prescription may give: below the plan's own rate it refuses the plan's own dose
    ("ceiling-below-rate", TWICE, "device: oral_syringe}", "device: oral_syringe, most_per_kg_day: 40}",
     "product.most_per_kg_day: 40 is below the plan's own 45 per kg a day", "most_per_kg_day: 40"),
    ("ceiling-fixed-plan", LIQUID, "device: oral_syringe}", "device: oral_syringe, most_per_kg_day: 90}",
     "product.most_per_kg_day: a ceiling per kg for a plan not dosed by weight", "most_per_kg_day: 90"),
    ("ceiling-zero", TWICE, "device: oral_syringe}", "device: oral_syringe, most_per_kg_day: 0}",
     "product.most_per_kg_day: 0 is not more than 0", "most_per_kg_day: 0"),
    ("no-time-of-day", TAPER, "count: 1, timing: with_breakfast}", "count: 1}", "no time of day", "start: 4, end: 6"),
    ("liquid-counted", LIQUID, "amount: 400, volume: 5,", "amount: 400, strength: 400, count: 1,",
     "a liquid is measured, not counted", "strength: 400"),
    # An adversarial review: each of these printed as written, or was rounded into another dose
    ("tiny-dose", WEEKLY, "amount: 15, strength: 2.5, count: 6", "amount: 0.0004, strength: 0.0004, count: 1",
     "amount: 0.0004 has more than 3 decimals: the page would print 0 ", "amount: 0.0004"),
    ("rounded-up", WEEKLY, "amount: 15, strength: 2.5, count: 6", "amount: 14.9994, strength: 2.4999, count: 6",
     "strength: 2.4999 has more than 3 decimals: the page would print 2.5 ", "strength: 2.4999"),
    ("days-empty", WEEKLY, "count: 6, days: [monday]", "count: 6, days: []", "days: an empty list", "count: 6, days: []"),
    ("every-negative", AS_NEEDED, "every: {hours: 6}", "every: {hours: -6}", "every -6 hours is not an interval",
     "hours: -6"),
    ("every-zero-hours", AS_NEEDED, "every: {hours: 6}", "every: {hours: 0}", "every 0 hours is not an interval",
     "hours: 0"),
    ("every-zero-hours-scheduled", WEEKLY, "days: [monday], timing: morning}", "every: {hours: 0}}",
     "every 0 hours is not an interval", "hours: 0"),
    ("every-zero-days", WEEKLY, "days: [monday], timing: morning}", "every: {days: 0}, timing: morning}",
     "every 0 days is not an interval", "days: 0"),
    ("concentration-zero", LIQUID, "concentration: {amount: 400, volume: 5}", "concentration: {amount: 0, volume: 5}",
     "product.concentration.amount: must be more than 0", "concentration: {amount: 0"),
    ("concentration-no-volume", LIQUID, "concentration: {amount: 400, volume: 5}",
     "concentration: {amount: 400, volume: 0}", "product.concentration.volume: must be more than 0", "volume: 0}"),
    ("liquid-in-mL", LIQUID, "form: liquid, unit: mg", "form: liquid, unit: mL",
     "product.unit: a liquid's doses are in the drug's unit", "unit: mL"),
    ("starts-at-week-2", WEEKLY, "{when: {unit: week, start: 1}, amount: 15", "{when: {unit: week, start: 2}, amount: 15",
     "the plan starts at week 2: nothing is said for week 1", "start: 2}, amount: 15"),
    ("stop-with-end", TAPER, "{when: {unit: day, start: 10}, stop: true}", "{when: {unit: day, start: 10, end: 11}, stop: true}",
     "a stop step has no end", "start: 10, end: 11"),
    # A review: each step every other day from its own first day, after one of an odd length: doses on
    # Sunday and Monday under "every other day" for both (and on days 3 and 4 here).
    ("every-other-day-restarts", EOD.replace("start: 1, end: 4}", "start: 1, end: 3}").replace("start: 5, end: 8}",
                                                                                              "start: 4, end: 8}"),
     "", "", "its first dose comes 1 day after the last dose of the step before, both taken every 2 days",
     "start: 4, end: 8"),
    ("every-other-day-in-weeks", EOD_WEEKS, "", "", "the patient would take doses 1 day apart", "unit: week, start: 2"),
    ("every-1-day", EOD, "start: 1, end: 4}, amount: 30, parts: [{strength: 20, count: 1}, {strength: 5, count: 2}], "
     "every: {days: 2}", "start: 1, end: 4}, amount: 30, parts: [{strength: 20, count: 1}, {strength: 5, count: 2}], "
     "every: {days: 1}", "every 1 day is every day (expected no every", "every: {days: 1}"),
    # A review: Thursdays for two weeks, then Mondays: two doses 4 days apart, with no word of it.
    ("weekly-day-changes", WEEKLY, "{when: {unit: week, start: 1}, amount: 15, strength: 2.5, count: 6, days: [monday]",
     "{when: {unit: week, start: 1, end: 2}, amount: 10, strength: 2.5, count: 4, days: [thursday], timing: morning}\n"
     "      - {when: {unit: week, start: 3}, amount: 15, strength: 2.5, count: 6, days: [monday]",
     "steps[1].days: changes the weekly day from Thursday to Monday: the doses around the change would not be a week "
     "apart", "start: 3}, amount: 15"),
    # A review: two names of one time of day printed two doses, and two boxes, every morning.
    ("one-time-two-names", LIQUID, "volume: 5, timing: [morning, bedtime]", "volume: 5, timing: [with_breakfast, morning]",
     "timing: 'with_breakfast' and 'morning' are one time of day: two doses at once", "[with_breakfast, morning]"),
]


@pytest.mark.parametrize("case", BAD, ids=[c[0] for c in BAD])
def test_a_bad_dose_is_reported_at_its_line(tmp_path: Path, capsys, case):
    _, tracks, old, new, message, line_text = case
    assert old in tracks
    folder = make_plan(tmp_path, tracks.replace(old, new, 1))
    code, out, err = run(["check", "ldn", "--data", str(tmp_path / "data")], capsys)
    assert code == 1
    assert message in err, err
    line = line_of(folder / "handout.yaml", line_text)
    assert f"handout.yaml:{line}:" in next(e for e in err.splitlines() if message in e)
    assert "Traceback" not in err


LIQUID_AS_NEEDED = """
  - id: standard
    product: {form: liquid, unit: mg, concentration: {amount: 160, volume: 5}, device: oral_syringe}
    steps:
      - {when: {unit: day, start: 1}, amount: 160, volume: 5, as_needed: pain, every: {hours: 6}, max_per_day: 640}
"""


@pytest.mark.parametrize("tracks, old, new, said", [
    (AS_NEEDED, "max_per_day: 3000", "max_per_day: 3250", "3250 mg is 6.5 tablets: the page can give the most in 24 "
     "hours in mg only (expected a whole number of tablets: 3000 mg is 6)"),
    (LIQUID_AS_NEEDED, "max_per_day: 640", "max_per_day: 500", "500 mg is 15.62 mL: the page can give the most in "
     "24 hours in mg only (expected a limit whose mL a syringe measures: 496 mg is 15.5 mL)"),
    (AS_NEEDED, "", "", None), (LIQUID_AS_NEEDED, "", "", None),
])
def test_an_as_needed_ceiling_the_patient_cannot_count_out_is_warned_of(tmp_path: Path, capsys, tracks, old, new, said):
    """A review: "No more than 3,250 mg in 24 hours" printed with no count of tablets (6.5), and a liquid's
    500 mg with no mL (15.625: no syringe measures it), where a whole ceiling prints both."""
    folder = make_plan(tmp_path, tracks.replace(old, new, 1))
    code, _, err = run(["check", "ldn", "--data", str(tmp_path / "data")], capsys)
    found = [e for e in err.splitlines() if "max_per_day:" in e and "warning" in e]
    if said is None:
        assert not found, err
    else:
        assert len(found) == 1 and said in found[0], err
        assert f"handout.yaml:{line_of(folder / 'handout.yaml', new)}:" in found[0]


@pytest.mark.parametrize("tracks, warned", [(LIQUID, True), (LIQUID + "      - {when: {unit: day, start: 11}, stop: true}\n",
                                                                     False), (TAPER, False), (AS_NEEDED, False)])
def test_a_plan_that_ends_with_no_word_of_what_then_is_warned_of(tmp_path: Path, capsys, tracks: str, warned: bool):
    """A review: a 10-day course with no stop step printed "Days 1 to 10" and 20 boxes, and nothing after them to
    say stop (or go on).  A warning at its end, which names the stop step to add."""
    folder = make_plan(tmp_path, tracks)
    code, _, err = run(["check", "ldn", "--data", str(tmp_path / "data")], capsys)
    found = [e for e in err.splitlines() if "no step says what then" in e]
    assert len(found) == int(warned), err
    if warned:
        assert f"handout.yaml:{line_of(folder / 'handout.yaml', 'end: 10}')}:" in found[0] and ": warning: " in found[0]
        assert "{when: {unit: day, start: 11}, stop: true}" in found[0], found[0]


def test_a_companion_may_start_after_the_first_week(tmp_path: Path, capsys):
    """A code review: 'the plan starts at week 2' refused folic acid begun in week 2 beside
    methotrexate from week 1, which a clinic could write no other way."""
    make_plan(tmp_path, WEEKLY.replace("{when: {unit: week, start: 1}, amount: 1, strength: 1",
                                       "{when: {unit: week, start: 2}, amount: 1, strength: 1"))
    code, _, err = run(["check", "ldn", "--data", str(tmp_path / "data")], capsys)
    assert code == 0 and "starts at week 2" not in err, err


def test_an_as_needed_ceiling_the_plan_cannot_reach_is_a_warning(tmp_path: Path, capsys):
    """'No more than 20 tablets (10,000 mg) in 24 hours' under 'every 6 hours, 1 or 2 tablets of 500
    mg' built without a word (an adversarial review); but a ceiling for all sources (325 mg every 6
    hours, 4,000 mg a day) is meant (a code review).  Said at its line, the build goes on."""
    folder = make_plan(tmp_path, AS_NEEDED.replace("max_per_day: 3000}", "max_per_day: 10000}"))
    code, _, err = run(["check", "ldn", "--data", str(tmp_path / "data")], capsys)
    line = next(e for e in err.splitlines() if "10000 mg is more than this plan can give" in e)
    assert code == 0 and ": warning: " in line and "1000 mg every 6 hours is at most 4000 mg in 24 hours" in line
    assert f"handout.yaml:{line_of(folder / 'handout.yaml', 'max_per_day: 10000')}:" in line


@pytest.mark.parametrize("most, warned", [(4000, False), (5000, True)])
def test_an_as_needed_ceiling_counts_the_doses_a_day_as_a_label_does(tmp_path: Path, capsys, most: int, warned: bool):
    """Every 6 hours is 4 doses in 24 hours ("do not give more than 4 times in 24 hours"): 5,000 mg under 1,000 mg
    every 6 hours printed "No more than 5,000 mg in 24 hours" beside words saying 4 doses (a clinic author's review)."""
    make_plan(tmp_path, AS_NEEDED.replace("max_per_day: 3000}", f"max_per_day: {most}}}"))
    code, _, err = run(["check", "ldn", "--data", str(tmp_path / "data")], capsys)
    assert code == 0 and ("is more than this plan can give" in err) is warned, err


def test_an_implausible_count_of_tablets_is_a_warning(tmp_path: Path, capsys):
    """An adversarial review: 'Take 60,000 tablets of 2.5 mg' built without a word (a strength or
    an amount typed wrong).  More than 20 in one dose is said; the build goes on (it may be meant)."""
    folder = make_plan(tmp_path, WEEKLY.replace("amount: 15, strength: 2.5, count: 6", "amount: 150000, strength: 2.5, count: 60000"))
    code, _, err = run(["check", "ldn", "--data", str(tmp_path / "data")], capsys)
    line = next(e for e in err.splitlines() if "60,000 tablets in one dose" in e)  # (not "6e+04": a review)
    assert code == 0 and ": warning: " in line and f"handout.yaml:{line_of(folder / 'handout.yaml', 'count: 60000')}:" in line


@pytest.mark.parametrize("strength, unit, said, severity", [
    ("20000000", "mg", "a tablet of 20,000,000 mg (expected at most 2,000 mg in one tablet", "error"),
    ("70", "g", "a tablet of 70 g (expected at most 2,000 mg in one tablet", "error"),  # (70 mg, a slipped unit)
    ("2.5", "g", "a tablet of 2.5 g (expected at most 2,000 mg in one tablet", "warning"),
    ("2", "g", None, None), ("1500", "mg", None, None), ("2000000", "mcg", None, None),
])
def test_an_implausible_strength_is_a_warning(tmp_path: Path, capsys, strength: str, unit: str, said: str | None,
                                              severity: str | None):
    """A review: 'Take 1 tablet of 20,000,000 mg' built without a word; a tablet holds at most about 1.5 g.  Past
    5 g none can be swallowed: an error (a clinic author's review printed a tablet of 70 g)."""
    amount = float(strength) * 6
    plan = WEEKLY.replace("amount: 15, strength: 2.5, count: 6", f"amount: {amount:.12g}, strength: {strength}, count: 6")
    folder = make_plan(tmp_path, plan.replace("unit: mg", f"unit: {unit}"))
    code, _, err = run(["check", "ldn", "--data", str(tmp_path / "data")], capsys)
    found = [e for e in err.splitlines() if "in one tablet: check the strength and its unit" in e]
    if said is None:
        assert not found, err
        return
    (line,) = found
    assert f": {severity}: " in line and said in line
    assert f"handout.yaml:{line_of(folder / 'handout.yaml', 'strength: ' + strength)}:" in line
    assert code == (1 if severity == "error" else 0), err


def test_prohibitions_pass_the_dose_wording_check_but_vague_daily_does_not():
    from handout.designations import _dose_problems

    assert not list(_dose_problems("Never take it every day.", True, ()))
    assert not list(_dose_problems("Take it every day except Monday.", True, ()))
    assert list(_dose_problems("Take it every day.", True, ()))
    assert list(_dose_problems("Do not stop: take it every day.", True, ()))


def test_a_handout_without_a_do_not_take_group_draws_no_empty_box(tmp_path: Path, capsys):
    folder = make_plan(tmp_path, TAPER)
    facts = (folder / "handout.yaml").read_text(encoding="utf-8").replace("severity: do_not_take", "severity: may_interact")
    (folder / "handout.yaml").write_text(facts, encoding="utf-8")
    code, _, err = run(["build", "ldn", "--data", str(tmp_path / "data"), "--out", str(tmp_path / "o"), "-q",
                        "--edition", "standard"], capsys)
    assert code == 0, err
    text = text_of((tmp_path / "o" / "ldn" / "ldn.en.pdf").read_bytes())
    assert "Do not take LDN with:" not in text and "May interact with LDN:" in text


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_calendar_day_labels_sit_over_their_boxes_in_both_directions(lang):
    """Each weekday label is centred over its own column's boxes; right to left, the first day is rightmost."""
    from handout.boxes import IconItem, TextItem
    from handout.content import Target, read
    from handout.layout import layout
    from handout.model import Personal
    from handout.theme import load_theme

    h = read(Target(DATA / "ldn", (lang,))).handouts[0]
    pages = layout(h, load_theme(), None, None, "calendar", Personal(start=START)).pages
    labels: dict[int, list[float]] = {}
    boxes_at: dict[int, list[float]] = {}
    for it in (i for p in pages for i in p.items if i.group.startswith("calendar/table/")):
        col = int(it.group.rsplit("/", 1)[1])
        if isinstance(it, TextItem) and col >= 1:
            labels.setdefault(col, []).append(it.x + it.line.width / 2)
        elif isinstance(it, IconItem):
            boxes_at.setdefault(col, []).append(it.x + it.size / 2)
    assert sorted(boxes_at) == list(range(1, 8))
    for col, xs in boxes_at.items():
        assert max(xs) - min(xs) < 0.01  # a column is a column
        assert all(abs(x - xs[0]) < 0.5 for x in labels[col]), (col, labels[col], xs[0])
    first, last = boxes_at[1][0], boxes_at[7][0]
    assert (first > last) if lang == "ar" else (first < last)


def test_calendar_is_read_as_a_table_of_weeks_with_checkboxes(tmp_path: Path, capsys):
    from tree_text import elements

    pdfs = build(tmp_path, capsys, TWICE, "--patient", "Pat", "--start", START.isoformat(), "--weight", "20", "--per-kg", "45",
                 "--course-days", "10",
                 "--edition", "calendar", audience="caregiver")
    pdf = next(v for k, v in pdfs.items() if ".calendar." in k)
    table = next(n for n in _walk(elements(pdf)) if n.tag == "/Table")
    rows = [r for r in table.kids if r.tag == "/TR"]
    # week 1 header, morning, bedtime, week 2 header, morning, bedtime
    assert len(rows) == 6
    assert [k.text for k in rows[1].kids][0].endswith("in the morning")
    cells = [k for r in rows for k in r.kids if k.tag == "/TD"]
    assert len(cells) == 4 * 7  # every dose row has its 7 day cells (PDF/UA: no ragged rows) ...
    assert sum(c.actual.startswith("\u2610 ") for c in cells) == 20  # ... and a checkbox (with its day) on each of the 20 doses
    assert all(len(r.kids) == 8 for r in rows)
    assert rows[1].kids[0].attrs["/Scope"] == "/Row" and rows[0].kids[1].attrs["/Scope"] == "/Column"


def _walk(nodes):
    for n in nodes:
        yield n
        yield from _walk(n.kids)


@pytest.mark.parametrize("handout_id", sorted(p.name for p in DATA.iterdir() if (p / "handout.yaml").exists()))
def test_every_bundled_plan_gets_its_personal_calendar(tmp_path: Path, capsys, handout_id):
    """A full personal box (weight too) and the plan's calendar always print: on one page when it fits,
    on two rather than under the type standard."""
    out = tmp_path / "out"
    code, _, err = run(["build", handout_id, "--data", str(DATA), "--lang", "en", "--out", str(out), "--patient",
                        # (a child's weight beside an over-the-counter adult dose is refused: an adult's there)
                        "Pat Example", "--start", START.isoformat(), "--weight",
                        "62.5" if handout_id == "acetaminophen" else "18.5", "--prescriber", "Dr. Lee",
                        "--clinic-name", "Main Street Clinic", "--edition", "calendar", "standard",
                        *(["--per-kg", "45"] if handout_id == "amoxicillin" else []),
                        *({"amoxicillin": ["--course-days", "10"], "prednisone": ["--course-days", "12"]}.get(handout_id, []))], capsys)
    assert code == 0, err
    calendar = next((out / "personal").glob("*.calendar.pdf")).read_bytes()
    pages = pdf_text(calendar)
    assert 1 <= len(pages) <= 2
    assert boxes(calendar) or "Your dose log" in " ".join(pages)


# Found in a code review: a fixed first dose beside a weight rule with no weight yet.
MIXED = """
  - id: standard
    product: {form: liquid, unit: mg, concentration: {amount: 400, volume: 5}, device: oral_syringe}
    steps:
      - {when: {unit: day, start: 1, end: 2}, amount: 400, volume: 5, timing: morning}
      - {when: {unit: day, start: 3, end: 10}, per_kg: 45, timing: [morning, bedtime], max_dose: 875, max_per_day: 1750}
      - {when: {unit: day, start: 11}, stop: true}
"""


def test_syringe_line_with_an_unworked_weight_step(tmp_path: Path, capsys):
    """A fixed 5 mL loading dose, then a weight rule with no weight given: the weight step's dose
    (up to 10.5 mL) is unknown, yet the box promises that a 5 mL syringe gives 'the whole dose'."""
    pdfs = build(tmp_path, capsys, MIXED, audience="caregiver")
    text = text_of(next(v for k, v in pdfs.items() if ".calendar." not in k))
    found = re.findall(r"Use the smallest oral syringe that holds ([\d.]+ mL)\.", " ".join(text.split()))
    assert found == [], (found, text[text.find("Use the smallest"):][:200])


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_weekly_calendar_says_once_a_week_and_every_page_names_its_days(lang):
    """A pharmacist's review of the methotrexate calendar (the page on the fridge): its rows said
    '6 tablets (15 mg) in the morning', no box said 'never every day', no pain pill was named, and
    a week's last row could start the back page without the header that names its days (now
    drawn again above it)."""
    from handout.boxes import TextItem
    from handout.content import Target, read
    from handout.layout import layout
    from handout.model import Personal
    from handout.regions import apply
    from handout.theme import load_theme

    h = apply(read(Target(DATA / "methotrexate", (lang,))).handouts[0], None)  # as built: the US numbers
    pages = layout(h, load_theme(), None, None, "calendar", Personal(patient="Ana", start=START)).pages
    words = " ".join(" ".join(it.line.logical for p in pages for it in p.items if isinstance(it, TextItem)).split())
    if lang == "en":
        assert words.count("6 tablets of 2.5 mg (15 mg) in the morning, once a week, on Monday") == 4, words
        assert "Never take it every day" in words and "Ask your prescriber or pharmacist first about:" in words
        assert "ibuprofen (Advil)" in words
    # Who to call after a week of daily doses, on the fridge page itself (the key points are not on it).
    said = {"en": "If you took too much, call 1-800-222-1222 (Poison Help) right away",
            "ar": "إذا تناولت أكثر من اللازم، فاتصل فورا بـ 1-800-222-1222 (Poison Help)"}[lang]
    assert words.count(said) == 1, words
    for p in pages:
        rows: dict[int, list] = {}
        for it in p.items:
            if it.group.startswith("calendar/table/"):
                r, col = map(int, it.group.split("/")[2:4])
                rows.setdefault(r, []).append((col, it))
        if rows:  # the page's first row of the calendar is a week's header: it names the days
            first = rows[min(rows)]
            assert any(col >= 1 and isinstance(it, TextItem) for col, it in first), [it.group for _, it in first]


# --- found in a review of the calendar and the strength (each failed before its fix)
THURSDAY = date(2026, 12, 10)


@pytest.fixture
def a_day_before_thursday(monkeypatch) -> None:
    """These calendars are laid out from a fixed start: the build is made a few days before it."""
    pretend_today(monkeypatch, THURSDAY - timedelta(days=3))


def _mtx(tmp: Path, weeks: int, alendronate: bool = False) -> Path:
    import shutil

    shutil.copytree(DATA / "methotrexate", tmp / "data" / "methotrexate")
    p = tmp / "data" / "methotrexate" / "handout.yaml"
    s = p.read_text()
    s = s.replace("{when: {unit: week, start: 1}, amount: 15", f"{{when: {{unit: week, start: 1, end: {weeks}}}, amount: 15")
    s = s.replace("{when: {unit: week, start: 1}, amount: 1,", f"{{when: {{unit: week, start: 1, end: {weeks}}}, amount: 1,")
    if alendronate:
        s = s.replace("side_effects:\n  common", "      - name: alendronate\n        product: {form: tablet, unit: mg}\n"
                      "        steps:\n          - {when: {unit: week, start: 1, end: " + str(weeks) + "}, amount: 70, strength: 70,"
                      " count: 1, days: [sunday], timing: morning}\n\nside_effects:\n  common", 1)
    p.write_text(s)
    return tmp / "data"


@pytest.mark.usefixtures("a_day_before_thursday")
@pytest.mark.parametrize("weeks, alendronate, lang", [(8, False, "es"), (8, False, "ar"), (6, True, "en")])
def test_a_clinics_methotrexate_calendar_still_builds(tmp_path: Path, capsys, weeks, alendronate, lang):
    """Built before caf67a6 (max 2 pages); now 'does not fit in 2 pages', exit 1, no calendar."""
    data = _mtx(tmp_path, weeks, alendronate)
    code, _, err = run(["build", "methotrexate", "--data", str(data), "--lang", lang, "--patient", "Ana",
                        "--start", THURSDAY.isoformat(), "--edition", "calendar", "--out", str(tmp_path / "o"), "-q",
                        "--course-days", str(7 * weeks)], capsys)
    assert code == 0, err


@pytest.mark.usefixtures("a_day_before_thursday")
def test_the_acetaminophen_fridge_page_keeps_its_warnings(tmp_path: Path, capsys):
    """Before caf67a6 the calendar (dose log) was 1 page with the serious and do-not-take boxes;
    now the check box and ask-first push both warnings to a second page."""
    code, _, err = run(["build", "acetaminophen", "--data", str(DATA), "--lang", "en", "--patient", "Ana",
                        "--start", THURSDAY.isoformat(), "--edition", "calendar", "--out", str(tmp_path / "o"), "-q"], capsys)
    assert code == 0, err
    pages = pdf_text(next((tmp_path / "o").rglob("*.calendar.pdf")).read_bytes())
    assert "Serious side effects" in pages[0] and "Do not take acetaminophen with" in pages[0], len(pages)


def test_a_range_of_tablets_names_its_strength():
    """'6 tablets of 2.5 mg' but '1 or 2 tablets (500 to 1,000 mg)': the range does not."""
    from handout.content import Target, read
    from handout.dosing import medications
    from handout.localize import Localizer
    from handout.sig import Sig

    h = read(Target(DATA / "acetaminophen", ("en",))).handouts[0]
    med = medications(h.track())[0]
    said = Sig(h, Localizer("en", None)).dose_phrase(med, med.steps[0]).replace("\xa0", " ")
    assert said == "1 or 2 tablets of 500 mg (500 to 1,000 mg)", said


@pytest.mark.usefixtures("a_day_before_thursday")
@pytest.mark.parametrize("edition", ["card", "calendar"])
def test_methotrexate_ask_first_says_the_list_is_not_complete(tmp_path: Path, capsys, edition):
    """5124099 made the standard edition say 'other anti-inflammatory pain medicines … This list is not
    complete'; the card and the fridge calendar (kept alone) print the six names as if complete."""
    code, _, err = run(["build", "methotrexate", "--data", str(DATA), "--lang", "en", "--patient", "Ana",
                        "--start", THURSDAY.isoformat(), "--edition", edition, "--out", str(tmp_path / "o"), "-q"], capsys)
    assert code == 0, err
    pdf = next(p for p in (tmp_path / "o").rglob("*.pdf") if (".calendar." in p.name) == (edition == "calendar"))
    text = " ".join(" ".join(pdf_text(pdf.read_bytes())).split())
    assert "not complete" in text or "other anti-inflammatory" in text



def _mtx_weeks(tmp: Path, weeks: int) -> Path:
    import shutil

    shutil.copytree(DATA / "methotrexate", tmp / "data" / "methotrexate")
    p = tmp / "data" / "methotrexate" / "handout.yaml"
    s = p.read_text()
    s = s.replace("{when: {unit: week, start: 1}, amount: 15", f"{{when: {{unit: week, start: 1, end: {weeks}}}, amount: 15")
    s = s.replace("{when: {unit: week, start: 1}, amount: 1,", f"{{when: {{unit: week, start: 1, end: {weeks}}}, amount: 1,")
    p.write_text(s)
    return tmp / "data"


PRESCRIBER = ("--prescriber", "Dr. Maria Fernandez", "--prescriber-phone", "555-123-4567")


@pytest.mark.parametrize("weeks, lang, paper, poison, extra", [
    (4, "ar", "a4", True, ()), (3, "en", "a4", True, ()), (3, "en", "letter", True, ()), (2, "ar", "letter", True, ()),
    (3, "es", "letter", False, ()), (3, "ar", "letter", False, ()),  # the box on the front without it, not on the back
    (9, "en", "a4", False, PRESCRIBER), (9, "ar", "a4", True, ())])  # one sheet without it, not two (or with it)
@pytest.mark.usefixtures("a_day_before_thursday")
def test_weekly_methotrexate_calendar_keeps_never_every_day(tmp_path, capsys, weeks, lang, paper, poison, extra):
    """A review: the calendar's fallback dropped 'Check every dose' ('Never take it every day') to
    stay on one page, or with the names on two, when a layout keeping it fitted."""
    from tree_text import read_aloud

    data = _mtx_weeks(tmp_path, weeks)
    code, _, err = run(["build", "methotrexate", "--data", str(data), "--lang", lang, "--patient", "Ana",
                        "--course-days", str(7 * weeks),
                        "--start", THURSDAY.isoformat(), "--edition", "calendar", "--paper", paper,
                        "--out", str(tmp_path / "o"), "-q", *extra], capsys)
    assert code == 0, err
    text = " ".join(read_aloud(next((tmp_path / "o").rglob("*.calendar.pdf")).read_bytes()).split())
    title = {"en": "Check every dose", "es": "Revise cada dosis", "ar": "تحقق من كل جرعة"}[lang]
    assert title in text, text[-400:]
    assert "Never take it every day" in text or lang != "en"
    assert len(pdf_text(next((tmp_path / "o").rglob("*.calendar.pdf")).read_bytes())) <= 2
    # Who to call after too much: in the box, unless the page or the sheet needs its room.
    assert ("1-800-222-1222 (Poison Help)" in text) == poison, text[-400:]


@pytest.mark.usefixtures("a_day_before_thursday")
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_short_weekly_calendar_keeps_its_warnings_on_the_fridge_page(tmp_path, capsys, lang):
    """A review: with a usual form (a name, the prescriber, the clinic), two weeks of methotrexate
    went to two pages when the box gained its Poison Help line: the serious side effects and the
    antibiotics not to take went to the back.  The line gives way first."""
    data = _mtx_weeks(tmp_path, 2)
    code, _, err = run(["build", "methotrexate", "--data", str(data), "--lang", lang, "--patient", "Maria Fernández",
                        "--course-days", "14",
                        "--prescriber", "Dr. Jane Okonkwo", "--clinic-name", "Riverside Clinic", "--clinic-phone",
                        "555-123-4567", "--start", THURSDAY.isoformat(), "--edition", "calendar", "--paper", "letter",
                        "--out", str(tmp_path / "o"), "-q"], capsys)
    assert code == 0, err
    pages = pdf_text(next((tmp_path / "o").rglob("*.calendar.pdf")).read_bytes())
    serious = {"en": "Serious side effects", "es": "Efectos secundarios graves"}[lang]
    drug = {"en": "trimethoprim", "es": "trimetoprima"}[lang]
    assert len(pages) == 1 and serious in " ".join(pages[0].split()) and drug in pages[0], pages


@pytest.mark.usefixtures("a_day_before_thursday")
@pytest.mark.parametrize("lang, paper", [("en", "letter"), ("es", "a4"), ("ar", "letter")])
def test_a_ten_week_weekly_calendar_takes_a_second_sheet_rather_than_none(tmp_path, capsys, lang, paper):
    """A review: ten weeks of methotrexate and folic acid did not fit two pages, and the build
    printed no calendar ('shorten the text'); it takes a second sheet, every week's days named."""
    data = _mtx_weeks(tmp_path, 10)
    code, _, err = run(["build", "methotrexate", "--data", str(data), "--lang", lang, "--patient", "Ana", "--course-days", "70",
                        "--start", THURSDAY.isoformat(), "--edition", "calendar", "--paper", paper,
                        "--out", str(tmp_path / "o"), "-q"], capsys)
    assert code == 0, err
    pdf = next((tmp_path / "o").rglob("*.calendar.pdf")).read_bytes()
    assert 3 <= len(pdf_text(pdf)) <= 4
    rows = columns_by_row(boxes(pdf))  # the first page: whole weeks, 1 methotrexate box and 6 folic acid
    assert rows and all(len(r) in (1, 6) for r in rows)


@pytest.mark.usefixtures("a_day_before_thursday")
def test_a_plan_too_long_for_any_calendar_says_so(tmp_path, capsys):
    """Forty weeks: no calendar fits four pages; the message is about the plan, not 'shorten the
    note' (a review: the only advice given was for a handout's text)."""
    data = _mtx_weeks(tmp_path, 40)
    code, _, err = run(["build", "methotrexate", "--data", str(data), "--lang", "en", "--patient", "Ana", "--course-days", "280",
                        "--start", THURSDAY.isoformat(), "--edition", "calendar", "--out", str(tmp_path / "o")], capsys)
    assert code == 1 and "its plan is too long for one calendar" in err and "shorten the note" not in err, err
    assert not list((tmp_path / "o").rglob("*.pdf"))


@pytest.mark.parametrize("hid, region, said", [("methotrexate", "US", "1-800-222-1222 (Poison Help)"),
                                               ("methotrexate", "FR", "SAMU 15 / 112"), ("ldn", "US", None)])
def test_a_weekly_calendar_says_who_to_call_after_too_much(hid, region, said):
    """The box of a once-a-week medicine's calendar names Poison Help from the region; a region
    with no national poison line names its emergency number (regions.FALLBACK), and a daily
    medicine's calendar is as it was."""
    from handout.boxes import TextItem
    from handout.content import Target, read
    from handout.layout import layout
    from handout.model import Personal
    from handout.regions import apply
    from handout.theme import load_theme

    h = apply(read(Target(DATA / hid, ("en",))).handouts[0], region)
    pages = layout(h, load_theme(), None, None, "calendar", Personal(patient="Ana", start=START)).pages
    words = " ".join(" ".join(it.line.logical for p in pages for it in p.items if isinstance(it, TextItem)).split())
    assert (f"If you took too much, call {said} right away" in words) if said else "took too much" not in words, words
    assert "{poison}" not in words


FULL_FORM = ("--prescriber", "Dr. Jane Okonkwo", "--prescriber-phone", "555-123-4567", "--clinic-name",
             "Riverside Pediatrics", "--clinic-phone", "555-123-4500", "--pharmacy", "Main St Pharmacy 555-000-1111",
             "--note", "Call us if the rash comes back.")


@pytest.mark.parametrize("edition, weight, form", [("standard", None, ()), ("card", "18.5", ()), ("calendar", "4", ()),
                                                   ("calendar", "18.5", FULL_FORM)])
def test_a_childrens_weight_rule_says_its_youngest_age_in_the_box(tmp_path, capsys, edition, weight, form):
    """A pharmacist's review: a 4 kg baby, likely under 3 months, got the 45 mg/kg a day dose with no
    word of age on the card or the calendar (the label: 3 months and older; younger, less); and the
    blank form never said the rule stops at 40 kg, where a hand-filled 45 kg goes unchecked.  The
    dose box, on every edition, says both (``from_months``, ``below_kg``)."""
    args = ["build", "amoxicillin", "--data", str(DATA), "--lang", "en", "--edition", edition, "--out", str(tmp_path), "-q"]
    if weight:
        args += ["--patient", "Sofia Martinez", "--start", START.isoformat(), "--weight", weight, "--per-kg", "45", "--course-days", "10", *form]
    code, _, err = run(args, capsys)
    assert code == 0, err
    pdf = next(p for p in tmp_path.rglob("*.pdf") if edition == "standard" or f".{edition}." in p.name)
    text = " ".join(" ".join(pdf_text(pdf.read_bytes())).split())
    if weight:  # in the worked-out dose's line (a fully filled-in calendar keeps its box: a review)
        assert text.count(" each dose. Only for children 3 months and older.") == 1, text
    else:  # the blank form, where a slip of the pen goes unchecked, says the weight too
        assert text.count("For children 3 months and older who weigh less than 40 kg. For a younger or heavier "
                          "child, ask the prescriber.") == 1, text


def test_an_open_as_needed_plan_says_when_needed_not_day_1_on(tmp_path, capsys):
    """A pharmacist's review: acetaminophen's When cell, "Day 1 on", read as a dose every day for
    good; the table now says "Only when needed" (and, personalised, from which date)."""
    code, _, err = run(["build", "acetaminophen", "--data", str(DATA), "--lang", "en", "--edition", "standard",
                        "--out", str(tmp_path), "-q"], capsys)
    assert code == 0, err
    text = " ".join(" ".join(pdf_text(next(tmp_path.rglob("acetaminophen.en.pdf")).read_bytes())).split())
    assert "When Dose How to take it Most in 24 hours Only when needed 500 to 1,000 mg" in text, text[:900]
    assert "Day 1" not in text and "day 1" not in text  # (nor "From day 1")


@pytest.mark.parametrize("hid, start, total", [("amoxicillin", START, 20), ("prednisone", START, 12),
                                               ("prednisone", START + timedelta(days=3), 12)])
def test_a_course_calendar_says_how_many_doses_in_all_and_draws_that_many_boxes(hid, start, total):
    """'20 doses in all': a count to check the ticks by (a course begun with the bedtime dose ends
    on the morning after its last day).  The number is the boxes drawn, counted from the page."""
    from handout.boxes import IconItem, TextItem
    from handout.content import Target, read
    from handout.layout import layout
    from handout.model import Personal
    from handout.regions import apply
    from handout.theme import load_theme

    h = apply(read(Target(DATA / hid, ("en",))).handouts[0], None)
    pages = layout(h, load_theme(), None, None, "calendar", Personal(patient="Ana", start=start, weight_kg=18.5)).pages
    boxes = [it for p in pages for it in p.items if isinstance(it, IconItem) and it.kind == "checkbox"
             and it.group.startswith("calendar/")]
    words = " ".join(" ".join(it.line.logical for p in pages for it in p.items if isinstance(it, TextItem)).split())
    assert len(boxes) == total and f"{total} doses in all." in words, (len(boxes), words[:300])


def test_an_open_plan_calendar_gives_no_total():
    from handout.calendar_blocks import course_doses
    from handout.content import Target, read
    from handout.dosing import medications

    h = read(Target(DATA / "ldn", ("en",))).handouts[0]
    assert course_doses(medications(h.track(None)), START) is None  # LDN's last step goes on


def _calendar(hid: str, lang: str, start, theme: str = "default", paper: str | None = None):
    """A personalised calendar laid out: the Layouter (its words, widths) and the pages."""
    from handout.content import Target, read
    from handout.layout import Layouter, layout
    from handout.model import Personal
    from handout.regions import apply
    from handout.theme import load_theme

    h = apply(read(Target(DATA / hid, (lang,))).handouts[0], None)
    personal = Personal(patient="Ana", start=start, weight_kg=18.5 if h.facts.weight_based else None)
    return (Layouter(h, load_theme(theme), paper, None, "calendar", personal),
            layout(h, load_theme(theme), paper, None, "calendar", personal).pages)


@pytest.mark.parametrize("hid, lang, keep", [("methotrexate", "en", 2), ("methotrexate", "ar", 2), ("ldn", "en", 1),
                                             ("ldn", "hi", 1), ("prednisone", "en", 0), ("amoxicillin", "en", 0),
                                             ("acetaminophen", "en", 0)])
def test_an_open_ended_plans_calendar_says_the_medicine_goes_on_after_its_last_box(hid, lang, keep):
    """A review: LDN's calendar ends after week 5 and weekly methotrexate's after 4 weeks, and
    nothing said the medicine goes on; a patient out of boxes may stop.  Each open-ended medicine
    now gets "After <the last day shown>, keep taking it the same way until your prescriber tells
    you to stop."; a course gets its stop line instead, an as-needed dose log neither."""
    from handout.boxes import TextItem
    from handout.calendar_blocks import calendar_end
    from handout.dosing import medications

    lay, pages = _calendar(hid, lang, START)
    said = " ".join(" ".join(it.line.logical for p in pages for it in p.items
                             if isinstance(it, TextItem) and it.group == "calendar/stop").split())
    last = lay.loc.said_date(calendar_end(medications(lay.h.track(None)), START))
    phrase = " ".join(lay.loc.labels("calendar_keep", date=last).split())
    assert said.count(phrase) == keep, said


@pytest.mark.parametrize("hid, lang", [("ldn", lang) for lang in ("ar", "en", "es", "fa", "fr", "hi", "ht", "ko", "ru",
                                                                    "tl", "vi", "zh-Hans")]
                         + [("methotrexate", lang) for lang in ("ar", "en", "es")])
@pytest.mark.parametrize("theme, paper", [("large-print", "a4"), ("default", "letter")])
def test_a_calendar_day_name_is_never_broken_inside(hid, lang, theme, paper):
    """A review: large print's 14 pt cut the Arabic "الخميس" into "الخمي" and "س" in a day's header
    cell (methotrexate: two medicines' names leave the days less room).  Every header line holds
    whole day names and dates, clear of the cells beside it."""
    from handout.boxes import IconItem, TextItem

    lay, pages = _calendar(hid, lang, START, theme, paper)
    names = set(lay.loc.labels("days_short").split())
    columns = {int(it.group.rsplit("/", 1)[1]): it.x for p in pages for it in p.items
               if isinstance(it, IconItem) and it.group.startswith("calendar/table/")}
    cell = abs(columns[2] - columns[1])  # the distance between two days' boxes
    heads = [it for p in pages for it in p.items if isinstance(it, TextItem) and it.role == "TH"
             and it.group.startswith("calendar/table/") and not it.group.endswith("/0")]
    assert len(heads) >= 28
    for it in heads:
        # (a word broken inside draws its end on a line of its own, with no text of its own: '')
        assert it.line.logical.strip() and all(w in names or w.isdigit() for w in it.line.logical.split()), \
            (it.group, it.line.logical, it.line.width)
        assert it.line.width + lay.theme.spacing.unit * 0.5 <= cell + 0.01, (it.line.logical, it.line.width, cell)


@pytest.mark.parametrize("weekday", range(7))
def test_a_weekly_steps_dates_are_its_dose_days(weekday):
    """A review: with a start on a Tuesday, methotrexate's table said "From Dec 8" beside "Monday";
    a first dose taken that day and the next on Monday would be two weekly doses six days apart.
    The table gives the first dose day, the calendar's first methotrexate box; folic acid (every
    day but Monday) still starts on the start date unless that is a Monday."""
    from handout.boxes import TextItem
    from handout.content import Target, read
    from handout.layout import Layouter, layout
    from handout.model import Personal
    from handout.regions import apply
    from handout.theme import load_theme

    start = START + timedelta(days=(weekday - START.weekday()) % 7)
    monday = start + timedelta(days=(0 - start.weekday()) % 7)
    folic = start + timedelta(days=1) if start.weekday() == 0 else start
    h = apply(read(Target(DATA / "methotrexate", ("en",))).handouts[0], None)
    personal = Personal(patient="Ana", start=start)
    loc = Layouter(h, load_theme(), None, None, "standard", personal).loc
    pages = layout(h, load_theme(), None, None, "standard", personal).pages
    cells = [" ".join(it.line.logical for it in p.items if isinstance(it, TextItem) and it.group.endswith("/0"))
             for p in pages]
    when = " ".join(" ".join(cells).split())
    froms = [" ".join(loc.labels("dates_from", start=loc.short_date(d)).split()) for d in (monday, folic)]
    assert all(f in when for f in froms), (when, froms)
    wrong = " ".join(loc.labels("dates_from", start=loc.short_date(start)).split())
    assert (wrong in when) == (start in (monday, folic)), when


SHORT_WEEKLY = """
  - id: standard
    product: {form: tablet, unit: mg}
    steps:
      - {when: {unit: day, start: 1, end: 3}, amount: 15, strength: 2.5, count: 6, days: [monday], timing: morning}
      - {when: {unit: day, start: 4}, amount: 10, strength: 2.5, count: 4, days: [monday], timing: morning}
"""


@pytest.mark.parametrize("weekday, ok", [(0, True), (1, False), (5, True), (6, True)])
def test_a_weekly_step_with_no_dose_day_from_the_start_is_refused(tmp_path, capsys, weekday, ok):
    """A code review: a 3-day step taken on Mondays, begun on a Tuesday, has no Monday; the table
    printed its 15 mg dose ("Days 1 to 3 / Dec 8 – 10") and the calendar no box, then 10 mg the
    next Monday: two weekly doses less than a week apart.  Such a start is refused at the step's
    line, for the table and the calendar alike (said once: a review found the line printed twice, one
    for each); a start that gives the step its Monday builds."""
    make_plan(tmp_path, SHORT_WEEKLY)
    start = START + timedelta(days=(weekday - START.weekday()) % 7)
    code, _, err = run(["build", "ldn", "--data", str(tmp_path / "data"), "--lang", "en", "--patient", "Ana",
                        "--start", start.isoformat(), "--edition", "standard", "calendar", "--out",
                        str(tmp_path / "o"), "-q"], capsys)
    facts = tmp_path / "data" / "ldn" / "handout.yaml"
    if ok:
        assert code == 0, err
        return
    assert code == 1 and "Traceback" not in err
    said = [e for e in err.splitlines() if "its days hold no Monday" in e]
    assert len(said) == 1 and f"handout.yaml:{line_of(facts, 'start: 1, end: 3')}:" in said[0], err
    assert "failed 2" in err  # both PDFs refused
    assert start.isoformat() not in err and not list((tmp_path / "o").rglob("*.pdf"))


DAILY_THEN_WEEKLY = """
  - id: standard
    product: {form: tablet, unit: mg}
    steps:
      - {when: {unit: day, start: 1, end: 10}, amount: 2.5, strength: 2.5, count: 1, timing: morning}
      - {when: {unit: day, start: 11}, amount: 15, strength: 2.5, count: 6, days: [monday], timing: morning}
"""


@pytest.mark.parametrize("weekday", range(7))
def test_a_weekly_last_steps_calendar_ends_on_its_last_dose_day(tmp_path, weekday):
    """A code review: a calendar whose open-ended last step is weekly showed four weeks from that
    step's first day, and could close on a week with no dose in it ("Week 6 Jan 12 - 14", a header
    and nothing to tick) before "After Jan 14, keep taking it".  It now ends on the last dose day of
    those four weeks, and every week it shows has a box."""
    from handout.boxes import IconItem
    from handout.content import Target, read
    from handout.layout import layout
    from handout.model import Personal
    from handout.theme import load_theme

    make_plan(tmp_path, DAILY_THEN_WEEKLY)
    h = read(Target(tmp_path / "data" / "ldn", ("en",))).handouts[0]
    start = START + timedelta(days=(weekday - START.weekday()) % 7)
    pages = layout(h, load_theme(), None, None, "calendar", Personal(patient="Ana", start=start)).pages
    rows = {int(it.group.split("/")[2]) for p in pages for it in p.items if it.group.startswith("calendar/table/")}
    boxed = {int(it.group.split("/")[2]) for p in pages for it in p.items
             if isinstance(it, IconItem) and it.kind == "checkbox" and it.group.startswith("calendar/table/")}
    weeks = sorted(r for r in rows if r not in boxed)  # header rows: each followed by a row with a box
    assert all(w + 1 in boxed for w in weeks), (weeks, sorted(boxed))
    mondays = sum(1 for p in pages for it in p.items if isinstance(it, IconItem) and it.kind == "checkbox"
                  and it.group.startswith("calendar/table/")) - 10
    assert mondays == 4  # the weekly step's first four weeks: four Mondays


def test_a_dose_log_gives_up_rows_before_its_warnings_leave_the_page(tmp_path, capsys):
    """A review: with a long name and a full form, the acetaminophen dose log (the page kept by the
    bottle) went to two pages, its serious side effects and Poison Help on the back.  Its rows,
    lines to write on, give way first: a third fewer, then half, and the warnings stay."""
    from handout.boxes import RuleItem
    from handout.content import Target, read
    from handout.layout import layout
    from handout.personal import merge
    from handout.regions import apply
    from handout.theme import load_theme

    h = apply(read(Target(DATA / "acetaminophen", ("en",))).handouts[0], None)
    full = merge(None, patient="Maria Guadalupe Fernández-Castellanos Ru", start=START,
                 prescriber="Dr. Jonathan Whitfield-Moreno", prescriber_phone="+1 (617) 555-0142",
                 clinic="Riverside Community Health Center", clinic_phone="+1 (617) 555-0199")
    note = ("Take it at bedtime with a glass of water. Call us if you feel sick or have vivid dreams for more than two "
            "weeks. Bring this sheet and your pill bottle to your next visit, on the date your clinic gives you. Do not "
            "stop a pain medicine without asking us first, please. We are here to help you every step of the way.")[:300]
    theme = load_theme()
    for personal, rows in ((merge(None, patient="Ana", start=START), theme.log_rows), (full, theme.log_rows * 2 // 3),
                           (dataclasses.replace(full, note=note, pharmacy="Maple Street Pharmacy, +1 (617) 555-0111"),
                            theme.log_rows // 2)):
        pages = layout(h, theme, "letter", None, "calendar", personal).pages
        rules = [it for p in pages for it in p.items if isinstance(it, RuleItem) and it.group == "log"]
        words = " ".join(it.line.logical for it in pages[0].items if hasattr(it, "line"))
        assert len(pages) == 1 and "Serious side effects" in words and "1-800-222-1222" in words, words[-300:]
        assert len(rules) == rows + 1, (rows, len(rules))  # a hairline under the header and under each row



@pytest.mark.parametrize("weeks, lang, full", [(3, "es", False), (3, "ar", False), (3, "en", True)])
def test_a_weekly_box_is_not_pushed_off_the_fridge_page_by_its_poison_line(tmp_path, weeks, lang, full):
    """A review: on two pages, three weeks of methotrexate in Spanish or Arabic put 'Check every
    dose' ('Never take it every day') on the back, pushed by its Poison Help line; without the
    line it fits under the calendar.  The box on the front wins over the line."""
    from handout.calendar_blocks import box_on_front
    from handout.content import Target, read
    from handout.layout import layout
    from handout.personal import merge
    from handout.regions import apply
    from handout.theme import load_theme

    h = apply(read(Target(_mtx_weeks(tmp_path, weeks) / "methotrexate", (lang,))).handouts[0], None)
    extra = dict(prescriber="Dr. Jonathan Whitfield-Moreno", prescriber_phone="+1 (617) 555-0142",
                 clinic="Riverside Community Health Center", clinic_phone="+1 (617) 555-0199") if full else {}
    name = "Maria Guadalupe Fernández-Castellanos Ru" if full else "Ana"
    pages = layout(h, load_theme(), "letter", None, "calendar", merge(None, patient=name, start=THURSDAY, **extra)).pages
    assert len(pages) == 2 and box_on_front(pages)


@pytest.mark.parametrize("folder, lang, size", [("ldn", "en", 12), ("prednisone", "en", 12),
                                                # its check box ("Never take it every day") stays on the fridge page
                                                ("methotrexate", "en", 10.5), ("methotrexate", "ar", 10.5)])
def test_a_calendars_days_are_at_the_body_size_where_the_page_has_room(folder, lang, size):
    """A review: the day names and dates above the boxes, all that says which day a weekly box is for, were 9 pt
    grey.  They are at the body's size in the text's colour, and at the theme's calendar_days (10.5 pt) only where
    the larger type would move a block off the page (the calendar's blocks and pages are as they were: a test of
    the fitting order above).  The widest name may still shrink its own row's type, never under the footer's."""
    from handout.boxes import TextItem
    from handout.content import Target, read
    from handout.layout import layout
    from handout.personal import merge
    from handout.regions import apply
    from handout.theme import load_theme

    theme = load_theme()
    h = apply(read(Target(DATA / folder, (lang,))).handouts[0], None)
    pages = layout(h, theme, "letter", None, "calendar", merge(None, patient="Ana", start=THURSDAY)).pages
    heads = [it for p in pages for it in p.items if isinstance(it, TextItem) and it.group.startswith("calendar/table/")
             and it.role == "TH" and not it.group.endswith("/0")]
    sizes = {it.line._size for it in heads}
    assert heads and max(sizes) == size and min(sizes) >= theme.sizes.footer, sizes
    assert {it.colour for it in heads} == {theme.colours.text}


def test_every_other_day_goes_on_across_steps_of_even_length(tmp_path: Path, capsys):
    """The other side of 'every-other-day-restarts': steps of 4 days every other day keep the rhythm,
    a box every second day from the first to the last dose, never two days running."""
    pdfs = build(tmp_path, capsys, EOD, "--patient", "Pat", "--start", START.isoformat(), "--edition", "calendar",
                 "--course-days", "8")
    pdf = next(v for k, v in pdfs.items() if ".calendar." in k)
    xs = sorted(x for x, _ in boxes(pdf))
    assert len(xs) == 4, xs  # days 1, 3, 5 and 7
    assert len({round(b - a) for a, b in zip(xs, xs[1:]) if b > a}) <= 2  # evenly spaced (a row's end aside)


@pytest.mark.parametrize("how", ["second-track", "day-changed", "folic-acid-unchanged"])
def test_words_that_name_another_day_than_a_track_are_refused(tmp_path: Path, capsys, how):
    """A review: a methotrexate track on Thursday printed "once a week, on Monday morning" in the key
    points and Thursday in the table and calendar (a second track beside Monday's, or the one plan's
    day edited): both built, in English, Spanish and Arabic.  A patient who follows both days takes
    two weekly doses.  The words name the day with {weekly_day}: the plan's one day, in every language;
    a track on another day leaves no one day to name, and is refused at each {weekly_day}, and folic acid
    left on "every day except Monday" beside Thursday's dose is refused at its days."""
    import shutil

    folder = tmp_path / "data" / "methotrexate"
    shutil.copytree(DATA / "methotrexate", folder)
    facts = folder / "handout.yaml"
    text = facts.read_text(encoding="utf-8")
    monday = "amount: 15, strength: 2.5, count: 6, days: [monday], timing: morning}"
    folic = "days: [tuesday, wednesday, thursday, friday, saturday, sunday], timing: morning}"
    thursday_folic = "days: [monday, tuesday, wednesday, friday, saturday, sunday], timing: morning}"
    if how == "second-track":
        track = text[text.index("  - id: standard\n"):text.index("\nside_effects:")]
        text = text.replace(track, track + "\n" + track.replace("id: standard", "id: thursday")
                            .replace("[monday]", "[thursday]").replace(folic, thursday_folic))
        name = "thursday"
    else:  # (folic acid left on Tuesday to Sunday, copied unchanged: "Monday" got through, a review)
        text = text.replace(monday, monday.replace("[monday]", "[thursday]"))
        text = text.replace(folic, thursday_folic) if how == "day-changed" else text
        name = "standard"
    facts.write_text(text, encoding="utf-8")
    out = tmp_path / "o"
    if how == "day-changed":  # the words follow the plan: Thursday everywhere, Monday nowhere
        for lang, monday, thursday in (("en", "Monday", "once a week, on Thursday morning"), ("es", "lunes", "jueves"),
                                       ("ar", "الاثنين", "الخميس")):
            code, _, err = run(["build", "methotrexate", "--data", str(tmp_path / "data"), "--out", str(out), "--lang",
                                lang, "--patient", "Pat", "--start", START.isoformat(), "--edition", "standard",
                                "--allow-stale"], capsys)
            assert code == 0, err
            (pdf,) = out.rglob(f"methotrexate.{lang}.*.pdf")
            words = read_aloud(pdf.read_bytes())
            assert monday not in words and thursday in words, (lang, words[:600])
            pdf.unlink()
        return
    code, _, err = run(["build", "methotrexate", "--data", str(tmp_path / "data"), "--out", str(out),
                        "--patient", "Pat", "--start", START.isoformat(), "--track", name], capsys)
    assert code == 1 and not list(out.rglob("*.pdf")), err
    if how == "second-track":
        for lang in ("en", "es", "ar"):
            said = [ln for ln in err.splitlines() if f"{lang}.yaml:" in ln and "'{weekly_day}'" in ln]
            assert said and all("gives its once-a-week medicine on Monday and Thursday" in ln for ln in said), err
        line = line_of(folder / "en.yaml", "once a week, on {weekly_day}")
        assert any(f"en.yaml:{line}:" in ln and "key_points[0]: '{weekly_day}'" in ln for ln in err.splitlines()), err
    else:
        line = line_of(facts, folic)
        assert any(f"handout.yaml:{line}:" in ln and "every day but Monday, and its once-a-week medicine on Thursday"
                   in ln for ln in err.splitlines()), err


@pytest.mark.parametrize("concentration, dose, most, said, never", [
    ("{amount: 160, volume: 5}", "amount: 160, volume: 5", 800, "No more than 25 mL (800 mg) in 24 hours.",
     "no more than 800 mg"),
    ("{amount: 120, volume: 5}", "amount: 240, volume: 10", 1000, "No more than 1,000 mg in 24 hours.", "41.6")])
def test_an_as_needed_liquids_most_in_24_hours_is_in_millilitres(tmp_path: Path, capsys, concentration, dose, most,
                                                                 said, never):
    """A review: "No more than 800 mg in 24 hours" under doses of "5 mL (160 mg)" left the parent to
    work out the millilitres they measure: the most is said in mL first, as each dose is.  But 1,000
    mg of a 120 mg per 5 mL liquid printed "41.667 mL", which no syringe marks (and, rounded up, is
    over the most): a most that is not a tenth of a millilitre is said in mg only."""
    liquid = f"""
  - id: standard
    product: {{form: liquid, unit: mg, concentration: {concentration}, device: oral_syringe}}
    steps:
      - {{when: {{unit: day, start: 1}}, {dose}, as_needed: pain, every: {{hours: 6}}, max_per_day: {most}}}
"""
    pdfs = build(tmp_path, capsys, liquid)
    text = text_of(next(iter(pdfs.values()))).replace("\xa0", " ")
    assert said in text and never not in text.lower(), text[:2000]


def test_as_needed_after_set_doses_gets_the_log_from_its_first_day(tmp_path: Path, capsys):
    """A review: 3 days of set doses, then only when needed: the calendar boxed the 3 days, then drew
    empty days to the next week's middle, with no log and no word of what came next.  The calendar
    now ends with the set doses, and the dose log follows, saying from when ("From Dec 10: Take …")."""
    then = """
  - id: standard
    product: {form: tablet, unit: mg}
    steps:
      - {when: {unit: day, start: 1, end: 3}, amount: 1000, strength: 500, count: 2, timing: [morning, bedtime], max_per_day: 3000}
      - {when: {unit: day, start: 4}, amount: 500, amount_max: 1000, strength: 500, count: 1, count_max: 2, as_needed: pain, every: {hours: 6}, max_per_day: 3000}
"""
    pdfs = build(tmp_path, capsys, then, "--patient", "Pat", "--start", START.isoformat(), "--edition", "calendar")
    pdf = next(v for k, v in pdfs.items() if ".calendar." in k)
    assert len(boxes(pdf)) == 6, boxes(pdf)  # 3 days, 2 doses each
    from handout.localize import Localizer

    text = text_of(pdf).replace("\u2009", " ").replace("\u202f", " ").replace("\xa0", " ")
    first = Localizer("en").short_date(START + timedelta(days=3)).replace("\u2009", " ").replace("\u202f", " ") \
        .replace("\xa0", " ")
    assert "Your dose log" in text and f"From {first}: Take 1 or 2 tablets" in text, text[:1500]
    assert "Week 2" not in text, text[:1500]  # no week of empty days after the set ones


# (language, text, the days it names): what is a weekday and what only looks like one (four reviews)
DAY_WORDS = [
    ("en", "Take it on Mondays", {"monday"}), ("en", "TAKE IT ON MONDAY", {"monday"}),
    ("en", "Take it on Tuesdays", {"tuesday"}), ("en", "Monte Carlo", set()),
    ("es", "los LUNES", {"monday"}), ("es", "el miercoles", {"wednesday"}), ("es", "los sábados", {"saturday"}),
    ("fr", "le LUNDI", {"monday"}), ("fr", "les lundis", {"monday"}),
    ("ar", "يوم الإثنين", {"monday"}), ("ar", "يوم الاثنين", {"monday"}), ("ar", "والاثنين", {"monday"}),
    ("ar", "كل يوم اثنين صباحا", {"monday"}), ("ar", "للخميس", {"thursday"}), ("ar", "الأحداث الجانبية", set()),
    ("ar", "الأحدث", set()),
    ("ru", "по понедельникам", {"monday"}), ("ru", "каждую среду", {"wednesday"}), ("ru", "в четверг", {"thursday"}),
    ("ru", "по четвергам", {"thursday"}), ("ru", "противозачаточные средства", set()), ("ru", "в среднем", set()),
    ("ru", "среди них", set()), ("ru", "четверть таблетки", set()),
    ("vi", "vào thứ Hai", {"monday"}), ("vi", "VÀO THỨ HAI", {"monday"}), ("vi", "sáng thứ hai", {"monday"}),
    ("vi", "vào thứ 5", {"thursday"}), ("vi", "Chủ nhật", {"sunday"}), ("vi", "lần thứ hai", set()),
    ("vi", "Liều Thứ Hai", set()),
    ("zh-Hans", "每个礼拜一", {"monday"}), ("zh-Hans", "每周一早上", {"monday"}), ("zh-Hans", "每周一次", set()),
    ("zh-Hans", "每星期一次", set()), ("zh-Hans", "每星期六天", set()), ("zh-Hans", "一个星期三次", set()),
    ("tl", "12 linggo", set()), ("tl", "Linggo 1 hanggang 2", set()), ("tl", "tuwing Miyerkoles", {"wednesday"}),
    ("ht", "Monte sèlman si etap 1", set()), ("ht", "manje fri", set()), ("ht", "chak mekredi", {"wednesday"}),
    ("fa", "سه‌شنبه", {"tuesday"}), ("fa", "پنج‌شنبه", {"thursday"}), ("fa", "پنج شنبه", {"thursday"}),
    ("fa", "دو شنبه", {"monday"}), ("fa", "يكشنبه", {"sunday"}), ("fa", "شنبه", {"saturday"}),
    ("hi", "हर बृहस्पतिवार", {"thursday"}), ("hi", "इतवार को", {"sunday"}),
    ("fa", "صبح دوشنبه‌ها", {"monday"}), ("fa", "دوز دوشنبه‌ی", {"monday"}), ("ar", "يومَ الاثنَيْن", {"monday"}),
    ("ar", "الاثـنـين", {"monday"}), ("zh-Hans", "每周二十毫克", set()), ("zh-Hans", "每周三到四次", set()),
    ("zh-Hans", "每周一到周五", {"monday", "friday"}), ("vi", "ngày thứ ba", set()), ("vi", "Tuần Thứ Ba", set()),
    ("vi", "LẦN THỨ BA", set()),
    # a fifth review
    ("vi", "Thứ hai hàng tuần, uống toàn bộ liều", {"monday"}), ("vi", "vào ngày thứ Hai hằng tuần", {"monday"}),
    ("vi", "Nếu quên liều thứ Hai", {"monday"}), ("vi", "Thứ 2 hàng tuần", {"monday"}), ("vi", "Viên Thứ Hai", set()),
    ("fa", "يك شنبه", {"sunday"}), ("fa", "يك\u200cشنبه", {"sunday"}), ("fa", "پنج  شنبه", {"thursday"}),
    ("fa", "دوشنبۀ هر هفته", {"monday"}), ("fa", "دوشنبهها", {"monday"}), ("fa", "جلسه شنبه", {"saturday"}),
    ("ar", "خذ الدواء كل اثنين صباحاً", {"monday"}), ("ar", "الجمعه", {"friday"}), ("ar", "الثلاثا", {"tuesday"}),
    ("ar", "وللخميس", {"thursday"}), ("ar", "وبالاثنين", {"monday"}), ("ar", "الجمعيات", set()),
    ("tl", "tuwing Linggo", {"sunday"}), ("tl", "sa Linggo 1 hanggang 2", set()), ("tl", "tuwing Monday", {"monday"}),
    ("zh-Hans", "周一周四", {"monday", "thursday"}), ("zh-Hans", "每周一针", set()), ("zh-Hans", "每周五毫克", set()),
    ("zh-Hans", "每周二三次", set()), ("zh-Hans", "每周一般", set()), ("zh-Hans", "本周日程", set()),
    ("ru", "Не выбрасывайте таблетки в окружающую среду", set()), ("en", "Take it every Mon.", {"monday"}),
    ("en", "Thurs", {"thursday"}), ("hi", "हर Monday", {"monday"}),
]


@pytest.mark.parametrize("lang, text, named", DAY_WORDS)
def test_a_weekday_is_found_as_written_and_a_word_that_looks_like_one_is_not(lang, text, named) -> None:
    from handout.weekdays import day_patterns, normalize

    patterns = day_patterns(lang)
    found = {d for d, pats in patterns.items() if any(p.search(normalize(lang, text)) for p in pats)}
    assert found == named, (lang, text, found)


def test_a_six_day_plan_alone_names_the_day_it_is_not_taken() -> None:
    """A review: 'every day except Monday' for a plan taken six days a week, with nothing weekly beside
    it, was refused once folic acid's six days stopped naming methotrexate's Monday."""
    from handout.model import Track, Product, Step, Period
    from handout.weekdays import own_days

    six = Step(when=Period(unit="week", start=1), amount=1, strength=1, count=1, timing=("morning",),
               days=("tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
    assert own_days(Track(id="t", product=Product(form="tablet", unit="mg"), steps=(six,))) == {"monday"}



def test_a_calendar_names_its_medicine_where_an_as_needed_one_is_beside_it(tmp_path: Path, capsys):
    """A review: amoxicillin's rows and an as-needed acetaminophen's log, two liquids of nearly the same volume on
    the fridge page, named neither medicine."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA / "amoxicillin", data / "amoxicillin")
    facts = data / "amoxicillin" / "handout.yaml"
    stop = "      - {when: {unit: day, start: 11}, stop: true}\n"
    facts.write_text(facts.read_text(encoding="utf-8").replace(stop, stop + (
        "    companions:\n      - name: acetaminophen\n"
        "        product: {form: liquid, unit: mg, concentration: {amount: 160, volume: 5}, device: oral_syringe}\n"
        "        steps:\n          - {when: {unit: day, start: 1, end: 10}, amount: 160, volume: 5, as_needed: fever, "
        "every: {hours: 6}, max_per_day: 640}\n"), 1), encoding="utf-8")
    words = data / "amoxicillin" / "en.yaml"
    words.write_text(words.read_text(encoding="utf-8") + "\nreasons:\n  fever: for fever or pain\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(["build", "amoxicillin", "--data", str(data), "--lang", "en", "--out", str(out), "--patient", "Mia",
                        "--start", START.isoformat(), "--weight", "18.5", "--per-kg", "45", "--course-days", "10",
                        "--edition", "calendar"], capsys)
    assert code == 0, err
    pdf = next(out.rglob("*.calendar.pdf")).read_bytes()
    text = " ".join(" ".join(pdf_text(pdf)).split())
    assert text.count("Amoxicillin: 5.2 mL (416 mg)") == 4, text  # each row of the first two weeks, by name
    assert "Acetaminophen: Give 5 mL (160 mg) if needed for fever or pain, at least 6 hours apart" in text, text
    assert sum(len(r) for r in columns_by_row(boxes(pdf))) == 20  # and still one box per dose


def test_a_calendar_that_gives_up_its_check_box_says_so(tmp_path: Path, capsys):
    """A review: a long form's amoxicillin calendar lost its 'Check every dose' box (the liquid's strength and the
    syringe's line among it) to keep to one page, and the build said nothing; a plain form keeps it, and says
    nothing."""
    long_form = ["--prescriber", "Dr. Alexandra Montgomery-Richardson", "--prescriber-phone", "555-123-4567",
                 "--clinic-name", "Riverside Community Pediatric Health Center", "--clinic-phone", "555-765-4321",
                 "--pharmacy", "Main Street Family Pharmacy and Wellness, 555-111-2222", "--note",
                 "Give the dose with food if the tummy is upset. Keep the bottle in the fridge. Shake well before each "
                 "dose. Use the syringe from the pharmacy. Call us if there is a rash, hives, swelling, or diarrhea that "
                 "will not stop. Finish the whole course even if your child feels better soon."]
    for extra, said in (([], False), (long_form, True)):
        out = tmp_path / f"out{len(extra)}"
        code, _, err = run(["build", "amoxicillin", "--data", str(DATA), "--lang", "en", "--out", str(out), "--patient",
                            "Pat Example", "--start", START.isoformat(), "--weight", "18.5", "--per-kg", "45",
                            "--course-days", "10", "--edition", "calendar", *extra], capsys)
        pdf = next(out.rglob("*.calendar.pdf")).read_bytes()
        kept = "Check every dose" in " ".join(pdf_text(pdf))
        assert code == 0 and kept is not said, err
        assert ("note: the calendar left out the 'Check every dose' box to keep to its page" in err) is said, err


def test_an_over_the_counter_childrens_liquid_never_says_prescriber_in_its_box(tmp_path: Path, capsys):
    """A clinic author's review: an OTC children's liquid said "For a heavier child, ask the prescriber": there is
    none.  Its box says a doctor or pharmacist."""
    import shutil

    folder = tmp_path / "data" / "amoxicillin"
    shutil.copytree(DATA / "amoxicillin", folder)
    facts = folder / "handout.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("\nsource_language:", "\nsupply: over_the_counter\nsource_language:", 1),
                     encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(["build", "amoxicillin", "--data", str(tmp_path / "data"), "--lang", "en", "--edition",
                        "standard", "--out", str(out)], capsys)
    assert code == 0, err
    words = read_aloud(next(out.rglob("*.pdf")).read_bytes())
    assert "For a younger or heavier child, ask a doctor or pharmacist." in words, words
    assert "ask the prescriber" not in words
