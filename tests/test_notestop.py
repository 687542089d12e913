"""A note typed for one patient that ends a planned medicine early: when the patient feels better (H160, notestop),
or after fewer days than the course (H158, courselength)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_note

@pytest.mark.parametrize("handout,note,refused", [
    # each printed above a 10-day calendar of amoxicillin, or a 12-day prednisone taper (a review of notes)
    ("amoxicillin", "Stop when he feels better.", "Stop when he feels better"),
    ("amoxicillin", "You can stop once the fever is gone.", "stop once the fever is gone"),
    ("amoxicillin", "Give it until she feels better.", "until she feels better"),
    # what is left of the course skipped, and other words for feeling better (a review of notes: each printed)
    ("prednisone", "Skip the last few days if you feel fine.", "Skip the last few days if you feel fine"),
    ("prednisone", "Skip the rest if you feel better.", "Skip the rest if you feel better"),
    ("amoxicillin", "You can skip the last days if he is well.", "skip the last days if he is well"),
    ("amoxicillin", "Stop when the ear stops hurting.", "Stop when the ear stops hurting"),
    ("prednisone", "If you miss a dose, skip it.", None), ("amoxicillin", "Skip the cream if he feels better.", None),
    ("amoxicillin", "Stop the amoxicillin when he is better.", "Stop the amoxicillin when he is better"),
    ("amoxicillin", "Pare cuando se sienta mejor.", "Pare cuando se sienta mejor"),
    ("amoxicillin", "Dele hasta que se sienta mejor.", "hasta que se sienta mejor"),
    ("amoxicillin", "Arrêtez quand il va mieux.", "Arrêtez quand il va mieux"),
    ("prednisone", "Stop it if you feel better.", "Stop it if you feel better"),
    ("prednisone", "Take it until the rash is gone.", "until the rash is gone"),
    # kept on until the prescriber says: not stopped on feeling better either
    ("methotrexate", "Stop it when your joints feel better.", "Stop it when your joints feel better"),
    # said against, another thing stopped, a stop for another reason, the handout's own advice
    ("amoxicillin", "Do not stop when he feels better.", None),
    ("amoxicillin", "No lo suspenda cuando se sienta mejor.", None),
    ("amoxicillin", "N'arrêtez pas quand il va mieux.", None),
    ("amoxicillin", "Give all 10 days, even if she feels better sooner.", None),
    ("amoxicillin", "Stop the ibuprofen when the pain is better.", None),
    ("amoxicillin", "Use the cream until the rash is gone.", None),
    ("amoxicillin", "Stop giving it and call us if he gets a rash.", None),
    # taken as needed: stopped when it is not needed
    ("acetaminophen", "Stop when the pain is gone.", None),
    # a stop after fewer days than the course, or a course in weeks (each printed above a 10-day calendar)
    ("amoxicillin", "You can stop after 3 days.", "after 3 days"), ("amoxicillin", "Stop on day 5.", "on day 5"),
    ("amoxicillin", "Stop giving it after 5 days.", "after 5 days"), ("amoxicillin", "Give it for a week.", "for a week"),
    ("amoxicillin", "Give it for 2 weeks.", "for 2 weeks"), ("amoxicillin", "Suspenda después de 5 días.", "después de 5 días"),
    ("amoxicillin", "Arrêtez après 5 jours.", "après 5 jours"),
    ("prednisone", "You can stop after 3 days.", "after 3 days"),  # (a step's 3 days: a step given, never a stop)
    ("amoxicillin", "Stop after 10 days.", None), ("amoxicillin", "Stop on day 11.", None),
    ("amoxicillin", "Do not stop after 3 days.", None), ("amoxicillin", "Stop the cream after 3 days.", None),
    ("amoxicillin", "Call us if it is not better after 3 days.", None),
    ("prednisone", "Take 30 mg for 3 days.", None), ("prednisone", "Stop after 12 days.", None),
])
def test_a_note_may_not_end_the_plan_when_the_patient_feels_better(tmp_path: Path, capsys, handout: str, note: str,
                                                                   refused: str | None) -> None:
    code, err, written = build_note(tmp_path, capsys, handout, note)
    if refused is None:
        assert code == 0 and "[H158]" not in err and "[H160]" not in err, err
    else:
        assert code == 1 and not written, err
        assert f"--note: error: note: '{refused}' in the note, where the plan printed is " in err, err
        assert err.count("[H158]") + err.count("[H160]") == 1, err
        rule = "H158" if any(c.isdigit() for c in refused) or "week" in refused else "H160"  # (a length, or feeling better)
        assert f"[{rule}]" in err, err
