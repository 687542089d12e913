"""A word list's phrases written as a tree (``wordpatterns.trie``) match exactly what their alternation, longest
first, matches: the same places, the same text, and the same fall-back to a shorter phrase when what follows fails."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handout import recache
from handout.wordlists import load
from handout.wordpatterns import LISTED_NUMBER, NUMBER_MARK, alternation, trie, words_regex

from conftest import DATA

# What follows a phrase in the patterns built on them: a plural, a whole word, nothing
AFTER = ["", r"(?:e?s)?(?![\w-])", r"(?!\w)"]
SPACES = r"\s+"


def _alternation(phrases: list[str], space: str | None) -> str:
    """The alternation, longest first, as ``alternation`` wrote it before the tree."""
    parts = sorted({" ".join(p.split()) if space else p for p in phrases}, key=recache.longest_first)
    return "|".join(space.join(re.escape(w) for w in p.split()) if space else re.escape(p) for p in parts)


def _same(phrases: list[str], text: str, space: str | None, after: str, flags: int) -> None:
    old = re.compile(f"(?:{_alternation(phrases, space)}){after}", flags)
    new = re.compile(f"(?:{trie(phrases, space)}){after}", flags)
    assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], (phrases, text)


# Short phrases over a few letters (so they share beginnings and end inside each other), and texts of them
LETTERS = "abkAB KsµμſK-"
phrase = st.text(alphabet="abkAB KsµμſK", min_size=1, max_size=6)


@settings(max_examples=400, deadline=None)
@given(st.lists(phrase, min_size=1, max_size=8), st.text(alphabet=LETTERS, max_size=30),
       st.sampled_from([None, r"\s+"]), st.sampled_from(AFTER), st.sampled_from([0, re.I]))
def test_the_tree_matches_what_the_alternation_matches(phrases: list[str], text: str, space: str | None, after: str,
                                                       flags: int) -> None:
    if space and not any(p.split() for p in phrases):
        return  # (only spaces: no phrase once a run of spaces is their separator)
    _same(phrases, text, space, after, flags)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="abc s", min_size=1, max_size=6), min_size=1, max_size=10),
       st.text(alphabet="abcAB s-", max_size=30), st.sampled_from([None, r"\s+"]), st.sampled_from(AFTER),
       st.sampled_from([0, re.I]))
def test_the_tree_of_plain_letters_matches_the_same(phrases: list[str], text: str, space: str | None, after: str,
                                                    flags: int) -> None:
    """(Letters with no case-insensitive twin among them: written as a tree, not as the alternation.)"""
    if space and not any(p.split() for p in phrases):
        return
    assert "|" not in trie(phrases, space) or "(?:" in trie(phrases, space) or len(set(phrases)) == 1
    _same(phrases, text, space, after, flags)


def _sequential(words: list[str], number: str) -> str:
    """``alternation`` as it was written before the tree: every phrase in turn, longest first (by their length as
    matched: "a " is "a"; no word list has a phrase with a space at an end or two together)."""
    parts = sorted({" ".join(w.lower().split()) for w in words}, key=recache.longest_first)
    return "|".join(r"\s+".join(re.escape(p).replace(r"\#", number + r"\s*") for p in w.split()) for w in parts)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet="ab #", min_size=1, max_size=6).filter(lambda p: p.split() != []), min_size=1,
                max_size=8),
       st.text(alphabet="ab 12-,.", max_size=30), st.sampled_from(AFTER), st.sampled_from([NUMBER_MARK, LISTED_NUMBER]))
def test_phrases_with_a_number_match_the_same_as_in_turn(words: list[str], text: str, after: str, number: str) -> None:
    """Phrases with a "#" first, then the tree of the rest: the same matches as every phrase in turn."""
    old = re.compile(f"(?:{_sequential(words, number)}){after}", re.I)
    new = re.compile(f"(?:{alternation(tuple(words), number)}){after}", re.I)
    assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], (words, text)


def _texts() -> list[str]:
    out = []
    for path in sorted(DATA.glob("*/*.yaml")):
        out += [line.lower() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_every_word_lists_phrases_match_the_same_in_the_bundled_words(lang: str) -> None:
    """Every phrase list of a word list, as ``alternation`` writes it, on every line of every bundled handout's files."""
    words = load(lang)
    assert words is not None
    texts = _texts()
    lists = [v for v in vars(words).values() if isinstance(v, tuple) and v and all(isinstance(x, str) for x in v)]
    assert len(lists) > 50 and sum(any("#" in x for x in v) for v in lists) > 5
    for phrases in lists:
        old = re.compile(f"(?:{_sequential(list(phrases), NUMBER_MARK)}){AFTER[1]}", re.I)
        new = re.compile(f"(?:{alternation(phrases)}){AFTER[1]}", re.I)
        # ... and as whole words, with their look ahead at the first letters (a digit or a number's "#" among them)
        ahead = words_regex(phrases, True)
        without = re.compile(re.sub(r"\(\?=\[[^\]]*\]\)", "", ahead, count=1), re.I)
        ahead_re = re.compile(ahead, re.I)
        for text in texts:
            assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], (phrases, text)
            assert [m.span() for m in ahead_re.finditer(text)] == [m.span() for m in without.finditer(text)], (phrases, text)


def test_characters_that_are_one_under_ignorecase_keep_the_alternation() -> None:
    """"µ" and "μ" are one letter to IGNORECASE: as a tree their branches would be tried out of length order."""
    assert trie(["µg", "μgs"]) == "μgs|µg"
    assert trie(["\u212ag", "Kgs"]) == "Kgs|\u212ag"  # (the Kelvin sign: "K" to IGNORECASE)
    assert trie(["every day", "every dose", "each day"], r"\s+") == r"e(?:ach\s+day|very\s+d(?:ay|ose))"


# The sentence splits as written before their look ahead at a space (plain._SPLIT, reading._SPLIT)
_OLD_SPLITS = {
    "plain": re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"'”’»)\]*])\s+|(?<=[.!?]\*\*)\s+|(?<=[。！？।؟۔])\s*"),
    "reading": re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"'”’»)\]])\s+|(?<=[。！？।؟۔])\s*"),
}


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="ab .!?\"'”)]*。؟\n\t", max_size=40))
def test_the_sentence_splits_split_as_before(text: str) -> None:
    from handout import plain, reading

    for name, module in (("plain", plain), ("reading", reading)):
        split = module._SPLIT if reading.STOPS.search(text) else module._SPLIT_LATIN
        assert module._SPLIT.split(text) == split.split(text) == _OLD_SPLITS[name].split(text), (name, text)


def test_the_bundled_words_split_as_before() -> None:
    from handout import plain, reading

    for raw in _texts():
        for name, module in (("plain", plain), ("reading", reading)):
            split = module._SPLIT if reading.STOPS.search(raw) else module._SPLIT_LATIN
            assert module._SPLIT.split(raw) == split.split(raw) == _OLD_SPLITS[name].split(raw), (name, raw)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab *[@]. \n\t", max_size=30))
def test_a_text_with_no_markup_reads_as_its_spans_do(text: str) -> None:
    """``reading.plain`` takes a text with no "**" and no "[@" as it is, without parsing it into spans: the same text."""
    from handout.markup import parse_markup
    from handout.reading import _SPACE_BEFORE_STOP, plain

    spans = " ".join("".join(sp.text for sp in parse_markup(text, remember=False) if not sp.cite).split())
    assert plain(text) == _SPACE_BEFORE_STOP.sub("", spans)
