"""Plain-language rules (plain.py): for each rule, a YAML snippet that passes and one that fails at its line."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import edit, line_of, run
from handout import plain
from handout.content import Target, read
from handout.errors import Finding
from handout.model import Handout
from handout.theme import load_theme
from handout.wordlists import load as load_words

CHECKS = load_theme().checks
PRECAUTION = "  - Have kidney or liver disease\n"
EXTRA = "".join(f"  - Take medicine number {n} for your heart\n" for n in range(4, 9))  # 4 + 5 = 9 items


def handout(folder: Path) -> Handout:
    res = read(Target(folder, ("en",)))
    assert res.handouts, [f.format() for f in res.findings]
    return res.handouts[0]


def coded(h: Handout, code: str, checks=CHECKS) -> list[Finding]:
    return [f for f in plain.judge(h, checks)[0] if f.code == code]


# (code, file, text in the bundled file, a good replacement, a bad one, the field path the bad one is reported at,
#  the text that marks the reported line, severity)
CASES = [
    ("PL001", "en.yaml", PRECAUTION, PRECAUTION, PRECAUTION + EXTRA, "precautions", "Have kidney", "warning"),
    ("PL002", "en.yaml", "Take **1 capsule at bedtime**.", "Take it off-label (for a use its label does not list).",
     "Take it off-label.", "key_points[1]", "Take it off-label", "warning"),
    ("PL002", "en.yaml", "Take **1 capsule at bedtime**.", "It is not a fake pill (placebo) and blocks no liver "
     "enzyme called CYP3A4.", "It is not a placebo.", "key_points[1]", "It is not", "warning"),
    ("PL003", "en.yaml", "Two larger, newer studies found no clear benefit.", "Tiredness went down 10% more than on a fake pill.",
     "Tiredness went down 10%.", "sections[0].body[1]", "Tiredness went down", "warning"),
    ("PL003", "en.yaml", "Headache (1 in 6; fake pill 1 in 33)", "Headache (1 in 6; fake pill 1 in 33)",
     "Headache (about 1 in 6 people)", "side_effects.headache", "Headache (", "warning"),
    ("PL004", "en.yaml", "Skip it if you remember the next day. Take your next dose at the usual time. "
     "**Do not take 2 doses** to make up for a missed one.", "If you remember the next day, skip it.",
     "A missed dose is not a problem.", "sections[2].body[0]", "A missed dose", "warning"),
    ("PL006", "en.yaml", "Give the usual dose about 12 weeks", "Most people feel it in 6 weeks. [@younger2013] Give",
     "Most people feel it in 6 weeks. Give", "sections[3].body[0]", "Most people feel", "warning"),
    ("PL006", "en.yaml", "Skip it if you remember the next day.", "Never take 2 doses or 3 mg.",
     "Taking 2 at once harms 1 person in 5.", "sections[2].body[0]", "Taking 2 at once", "warning"),
    ("PL007", "en.yaml", "[@younger2013] [@bruun2024] Give", "[@bruun2024] [@younger2013] Give",
     "[@bruun2024], [@younger2013] Give", "sections[3].body[0]", "The studies lasted", "warning"),
    ("PL008", "en.yaml", "heading: What is LDN?", "heading: What is LDN?", "heading: What is LDN? [@label]",
     "sections[0].heading", "What is LDN?", "error"),
    ("PL009", "handout.yaml", "organisation: handout", "reviewed_by: \"Ana Ruiz, PharmD\"\norganisation: handout",
     "reviewed_by: pharmacy team\norganisation: handout", "reviewed_by", "reviewed_by: pharmacy", "warning"),
    ("PL009", "handout.yaml", "organisation: handout", "reviewed_by: \"Dr. Kim Lee, Pharm.D., BCPS\"\norganisation: handout",
     "reviewed_by: \"Kim Lee, CEO\"\norganisation: handout", "reviewed_by", "reviewed_by: \"Kim", "warning"),
]


@pytest.mark.parametrize("code, file, old, good, bad, path, marker, severity", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_passes_good_and_fails_bad_at_its_line(ldn: Path, code, file, old, good, bad, path, marker, severity):
    text = (ldn / file).read_text(encoding="utf-8")
    edit(ldn / file, old, good)  # the bundled content's own findings are elsewhere: only this field counts
    assert [f.format() for f in coded(handout(ldn), code) if f.path == path] == [], code
    (ldn / file).write_text(text, encoding="utf-8")
    edit(ldn / file, old, bad)
    found = [f for f in coded(handout(ldn), code) if f.path == path]
    assert len(found) == 1, [f.format() for f in found]
    f = found[0]
    assert (f.path, f.severity, f.location.line) == (path, severity, line_of(ldn / file, marker))
    assert f.location.file.endswith(file) and f.format().endswith(f"[{code}]")
    assert "(expected" in f.message


def test_key_points_over_the_themes_limit_is_an_error(ldn: Path):
    h = handout(ldn)
    assert coded(h, "PL005") == []
    (f,) = coded(h, "PL005", replace(CHECKS, max_key_points=2))
    assert (f.severity, f.path, f.location.line) == ("error", "key_points", line_of(ldn / "en.yaml", "LDN is a tiny dose"))


def test_more_than_five_key_points_is_refused_with_the_rules_code(ldn: Path):
    edit(ldn / "en.yaml", "key_points:\n", "key_points:\n" + "  - Keep it dry.\n" * 3)
    res = read(Target(ldn, ("en",)))
    (f,) = [f for f in res.findings if f.path == "key_points"]
    assert f.code == "PL005" and f.severity == "error"


def test_missing_reviewer_is_reported_where_the_reviewer_is(ldn: Path):
    (f,) = coded(handout(ldn), "PL009")
    assert f.location.line == line_of(ldn / "handout.yaml", "reviewer:")
    assert f.message == ("not yet reviewed by a named clinician (expected a name and credential, e.g. "
                         "'Ana Ruiz, PharmD')")


def test_language_without_word_lists_is_not_judged_not_passed(ldn: Path):
    h = handout(ldn)
    xx = replace(h, text=replace(h.text, language="xx"))
    _, results = plain.judge(xx, CHECKS)
    for code in ("PL002", "PL003", "PL004", "PL006"):
        assert results[code].status == "not judged" and "handout/wordlists/xx.yaml" in results[code].why
    assert results["PL008"].status == "pass" and results["PL009"].status == "fail"


def test_every_rule_has_a_result(ldn: Path):
    _, results = plain.judge(handout(ldn), CHECKS)
    assert list(results) == list(plain.RULES) == [f"PL00{n}" for n in range(1, 10)]
    assert {r.status for r in results.values()} <= {"pass", "fail", "not judged"}


@pytest.mark.parametrize("lang, text, verb", [
    ("en", "If you forget, skip it.", True), ("en", "Do not take 2 doses.", True), ("en", "I take LDN.", False),
    ("en", "The pharmacist will call you.", False),
    ("es", "No tome 2 dosis.", True), ("es", "Sáltela si se acuerda.", True), ("es", "El médico la toma.", False),
    ("fr", "N'arrêtez pas la LDN.", True), ("fr", "Si vous prenez la LDN, rien.", False),
])
def test_action_verbs_start_a_clause(lang, text, verb):
    assert plain.imperative(load_words(lang), text) is verb


@pytest.mark.parametrize("lang, text, explained", [
    ("es", 'Se usa "fuera de indicación", es decir, para otro uso.', True),
    ("es", "Se usa fuera de indicación.", False),
    ("fr", "Utilisée « hors AMM » : pour un usage non prévu.", True),
    ("fr", "Utilisée hors AMM.", False),
])
def test_jargon_explanations_in_other_languages(lang, text, explained):
    words = load_words(lang)
    (m,) = words.term_pattern(words.jargon[0]).finditer(text)
    got = bool(words.explained_after.match(text, m.end()) or words.explained_before.search(text[:m.start()]))
    assert got is explained


def test_raw_sentences_keep_the_citation_after_a_full_stop():
    assert plain.raw_sentences("At 50 mg a day. [@label] [@x] LDN is less. Ok") == [
        "At 50 mg a day. [@label] [@x]", "LDN is less.", "Ok"]


def test_report_records_each_rule_and_the_table_shows_them(ldn: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    code, _, err = run(["build", str(ldn), "--out", str(out), "--edition", "standard"], capsys)
    assert code == 0, err  # the new rules warn: the bundled content still builds
    assert "[PL009]" in err
    rep = json.loads((out / "ldn" / "ldn.en.report.json").read_text())
    assert list(rep["rules"]) == list(plain.RULES)
    assert rep["rules"]["PL009"] == {"rule": "reviewed by a named clinician", "result": "fail", "count": 1}
    assert rep["rules"]["PL008"] == {"rule": "no citations in headings", "result": "pass", "count": 0}
    assert {"severity": "warning", "path": "reviewed_by", "code": "PL009"}.items() <= next(
        f for f in rep["findings"] if f.get("code") == "PL009").items()
    code, table, _ = run(["report", "--out", str(out)], capsys)
    header, row = table.splitlines()[:2]
    assert header.split()[-9:] == list(plain.RULES)
    cells = row.split()[-9:]
    assert cells[list(plain.RULES).index("PL009")] == "x1" and cells[list(plain.RULES).index("PL008")] == "ok"
    assert "PL004 instructions have an action verb" in table


def test_check_strict_fails_on_the_missing_reviewer(ldn: Path, capsys):
    code, _, err = run(["check", str(ldn), "--edition", "standard"], capsys)
    assert code == 0 and "warning: reviewed_by: not yet reviewed by a named clinician" in err
    code, _, err = run(["check", str(ldn), "--edition", "standard", "--strict"], capsys)
    assert code == 1 and "error: reviewed_by: not yet reviewed by a named clinician" in err and "[PL009]" in err


def test_the_jargon_a_text_uses_is_found_in_one_scan_as_term_by_term():
    """WordList.jargon_in (one scan) finds exactly the terms a search per term finds, for texts
    made of term forms run together, overlapping, in other cases, plural, hyphenated or split (with a
    Turkish dotted I too, whose lower case is longer: the text is then scanned as written)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from handout.wordlists import load

    from dataclasses import replace as with_

    from handout.wordlists import Term

    # The shipped list, and terms that overlap (one inside another, sharing a start or an end).
    extra = tuple(Term(term=t) for t in ("opioid", "opioid antagonist", "antagonist", "receptor antagonist"))
    words = with_(load("en"), jargon=load("en").jargon + extra)
    forms = sorted({f for t in words.jargon for f in t.forms})
    piece = st.one_of(st.sampled_from(forms), st.sampled_from(forms).map(str.upper),
                      st.sampled_from(forms).map(lambda f: f + "s"), st.sampled_from([" ", "-", "\n", "x", ", ", "'", "İ"]))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(piece, max_size=12).map("".join))
    def check(text: str) -> None:
        assert words.jargon_in(text) == [t for t in words.jargon if words.term_pattern(t).search(text)]

    check()
