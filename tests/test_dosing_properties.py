"""Properties of random plans: every scheduled dose gets one box, no day gets more than the plan says,
and the printed daily total never exceeds the maximum (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handout import dosecheck, dosing
from handout.content import Target, read
from handout.model import WEEKDAYS, Every, Part, Period, Personal, Product, Step, Track

from conftest import DATA

TIMINGS = ["morning", "noon", "evening", "bedtime"]


@st.composite
def steps(draw) -> tuple[Step, ...]:
    out = []
    start = 1
    n = draw(st.integers(1, 3))
    for i in range(n):
        length = draw(st.integers(1, 12))
        timing = tuple(draw(st.lists(st.sampled_from(TIMINGS), min_size=1, max_size=4, unique=True)))
        kind = draw(st.sampled_from(["every_day", "days", "every_n"]))
        days = tuple(draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=6, unique=True))) \
            if kind == "days" else ()
        if len(days) == 1 and out and len(out[-1].days) == 1:  # a once-a-week dose keeps its day (else refused:
            days = out[-1].days                                   # dosecheck._check_weekly_day)
        every = Every(days=draw(st.sampled_from([2, 3]))) if kind == "every_n" else None
        if every is not None:  # a whole number of N-day cycles: the rhythm goes on into the next step
            length = every.days * draw(st.integers(1, 4))  # (another length is refused: dosecheck._check_rhythm)
        strength = draw(st.sampled_from([1.0, 2.5, 5.0, 10.0]))
        count = draw(st.integers(1, 4))
        last = i == n - 1 and draw(st.booleans())
        end = None if last else start + length - 1
        out.append(Step(when=Period(unit="day", start=start, end=end), amount=strength * count, strength=strength,
                        count=count, timing=timing, days=days, every=every,
                        max_per_day=strength * count * len(timing) * draw(st.sampled_from([1, 2]))))
        start += length
    return tuple(out)


def expected(step: Step, first: date, day: date) -> int:
    """An independent reading of the plan: how many doses are due on ``day``."""
    if step.days:
        due = WEEKDAYS[day.weekday()] in step.days
    elif step.every is not None and step.every.days:
        due = (day - first).days % step.every.days == 0
    else:
        due = True
    return len(step.timing) if due else 0


@settings(max_examples=200, deadline=None)
@given(steps(), st.dates(date(2026, 1, 1), date(2027, 12, 31)))
def test_schedule_matches_the_plan_and_respects_the_maximum(plan, start):
    med = dosing.Medication(None, Product(form="tablet", unit="mg"), plan, "track")
    assert dosecheck.check(med) == []
    end = dosing_end = start + timedelta(days=40)
    got: dict[date, int] = {}
    for day, step, _ in dosing.schedule(med, start, dosing_end):
        got[day] = got.get(day, 0) + 1
        assert step.amount is not None and step.max_per_day is not None
        assert got[day] * step.amount <= step.max_per_day  # the printed total never exceeds the maximum
    for step in plan:
        first, last = dosing.step_days(step, start)
        day = first
        while day <= min(last or end, end):
            assert got.get(day, 0) == expected(step, first, day), (day, step)
            day += timedelta(days=1)


_LDN = None


def ldn():
    global _LDN
    if _LDN is None:
        res = read(Target(DATA / "ldn", ("en",)))
        _LDN = res.handouts[0]
    return _LDN


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps(), st.dates(date(2026, 1, 1), date(2027, 12, 31)))
def test_the_calendar_draws_one_box_per_scheduled_dose(plan, start):
    from handout.boxes import IconItem
    from handout.calendar_blocks import calendar_end
    from handout.layout import Layouter
    from handout.theme import load_theme

    h = ldn()
    track = Track(id="standard", product=Product(form="tablet", unit="mg"), steps=plan)
    h = replace(h, facts=replace(h.facts, tracks=(track,), default_track="standard"))
    # the calendar edition alone, on as many pages as it needs: this checks boxes, not fitting
    lay = Layouter(h, load_theme(), None, None, "calendar", Personal(start=start))
    lay.max_pages = 6
    pages = lay.run().pages
    drawn = [it for p in pages for it in p.items
             if isinstance(it, IconItem) and it.group.startswith("calendar/")]
    med = dosing.medications(track)[0]
    due = dosing.schedule(med, start, calendar_end([med], start))
    assert len(drawn) == len(due)


def test_parts_and_weights_obey_their_caps():
    step = Step(when=Period(unit="day", start=1, end=10), per_kg=45, timing=("morning", "bedtime"), max_dose=875,
                max_per_day=1750)
    product = Product(form="liquid", unit="mg", concentration=__import__("handout.model", fromlist=["x"]).Concentration(
        amount=400, volume=5))
    for kg in [x / 2 for x in range(6, 200)]:
        d = dosing.weight_dose(step, product, kg)
        assert d.amount <= 875 + 1e-9 and d.amount * 2 <= 1750 + 1e-9
        assert d.volume is not None and dosing.measurable(d.volume)
        assert abs(d.volume * 80 - d.amount) < 1e-6  # 400 mg per 5 mL = 80 mg per mL
    taper = Step(when=Period(unit="day", start=1, end=3), amount=30, parts=(Part(strength=20, count=1),
                 Part(strength=5, count=2)), timing=("morning",))
    assert dosecheck.check(dosing.Medication(None, Product(form="tablet", unit="mg"), (taper,), "t")) == []
