"""A note typed for one patient that skips a step of a plan whose dose changes step by step, or stops it at a step
before its last (H165, ``notestep``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assert_note


@pytest.mark.parametrize("handout,note,refused", [
    # each printed beside prednisone's taper (30, 20, 10, 5 mg, 3 days each) or LDN's slow start (a review of notes)
    ("prednisone", "Skip the 5 mg days.", "'Skip the 5 mg' in the note skips a step"),
    ("prednisone", "If you feel well, skip the 10 mg step.", "'skip the 10 mg' in the note skips a step"),
    ("prednisone", "Stop after the 10 mg step.", "'Stop after the 10 mg' in the note stops the plan at a step before"),
    ("prednisone", "You can stop after the 20 mg days.", "'stop after the 20 mg' in the note stops the plan"),
    ("prednisone", "Stop after the days of 10 mg.", "'Stop after the days of 10 mg' in the note stops the plan"),
    ("prednisone", "Sáltese los días de 5 mg.", "'Sáltese los días de 5 mg' in the note skips a step"),
    ("prednisone", "Pare después de los días de 20 mg.", "'Pare después de los días de 20 mg' in the note stops"),
    ("prednisone", "Arrêtez après les jours à 10 mg.", "'Arrêtez après les jours à 10 mg' in the note stops"),
    ("ldn", "Skip the 3 mg step.", "'Skip the 3 mg' in the note skips a step, where the plan goes step by step to 4.5 mg"),
    # said against, the plan's own end, a step given in turn, a missed dose, other things skipped
    ("prednisone", "Do not skip the 5 mg days.", None), ("prednisone", "No se salte los días de 5 mg.", None),
    ("prednisone", "Never skip a step.", None), ("prednisone", "Stop after the 5 mg days.", None),
    ("prednisone", "Stop the 30 mg after 3 days and take 20 mg.", None),
    ("prednisone", "Stop taking 30 mg after day 3, then take 20 mg.", None),
    ("prednisone", "If you miss a dose, skip it.", None), ("ldn", "Stop tramadol after 7 days.", None),
    ("methotrexate", "Skip the folic acid on Monday.", None),
    # what is skipped or stopped is the plan's step, not another thing on its days (a review of this rule)
    ("prednisone", "Stop prednisone after the 10 mg days.", "'Stop prednisone after the 10 mg' in the note stops"),
    ("prednisone", "Stop taking it after the 20 mg days.", "'Stop taking it after the 20 mg' in the note stops"),
    ("prednisone", "Skip ibuprofen on the 30 mg days.", None), ("prednisone", "Stop ibuprofen after the 20 mg days.", None),
    ("prednisone", "Skip the yoghurt with the 10 mg dose.", None),
])
def test_a_note_keeps_every_step_of_a_changing_plan(tmp_path: Path, capsys, handout: str, note: str,
                                                    refused: str | None) -> None:
    assert_note(tmp_path, capsys, handout, note, "H165", refused)
