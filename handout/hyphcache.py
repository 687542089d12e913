"""pyphen's hyphenation patterns, parsed once per installation rather than once per process.

The reading-level check counts syllables with textstat, which asks pyphen for the en_US
patterns as it is imported.  pyphen parses its 11,000-line ``hyph_en_US.dic`` then: ~45 ms of
every cold build, as much as laying out the handout.  ``prime`` puts pyphen's own parse of the
file, kept in ``$XDG_CACHE_HOME/handout/`` (marshal: plain data, never code), into pyphen's
process cache (``pyphen.hdcache``) first.  The cache file is named by the hash of pyphen's
version and of the dictionary's bytes, so it always holds what pyphen would parse now; the
syllable counts, and so the reading grades, are the same either way.  Anything unexpected (no
cache folder, a read-only home, an unknown pyphen) leaves pyphen to parse the file itself.

The folder and its plain-data files are ``diskcache``'s.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from .diskcache import cache_dir, keep, read, shared


def prime(lang: str = "en_US") -> bool:
    """Load ``lang``'s patterns into pyphen's cache from the parse kept on disk (True), or parse
    them with pyphen and keep the parse for the next process (False)."""
    try:
        import pyphen

        path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
        if path in pyphen.hdcache:
            return True
        data = Path(path).read_bytes()
        key = hashlib.sha256(f"{pyphen.__version__}\0{lang}\0{sys.version_info[:2]}\0shared\0".encode()
                             + data).hexdigest()[:32]
        kept = cache_dir() / f"pyphen-{key}.marshal"
    except Exception:  # an unknown pyphen: it parses as usual when textstat asks
        return False
    attrs = read(kept.name)
    if isinstance(attrs, dict) and isinstance(attrs.get("patterns"), dict) and attrs["patterns"]:
        hd = pyphen.HyphDict.__new__(pyphen.HyphDict)
        hd.__dict__.update(attrs)
        pyphen.hdcache[path] = hd
        return True
    hd = pyphen.HyphDict(path)  # pyphen's own parse, the one textstat would make
    pyphen.hdcache[path] = hd
    keep(kept.name, shared(vars(hd)))  # ~1,600 values among 11,000 patterns: read back in 2 ms, not 6
    return False
