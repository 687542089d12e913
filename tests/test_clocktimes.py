"""Clock times in a handout's words (``handout.clocktimes``): their hour, their time of the day, their gaps."""

from __future__ import annotations

import re

import pytest

from handout import clocktimes


@pytest.mark.parametrize("said,hour", [
    ("8 am", 8.0), ("8 a.m.", 8.0), ("8:30 p.m.", 20.5), ("20:00", 20.0), ("8h30", 8.5), ("9pm", 21.0),
    ("12 am", 0.0), ("12 pm", 12.0), ("25:00", None), ("13 pm", None), ("noon", None),
])
def test_a_clock_times_hour(said: str, hour: float | None) -> None:
    assert clocktimes.hour(said) == hour


@pytest.mark.parametrize("text,found", [
    ("at 8 am and 8 p.m.", ["8 am", "8 p.m."]), ("20:00", ["20:00"]), ("every 24 h", []), ("5.5 hours", []),
    ("12:30:00", []), ("at 8h30", ["8h30"]),
])
def test_what_is_a_clock_time(text: str, found: list[str]) -> None:
    assert [m.group(0) for m in re.finditer(clocktimes.CLOCK, text, re.I)] == found


@pytest.mark.parametrize("hour,slot", [(8, "morning"), (12, "noon"), (15, "afternoon"), (21, "evening"),
                                       (2, "night"), (0, "evening"), (4, "morning"), (11, "noon"), (17, "evening")])
def test_the_time_of_the_day_an_hour_falls_in(hour: float, slot: str) -> None:
    """As the word lists name them: the evening until midnight, as "night" and "bedtime" are; the small hours
    their own."""
    assert clocktimes.slot(hour) == slot


@pytest.mark.parametrize("hours,gap", [([8, 20], 12), ([2, 22], 4), ([8, 11, 14, 17], 3), ([8], None), ([], None)])
def test_the_shortest_gap_goes_round_the_clock(hours: list[float], gap: float | None) -> None:
    assert clocktimes.shortest_gap(hours) == gap
