"""The en_US hyphenation patterns kept on disk are exactly pyphen's own parse."""

from __future__ import annotations

import pyphen

from handout import hyphcache


def test_kept_patterns_are_pyphens_own_and_a_damaged_file_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = pyphen.LANGUAGES["en_US"]
    saved = dict(pyphen.hdcache)
    try:
        pyphen.hdcache.clear()
        assert hyphcache.prime("en_US") is False  # parsed by pyphen, and kept
        (kept,) = (tmp_path / "handout").glob("pyphen-*.marshal")
        pyphen.hdcache.clear()
        assert hyphcache.prime("en_US") is True  # read back
        assert vars(pyphen.hdcache[path]) == vars(pyphen.HyphDict(path))
        assert pyphen.Pyphen(lang="en_US").inserted("hyphenation") == "hy-phen-ation"
        kept.write_bytes(b"\x00not marshal")
        pyphen.hdcache.clear()
        assert hyphcache.prime("en_US") is False and vars(pyphen.hdcache[path]) == vars(pyphen.HyphDict(path))
        assert hyphcache.prime("en_US") is True  # already in the process
        assert not list((tmp_path / "handout").glob(".*.tmp"))
    finally:
        pyphen.hdcache.clear()
        pyphen.hdcache.update(saved)
