"""Every rule a note typed for one patient meets passes the handout's own words: each sentence of a bundled handout, in
each note language it is written in, typed as a note on its own page, is refused by none (a guard against rules that
refuse what the handout itself says: "It may be called paracetamol outside the U.S." was refused as a dose of it)."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import DATA

# (each bundled handout, in each note language it is written in)
WRITTEN = sorted((p.name, lang) for p in DATA.iterdir() if (p / "handout.yaml").exists()
                 for lang in ("en", "es", "fr") if (p / f"{lang}.yaml").exists())


@pytest.mark.parametrize("hid,lang", WRITTEN)
def test_a_handouts_own_sentences_pass_every_note_rule(hid: str, lang: str) -> None:
    from handout.content import read
    from handout.courselength import note_course
    from handout.errors import Location
    from handout.folders import Target
    from handout.frequency import note_problems as weekly
    from handout.daytotal import note_day_total
    from handout.howoften import note_problems as how_often
    from handout.noteamounts import note_amounts
    from handout.noteday import note_day
    from handout.noteinteractions import note_interactions
    from handout.notestart import note_start
    from handout.notestop import note_stop_early
    from handout.reading import plain, sentences
    from handout.textfields import text_fields

    h = read(Target(DATA / hid, (lang,))).handouts[0]
    track, where = h.facts.tracks[0], Location("note", 1, 1)
    read_ = 0
    for path, raw, _ in text_fields(h.text):
        if path.startswith("drug_names"):  # (a drug's name alone, "trimetoprima": no sentence; as a note it is refused)
            continue
        for s in sentences(plain(raw)):
            if "{" in s:  # (a placeholder the region fills in: never typed so)
                continue
            read_ += 1
            found = [*how_often(s, h, where, "note"), *note_day_total(s, h, where, "note"), *weekly(s, h, where, "note"), *note_interactions(s, h, where, "note"),
                     *note_day(s, h, where, "note"), *note_stop_early(s, h, track, where, "note"),
                     *note_start(s, h, track, where, "note"),
                     *note_course(s, h, track, where, "note"), *([] if h.facts.weight_based else note_amounts(s, h, where, "note"))]
            assert not [f for f in found if f.severity == "error"], (s, [f.message for f in found])
    assert read_ > 20  # (the words were read)


# Words the note rules read, and characters that have broken a reader ("ſept": a long s matches "sept" under
# IGNORECASE, and a KeyError was raised where it was looked up lower case)
_FRAGMENTS = ["Take", "Tome", "Prenez", "Give", "2", "two", "ſix", "ſept", "seis", "tablets", "tabletas", "comprimés", "mg",
              "1.5", "4,5", "every", "cada", "6 hours", "day", "Monday", "lunes", "Mon-Fri", "at 8 am", "noon", "midnight",
              "0800", "and", "or", "then", "again", "Repeat", "not", "Do not", "if", "when", "you feel better", "as many as "
              "you need", "around the clock", "also", "too", "Tylenol", "MTX", "Septra", "folic acid", "ácido fólico",
              "the same days as", "all your tablets", "at once", "the rest of the bottle", "start at", "any day", "skip",
              "the last", "for", "3", "12", "weeks", "K", "ﬁ", "µg", "１２", "٣", "\u00a0", "İ", "ı", "ẛ", "ﬅ", "\u200f", ";",
              ",", ".", "?", "(", "-", "–", "#", "%", "/", "×"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=14))
# (notes a fuzz of 3,000 such notes found raising, each under some plan: a KeyError for "ſept")
@example(["cada", "Prenez", "ſept", "?", "1.5", "at 8 am", "every", "for", "Do not", "lunes", "×"])
@example(["days", "ſept", "the same days as", "comprimés", "folic acid", "%", "٣", "day", "-"])
@example(["Take", "6", "tablets", "on", "3", "ſept", "and", "5", "ſept", "."])
def test_no_note_makes_a_rule_raise(words: list[str]) -> None:
    """Any note, as the rules read it (``chars.as_read``), gives findings or none under every plan, never an
    exception: a note's mistake is an error message, not a traceback."""
    from handout.chars import as_read
    from handout.errors import Location

    note, where = as_read(" ".join(words)), Location("note", 1, 1)
    for h in _handouts():
        track = h.facts.tracks[0]
        for rule in _rules():
            rule(note, h, track, where)


@cache
def _handouts() -> tuple:
    from handout.content import read
    from handout.folders import Target

    return tuple(read(Target(DATA / hid, ("en",))).handouts[0] for hid, lang in WRITTEN if lang == "en")


@cache
def _rules() -> tuple:
    from handout.courselength import note_course
    from handout.daytotal import note_day_total
    from handout.designations import dose_problems
    from handout.frequency import note_problems as weekly
    from handout.howoften import note_problems as how_often
    from handout.noteamounts import note_amounts
    from handout.noteday import note_day
    from handout.noteinteractions import note_interactions
    from handout.notestart import note_start
    from handout.notestop import note_stop_early

    return (lambda n, h, t, w: how_often(n, h, w, "note"), lambda n, h, t, w: note_day_total(n, h, w, "note"),
            lambda n, h, t, w: weekly(n, h, w, "note"), lambda n, h, t, w: note_interactions(n, h, w, "note"),
            lambda n, h, t, w: note_day(n, h, w, "note"), lambda n, h, t, w: note_stop_early(n, h, t, w, "note"),
            lambda n, h, t, w: note_course(n, h, t, w, "note"), lambda n, h, t, w: note_start(n, h, t, w, "note"),
            lambda n, h, t, w: [] if h.facts.weight_based else note_amounts(n, h, w, "note"),
            lambda n, h, t, w: dose_problems(n, h.lang, w, "note"))
