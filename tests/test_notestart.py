"""A note typed for one patient that starts a plan whose dose changes step by step at a later step's dose (H163)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assert_note


@pytest.mark.parametrize("handout,note,refused", [
    # each printed beside LDN's calendar of 1.5 mg, then 3 mg, then 4.5 mg, or prednisone's taper from 30 mg
    ("ldn", "Start at 4.5 mg.", ("4.5 mg", "Start at", "1.5 mg")),
    ("ldn", "Take 4.5 mg from the first night.", ("4.5 mg", "from the first night", "1.5 mg")),
    ("ldn", "Skip the 1.5 mg step and start with 3 mg.", ("3 mg", "start with", "1.5 mg")),
    ("ldn", "Commencez par 3 mg.", ("3 mg", "Commencez par", "1.5 mg")),
    ("prednisone", "Start with 20 mg.", ("20 mg", "Start with", "30 mg")),
    # the first step's dose, a later step's in its own clause, said against, a plan of one dose
    ("ldn", "Start at 1.5 mg.", None), ("ldn", "Start at 1.5 mg; from week 5 take 4.5 mg.", None),
    ("ldn", "Do not start at 4.5 mg.", None), ("prednisone", "Start with 30 mg.", None),
    ("prednisone", "Start with 1 tablet of 20 mg and 2 tablets of 5 mg.", None),  # (the first step, by its parts)
    ("methotrexate", "Start with 6 tablets on Monday.", None),
])
def test_a_note_starts_a_changing_plan_at_its_first_step(tmp_path: Path, capsys, handout: str, note: str,
                                                          refused: tuple[str, str, str] | None) -> None:
    assert_note(tmp_path, capsys, handout, note, "H163", refused and
                f"note: '{refused[0]}' '{refused[1]}' in the note, where the plan starts at {refused[2]} and goes step by step")
