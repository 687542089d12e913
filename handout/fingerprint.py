"""Input fingerprints: a batch job in, the hash of everything its PDF and report depend on out.

The facts, the language file, the source-language file, the label catalogs, the themes (the one
that draws, and the build's, whose checks decide), the region, the word list, the fonts, the
package's code and data (the glossary's drug names, the colour profile), the installed libraries'
versions, zlib's and Python's, and the options.  A PDF whose fingerprint and bytes match the manifest is
skipped (``batch``); anything missing here is a PDF left out of date as "unchanged".
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, wordlists
from .langs import CATALOG_DIR, SOURCE_CATALOG
from .regions import REGION_DIR
from .theme import FONT_DIR, load_theme, theme_files

if TYPE_CHECKING:
    from .batch import Job, Options

PACKAGE_DIR = Path(__file__).parent


def _sha(path: Path) -> str:
    """A regular file's hash, read in blocks; anything else (a FIFO, a device, a folder) hashes as
    its kind, unread: reading it would hang or never end, and the build reports it."""
    import stat

    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return f"not-a-file:{stat.S_IFMT(st.st_mode)}"
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()
    except OSError as exc:
        return f"unreadable:{exc.errno}"


# The libraries whose output a PDF or its report holds: drawing, compressing, shaping, line order,
# joining, the QR code, CLDR's dates and numbers, the reading level, the YAML read.  One upgraded
# (a shaping fix, a new date format) must rebuild the PDFs it made, not leave them "unchanged".
# The package's own files (its code, fonts, colour profile) are hashed once per installation, not once per
# process: ~10 ms of every cold build hashed 1 MB of code and the language's fonts again.  A file's hash is
# taken from the table while its size, times, inode and device are what they were when it was hashed
# (an edit, a copy or a reinstall changes its ctime, which no program sets); a file changed in the last
# two seconds is hashed and not kept (a second edit within a clock tick would keep the first's times).
# Each installation keeps its own table, named by its folder: one table for all of them (a machine with
# CI clones and virtual environments: 29 installations, 4,256 files, 670 KB) was read whole twice by
# every cold build, 6-8 ms, for the ~145 files of the one installation it reads.
SETTLED_NS = 2_000_000_000
MOST_KEPT = 5000


def hashes_name() -> str:
    """The file name of this installation's table (``PACKAGE_DIR``, as this process imported it)."""
    return f"package-hashes-2-{hashlib.sha256(str(PACKAGE_DIR).encode()).hexdigest()[:24]}"


def _stamp(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def _package_shas(paths: list[Path]) -> list[str]:
    """``_sha`` of each of the package's files, from the table where a file is unchanged (above)."""
    import time

    from . import diskcache

    kept = diskcache.read(hashes_name())
    # (a table grown past any installation's files starts again)
    table: dict[str, list] = kept if isinstance(kept, dict) and len(kept) < MOST_KEPT else {}
    out, added, now = [], False, time.time_ns()
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            out.append(_sha(path))
            continue
        hit = table.get(str(path))
        if isinstance(hit, list) and hit[:-1] == _stamp(st) and isinstance(hit[-1], str):
            out.append(hit[-1])
            continue
        sha = _sha(path)
        out.append(sha)
        if now - max(st.st_mtime_ns, st.st_ctime_ns) > SETTLED_NS and not sha.startswith("unreadable"):
            table[str(path)], added = [*_stamp(st), sha], True
    if added:
        diskcache.keep(hashes_name(), table)
    return out


LIBRARIES = ("reportlab", "rl_accel", "uharfbuzz", "python_bidi", "arabic_reshaper", "qrcode", "babel", "textstat",
             "pyphen", "pyyaml")


@cache
def _static_fingerprint() -> str:
    """The package's own code, version and data that every PDF may use (the glossary's drug names, the
    colour profile, the font subsets' seeds), the installed versions of its libraries, and Python's:
    the same for every job of a run."""
    import sys
    import zlib  # its runtime version decides the compressed bytes of every stream

    h = hashlib.sha256(f"{__version__}\0{sys.version}\0{zlib.ZLIB_RUNTIME_VERSION}\0{_libraries()}".encode())
    files = sorted([*PACKAGE_DIR.glob("*.py"), *PACKAGE_DIR.glob("glossary/*.yaml"), *PACKAGE_DIR.glob("icc/*"),
                    *PACKAGE_DIR.glob("fonts/seeds.json")])
    for p, sha in zip(files, _package_shas(files)):
        h.update(p.relative_to(PACKAGE_DIR).as_posix().encode())
        h.update(sha.encode())
    return h.hexdigest()


def _libraries() -> str:
    """The installed libraries' versions, from their metadata on the import path, found as
    importlib.metadata finds it (which takes ~20 ms to say the same): each ``.dist-info`` or
    ``.egg-info`` entry and its ``Version:`` line.  Nothing is imported or looked up as a module:
    the main process of a batch never loads these libraries, and ReportLab must not be reached
    before ``rlhooks`` (``test_faults``)."""
    import sys

    found = set()
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:  # a zip file, a folder gone
            continue
        for entry in entries:
            if _distribution(entry) in LIBRARIES:
                found.add(f"{entry} {_version(Path(folder or '.', entry))}")
    return "\n".join(sorted(found))


def _distribution(entry: str) -> str | None:
    """The normalised distribution name of a metadata entry: ``PyYAML-6.0.1-py3.11.egg-info`` and
    ``pyyaml-6.0.3.dist-info`` are ``pyyaml``, ``reportlab.egg-info`` is ``reportlab``; None for
    anything else."""
    import re

    low = entry.lower()
    for suffix in (".dist-info", ".egg-info"):
        if low.endswith(suffix):
            name = re.split(r"-(?=\d)", low[:-len(suffix)], maxsplit=1)[0]  # the version starts at a digit
            return re.sub(r"[-_.]+", "_", name)
    return None


def _version(entry: Path) -> str:
    """The ``Version:`` line of a metadata entry (a folder's METADATA or PKG-INFO, or the file itself)."""
    for path in (entry / "METADATA", entry / "PKG-INFO", entry):
        try:
            with open(path, "rb") as fh:
                for line in fh.read(4096).splitlines():
                    if line.startswith(b"Version:"):
                        return line.decode("utf-8", "replace").strip()
        except OSError:  # not there, or a folder
            continue
    return ""


@cache
def _fonts_fingerprint(theme_name: str, lang: str) -> str:
    """The font files one language draws with, its fallbacks' too (hashing all 15 MB for every build
    cost 30 ms; this is cached per language).  The language's own files by content; the fallbacks,
    which draw only what those lack (a CJK word in English text), by name, size and time: hashing
    their 8 MB made every cold build 12 ms slower."""
    theme = load_theme(theme_name)
    h = hashlib.sha256()
    own = theme.family_names(lang)
    own_files = [f for name in own for f in (theme.fonts.families[name].regular, theme.fonts.families[name].bold) if f]
    shas = dict(zip(own_files, _package_shas([FONT_DIR / f for f in own_files])))
    for name in (*own, *theme.fallback_names(lang)):
        fam = theme.fonts.families[name]
        for file in (fam.regular, fam.bold):
            if file:
                h.update(file.encode())
                if name in own:
                    h.update(shas[file].encode())
                else:
                    try:
                        st = os.stat(FONT_DIR / file)
                        h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
                    except OSError as exc:
                        h.update(f"unreadable:{exc.errno}".encode())
    return h.hexdigest()


def fingerprint(job: Job, opts: Options, hashes: dict[Path, bytes] | None = None) -> str:
    """Hash of every input the PDF of ``job`` depends on (files by content, not by time)."""
    hashes = {} if hashes is None else hashes
    files = [job.folder / "handout.yaml", job.folder / f"{job.lang}.yaml", job.folder / f"{job.source_language}.yaml",
             CATALOG_DIR / f"{job.lang}.yaml", CATALOG_DIR / f"{SOURCE_CATALOG}.yaml",
             # a translation's wallet page has a card in the source language, with its labels
             *([CATALOG_DIR / f"{job.source_language}.yaml"] if job.source_language != SOURCE_CATALOG else []),
             *theme_files(opts.theme), REGION_DIR / f"{opts.region.upper()}.yaml"]
    if job.edition_theme:  # it draws the edition; the build's theme still sets the checks (_decide)
        files += theme_files(job.edition_theme)
    words = wordlists.path_for(job.lang)  # the report records the plain-language rules' results
    files += [words] if words is not None else []
    hsh = hashlib.sha256(_static_fingerprint().encode())
    hsh.update(_fonts_fingerprint(job.edition_theme or opts.theme, job.lang).encode())
    hsh.update(json.dumps(asdict(opts), sort_keys=True).encode())
    hsh.update(job.edition.encode())
    for p in files:
        hsh.update(str(p.name).encode())
        hsh.update(_sha_cached(p, hashes))
    return hsh.hexdigest()


def _sha_cached(p: Path, hashes: dict[Path, bytes]) -> bytes:
    """A file's hash, read once per run (catalogs and themes are shared by many jobs)."""
    hit = hashes.get(p)
    if hit is None:
        hit = hashes[p] = _sha(p).encode() if p.exists() else b"-"
    return hit
