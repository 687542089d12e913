"""A note that takes a once-a-week dose again with no week between is refused (H154, ``noteagain``): read against
the bundled methotrexate handout (Monday only, folic acid the other days), in each note language; and from the CLI,
where the clinician reads why."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from conftest import DATA, run
from handout import content
from handout.errors import Location
from handout.frequency import note_problems
from handout.model import Handout
from handout.planning import Target


@cache
def _methotrexate(lang: str) -> Handout:
    return content.read(Target(DATA / "methotrexate", (lang,))).handouts[0]


@pytest.mark.parametrize("lang, note, refused", [
    # a review: each printed, and each gives the weekly dose twice in one week
    ("en", "If you vomit, take it again.", "again"),
    ("en", "If you vomit, take another dose.", "another"),
    ("en", "If you vomit, take 6 more tablets.", "more"),
    ("en", "If you vomit, wait a day and take it again.", "again"),
    ("en", "Take a second dose on Thursday.", "a second"),
    ("en", "Take it again later in the week.", "again"),
    ("en", "Take it again in a few days.", "again"),
    ("en", "Take your methotrexate again once you get home from the scan.", "again"),
    ("en", "Repeat the dose on Thursday.", "Repeat"),
    ("es", "Si vomita, tómelo otra vez.", "otra vez"),
    ("es", "Tome otra dosis el jueves.", "otra"),
    ("fr", "Si vous vomissez, prenez-le de nouveau.", "de nouveau"),
    ("fr", "Prenez une deuxième dose jeudi.", "une deuxième"),
    # a code review: words anywhere that excused it, the dose by another noun, days and conditions read too far
    ("en", "If you vomit, take it again as usual.", "again"),
    ("en", "Take it again on Thursday as usual.", "again"),
    ("en", "If you vomit, take it again and go back to bed.", "again"),
    ("en", "If you vomit, take it again, and tell us at your visit next week.", "again"),
    ("en", "If you vomit, take another dose; the following week, take 6 tablets.", "another"),
    ("en", "If you vomit, take the medicine again.", "again"),
    ("en", "If you vomit, take the full dose again.", "again"),
    ("en", "If you vomit, take your Monday dose again.", "again"),
    ("en", "If you forget, take it when you remember; if you vomit, take it again.", "again"),
    ("en", "If you vomit, take it again on day 2.", "again"),
    ("en", "If vomiting starts within an hour take another dose.", "another"),
    ("en", "If you vomit on Monday, take it again on Monday.", "again"),
    ("en", "If you vomit, repeat it.", "repeat"),
    ("en", "If you vomit, take a further dose.", "a further"),
    ("es", "Si vomita, vuelva a tomarlo.", "vuelva a tomarlo"),
    ("es", "Tómelo otra vez como siempre.", "otra vez"),
    # a second review: more of it on a day said, any order to take it after a dose brought up, what excused too much
    ("en", "Also take it on Thursday.", "Also"), ("en", "Take it on Thursday as well.", "as well"),
    ("en", "Take your next dose on Wednesday.", "your next dose"),
    ("en", "If you vomit, replace the dose.", "replace"), ("en", "If you vomit, take 6 tablets straight away.", "take"),
    ("en", "If you vomit within an hour take another dose and call the clinic.", "another"),
    ("en", "If you vomit, start the dose again.", "again"),
    ("en", "If you forget whether you took it, take it again.", "again"),
    ("en", "Take it again before next week.", "again"), ("en", "Take it again, as next week's dose.", "again"),
    ("en", "Don't panic if you vomit and take another dose.", "another"),
    ("en", "If you vomit, take your routine dose again.", "again"),
    ("es", "Tómelo también el jueves.", "también"), ("es", "Si vomita, reponga la dosis.", "reponga"),
    # a week between, the plan's own day, a restart, said against, another thing, a late dose: each prints
    ("en", "Take it again next week.", None),
    ("en", "Take it again in a week.", None),
    ("en", "Take it again on Monday.", None),
    ("en", "If you forget, take it when you remember, then again on Monday as usual.", None),
    ("en", "If you forget your dose, take it again the next day.", None),
    ("en", "Stop methotrexate for 2 weeks before your surgery, then start it again.", None),
    ("en", "If you vomit, do not take another dose. Call us.", None),
    ("en", "Start methotrexate 15 mg tonight; repeat the blood test tomorrow morning.", None),
    ("en", "Take your folic acid again tomorrow.", None),
    ("en", "Take your painkiller again if you need it.", None),
    ("en", "Drink more water.", None),
    ("en", "Take 6 tablets on day 1 - 6 days off - day 8 again.", None),
    ("es", "Tómelo otra vez la próxima semana.", None),
    ("es", "No tome otra dosis si vomita.", None),
    ("es", "Empiece a tomarlo otra vez después de la cirugía.", None),
    ("es", "Beba más agua.", None),
    ("fr", "Prenez-le de nouveau la semaine prochaine.", None),
    ("fr", "Ne prenez pas une autre dose.", None),
    # ... and the safe advice it refused: a negation further back, what happened, a refill, a week or more later
    ("en", "Do not take the dose again.", None),
    ("en", "If you vomit, do not take the tablets again.", None),
    ("en", "There is no need to take another dose.", None),
    ("en", "If you take it again by mistake, call us right away.", None),
    ("en", "If you need more tablets, call the pharmacy.", None),
    ("en", "Take it again in 14 days.", None),
    ("en", "Take it again in 2 weeks.", None),
    ("en", "Next week, take it again.", None),
    ("es", "No tome la dosis otra vez.", None),
    ("en", "If you vomit, don't take it again; wait until next Monday.", None),
    ("en", "Hold your dose this week; take it again next Monday.", None), ("en", "Restart it next Monday.", None),
    ("en", "Take the 6 tablets one after another, with water.", None), ("en", "If you vomit, call us.", None),
    ("en", "Also drink plenty of water.", None), ("en", "Take it with food, and also avoid alcohol.", None),
    ("es", "Si vomita, llámenos.", None),
    # a note's first sentence that only repeats a dose repeats the plan's (a review of notes: printed)
    ("en", "Repeat on Thursday.", "Repeat"), ("en", "Do the same on Thursday.", "Do the same"),
    ("en", "Repeat next Monday.", None), ("en", "Repeat on Monday.", None),
    ("en", "Repeat the blood test on Thursday.", None),
    # a second dose on the plan's own day, at another time of it (beside Monday morning's: a review of notes, printed)
    ("en", "Take another dose on Monday evening.", "another"), ("en", "Take a second dose on Monday night.", "a second"),
    ("en", "Take 6 more tablets on Monday evening.", "more"), ("es", "Tome otra dosis el lunes por la noche.", "otra"),
    ("en", "Take it again on Monday morning.", None), ("en", "Take your next dose on Monday morning.", None),
    ("es", "Si olvida el metotrexato del lunes, tómelo el martes; si pasan más de dos días, espere al lunes siguiente.",
     None),
])
def test_a_weekly_dose_taken_again_within_the_week_is_refused(lang: str, note: str, refused: str | None) -> None:
    # (a note in any note language is read on any page: the English handout's here, the Spanish one's for Spanish)
    h = _methotrexate("es" if lang == "es" else "en")
    found = [f for f in note_problems(note, h, Location("note", 1, 1), "note") if f.severity == "error"]
    if refused is None:
        assert not found, [f.message for f in found]
    else:
        assert [f.message.split("' in the note")[0] for f in found] == [f"'{refused}"], [f.message for f in found]
        assert "takes the dose again" in found[0].message and "once a week" in found[0].message


def test_the_cli_refuses_the_note_and_writes_nothing(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    code, _, err = run(["build", "methotrexate", "--data", str(DATA), "--lang", "en", "--patient", "Ana",
                        "--note", "If you vomit, take it again.", "--out", str(out)], capsys)
    assert code == 1 and not list(out.rglob("*.pdf")), err
    assert ("--note: error: note: 'again' in the note takes the dose again, where the plan gives methotrexate "
            "once a week (expected when: 'next week', 'in a week', or the plan's day") in err, err


@pytest.mark.parametrize("lang, note, said", [
    # a code review: two doses in the week said by the week itself
    ("en", "Take the methotrexate dose twice this week.", "twice this week"),
    ("en", "Take 2 doses this week.", "2 doses this week"),
    ("en", "Take methotrexate on the other six days.", "the other six days"),
    ("en", "Take 6 tablets on the other 6 days.", "the other 6 days"),
    ("es", "Tome la dosis dos veces esta semana.", "dos veces esta semana"),
])
def test_two_doses_this_week_are_refused(lang: str, note: str, said: str) -> None:
    h = _methotrexate("es" if lang == "es" else "en")
    found = [f for f in note_problems(note, h, Location("note", 1, 1), "note") if f.severity == "error"]
    assert len(found) == 1 and found[0].message.startswith(f"'{said}' in the note"), [f.message for f in found]
