"""What ``manifest.json`` tells a patient portal: which PDFs are current, which are outdated and why."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from conftest import DATA, edit, run


def entries(out: Path) -> dict[str, dict]:
    return {e["path"]: e for e in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"]}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def ldn_es(ldn: Path) -> Path:
    """conftest's English LDN with its Spanish translation beside it."""
    shutil.copy(DATA / "ldn" / "es.yaml", ldn / "es.yaml")
    return ldn


# (what goes wrong, the file edited and how, the PDFs whose build fails, what their reason says)
BREAKS = [
    ("the English text changes: the translation is stale", "en.yaml",
     ("  headache: Headache (", "  headache: Headaches ("), {"es"}, "es.yaml:"),
    ("the translation has a mistake", "es.yaml", ("language: es", "language: [es"), {"es"}, "es.yaml:"),
    ("the facts have a mistake", "handout.yaml", ("max_pages: 2", "max_pages: two"), {"en", "es"},
     "handout.yaml:"),
]


@pytest.mark.parametrize("what, file, change, failing, where", BREAKS, ids=[b[0] for b in BREAKS])
def test_a_pdf_whose_build_fails_is_kept_and_marked_outdated_until_it_builds_again(
        ldn_es: Path, tmp_path: Path, capsys, what, file, change, failing, where):
    """Its last good PDF stays (a portal may still need it), listed with ``"status": "outdated"``
    and the reason; the mark goes once the PDF is built again."""
    out = tmp_path / "out"
    args = ["build", "--data", str(ldn_es.parent), "--edition", "standard", "--out", str(out), "-j", "1"]
    assert run(args, capsys)[0] == 0
    before = entries(out)
    assert {e["status"] for e in before.values()} == {"current"} and not any("reason" in e for e in before.values())
    original = (ldn_es / file).read_text(encoding="utf-8")
    edit(ldn_es / file, *change)

    code, _, err = run(args, capsys)
    assert code == 1
    after = entries(out)
    assert set(after) == set(before)  # nothing removed
    for lang in ("en", "es"):
        path = f"ldn/ldn.{lang}.pdf"
        if lang in failing:
            assert after[path]["status"] == "outdated", after[path]
            assert after[path]["reason"].startswith(where) and after[path]["reason"].split(": ", 1)[1] in err
            assert {k: v for k, v in after[path].items() if k not in ("status", "reason")} == \
                {k: v for k, v in before[path].items() if k != "status"}  # the last good PDF, as it was
            assert sha(out / path) == before[path]["sha256"]
        else:
            assert after[path]["status"] == "current" and "reason" not in after[path]
    assert "earlier PDF" in err and "marked outdated" in err

    (ldn_es / file).write_text(original, encoding="utf-8")
    code, _, err = run(args, capsys)
    assert code == 0, err
    assert entries(out) == before  # built again, or passed over as the very PDF it would make: current


def test_a_pdf_whose_write_fails_is_marked_outdated(ldn_es: Path, tmp_path: Path, capsys, monkeypatch):
    import errno

    from handout import outdir

    out = tmp_path / "out"
    args = ["build", "--data", str(ldn_es.parent), "--edition", "standard", "--out", str(out), "-j", "1"]
    assert run(args, capsys)[0] == 0
    real = outdir.write_atomic

    def full_disk(path: Path, data: bytes) -> None:
        if path.name == "ldn.es.pdf":
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)

    monkeypatch.setattr(outdir, "write_atomic", full_disk)
    assert run([*args, "--force"], capsys)[0] == 74  # (the folder could not be written: EX_IOERR)
    es = entries(out)["ldn/ldn.es.pdf"]
    assert es["status"] == "outdated" and es["reason"].startswith("ldn.es.pdf: write: cannot write: No space left")
    assert sha(out / es["path"]) == es["sha256"]
    monkeypatch.setattr(outdir, "write_atomic", real)
    assert run(args, capsys)[0] == 0
    assert entries(out)["ldn/ldn.es.pdf"]["status"] == "current"


def test_the_manifest_lists_each_entry_s_keys_sorted(ldn_es: Path, tmp_path: Path, capsys):
    """The same files, the same manifest: an entry marked and one built fresh list their keys alike."""
    out = tmp_path / "out"
    assert run(["build", "--data", str(ldn_es.parent), "--edition", "standard", "--out", str(out)], capsys)[0] == 0
    text = (out / "manifest.json").read_text(encoding="utf-8")
    for e in json.loads(text)["outputs"]:
        assert list(e) == sorted(e)
    doc = json.loads(text)
    assert text == json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


@pytest.fixture
def clinic(ldn_es: Path) -> Path:
    """A content folder of two handouts: LDN in English and Spanish, and h0 (a copy, English only)."""
    from conftest import ldn_copies

    return ldn_copies(ldn_es.parent, 1)


def _drop_wallet(data: Path) -> None:
    edit(data / "ldn" / "handout.yaml", "  wallet:\n    max_pages: 2\n    outline: [wallet, serious, do_not_take]\n", "")


# (what is deleted from the content folder, how, the PDFs a full build then removes)
GONE = [
    ("a handout", lambda data: shutil.rmtree(data / "h0"),
     {"h0/h0.en.pdf", "h0/h0.en.card.pdf", "h0/h0.en.large-print.pdf", "h0/h0.en.wallet.pdf"}),
    ("a translation", lambda data: (data / "ldn" / "es.yaml").unlink(),
     {"ldn/ldn.es.pdf", "ldn/ldn.es.card.pdf", "ldn/ldn.es.large-print.pdf", "ldn/ldn.es.wallet.pdf"}),
    ("an edition", _drop_wallet, {"ldn/ldn.en.wallet.pdf", "ldn/ldn.es.wallet.pdf"}),
]
FILTERED = [["ldn"], ["--lang", "en"], ["--edition", "standard", "card", "large-print"]]


@pytest.mark.parametrize("what, delete, gone", GONE, ids=[g[0] for g in GONE])
def test_a_full_build_removes_the_pdfs_of_content_that_is_gone_and_a_filtered_build_does_not(
        clinic: Path, tmp_path: Path, capsys, what, delete, gone):
    out = tmp_path / "out"
    full = ["build", "--data", str(clinic), "--out", str(out), "-j", "1"]
    assert run(full, capsys)[0] == 0
    before = entries(out)
    assert gone < set(before)
    delete(clinic)
    for only in FILTERED:  # outside its filter, a build removes nothing, even what is gone
        code, stdout, err = run([*full, *only], capsys)
        assert "removed" not in err + stdout
        assert set(entries(out)) == set(before), only
        assert all((out / p).exists() for p in gone)
    mtimes = {p: (out / p).stat().st_mtime_ns for p in set(before) - gone}

    code, stdout, err = run(full, capsys)
    assert code == 0, err
    assert f"removed {len(gone)} in" in err and "unchanged" in err
    for p in sorted(gone):
        assert f"removed {out / p}" in stdout
    after = entries(out)
    assert set(after) == set(before) - gone
    for p in gone:  # the PDF and the report it listed
        assert not (out / p).exists() and not (out / before[p]["report"]).exists()
    assert {p: (out / p).stat().st_mtime_ns for p in after} == mtimes  # the rest untouched
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*.pdf")}
    assert on_disk == set(after)
    assert (out / "h0").exists() == (what != "a handout")  # a folder left empty goes too
    code, _, err = run(full, capsys)
    assert code == 0 and "removed" not in err and "nothing changed" in err


def test_a_full_build_never_removes_a_file_the_manifest_does_not_list_nor_a_handout_it_cannot_read(
        clinic: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    full = ["build", "--data", str(clinic), "--out", str(out), "-j", "1"]
    assert run(full, capsys)[0] == 0
    before = entries(out)
    (out / "h0" / "notes.txt").write_text("the clinic's own file", encoding="utf-8")
    (out / "personal").mkdir()
    (out / "personal" / "h0.en.0123456789ab.pdf").write_bytes(b"%PDF-1.7 a patient's")
    shutil.rmtree(clinic / "h0")
    edit(clinic / "ldn" / "handout.yaml", "max_pages: 2", "max_pages: two")  # which editions? unknown now

    code, _, err = run(full, capsys)
    assert code == 1 and "removed 4 in" in err
    after = entries(out)
    assert set(after) == {p for p in before if p.startswith("ldn/")}  # every LDN PDF kept ...
    assert {e["status"] for e in after.values()} == {"outdated"}  # ... marked: its facts could not be read
    assert (out / "h0" / "notes.txt").exists()  # never listed: left, and its folder with it
    assert (out / "personal" / "h0.en.0123456789ab.pdf").exists()
    assert not list((out / "h0").glob("*.pdf")) and not list((out / "h0").glob("*.report.json"))


def test_a_full_build_removes_only_what_its_own_content_folder_no_longer_holds(
        clinic: Path, tmp_path: Path, capsys):
    """Found in review: a full build from a second content folder into the same --out removed the
    first folder's PDFs, and a handout folder whose handout.yaml was missing for a moment (a
    rename under way) lost its PDFs, exit 0.  And (a second review) recording each entry's
    absolute folder kept a moved content folder's deleted handouts for ever, and put the
    server's paths in the manifest."""
    out = tmp_path / "out"
    other = tmp_path / "other"
    other.mkdir()
    shutil.copytree(DATA / "prednisone", other / "prednisone")
    assert run(["build", "--data", str(clinic), "--out", str(out), "-j", "1"], capsys)[0] == 0
    first = set(entries(out))
    code, stdout, err = run(["build", "--data", str(other), "--out", str(out), "-j", "1"], capsys)
    assert code == 0 and "removed" not in stdout and f"kept {len(first)} PDFs built from another content folder" in err
    both = set(entries(out))
    assert first < both and all((out / p).exists() for p in both)
    assert {e["data"] for e in entries(out).values()} == {"../data", "../other"}  # no server path published
    (clinic / "h0" / "handout.yaml").rename(clinic / "h0" / "handout.yaml.bak")
    code, _, err = run(["build", "--data", str(clinic), "--out", str(out), "-j", "1"], capsys)  # the other's stay too
    assert set(entries(out)) == both and all((out / p).exists() for p in both)
    # ... and it is said, not passed over (a later review: exit 0 and not a word)
    assert code == 0 and f"{clinic / 'h0' / 'handout.yaml'}: warning: missing: the folder has en.yaml" in err, err
    (clinic / "h0" / "handout.yaml.bak").rename(clinic / "h0" / "handout.yaml")
    moved = tmp_path / "moved"
    moved.mkdir()
    clinic.rename(moved / "data")  # content and output moved together (a checkout elsewhere) ...
    out.rename(moved / "out")
    shutil.rmtree(moved / "data" / "h0")  # ... its deleted handout still goes
    code, stdout, err = run(["build", "--data", str(moved / "data"), "--out", str(moved / "out"), "-j", "1"], capsys)
    assert code == 0 and "removed 4 in" in err and not list((moved / "out" / "h0").glob("*.pdf")), err


def test_a_removed_pdf_is_never_outside_the_output_folder(clinic: Path, tmp_path: Path, capsys):
    """A manifest edited to list a file elsewhere (its sha256 right) does not make a build delete it."""
    out = tmp_path / "out"
    full = ["build", "--data", str(clinic), "--out", str(out), "-j", "1"]
    assert run(full, capsys)[0] == 0
    precious = tmp_path / "precious.pdf"
    precious.write_bytes(b"%PDF-1.7 not the build's")
    doc = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    doc["outputs"].append({"path": "../precious.pdf", "id": "gone", "language": "en", "edition": "standard",
                           "sha256": sha(precious), "report": "../precious.pdf"})
    (out / "manifest.json").write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = run(full, capsys)
    assert precious.exists()
    assert "../precious.pdf" not in entries(out)



@pytest.mark.parametrize("bad", [{"path": 5}, 7, {"path": ["x"]}, {"id": "no path"}])
def test_an_entry_that_is_no_entry_is_left_out_not_a_traceback(tmp_path: Path, capsys, bad: object):
    """A portal administrator's review: a manifest holding '{"path": 5}' stopped the next build with a TypeError
    traceback.  Such an entry is not read (the PDFs it cannot describe are made again), as an unreadable manifest is."""
    out = tmp_path / "out"
    build = ["build", "prednisone", "--data", str(DATA), "--lang", "en", "--out", str(out), "-j", "1"]
    assert run(build, capsys)[0] == 0
    doc = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    doc["outputs"].append(bad)
    (out / "manifest.json").write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = run(build, capsys)
    assert code == 0 and "Traceback" not in err, err
    assert set(entries(out)) == {"prednisone/prednisone.en.pdf", "prednisone/prednisone.en.card.pdf",
                                 "prednisone/prednisone.en.large-print.pdf"}

def _page_size(path: Path) -> tuple[int, int]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path.read_bytes())
    w, h = doc[0].get_size()
    doc.close()
    return round(w), round(h)


LETTER, A4 = (612, 792), (595, 842)
# (options of the next build into the same folder, the paper it prints, the paper it replaces, if any, its region,
# the region it replaces, if any)
PAPERS = [
    ([], "letter", None, "US", None),  # the default (the US region's): nothing said, nothing renamed
    (["--paper", "letter"], "letter", None, "US", None),
    (["--paper", "a4"], "a4", "letter", "US", None),
    (["--region", "GB"], "a4", "letter", "GB", "US"),  # the region's own paper, and its numbers
    (["--region", "CA"], "letter", None, "CA", "US"),  # the same paper, other numbers: said too (a clinic's trial)
]


@pytest.mark.parametrize("options, paper, replaced, region, replaced_region", PAPERS,
                         ids=[" ".join(p[0]) or "default" for p in PAPERS])
def test_each_entry_records_its_paper_and_track_and_a_build_on_other_paper_says_what_it_replaced(
        ldn_es: Path, tmp_path: Path, capsys, options, paper, replaced, region, replaced_region):
    """Paper is an option of the whole output folder, like the theme and the region: a build on
    A4 replaces the letter PDFs under the same names (so one folder never holds a letter PDF
    that later builds leave out of date), and says so, per file and in the summary; so does a build
    for another region, whose emergency, poison and crisis numbers replace the others'."""
    out = tmp_path / "out"
    base = ["build", "--data", str(ldn_es.parent), "--edition", "standard", "card", "--out", str(out), "-j", "1"]
    assert run(base, capsys)[0] == 0
    first = entries(out)
    assert {(e["paper"], e["track"], e["region"]) for e in first.values()} == {("letter", "standard", "US")}
    assert all(_page_size(out / p) == LETTER for p in first)

    code, stdout, err = run([*base, *options], capsys)
    assert code == 0, err
    after = entries(out)
    assert set(after) == set(first)  # the same names
    assert {(e["paper"], e["region"]) for e in after.values()} == {(paper, region)}
    assert all(_page_size(out / p) == (A4 if paper == "a4" else LETTER) for p in after)
    said = [f"{new}, replacing {old}" for old, new in ((replaced, paper), (replaced_region, region)) if old]
    for old, new in ((replaced, paper), (replaced_region, region)):
        assert (f"4 {old} PDFs replaced by {new} ones" in err) == bool(old), err
    for p in after if said else ():
        assert f"built {out / p} (" in stdout
    if said:
        assert stdout.count(", ".join(said) + ")") == 4, stdout
    else:
        assert "replac" not in err + stdout


def test_a_non_default_track_is_recorded_and_named(ldn: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    base = ["build", "--data", str(ldn.parent), "--edition", "standard", "--out", str(out), "-j", "1"]
    assert run([*base, "--track", "slow"], capsys)[0] == 0
    assert run([*base, "--track", "standard", "--paper", "a4"], capsys)[0] == 0
    got = {p: (e["track"], e["paper"]) for p, e in entries(out).items()}
    assert got == {"ldn/ldn.en.slow.pdf": ("slow", "letter"), "ldn/ldn.en.pdf": ("standard", "a4")}


def test_a_full_build_makes_another_tracks_listed_pdfs_again_and_removes_a_gone_tracks(ldn: Path, tmp_path: Path,
                                                                                       capsys):
    """A portal administrator's review: PDFs built with --track slow stayed listed as current when the slow track's
    plan changed (week 5 printed 3 mg after the plan said 2.5 mg), and when the track was deleted.  A full build makes
    each listed PDF of another track again (unchanged ones are left), and removes those of a track that is gone; a
    build of one handout or language leaves them."""
    from conftest import pdf_text

    out = tmp_path / "out"
    full = ["build", "--data", str(ldn.parent), "--out", str(out), "-j", "1"]
    assert run([*full[:-2], "--track", "slow", "--edition", "standard", "-j", "1"], capsys)[0] == 0
    assert run(full, capsys)[0] == 0
    slow = out / "ldn" / "ldn.en.slow.pdf"
    assert entries(out)["ldn/ldn.en.slow.pdf"]["status"] == "current"
    edit(ldn / "handout.yaml", "{when: {unit: week, start: 5, end: 8}, amount: 3, strength: 3,",
         "{when: {unit: week, start: 5, end: 8}, amount: 2.5, strength: 2.5,")
    code, stdout, err = run([*full, "--lang", "en"], capsys)  # (a filtered build: the slow PDF is left as it is)
    assert code == 0 and "Weeks 5 to 8 3 mg" in " ".join(" ".join(pdf_text(slow.read_bytes())).split())
    code, stdout, err = run(full, capsys)
    assert code == 0 and "ldn.en.slow.pdf" in stdout + err, err
    text = " ".join(" ".join(pdf_text(slow.read_bytes())).split())
    assert "Weeks 5 to 8 2.5 mg" in text and entries(out)["ldn/ldn.en.slow.pdf"]["sha256"] == sha(slow)
    code, stdout, err = run(full, capsys)
    assert code == 0 and "built 0" in stdout + err, stdout + err  # (nothing changed: nothing made again)
    facts = (ldn / "handout.yaml").read_text(encoding="utf-8")
    start, end = facts.index("  # Same doses, more time at each step"), facts.index("# Younger 2013 (4.5 mg a day)")
    (ldn / "handout.yaml").write_text(facts[:start] + "\n" + facts[end:], encoding="utf-8")
    assert run(full, capsys)[0] == 0
    assert not slow.exists() and not [p for p in entries(out) if "slow" in p]


def test_a_failed_pdf_listed_by_an_older_build_without_its_region_is_said_as_failed(ldn: Path, tmp_path: Path, capsys):
    """A code review: a folder an earlier version built lists no 'region'; a PDF of it whose next build fails keeps
    that entry, and the summary read its region: a KeyError traceback, and every later build the same."""
    out = tmp_path / "out"
    base = ["build", str(ldn), "--edition", "standard", "--out", str(out), "-j", "1"]
    assert run(base, capsys)[0] == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for e in manifest["outputs"]:
        del e["region"]
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    edit(ldn / "en.yaml", "title: ", "bogus_field: 1\ntitle: ")
    code, _, err = run(base, capsys)
    assert code == 1 and "built 0, unchanged 0, failed 1" in err and "Traceback" not in err, err
