"""The handout's own words give no amount its plan does not (H153, ``handout.textamounts``).

Each case is an edit to a copy of a bundled handout's source text, as an adversarial review made:
"Take 1 capsule (45 mg)" above a table of 4.5 mg built with exit 0 and no word.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA, edit, line_of, run

CASES = [
    # (handout, what, old, new, the amount reported)
    ("ldn", "a dose ten times the plan's", "Take **1 capsule at bedtime**.", "Take **1 capsule (45 mg) at bedtime**.",
     "45 mg"),
    ("ldn", "a unit word spelled out", "Take **1 capsule at bedtime**.", "Take 1 capsule (2 milligrams) at bedtime.",
     "2 milligrams"),
    ("ldn", "a figure its source does not name, once the citation is gone",
     "at 50 mg a day. [@label] LDN", "at 50 mg a day. LDN", "50 mg"),
    ("acetaminophen", "a day's limit the plan does not keep to", "Keep to 6 tablets (3,000 mg) in 24 hours",
     "Keep to 6 tablets (4,000 mg) in 24 hours", "4,000 mg"),
    ("acetaminophen", "a decimal slip", "Keep to 6 tablets (3,000 mg) in 24 hours",
     "Keep to 6 tablets (3,00 mg) in 24 hours", "3,00 mg"),
    # A ceiling is no warning against: "Do not take more than 8" is a limit above the plan's 6
    ("acetaminophen", "a ceiling above the plan's most", "Keep to 6 tablets (3,000 mg) in 24 hours",
     "Do not take more than 8 tablets in 24 hours", "8 tablets"),
    # A count of what the patient counts out (the word list's 'counted'): a review's "2 capsules"
    ("ldn", "two capsules above a table of one", "Take **1 capsule at bedtime**.", "Take **2 capsules at bedtime**.",
     "2 capsules"),
    ("acetaminophen", "a day's tablets the plan does not allow", "Keep to 6 tablets (3,000 mg) in 24 hours",
     "Keep to 8 tablets (3,000 mg) in 24 hours", "8 tablets"),
    # A second review: the unit was not read, a range's first end was not, a citation cleared a whole field
    ("ldn", "the plan's number in another unit", "Take **1 capsule at bedtime**.", "Take **1 capsule (4.5 g) at bedtime**.",
     "4.5 g"),
    ("ldn", "a unit spelled another way", "Take **1 capsule at bedtime**.", "Take **1 capsule (45 mgs) at bedtime**.",
     "45 mgs"),
    # A third review: a title's section number cleared any amount; a citation opening the next
    # sentence cleared it too
    ("amoxicillin", "a title's number without its unit", "**Give all 10 days**, even",
     "**Give 16 mL twice a day [@fda_amox]**, even", "16 mL"),
    ("ldn", "a citation of the sentence before", "Take **1 capsule at bedtime**.",
     "LDN is an old medicine. [@label] Take 50 mg at bedtime.", "50 mg"),
    ("methotrexate", "a word between the count and the tablets", "Mark {weekly_day} on a calendar, or set a phone alarm.",
     "Take 60 methotrexate tablets every Monday morning.", "60 methotrexate tablets"),
    # A fourth: a count before the amount hid it; compatibility characters hid the unit or the point
    ("ldn", "a count just before the amount", "Take **1 capsule at bedtime**.", "Take 1 45 mg capsule at bedtime.",
     "45 mg"),
    ("ldn", "a squared unit", "Take **1 capsule at bedtime**.", "Take 1 capsule (45 \u338e) at bedtime.", "45 mg"),
    ("ldn", "superscript digits", "Take **1 capsule at bedtime**.", "Take 1 capsule (\u2074\u2075 mg) at bedtime.",
     "45 mg"),
    ("prednisone", "a middle dot for a point", "Keep the 2 strengths in their own labelled bottles.",
     "Keep the 2 strengths in their own labelled bottles. Take 12\u00b75 mg.", "12.5 mg"),
    ("amoxicillin", "a rate given as a volume", "**Give all 10 days**, even", "**Give 45 mL**, even", "45 mL"),
    ("amoxicillin", "an amount after an hour and 'and'", "**Give all 10 days**, even",
     "Give 5 mL at 8 and 45 mL at 8 pm, even", "8 and 45 mL"),
    ("ldn", "a range's first end", "Take **1 capsule at bedtime**.", "Your dose goes from 15 to 4.5 mg.",
     "15 to 4.5 mg"),
    ("ldn", "a count range's first end", "Take **1 capsule at bedtime**.", "Take 3 or 1 capsules at bedtime.",
     "3 or 1 capsules"),
    ("ldn", "a source's number in another sentence", "Take **1 capsule at bedtime**.",
     "Take 1 capsule (50 mg) at bedtime. It blocks opioids. [@label]", "50 mg"),
    ("ldn", "a source's number for a count", "Take it at about the same time each night.",
     "Take 6 capsules at about the same time each night. [@bruun2024]", "6 capsules"),
    # More of what the sentence before counted, with nothing counted after it (left by a review of H155)
    ("acetaminophen", "more, a count the plan does not give", "Keep to 6 tablets (3,000 mg) in 24 hours",
     "Take 2 tablets. Then 4 more. Keep to 6 tablets (3,000 mg) in 24 hours", "4 more"),
    ("acetaminophen", "more, at bedtime", "Keep to 6 tablets (3,000 mg) in 24 hours",
     "Take 2 tablets, then 3 more at bedtime. Keep to 6 tablets (3,000 mg) in 24 hours", "3 more"),
    ("acetaminophen", "more, later", "Keep to 6 tablets (3,000 mg) in 24 hours",
     "Take 2 tablets and 5 more later. Keep to 6 tablets (3,000 mg) in 24 hours", "5 more"),
    ("acetaminophen", "another, nothing counted", "Keep to 6 tablets (3,000 mg) in 24 hours",
     "Take 2 tablets. Then take another 4. Keep to 6 tablets (3,000 mg) in 24 hours", "4"),
]


def _copy(tmp_path: Path, handout: str) -> Path:
    dst = tmp_path / "data" / handout
    dst.mkdir(parents=True)
    for name in ("handout.yaml", "en.yaml"):
        shutil.copy(DATA / handout / name, dst / name)
    return dst


# The plan's most in a day said of one dose: 3,000 mg and 6 tablets are acetaminophen's most in 24
# hours, not at one time (its most in one dose is 2 tablets, 1,000 mg)
ONE_DOSE = [
    ("a day's most at once", "Take 6 tablets (3,000 mg) at once.", "3,000 mg"),
    ("a day's tablets at one time", "You may take 6 tablets at one time.", "6 tablets"),
    ("a day's most in one dose", "If the pain is bad, take 3,000 mg in one dose.", "3,000 mg"),
    ("a day's most at a time", "Take 6 tablets at a time.", "6 tablets"),
    ("a comma before at once", "Take 6 tablets, at once.", "6 tablets"),
    ("six words between", "Take 6 tablets with a full glass of water at once.", "6 tablets"),
    ("a count said twice", "Take six (6) tablets at once.", "6) tablets"),
    ("a count joined by a hyphen", "Take a 6-tablet dose.", "6-tablet"),
    ("more of it at once", "Take 2 tablets. Then 6 more at once.", "6 more"),
    # the next sentence says the dose again, how often (read as one with it)
    ("repeated every 6 hours", "Take 6 tablets. Repeat every 6 hours.", "6 tablets"),
    ("how often alone after it", "Take 6 tablets. Every 6 hours.", "6 tablets"),  # (a review of H155)
    ("done twice a day", "Take 6 tablets. Do this twice a day.", "6 tablets"),
    ("an amount repeated", "Take 3,000 mg. Repeat every 6 hours.", "3,000 mg"),
    ("at once, and repeated: said once", "Take 6 tablets at once. Repeat every 6 hours.", "6 tablets"),
    # a review: how often before the repeat words; other ways of saying it again; an abbreviation; a dash
    ("how often, then repeat", "Take 6 tablets. Every 6 hours, repeat this.", "6 tablets"),
    ("then", "Take 6 tablets. Then every 6 hours.", "6 tablets"),
    ("again", "Take 6 tablets. Again every 6 hours.", "6 tablets"),
    ("repeated", "Take 6 tablets. Repeated every 6 hours.", "6 tablets"),
    ("an abbreviation between", "Take 6 tablets p.o. every 6 hours.", "6 tablets"),
    ("a count joined by a dash", "Take a 6–tablet dose.", "6–tablet"),
    # a second review: two repeat words; what the label says; in or after so many hours
    ("then repeat", "Take 6 tablets. Then repeat every 6 hours.", "6 tablets"),
    ("as needed for pain", "Take 6 tablets. Repeat every 6 hours as needed for pain.", "6 tablets"),
    ("may repeat in hours", "Take 6 tablets. May repeat in 4-6 hours.", "6 tablets"),
    ("repeat after hours", "Take 6 tablets. Repeat after 6 hours.", "6 tablets"),
    # a third review: a long condition; a clause break or brackets; a dose verb with "again"; "approx."
    ("a long condition", "Take 6 tablets. If pain persists, you may repeat the dose in 6 hours.", "6 tablets"),
    ("pain or a fever", "Take 6 tablets. Repeat every 6 hours if you still have pain or a fever.", "6 tablets"),
    ("after a semicolon", "Take 6 tablets; repeat every 6 hours.", "6 tablets"),
    ("in brackets", "Take 6 tablets (repeat every 6 hours).", "6 tablets"),
    ("take it again", "Take 6 tablets. Take it again in 6 hours.", "6 tablets"),
    ("approx.", "Take 6 tablets approx. every 6 hours.", "6 tablets"),
    ("harm taken back", "You can take 6 tablets at once without harm.", "6 tablets"),
    ("a day's most every few hours", "Take 6 tablets every 6 hours.", "6 tablets"),
    # A review: with nothing counted after the number, the tablets go without saying
    ("nothing counted, at once", "If the pain is bad, take 6 at once.", "6 at once"),
    ("nothing counted, every few hours", "Take 6 every 6 hours.", "6 every 6 hours"),
    # ... and one-dose words before the count or the amount
    ("a dose is", "A dose is 6 tablets.", "6 tablets"),
    ("each dose of", "Each dose of 3,000 mg lasts 8 hours.", "3,000 mg"),
    # A review of those: a dose's noun with "=", "the usual dose is", "all at once", "every time"
    ("one dose equals", "One dose = 6 tablets.", "6 tablets"),
    ("the usual dose is", "The usual dose is 6 tablets.", "6 tablets"),
    ("all at once", "Take 6 all at once.", "6 all at once"),
    ("every time", "Take 6 tablets every time.", "6 tablets"),
    # A third review: a limit or brackets between the verb and a bare count; a dose label opening the sentence
    ("up to, at once", "Take up to 6 at once.", "6 at once"),
    ("in brackets", "(Take 6 at once.)", "6 at once"),
    ("a dose label", "Per dose = 6 tablets.", "6 tablets"),
    ("a label after a word", "Maximum per dose = 6 tablets.", "6 tablets"),
    # Left by the last note: once a day; one-dose words before the order; a dose's noun after the amount;
    # a strength between the count and "at once"; a long label with no colon
    ("once daily", "Take 6 tablets once daily.", "6 tablets"),
    ("once a day", "Take 6 tablets once a day.", "6 tablets"),
    ("the dose for adults is", "The dose for adults is 6 tablets.", "6 tablets"),
    ("each dose can be", "Each dose can be 6 tablets.", "6 tablets"),
    ("for each dose, take", "For each dose, take 6 tablets.", "6 tablets"),
    ("each time take", "Each time take 6 tablets.", "6 tablets"),
    ("each time you need it, take", "Each time you need it, take 6 tablets.", "6 tablets"),
    ("every few hours, take up to", "Every 4 hours, take up to 6 tablets.", "6 tablets"),
    ("a label with no colon", "Per dose 6 tablets.", "6 tablets"),
    ("an amount's dose", "Take a 3,000 mg dose.", "3,000 mg"),
    ("a strength, then at once", "Take 6 tablets of 500 mg at once.", "6 tablets"),
    ("a strength in brackets, then at one time", "Take 6 tablets (500 mg) at one time.", "6 tablets"),
    ("twice a day, a dose is", "Twice a day, a dose is 6 tablets.", "6 tablets"),
    # A review of those: a day's period passed over, not the end of the reading; a frequency before a
    # dose's words is no day's total; strengths with "each" or in words
    ("once every 24 hours", "Take 6 tablets once every 24 hours.", "6 tablets"),
    ("every 24 hours, then at one time", "Take all 6 tablets every 24 hours at one time.", "6 tablets"),
    ("every 24 hours, all at once", "Take 6 tablets every 24 hours, all at once.", "6 tablets"),
    ("every morning your dose is", "Every morning your dose is 6 tablets.", "6 tablets"),
    ("each day one dose =", "Each day one dose = 6 tablets.", "6 tablets"),
    ("a strength each, in brackets", "Take 6 tablets (500 mg each) at once.", "6 tablets"),
    ("a strength between commas", "Take 6 tablets, 500 mg each, at once.", "6 tablets"),
    ("a strength in words", "Take 6 tablets of 500 milligrams at once.", "6 tablets"),
    # A second review: a when-clause with its own dose verb, then the order; twice a day
    ("a when-clause, then the order", "Each time you take it, take 6 tablets.", "6 tablets"),
    ("every time you need a dose, take", "Every time you need a dose, take 6 tablets.", "6 tablets"),
    ("twice a day", "Take 6 tablets twice a day.", "6 tablets"),
    # A third review: a longer when-clause; a day's amount, then one-dose words
    ("a long when-clause", "Each time you take it for a headache or fever, take 6 tablets.", "6 tablets"),
    ("a day's, all at once", "Take 6 tablets a day, all at once.", "6 tablets"),
    # A fourth review: a day's amount is still one dose after one-dose words, or taken how often without a limit
    ("a dose is, a day's count", "A dose is 6 tablets a day.", "6 tablets"),
    ("each time, a day's count", "Each time, take 6 tablets a day.", "6 tablets"),
    ("every day, twice a day", "Take 6 tablets every day, twice a day.", "6 tablets"),
    ("in 24 hours all at once", "Take 6 tablets in 24 hours all at once.", "6 tablets"),
    ("what happened, then will help", "If you took nothing else today 6 tablets at once will help, but call your "
     "doctor if the pain lasts.", "6 tablets"),
    # A fifth review: a main clause joined on by "and"; a limit between a dose's words and the count
    ("what happened, and a main clause", "If you took none today and 6 tablets at once works best, tell your "
     "doctor.", "6 tablets"),
    ("a dose is up to", "A dose is up to 6 tablets a day.", "6 tablets"),
    ("one dose is up to, in 24 hours", "One dose is up to 6 tablets in 24 hours.", "6 tablets"),
    # A sixth review: what happened takes something, not nothing; max before a day's count after a label
    ("nothing taken, then an order", "If you took no other pain medicine 6 tablets at once relieve the pain fast, "
     "but call your doctor if it lasts.", "6 tablets"),
    ("each dose: max", "Each dose = max 6 tablets a day.", "6 tablets"),
    # A seventh review: more one-time words; a time of day; a label with a comma or a dash
    ("once only", "Take 6 tablets, once only.", "6 tablets"),
    ("simultaneously", "Take 6 tablets simultaneously.", "6 tablets"),
    ("at bedtime", "Take 6 tablets at bedtime.", "6 tablets"),
    ("all in the morning", "Take all 6 tablets in the morning.", "6 tablets"),
    ("a label and a comma", "Each dose, 6 tablets.", "6 tablets"),
    ("a label and a dash", "Dose - 6 tablets.", "6 tablets"),
    ("1 dose of", "Take 1 dose of 6 tablets.", "6 tablets"),
    ("what happened, with no harm", "If you have taken nothing else today 6 tablets at once is fine.", "6 tablets"),
    ("what happened, then may have", "If you took none today you can have 6 tablets at once.", "6 tablets"),
    ("what happened, harm taken back", "If you took nothing else today 6 tablets at once will not harm you.",
     "6 tablets"),
    ("what happened, then help in another part", "If you have taken nothing else today 6 tablets at once is fine; "
     "call your doctor if the pain lasts.", "6 tablets"),
    ("what happened, then a main clause", "If you have taken no other medicine today 6 tablets at once works right "
     "away.", "6 tablets"),
    ("what happened, a main clause and but", "If you took nothing else today 6 tablets at once is fine, but see a "
     "doctor if the fever lasts 3 days.", "6 tablets"),
]


IN_WORDS = [
    # (handout, sentence put after a sentence of its words, the count reported: None for no finding)
    ("ldn", "Take two capsules at bedtime.", "two capsules"),
    ("acetaminophen", "Take one or two tablets when you need them.", "one or two tablets"),
    ("ldn", "Keep these two kinds of capsule apart.", None),  # "of": no count of capsules
    ("ldn", "One of the capsules may look different.", None),
    ("ldn", "Take fifteen capsules.", "fifteen capsules"),
    ("ldn", "Take 1 (one) capsule.", None),  # the numeral is read
    ("acetaminophen", "Take a six-tablet dose.", "six-tablet"),  # (a hyphen, a review)
    # its digits are the strength, not the count said again (a review)
    ("acetaminophen", "Take six 500 mg tablets at once.", "six 500 mg tablets"),
]


def test_a_count_in_words_is_read_in_a_text_with_no_digit(tmp_path: Path, capsys) -> None:
    """A review: H153 passed over a text without a digit, so 'Take two tablets at bedtime.' alone in
    its bullet was read by no rule."""
    folder = _copy(tmp_path, "acetaminophen")
    edit(folder / "en.yaml", "Write down the time and the number of tablets each time you take a dose.",
         "Take two tablets at bedtime.")
    _, _, err = run(["check", str(folder), "--lang", "en"], capsys)
    assert "'two tablets' gives a count in words (expected numerals" in err, err


@pytest.mark.parametrize("handout,new,said", IN_WORDS, ids=[c[1] for c in IN_WORDS])
def test_a_count_in_words_is_asked_for_in_numerals(tmp_path: Path, capsys, handout: str, new: str,
                                                   said: str | None) -> None:
    """'Take two capsules' was read by no rule (H153 reads digits): the dosing standards ask numerals,
    and a count in digits is held to the plan."""
    folder = _copy(tmp_path, handout)
    first = "Take **1 capsule at bedtime**." if handout == "ldn" else "Keep to 6 tablets (3,000 mg) in 24 hours"
    edit(folder / "en.yaml", first, f"{first} {new}")
    _, _, err = run(["check", str(folder), "--lang", "en"], capsys)
    found = [ln for ln in err.splitlines() if "gives a count in words" in ln]
    if said is None:
        assert found == [], found
    else:
        assert len(found) == 1 and f"'{said}' gives a count in words (expected numerals" in found[0], err


@pytest.mark.parametrize("what,new,said", ONE_DOSE, ids=[c[0] for c in ONE_DOSE])
def test_a_days_most_said_of_one_dose_is_warned_of(tmp_path: Path, capsys, what: str, new: str, said: str) -> None:
    folder = _copy(tmp_path, "acetaminophen")
    edit(folder / "en.yaml", "Keep to 6 tablets (3,000 mg) in 24 hours, even if another package allows more.", new)
    _, _, err = run(["check", str(folder), "--lang", "en"], capsys)
    found = [ln for ln in err.splitlines() if "[H153]" in ln]
    assert len(found) == 1, err
    assert f"en.yaml:{line_of(folder / 'en.yaml', new)}:" in found[0]
    assert f"'{said}' is not one dose of the plan" in found[0] and "most in a day" in found[0]


def test_a_list_item_that_repeats_the_dose_of_the_one_before_is_read_with_it(tmp_path: Path, capsys) -> None:
    """A review: steps written as a list's items ("Take 6 tablets." / "Do this twice a day.")."""
    folder = _copy(tmp_path, "acetaminophen")
    edit(folder / "en.yaml", "Keep to 6 tablets (3,000 mg) in 24 hours, even if another package allows more.",
         "Keep to 6 tablets (3,000 mg) in 24 hours.\n      - Take 6 tablets.\n      - Do this twice a day.")
    _, _, err = run(["check", str(folder), "--lang", "en"], capsys)
    found = [ln for ln in err.splitlines() if "[H153]" in ln]
    assert len(found) == 1 and "'6 tablets' is not one dose of the plan" in found[0], err
    assert f"en.yaml:{line_of(folder / 'en.yaml', 'Do this twice a day.')}:" in found[0]


def test_a_dose_said_of_one_dose_and_repeated_is_one_finding(tmp_path: Path) -> None:
    """"Take 6 tablets at once. Repeat every 6 hours.": the count is read in its sentence and with the
    next, which says it again; the check gives one finding, not two (the report lists each it gives)."""
    from handout.content import read
    from handout.folders import Target
    from handout.textamounts import check_amounts

    folder = _copy(tmp_path, "acetaminophen")
    edit(folder / "en.yaml", "Keep to 6 tablets (3,000 mg) in 24 hours, even if another package allows more.",
         "Take 6 tablets at once. Repeat every 6 hours.")
    found = check_amounts(read(Target(folder, ("en",)), ("en",)).handouts[0])
    assert [f.message.split(" is ")[0] for f in found] == ["'6 tablets'"], found


@pytest.mark.parametrize("handout,what,old,new,amount", CASES, ids=[c[1] for c in CASES])
def test_an_amount_the_plan_does_not_give_is_said_at_its_line(tmp_path: Path, capsys, handout: str, what: str,
                                                              old: str, new: str, amount: str) -> None:
    folder = _copy(tmp_path, handout)
    edit(folder / "en.yaml", old, new)
    code, _, err = run(["check", str(folder), "--lang", "en"], capsys)
    line = line_of(folder / "en.yaml", new[:30])
    said = [ln for ln in err.splitlines() if "[H153]" in ln]
    assert len(said) == 1, err
    kind = "a count" if amount.split()[-1].startswith(("capsule", "tablet", "more")) or amount.isdigit() else "an amount"
    new = new.replace("**", "")
    assert f"en.yaml:{line}:" in said[0] and "warning: " in said[0] and f"'{amount}' is not {kind} of the plan" \
        in said[0], said
    code, _, err = run(["check", str(folder), "--lang", "en", "--strict"], capsys)
    assert code != 0 and "[H153]" in err  # a clinic that builds with --strict never prints it


# (The bundled handouts give only their plans' amounts in every region: test_cli's check of every region.)


def test_amounts_of_the_plan_its_totals_and_weights_pass(tmp_path: Path, capsys) -> None:
    """What the facts give, a day's total worked out from them, and a weight are no finding."""
    folder = _copy(tmp_path, "acetaminophen")
    edit(folder / "en.yaml", "Keep to 6 tablets (3,000 mg) in 24 hours",
         "Keep to 6 tablets (3 g) in 24 hours; 1 or 2 tablets, 500 to 1,000 mg, for 50 kg or more")
    code, _, err = run(["check", str(folder), "--lang", "en", "--edition", "standard"], capsys)  # (amounts, not fit)
    assert code == 0 and "[H153]" not in err, err


def test_the_plans_counts_are_its_steps_parts_days_and_limits() -> None:
    from handout.content import Target, read
    from handout.planamounts import plan_counts

    counts = {h: plan_counts(read(Target(DATA / h, ("en",))).handouts[0]) for h in ("ldn", "acetaminophen", "prednisone")}
    assert counts["ldn"] == {1.0}  # one capsule at bedtime, every step
    assert counts["acetaminophen"] == {1.0, 2.0, 6.0}  # 1 or 2 tablets; 3,000 mg a day of 500 mg tablets
    assert counts["prednisone"] == {1.0, 2.0, 3.0}  # 1 x 20 mg and 2 x 5 mg: 3 tablets


def test_the_plans_amounts_include_a_day_total() -> None:
    from handout.content import Target, read
    from handout.planamounts import plan_amounts

    res = read(Target(DATA / "acetaminophen", ("en",)))
    amounts = plan_amounts(res.handouts[0])
    assert {("mass", 500.0), ("mass", 1000.0), ("mass", 3000.0)} <= amounts and ("mass", 6.0) not in amounts
    res = read(Target(DATA / "ldn", ("en",)))
    ldn = plan_amounts(res.handouts[0])
    assert {("mass", 1.5), ("mass", 3.0), ("mass", 4.5)} <= ldn and ("mass", 45.0) not in ldn


def test_a_days_total_worked_out_from_the_plan_passes(tmp_path: Path, capsys) -> None:
    folder = _copy(tmp_path, "ldn")
    edit(folder / "handout.yaml", "amount: 4.5, strength: 4.5, count: 1, timing: bedtime,",
         "amount: 4.5, strength: 4.5, count: 1, timing: [morning, bedtime],")
    edit(folder / "en.yaml", "Take **1 capsule at bedtime**.", "Take 1 capsule at bedtime (9 mg a day at most).")
    _, _, err = run(["check", str(folder), "--lang", "en"], capsys)
    assert "[H153]" not in err and "checked 4" in err, err
    edit(folder / "en.yaml", "(9 mg a day at most)", "(10 mg a day at most)")
    _, _, err = run(["check", str(folder), "--lang", "en"], capsys)
    assert "'10 mg' is not an amount of the plan" in err


def test_a_translation_is_held_to_its_source_not_to_the_plan(tmp_path: Path, capsys) -> None:
    """A translation's amounts are compared with its source's (translated.py): one warning, not two."""
    folder = _copy(tmp_path, "ldn")
    shutil.copy(DATA / "ldn" / "es.yaml", folder / "es.yaml")
    text = (folder / "es.yaml").read_text(encoding="utf-8")
    assert "50 mg" in text
    (folder / "es.yaml").write_text(text.replace("50 mg", "45 mg", 1), encoding="utf-8")
    _, _, err = run(["check", str(folder), "--lang", "es"], capsys)
    assert "[H153]" not in err and "45 here, not in the source" in err, err


@pytest.mark.parametrize("text, found", [
    ("每晚服用45 mg。", "45 mg"), ("每晚服用45毫克。", "45毫克"), ("취침 전에 45 mg을 드세요.", "45 mg"),  # a review
    ("Take45 mg", None), ("Take 4500 ug", "4500 ug"), ("Give 5 cc", "5 cc"), ("1 unidad", "1 unidad"),
    ("5 мгновений", None), ("Исследование 2013 г. показало", None),
    ("Take 1 45 mg capsule", "45 mg"), ("Prenez 1 gélule", None), ("pha 1 gói", None),  # a third review
    ("Take 2 500 mg tablets", "500 mg"),  # English groups no thousands with a space: two tablets
])
def test_an_amount_is_found_where_a_language_writes_it(text, found):
    """Chinese and Korean words touch their numbers and units; a Cyrillic word is not a unit."""
    from handout.textamounts import _SPELLED, _amount_pattern

    words = tuple(sorted({w for unit, spelled in _SPELLED.items() for w in (unit, *spelled)}))
    m = _amount_pattern(words).search(text)
    assert (m.group(0) if m else None) == found


@pytest.mark.parametrize("text, value", [("1 500 mg", 1500.0), ("4,5 mg", 4.5), ("3,000 mg", 3.0),
                                         ("3.000 mg", 3000.0), ("4.5 mg", 4.5)])
def test_a_french_or_spanish_number_is_read_as_the_language_writes_it(text, value):
    """French groups thousands with a space and writes a decimal comma; Mexico writes a point."""
    from handout.designations import number_signs
    from handout.textamounts import _amount_pattern, _amounts_of, _number

    decimal, group = number_signs("fr")
    m = _amount_pattern(("mg",), group).search(text)
    assert m and _amounts_of(m, re.compile(_number(group)), {}, decimal) == [("mass", value)]


@pytest.mark.parametrize("text, found", [
    ("Take 6 small yellow tablets", "6 small yellow tablets"), ("On day 2 take both tablets", None),
    ("Wait 24 hours between tablets", None), ("Never take 2 doses of tablets", None),
    ("Acetaminophen 500 mg tablets", None), ("Take 4 extra-strength tablets", "4 extra-strength tablets"),
    ("Take 60 2.5 mg tablets", "60 2.5 mg tablets"), ("Take 60 x (2.5 mg) tablets", "60 x (2.5 mg) tablets"),
    ("Take 60 small yellow round tablets", "60 small yellow round tablets"), ("Take 3 caplets", "3 caplets"),
])
def test_a_count_is_read_across_a_word_or_two_but_not_across_another_clause(text, found):
    from handout.textamounts import _count_pattern
    from handout.wordlists import load

    words = load("en")
    m = _count_pattern(words.counted, ",", words.action_verbs).search(text)
    assert (m.group(0) if m else None) == found


def test_an_amount_or_count_the_author_lists_in_text_amounts_passes(tmp_path: Path, capsys) -> None:
    """A review: "A pack has 24 tablets" could not be said without a warning (an error with --strict).
    handout.yaml's text_amounts lists what the text may give besides the plan; an entry that is no
    amount or count is said at its line."""
    folder = _copy(tmp_path, "methotrexate")
    edit(folder / "en.yaml", "Wash your hands after you touch the tablets.",
         "Wash your hands after you touch the tablets. A pack has 24 tablets; never more than 25 mg a week.")
    code, _, err = run(["check", str(folder), "--lang", "en", "--strict"], capsys)
    assert code != 0 and "'24 tablets' is not a count" in err and "'25 mg' is not an amount" in err, err
    text = (folder / "handout.yaml").read_text(encoding="utf-8")
    (folder / "handout.yaml").write_text(text + "text_amounts: [24 tablets, 25 mg, a lot]\n", encoding="utf-8")
    code, _, err = run(["check", str(folder), "--lang", "en"], capsys)
    said = [ln for ln in err.splitlines() if "[H153]" in ln]
    line = len(text.splitlines()) + 1
    assert said == [f"{folder / 'handout.yaml'}:{line}:35: warning: text_amounts[2]: 'a lot' is no amount with its "
                    "unit, nor a count of what the patient counts out (expected e.g. '50 mg' or '24 tablets') [H153]"], err


PASSES = [
    # (handout, old, new, why it is no finding)
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours, even if another package allows more.",
     "Keep to 6 tablets in 24 hours. Repeat this every day. Take 2 tablets. Repeat every 6 hours if needed. "
     "Take 6 tablets in 24 hours. Never repeat this at once. Take 6 tablets. Repeat with 2 tablets every 6 hours.",
     "a day's most repeated each day; a dose repeated; a repeat negated; a sentence with its own count"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours, even if another package allows more.",
     "Take 2 tablets. Keep to 6 tablets a day. Repeat every 6 hours if needed. Take 2 tablets. The most is 6 "
     "tablets. Repeat every 6 hours if needed.",
     "a day's limit or most between a dose and its repeat is not what is repeated (a review)"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours, even if another package allows more.",
     "Take 2 tablets. Repeat in 6 hours if needed. Do not take more than 6 tablets in 24 hours.",
     "a dose repeated in so many hours, and a day's limit in 24 hours"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours, even if another package allows more.",
     "Take 2 tablets; repeat every 6 hours if needed. Take 2 tablets. Take it again in 6 hours if needed.",
     "a dose repeated after a semicolon, and with a dose verb"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours",
     "Use a 7-day pill box. A 2-tablet dose is 1,000 mg. Keep to 6 tablets (3,000 mg) in 24 hours",
     "a hyphen's count that is a dose's, and a hyphen before no counted word"),
    ("amoxicillin", "The pharmacy label says how many mL to give.",
     "Each dose is 22.5 mg per kg. The 400 mg per 5 mL liquid. The pharmacy label says how many mL to give.",
     "a dose's rate: 45 mg per kg a day, twice a day; the concentration"),
    ("ldn", "Take it at about the same time each night.",
     "Take it at about the same time each night. The week 3 capsules look different. About 1 in 10 women "
     "taking capsules get headaches.", "a place in the plan and a ratio are no counts (a review)"),
    ("methotrexate", "Wash your hands after you touch the tablets.",
     "Wash your hands after you touch the tablets. Keep alcohol under 14 units a week; drink a 100 mL glass.",
     "units and volumes are held to a plan dosed in them only (a review)"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Take 2 tablets (1,000 mg) at once",
     "a dose's most at once"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Never take 6 tablets (3,000 mg) at once",
     "a warning against a day's most at once"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "If you took 6 tablets call a doctor at once",
     "at once of another verb (a review)"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours",
     "Keep to 6 tablets (3,000 mg) in 24 hours and 2 tablets at once", "a day's most, then a dose's at once"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Take 2 at once, and never 6 at once",
     "a dose's count at once, a day's in a warning, with nothing counted"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Keep to 6 tablets (3,000 mg) in 24 hours, "
     "which is 6 in all", "a day's count that is no dose"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "A dose is 2 tablets (1,000 mg). Keep to 6 "
     "tablets (3,000 mg) in 24 hours", "a dose's count after one-dose words, a day's after none"),
    # ... and what a review of those found warned: one-dose words that end the phrase before, a limit, a clock
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Take 2 tablets at a time (6 tablets in 24 hours "
     "at most)", "a dose's words, then the day's most in brackets"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Take 2 tablets, up to 6 as needed in 24 hours",
     "as needed is no one dose, and a limit is no order"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Take 2 tablets at 6 each time you need them",
     "a clock time with no dose verb before it"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Write down each dose = 6 tablets in 24 hours is "
     "the most", "a dose label after an order"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "2 tablets per dose = 6 tablets in 24 hours",
     "a dose label after a count"),
    # ... and the false alarms the last note left: a day in hours, what happened, a day's dose label
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Do not take more than 6 tablets every 24 hours",
     "every 24 hours is a day"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "If you took 6 tablets at once, call poison control",
     "what happened, after if"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "If a child has taken 6 tablets at once, call "
     "poison control", "what happened, with its subject"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Each time you take a dose, write it down; keep "
     "to 6 tablets in 24 hours", "one-dose words before another order"),
    # ... and what a review of those found newly warned
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Every 24 hours, you can take up to 6 tablets",
     "every 24 hours opening the order"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Write down each time you take it so you take at "
     "most 6 tablets a day", "each time of another dose verb"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Not taking 6 tablets at once is the most "
     "important rule", "a negated dose that is the subject of no consequence"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "If you took 6 tablets at once, go to the "
     "emergency room now", "what happened, with urgent help"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "If your child swallowed 6 tablets at once, get "
     "medical help right away", "what happened to a child, with urgent help"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "If you took 6 tablets at once, tell your doctor",
     "what happened, then tell your doctor"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Each time you take a dose, take at most 6 tablets "
     "in 24 hours", "a when-clause, then a day's most"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Take 1 or 2 tablets twice a day, taking up to 6 "
     "tablets in 24 hours", "twice a day, then a day's most"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "No more than 6 tablets a day, even when taken "
     "three times a day", "a day's count, then how often"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Call your doctor right away if you took 6 tablets "
     "at once", "help before what happened"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "If your child took 6 tablets at once while you were "
     "out, call poison control right away", "what happened, with a clause of its own"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Each time you take a dose, take at most 6 tablets "
     "(3,000 mg) in 24 hours", "a day's most with its strength"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Do not exceed 6 tablets a day, even when taken "
     "three times a day", "exceed is a limit"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "A maximum of 6 tablets a day, taken two or three "
     "times a day", "a maximum of is a limit"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Max 6 tablets a day, even when taken three times "
     "a day", "max is a limit"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "No more than 6 tablets a day, with the last one at "
     "bedtime", "a day's limit, then a time of day"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Taking 6 tablets at once can damage your liver",
     "damage is harm"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Take up to 6 every 24 hours", "nothing counted, "
     "every 24 hours"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Take 2 tablets. Then 2 more if needed. Wait 30 more "
     "minutes. Drink 2 more glasses of water. Then take another 2 later",
     "more as the plan gives; more of a time, or of something counted"),
    ("amoxicillin", "**Give all 10 days**, even", "Give 5 mL at 8 and 5 mL at 8 pm, even",
     "an hour after 'at' joined to the next amount by 'and' is no amount"),
    ("amoxicillin", "**Give all 10 days**, even", "Give 5 mL at 08:00 and 5 mL at 20:00. Give 5 mL at 8:30 and 5 mL "
     "at 8:30 pm. Give 5 mL at about 8 and 5 mL at 8 pm, even", "a clock time's minutes, or an hour after 'at about'"),
    ("acetaminophen", "Keep to 6 tablets (3,000 mg) in 24 hours", "Take 2 tablets at 8 and 2 tablets at 2. Keep to 6 "
     "tablets (3,000 mg) in 24 hours", "an hour after 'at' joined to the next count by 'and' is no count"),
    ("amoxicillin", "**Give all 10 days**, even", "Give 5 mL on day 1 and 5 mL on day 2. Give 5 mL around 8 and 5 mL "
     "around 8 pm, even", "a day or an hour 'around' joined to the next amount by 'and' is no amount"),
    # a count said against: the label's own missed-dose rule (a clinic author's review: a warning --strict refused)
    ("ldn", "Take **1 capsule at bedtime**.", "Take **1 capsule at bedtime**. **Never take 2 capsules on the same day.**",
     "a count said against"),
]


@pytest.mark.parametrize("handout, old, new, why", PASSES, ids=[c[3] for c in PASSES])
def test_what_the_plan_gives_or_is_no_dose_passes(tmp_path: Path, capsys, handout: str, old: str, new: str,
                                                   why: str) -> None:
    folder = _copy(tmp_path, handout)
    edit(folder / "en.yaml", old, new)
    _, _, err = run(["check", str(folder), "--lang", "en"], capsys)
    assert "[H153]" not in err and "got a mapping" not in err and "YAML syntax" not in err, err  # (read as text)


@pytest.mark.parametrize("text", ["Take it at bedtime.", "Take 1 capsule.", "Take \u2074\u2075 mg.", "تناول ٤ ملغ",
                                  "服用", "①", "no digit here: é", ""])
def test_a_digit_is_seen_in_any_script_or_form(text: str) -> None:
    """The fast test for a digit says what str.isdigit says of the text's characters."""
    from handout.textamounts import _has_digit

    assert _has_digit(text) == any(ch.isdigit() for ch in text)


@pytest.mark.parametrize("label, warned", [("Maximum daily dose: 6 tablets.", False), ("Total dose: 6 tablets.", False),
                                           ("24-hour dose: 6 tablets.", False), ("Per dose: 6 tablets.", True),
                                           ("Each day one dose: 6 tablets.", True)])
def test_a_day_s_word_before_a_dose_label_makes_it_the_day_s(tmp_path: Path, capsys, label: str, warned: bool) -> None:
    """'Maximum daily dose: 6 tablets' is the day's most, as the label says; a frequency before a dose's
    label is not ('Each day one dose: 6 tablets' gives 6 at one time: a review)."""
    folder = _copy(tmp_path, "acetaminophen")
    edit(folder / "en.yaml", "- Before each dose, add up the tablets you took in the last 24 hours. Keep to 6 tablets "
         "(3,000 mg) in 24 hours, even if another package allows more. [@fda_apap]", f'- "{label}"')
    _, _, err = run(["check", str(folder), "--lang", "en"], capsys)
    assert "got a mapping" not in err and "YAML syntax" not in err, err
    assert ("[H153]" in err) == warned, err


def test_a_patients_build_says_what_the_words_contradict_in_the_plan(tmp_path: Path, capsys) -> None:
    """A review: the clinic's plan lowered to 2,000 mg a day printed under "Never take more than 6 tablets (3,000 mg)"
    with nothing said where the patient's page was made; the dose warnings are said there, the plain-language ones
    are not."""
    shutil.copytree(DATA / "acetaminophen", tmp_path / "data" / "acetaminophen")
    facts, words = tmp_path / "data" / "acetaminophen" / "handout.yaml", tmp_path / "data" / "acetaminophen" / "en.yaml"
    edit(facts, "max_per_day: 3000}", "max_per_day: 2000}")
    code, _, err = run(["build", "acetaminophen", "--data", str(tmp_path / "data"), "--patient", "Ana", "--start",
                        "2026-12-08", "--out", str(tmp_path / "out")], capsys)
    assert code == 0, err
    assert f"{words}:{line_of(words, '3,000 mg')}:" in err, err
    assert "warning: key_points[1]: '3,000 mg' is not an amount of the plan" in err, err
    assert "[PL0" not in err, err
