"""``handout new``: an id in, a complete starter handout folder out.

Every section holds a clearly marked placeholder ("TODO: ..."): ``handout check``
passes the starter with a warning naming each placeholder, while ``check --strict``
and ``build`` refuse them, so an unfinished handout is never printed by accident.
The numbers in the starter's dosing track are examples that ``validate`` accepts;
the step notes beside them are placeholders, so the track cannot slip through.
"""

from __future__ import annotations

import argparse
import re
import shlex
from collections.abc import Callable
from pathlib import Path

from .errors import Finding, HandoutError, Location
from .checks import add_months
from .write import write_atomic

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# The authoring guide, shipped in the package (pyproject's package-data) so that a plain `pip install .`
# has it too: the one copy, linked from the README.
GUIDE = Path(__file__).resolve().parent / "docs" / "authoring.md"

FACTS = """\
# yaml-language-server: $schema={schemas}/handout.schema.json
# Facts of the {id} handout: written once, shared by every language.
# Doses and the schedule are numbers; the words are in {lang}.yaml. Guide: {guide}
id: {id}
version: "0.1"
reviewed_on: {today}
next_review: {next_year}
reviewer: "TODO: name and role of the clinician who reviewed the content"
organisation: "TODO: who publishes this handout"
source_language: {lang}
max_pages: 2
qr_url: https://example.org/TODO-page-listing-the-sources
outline:
  - key_points
  - about
  - dosing
  - missed_dose | storage
  - side_effects
  - interactions
  - precautions | faq
  - sources

default_track: standard
tracks:
  - id: standard
    product: {{form: tablet, unit: mg}}
    steps:
      # Replace the example numbers: amount = count x strength, checked on every build.
      - {{when: {{unit: week, start: 1, end: 2}}, amount: 5, strength: 5, count: 1, timing: morning, note: first_step}}
      - {{when: {{unit: week, start: 3}}, amount: 10, strength: 5, count: 2, timing: morning, note: usual_dose}}

side_effects:
  common: [common_1, common_2]
  serious: [serious_1]
  cite: [source_1]

interactions:
  - id: never_with
    severity: do_not_take
    drugs: [{{name: "TODO: generic name", brand: "TODO: brand name"}}]
    cite: [source_1]

sources:
  - id: source_1
    authors: "TODO: authors"
    title: "TODO: title of the source"
    publisher: "TODO: journal or publisher"
    year: {year}
    url: https://example.org/TODO-source
"""

TEXT = """\
# yaml-language-server: $schema={schemas}/text.schema.json
# The words of the {id} handout in {lang}. Bold: **like this**. Cite a source: [@source_1].
# Aim for grade 6 (short sentences, common words) and explicit instructions.
# Phone numbers are never typed: write {{emergency}}, {{poison}} or {{crisis}}; the region fills them in.
language: {lang}
title: "{title}"
short_name: "TODO: short name used in headings"
condition: "TODO: what it is for, in plain words"

key_points:
  - "TODO: the one thing a patient must remember"
  - "TODO: how to take it, explicitly (for example: Take 1 tablet each morning)"
  - "TODO: the most important warning"

sections:
  - id: about
    heading: "TODO: What is it?"
    body:
      - "TODO: what it is and why it is used, in two or three short sentences. [@source_1]"
  - id: missed_dose
    heading: If you miss a dose
    body:
      - "TODO: what to do after a missed dose."
  - id: storage
    heading: "TODO: How to store it"
    body:
      - "TODO: where and how to keep it, away from children."

step_notes:
  first_step: "TODO: note for the first step"
  usual_dose: "TODO: note for the usual dose"

side_effects:
  common_1: "TODO: a common side effect"
  common_2: "TODO: another common side effect"
  serious_1: "TODO: a serious side effect"

serious_action: "TODO: who to call, how fast (for example: **Call {{emergency}}** if ...)"

interactions:
  never_with: "TODO: why not to take them together, and what to do"

precautions:
  - "TODO: who should talk to their doctor first"

faq:
  - q: "TODO: a question patients ask"
    a: "TODO: its answer"

disclaimer: This handout does not replace advice from your own doctor, nurse or pharmacist.
"""


def create(data_dir: Path, handout_id: str, lang: str, title: str | None, today) -> list[Path]:
    """Write the starter files; refuse a bad id or an existing handout."""
    if not _ID.match(handout_id):
        raise HandoutError.single(Location(handout_id), "id", f"'{handout_id}' is not a valid id "
                                  "(expected lower-case letters, digits, '_' or '-', e.g. 'metformin')")
    from .langs import EXPECTED, valid

    if not valid(lang):  # it becomes a file name: never a path
        raise HandoutError.single(Location(lang), "lang", f"'{lang}' is not a language code (expected {EXPECTED})")
    from .langs import CATALOG_DIR

    if not (CATALOG_DIR / f"{lang}.yaml").is_file():  # (a starter no build could print: exit 0, a review)
        known = sorted(q.stem for q in CATALOG_DIR.glob("*.yaml"))
        raise HandoutError.single(Location("--lang"), "lang", f"'{lang}': handout has no labels for this language "
                                  f"(expected one of: {', '.join(known)})")
    folder = data_dir / handout_id
    folder = folder.resolve() if folder.is_absolute() else folder
    if folder.exists():
        raise HandoutError.single(Location(str(folder)), "", f"'{folder}' already exists (choose another id)")
    import os

    from .jsonschema import SCHEMA_DIR

    values = dict(id=handout_id, lang=lang, title=(title or "TODO: drug name").replace('"', "'"),
                  schemas=Path(os.path.relpath(SCHEMA_DIR, folder.resolve())).as_posix(), guide=GUIDE,
                  today=today.isoformat(), next_year=add_months(today, 12).isoformat(),
                  year=today.year)
    files = [(folder / "handout.yaml", FACTS.format(**values)), (folder / f"{lang}.yaml", TEXT.format(**values))]
    for path, text in files:
        write_atomic(path, text.encode())
    return [p for p, _ in files]


def run(args: argparse.Namespace, report: Callable[[list[Finding]], None]) -> int:
    """``handout new``: the starter's files, and what to do next."""
    from datetime import date

    from .cli import EXIT_OK, EXIT_USAGE  # loaded: the command line runs this

    try:
        paths = create(args.data, args.id, args.lang, args.title, date.today())
    except HandoutError as exc:
        report(exc.findings)
        return EXIT_USAGE
    for p in paths:
        print(f"created {p}")
    # The next commands as they must be typed: with the --data folder this one was given.
    target = args.id if args.data == Path("data") else f"{args.id} --data {shlex.quote(str(args.data))}"
    print(f"""
Next:
  1. Fill in every TODO in {paths[0]} and {paths[1]}.
     The guide explains each field: {GUIDE}
  2. handout check {target}          lists what is still a placeholder or wrong, with its line
  3. handout build {target} --watch  rebuilds the PDF each time you save; open output/{args.id}/{args.id}.{args.lang}.pdf
A handout with placeholders is never built, so nothing unfinished can be printed.""")
    return EXIT_OK
