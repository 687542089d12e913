"""End to end through the CLI: the bundled LDN handout in English."""

from __future__ import annotations

import json

import re
from pathlib import Path

import pytest

from conftest import DATA, edit, pdf_text, run
from handout.content import Target, read
from handout.localize import Localizer


@pytest.fixture
def built(ldn: Path, tmp_path: Path, capsys) -> tuple[Path, bytes]:
    out = tmp_path / "out"
    code, stdout, err = run(["build", str(ldn), "--out", str(out)], capsys)
    assert code == 0, err
    pdf = out / "ldn" / "ldn.en.pdf"
    assert f"built {pdf}" in stdout
    return pdf, pdf.read_bytes()


def test_ldn_builds_within_max_pages(built):
    _, data = built
    assert 1 <= len(pdf_text(data)) <= 2


def test_every_fact_is_in_the_text_layer(ldn: Path, built):
    _, data = built
    text = " ".join(" ".join(pdf_text(data)).split())
    res = read(Target(ldn))
    h = res.handouts[0]
    loc = Localizer("en")
    track = h.track()
    for step in track.steps:  # every dose, in its safe printed form
        assert loc.dose(step.amount, track.product.unit).replace("\xa0", " ") in text
    for words in h.text.side_effects.values():
        assert " ".join(words.split()) in text
    for inter in h.facts.interactions:
        for drug in inter.drugs:
            assert drug.name in text
            if drug.brand:
                assert drug.brand in text
    for src in h.facts.sources:
        assert " ".join(src.title.split()) in text
    assert "Do not take LDN with:" in text


def test_doses_are_printed_safely(built):
    _, data = built
    text = " ".join(pdf_text(data))
    assert "1.5 mg" in text and "4.5 mg" in text
    assert not re.search(r"\d\.0 mg", text), "trailing zero"
    assert not re.search(r"(?<![\d])\.\d+ mg", text), "missing leading zero"


def test_footer_on_every_page(built):
    _, data = built
    pages = pdf_text(data)
    for i, page in enumerate(pages, 1):
        assert f"Page {i} of {len(pages)}" in page
        assert "Not yet reviewed" in page  # no reviewed_by: never "Reviewed <date>"
        assert "Version 1.1" in page


def test_qr_code_decodes_to_the_declared_url(built):
    import pypdfium2 as pdfium
    import zxingcpp

    _, data = built
    doc = pdfium.PdfDocument(data)
    found = set()
    for i in range(len(doc)):
        image = doc[i].render(scale=150 / 72).to_pil()
        found |= {r.text for r in zxingcpp.read_barcodes(image)}
    assert found == {"https://handout.example.org/ldn/sources"}


def test_two_builds_are_byte_identical(ldn: Path, tmp_path: Path, capsys, built):
    _, first = built
    out2 = tmp_path / "again"
    assert run(["build", str(ldn), "--out", str(out2)], capsys)[0] == 0
    assert (out2 / "ldn" / "ldn.en.pdf").read_bytes() == first


def test_the_console_scripts_collector_settings_give_the_same_bytes(ldn: Path, tmp_path: Path, built):
    """The console script (and every worker) runs with no cyclic garbage collection (procs.tune_gc);
    the PDF is the one an in-process build with Python's defaults makes."""
    import os
    import subprocess
    import sys

    code = ("import gc, sys; from handout import cli; sys.argv = ['handout', *sys.argv[1:]]\n"
            "try:\n    cli.main_entry()\nfinally:\n    print('collector', gc.isenabled(), file=sys.stderr)")
    out = tmp_path / "console"
    res = subprocess.run([sys.executable, "-c", code, "build", str(ldn), "--out", str(out), "-q"],
                         capture_output=True, text=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert res.returncode == 0, res.stderr
    assert "collector False" in res.stderr  # the tuned collector did run the build
    _, first = built
    assert (out / "ldn" / "ldn.en.pdf").read_bytes() == first
    # A patient's printout keeps Python's defaults: a cycle holding their details is freed as soon
    # as without handout (the web page and --watch, long-lived, keep them too).
    res = subprocess.run([sys.executable, "-c", code, "build", str(ldn), "--out", str(tmp_path / "p"), "-q",
                          "--patient", "Ana Example", "--start", "2026-12-07"],
                         capture_output=True, text=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert res.returncode == 0, res.stderr
    assert "collector True" in res.stderr


def test_metadata(built):
    from pypdf import PdfReader

    pdf, _ = built
    reader = PdfReader(pdf)
    meta = reader.metadata
    assert meta.title.startswith("Low-dose naltrexone (LDN)")
    assert meta.author == "handout"
    assert "fibromyalgia" in meta.subject
    assert "LDN" in (meta.get("/Keywords") or "")
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert meta.get("/CreationDate", "").startswith("D:20261101")


def test_failed_build_keeps_previous_file_and_leaves_no_partial(ldn: Path, built, capsys):
    pdf, before = built
    # make the content too long to fit: the build must fail and leave the old PDF untouched
    edit(ldn / "en.yaml", "  - id: missed_dose\n    heading: If you miss a dose\n    body:\n",
         "  - id: missed_dose\n    heading: If you miss a dose\n    body:\n" + "      - " + "Long text. " * 400 + "\n")
    files = sorted(p.name for p in pdf.parent.iterdir())
    code, _, err = run(["build", str(ldn), "--out", str(pdf.parent.parent)], capsys)
    assert code == 1
    assert "does not fit in 2 pages" in err
    assert pdf.read_bytes() == before
    assert sorted(p.name for p in pdf.parent.iterdir()) == files  # nothing new, nothing half-written


def test_check_writes_nothing(ldn: Path, tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["check", str(ldn)], capsys)
    assert code == 0
    assert "ok ldn en (2 pages" in out
    assert not (tmp_path / "output").exists()


def test_check_never_says_ok_for_a_handout_the_build_refuses(ldn: Path, capsys):
    """'ok ldn en (2 pages ...)' printed under an error that stops the build: read as printable."""
    from conftest import edit

    edit(ldn / "en.yaml", "title: Low-dose naltrexone (LDN)", "title: Low-dose naltrexone (LDN) .5 mg")
    code, out, err = run(["check", str(ldn), "--lang", "en"], capsys)
    assert code == 1 and "[H151]" in err
    lines = out.splitlines()
    assert lines and not [ln for ln in lines if ln.startswith("ok ")], out
    assert "not ok ldn en (lays out in 2 pages, body 12 pt; what is said above stops its build)" in lines


@pytest.mark.parametrize("asked, meant", [("ES", "es"), ("es-MX", "es"), ("zh", "zh-Hans"), ("de", None)])
def test_a_language_asked_in_another_spelling_is_named_not_swapped(asked: str, meant, capsys, tmp_path):
    from conftest import DATA

    for cmd in (["build", str(DATA / "ldn"), "--out", str(tmp_path)], ["check", str(DATA / "ldn")]):
        code, _, err = run([*cmd, "--lang", asked], capsys)
        hint = f"did you mean '{meant}'? " if meant else ""
        assert code == 1 and f"no '{asked}' version of handout 'ldn' ({hint}languages present: " in err, err
    assert not list(tmp_path.rglob("*.pdf"))


def test_check_says_not_ok_for_a_stale_translation_the_build_refuses(ldn: Path, capsys):
    """Found in review: a stale translation is a warning for check and an error for build, and
    check printed 'ok ldn es' four times, exit 0, for PDFs the build refuses."""
    import shutil

    from conftest import DATA, edit

    shutil.copy(DATA / "ldn" / "es.yaml", ldn / "es.yaml")
    edit(ldn / "en.yaml", "  headache: Headache (", "  headache: Headaches (")
    code, out, err = run(["check", str(ldn), "--lang", "es"], capsys)
    assert "stale" in err and out.count("not ok ldn es") == 4 and "\nok " not in "\n" + out, out
    assert code == 1 and "checked 0, failed 1 " in err  # as the build: a CI gate on check exited 0
    code, out, _ = run(["check", str(ldn), "--lang", "es", "--allow-stale"], capsys)
    assert out.count("ok ldn es") == 4 and "not ok" not in out and code == 0


def test_usage_errors_exit_2(capsys, tmp_path: Path):
    assert run(["build", "no-such-handout", "--data", str(tmp_path)], capsys)[0] == 2
    assert run(["frobnicate"], capsys)[0] == 2
    assert run(["build", "--paper", "legal"], capsys)[0] == 2
    for option in (["--start", "12/07/2026"], ["--weight", "18kg"]):  # a value the command line cannot read
        code, out, err = run(["build", "ldn", "--data", str(DATA), "--out", str(tmp_path / "o"), *option], capsys)
        assert code == 2 and f"{option[0]}: error: " in err and not (tmp_path / "o").exists(), err


def test_letter_and_a4(ldn: Path, tmp_path: Path, capsys):
    from pypdf import PdfReader

    for paper, width in (("letter", 612), ("a4", 595)):
        out = tmp_path / paper
        assert run(["build", str(ldn), "--paper", paper, "--out", str(out)], capsys)[0] == 0
        box = PdfReader(out / "ldn" / "ldn.en.pdf").pages[0].mediabox
        assert round(float(box.width)) == width


def test_a_check_of_many_runs_in_workers_and_says_what_one_process_says():
    """``handout check`` of every bundled handout: each heavy-font (CJK) language in a worker of its
    own (a check of all in one process peaked at 177 MB), the rest shared out; the same ok lines, in
    the same order, as checking every unit here."""
    from handout import checking
    from handout.content import languages_in, select

    from conftest import DATA

    opts = checking.CheckOptions()
    units = [checking.Unit(t.folder, lang) for t in select([], DATA).targets for lang in languages_in(t.folder)]
    groups: list[list] = []
    real = checking._in_workers

    def spy(units, gs, opts, workers):
        groups.extend(gs)
        return real(units, gs, opts, workers)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(checking, "_in_workers", spy)
        in_workers = checking._run_units(units, opts, 2)
    heavy = [g for g in groups if any(u.lang in ("ko", "zh-Hans") for u in g)]
    assert sorted(len({u.lang for u in g}) for g in heavy) == [1, 1]  # each CJK language alone
    key = lambda u: (str(u.folder), u.lang)  # noqa: E731
    assert sorted((u for g in groups for u in g), key=key) == sorted(units, key=key)  # every unit once
    here = checking._check_all(units, opts)
    assert [c.editions for c in in_workers] == [c.editions for c in here]
    assert sum(1 for c in here for line, _ in c.editions if line.startswith("ok ")) == 66


def test_a_check_counts_broken_facts_once_however_many_languages(tmp_path: Path, capsys):
    import shutil

    from conftest import DATA

    data = tmp_path / "data"
    shutil.copytree(DATA / "ldn", data / "ldn")
    edit(data / "ldn" / "handout.yaml", "max_pages: 2", "max_pages: two")
    code, out, err = run(["check", "--data", str(data)], capsys)
    assert code == 1 and "checked 0, failed 1 " in err, err
    assert err.count("max_pages: expected a whole number, got 'two'") == 1  # said once, not once per language


def test_a_check_worker_that_dies_fails_its_own_units_only():
    from handout import checking

    import dying
    from conftest import DATA

    units = [checking.Unit(DATA / "ldn", lang) for lang in ("en", "es", "fr")]
    groups = [[units[0]], [units[1]], [units[2]]]
    found = checking._in_workers(units, groups, checking.CheckOptions(editions=("standard",)), 2,
                                 run=dying.check_or_die)
    assert [c.editions[0][0].split(" (")[0] for c in (found[0], found[2])] == ["ok ldn en", "ok ldn fr"]
    assert not found[1].editions and "the worker checking it stopped" in found[1].findings[0].message


def test_a_handout_with_no_language_file_still_has_its_facts_checked(tmp_path: Path, capsys):
    data = tmp_path / "data"
    (data / "zz").mkdir(parents=True)
    (data / "zz" / "handout.yaml").write_text("id: zz\nversion: [unclosed\n", encoding="utf-8")
    code, _, err = run(["check", "--data", str(data)], capsys)
    assert code == 1 and "zz/handout.yaml:3:1: error: YAML syntax error" in err and "checked 0, failed 1" in err


def test_a_track_the_handout_lacks_is_an_error_in_check_not_a_traceback(ldn: Path, capsys):
    code, _, err = run(["check", str(ldn), "--track", "nope"], capsys)
    assert code == 1 and "track: no track 'nope' (expected one of: " in err and "Traceback" not in err


def test_a_track_the_handout_lacks_builds_no_edition(ldn: Path, tmp_path: Path, capsys):
    """A review: the wallet card prints no plan, so a mistyped track still wrote
    ldn.en.wallet.nope.pdf, listed in the manifest as current."""
    out = tmp_path / "out"
    code, _, err = run(["build", str(ldn), "--lang", "en", "--track", "nope", "--out", str(out), "-j", "1"], capsys)
    assert code == 1 and "track: no track 'nope' (expected one of: " in err and "failed 4" in err, err
    assert not list(out.rglob("*.pdf"))
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"] == []


def test_every_bundled_handout_fits_in_every_region_on_either_paper(capsys):
    """Reviews: the amoxicillin card did not fit A4, so a clinic's full '--paper a4' build failed; LDN's
    Russian did not fit with the crisis and poison lines of six regions.  And no region's decimal sign
    makes a bundled amount one the plan does not give (a region whose decimal sign is English's group
    sign regroups "3,000 mg" as "3 000 mg")."""
    from handout.regions import known

    code, out, err = run(["check", "--data", str(DATA), "--region", "all", "--paper", "all"], capsys)
    assert code == 0 and "failed 0" in err, err
    assert len(out.splitlines()) == 66 * len(known()) * 2 and "[H153]" not in err, err


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_number_of_processes(jobs: str, capsys):
    code, _, err = run(["build", "-j", jobs], capsys)  # 0 and -1 were taken, and -1 built with no worker
    assert code == 2 and "is not a number of processes (expected 1 or more)" in err, err


def test_a_language_or_edition_given_twice_is_built_once(ldn: Path, tmp_path: Path, capsys):
    code, stdout, err = run(["build", str(ldn), "--lang", "en", "en", "--edition", "standard", "standard",
                             "--out", str(tmp_path / "out")], capsys)
    assert code == 0 and "built 1, unchanged 0, failed 0" in err and stdout.count("ldn.en.pdf") == 1, err
    code, stdout, _ = run(["check", str(ldn), "--lang", "en", "en", "--edition", "standard", "standard"], capsys)
    assert code == 0 and stdout.count("ok ldn en (") == 1


def test_a_language_or_edition_option_given_twice_builds_both(tmp_path: Path, capsys):
    """'--lang ru --lang tl' built Tagalog alone, with exit 0 (a session's own slip): the last option won."""
    out = tmp_path / "out"
    code, _, err = run(["build", "ldn", "--lang", "ru", "--lang", "tl", "--edition", "standard", "--edition", "card",
                        "--out", str(out)], capsys)
    assert code == 0, err
    assert sorted(p.name for p in out.rglob("*.pdf")) == ["ldn.ru.card.pdf", "ldn.ru.pdf", "ldn.tl.card.pdf",
                                                          "ldn.tl.pdf"]


@pytest.mark.parametrize("argv, said", [
    (["build", "--lang", "en-US", "ldn"], "--lang: error: lang: 'ldn' is a handout, not a language"),
    (["check", "--edition", "card", "ldn"], "--edition: error: edition: 'ldn' is a handout, not an edition"),
])
def test_a_handout_named_after_lang_or_edition_is_a_usage_error(tmp_path: Path, capsys, argv: list[str], said: str):
    """A portal administrator's review: --lang takes every word after it, so 'handout build --lang en-US ldn' built
    every handout in 'ldn' (10 failed, exit 1).  Nothing is built; the message says to name the handout first."""
    code, _, err = run([*argv, "--data", str(DATA), "--out", str(tmp_path / "out")] if argv[0] == "build"
                       else [*argv, "--data", str(DATA)], capsys)
    assert code == 2 and said in err and not (tmp_path / "out").exists(), err


def test_an_unchanged_build_says_how_many_warnings_its_pdfs_reports_hold(tmp_path: Path, capsys):
    """A portal administrator's review: the first build said acetaminophen's warning (PL009, no named reviewer), the
    second, making nothing again, said none, as if it were gone.  It says how many the unchanged PDFs' reports hold."""
    args = ["build", "acetaminophen", "--data", str(DATA), "--out", str(tmp_path / "out"), "-j", "1"]
    code, _, err = run(args, capsys)
    assert code == 0 and err.count("[PL009]") == 1, err
    code, _, err = run(args, capsys)
    assert code == 0 and "unchanged 3" in err and "(3 warnings in the unchanged PDFs' reports: handout report)" in err, err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_build_says_every_problem_of_a_handout_at_once_facts_and_words(tmp_path: Path, capsys, jobs: str):
    """A portal administrator's review: with 'max_page' in handout.yaml and 'short_nam' in en.yaml, check said all
    four errors and build only the two of handout.yaml: the author mended them and met the other two next time."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA / "acetaminophen", data / "acetaminophen")
    edit(data / "acetaminophen" / "handout.yaml", "max_pages:", "max_page:")
    edit(data / "acetaminophen" / "en.yaml", "short_name:", "short_nam:")
    code, _, err = run(["build", "--data", str(data), "--out", str(tmp_path / "out"), "-j", jobs], capsys)
    assert code == 1 and not list((tmp_path / "out").rglob("*.pdf")), err
    for said in ("error: max_pages: missing required field", "error: max_page: unknown field",
                 "error: short_name: missing required field", "error: short_nam: unknown field"):
        assert err.count(said) == 1, (said, err)


def test_a_language_file_named_with_another_lang_is_a_usage_error(tmp_path: Path, capsys):
    """A portal administrator's review: 'handout build data/ldn/en.yaml --lang es' built the English PDFs and said
    nothing of --lang es.  Nothing is built; the message says which file and which language disagree."""
    out = tmp_path / "out"
    code, _, err = run(["build", str(DATA / "ldn" / "en.yaml"), "--lang", "es", "--out", str(out)], capsys)
    assert code == 2 and not out.exists(), err
    assert f"--lang: error: lang: es: not the language of {DATA / 'ldn' / 'en.yaml'}, the file named" in err, err
    code, _, err = run(["build", str(DATA / "ldn" / "en.yaml"), "--lang", "en", "--edition", "standard", "--out",
                        str(out)], capsys)
    assert code == 0, err
