"""The process's memory (``handout.memory``): bounded, cleared in one call, and never holding personal text."""

from __future__ import annotations

import gc
import re
import secrets
from datetime import date
from pathlib import Path

import pytest

from conftest import pdf_text
from handout import content, pipeline
from handout.memory import MEMORY, Bounded
from handout.model import CALENDAR, STANDARD, Personal
from handout.theme import load_theme

ROOT = Path(__file__).resolve().parent.parent


def _live_strings() -> list[str]:
    """Every string reachable from the garbage collector's objects: strings in dicts (keys too),
    tuples, lists, sets and the slots of objects, however deep, untracked containers (a cache's
    key tuples) included."""
    found: list[str] = []
    seen: set[int] = set()
    stack: list[object] = list(gc.get_objects())
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, str):
            found.append(obj)
            continue
        if isinstance(obj, (bytes, int, float, type(None))):
            continue
        if isinstance(obj, dict):  # the collector never visits a dict's string keys (they make no cycle)
            stack.extend(obj.keys())
        stack.extend(gc.get_referents(obj))
    return found


def _strings_holding(token: str) -> list[str]:
    """The live strings that contain ``token`` (besides ``token`` itself)."""
    return [s for s in _live_strings() if token in s and s is not token]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_no_personal_text_stays_in_memory_after_a_personalised_build(lang: str) -> None:
    sel = content.select(["ldn"], ROOT / "data")
    h = next(x for x in content.read(sel.targets[0], (lang,)).handouts if x.lang == lang)
    theme = load_theme()
    token = secrets.token_hex(6)
    for edition in (STANDARD, CALENDAR):
        p = Personal(patient=f"Zq{token}ia Marker", prescriber=f"Dr Pr{token}", clinic=f"Clinic {token}x",
                     pharmacy=f"Ph{token}", note=f"Note {token} with food", start=date(2026, 12, 1))
        built = pipeline.build(h, theme, edition=edition, personal=p)
        assert built.pdf.startswith(b"%PDF")
        text = " ".join(line for page in built.laid.pages for it in page.items
                        for line in [getattr(getattr(it, "line", None), "logical", "")])
        assert token in text  # printed …
        del built, p, text
    gc.collect()
    assert _strings_holding(token) == []  # … and forgotten


@pytest.mark.parametrize("lang, edition, personal", [("en", STANDARD, False), ("ar", CALENDAR, True),
                                                    ("hi", STANDARD, True), ("zh-Hans", "wallet", False)])
def test_a_build_leaves_no_reference_cycles_of_its_own(lang: str, edition: str, personal: bool) -> None:
    """A batch process runs with the cycle collector off (procs.tune_gc): that is safe only while a
    build's objects are freed by reference counting.  The structure tree's parent links made ~150
    elements and their drawn items a PDF into cycles (a personalised page's with the patient's
    words in them); nothing of handout's, and no page's bytes, may wait for the collector."""
    sel = content.select(["ldn"], ROOT / "data")
    h = next(x for x in content.read(sel.targets[0], (lang,)).handouts if x.lang == lang)
    theme = load_theme()
    p = Personal(patient="Ana Example", start=date(2026, 12, 1)) if personal else None
    pipeline.build(h, theme, edition=edition, personal=p)  # the first: what is loaded once
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        built = pipeline.build(h, theme, edition=edition, personal=p)
        assert built.pdf.startswith(b"%PDF")
        del built
        gc.collect()
        ours = [type(o).__module__ + "." + type(o).__qualname__ for o in gc.garbage
                if type(o).__module__.startswith(("handout", "reportlab")) or isinstance(o, (bytes, bytearray))]
        assert ours == [], ours[:20]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was:
            gc.enable()


def test_memory_is_bounded_and_cleared_in_one_call() -> None:
    b: Bounded[int, int] = Bounded(3)
    for i in range(5):
        b.put(i, i)
    assert list(b) == [2, 3, 4]  # the oldest go first
    sel = content.select(["ldn"], ROOT / "data")
    h = next(x for x in content.read(sel.targets[0], ("en",)).handouts if x.lang == "en")
    first = pipeline.build(h, load_theme()).pdf
    assert MEMORY.sizes()["wraps"] > 0 and MEMORY.sizes()["subsets"] > 0
    pipeline.clear_caches()
    assert set(MEMORY.sizes().values()) == {0}
    assert pipeline.build(h, load_theme()).pdf == first  # the same bytes from an empty memory


def test_recall_keeps_what_is_used_and_makes_what_is_missing() -> None:
    b: Bounded[str, int] = Bounded(3)
    made: list[str] = []
    for k in "abc":
        b.recall(k, lambda k=k: made.append(k) or len(made))
    assert b.recall("a", lambda: 99) == 1 and made == ["a", "b", "c"]  # a hit is not made again
    b.recall("d", lambda: 4)
    assert list(b) == ["c", "a", "d"]  # "b", the least recently used, went; "a" was used, stayed


# Run in a fresh process: the lines sought are short ("Nov 5 – 14"), and another test's strings
# must not be mistaken for them.  The lines a patient's details decide are those that differ
# between two patients: every one of them must be gone once the builds are.
_WORKED_OUT = """
import gc, sys
from datetime import date
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from test_memory import _live_strings
from conftest import pdf_text
from handout import content, pipeline
from handout.model import CALENDAR, STANDARD, Personal
from handout.theme import load_theme

hid, lang, weight = sys.argv[2], sys.argv[3], float(sys.argv[4]) or None
h = content.read(content.select([hid], Path(sys.argv[5])).targets[0], (lang,)).handouts[0]

def lines(p):
    out = set()
    for edition in (STANDARD, CALENDAR):
        built = pipeline.build(h, load_theme(), edition=edition, personal=p)
        out |= {it.line.logical for page in built.laid.pages for it in page.items if hasattr(it, "line")}
    return out

a = lines(Personal(weight_kg=weight, weighed_on=date(2026, 2, 23) if weight else None, start=date(2026, 11, 5)))
b = lines(Personal(weight_kg=weight and weight + 1.11, weighed_on=date(2026, 3, 2) if weight else None,
                   start=date(2026, 12, 9)))
# A month's name alone is anyone's, and so is a day of the month alone (a calendar's header cell
# where the day's name does not leave it room beside it: "3"); any longer number is sought.
tokens = sorted(t for t in a ^ b if any(c.isdigit() for c in t) and not (t.strip().isdigit() and len(t.strip()) <= 2))
del a, b
gc.collect()
mine = {id(t) for t in tokens}  # the lines themselves, held here (one may hold another: "392 mg")
live = [x for x in _live_strings() if id(x) not in mine]
print(repr({t: [x for x in live if t in x] for t in tokens}))
"""


@pytest.mark.parametrize("hid, lang, weight", [("amoxicillin", "en", 17.37), ("methotrexate", "ar", 0),
                                               ("ldn", "hi", 0), ("ldn", "zh-Hans", 0)])
def test_nothing_worked_out_from_a_patient_s_details_stays_in_memory(hid: str, lang: str, weight: float) -> None:
    """A dose worked out from the child's weight (and the weighing date), and every date the start
    date gives (the dose table's, the calendar's), are the patient's health data: printed, then
    forgotten with the build, as the name is."""
    import ast
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-c", _WORKED_OUT, str(Path(__file__).parent), hid, lang, str(weight),
                          str(ROOT / "data")], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    left = ast.literal_eval(res.stdout)  # {a line only one patient's build printed: the strings holding it}
    assert len(left) > 4 and {t: found for t, found in left.items() if found} == {}


def test_a_personalised_page_s_font_subsets_are_not_remembered() -> None:
    """A subset lists the characters in the order the page first uses them, the patient's name among
    the first: for a Chinese name, the name itself.  Neither it, its ToUnicode map nor its
    compressed program outlives the build (the same handout without a name is remembered)."""
    import random

    sel = content.select(["ldn"], ROOT / "data")
    h = content.read(sel.targets[0], ("zh-Hans",)).handouts[0]
    theme = load_theme()
    pipeline.build(h, theme)  # the handout's own subsets: remembered
    streams = len(MEMORY.font_streams)
    text = (ROOT / "data" / "ldn" / "zh-Hans.yaml").read_text(encoding="utf-8")
    pool = [chr(c) for c in range(0x5F20, 0x5F60) if chr(c) not in text]
    random.Random(secrets.randbits(32)).shuffle(pool)
    name = "".join(pool[:3])
    built = pipeline.build(h, theme, personal=Personal(patient=name))
    assert name in " ".join(pdf_text(built.pdf))
    codes = {ord(c) for c in name}
    assert [key for font in MEMORY.subsets.values() for key in font if codes & set(key)] == []
    marks = [f"<{c:04X}>" for c in codes]
    assert [m for m in MEMORY.cmaps if any(x in m for x in marks)] == []
    assert [m for m in MEMORY.cmap_streams if any(x in str(m) for x in marks)] == []
    assert len(MEMORY.font_streams) == streams


def test_memory_shared_by_the_web_page_s_threads_never_fails_a_build() -> None:
    """Four threads filling one small memory, switching as often as Python allows: dropping the
    oldest entry raised KeyError when two threads dropped the same one (a server error for a
    clinician on the web page)."""
    import sys
    import threading

    b: Bounded[tuple[int, int], int] = Bounded(4)
    errors: list[str] = []

    def fill(n: int) -> None:
        try:
            for i in range(50_000):
                b.put((n, i), i)
                b.recall((n, i - 1), lambda i=i: i)
        except Exception as exc:  # what the web page would have answered with a 500
            errors.append(repr(exc))

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=fill, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert errors == [] and len(b) <= 4 + 4  # each thread may add one past the bound while another drops


@pytest.mark.parametrize("lang", ["zh-Hans", "ar"])
def test_no_character_of_a_patient_s_or_prescriber_s_name_is_remembered(tmp_path: Path, lang: str) -> None:
    """A Chinese name is its characters: none of the patient's (typed) nor the prescriber's (from the
    clinic profile) stays anywhere in the process after the build, not even one by one in a
    per-character table (the font choice, ``chars.clean``'s; on an Arabic page, where the fallback
    fonts draw it, the bidi classes' — found in review)."""
    import random

    from handout.clinic import profile
    from handout.personal import merge

    sel = content.select(["ldn"], ROOT / "data")
    h = content.read(sel.targets[0], (lang,)).handouts[0]
    theme = load_theme()
    for edition in (STANDARD, CALENDAR):  # everything a build loads (Babel's Chinese data has single characters)
        pipeline.build(h, theme, edition=edition, personal=Personal(start=date(2026, 12, 7)))
    gc.collect()
    block = re.compile("[\\u6A00-\\u6AFF]")  # searched in C: the suite's process holds many strings
    seen = {ord(ch) for s in _live_strings() for ch in block.findall(s)}
    pool = [c for c in range(0x6A00, 0x6B00) if c not in seen]
    random.Random(secrets.randbits(32)).shuffle(pool)
    codes = pool[:6]  # kept as numbers: the test holds no string of them
    (tmp_path / "clinic.yaml").write_text("prescriber: \"" + "".join(f"\\u{c:04X}" for c in codes[3:])
                                          + " 医生\"\nclinic: 诊所\n", encoding="utf-8")
    p = merge(profile(tmp_path / "clinic.yaml"), patient="\u2066" + "".join(map(chr, codes[:3])) + "\u2069",
              start=date(2026, 12, 7))
    for edition in (STANDARD, CALENDAR):
        built = pipeline.build(h, theme, edition=edition, personal=p)
        shown = " ".join(pdf_text(built.pdf))  # an Arabic page's text comes out in drawing order
        assert "".join(map(chr, codes[:3])) in shown or "".join(map(chr, codes[2::-1])) in shown
    del built, p
    gc.collect()
    # the pattern is written with escapes, so it holds none of the characters it looks for
    theirs = re.compile("[" + "".join(f"\\u{c:04X}" for c in codes) + "]")
    left = [s for s in _live_strings() if theirs.search(s)]
    assert left == []


def test_a_personalised_build_formats_its_numbers_without_remembering_them() -> None:
    """A dose worked out from a child's weight is the patient's: the numbers a personalised handout
    prints are formatted each time, never kept in the process's table of formatted numbers; a
    handout for no one keeps its own (the next layout of it finds them)."""
    h = content.read(content.select(["amoxicillin"], ROOT / "data").targets[0], ("en",)).handouts[0]
    MEMORY.numbers.clear()
    pipeline.build(h, load_theme(), edition=STANDARD,
                   personal=Personal(weight_kg=17.37, weighed_on=date(2026, 2, 23), start=date(2026, 11, 5)))
    assert dict(MEMORY.numbers) == {}
    pipeline.build(h, load_theme(), edition=STANDARD)
    assert MEMORY.numbers and all(lang == "en" for lang, _, _ in MEMORY.numbers)
