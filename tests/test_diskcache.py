"""What the disk cache gives back is printed: only whole files that this user alone wrote are read."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from handout import diskcache

DATA = Path(__file__).resolve().parent.parent / "data"


def test_kept_data_comes_back_in_a_folder_and_file_of_this_user_alone(cache: Path):
    old = os.umask(0o002)  # a desktop's umask: what it makes, the user's group may write
    try:
        diskcache.keep("x.marshal", {"a": [1, 2.5, "b"]})
    finally:
        os.umask(old)
    assert diskcache.read("x.marshal") == {"a": [1, 2.5, "b"]}
    assert (cache.stat().st_mode & 0o777, (cache / "x.marshal").stat().st_mode & 0o777) == (0o700, 0o600)


def _flip_last_byte(p: Path) -> None:
    b = bytearray(p.read_bytes())
    b[-1] ^= 1
    p.write_bytes(bytes(b))


def test_equal_values_are_kept_once_and_come_back_equal_with_their_types():
    """What marshal writes once and refers to after (a font's widths, pyphen's patterns) comes back
    as equal data of the same types: -0.0 stays -0.0, True stays True, a list stays a list."""
    def w() -> int:  # a new object each time, as a parse makes them
        return int("600")

    def pattern() -> tuple:
        return tuple([0, tuple([1, 2])])

    widths = [w(), w(), pattern(), pattern(), 0.0, -0.0, 1, True, "mg", "mg", b"x", None, [1.5, 1.5]]
    assert widths[0] is not widths[1] and widths[2] is not widths[3]
    data = {"widths": widths, "map": {65: w(), 66: w()}, 7: (1.0, -0.0)}
    back = marshal.loads(marshal.dumps(diskcache.shared(data)))
    assert back == data
    assert [type(v) for v in back["widths"]] == [type(v) for v in widths]
    assert str(back["widths"][5]) == "-0.0" and str(back[7][1]) == "-0.0" and back["widths"][7] is True
    assert back["widths"][2] is back["widths"][3] and back["widths"][0] is back["map"][65]  # kept once
    assert len(marshal.dumps(diskcache.shared(data))) < len(marshal.dumps(data))


@pytest.mark.parametrize("damage", [
    _flip_last_byte,
    lambda p: p.write_bytes(p.read_bytes()[:-3]),  # cut short
    lambda p: p.write_bytes(marshal.dumps({"a": [1, 2.5, "b"]})),  # the bare marshal of an older version
    lambda p: p.chmod(0o620),  # a file others could have written
    lambda p: p.parent.chmod(0o770),  # a folder others could have written into
    lambda p: (p.rename(p.with_name("real")), p.symlink_to(p.with_name("real"))),  # a link, to anywhere
], ids=["bit-flipped", "cut-short", "old-format", "group-writable-file", "group-writable-folder", "symlink"])
def test_a_damaged_or_foreign_file_is_never_read(cache: Path, damage):
    diskcache.keep("x.marshal", {"a": [1, 2.5, "b"]})
    damage(cache / "x.marshal")
    assert diskcache.read("x.marshal") is None


def test_a_cache_folder_kept_elsewhere_through_a_link_is_used(cache: Path, tmp_path: Path):
    (tmp_path / "elsewhere").mkdir(mode=0o700)
    cache.parent.mkdir()
    cache.symlink_to(tmp_path / "elsewhere")
    diskcache.keep("x.marshal", 1)
    assert diskcache.read("x.marshal") == 1 and (tmp_path / "elsewhere" / "x.marshal").is_file()


def test_a_folder_of_ours_others_could_write_to_is_closed_before_it_is_written(cache: Path):
    cache.mkdir(mode=0o775, parents=True)
    cache.chmod(0o775)
    diskcache.keep("x.marshal", 1)
    assert cache.stat().st_mode & 0o777 == 0o700 and diskcache.read("x.marshal") == 1


def test_a_font_parse_altered_on_disk_is_parsed_again_so_the_dose_prints_as_written(tmp_path: Path):
    """The kept parse of a font maps each character to the glyph drawn for it.  Pointed '1' at the
    glyph of '4' (same width), it drew "4.5 mg" over a text layer saying "1.5 mg"."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    build = ("import sys; from pathlib import Path; from handout import content, pipeline; "
             "from handout.theme import load_theme; "
             "h = content.read(content.select(['ldn'], Path(sys.argv[1])).targets[0], ('en',)).handouts[0]; "
             "Path(sys.argv[2]).write_bytes(pipeline.build(h, load_theme()).pdf)")
    clean, altered = tmp_path / "clean.pdf", tmp_path / "altered.pdf"
    subprocess.run([sys.executable, "-c", build, str(DATA), str(clean)], env=env, check=True, cwd=tmp_path)
    changed = 0
    for f in (tmp_path / "cache" / "handout").glob("font-*.marshal"):
        blob = f.read_bytes()
        head = len(diskcache.MAGIC) + 32
        state = marshal.loads(blob[head:])
        glyphs = state["charToGlyph"]
        if ord("1") in glyphs and ord("4") in glyphs:
            glyphs[ord("1")] = glyphs[ord("4")]
            f.write_bytes(blob[:head] + marshal.dumps(state))  # its old checksum kept
            changed += 1
    assert changed
    subprocess.run([sys.executable, "-c", build, str(DATA), str(altered)], env=env, check=True, cwd=tmp_path)
    assert altered.read_bytes() == clean.read_bytes()


def test_a_cache_folder_of_another_user_is_named_once_a_build_ends(cache: Path, tmp_path: Path, monkeypatch, capsys):
    """A cache folder another user made (a build once run with sudo) is never read, and builds
    silently parse the fonts again: the build says so, with what to do; with a folder of its own
    it says nothing."""
    from conftest import DATA, run

    cache.mkdir(parents=True, exist_ok=True)
    code, _, err = run(["build", str(DATA / "ldn"), "--lang", "en", "--edition", "standard", "--out", str(tmp_path / "a")],
                       capsys)
    assert code == 0 and "cache" not in err
    mine = os.stat(cache).st_uid
    monkeypatch.setattr(os, "getuid", lambda: mine + 1)
    code, _, err = run(["build", str(DATA / "ldn"), "--lang", "en", "--edition", "standard", "--out", str(tmp_path / "b")],
                       capsys)
    assert code == 0
    assert f"{cache}: note: cache: not used: owned by another user (uid {mine})" in err
    assert "set XDG_CACHE_HOME to a folder of your own" in err
