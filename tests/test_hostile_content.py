"""Hostile content and personal fields, each with the exact input that once broke it (issue 16)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import DATA, edit, pdf_text, run
from handout.chars import clean, problems

FORMAT = {
    "isolates": "\u2068Ana\u2069 \u2066Pérez\u2069 \u2067x\u2069",
    "overrides": "\u202eAna\u202c \u202aB\u202b\u202dC\u202c",
    "bom-zero-width": "\ufeffAna\u200b Pé\u2060rez\u00ad",
}


@pytest.mark.parametrize("name", FORMAT)
def test_format_characters_are_removed_in_one_place(name):
    out = clean(FORMAT[name])
    assert not any(ch in out for ch in "\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\ufeff\u200b\u2060\u00ad")
    assert "Ana" in out
    assert clean("می\u200cخواهم") == "می\u200cخواهم"  # ZWNJ is part of Persian spelling: kept


def test_bidi_isolates_no_longer_crash_the_bidi_step():
    from handout.rtl import visual_order as _visual_order

    line = clean("مرحبا \u2068Ana\u2069 x")  # was: AssertionError: FSI not allowed here
    assert "".join(c for c, _ in _visual_order([(c, 0) for c in line]))


def test_overrides_in_a_personal_field_print_as_the_name(tmp_path: Path, capsys):
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--edition", "standard",
                        "--out", str(tmp_path), "--patient", "\u2068Ana\u2069 \u202eZed\u202c"], capsys)
    assert code == 0, err
    text = " ".join(pdf_text(next((tmp_path / "personal").glob("*.pdf")).read_bytes()))
    assert "Ana Zed" in text and "\u202e" not in text



@pytest.mark.parametrize("note", ["Take 1 capsule at bedtime \u202egm 54\u202c", "Take \u202d45 mg"])
def test_an_override_in_a_note_is_refused(tmp_path: Path, capsys, note: str):
    """A portal administrator's review: "\u202egm 54" shows as 45 mg on the clinician's screen; the override was
    removed and the page printed "gm 54", a dose no rule read.  A note's overrides are refused, as content's are."""
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", "en", "--edition", "standard",
                        "--out", str(tmp_path), "--patient", "Ana", "--note", note], capsys)
    assert code == 1 and not list(tmp_path.rglob("*.pdf")), err
    assert "--note: error: note: contains U+202" in err and "OVERRIDE" in err, err

@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_bidi_isolates_in_arabic_and_persian_personal_fields(tmp_path: Path, capsys, lang):
    code, _, err = run(["build", "ldn", "--data", str(DATA), "--lang", lang, "--edition", "standard", "--allow-stale",
                        "--out", str(tmp_path), "--patient", "\u2068Ana\u2069", "--note", "\u2067نص\u2069"], capsys)
    assert "Traceback" not in err and code == 0, err


def test_invisible_characters_in_content_are_removed(ldn: Path, tmp_path: Path, capsys):
    edit(ldn / "en.yaml", "title: Low-dose naltrexone (LDN)", "title: \"Low-dose\u200b naltrexone\ufeff (LDN)\"")
    code, _, err = run(["build", str(ldn), "--out", str(tmp_path), "-j", "1", "--edition", "standard"], capsys)
    assert code == 0, err
    assert "Low-dose naltrexone (LDN)" in pdf_text((tmp_path / "ldn" / "ldn.en.pdf").read_bytes())[0]


@pytest.mark.parametrize("old, new, named", [
    # An editor shows "Take 15 mg"; without the override the page printed "Take 51 mg" (a review)
    ("  - Take **1 capsule at bedtime**. Your dose goes up slowly over a few weeks.",
     "  - \"Take \u202e51\u202c mg at bedtime.\"",
     "U+202E (RIGHT-TO-LEFT OVERRIDE), U+202C (POP DIRECTIONAL FORMATTING)"),
    ("title: Low-dose naltrexone (LDN)", "title: \"\u2068Low-dose\u2069 naltrexone (LDN)\"",
     "U+2068 (FIRST STRONG ISOLATE)"),
])
def test_bidi_controls_in_content_are_refused_at_their_line(ldn: Path, tmp_path: Path, capsys, old, new, named):
    from conftest import line_of

    edit(ldn / "en.yaml", old, new)
    code, _, err = run(["build", str(ldn), "--out", str(tmp_path), "-j", "1", "--edition", "standard"], capsys)
    assert code == 1 and "Traceback" not in err, err
    line = next(e for e in err.splitlines() if named in e)
    assert f"en.yaml:{line_of(ldn / 'en.yaml', new.split(chr(34))[1][:8])}:" in line
    assert "the page would print other text than the one reviewed" in line
    assert not list(tmp_path.rglob("*.pdf"))


@pytest.mark.parametrize("new,message", [
    ("title: !!python/object:os.system x", "unknown YAML tag 'tag:yaml.org,2002:python/object:os.system'"),
    ("title: !include other.yaml", "unknown YAML tag '!include'"),
    ('title: "Low\\0dose"', "contains U+0000 (NUL)"),
    ('title: "Low\\x07dose"', "contains U+0007 (control character)"),
])
def test_unknown_tags_and_nul_escapes_are_refused(ldn: Path, capsys, new, message):
    edit(ldn / "en.yaml", "title: Low-dose naltrexone (LDN)", new)
    code, _, err = run(["check", str(ldn)], capsys)
    assert code == 1 and message in err and "Traceback" not in err, err


def test_problems_names_what_cannot_be_cleaned():
    assert problems("a\x00b\x85\ud800\ufffe") == ["U+0000 (NUL)", "U+0085 (control character)",
                                                   "U+D800 (lone surrogate)", "U+FFFE (noncharacter)"]
    assert problems("a line\nand a newline") == []
    # a tab drew a space and stayed in the text a screen reader and a copy read (a clinic author's review)
    assert problems("tab\tand\nnewline") == ["U+0009 (tab; a space is meant)"]


@pytest.mark.parametrize("kind", ["symlink-loop", "folder", "dev-zero", "fifo"])
def test_special_files_are_refused_before_reading(ldn: Path, tmp_path: Path, capsys, kind):
    bad = ldn / "xx.yaml"
    if kind == "symlink-loop":
        os.symlink(ldn / "yy.yaml", bad)
        os.symlink(bad, ldn / "yy.yaml")
    elif kind == "folder":
        bad.mkdir()
    elif kind == "dev-zero":
        os.symlink("/dev/zero", bad)
    else:
        os.mkfifo(bad)
    started = time.perf_counter()
    for cmd in (["check", str(ldn), "--lang", "xx"], ["build", str(ldn), "--lang", "xx", "-j", "1", "--out", str(tmp_path)]):
        code, _, err = run(cmd, capsys)
        assert code == 1 and "Traceback" not in err, err
        assert "xx.yaml" in err and ("not a file" in err or "cannot read file" in err or "loop of links" in err), err
    assert time.perf_counter() - started < 10  # a FIFO once hung forever, /dev/zero ran out of memory
    code, _, err = run(["check", str(ldn), "--lang", "en"], capsys)
    assert code in (0, 1) and "Traceback" not in err


def test_a_long_word_wraps_in_linear_time():
    from handout.markup import Span
    from handout.text import Wrapper
    from handout.theme import load_theme

    w = Wrapper(load_theme().fontset("en"), False)

    def seconds(n: int, letters: str) -> float:
        # Fresh text each run (the wrapper caches what it has measured); the best of three,
        # because a loaded CI machine once made one 200,000-letter run twice as slow.
        best = float("inf")
        for letter in letters:
            t = time.perf_counter()
            lines = w.wrap([Span(letter * n)], 12, 400)
            best = min(best, time.perf_counter() - t)
            assert sum(len(ln.logical) for ln in lines) == n and max(ln.width for ln in lines) <= 400
        return best

    small, big = seconds(10_000, "abc"), seconds(160_000, "xyz")  # 16,000 characters took 11 s; 1 MB over 90 s
    # 16x the text: linear is 16x the time, quadratic 256x; fail only well above linear.
    assert big < 3 and big < 64 * small, (small, big)


def test_a_16000_character_word_in_content_is_reported_quickly(ldn: Path, capsys):
    edit(ldn / "en.yaml", "title: Low-dose naltrexone (LDN)", "title: " + "N" * 16_000)
    t = time.perf_counter()
    code, _, err = run(["check", str(ldn)], capsys)
    assert "Traceback" not in err and time.perf_counter() - t < 20, err


def test_a_qr_url_over_the_qr_limit_is_an_error_not_a_traceback(ldn: Path, capsys):
    edit(ldn / "handout.yaml", "qr_url: https://", "qr_url: https://example.org/" + "a" * 2400 + "#")
    code, _, err = run(["check", str(ldn)], capsys)
    assert code == 1 and "Traceback" not in err
    assert "qr_url: is 2" in err and "a QR code holds at most 1273" in err, err


def test_a_starter_is_refused_in_a_language_no_build_can_print(tmp_path: Path, capsys):
    """A portal administrator's review: 'handout new demo --lang xx' wrote a starter (exit 0) that no build could
    print: there are no labels for 'xx'.  Nothing is written; the languages there are are named."""
    code, _, err = run(["new", "demo", "--data", str(tmp_path / "data"), "--lang", "xx"], capsys)
    assert code == 2 and "'xx': handout has no labels for this language (expected one of: ar, en, es" in err, err
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("cmd", [["new", "ok"], ["build", "ldn"], ["check", "ldn"]])
def test_language_codes_are_bcp47_tags_never_paths(tmp_path: Path, capsys, cmd):
    data = tmp_path / "a" / "b" / "data"
    data.mkdir(parents=True)
    code, _, err = run([*cmd, "--data", str(data), "--lang", "../../../x"], capsys)
    assert code == 2 and "is not a language code" in err and "Traceback" not in err, err
    assert not list(tmp_path.rglob("x.yaml")) and not (tmp_path / "x").exists()


def test_a_language_file_that_cannot_be_built_is_said_at_the_file(ldn: Path, tmp_path: Path, capsys):
    """A review: "xx_123: error: lang: …" named no file, and a German file was said at the package's own
    missing catalog (handout/catalogs/de.yaml), never at data/<id>/de.yaml; the rest still builds."""
    text = (ldn / "en.yaml").read_text(encoding="utf-8")
    (ldn / "xx_123.yaml").write_text(text, encoding="utf-8")
    (ldn / "de.yaml").write_text(text.replace("language: en", "language: de", 1), encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(["build", str(ldn), "--edition", "standard", "-j", "1", "--out", str(out)], capsys)
    assert code == 1 and "Traceback" not in err, err
    assert f"{ldn / 'xx_123.yaml'}: error: lang: 'xx_123' is not a language code" in err, err
    assert f"{ldn / 'de.yaml'}: error: lang: 'de': handout has no labels for this language (expected one of: ar, en," in err
    assert "catalogs/de.yaml:" not in err and (out / "ldn" / "ldn.en.pdf").exists()


def test_well_formed_tags_pass():
    from handout.langs import valid

    assert all(valid(t) for t in ("en", "es-419", "zh-Hans", "sr-Latn-RS", "de-CH-1996"))
    assert not any(valid(t) for t in ("../x", "en/../..", "", "e", "en_US", "x" * 40, "en\n"))


def test_the_quick_scan_for_refused_characters_misses_none():
    """chars.problems skips its per-character loop when one regex finds nothing suspect: every code
    point of the first plane and the plane boundaries is refused exactly as the categories say."""
    import unicodedata

    from handout import chars

    points = [*range(0x10000), *(p << 16 | x for p in range(1, 17) for x in (0, 0xFFFD, 0xFFFE, 0xFFFF))]
    for cp in points:
        c = chr(cp)
        refused = (unicodedata.category(c) in ("Cc", "Cs") and c != "\n") or (cp & 0xFFFE) == 0xFFFE \
            or 0xFDD0 <= cp <= 0xFDEF
        assert bool(chars.problems(f"a{c}b")) is refused, hex(cp)


def test_what_clean_remembers_is_bounded_and_never_a_patients_characters(monkeypatch):
    """``clean`` remembers each character's fate for content, at most ``LIMIT`` of them (a web
    page lives on and sees whatever is typed); a patient's details go through it unremembered,
    and are cleaned the same."""
    from handout import chars
    from handout.personal import merge

    monkeypatch.setattr(chars, "_DROPS", chars._Drops())  # the process's own table stays as it was
    name = "\u2066\u7530\u4e2d\u82b1\u5b50\u2069 \u00e9\u00e8"  # isolated, as chat apps paste it
    p = merge(None, patient=name)
    assert p.patient == "\u7530\u4e2d\u82b1\u5b50 \u00e9\u00e8"
    assert not set(name) & set(chars._DROPS)
    assert clean("a\u200bb\u2028c") == "ab c" and set(chars._DROPS) & {"\u200b", "\u2028"}
    many = "".join(map(chr, range(0x4E00, 0x4E00 + 2 * chars._Drops.LIMIT)))  # nothing to drop: all asked
    assert clean(many) == many and len(chars._DROPS) == chars._Drops.LIMIT
    assert clean(many + "\u200b\u3400") == many + "\u3400"  # past the limit: still cleaned


def test_the_arabic_test_of_a_token_is_exactly_its_three_blocks():
    """``rtl.ARABIC`` (breaks.tokens: which tokens are joined) matches Arabic (U+0600-06FF), Arabic
    Supplement (U+0750-077F) and Arabic Extended-A (U+08A0-08FF), and nothing else."""
    from handout.rtl import ARABIC

    blocks = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF))
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    found = {ord(m.group()) for m in ARABIC.finditer(every)}
    assert found == {c for lo, hi in blocks for c in range(lo, hi + 1)}


def test_invisible_is_exactly_the_ignorable_ranges():
    """``rtl.invisible`` (never drawn) answers from a set and a range, remembering nothing: the
    same answer as the ranges, for every code point."""
    from handout.rtl import IGNORABLE, invisible

    wrong = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF
             and invisible(chr(c)) != any(lo <= c <= hi for lo, hi in IGNORABLE)]
    assert wrong == []
