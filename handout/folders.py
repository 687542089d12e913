"""Finding handouts: the command line's HANDOUT arguments and a data folder in, targets out.

A handout is a folder holding ``handout.yaml`` (the facts) and one ``<lang>.yaml`` per
language.  On the command line a HANDOUT may be its id (looked up under the data folder), the
folder, or one content file (a language file selects that language only).  Nothing is read
here but folder listings: a parallel build knows how many PDFs it will make, and starts its
workers, before it imports the YAML loader and the model (``content`` reads the files).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from .errors import Finding, Location

if TYPE_CHECKING:  # (the command line's: workers import this module, never argparse)
    import argparse

FACTS_FILE = "handout.yaml"


@dataclass(frozen=True)
class Target:
    """One handout folder and the languages asked for (empty: all present)."""

    folder: Path
    langs: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.folder.name


@dataclass
class Selection:
    targets: list[Target] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)  # usage problems (unknown id, no such file)
    warnings: list[Finding] = field(default_factory=list)  # what a full build leaves out, said (no handout.yaml)


def languages_in(folder: Path) -> list[str]:
    """The languages of a handout folder, one a file: ``es.yaml``, and ``es.yml`` or ``es.YAML``, which
    are never read but listed, so a build says so (``content.no_version``) instead of leaving Spanish
    out unsaid."""
    stem = Path(FACTS_FILE).stem
    try:
        names = list(folder.iterdir())
    except OSError:
        return []
    return sorted({p.stem for p in names if p.suffix.lower() in (".yaml", ".yml") and p.stem != stem})


def select(args: list[str], data_dir: Path) -> Selection:
    """Turn CLI HANDOUT arguments into targets; no arguments selects every handout."""
    sel = Selection()
    if not args:
        if data_dir.is_dir():
            for p in sorted(data_dir.iterdir()):
                if (p / FACTS_FILE).exists():
                    sel.targets.append(Target(p))
                    continue
                # A folder of language files without its facts was passed over in silence, exit 0, its PDFs
                # still listed as current (a review): said, and its PDFs kept (a rename may be under way).
                found = languages_in(p) if p.is_dir() and not p.name.startswith(".") else []
                if found:
                    files = ", ".join(f"{lang}.yaml" for lang in found[:3]) + (" …" if len(found) > 3 else "")
                    sel.warnings.append(Finding(Location(str(p / FACTS_FILE)), "", f"missing: the folder has {files} "
                                                f"but no {FACTS_FILE}, so it is not built, and its PDFs already built "
                                                "are kept as they were (expected its handout.yaml, or remove the "
                                                "folder)", "warning"))
        if not sel.targets:
            sel.problems.append(Finding(Location(str(data_dir)), "", f"no handouts found (expected folders with {FACTS_FILE})"))
        return sel
    for arg in args:
        p = Path(arg)
        if p.is_file() and p.suffix in (".yaml", ".yml"):
            langs = () if p.name == FACTS_FILE else (p.stem,)
            sel.targets.append(Target(p.parent, langs))
        elif p.is_dir() and (p / FACTS_FILE).exists():
            sel.targets.append(Target(p))
        elif (data_dir / arg / FACTS_FILE).exists():
            sel.targets.append(Target(data_dir / arg))
        else:
            known = [d.name for d in sorted(data_dir.iterdir()) if (d / FACTS_FILE).exists()] if data_dir.is_dir() else []
            sel.problems.append(Finding(Location(arg), "", f"no handout '{arg}' "
                                        f"(expected an id from {data_dir}: {', '.join(known) or 'none'}, "
                                        "a folder or a .yaml file)"))
    return sel


def swallowed(args: argparse.Namespace) -> list[Finding]:
    """A handout named after --lang or --edition, which take every word that follows: read as a language or an
    edition, it was not the handout to build (findings; none when a handout is named before them)."""
    if getattr(args, "handouts", None) or not hasattr(args, "lang"):
        return []
    data = Path(getattr(args, "data", "data"))
    # (check's --region takes several too: "check --region GB ldn" was "unknown region 'ldn'"; its --paper's choices
    # refuse a handout's name themselves)
    several = (("lang", "a language"), ("edition", "an edition"), ("region", "a region"))
    return [Finding(Location(f"--{name}"), name, f"'{value}' is a handout, not {what} (expected the handout first: "
                    f"handout {args.command} {value} --{name} ...)")
            for name, what in several if isinstance(getattr(args, name, None), list)
            for value in getattr(args, name) if (data / str(value) / FACTS_FILE).is_file()]


def other_language(targets: list[Target], langs: list[str]) -> list[Finding]:
    """A language file named as the handout beside --lang for another language: the file's language was built,
    and --lang left unsaid (a portal administrator's review: 'handout build data/ldn/en.yaml --lang es')."""
    return [Finding(Location("--lang"), "lang", f"{', '.join(other)}: not the language of "
                    f"{t.folder / (t.langs[0] + '.yaml')}, the file named (expected the handout's id or folder with "
                    f"--lang, or the language's own file)")
            for t in targets if t.langs and (other := [x for x in langs if x not in t.langs])]
