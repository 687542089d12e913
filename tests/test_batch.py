"""Batch builds: parallel, one failure does not stop the rest, incremental, manifest."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from conftest import DATA, edit, ldn_copies, line_of, pdf_text, run


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    """Three handouts: ldn, a renamed copy of it, and a broken one."""
    data = tmp_path / "data"
    for hid in ("ldn", "ldn2", "broken"):
        d = data / hid
        d.mkdir(parents=True)
        for name in ("handout.yaml", "en.yaml"):
            shutil.copy(DATA / "ldn" / name, d / name)
        edit(d / "handout.yaml", "id: ldn", f"id: {hid}")
    edit(data / "broken" / "handout.yaml", "max_pages: 2", "max_pages: two")
    return data


def test_one_broken_handout_does_not_stop_the_others(clinic: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    code, stdout, err = run(["build", "--data", str(clinic), "--edition", "standard", "--out", str(out), "-j", "2"], capsys)
    assert code == 1
    assert (out / "ldn" / "ldn.en.pdf").exists() and (out / "ldn2" / "ldn2.en.pdf").exists()
    assert not (out / "broken").exists()
    assert "broken/handout.yaml" in err and "max_pages: expected a whole number" in err
    assert "built 2, unchanged 0, failed 1" in err


def test_second_run_builds_nothing_and_an_edit_rebuilds_only_its_pdf(clinic: Path, tmp_path: Path, capsys):
    shutil.rmtree(clinic / "broken")
    out = tmp_path / "out"
    assert run(["build", "--data", str(clinic), "--edition", "standard", "--out", str(out)], capsys)[0] == 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")}
    code, stdout, err = run(["build", "--data", str(clinic), "--edition", "standard", "--out", str(out)], capsys)
    assert code == 0
    assert "built 0, unchanged 2, failed 0" in err and "nothing changed" in err
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")} == before
    edit(clinic / "ldn2" / "en.yaml", "  headache: Headache", "  headache: Headaches")
    code, stdout, err = run(["build", "--data", str(clinic), "--edition", "standard", "--out", str(out)], capsys)
    assert code == 0 and "built 1, unchanged 1" in err
    assert f"built {out / 'ldn2' / 'ldn2.en.pdf'}" in stdout
    assert (out / "ldn" / "ldn.en.pdf").stat().st_mtime_ns == before[out / "ldn" / "ldn.en.pdf"]
    assert "Headaches" in " ".join(pdf_text((out / "ldn2" / "ldn2.en.pdf").read_bytes()))
    code, _, err = run(["build", "--data", str(clinic), "--edition", "standard", "--out", str(out), "--force"], capsys)
    assert "built 2, unchanged 0" in err


def test_a_pdf_whose_review_fell_due_since_it_was_built_is_built_again_with_the_warning(clinic: Path, tmp_path: Path,
                                                                                       capsys, monkeypatch):
    """Its files are unchanged, but the day is not: the next build says the review is overdue (H122)
    and its report says so, instead of passing the PDF over as unchanged."""
    import datetime

    from handout import batch

    shutil.rmtree(clinic / "broken")
    out = tmp_path / "out"
    args = ["build", "--data", str(clinic), "--edition", "standard", "--out", str(out), "-j", "1"]
    code, _, err = run(args, capsys)
    assert code == 0 and "H122" not in err
    assert json.loads((out / "ldn" / "ldn.en.report.json").read_text())["review_overdue"] is False
    entry, = (e for e in json.loads((out / "manifest.json").read_text())["outputs"] if e["path"] == "ldn/ldn.en.pdf")
    due = datetime.date.fromisoformat(entry["next_review"])

    monkeypatch.setattr(batch, "_today", lambda: due + datetime.timedelta(days=1))
    code, _, err = run(args, capsys)
    assert code == 0 and "built 2, unchanged 0" in err
    assert err.count("H122") == 2 and "review overdue since" in err
    assert json.loads((out / "ldn" / "ldn.en.report.json").read_text())["review_overdue"] is True


def test_a_deleted_or_altered_pdf_is_rebuilt(clinic: Path, tmp_path: Path, capsys):
    shutil.rmtree(clinic / "broken")
    out = tmp_path / "out"
    run(["build", "--data", str(clinic), "--edition", "standard", "--out", str(out)], capsys)
    (out / "ldn" / "ldn.en.pdf").write_bytes(b"not a pdf")
    (out / "ldn2" / "ldn2.en.pdf").unlink()
    _, _, err = run(["build", "--data", str(clinic), "--edition", "standard", "--out", str(out)], capsys)
    assert "built 2, unchanged 0" in err


def test_manifest_matches_the_files_on_disk(clinic: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    run(["build", "--data", str(clinic), "--edition", "standard", "--out", str(out), "-j", "2"], capsys)
    manifest = json.loads((out / "manifest.json").read_text())
    entries = manifest["outputs"]
    assert {e["path"] for e in entries} == {"ldn/ldn.en.pdf", "ldn2/ldn2.en.pdf"}
    for e in entries:
        data = (out / e["path"]).read_bytes()
        assert e["sha256"] == hashlib.sha256(data).hexdigest()
        assert e["bytes"] == len(data)
        assert e["pages"] == len(pdf_text(data))
        assert e["language"] == "en" and e["version"] == "1.1" and e["reviewed_on"] == "2026-11-01"
        assert len(e["input_fingerprint"]) == 64
    assert not list(out.rglob("*.tmp"))


def test_ctrl_c_leaves_no_partial_pdf_and_a_valid_manifest(tmp_path: Path):
    import os
    import signal
    import subprocess
    import sys
    import time

    data = ldn_copies(tmp_path / "data", 40, "h{i:02d}")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-c", "from handout.cli import main_entry; main_entry()",
                             "build", "--data", str(data), "--edition", "standard", "--out", str(out), "-j", "2", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.rglob("*.pdf"))) < 3:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C reaches the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert b"Traceback" not in err
    assert not list(out.rglob("*.tmp"))
    manifest = json.loads((out / "manifest.json").read_text())
    listed = {e["path"] for e in manifest["outputs"]}
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*.pdf")}
    assert listed <= on_disk and listed  # what it lists is there and whole; a PDF finished as Ctrl-C came may be unlisted
    for e in manifest["outputs"]:
        assert hashlib.sha256((out / e["path"]).read_bytes()).hexdigest() == e["sha256"]


def test_workers_get_whole_languages_and_the_cjk_fonts_are_spread():
    from handout import batch, workers
    from handout.content import languages_in

    langs = languages_in(DATA / "ldn")
    jobs = [batch.Job(DATA / "ldn", "ldn", lang, "en", Path("/tmp/x"), ed) for lang in langs
            for ed in ("standard", "card", "large-print")]
    bins = workers.bins(jobs, 2)
    assert sorted(j.path for b in bins for j in b) == sorted(j.path for j in jobs)
    per_bin = [{j.lang for j in b} for b in bins]
    assert not per_bin[0] & per_bin[1]  # each language's fonts are loaded by one worker only
    assert {"ko", "zh-Hans"} - per_bin[0] and {"ko", "zh-Hans"} - per_bin[1]  # never both CJK fonts in one
    assert abs(len(bins[0]) - len(bins[1])) <= 3
    one_language = [batch.Job(DATA / "ldn", f"h{i}", "en", "en", Path("/tmp/x")) for i in range(20)]
    assert [len(b) for b in workers.bins(one_language, 2)] == [10, 10]  # still uses both cores


class _ThreadPool:
    """A stand-in for a one-worker ProcessPoolExecutor: a thread, recording what it was handed."""

    made: list[_ThreadPool] = []

    def __init__(self, max_workers: int, mp_context=None, initializer=None, initargs=()):
        from concurrent.futures import ThreadPoolExecutor

        self._pool = ThreadPoolExecutor(max_workers)
        self.handed: list = []
        _ThreadPool.made.append(self)

    def submit(self, fn, job, opts):
        self.handed.append(job)
        return self._pool.submit(fn, job, opts)

    def shutdown(self, wait=True, cancel_futures=False):
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def _schedule(monkeypatch, jobs, build, bins, outcomes: list | None = None):
    """Run ``workers.parallel`` on thread pools with ``build`` as the job, the bins given; return
    (the outcomes' job paths, what each pool was handed)."""
    import concurrent.futures

    from handout import workers

    _ThreadPool.made = []
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _ThreadPool)
    monkeypatch.setattr(workers, "_run", build)
    monkeypatch.setattr(workers, "bins", lambda todo, n: bins)
    monkeypatch.setattr(workers, "_font_weight", lambda job: 5_000_000 if job.lang in ("zh-Hans", "ko") else 500_000)
    done: list[str] = []
    seen = outcomes if outcomes is not None else []
    workers.parallel(jobs, None, len(bins), lambda oc: (done.append(oc.job_path), seen.append(oc)))
    return done, [p.handed for p in _ThreadPool.made]


def _job(hid: str, lang: str = "en", edition: str = "standard"):
    from handout import batch

    return batch.Job(DATA / hid, hid, lang, "en", Path("/tmp/x"), edition, facts_parsed=(b"facts", hid))


def test_a_worker_done_with_its_own_jobs_takes_the_rest_of_another_s(monkeypatch):
    import time

    from handout.batch import Outcome

    slow = [_job("s", edition=f"e{i}") for i in range(8)]  # one handout, eight editions
    fast = [_job("f0", "es")]

    def build(job, opts):
        time.sleep(0.05 if job.handout_id == "s" else 0.0)
        return Outcome(str(job.path), "built")

    done, handed = _schedule(monkeypatch, slow + fast, build, [list(slow), list(fast)])
    assert sorted(done) == sorted(str(j.path) for j in slow + fast)  # every job once
    assert len(handed[1]) >= 4  # the idle worker took a share of the slow bin (without taking: 1)
    taken = [j.edition for j in handed[1][1:]]
    assert taken == sorted(taken, reverse=True)  # from the end of the other's bin, not the front
    for jobs in handed:  # the parsed facts go with each worker's first job of a handout only
        assert [j.facts_parsed is not None for j in jobs if j.handout_id == "s"] == \
            [True] + [False] * (sum(j.handout_id == "s" for j in jobs) - 1)


def test_a_worker_never_takes_a_heavy_font_language_it_has_not_loaded(monkeypatch):
    import time

    from handout.batch import Outcome

    cjk = [_job(f"z{i}", "zh-Hans") for i in range(6)]
    latin = [_job("e0")]

    def build(job, opts):
        time.sleep(0.03 if job.lang == "zh-Hans" else 0.0)
        return Outcome(str(job.path), "built")

    done, handed = _schedule(monkeypatch, cjk + latin, build, [list(cjk), list(latin)])
    assert sorted(done) == sorted(str(j.path) for j in cjk + latin)
    assert [j.lang for j in handed[1]] == ["en"]  # the Chinese font stays in one worker


def test_the_jobs_of_a_worker_that_died_are_built_by_another(monkeypatch):
    import time
    from concurrent.futures.process import BrokenProcessPool

    from handout.batch import Outcome

    first = [_job(f"a{i}", "zh-Hans") for i in range(5)]
    second = [_job("b0")]

    def build(job, opts):
        if job.handout_id == "a0":
            raise BrokenProcessPool("killed")
        time.sleep(0.01)
        return Outcome(str(job.path), "built")

    outcomes: dict = {}

    def record(job, opts):
        try:
            return build(job, opts)
        finally:
            outcomes[job.handout_id] = outcomes.get(job.handout_id, 0) + 1

    done, handed = _schedule(monkeypatch, first + second, record, [list(first), list(second)])
    assert sorted(done) == sorted(str(j.path) for j in first + second)  # every job said once
    # a0 failed with its worker, a1 had been handed to it too (WINDOW 2); the rest went to the other
    assert {j.handout_id for j in handed[1]} >= {"a2", "a3", "a4"}
    assert outcomes.get("a2") == 1


def test_a_job_that_raises_fails_alone_and_its_worker_goes_on(monkeypatch):
    """Found in review: any exception from a job marked its worker dead, so the rest of its bin
    failed untried and another worker took its Chinese jobs (two CJK fonts in one process)."""
    from handout.batch import Outcome

    zh = [_job(f"z{i}", "zh-Hans") for i in range(5)]
    ko = [_job("k0", "ko")]

    def build(job, opts):
        if job.handout_id == "z0":
            raise ValueError("a bug")
        return Outcome(str(job.path), "built")

    outcomes: list = []
    done, handed = _schedule(monkeypatch, zh + ko, build, [list(zh), list(ko)], outcomes)
    assert sorted(done) == sorted(str(j.path) for j in zh + ko)
    assert [j.handout_id for j in handed[0]] == ["z0", "z1", "z2", "z3", "z4"]  # all tried, by their own worker
    assert [j.lang for j in handed[1]] == ["ko"]
    status = {o.job_path: (o.status, [f.message for f in o.findings]) for o in outcomes}
    assert status[str(zh[0].path)] == ("failed", ["building it failed (ValueError: a bug); build again"])
    assert all(status[str(j.path)][0] == "built" for j in zh[1:] + ko)


def test_a_worker_takes_the_facts_the_main_process_parsed_while_the_file_is_unchanged(tmp_path: Path):
    from handout import content
    from handout.memory import MEMORY
    from handout.model import Facts

    folder = tmp_path / "ldn"
    shutil.copytree(DATA / "ldn", folder)
    content.read_facts(folder)
    data, facts = content.parsed(Facts, folder / "handout.yaml")
    MEMORY.parsed.clear()  # as in a worker: nothing parsed yet
    content.remember(folder / "handout.yaml", data, facts)
    assert content.read(content.Target(folder, ("en",))).handouts[0].facts is facts
    edit(folder / "handout.yaml", "max_pages: 2", "max_pages: 1")  # changed since: parsed again
    again = content.read(content.Target(folder, ("en",))).handouts[0].facts
    assert again is not facts and again.max_pages == 1


@pytest.mark.parametrize("hid", [p.name for p in sorted(DATA.iterdir()) if (p / "handout.yaml").exists()])
def test_a_glance_at_the_facts_plans_what_a_full_read_plans(hid: str):
    from handout import content

    assert content.glance(DATA / hid) == content.Plan.of(content.read_facts(DATA / hid))


@pytest.mark.parametrize("change", [
    ("source_language: en", "source_language: no"),  # YAML 1.1 reads False: the full read refuses it
    ("default_track: standard\n", "\n"),  # required: the full read says so
    ("editions:\n", "editions: []\nold_editions:\n"),
    ("max_pages: 2\n", "max_pages: 2\nmax_pages: 3\n"),  # a duplicate key
    ("editions:\n", "editions:\n  standard: {}\n"),
    ("id: ldn", "id: [ldn"),  # not YAML
    ("editions:\n", "editions: &e\n"),  # an anchor (the full read refuses aliases)
    ("  card:\n    max_pages: 1\n", "  card: null\n  card2:\n    max_pages: 1\n"),  # an edition that is no mapping
    ("default_track: standard", "default_track: [standard]"),
])
def test_a_glance_at_unusual_facts_leaves_them_to_the_full_read(tmp_path: Path, change):
    from handout import content

    folder = tmp_path / "ldn"
    shutil.copytree(DATA / "ldn", folder)
    edit(folder / "handout.yaml", *change)
    assert content.glance(folder) is None


def test_a_glance_reads_no_further_than_it_needs_and_the_full_read_refuses_the_rest(tmp_path: Path, capsys):
    """The glance stops at the last of the three keys a plan needs; a mistake after them (here a
    duplicate key and a broken list at the end) is the workers' full read's to say, once, with its
    line, and no PDF of that handout is made."""
    from handout import content

    data = ldn_copies(tmp_path / "data", 13, "h{i:02d}")  # enough PDFs for workers
    facts = data / "h03" / "handout.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + "id: h03\nsources: [\n", encoding="utf-8")
    assert content.glance(data / "h03") == content.Plan.of(content.read_facts(data / "h00"))
    out = tmp_path / "out"
    code, _, err = run(["build", "--data", str(data), "--lang", "en", "--out", str(out), "-j", "2", "--force"], capsys)
    assert code == 1
    assert err.count("h03/handout.yaml:") == 1, err
    assert "failed 4" in err and not (out / "h03").exists()


def test_a_parallel_build_says_a_broken_handout_once_and_builds_the_rest(tmp_path: Path, capsys):
    data = tmp_path / "data"
    for i in range(13):  # enough PDFs for workers: the facts are glanced at, read in the workers
        d = data / f"h{i:02d}"
        d.mkdir(parents=True)
        for name in ("handout.yaml", "en.yaml"):
            shutil.copy(DATA / "ldn" / name, d / name)
        edit(d / "handout.yaml", "id: ldn", f"id: h{i:02d}")
    edit(data / "h03" / "handout.yaml", "max_pages: 2", "max_pages: two")
    out = tmp_path / "out"
    code, _, err = run(["build", "--data", str(data), "--lang", "en", "--edition", "standard", "--out", str(out),
                        "-j", "2", "--force"], capsys)
    assert code == 1
    assert err.count("max_pages: expected a whole number, got 'two'") == 1, err
    line = (data / "h03" / "handout.yaml").read_text().splitlines().index("max_pages: two") + 1
    assert f"h03/handout.yaml:{line}:" in err
    assert "built 12, unchanged 0, failed 1" in err
    assert len(list(out.rglob("*.pdf"))) == 12 and not (out / "h03").exists()


@pytest.mark.parametrize("command, copies, editions", [
    ("build", 12, ["--edition", "standard"]),
    ("check", 12, ["--edition", "standard"]),
    ("check", 4, []),  # every edition: 4 x 3 units of work, as the check counts them (found in review)
])
def test_the_main_process_of_a_parallel_build_starts_its_workers_first_and_never_loads_reportlab(tmp_path: Path,
                                                                                                 command, copies,
                                                                                                 editions):
    """With workers, this process reads, plans and writes; only the workers draw.  Reading the theme
    made it import ReportLab, uharfbuzz and Pillow (~45 ms) before the first job could go to a
    worker (theme imports fonts when a font set is first asked for).  And the fork server, which
    imports the build's code for the workers, starts as soon as the command line is read: before
    this process imports the YAML loader and the model (~15 ms) to read the handouts.  A check of
    many starts it there too (it started when the first unit was handed out: ~50 ms later)."""
    import subprocess
    import sys

    from handout.procs import PARALLEL_FROM

    assert PARALLEL_FROM == 12  # the copies above
    data = ldn_copies(tmp_path / "data", copies, "h{i:02d}")
    out = tmp_path / "out"
    args = (["build", "--out", str(out), "-j", "2", "-q", "--force"] if command == "build"
            else ["check"]) + editions
    script = ("import sys\n"
              "from handout import cli, procs\n"
              "procs.default_jobs = lambda *a: 2  # a check takes the cores there are: two, here\n"
              "start, loaded = procs.start_workers_early, ['not started early']\n"
              "def early():\n"
              "    loaded[:] = [m for m in ('yaml', 'handout.model', 'handout.content') if m in sys.modules]\n"
              "    start()\n"
              "procs.start_workers_early = early\n"
              f"code = cli.main([*{args!r}, '--data', sys.argv[1]])\n"
              "print(code, loaded, sorted(m for m in ('reportlab', 'uharfbuzz', 'PIL') if m in sys.modules))\n")
    res = subprocess.run([sys.executable, "-c", script, str(data)], capture_output=True, text=True, timeout=300)
    assert res.stdout.strip().splitlines()[-1:] == ["0 [] []"], res.stderr[-2000:]
    if command == "build":
        assert len(list(out.rglob("*.pdf"))) == copies  # built, by the workers
    else:
        ok = sum(line.startswith("ok ") for line in res.stdout.splitlines())
        assert ok == copies if editions else (ok >= copies and ok % copies == 0)  # each handout's editions


def test_a_theme_is_read_and_checked_without_reportlab():
    import subprocess
    import sys

    script = ("import sys\n"
              "from handout.theme import load_theme\n"
              "theme = load_theme('default')\n"
              "before = 'reportlab' in sys.modules\n"
              "fonts = theme.fontset('ar')\n"
              "print(before, 'reportlab' in sys.modules, [f.name for f in fonts.families])\n")
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    before, after, families = res.stdout.split(" ", 2)
    assert (before, after) == ("False", "True"), res.stderr[-2000:]
    assert "arabic" in families.lower()  # the font set itself is what it was

def test_each_theme_file_is_parsed_once_for_a_build_and_again_once_edited(tmp_path: Path, monkeypatch):
    """A build asks for its theme's files (fingerprint), the theme itself, and each theme that extends
    one: every ask parsed the file again (default.yaml three times).  An edited file is parsed anew."""
    from handout import theme as th

    parsed: list[str] = []
    real = th.tree_of
    monkeypatch.setattr(th, "tree_of", lambda data, file: parsed.append(Path(file).name) or real(data, file))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "layouts").mkdir()
    mine = tmp_path / "layouts" / "mine.yaml"
    mine.write_text("extends: large-print\n", encoding="utf-8")
    th.forget()
    th._parsed.cache_clear()  # (what other tests read)
    try:
        th.theme_files("mine")
        th.load_theme("mine")
        th.load_theme("large-print")
        assert sorted(parsed) == ["default.yaml", "large-print.yaml", "mine.yaml"]
        mine.write_text("extends: default\n", encoding="utf-8")
        th.forget()
        parsed.clear()
        assert th.theme_files("mine")[-1].name == "default.yaml"
        th.load_theme("mine")
        assert sorted(parsed) == ["mine.yaml"]  # the unchanged default.yaml is still known by its bytes
    finally:
        th.forget()



def test_the_peak_memory_said_is_the_build_s_own_not_its_parent_s(tmp_path: Path):
    """getrusage's ru_maxrss outlives exec: a build started by a process holding 400 MB said
    "peak memory per worker 4xx MB".  Linux's VmHWM starts again with the new program."""
    import re
    import subprocess
    import sys

    script = ("import subprocess, sys\n"
              "held = bytearray(400 * 1024 * 1024)\n"
              "held[::4096] = b'x' * len(held[::4096])  # resident, not just reserved\n"
              "res = subprocess.run([sys.executable, '-c', 'from handout.cli import main_entry; main_entry()',"
              " 'build', 'ldn', '--data', sys.argv[1], '--lang', 'en', '--edition', 'standard', '-j', '1', '-q',"
              " '--out', sys.argv[2]], capture_output=True, text=True)\n"
              "print(res.returncode, res.stderr.strip().splitlines()[-1])\n")
    res = subprocess.run([sys.executable, "-c", script, str(DATA), str(tmp_path / "out")], capture_output=True,
                         text=True, timeout=300)
    said = re.search(r"^0 built 1, .*peak memory per worker (\d+) MB$", res.stdout.strip())
    assert said, res.stdout + res.stderr[-2000:]
    assert 20 < int(said.group(1)) < 200  # one English PDF: ~50 MB


# Mount tables as /proc/self/mountinfo gives them ({root}: the fake /sys/fs/cgroup).
V2 = "30 25 0:26 / {root} rw,nosuid - cgroup2 cgroup2 rw"
V1 = ("31 25 0:27 / {root}/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n"
      "32 25 0:28 / {root}/memory rw - cgroup cgroup rw,memory")
# (files under {root}, /proc/self/cgroup, mountinfo, workers on a 64-core host)
CGROUPS = [
    ({}, "0::/", V2, 64),  # no limits at all
    ({"cpu.max": "max 100000", "memory.max": "max"}, "0::/", V2, 64),
    ({"cpu.max": "200000 100000"}, "0::/", V2, 2),  # docker --cpus=2, Kubernetes limits.cpu: 2
    ({"cpu.max": "150000 100000"}, "0::/", V2, 2),  # 1.5 CPUs: rounded up, as loky and Go do
    ({"cpu.max": "50000 100000"}, "0::/", V2, 1),
    ({"system.slice/h.service/cpu.max": "400000 100000", "system.slice/cpu.max": "300000 100000"},
     "0::/system.slice/h.service", V2, 3),  # a systemd service (CPUQuota=): its own and its parents' limits
    ({"memory.max": str(512 * 2**20)}, "0::/", V2, 2),  # 512 MB: the main process and two workers
    ({"memory.max": str(100 * 2**20)}, "0::/", V2, 1),  # never below one
    ({"my cg/cpu.max": "200000 100000"}, "0::/", V2.replace("{root}", "{root}/my\\040cg"), 2),  # a space, escaped
    ({"cpu,cpuacct/cpu.cfs_quota_us": "300000", "cpu,cpuacct/cpu.cfs_period_us": "100000"},
     "4:cpu,cpuacct:/\n5:memory:/", V1, 3),  # cgroup v1
    ({"cpu,cpuacct/cpu.cfs_quota_us": "-1", "cpu,cpuacct/cpu.cfs_period_us": "100000",
      "memory/memory.limit_in_bytes": "9223372036854771712"}, "4:cpu,cpuacct:/\n5:memory:/", V1, 64),  # unlimited
    ({"memory/memory.limit_in_bytes": str(2 * 2**30)}, "4:cpu,cpuacct:/\n5:memory:/", V1, 12),
    ({"cpu,cpuacct/system.slice/h.service/cpu.cfs_quota_us": "200000",
      "cpu,cpuacct/system.slice/h.service/cpu.cfs_period_us": "100000"},
     "4:cpu,cpuacct:/system.slice/h.service\n5:memory:/system.slice/h.service", V1, 2),  # a v1 service
    ({"cpu/cpu.cfs_quota_us": "100000", "cpu/cpu.cfs_period_us": "100000"}, "1:cpu:/docker/abc",
     "31 25 0:27 /docker/abc {root}/cpu rw - cgroup cgroup rw,cpu", 1),  # its own cgroup bind-mounted
    ({"cpu/sub/cpu.cfs_quota_us": "100000", "cpu/sub/cpu.cfs_period_us": "100000", "cpu/cpu.cfs_quota_us": "400000",
      "cpu/cpu.cfs_period_us": "100000"}, "1:cpu:/docker/abc/sub",
     "31 25 0:27 /docker/abc {root}/cpu rw - cgroup cgroup rw,cpu", 1),  # ... and one below it
    ({"cpu/cpu.cfs_quota_us": "300000", "cpu/cpu.cfs_period_us": "100000", "unified/memory.max": str(512 * 2**20)},
     "1:cpu:/\n0::/", "31 25 0:27 / {root}/cpu rw - cgroup cgroup rw,cpu\n"
     "33 25 0:29 / {root}/unified rw - cgroup2 cgroup2 rw", 2),  # hybrid: v1 cpu, v2 memory
    ({"cpu.max": "200000 100000"}, "0::/", "40 22 0:50 / /mnt/caf\udce9 rw - tmpfs tmpfs rw\n" + V2, 2),  # not UTF-8
    ({"cpu.max": "200000 100000"}, "0::/", "30 25 0:26 / {root} rw,nosuid - cgroup2  rw", 2),  # no source
    ({"cpu.max": "200000 100000"}, "0::/", "30 25 0:26 / {root} rw shared:9 master:2 - cgroup2 cgroup2 rw", 2),
]


@pytest.mark.parametrize("files, own, mounts, expected", CGROUPS)
def test_the_default_workers_respect_the_container_s_cpu_and_memory_limits(tmp_path: Path, monkeypatch, files,
                                                                          own, mounts, expected):
    """A container limited to 2 CPUs on a 64-core host saw 64 cores: 64 workers, throttled to the
    speed of 2, holding ~6 GB (procs.default_jobs)."""
    import os

    from handout import procs

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    root = tmp_path / "sys" / "fs" / "cgroup"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text + "\n")
    proc = tmp_path / "proc"
    proc.mkdir()
    (proc / "cgroup").write_text(own + "\n")
    (proc / "mountinfo").write_bytes(("22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n"
                                      + mounts.replace("{root}", str(root)) + "\n").encode("utf-8", "surrogateescape"))
    assert procs.default_jobs(str(proc)) == expected


@pytest.mark.parametrize("platform, maxrss", [("darwin", 50 * 2**20), ("linux", 50 * 2**10)])
def test_without_proc_the_peak_memory_is_read_in_the_platform_s_units(monkeypatch, platform, maxrss):
    """Where /proc is missing (macOS), getrusage's ru_maxrss is what is left: bytes on macOS, kB on
    Linux (found in review: macOS said 1024 times the memory, and forgot remembered text always)."""
    import builtins
    import resource
    import sys
    import types

    from handout import procs

    real_open = builtins.open

    def no_proc(path, *a, **k):
        if str(path).startswith("/proc/"):
            raise FileNotFoundError(path)
        return real_open(path, *a, **k)

    monkeypatch.setattr(builtins, "open", no_proc)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(resource, "getrusage", lambda who: types.SimpleNamespace(ru_maxrss=maxrss))
    assert procs.peak_mb() == 50.0 and procs.resident_mb() == 50.0


def test_the_rebuild_fingerprint_covers_the_glossary_and_the_libraries_versions(tmp_path: Path, monkeypatch):
    """A corrected drug name in the package's glossary, or an upgraded library (a shaping fix, new CLDR
    dates), rebuilds the PDFs; before, they stayed "unchanged" until --force."""
    import importlib.metadata

    from handout import fingerprint as fp

    libraries = fp._libraries()
    for dist in ("reportlab", "uharfbuzz", "babel", "python-bidi", "arabic-reshaper", "qrcode", "textstat"):
        assert f"Version: {importlib.metadata.version(dist)}" in libraries and dist.replace("-", "_") in libraries
    # setup.py and system packages name their metadata otherwise: the distribution is still found
    assert [fp._distribution(e) for e in ("PyYAML-6.0.1-py3.11.egg-info", "reportlab.egg-info",
                                             "python_bidi-0.6.12.dist-info", "types_pyyaml-6.0.12.dist-info",
                                             "reportlab")] == ["pyyaml", "reportlab", "python_bidi", "types_pyyaml", None]

    site = tmp_path / "site"
    (site / "fakelib").mkdir(parents=True)
    (site / "fakelib" / "__init__.py").write_text("", encoding="utf-8")
    (site / "fakelib-1.0.dist-info").mkdir()
    (site / "fakelib-1.0.dist-info" / "METADATA").write_text("Name: fakelib\nVersion: 1.0\n", encoding="utf-8")
    (site / "fakelib.egg-info").write_text("Name: fakelib\nVersion: 2.0\n", encoding="utf-8")  # no version in the name
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr(fp, "LIBRARIES", ("fakelib",))
    package = tmp_path / "handout"
    shutil.copytree(fp.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("fonts", "__pycache__"))
    monkeypatch.setattr(fp, "PACKAGE_DIR", package)

    def fingerprint() -> str:
        fp._static_fingerprint.cache_clear()
        return fp._static_fingerprint()

    before = fingerprint()
    assert fp._libraries() == "fakelib-1.0.dist-info Version: 1.0\nfakelib.egg-info Version: 2.0"
    assert fingerprint() == before
    (site / "fakelib-1.0.dist-info").rename(site / "fakelib-1.1.dist-info")
    renamed = fingerprint()
    assert renamed != before
    (site / "fakelib.egg-info").write_text("Name: fakelib\nVersion: 2.1\n", encoding="utf-8")
    upgraded = fingerprint()
    assert upgraded != renamed
    edit(package / "glossary" / "ru.yaml", "трамадол", "трамадол ")
    edited = fingerprint()
    assert edited != upgraded
    import zlib  # another zlib compresses to other bytes: "the same input, the same bytes" needs a rebuild

    monkeypatch.setattr(zlib, "ZLIB_RUNTIME_VERSION", zlib.ZLIB_RUNTIME_VERSION + ".1")
    assert fingerprint() != edited
    fp._static_fingerprint.cache_clear()


def test_the_checks_theme_of_an_edition_drawn_with_its_own_theme_is_in_its_fingerprint(tmp_path: Path):
    """Large print is drawn with its own theme, but checked with the build's (--theme): a change in
    the build's checks (max_review_months) rebuilds it too, its verdict and report made again."""
    from handout import batch, fingerprint

    theme = tmp_path / "clinic.yaml"
    theme.write_text("extends: default\nname: clinic\n", encoding="utf-8")
    job = batch.Job(DATA / "ldn", "ldn", "en", "en", tmp_path / "out", "large-print", "large-print")
    opts = batch.Options(theme=str(theme))
    before = fingerprint.fingerprint(job, opts)
    theme.write_text("extends: default\nname: clinic\nchecks:\n  max_review_months: 12\n", encoding="utf-8")
    assert fingerprint.fingerprint(job, opts) != before


@pytest.mark.parametrize("old, new", [
    ("    theme: large-print", "    theme\u200b: large-print"),  # a zero-width space the full read drops
    ("  large-print:", "  large-print\u2060:"),  # a word joiner in an edition's name
    ("source_language: en", 'source_language: "e\u200bn"'),
    ("default_track: standard", 'default_track: "\ufeffstandard"'),
])
def test_a_glance_reads_keys_and_text_as_the_full_read_cleans_them(tmp_path: Path, old: str, new: str):
    """The full read cleans every key and text (NFC, no invisible format characters: load._convert);
    a glance that did not planned another theme (a stale PDF kept), another edition (KeyError in the
    worker) or another source language (a stale translation kept as current)."""
    from handout import content

    folder = ldn_copies(tmp_path / "data", 1, "ldn") / "ldn"
    edit(folder / "handout.yaml", old, new)
    assert content.glance(folder) == content.Plan.of(content.read_facts(folder))


def test_a_parallel_build_says_a_missing_theme_at_its_line_and_builds_the_other_handouts(tmp_path: Path, capsys):
    """A review: one handout's edition naming a theme that does not exist ("large-prnt") stopped a -j2
    build whole, with no file or line ("large-prnt: error: theme: no theme"): the glance planned the
    theme and hashing its files raised in the main process.  Now its facts are read in full there."""
    data = ldn_copies(tmp_path / "data", 13, "h{i:02d}")
    edit(data / "h03" / "handout.yaml", "theme: large-print", "theme: large-prnt")
    out = tmp_path / "out"
    code, _, err = run(["build", "--data", str(data), "--lang", "en", "--out", str(out), "-j", "2", "--force", "-q"],
                       capsys)
    line = line_of(data / "h03" / "handout.yaml", "theme: large-prnt")
    assert code == 1 and f"h03/handout.yaml:{line}:" in err and "large-prnt" in err, err
    assert len(list(out.rglob("*.pdf"))) == 48 and not (out / "h03").exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bad_handout_yaml_with_no_language_file_yet_fails_the_build(tmp_path: Path, capsys, jobs: str):
    """A bad input review: a new handout's facts with an error and no language file yet printed the error,
    then 'failed 0' and exit 0; a clinic's pipeline took the build for good."""
    data = tmp_path / "data"
    (data / "x").mkdir(parents=True)
    (data / "x" / "handout.yaml").write_text("id: x\nno: 3\n")
    code, _, err = run(["build", "--data", str(data), "--out", str(tmp_path / "out"), "-j", jobs], capsys)
    assert code == 1, err
    assert "handout.yaml:2:1: error: no: unknown field 'no'" in err
    assert "failed 1" in err.splitlines()[-1], err
