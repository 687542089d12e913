"""Health-literacy and safety checks: for each rule, one input that trips it and one that passes."""

from __future__ import annotations

import itertools
import re
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textstat.textstat import textstatistics

from conftest import DATA, edit, line_of
from handout import checks, content, reading, regions
from handout.content import Target, languages_in, read
from handout.localize import CATALOG_DIR, Labels, load_labels
from handout.model import Handout
from handout.theme import load_theme
from handout.validate import validate_facts, validate_text

THEME = load_theme()
CHECKS = THEME.checks
TODAY = date(2027, 1, 1)  # between reviewed_on (2026-11-01) and next_review (2027-11-01)
_names = itertools.count()


def put(path: Path, key: str, value: str, item: bool = False) -> int:
    """Set the value of ``key`` (or, with ``item``, the first item of the list ``key``) on its own line,
    whatever the text is now; return the line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, ln in enumerate(lines) if ln.lstrip().startswith(f"{key}:"))
    if item:
        n += 1
        lines[n] = lines[n].split("- ")[0] + "- " + value
    else:
        lines[n] = lines[n].split(f"{key}:")[0] + f"{key}: " + value
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n + 1


def handout(folder: Path, lang: str = "en") -> Handout:
    res = read(Target(folder, (lang,)))
    assert res.handouts, [f.format() for f in res.findings]
    return res.handouts[0]


def bundled(lang: str) -> Handout:
    return handout(DATA / "ldn", lang)


def messages(findings) -> list[str]:
    return [f.message for f in findings]


def only(findings, severity: str = "error"):
    assert len(findings) == 1, [f.format() for f in findings]
    assert findings[0].severity == severity
    return findings[0]


def with_note(h: Handout, words: str) -> Handout:
    """The handout with step note 'first_step' replaced (its location kept)."""
    return replace(h, text=replace(h.text, step_notes={**h.text.step_notes, "first_step": words}))


# --- prose and sentences -------------------------------------------------------------------------

def test_prose_is_plain_text_with_field_paths(ldn):
    put(ldn / "en.yaml", "key_points", '"Take **1 capsule**  at bedtime [@label]. It helps. [@younger2013]"', item=True)
    line = put(ldn / "en.yaml", "other_medicines", "Do not drink alcohol.")
    texts = {path: (text, loc) for path, text, loc in reading.prose(handout(ldn))}
    assert texts["key_points[0]"][0] == "Take 1 capsule at bedtime. It helps."
    text, where = texts["interactions.other_medicines"]
    assert text == "Do not drink alcohol." and where.line == line
    assert "title" not in texts and "side_effects.headache" not in texts  # labels, not sentences


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "Take", "1.5", " ", "  ", "\n", "\t", "\u00a0", "\u3000", ".", ",", "!", "?",
                                 "。", "؟", "**", "[@ldn2013]", "mg", "(", ")", "\u2009"]), max_size=30))
def test_plain_tidies_spaces_as_the_regular_expressions_did(parts):
    """reading.plain collapses whitespace with str.split; it gives what the two regular
    expressions it replaced gave, for every kind of space and a stop after it."""
    markup = "".join(parts)
    text = "".join(sp.text for sp in reading.parse_markup(markup) if not sp.cite)
    text = re.sub(r"\s+", " ", text)
    expected = re.sub(r" (?=[.,;:!?。！？।؟۔](?:\s|$))", "", text).strip()
    assert reading.plain(markup) == expected


def test_sentences_keep_decimals_and_split_other_scripts():
    assert reading.sentences("Take 4.5 mg. Then stop! Why? Ok") == ["Take 4.5 mg.", "Then stop!", "Why?", "Ok"]
    assert reading.sentences("睡前服用。不要喝酒！") == ["睡前服用。", "不要喝酒！"]
    assert reading.sentences("सोने से पहले लें। शराब न पिएं।") == ["सोने से पहले लें।", "शराब न पिएं।"]


# --- reading level -------------------------------------------------------------------------------

EASY = ("Take one pill at night. Drink a glass of water with it. Do not take two pills at once. "
        "Call us if you feel sick.")


def test_formulas_match_textstat_on_text_it_splits_the_same_way():
    ts = textstatistics()
    ts.set_rounding(False)
    r = reading.readability("en", [("x", EASY)])
    assert r["grade"] == pytest.approx(ts.flesch_kincaid_grade(EASY))
    assert r["smog"] == pytest.approx(ts.smog_index(EASY))
    es = "Tome una pastilla cada noche. Beba un vaso de agua con ella. No tome dos pastillas juntas."
    ts.set_lang("es")
    assert reading.readability("es", [("x", es)])["ease"] == pytest.approx(ts.fernandez_huerta(es))


def test_fernandez_huerta_grade_conversion():
    assert [reading.fh_grade(e) for e in (105, 100, 90, 75, 70, 65, 60, 55, 40, 0, -5)] == \
        [3, 3, 4, 5.5, 6, 7, 8, 10, 14, 18, 18]


def test_reading_reports_grades_per_language():
    en, es, fr, zh = (reading.reading(bundled(lang)) for lang in ("en", "es", "fr", "zh-Hans"))
    assert en["formula"] == "Flesch-Kincaid" and en["grade"] is not None and en["smog"] is not None
    assert es["formula"] == "Fernández-Huerta" and es["grade"] == reading.fh_grade(es["ease"]) and es["smog"] is None
    assert fr["grade"] is None and fr["ease"] is not None
    assert zh["grade"] is None and zh["formula"] is None
    assert len(en["longest"]) == 3 and en["longest"][0][2] >= en["longest"][2][2]


JARGON = ("Pharmacological immunomodulation via intermittent opioid-receptor antagonism potentially "
           "ameliorates nociceptive hypersensitivity, neuroinflammatory dysregulation, musculoskeletal "
           "discomfort, cognitive impairment, post-exertional exacerbation, orthostatic intolerance, "
           "gastrointestinal irritability and generalized fatigue, notwithstanding considerable interindividual "
           "variability, methodological heterogeneity, unpredictable idiosyncratic susceptibility and "
           "inconclusive randomized evidence regarding therapeutic effectiveness. ")


def test_reading_grade_above_the_error_limit(ldn):
    put(ldn / "en.yaml", "key_points", '"' + JARGON * 3 + '"', item=True)
    found = [f for f in checks.check_reading(handout(ldn), CHECKS) if f.path == ""]
    f = only(found)
    assert "(Flesch-Kincaid) is above 8, the most for patient text (expected grade 6 or lower" in f.message
    assert f.location.line == line_of(ldn / "en.yaml", "language: en")


def at_limits(h: Handout, margin: float = 0.0):
    """Thresholds exactly at this handout's own grade (plus ``margin``) and average sentence length."""
    r = reading.reading(h)
    return replace(CHECKS, grade_warning=r["grade"] + margin, grade_error=99, max_sentence_words=r["avg_sentence_words"])


def test_reading_grade_above_the_warning_limit(ldn):
    h = handout(ldn)
    limits = at_limits(h, -0.2)
    f = only(checks.check_reading(h, limits), "warning")
    want = limits.grade_warning
    assert f"(Flesch-Kincaid) is above {want:g} (expected grade {want:g} or lower" in f.message
    assert f.path == "" and f.location.line == line_of(ldn / "en.yaml", "language: en")


def test_long_sentences_are_named(ldn):
    limit = reading.reading(handout(ldn))["avg_sentence_words"]
    line = put(ldn / "en.yaml", "key_points", "It may ease pain and tiredness " + "and more " * 20 + "too.", item=True)
    f = only(checks.check_reading(handout(ldn), replace(CHECKS, max_sentence_words=limit)), "warning")
    assert f.path == "key_points[0]" and f.location.line == line
    assert re.match(rf"sentences average [0-9.]+ words \(expected at most {limit:g}; "
                    r"longest: key_points\[0\] \(47 words\), \S+ \(\d+ words\), \S+ \(\d+ words\)\)$", f.message)


def test_reading_passes_at_the_limits(ldn):
    for h in (handout(ldn), bundled("es")):  # "above the limit" trips, at the limit passes
        assert checks.check_reading(h, at_limits(h)) == []


def test_no_reading_finding_without_a_formula():
    strict = replace(CHECKS, grade_warning=0, grade_error=0, max_sentence_words=1)
    for lang in ("fr", "zh-Hans", "ar", "hi", "ru"):
        assert checks.check_reading(bundled(lang), strict) == []


# --- dose designations ---------------------------------------------------------------------------

@pytest.mark.parametrize("bad, message", [
    ("Start with 1.50 mg.", "'1.50 mg' has a trailing zero (expected '1.5 mg': '3.0 mg' is misread as 30 mg)"),
    ("Start with 3.0 mg at bedtime.", "'3.0 mg' has a trailing zero (expected '3 mg'"),
    ("Start with .5 mg at bedtime.", "'.5 mg' has no leading zero (expected '0.5 mg': '.5 mg' is misread as 5 mg)"),
    ("Take 70mg once a week.", "'70mg' has no space before its unit (expected '70 mg': '10mg' is misread as 100 mg)"),
    ("Give 2.5mL.", "'2.5mL' has no space before its unit (expected '2.5 mL'"),
    ("Inject 10 U.", "'U' as a unit (expected 'units' written out"),
    ("Inject 10 IU.", "'IU' as a unit (expected 'units' written out"),
    # (Spanish "u", "or", before an o- or ho- word, is lower case: "10 U once a day" is a unit, a review)
    ("Inject 10 U once a day at bedtime.", "'U' as a unit (expected 'units' written out"),
    ("Inject 10 U hourly if needed.", "'U' as a unit (expected 'units' written out"),
    ("Take 1000 IU of vitamin D at bedtime.", "'IU' as a unit (expected 'units' written out"),
    ("Take 500 µg at night.", "'µg' (expected 'mcg': the micro sign is misread as 'm'"),
    ("Take 500 μg at night.", "'μg' (expected 'mcg'"),
    ("Take 1/2 capsule at bedtime.", "'1/2' is a fraction (expected words, e.g. 'half a capsule'"),
    ("Take ½ capsule at bedtime.", "'½' is a fraction"),
    ("Take 1/2 a capsule at bedtime.", "'1/2' is a fraction (expected words"),
    ("Have a blood test on 3/6.", "'3/6' is a fraction or a date (expected words: 'half a capsule', or the month "
                                          "by its name, '3 June': both are misread)"),
    ("Take 1 capsule qd.", "'qd' (expected 'every morning', 'every other day' … in words"),
    ("Take 1 capsule q.o.d.", "'q.o.d.' (expected"),
    ("Take 1 capsule q d.", "'q d' (expected"), ("Take 1 capsule q-o-d.", "'q-o-d' (expected"),
    ("Take 1 capsule q. o. d. at bedtime.", "'q. o. d.' (expected"), ("Take it q od at bedtime.", "'q od' (expected"),
    ("Take it q\u2013d at bedtime.", "'q\u2013d' (expected"),
    # the rest of ISMP's error-prone abbreviations for when (a review of notes: each printed)
    ("Take 1 capsule hs.", "'hs' (expected 'at bedtime' in words: it is misread as half-strength)"),
    ("Take 1 capsule q.h.s.", "'q.h.s.' (expected 'at bedtime' in words: it is misread as every hour)"),
    ("Take 1 capsule QHS.", "'QHS' (expected 'at bedtime'"), ("Take 1 capsule qn.", "'qn' (expected 'nightly'"),
    ("Take 1 capsule q1d at bedtime.", "'q1d' (expected 'daily' in words: it is misread as four times a day)"),
    ("Take 1 capsule TIW at bedtime.", "'TIW' (expected '3 times a week'"),
    ("Give 5 cc at bedtime.", "'cc' as a unit (expected 'mL'"), ("Give 5 C.C. at bedtime.", "'C.C.' as a unit"),
    ("Take 4,5 mg at bedtime.", "'4,5 mg' has a decimal comma (expected '4.5 mg'"),  # a review: read as 45
    ("Take 4,50 mg at bedtime.", "'4,50 mg' has a decimal comma (expected '4.5 mg'"),  # one finding, one fix
    ("Start with ,5 mg at bedtime.", "',5 mg' has no leading zero (expected '0.5 mg'"),
    ("Never more than 3.000 mg.", "'3.000 mg' reads as 3 mg or as 3000 mg (expected '3000 mg' for a thousand times"),
    ("Take 1 capsule daily.", "'daily' with no time of day (expected when to take it in the same sentence"),
    # A review: a unit in brackets, and no unit at all, hid the trailing zero
    ("Start with 4.0 (mg) at bedtime.", "'4.0 (mg)' has a trailing zero (expected '4 (mg)'"),
    ("Start with .5 (mg) at bedtime.", "'.5 (mg)' has no leading zero (expected '0.5 (mg)'"),
    ("Take it once a day. It helps at bedtime.", "'once a day' with no time of day"),
])
def test_dose_designation_trips(ldn, bad, message):
    put(ldn / "en.yaml", "first_step", bad)
    f = only(checks.check_doses(handout(ldn)))
    assert f.path == "step_notes.first_step" and message in f.message
    assert f.location.line == line_of(ldn / "en.yaml", "first_step:")


@pytest.mark.parametrize("text, vague", [
    ("Take 1 capsule twice a day.", True), ("Twice a day.", True), ("Give 1 dose daily.", True),
    # (a review of H155: notes that order something else, with no dose in them, were refused)
    ("Drink water twice a day.", False), ("Twice a day, drink a glass of water.", False),
    ("Avoid alcohol every day.", False),
    # (a sixth review: warnings against a daily dose were refused as notes)
    ("Methotrexate is never taken daily.", False), ("Take methotrexate once a week, not every day.", False),
    ("Taking methotrexate daily by mistake can kill.", False), ("Take 1 folic acid tablet every day.", True),
    # (a review: a chart's clock times are its times of day)
    ("Give 5 mL twice a day at 0800 and 2000.", False), ("Give 5 mL twice a day at 08:00 and 20:00.", False),
    ("Give 5 mL twice a day: 0800 and 2000.", False), ("Give 5 mL twice a day for 0800 reasons.", True),
])
def test_a_frequency_with_no_time_of_day_is_a_doses_only(text, vague):
    from handout.designations import _dose_problems

    assert any("with no time of day" in m for m in _dose_problems(text, True, ())) == vague


@pytest.mark.parametrize("text, message", [
    # An adversarial review: compatibility characters and capitals hid each of these from the rules
    ("Take \uff11.\uff10 mg.", "'1.0 mg' has a trailing zero"), ("Take 1\uff0e0 mg.", "'1.0 mg' has a trailing zero"),
    ("Take 1.0 MG.", "'1.0 MG' has a trailing zero"), ("Take 5 \u338d.", "the micro sign is misread"),
    ("Take .5 \u338e.", "'.5 mg' has no leading zero"),
    ("\u7528\u91cf\uff0c1.0 mg\u3002", "'1.0 mg' has a trailing zero"),  # after a Chinese comma (a code review)
    ("\u6bcf\u665a\uff0c.5 mg\u3002", "'.5 mg' has no leading zero"),
])
def test_a_dose_hidden_in_compatibility_characters_or_capitals_is_found(text, message):
    from handout.designations import _dose_problems

    assert any(message in m for m in _dose_problems(text, True, ())), list(_dose_problems(text, True, ()))


@pytest.mark.parametrize("text, flagged", [("每晚服用10mg胶囊", True), ("تناول10mg", True), ("하루10mg", True),
                                           ("10단위,", False), ("2024г.", False), ("See COVID19 advice.", False)])
def test_a_dose_run_into_its_latin_unit_is_found_in_any_script(text, flagged):
    """Found in review: '10mg' beside Chinese or Arabic letters was missed (they are word
    characters), and a language's own unit words were flagged where that language runs them on."""
    from handout.designations import _dose_problems

    assert any("has no space before its unit" in m for m in _dose_problems(text, False, ("단위", "г"))) == flagged


@pytest.mark.parametrize("good", [
    "Start with 1.5 mg.", "Start with 0.5 mg.", "Never more than 1,000 mg.", "Inject 10 units.", "Take 500 mcg.",
    "Take half a capsule.", "For ME/CFS.", "Take 1 capsule every morning, with a quad.", "Take it daily at bedtime.",
    "Take it every day with breakfast.", "Take 1 capsule each night.", "See COVID19 advice.", "Drink H2O.",
    "Take it at 9.00 am with breakfast.", "See version 2.0.1 of the guide.", "Take 4.05 mg at bedtime.",
    "Ask Dr Q. D. Tran at bedtime.", "See example.org/faq/q-d at bedtime.", "Grade Q-D at bedtime.",
    "Call us for a fever over 38.0 °C.", "Your INR goal is 2.0 to 3.0.", "Keep your A1C below 7.0%.",
    "Our nurse line is open 24/7.", "Call if your blood pressure is below 90/60.", "Keep your INR between 2.0 and 3.0.",
    "A pain score of 3/10 or less at bedtime is a good goal.",
    "Normal potassium is 3.5 to 5.0 mmol/L.", "Call for a fever over 100.0 F.", "Never use a kitchen teaspoon.",
    "Uống lúc 8g sáng.", "Có 2 u xơ tử cung.",  # Vietnamese: 8 in the morning; 2 fibroids (a review)
])
def test_dose_designation_passes(ldn, good):
    put(ldn / "en.yaml", "first_step", good)
    assert checks.check_doses(handout(ldn)) == []


@pytest.mark.parametrize("text, said", [
    ("Give 1.5 teaspoons at bedtime.", "'teaspoons' as a unit (expected mL if it is a dose"),  # "1 tsp of honey"
    ("Give 1 tsp at bedtime.", "'tsp' as a unit"),
    ("Your dose is 4.0 at bedtime.", "'4.0' has a trailing zero (expected '4' if it is a dose"),
    ("Your first dose is 1.0.", "'1.0' has a trailing zero (expected '1'"),
    ("Su dosis es 4,0 al acostarse.", "'4,0' has a trailing zero"),
])
def test_a_whole_number_with_a_point_zero_and_no_unit_or_a_spoon_is_a_warning(ldn, text, said):
    """A review: "Your dose is 4.0." passed.  With no unit the number may be no dose (an INR range
    "entre 2,0 y 3,0", a fever "38,0", "a 1.0 mm needle" in any language: a fifth review), so it is
    a warning, never a refused build; and a note typed for one patient is not refused for it."""
    put(ldn / "en.yaml", "first_step", text)
    f = only(checks.check_doses(handout(ldn)), "warning")
    assert f.code == "H151" and said in f.message
    from handout.designations import dose_problems

    assert dose_problems(text, "en", f.location, "note") == []


def test_the_wallet_card_is_held_to_the_dose_rules(ldn):
    """A review: every wallet-card line passed the rules ("Dose .5 mg, 3.0 mg, 4 U, 1/2 qd")."""
    h = handout(ldn)
    card = ("I take naltrexone (LDN) 4.0, an opioid blocker.", "Dose .5 mg, 3.0 mg, 10mg, 4 U, 1/2 qd.")
    found = checks.check_doses(replace(h, text=replace(h.text, wallet_card=card)))
    said = {(f.path, f.message.split(" (expected")[0]) for f in found}
    assert said == {("wallet_card[0]", "'4.0' has a trailing zero"), ("wallet_card[1]", "'.5 mg' has no leading zero"),
                    ("wallet_card[1]", "'3.0 mg' has a trailing zero"), ("wallet_card[1]", "'10mg' has no space before its unit"),
                    ("wallet_card[1]", "'U' as a unit"), ("wallet_card[1]", "'1/2' is a fraction"),
                    ("wallet_card[1]", "'qd'")}, said
    assert {f.location.line for f in found} == {line_of(ldn / "en.yaml", "wallet_card:") + k for k in (1, 2)}


@pytest.mark.parametrize("lang, said", [("es", False), ("en", True)])
def test_thousands_grouped_with_a_point_are_no_trailing_zero_where_the_language_groups_so(lang, said):
    """A review: Spanish "3.000 mg" (three thousand) was refused as a trailing zero, with "3 mg" suggested."""
    from handout.designations import _dose_problems, number_signs

    assert number_signs("es") == (",", ".") and number_signs("en") == (".", ",")
    found = list(_dose_problems("Nunca más de 3.000 mg al día.", False, (), number_signs(lang)))
    assert bool(found) == said and all("reads as 3 mg or as 3000 mg" in m for m in found)


@pytest.mark.parametrize("lang, text, said", [
    ("es", "Tome 4,500 mg.", "'4,500 mg' reads as 4,5 mg or as 4500 mg"),
    ("fr", "Prenez 4,500 mg.", "'4,500 mg' reads as 4,5 mg or as 4500 mg"),
    ("es", "No tome más de 3,000 mg.", "'3,000 mg' reads as 3 mg or as 3000 mg"), ("en", "Never more than 3,000 mg.", None),
    ("es", "Tome 4,50 mg.", "'4,50 mg' has a trailing zero"),
])
def test_a_comma_decimal_with_three_digits_is_a_trailing_zero_where_the_comma_is_the_decimal_sign(lang, text, said):
    """A review: Spanish and French "4,500 mg" (4.5 mg with two trailing zeros there) passed."""
    from handout.designations import _dose_problems, number_signs

    found = list(_dose_problems(text, lang == "en", (), number_signs(lang)))
    assert (found[0].split(" (expected")[0] if found else None) == said, found


def test_word_rules_are_english_only_but_qd_is_latin_in_every_language():
    """'daily' with no time is an English word rule; 'qd' is a Latin abbreviation misread in any
    language's text ("Tome 1 cápsula qd" passed: a review)."""
    h = with_note(bundled("es"), "Tome 1 capsule qd daily. Tome 1/2 cápsula.")
    messages = sorted(f.message for f in checks.check_doses(h) if "Tome" not in f.message)
    assert len(messages) == 2 and messages[0].startswith("'1/2' is a fraction"), messages
    assert messages[1].startswith("'qd' (expected 'every morning'"), messages


def test_number_rules_know_the_language_unit_words():
    h = with_note(bundled("ru"), "Примите 3,0 мг.")
    assert "'3,0 мг' has a trailing zero (expected '3 мг'" in only(checks.check_doses(h)).message


def test_label_catalog_is_checked(ldn, monkeypatch):
    real = load_labels("en")
    fake = Labels("en", {**real.values, "dosing_intro": "Take 1/2 capsule daily."})
    from handout import designations

    monkeypatch.setattr(designations, "load_labels", lambda lang: fake)
    found = checks.check_doses(handout(ldn))
    assert [f.path for f in found] == ["dosing_intro", "dosing_intro"]
    assert {f.location.line for f in found} == {line_of(CATALOG_DIR / "en.yaml", "dosing_intro:")}
    assert messages(found)[1].startswith("'daily' with no time of day")


@pytest.mark.parametrize("lang, region, trips", [
    ("es", "US", True), ("vi", "US", True), ("ru", "US", False),  # Russian groups with a space
    ("en", "US", False), ("es", "ES", False), ("en", "DE", True), ("fr", "FR", False),
])
def test_three_decimals_the_reader_may_take_for_thousands(ldn, capsys, lang, region, trips):
    """A Spanish handout for a US clinic prints "1.125 mg", as on the bottle; a Spanish reader
    writes 1125 mg so.  The author hears of it, located at the number, before a patient reads it."""
    from conftest import run

    shutil.copy(DATA / "ldn" / f"{lang}.yaml", ldn / f"{lang}.yaml") if lang != "en" else None
    edit(ldn / "handout.yaml", "amount: 1.5, strength: 1.5,", "amount: 1.125, strength: 1.125,")
    found = checks.check_decimal_signs(regions.apply(handout(ldn, lang), region))
    line = line_of(ldn / "handout.yaml", "amount: 1.125")
    if not trips:
        assert found == []
        return
    assert [(f.path, f.location.line, f.severity, f.code) for f in found] == [
        ("tracks[0].steps[0].amount", line, "warning", "H152"), ("tracks[0].steps[0].strength", line, "warning", "H152")]
    assert "may be read as 1125" in found[0].message
    code, out, err = run(["check", "ldn", "--data", str(ldn.parent), "--lang", lang, "--region", region,
                          "--allow-stale"], capsys)
    col = (ldn / "handout.yaml").read_text(encoding="utf-8").splitlines()[line - 1].index("1.125") + 1
    assert f"handout.yaml:{line}:{col}: warning: tracks[0].steps[0].amount: 1.125 prints with" in out + err


def test_three_decimals_below_one_or_rounded_pass():
    assert not checks._three_decimals(0.125) and not checks._three_decimals(1.5) and not checks._three_decimals(1.12)
    assert checks._three_decimals(1.125) and checks._three_decimals(10.001) and checks._three_decimals(1234.567)
    assert not checks._three_decimals(2.0005)  # prints "2", as the handout rounds it


# --- completeness --------------------------------------------------------------------------------

def test_outline_needs_the_required_blocks(ldn):
    h = handout(ldn)
    h = replace(h, facts=replace(h.facts, outline=tuple(o for o in h.facts.outline if o != "interactions")))
    f = only(checks.check_completeness(h))
    assert f.message == "'interactions' is missing (expected in every handout: what not to take with it)"
    assert f.location.line == line_of(ldn / "handout.yaml", "  - key_points")


@pytest.mark.parametrize("sid", ["missed_dose", "storage"])
def test_required_sections(ldn, sid):
    h = handout(ldn)  # the outlines name both sections, so reading refuses a file without one: drop it here
    h = replace(h, text=replace(h.text, sections=tuple(s for s in h.text.sections if s.id != sid)))
    f = only(checks.check_completeness(h))
    assert f.path == "sections" and f.message.startswith(f"no section '{sid}' (expected a section with id '{sid}': ")
    assert f.location.line == line_of(ldn / "en.yaml", "  - id: about")


def test_serious_action_must_say_something(ldn):
    put(ldn / "en.yaml", "serious_action", '"** **"')  # bold around nothing: valid YAML, nothing to read
    res = content.read(content.Target(ldn, ("en",)))  # refused as it is read, every markup field alike
    (f,) = [f for f in res.findings if f.severity == "error"]
    assert f.path == "serious_action" and f.message.startswith("no words once the bold marks and citations")
    assert f.location.line == line_of(ldn / "en.yaml", 'serious_action: "** **"') and not res.handouts


def test_serious_side_effects_and_interactions_must_exist(ldn):
    h = handout(ldn)
    h = replace(h, facts=replace(h.facts, interactions=(), side_effects=replace(h.facts.side_effects, serious=())))
    assert messages(checks.check_completeness(h)) == [
        "no serious side effects (expected at least one a patient must act on)",
        "none listed (expected at least one drug or drink to avoid or to ask about)"]


# --- citations -----------------------------------------------------------------------------------

def test_unknown_source_in_a_cite_list(ldn):
    h = handout(ldn)
    its = list(h.facts.interactions)
    its[1] = replace(its[1], cite=("label", "nobody"))
    # One owner: validate finds it (checks.check_citations asks no more, so it is reported once).
    facts = replace(h.facts, interactions=tuple(its))
    assert checks.check_citations(replace(h, facts=facts)) == []
    f = only(validate_facts(facts, "ldn"))
    assert f.path == "interactions[1].cite" and f.message.startswith("no source 'nobody' (expected one of: bested2023")
    assert f.location.line == line_of(ldn / "handout.yaml", "- id: other_medicines") + 5


def test_unknown_source_in_the_text(ldn):
    h = with_note(handout(ldn), "Start here. [@nobody]")
    assert checks.check_citations(h) == []  # validate's rule, reported once
    f = only(validate_text(h.text, h.facts, "en", None))
    assert f.path == "step_notes.first_step" and f.message.startswith("cites unknown source 'nobody' (expected one of:")
    assert f.location.line == line_of(ldn / "en.yaml", "first_step:")


def test_source_never_cited(ldn):
    edit(ldn / "handout.yaml", "    doi: 10.1136/bcr-2019-232502\n",
         "    doi: 10.1136/bcr-2019-232502\n  - id: extra\n    title: Unused\n    publisher: Nobody\n"
         "    url: https://example.org/\n")
    h = handout(ldn)
    f = only(checks.check_citations(h), "warning")
    assert f.path == f"sources[{len(h.facts.sources) - 1}]"
    assert f.message.startswith("source 'extra' is never cited (expected [@extra] in the text")
    assert f.location.line == line_of(ldn / "handout.yaml", "- id: extra")


def test_a_source_cited_in_a_label_is_cited(ldn):
    """A review: a source cited only in a side effect's words was said "never cited", while the page
    printed its number there."""
    edit(ldn / "handout.yaml", "    doi: 10.1136/bcr-2019-232502\n",
         "    doi: 10.1136/bcr-2019-232502\n  - id: extra\n    title: Unused\n    publisher: Nobody\n"
         "    url: https://example.org/\n")
    edit(ldn / "en.yaml", "  headache: Headache", "  headache: Headache [@extra]")
    assert checks.check_citations(handout(ldn)) == []


def test_side_effects_should_cite(ldn):
    edit(ldn / "handout.yaml", "  cite: [younger2013, label]\n", "")
    f = only(checks.check_citations(handout(ldn)), "warning")
    assert f.message == "no source for the side effects (expected cite: [source ids])"
    assert f.location.line == line_of(ldn / "handout.yaml", "  common: [")


def test_interactions_should_cite(ldn):
    edit(ldn / "handout.yaml", "      - {name: disulfiram, brand: Antabuse}\n    cite: [label]\n",
         "      - {name: disulfiram, brand: Antabuse}\n")
    f = only(checks.check_citations(handout(ldn)), "warning")
    assert f.path == "interactions[1].cite"
    assert f.message == "no source for interaction 'other_medicines' (expected cite: [source ids])"
    assert f.location.line == line_of(ldn / "handout.yaml", "- id: other_medicines")


def test_bundled_citations_pass(ldn):
    assert checks.check_citations(handout(ldn)) == []


# --- dates ---------------------------------------------------------------------------------------

@pytest.fixture
def dated(ldn: Path) -> Path:
    """The review dates these tests are written against, whatever the bundled ones are now."""
    put(ldn / "handout.yaml", "reviewed_on", "2026-11-01")
    put(ldn / "handout.yaml", "next_review", "2027-11-01")
    return ldn


def test_reviewed_in_the_future(ldn, dated):
    f = only(checks.check_dates(handout(ldn).facts, date(2026, 10, 1), CHECKS))
    assert f.message == "2026-11-01 is in the future (expected a review on or before today, 2026-10-01)"
    assert f.location.line == line_of(ldn / "handout.yaml", "reviewed_on:")


def test_review_overdue(ldn, dated):
    f = only(checks.check_dates(handout(ldn).facts, date(2027, 11, 2), CHECKS), "warning")
    assert f.message.startswith("review overdue since 2027-11-01 (expected a clinical review")
    assert f.location.line == line_of(ldn / "handout.yaml", "next_review:")


@pytest.mark.parametrize("next_review, trips", [("2028-11-01", False), ("2028-11-02", True)])
def test_review_interval(ldn, dated, next_review, trips):
    put(ldn / "handout.yaml", "next_review", next_review)
    found = checks.check_dates(handout(ldn).facts, TODAY, CHECKS)
    if not trips:
        assert found == []
        return
    f = only(found, "warning")
    assert f.message == "more than 24 months after reviewed_on 2026-11-01 (expected on or before 2028-11-01)"
    assert f.location.line == line_of(ldn / "handout.yaml", "next_review:")


def test_dates_pass(ldn, dated):
    assert checks.check_dates(handout(ldn).facts, TODAY, CHECKS) == []
    assert checks.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_add_months_ends_on_the_month_s_last_day_when_it_is_shorter():
    """The review interval's arithmetic: the same day n months on, or that month's last day.
    The calendar module's month lengths are the oracle (add_months no longer imports it), for
    every month's ends in leap and common years, 1900 and 2000 included, 25 months either way."""
    import calendar

    for year in (1900, 2000, 2023, 2024, 2025):
        for month in range(1, 13):
            for day in {1, 15, 28, calendar.monthrange(year, month)[1]}:
                d = date(year, month, day)
                for months in range(-25, 26):
                    y, m = divmod(d.month - 1 + months, 12)
                    to_year, to_month = d.year + y, m + 1
                    expected = date(to_year, to_month, min(d.day, calendar.monthrange(to_year, to_month)[1]))
                    assert checks.add_months(d, months) == expected, (d, months)


# --- theme ---------------------------------------------------------------------------------------

def theme_with(tmp_path: Path, body: str):
    path = tmp_path / f"theme-{next(_names)}.yaml"  # load_theme caches by name: one file per theme
    path.write_text(f"extends: default\nname: test\n{body}", encoding="utf-8")
    return load_theme(str(path)), path


def test_contrast_formula():
    assert checks.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert checks.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_low_contrast_colour(tmp_path):
    theme, path = theme_with(tmp_path, 'colours:\n  muted: "#aaaaaa"\n')
    f = only(checks.check_theme(theme))
    assert f.path == "colours.muted"
    assert f.message == "'#aaaaaa' on background '#ffffff' has contrast 2.32:1 (expected at least 4.5:1, WCAG 2.1 AA)"
    assert (f.location.file, f.location.line) == (str(path), 4)


def test_dark_tint_fails_both_of_its_texts(tmp_path):
    theme, _ = theme_with(tmp_path, 'colours:\n  warning_tint: "#9b1c1c"\n')
    assert [f.message.split(" has ")[0] for f in checks.check_theme(theme)] == [
        "'#9b1c1c' on warning_tint '#9b1c1c'", "'#1b1f23' on warning_tint '#9b1c1c'"]


def test_small_body_size(tmp_path):
    theme, path = theme_with(tmp_path, "sizes:\n  body: 11\n")
    f = only(checks.check_theme(theme))
    assert f.message == "11 pt is too small for patient text (expected >= 12)" and f.location.line == 4
    # fitting never shrinks body text under 12 pt (load_theme itself refuses a smaller min_body)
    for least in (10, 11, 11.75):
        small = replace(THEME, sizes=replace(THEME.sizes, min_body=least))
        assert messages(checks.check_theme(small)) == [f"{least:g} pt is too small for patient text (expected >= 12)"]


def test_a_theme_whose_fitting_floor_is_under_12_pt_is_refused(tmp_path):
    from handout.errors import HandoutError
    with pytest.raises(HandoutError) as exc:
        theme_with(tmp_path, "sizes:\n  min_body: 11\n")
    assert "sizes.min_body: below 12 pt, the floor for patient text (expected >= 12)" in exc.value.findings[0].format()
    assert THEME.sizes.min_body == THEME.sizes.body == 12


def test_a_fallback_family_the_theme_does_not_have_is_refused(tmp_path):
    from handout.errors import HandoutError
    with pytest.raises(HandoutError) as exc:
        theme_with(tmp_path, "fonts:\n  fallback: [devanagari, thai]\n")
    assert "fonts.fallback: unknown family 'thai'" in exc.value.findings[0].format()


def test_default_theme_passes():
    assert checks.check_theme(THEME) == []


# --- everything ----------------------------------------------------------------------------------

def test_run_checks_includes_dates_and_theme(dated):
    h = handout(dated)
    assert checks.run_checks(h, replace(THEME, checks=at_limits(h)), TODAY) == []
    assert messages(checks.run_checks(h, replace(THEME, checks=at_limits(h)), date(2030, 1, 1))) == [
        "review overdue since 2027-11-01 (expected a clinical review before giving this handout out again)"]


@pytest.mark.parametrize("lang", languages_in(DATA / "ldn"))
def test_bundled_languages_have_no_safety_errors(lang):
    h = bundled(lang)
    found = checks.check_doses(h) + checks.check_completeness(h) + checks.check_citations(h)
    assert [f.format() for f in found if f.severity == "error"] == []
