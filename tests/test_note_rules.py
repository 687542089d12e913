"""Every rule a note typed for one patient meets passes the handout's own words: each sentence of a bundled handout, in
each note language it is written in, typed as a note on its own page, is refused by none (a guard against rules that
refuse what the handout itself says: "It may be called paracetamol outside the U.S." was refused as a dose of it)."""

from __future__ import annotations


import pytest

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
