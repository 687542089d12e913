"""Clock times in a handout's words (``handout.clocktimes``): their hour, their time of the day, their gaps."""

from __future__ import annotations

import re

import pytest

from handout import clocktimes


@pytest.mark.parametrize("said,hour", [
    ("8 am", 8.0), ("8 a.m.", 8.0), ("8:30 p.m.", 20.5), ("20:00", 20.0), ("8h30", 8.5), ("9pm", 21.0),
    ("12 am", 0.0), ("12 pm", 12.0), ("25:00", None), ("13 pm", None), ("noon", None),
    ("0800", 8.0), ("1430", 14.5), ("2400", 0.0), ("2460", None), ("2500", None),  # (24-hour, as hospitals write it)
    ("24:00", 0.0), ("24", 0.0), ("24:30", None), ("12 midnight", 0.0),  # (midnight as a day's 24-hour clock ends it)
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


@pytest.mark.parametrize("text,hours", [
    ("Take 2 tablets at 8, 11, 2 and 5.", ["8", "11", "2", "5"]), ("at 8 and 11 am", ["8"]),
    ("at 8.00 and 20.00", ["8.00", "20.00"]), ("a las 8, 11, 2.", ["8", "11", "2"]), ("a las 9 y a las 11.", ["9", "11"]),
    ("at 8, 11, 2, and 5", ["8", "11", "2", "5"]), ("at 8, 14 and 20", ["8", "14", "20"]),
    ("Take 2 tablets at 8 and at 11.", ["8", "11"]), ("at 8 and 11 o'clock.", ["8"]), ("at 9 and 12 noon.", ["9"]),
    ("at 8 and noon.", ["8"]), ("at 8 and 10 in the morning.", ["8", "10"]), ("at 8 and 11 if needed.", ["8", "11"]),
    ("at 8 am and 11.", ["11"]), ("at 10 pm, 1 and 4.", ["1", "4"]), ("at 8, then 11, then 2.", ["8", "11", "2"]),
    ("Give 5 mL at 8, 5 mL at 2 and 5 mL at 8.", ["8", "2", "8"]), ("à 20, 22 et 23 h.", ["20", "22"]),
    ("à 20 et 22 heures.", ["20", "22"]), ("Take 2 tablets at 8 and 2 tablets at 2.", ["8", "2"]),
    # a number after "at" that is no hour: alone, a count after "and", an age, a decimal, a day that has none, the
    # minutes of Spanish "a las 10 y 15" (a quarter past ten), a choice
    ("Take it at 8.", []), ("Take it in the evening at 9.", []), ("Take 1 at 8 and 1 with food", []),
    ("at 2 and 4 years", []), ("at 2.5 and 3.", []), ("at 24 and 2.", []), ("at 8 or 9.", []), ("a las 10 y 15.", []),
    # ... nor two hours of other things (a round-9 review), nor a list cut short by "and"
    ("The pharmacy opens at 9 and closes at 6.", []), ("Your scan is at 9 and your blood test at 11.", []),
    ("Doses rose at 2, 3 and 4 weeks.", []), ("Children at 6 and 12 months do not take it.", []),
    ("Take 1 capsule at 10 tonight, and at 10 every night after.", []), ("at 1, 2, 3 and 4 weeks.", []),
    # ... and what may follow a list: the dose's words after three times, or after "at" said again
    ("Take 2 tablets at 8, 10, 12 and 2 with water.", ["8", "10", "12", "2"]), ("Take 1 at 8 and 1 with food.", []),
    ("Take 1 capsule at 9 and at 11 with water.", ["9", "11"]), ("Give 5 mL at 8 and 2 and at bedtime.", ["8", "2"]),
    # 24-hour times as hospitals write them; not a dose, a street number or a list cut short
    ("Give 500 mg at 0800, 1200, 1600, 2000 and 2400.", ["0800", "1200", "1600", "2000", "2400"]),
    ("Give 5 mL at 0800 and 5 mL at 2000.", ["0800", "2000"]), ("at 1000, 1400 and 1800 mg.", []),
    ("The clinic is at 1200 Main Street and 5th.", []), ("at 0800 and 2.", ["0800", "2"]),
    # Spanish "y" last in a list of three or more; after one hour it is minutes
    ("Tome 2 tabletas a las 9, 10 y 11.", ["9", "10", "11"]), ("a las 8, 12 y 4 de la tarde.", ["8", "12", "4"]),
    ("Tome 2 tabletas a las 9, 10 y 11 con agua.", ["9", "10", "11"]), ("a las 2, 3 y 4 semanas.", []),
    # a review: 24-hour times with their unit, or parted by slashes; two of them are no count; Spanish "horas" and
    # Spanish words after a list; "hours" after an hour is after the dose
    ("Take 2 tablets at 0800 hrs and 1100 hrs.", ["0800", "1100"]), ("at 0800hrs, 1100hrs, 1400hrs.", ["0800", "1100", "1400"]),
    ("at 0800, 1000, 1200 and 1400 hours.", ["0800", "1000", "1200", "1400"]),
    ("at 0800/1000/1200/1400.", ["0800", "1000", "1200", "1400"]), ("Take 2 tablets at 0800 and 1000 today.", ["0800", "1000"]),
    ("Tome 2 tabletas a las 8, 9 y 10 horas.", ["8", "9", "10"]), ("Tome 2 tabletas a las 8, 9 y 10 si lo necesita.", ["8", "9", "10"]),
    ("Dele 5 mL a las 8, 14 y 20 durante 10 días.", ["8", "14", "20"]), ("Check at 2 and 4 hours after the dose.", []),
    ("Tome 1 a las 21 horas y a las 23 horas.", ["21", "23"]), ("a las 8 horas, 14 horas y 20 horas.", ["8", "14", "20"]),
    ("at 3/4 strength.", []),
    # ... a slash between 24-hour times only (a date is none), and no Spanish "cuando" closing a list (a review)
    ("Take 2 tablets at 0800 and 2000, review at 12/3.", ["0800", "2000"]),
    ("Tome 1 cápsula a las 22 h, la enfermera le llamará a las 10, 11 y 12 cuando pueda.", []),
    ("Tome 1 cápsula a las 0800 y 2000 horas.", ["0800", "2000"]),
    # after a colon, as a chart lists them: two or more 24-hour times only (a phone number, a span, a lone time are none)
    ("Take 2 tablets: 0800, 1200, 1600 and 2000.", ["0800", "1200", "1600", "2000"]),
    ("Tome 2 tabletas: 0800, 1200 y 1600.", ["0800", "1200", "1600"]), ("Take 2 tablets: 0600/1200/1800.", ["0600", "1200", "1800"]),
    ("Questions: call 0800 123 456.", []), ("Pharmacy: 0800-2000.", []), ("Note: 0800 appointment.", []),
    ("Take 2 tablets: 8, 12 and 4.", []), ("Ratio: 1000, 2000 and 3000 mg.", []), ("Take 2 tablets: 0800, 12 and 4.", []),
    ("Take 2 tablets as in our leaflets: 2019, 2023.", []), ("Take 2 tablets: 0815, 1230, 1645.", ["0815", "1230", "1645"]),
    # ... or right after the dose, with neither (a review): not a window, nor another thing's, nor one time
    ("Take 2 tablets 0800, 1200, 1600 and 2000.", ["0800", "1200", "1600", "2000"]),
    ("Dele 5 mL 0800, 1200 y 1600.", ["0800", "1200", "1600"]),
    ("Take 1 tablet between 0800 and 2000.", []), ("Tome 1 tableta entre 0800 y 2000.", []),
    ("Take 2 tablets from 0800, 1200 on.", []), ("Take 2 tablets. Our office hours are 0800 and 1700.", []),
    ("Take 2 tablets 0800 today.", []), ("Take 2 tablets 0800, 12 and 4.", []), ("Call 0800 1234 567.", []),
])
def test_hours_listed_after_at(text: str, hours: list[str]) -> None:
    def dosed(at: int) -> bool:  # (as H155 says it, with its word list: a number or a dose right before "at")
        return re.search(r"(?:\d|tablets?|mL)\s*$", text[:at]) is not None

    assert [m.group(0) for m, _ in clocktimes.listed(text, dosed)] == hours


@pytest.mark.parametrize("text, hours", [
    ("Take 2 tablets 0800 and 2000.", ["0800", "2000"]), ("Take 1 tablet between 0800 and 2000.", []),
    ("Tome 1 tableta entre 0800 y 2000.", []), ("Prenez 1 comprimé de 0800 à 2000.", []),
    ("Take 2 tablets from 0800, 1200 and 1600 on.", []),
    ("Give 2 tablets in lemonade 0800, 1200 and 1600.", ["0800", "1200", "1600"]),  # (a word, not its end: "de")
])
def test_times_right_after_a_dose_are_never_a_window(text: str, hours: list[str]) -> None:
    """H155 calls a dose named in the four words before the list (so "1 tablet between" is one): a window's
    word right before the times says they are its ends, not doses."""
    assert [m.group(0) for m, _ in clocktimes.listed(text, lambda at: True)] == hours


def test_each_listed_hour_knows_where_its_list_starts() -> None:
    """A negation before a list governs all of it ("Never take it at 8, 10 and 12")."""
    text = "Never take it at 8, 10 and 12."
    assert {at for _, at in clocktimes.listed(text)} == {text.index("at 8")}


def test_twelve_noon_and_midnight_are_clock_times() -> None:
    assert [m.group(0) for m in re.finditer(clocktimes.CLOCK, "at 9 and 12 noon or 12 midnight", re.I)] == [
        "12 noon", "12 midnight"]
    assert (clocktimes.hour("12 noon"), clocktimes.hour("12 midnight")) == (12.0, 0.0)


@pytest.mark.parametrize("said,hours,read", [
    (["8", "11", "2", "5"], [8, 11, 2, 5], [8, 11, 14, 17]),  # a day's list, in order
    (["8", "11 am"], [8, 11], [8, 11]), (["2", "8 pm"], [2, 20], [14, 20]), (["8", "8 pm"], [8, 20], [8, 20]),
    (["8 pm", "10", "2"], [20, 10, 2], [20, 22, 2]), (["12", "6"], [12, 6], [12, 18]),
    (["08:00", "2:00"], [8, 2], [8, 14]), (["14:00", "20:00"], [14, 20], [14, 20]),  # (24-hour times say their half)
    (["noon", "6"], [12, None], [12, None]),  # (a time with no hour stays so)
    (["0800", "2"], [8, 2], [8, 14]), (["2000", "0200"], [20, 2], [20, 2]),
])
def test_hours_that_leave_their_half_unsaid_are_read_in_order(said: list[str], hours: list[float | None],
                                                            read: list[float | None]) -> None:
    assert clocktimes.in_order(said, hours) == read


def test_a_long_list_that_turns_out_to_be_none_is_given_up_at_once() -> None:
    """A review: "0800" read two ways (a 24-hour time, or an hour) doubled the tries with each time of a list
    that failed at its end: 22 slashed times took 7 s, and a note of 300 characters never finished.  Run
    apart, with a deadline, so a return of it fails here and does not hang the suite."""
    import subprocess
    import sys

    script = ("from handout import clocktimes as c\n"
              "lists = ['at ' + '/'.join(['0800'] * 60) + '/x', 'at ' + ', '.join(['0800'] * 60) + ' as tolerated x',\n"
              "         'at ' + ' and '.join(['0800 hrs'] * 60) + ' zz', 'a las ' + ', '.join(['8 horas'] * 60) + ' y zz']\n"
              "print([len(c.listed(t, lambda at: True)) for t in lists])\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
