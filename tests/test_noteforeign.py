"""A note typed for one patient in a language the note rules have no words for: its amounts and counts held to the
plan's (H164), and a warning that the rest was not read (``noteforeign``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA, run

UNREAD = "read for its amounts and counts only: the note checks read English, Spanish and French, not"


def build(tmp_path: Path, capsys, hid: str, lang: str, note: str) -> tuple[int, str, bool]:
    out = tmp_path / "out"
    code, _, err = run(["build", hid, "--data", str(DATA), "--lang", lang, "--patient", "Ana", "--edition", "standard",
                        "--start", "2027-03-01", "--note", note, "--out", str(out)], capsys)
    return code, err, bool(list(out.rglob("*.pdf")))


@pytest.mark.parametrize("hid,lang,note,refused", [
    # each printed with exit 0 on its own language's page, unread by any rule (a review of notes)
    ("ldn", "ar", "تناول 45 ملغ عند النوم.", "45 ملغ"),  # (ten times LDN's dose)
    ("ldn", "ar", "تناول 3 كبسولات عند النوم.", "3 كبسولات"), ("ldn", "ar", "تناول ٣ كبسولات عند النوم.", "٣ كبسولات"),
    ("ldn", "ru", "Принимайте 3 капсулы перед сном.", "3 капсулы"), ("ldn", "zh-Hans", "睡前服3粒。", "3粒"),
    ("ldn", "ko", "취침 전 3캡슐 복용", "3캡슐"), ("ldn", "hi", "सोते समय 3 कैप्सूल लें।", "3 कैप्सूल"),
    ("ldn", "fa", "هنگام خواب 3 کپسول بخورید.", "3 کپسول"), ("ldn", "vi", "Uống 3 viên lúc đi ngủ.", "3 viên"),
    ("ldn", "vi", "Uống 45 mg lúc đi ngủ.", "45 mg"), ("ldn", "ht", "Pran 3 kapsil lè w ap dòmi.", "3 kapsil"),
    ("methotrexate", "ar", "تناول 8 أقراص يوم الاثنين.", "8 أقراص"),
    ("methotrexate", "ar", "تناول 6 أقراص كل يوم.", "كل يوم"),  # (a weekly medicine every day: the page's own words)
    ("methotrexate", "ar", "تناول 6 أقراص مرة كل يومين.", "مرة كل يومين"),  # (every other day: 3 or 4 a week)
    ("ldn", "en", "تناول 3 كبسولات عند النوم.", "3 كبسولات"),  # (a note in Arabic on the English page)
    # the plan's own amounts and counts, and none
    ("ldn", "ar", "تناول 1 كبسولة عند النوم.", None), ("ldn", "ar", "تناول 4.5 ملغ عند النوم.", None),
    ("ldn", "ru", "Принимайте 1 капсулу перед сном.", None), ("ldn", "zh-Hans", "睡前服1粒。", None),
    ("methotrexate", "ar", "تناول 6 أقراص كل صباح مع الطعام.", "6 أقراص"),  # (every morning: how often is not read)
    ("methotrexate", "ar", "تناول 6 أقراص يوم الاثنين.", "6 أقراص"),  # (even the plan's: left to the table)
    ("methotrexate", "ar", "تناوله مع الطعام.", None), ("ldn", "ar", "تناوله مع الماء.", None),
    ("methotrexate", "ar", "تناول حمض الفوليك كل يوم ما عدا الاثنين.", None),  # (folic acid's days, as the table says)
    ("ldn", "ar", "تناوله كل يوم عند النوم.", None),  # (a daily plan)
])
def test_a_note_no_rule_reads_gives_only_the_plans_amounts_and_counts(tmp_path: Path, capsys, hid: str, lang: str,
                                                                     note: str, refused: str | None) -> None:
    code, err, written = build(tmp_path, capsys, hid, lang, note)
    if refused is None:
        assert code == 0 and written and "[H164]" not in err, err
        assert UNREAD in err, err  # (said, and printed)
    else:
        assert code == 1 and not written, err
        assert f"'{refused}' in the note" in err and "[H164]" in err, err


@pytest.mark.parametrize("lang,note", [("en", "Take it with water at bedtime."), ("es", "Tómela con agua al acostarse."),
                                       ("ar", "Take it with water at bedtime."), ("vi", "Ibuprofen 400 mg if needed.")])
def test_a_note_the_rules_read_is_not_said_to_be_unread(tmp_path: Path, capsys, lang: str, note: str) -> None:
    code, err, written = build(tmp_path, capsys, "ldn", lang, note)
    assert code == 0 and written and UNREAD not in err and "[H164]" not in err, err


def test_the_web_page_says_what_was_not_read_and_refuses_what_is_not_the_plans() -> None:
    """The clinician's page: an Arabic note is previewed with what was not read said beside it; a dose that is not the
    plan's is refused at the note, in the page's words."""
    from handout.web import create_app
    from handout.websafety import csrf_token

    client = create_app(DATA, rate="1000 per minute").test_client()
    form = {"handout": "ldn", "lang": "ar", "edition": "standard", "csrf": csrf_token(), "patient": "Ana"}
    html = client.post("/preview", data={**form, "note": "تناوله مع الماء."}).data.decode()
    assert 'id="notes"' in html and "only its amounts and counts were checked" in html and 'id="problems"' not in html
    refused = client.post("/preview", data={**form, "note": "تناول 45 ملغ عند النوم."})
    assert refused.status_code == 422 and "is not a dose the plan gives" in refused.data.decode()
