"""Planning a build: the command line's targets in, the batch's jobs and the manifest's scope out.

One job per (handout, language, edition).  What cannot be planned (unreadable facts, a language
or an edition asked for that is not there) is reported here, once, and counted as failed; the
manifest's ``Scope`` records it, and, for a full build, what the content folder holds.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from . import content
from .batch import Job
from .errors import Finding, HandoutError
from .folders import Target
from .manifest import Refused, Scope
from .model import Facts


def _theme_found(name: str) -> bool:
    from .theme import theme_files

    try:
        theme_files(name)
    except HandoutError:
        return False
    return True


def plan_jobs(targets: list[Target], args: argparse.Namespace, glance: bool,
              report: Callable[[Sequence[Finding]], None]) -> tuple[list[Job], int, Scope]:
    """The build's targets and command line in; one job per (handout, language, edition) out, with
    the number of PDFs failed here (each reported: a missing language, unreadable facts, an edition
    the handout does not have) and the manifest's ``Scope`` (what failed here; for a full build,
    what the content folder holds: the rest is removed from the output folder).  ``glance``: the
    build runs in workers, which read and check the facts themselves."""
    # Full: every handout, language and edition.  A filtered build never removes anything.
    scope = Scope(args.out, full=not (args.handouts or args.lang or args.edition), data=args.data)
    listed = _other_tracks(scope) if scope.full and not args.track else {}
    jobs: list[Job] = []
    failed = 0
    for t in targets:
        langs = t.langs or tuple(args.lang) or tuple(content.languages_in(t.folder))
        # With workers, the facts are read and checked in them: here a glance at the YAML plans the
        # jobs (a full read of 100 handouts' facts, ~0.4 s, was the serial start of a -j2 build).
        plan = content.glance(t.folder) if glance else None
        if plan is not None and not all(_theme_found(name) for name in plan.themes.values() if name):
            plan = None  # (the fingerprint's theme_files raised it, unlocated, and stopped the whole build)
        parsed = None
        if plan is None or any(name not in plan.themes for name in args.edition):
            try:
                facts = content.read_facts(t.folder)  # the full read: its errors are said here, once
            except HandoutError as exc:
                # (with its language files' own errors: every problem at once, as check says them; a review)
                more = [f for f in content.read(t, tuple(langs)).findings if f.severity == "error" and f not in exc.findings]
                report(exc.findings + more)
                failed += max(1, len(langs))  # (a handout with no language file yet failed too: exit 1, not 0)
                scope.refused.append(Refused(t.id, langs, tuple(args.edition), tuple(exc.findings)))
                scope.unsure.add(t.id)  # its editions are unknown: none of its PDFs is removed
                continue
            plan = content.Plan.of(facts)
            for name in args.edition:
                if name not in plan.themes:
                    why = content.no_edition(facts.where("editions"), t.id, name, list(plan.themes))
                    report([why])
                    failed += 1
                    scope.refused.append(Refused(t.id, langs, (name,), (why,)))
            parsed = content.parsed(Facts, t.folder / content.FACTS_FILE)  # for the workers: parsed once
        editions = args.edition or list(plan.themes)
        scope.present.update((t.id, lang, name) for lang in langs for name in plan.themes)
        for lang in langs:
            if not (t.folder / f"{lang}.yaml").exists():
                why = content.no_version(t.folder, t.id, lang)
                report([why])
                failed += 1
                scope.refused.append(Refused(t.id, (lang,), tuple(args.edition), (why,)))
                continue
            for name in (e for e in editions if e in plan.themes):
                track = args.track if args.track and args.track != plan.default_track else None
                jobs.append(Job(t.folder, t.id, lang, plan.source_language, args.out, name,
                                      plan.themes[name], track=track, facts_parsed=parsed))
        others = {x for x in listed.get(t.id, set()) if x[2] != plan.default_track}
        if others:
            # A PDF of another track (--track slow) listed as current kept its old plan when the track changed, or
            # went on being offered when it was removed (a portal administrator's review): a full build makes each
            # again (or finds it unchanged), and removes those of a track the handout no longer has.
            try:
                tracks = {tr.id for tr in content.read_facts(t.folder).tracks}
            except HandoutError:
                continue  # (said above, or by the workers: its PDFs stay as they are)
            scope.tracks[t.id] = tracks | ({plan.default_track} if plan.default_track else set())
            for lang, name, track in sorted(others):
                if track in tracks and lang in langs and name in plan.themes and (t.folder / f"{lang}.yaml").exists():
                    jobs.append(Job(t.folder, t.id, lang, plan.source_language, args.out, name, plan.themes[name],
                                    track=track, facts_parsed=parsed))
    return jobs, failed, scope


def _other_tracks(scope: Scope) -> dict[str, set[tuple[str, str, str]]]:
    """(language, edition, track) of each PDF the output folder's manifest lists, by handout, for this content
    folder's handouts: those of a track other than a handout's default are made again by a full build."""
    from pathlib import Path

    from .manifest import handout_of, read_manifest

    ours = scope.ours()
    found: dict[str, set[tuple[str, str, str]]] = {}
    for e in read_manifest(Path(scope.out)).values():
        lang, edition, track = e.get("language"), e.get("edition"), e.get("track")
        if e.get("data") == ours and isinstance(lang, str) and isinstance(edition, str) and isinstance(track, str):
            found.setdefault(handout_of(e), set()).add((lang, edition, track))
    return found
