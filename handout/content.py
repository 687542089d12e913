"""Reading handouts: a handout folder and its languages in (``folders`` finds them), typed
``Handout`` objects out.

Reading runs the first three stages — load, model, validate — and raises one ``HandoutError``
listing every problem in the facts and in every selected language.

A process remembers what it read, by the files' bytes (never by name or time): a batch reads
one handout's facts for every language and edition, and its source text for every translation,
but parses and validates each only once (``MEMORY.parsed`` and ``MEMORY.checked``).  Changed
bytes are a new entry; the models are frozen, so sharing them is safe.
"""

from __future__ import annotations

import glob
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Code, Finding, HandoutError, Location
from .folders import FACTS_FILE, Selection, Target, languages_in, select  # noqa: F401  (also content's names)
from .glance import Plan, glance  # noqa: F401  (planning's, through content)
from .langs import CATALOG_DIR, EXPECTED, SOURCE_CATALOG, valid
from .load import ALIAS, MAX_BYTES, load_bytes, read_bounded
from .memory import MEMORY
from .model import Facts, Handout, Text
from .schema import build
from .validate import validate_facts, validate_text


def _parse(cls: type, path: Path):
    """``build(cls, load_file(path))``, parsed once per content of the file."""
    data = read_bounded(path, MAX_BYTES)  # raises for a missing, special or oversized file (never remembered)

    def make():
        refused: list[Finding] = []  # a duplicate key is reported with what the fields' check finds
        try:
            model: object = build(cls, load_bytes(data, str(path), refused))
        except HandoutError as exc:  # (an alias refused is left out of the tree: not said twice, as
            # "no value given" at its very place; a value kept, with a control character, says both)
            at = {f.location for f in refused if f.message == ALIAS}
            return tuple(refused + [f for f in exc.findings if f.location not in at])
        return tuple(refused) if refused else model

    hit = MEMORY.parsed.recall((cls, str(path), data), make)
    if isinstance(hit, tuple):
        raise HandoutError(list(hit))
    return hit


def parsed(cls: type, path: Path) -> tuple[bytes, object] | None:
    """(the bytes, the model) of ``path`` as this process last parsed it, if it still has those bytes:
    what a batch hands its workers with a job, so they need not parse the facts again."""
    try:
        data = read_bounded(path, MAX_BYTES)
    except HandoutError:
        return None
    hit = MEMORY.parsed.get((cls, str(path), data))
    return None if hit is None or isinstance(hit, tuple) else (data, hit)


def remember(path: Path, data: bytes, model) -> None:
    """Take ``model`` as the parse of ``data``, the bytes of ``path`` (from ``parsed`` in another
    process): read later with those bytes, the file is not parsed again; with others, it is."""
    MEMORY.parsed.recall((type(model), str(path), data), lambda: model)


def _validate_facts(facts: Facts, folder_name: str) -> list[Finding]:
    return list(MEMORY.checked.recall((id(facts), folder_name),
                          lambda: (facts, tuple(validate_facts(facts, folder_name))))[1])


def _validate_text(text: Text, facts: Facts, lang: str, source: Text | None) -> list[Finding]:
    key = (id(text), id(facts), lang, id(source))
    return list(MEMORY.checked.recall(key, lambda: ((text, facts, source), tuple(validate_text(text, facts, lang, source))))[1])


def read_facts(folder: Path) -> Facts:
    """The checked facts of one handout (raises HandoutError with every problem)."""
    facts = _parse(Facts, folder / FACTS_FILE)
    found = _validate_facts(facts, folder.name)
    if any(f.severity == "error" for f in found):
        raise HandoutError(found)
    return facts


@dataclass
class ReadResult:
    """The languages of one handout that passed, and every finding (errors of the others too)."""

    handouts: list[Handout] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # languages (or "facts") that have errors


def no_version(folder: Path, handout_id: str, lang: str) -> Finding:
    """The finding for a language the handout has no file for, with the one meant if it is plain."""
    path = folder / f"{lang}.yaml"
    if path.is_symlink():  # listed, but leads nowhere: "no 'es' version (did you mean 'es'?)" (a review)
        return Finding(Location(str(path)), "", "is a link to a file that is not there, or a loop of links "
                       "(expected the language file, or a link to it)")
    # es.yml, es.YAML: left out unsaid, and the clinic had no Spanish (reviews)
    odd = sorted(q for q in folder.iterdir() if q.stem == lang and q.suffix.lower() in (".yaml", ".yml"))
    if odd:
        return Finding(Location(str(odd[0])), "", f"is not read: content files end in '.yaml' "
                       f"(expected it renamed {lang}.yaml)")
    present = languages_in(folder)
    # 'ES' or 'es-MX' for 'es', 'zh' for 'zh-Hans': named, never swapped in (the clinic's call)
    base = lang.split("-")[0].lower()
    near = [p for p in present if p.lower() in (lang.lower(), base) or p.split("-")[0].lower() == base]
    hint = f"did you mean '{near[0]}'? " if near else ""
    return Finding(Location(str(folder / f"{lang}.yaml")), "", f"no '{lang}' version of handout '{handout_id}' "
                   f"({hint}languages present: {', '.join(present) or 'none'})")


def no_edition(where: Location, handout_id: str, name: str, names: list[str], field: str = "editions") -> Finding:
    """The finding for an edition the handout does not declare, with the one meant if it is plain
    ('largeprint', 'Large_Print' for 'large-print'): named, never built in its place."""
    from .schema import near_spelling  # only a mistake needs a suggestion

    spelt = {n.replace("-", "_"): n for n in names}  # near_spelling's words are split at "_"
    near = near_spelling(name.lower().replace("-", "_"), list(spelt))
    hint = f"did you mean '{spelt[near]}'? " if near else ""
    return Finding(where, field, f"handout '{handout_id}' has no edition '{name}' "
                   f"({hint}expected one of: {', '.join(names)})")


def read(target: Target, langs: tuple[str, ...] = ()) -> ReadResult:
    """Read the facts and the selected languages of one handout.

    A language with errors is left out (and listed in ``failed``) without
    stopping the others; errors in the facts fail every language.
    """
    folder = target.folder
    facts_file = str(folder / FACTS_FILE)
    wanted = target.langs or langs or tuple(languages_in(folder))
    res = ReadResult()
    facts: Facts | None = None
    try:
        facts = _parse(Facts, folder / FACTS_FILE)
        found = _validate_facts(facts, folder.name)
        res.findings += found
        if any(f.severity == "error" for f in found):
            facts = None
    except HandoutError as exc:
        res.findings += exc.findings
    if facts is None:
        res.failed.append("facts")
    source_text: Text | None = None
    for lang in wanted:
        if not valid(lang):  # a language becomes a file name: never a path
            res.findings.append(Finding(_file_of(folder, lang), "lang", f"'{lang}' is not a language code (expected {EXPECTED})"))
            res.failed.append(lang)
            continue
        path = folder / f"{lang}.yaml"
        if not path.exists():
            res.findings.append(no_version(folder, folder.name, lang))
            res.failed.append(lang)
            continue
        # es.yml beside es.yaml: the file a translator edited may be the one never read (a review)
        res.findings += [Finding(Location(str(q)), "", f"is not read: {lang}.yaml is (expected one file for each "
                                 f"language: move what it holds into {lang}.yaml, then delete it)", "warning")
                         for q in sorted(folder.glob(f"{lang}.*"))
                         if q.name != path.name and q.suffix.lower() in (".yaml", ".yml") and q.stem == lang]
        try:
            text = _parse(Text, path)
        except HandoutError as exc:
            res.findings += exc.findings
            res.failed.append(lang)
            continue
        if not (CATALOG_DIR / f"{lang}.yaml").is_file():  # (said at the package's missing catalog before: a review)
            known = sorted(q.stem for q in CATALOG_DIR.glob("*.yaml"))
            res.findings.append(Finding(_file_of(folder, lang), "lang", f"'{lang}': handout has no labels for this "
                                        f"language (expected one of: {', '.join(known)}; or add handout/catalogs/"
                                        f"{lang}.yaml with every key of {SOURCE_CATALOG}.yaml)"))
            res.failed.append(lang)
            continue
        if facts is None:
            continue
        if lang != facts.source_language and source_text is None:
            source_text = _source_text(folder, facts)
            if source_text is None:  # its errors are its own; this translation cannot be checked against it
                res.findings.append(Finding(
                    Location(str(path)), "translation.source_fingerprint",
                    f"cannot check that this translation is current: the {facts.source_language} text has errors "
                    f"(fix {facts.source_language}.yaml first)", "warning", Code.SOURCE_UNREADABLE))
        found = _validate_text(text, facts, lang, source_text if lang != facts.source_language else None)
        res.findings += found
        if any(f.severity == "error" for f in found):
            res.failed.append(lang)
        else:
            res.handouts.append(Handout(facts, text, str(path), facts_file,
                                        source=source_text if lang != facts.source_language else None))
    return res


def _file_of(folder: Path, lang: str) -> Location:
    """Where a language that cannot be built is said: its file, where there is one (``xx_123: error``
    named no file, a review); else the language as asked for.  Looked up on an error only."""
    typed = next((q for q in sorted(folder.glob(f"{glob.escape(lang)}.*")) if q.stem == lang
                  and q.suffix.lower() in (".yaml", ".yml")), None)
    return Location(str(typed)) if typed is not None else Location(lang)


def _source_text(folder: Path, facts: Facts) -> Text | None:
    path = folder / f"{facts.source_language}.yaml"
    try:
        return _parse(Text, path)
    except HandoutError:
        return None  # its own errors are reported when it is read itself


def signature(data_dir: Path) -> tuple:
    """Each content file's name, size and modification time (the web page asks on every request whether its
    handouts changed: a few dozen stat calls)."""
    import os

    out = []
    try:
        folders = sorted(e.path for e in os.scandir(data_dir) if e.is_dir())
    except OSError:
        return ()
    for folder in folders:
        try:
            out += sorted((e.path, e.stat().st_mtime_ns, e.stat().st_size) for e in os.scandir(folder)
                          if e.name.endswith((".yaml", ".yml")))
        except OSError:
            out.append((folder, -1, -1))
    return tuple(out)
