"""One policy, everywhere: the CLI, the batch runner, personalised builds and the web page make the
same decision ("may this PDF be made?") with typed finding codes."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path


from conftest import DATA, edit, run
from handout import content, policy
from handout.errors import Code
from handout.theme import load_theme

START = (date.today() + timedelta(days=3)).isoformat()


def with_translation(ldn: Path) -> Path:
    shutil.copy(DATA / "ldn" / "es.yaml", ldn / "es.yaml")
    return ldn


def test_a_yaml_error_in_the_source_text_no_longer_turns_off_the_stale_guard(ldn: Path):
    with_translation(ldn)
    edit(ldn / "en.yaml", "title: Low-dose naltrexone (LDN)", "title: [Low-dose naltrexone")
    res = content.read(content.Target(ldn, ("es",)))
    codes = {f.code for f in res.findings}
    assert Code.SOURCE_UNREADABLE in codes
    h = res.handouts[0] if res.handouts else None
    if h is not None:  # the Spanish text itself is fine: the policy refuses it
        verdict = policy.decide(h, res.findings, load_theme(), date.today())
        assert not verdict.allowed and Code.SOURCE_UNREADABLE in verdict.codes()
        assert policy.decide(h, res.findings, load_theme(), date.today(), allow_stale=True, checks=False).allowed


def test_build_of_a_translation_whose_source_is_broken_fails(ldn: Path, tmp_path: Path, capsys):
    with_translation(ldn)
    edit(ldn / "en.yaml", "title: Low-dose naltrexone (LDN)", "title: [Low-dose naltrexone")
    code, _, err = run(["build", str(ldn), "--lang", "es", "-j", "1", "--out", str(tmp_path)], capsys)
    assert code == 1 and "cannot check that this translation is current" in err  # was: exit 0
    assert not list(tmp_path.rglob("*.pdf"))


def test_placeholders_are_typed_and_refused_for_print_only(ldn: Path):
    edit(ldn / "en.yaml", "title: Low-dose naltrexone (LDN)", 'title: "TODO: drug name"')
    res = content.read(content.Target(ldn))
    h = res.handouts[0]
    assert any(f.code == Code.PLACEHOLDER and f.severity == "warning" for f in res.findings)
    assert Code.PLACEHOLDER in policy.decide(h, res.findings, load_theme(), date.today()).codes()
    assert policy.decide(h, res.findings, load_theme(), date.today(), for_print=False, checks=False).allowed
    assert not policy.decide(h, res.findings, load_theme(), date.today(), for_print=False, strict=True).allowed


def low_contrast_theme(tmp_path: Path) -> Path:
    path = tmp_path / "pale.yaml"
    path.write_text('extends: default\nname: pale\ncolours:\n  text: "#bbbbbb"\n', encoding="utf-8")
    return path


def test_build_runs_the_theme_contrast_check_that_check_runs(ldn: Path, tmp_path: Path, capsys):
    theme = str(low_contrast_theme(tmp_path))
    code_check, _, err_check = run(["check", str(ldn), "--theme", theme], capsys)
    code_build, _, err_build = run(["build", str(ldn), "--theme", theme, "-j", "1", "--out", str(tmp_path / "o")],
                                   capsys)
    assert code_check == code_build == 1
    assert "colours.text" in err_check and "colours.text" in err_build  # build skipped it before
    assert not list((tmp_path / "o").rglob("*.pdf"))


def test_personalised_build_refuses_placeholders(ldn: Path, tmp_path: Path, capsys):
    edit(ldn / "en.yaml", "title: Low-dose naltrexone (LDN)", 'title: "TODO: drug name"')
    code, _, err = run(["build", str(ldn), "--out", str(tmp_path), "--patient", "Ana", "--edition", "standard"],
                       capsys)
    assert code == 1 and "placeholder" in err and not list(tmp_path.rglob("*.pdf"))


def test_web_page_refuses_placeholders_with_a_clinician_message(ldn: Path):
    from handout.web import create_app

    edit(ldn / "en.yaml", "title: Low-dose naltrexone (LDN)", 'title: "TODO: drug name"')
    client = create_app(ldn.parent, rate="1000 per minute").test_client()
    client.environ_base["HTTP_HOST"] = "localhost"
    from handout import websafety

    token = websafety.csrf_token(client.application)
    resp = client.post("/pdf", data={"handout": "ldn", "lang": "en", "edition": "standard", "csrf": token})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 422 and "cannot be printed" in html
    assert "en.yaml" not in html  # a clinician cannot edit content files: the message speaks to them
