"""Plain-language rules (``handout check``): one language of a handout in, findings and each rule's result out.

The rules of the AHRQ Patient Education Materials Assessment Tool (PEMAT-P) and the CDC Clear
Communication Index that a program can judge, plus the handout's own rules on citations and review.
Each has a stable code, carried by its findings (``Finding.code``) and recorded in the PDF's report:

======  ========  =====================================================================================
code    level     rule
======  ========  =====================================================================================
PL001   warning   a printed list has at most ``checks.max_list_items`` items (7); a longer one is chunked
PL002   warning   a jargon term (``wordlists/<lang>.yaml``) has a plain explanation in the same section
                  or field: the term followed by a parenthesis, a dash or a colon clause, or a marker
                  ("off-label, which means …"); or the term in brackets after plain words, or after
                  "called" ("a fake pill (placebo)", "a liver enzyme called CYP3A4")
PL003   warning   a percentage or ratio ("29%", "1 in 10") has its comparison in the same sentence: a
                  comparison word ("than", "vs", "compared") or a second percentage or ratio
PL004   warning   every instruction block has an action verb at the start of a clause ("Take …", "If you
                  forget, skip it", "Do not …"): the dosing intro (catalog label), the missed_dose and
                  storage sections, serious_action, and the precautions with their lead-in label
PL005   error     one main message: at most ``checks.max_key_points`` key points (5)
PL006   warning   a sentence with a number cites a source ([@id] in it, or right after its full stop).
                  Not claims, so not judged: an instruction (a clause starting with an action verb, as
                  in PL004), a question, the step notes, and the plan's own numbers (a dose "20 mg", a
                  count "2 tablets", a place "step 2", "days 1 to 3": ``plan_before``/``plan_after``).
                  A FAQ question's number is sourced by a citation in its answer; side-effect names by
                  ``side_effects.cite``; an interaction's advice by its ``cite`` (printed at its end)
PL007   warning   citation numbers print in ascending order: side-by-side ``[@a] [@b]`` are merged and
                  sorted when printed, but citations separated by a comma or semicolon are not
PL008   error     no citation in a heading (title, short name, condition, section headings, FAQ
                  questions, the wallet card's title)
PL009   warning   ``reviewed_by`` names a person and a recognised credential ("Ana Ruiz, PharmD"); until
                  then the footer says "Not yet reviewed" and ``check --strict`` fails
======  ========  =====================================================================================

A rule that needs a word list the language does not have (PL002 jargon, PL003 comparison words,
PL004 and PL006 action verbs) is **not judged** for that language: its result says so and why; it
never passes by default.  Numbers are digits only ("a tenth" is not judged).  The rules read the
words as written, before the region's phone numbers fill ``{emergency}`` (a phone number is not a claim).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from collections.abc import Callable

from .checks import _markup
from .designations import _catalog_lines
from .reading import STOPS, plain
from .errors import Finding, HandoutError, Location, Severity
from .localize import CATALOG_DIR, Labels, load_labels
from .memory import MEMORY
from .model import Handout, outline_ids
from .textfields import _at, wallet_fields
from .markup import citations, parse_markup
from .theme import Checks
from .wordlists import WordList, load as load_words

RULES: dict[str, str] = {
    "PL001": "long lists chunked",
    "PL002": "jargon explained",
    "PL003": "numbers compared",
    "PL004": "instructions have an action verb",
    "PL005": "one main message",
    "PL006": "numbers cite a source",
    "PL007": "citations in order",
    "PL008": "no citations in headings",
    "PL009": "reviewed by a named clinician",
}
SEVERITY: dict[str, Severity] = {"PL005": "error", "PL008": "error"}
# Credentials accepted in reviewed_by (dots ignored: "Pharm.D." is PharmD).
CREDENTIALS = frozenset({
    "PharmD", "RPh", "BPharm", "MPharm", "BCPS", "BCACP", "BCOP", "BCPP", "BCGP", "CDCES", "CDE",
    "MD", "DO", "MBBS", "MBChB", "MBBCh", "PhD", "DNP", "NP", "APRN", "FNP", "FNP-C", "FNP-BC", "AGNP",
    "PNP", "CNS", "CNM", "PA", "PA-C", "RN", "BSN", "MSN", "LPN", "RD", "RDN"})
Status = Literal["pass", "fail", "not judged"]
Fld = tuple[str, str, Location]  # (field path, raw markup, where it was written)


class NotJudged(Exception):
    """A rule cannot judge this language (its word list is missing): the reason."""


@dataclass(frozen=True)
class Result:
    """One rule's verdict on one language of a handout."""

    code: str
    status: Status
    count: int = 0
    why: str = ""

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"rule": RULES[self.code], "result": self.status, "count": self.count}
        if self.why:
            out["why"] = self.why
        return out


# --- what a patient reads, grouped as the page groups it
def _units(h: Handout) -> list[tuple[str, list[Fld]]]:
    """(unit name, its fields): a section, a key point, a FAQ entry, the precautions ... (PL002's "same section")."""
    t = h.text
    units: list[tuple[str, list[Fld]]] = [("title", [(n, getattr(t, n), t.where(n)) for n in ("title", "short_name",
                                                                                           "condition")])]
    units += [(f"key_points[{i}]", [(f"key_points[{i}]", k, _at(t, "key_points", i))]) for i, k in enumerate(t.key_points)]
    for i, s in enumerate(t.sections):
        fields = [(f"sections[{i}].heading", s.heading, s.where("heading"))]
        fields += [(f"sections[{i}].{n}[{j}]", p, _at(s, n, j)) for n in ("body", "bullets") for j, p in
                   enumerate(getattr(s, n))]
        units.append((f"sections[{i}]", fields))
    for name in ("step_notes", "side_effects", "interactions"):
        units += [(f"{name}.{k}", [(f"{name}.{k}", v, t.where(f"{name}.{k}"))]) for k, v in getattr(t, name).items()]
    units.append(("serious_action", [("serious_action", t.serious_action, t.where("serious_action"))]))
    units.append(("precautions", [(f"precautions[{i}]", p, _at(t, "precautions", i)) for i, p in enumerate(t.precautions)]))
    units += [(f"faq[{i}]", [(f"faq[{i}].q", q.q, q.where("q")), (f"faq[{i}].a", q.a, q.where("a"))])
              for i, q in enumerate(t.faq)]
    units.append(("disclaimer", [("disclaimer", t.disclaimer, t.where("disclaimer"))]))
    if t.wallet_card:
        units.append(("wallet_card", list(wallet_fields(t))))
    return units


def _texts(h: Handout) -> list[Fld]:
    """Every sentence-bearing field and the side-effect names (they carry frequencies: "1 in 3")."""
    t = h.text
    out = list(_markup(t))
    out += [(f"side_effects.{k}", v, t.where(f"side_effects.{k}")) for k, v in t.side_effects.items()]
    out += wallet_fields(t)
    return out


# (and after a bold sentence's closing "**": "**Take 1 or 2 tablets.** Wait at least 6 hours between doses." was one
# sentence, whose "when you need them" made the wait a condition's; a review)
# (the look ahead at a space first: most places are no space, passed over without the look-behinds: 0.4 -> 0.2 ms a
# handout, the same splits)
_SPLIT = re.compile(r"(?=\s)(?:(?<=[.!?])|(?<=[.!?][\"'”’»)\]*])|(?<=[.!?]\*\*))\s+|(?<=[。！？।؟۔])\s*")
# ... and without its last branch, for a text with none of the stops it looks behind for (every Latin-script text)
_SPLIT_LATIN = re.compile(_SPLIT.pattern.rsplit("|", 1)[0])
_LEADING_CITES = re.compile(r"^(?:\s*\[@[a-z0-9][a-z0-9_-]*\])+")
_CLAUSE = re.compile(r"[.!?;:,()\[\]—–。！？]|\s-\s")
_NUMBER = re.compile(r"(?<!\w)\d+(?:[.,]\d+)*")


def raw_sentences(raw: str) -> list[str]:
    """Sentences of markup, each with its citations: "[@id]" right after a full stop belongs to the sentence before.

    Once per process for each text (``MEMORY.sentences``): PL003 and PL006 read every text's sentences,
    and the split's look-behinds, tried at every character, were ~2% of a new handout's build."""
    hit = MEMORY.sentences.get(raw)
    if hit is None:
        hit = MEMORY.sentences.put(raw, tuple(_raw_sentences(raw)))
    return list(hit)


def _raw_sentences(raw: str) -> list[str]:
    out: list[str] = []
    for part in (_SPLIT if STOPS.search(raw) else _SPLIT_LATIN).split(raw):
        m = _LEADING_CITES.match(part)
        if m and out:
            out[-1] += " " + m.group(0).strip()
            part = part[m.end():]
        if part.strip():
            out.append(part.strip())
    return out


def imperative(words: WordList, text: str) -> bool:
    """Does a clause of ``text`` start with an action verb (after lead words: "Always take", "Do not give")?"""
    for clause in _CLAUSE.split(text):
        for tok in re.findall(r"\w+", clause):
            if words.is_verb(tok):
                return True
            if tok.lower() not in words.leads:
                break
    return False


def _words(h: Handout, need: str, what: str) -> WordList:
    words = load_words(h.lang)
    if words is None or not getattr(words, need):
        raise NotJudged(f"no {what} for language '{h.lang}' (handout/wordlists/{h.lang.split('-')[0]}.yaml: {need})")
    return words


def _f(code: str, loc: Location, path: str, message: str) -> Finding:
    return Finding(loc, path, message, SEVERITY.get(code, "warning"), code)


# --- the rules
def pl001_lists(h: Handout, checks: Checks) -> list[Finding]:
    t, f, most = h.text, h.facts, checks.max_list_items
    lists = [(f"sections[{i}].bullets", len(s.bullets), s.where("bullets")) for i, s in enumerate(t.sections)]
    lists.append(("precautions", len(t.precautions), t.where("precautions")))
    se = f.side_effects
    lists += [(f"side_effects.{g}", len(getattr(se, g)), se.where(g)) for g in ("common", "less_common", "serious")]
    # A do-not-take group prints as one line of examples of a class ("any opioid, for example …"), not
    # as a list to read down; a may-interact group prints as a column list and counts.
    lists += [(f"interactions[{n}].drugs", len(it.drugs), it.where("drugs")) for n, it in enumerate(f.interactions)
              if it.severity != "do_not_take"]
    return [_f("PL001", loc, path, f"{n} items in one list (expected at most {most}: split it into smaller groups, "
               "each with its own lead-in, or move some to the page the QR code opens)")
            for path, n, loc in lists if n > most]


def pl002_jargon(h: Handout, checks: Checks) -> list[Finding]:
    words = _words(h, "jargon", "jargon list")
    out: list[Finding] = []
    units = [(unit, [(path, plain(raw), loc) for path, raw, loc in fields]) for unit, fields in _units(h)]
    # Plain text has no newline, so a term is in a joined text iff it is in one of its parts: the
    # terms the handout never uses (most of them) are ruled out at once.
    everything = "\n".join(text for _, texts in units for _, text, _ in texts)
    used = [words.term_pattern(term) for term in words.jargon_in(everything)]
    for unit, texts in units:
        joined = "\n".join(text for _, text, _ in texts)
        for pat in used:
            if not pat.search(joined):
                continue
            hits = [(path, loc, text, m) for path, text, loc in texts for m in pat.finditer(text)]
            if hits and not any(words.explained_after.match(text, m.end()) or words.explained_before.search(
                    text[:m.start()]) for _, _, text, m in hits):
                path, loc, _, m = hits[0]
                where = "section" if unit.startswith("sections[") else "field"
                out.append(_f("PL002", loc, path, f"'{m.group(0)}' is medical jargon with no plain explanation in "
                              f"the same {where} (expected '{m.group(0)} (plain words)', '{m.group(0)}, which "
                              f"means …', or plain words with the term in brackets)"))
    return out


def pl003_comparisons(h: Handout, checks: Checks) -> list[Finding]:
    words = _words(h, "comparison", "comparison words")
    kinds = words.number_kinds
    assert kinds is not None
    out: list[Finding] = []
    for path, raw, loc in _texts(h):
        for s in raw_sentences(raw):
            text = plain(s)
            found = kinds.findall(text)
            if len(found) == 1 and not words.comparison_words.search(text):
                out.append(_f("PL003", loc, path, f"'{found[0]}' with nothing to compare it to (expected the "
                              "comparison in the same sentence: '29% on the medicine, compared with 18% on a fake "
                              "pill', 'than', 'vs')"))
    return out


def _instruction_blocks(h: Handout) -> list[tuple[str, list[Fld]]]:
    t, f = h.text, h.facts
    blocks = outline_ids(f.outline) + [b for ed in f.editions.values() for b in outline_ids(ed.outline or ())]
    out: list[tuple[str, list[Fld]]] = []
    try:
        catalog: Labels | None = load_labels(h.lang)
    except HandoutError:
        catalog = None
    labels = catalog.values if catalog else {}
    lines = _catalog_lines(h.lang) if labels else {}

    def label(key: str) -> Fld:  # in the reader's form, as the page prints it
        if catalog is not None:
            key = catalog.reader(key, f.audience == "caregiver", h.over_the_counter)
        return key, labels.get(key, ""), lines.get(key, Location(str(CATALOG_DIR / f"{h.lang}.yaml")))

    if "dosing" in blocks:
        out.append(("dosing intro", [label("dosing_intro")]))
    for i, s in enumerate(t.sections):
        if s.id in ("missed_dose", "storage"):
            out.append((f"section '{s.id}'", [(f"sections[{i}].{n}[{j}]", p, _at(s, n, j))
                                               for n in ("body", "bullets") for j, p in enumerate(getattr(s, n))]))
    out.append(("serious_action", [("serious_action", t.serious_action, t.where("serious_action"))]))
    if "precautions" in blocks:
        items = [(f"precautions[{i}]", p, _at(t, "precautions", i)) for i, p in enumerate(t.precautions)]
        out.append(("precautions", items + [label("precautions_heading")]))
    return out


def pl004_actions(h: Handout, checks: Checks) -> list[Finding]:
    words = _words(h, "action_verbs", "list of action verbs")
    out: list[Finding] = []
    for name, fields in _instruction_blocks(h):
        if fields and not any(imperative(words, plain(raw)) for _, raw, _ in fields):
            path, _, loc = fields[0]
            out.append(_f("PL004", loc, path, f"the {name} has no action verb: it says what is true but not what "
                          "to do (expected an instruction that starts with a verb: 'Take …', 'Call …', 'Keep …')"))
    return out


def pl005_key_points(h: Handout, checks: Checks) -> list[Finding]:
    n, most = len(h.text.key_points), checks.max_key_points
    return [_f("PL005", h.text.where("key_points"), "key_points", f"{n} key points (expected at most {most}: "
               "one main message, the few things a patient must remember)")] if n > most else []


def pl006_numbers_cited(h: Handout, checks: Checks) -> list[Finding]:
    words = _words(h, "action_verbs", "list of action verbs (to tell an instruction from a claim)")
    f = h.facts
    appended = {f"interactions.{it.id}": "".join(f" [@{c}]" for c in it.cite) for it in f.interactions}
    out: list[Finding] = []
    answers = {f"faq[{i}].q": q.a for i, q in enumerate(h.text.faq)}
    for path, raw, loc in _texts(h):
        if path.startswith("step_notes.") or path.startswith("side_effects.") and f.side_effects.cite:
            continue  # notes on the plan's rows; the side-effect block prints side_effects.cite
        for s in raw_sentences(raw + appended.get(path, "")):
            text = plain(s)
            m = _claim_number(words, text)
            # A question claims nothing; a FAQ question (plain text, no citations) is sourced by its answer.
            if not m or text.endswith(("?", "？", "؟")) or imperative(words, text):
                continue
            if path in answers:
                if not citations(answers[path]):
                    out.append(_f("PL006", loc, path, f"'{m.group(0)}' in a question whose answer cites no source: "
                                  f"'{_short(text)}' (expected a citation [@id] in the answer: a question cannot "
                                  "carry one)"))
            elif not citations(s):
                out.append(_f("PL006", loc, path, f"'{m.group(0)}' in a sentence with no source: '{_short(text)}' "
                              "(expected a citation [@id] at the end of the sentence that gives the number)"))
    return out


def _claim_number(words: WordList, text: str) -> re.Match[str] | None:
    """The first number of ``text`` that is not the plan's (a dose, a count of tablets, a step)."""
    plan = [m.span() for m in words.plan_numbers.finditer(text)]
    return next((m for m in _NUMBER.finditer(text) if not any(a <= m.start() < b for a, b in plan)), None)


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57].rsplit(" ", 1)[0] + " …"


def pl007_citation_order(h: Handout, checks: Checks) -> list[Finding]:
    from .source_blocks import source_order

    numbers: dict[str, int] = {s.id: n + 1 for n, s in enumerate(source_order(h))}
    appended = {f"interactions.{it.id}": "".join(f" [@{c}]" for c in it.cite) for it in h.facts.interactions}
    out: list[Finding] = []
    for path, raw, loc in _markup(h.text):
        printed: list[list[int] | str] = []  # superscripts (merged as blocks.Ctx.spans merges them) and text
        for sp in parse_markup(raw + appended.get(path, "")):
            if sp.cite and sp.text in numbers:
                if printed and isinstance(printed[-1], list):
                    printed[-1] = sorted({*printed[-1], numbers[sp.text]})
                else:
                    printed.append([numbers[sp.text]])
            elif not (sp.text.strip() == "" and printed and isinstance(printed[-1], list)):
                printed.append(sp.text)
        run: list[list[int]] = []
        for item in [*printed, "."]:
            if isinstance(item, list):
                run.append(item)
            elif re.fullmatch(r"\s*[,;]\s*", item) and run:
                continue
            else:
                flat = [n for grp in run for n in grp]
                if len(run) > 1 and flat != sorted(set(flat)):
                    shown = ", ".join(",".join(map(str, g)) for g in run)
                    out.append(_f("PL007", loc, path, f"citations print as '{shown}' (expected ascending numbers, "
                                  "'1, 4' never '4, 1': write them side by side, [@a] [@b], with nothing between)"))
                run = []
    return out


_CITE_MARK = re.compile(r"\[@[^\]]*\]|\[\d+(?:\s*[,–-]\s*\d+)*\]|[¹²³⁰⁴⁵⁶⁷⁸⁹]+")


def pl008_heading_citations(h: Handout, checks: Checks) -> list[Finding]:
    t = h.text
    heads: list[Fld] = [(n, getattr(t, n), t.where(n)) for n in ("title", "short_name", "condition")]
    heads += [(f"sections[{i}].heading", s.heading, s.where("heading")) for i, s in enumerate(t.sections)]
    heads += [(f"faq[{i}].q", q.q, q.where("q")) for i, q in enumerate(t.faq)]
    heads += [("wallet_card[0]", t.wallet_card[0], _at(t, "wallet_card", 0))] if t.wallet_card else []
    return [_f("PL008", loc, path, f"a citation '{m.group(0)}' in a heading (expected citations only in the text "
               "under it: a heading says what the reader gets, and a number there points nowhere)")
            for path, text, loc in heads for m in _CITE_MARK.finditer(text)]


_NAME = re.compile(r"[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*)+")


def pl009_reviewed_by(h: Handout, checks: Checks) -> list[Finding]:
    f = h.facts
    who = (f.reviewed_by or "").strip()
    if not who:
        loc = f.field_locs.get("reviewed_by") or f.where("reviewer")
        return [_f("PL009", loc, "reviewed_by", "not yet reviewed by a named clinician (expected a name and "
                   "credential, e.g. 'Ana Ruiz, PharmD')")]
    name, _, creds = who.partition(",")
    given = [c.strip().replace(".", "") for c in re.split(r"[,;]", creds) if c.strip()]
    known = {c.lower(): c for c in CREDENTIALS}
    problems = []
    if not _NAME.fullmatch(name.strip()):
        problems.append(f"'{name.strip()}' is not a person's name")
    if not any(c.lower() in known for c in given):
        problems.append("no recognised credential" + (f" in '{creds.strip()}'" if creds.strip() else ""))
    if not problems:
        return []
    return [_f("PL009", f.where("reviewed_by"), "reviewed_by", f"{'; '.join(problems)} (expected a name and "
               f"credential, e.g. 'Ana Ruiz, PharmD'; credentials: {', '.join(sorted(CREDENTIALS, key=str.lower))})")]


CHECKS: dict[str, Callable[[Handout, Checks], list[Finding]]] = {
    "PL001": pl001_lists, "PL002": pl002_jargon, "PL003": pl003_comparisons, "PL004": pl004_actions,
    "PL005": pl005_key_points, "PL006": pl006_numbers_cited, "PL007": pl007_citation_order,
    "PL008": pl008_heading_citations, "PL009": pl009_reviewed_by,
}


def judge(h: Handout, checks: Checks) -> tuple[list[Finding], dict[str, Result]]:
    """Every rule on one language (the words as written, before the region fills them in)."""
    findings: list[Finding] = []
    results: dict[str, Result] = {}
    for code, rule in CHECKS.items():
        try:
            found = rule(h, checks)
        except NotJudged as exc:
            results[code] = Result(code, "not judged", why=str(exc))
            continue
        findings += found
        results[code] = Result(code, "fail" if found else "pass", len(found))
    return findings, results
