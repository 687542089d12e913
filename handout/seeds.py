"""Seeds: the glyphs a language's documents put first in each font's first subset.

In: a language.  Out: per font name, the characters (glyph codes, in a fixed order) that the
font's first subset in a document of that language begins with (``rlhooks.seed``, R20).

ReportLab numbers a document's glyphs in the order the document first draws them.  Two Arabic
handouts with different sentences and the same letters therefore embed different font
programs, each cut from the font file (``makeSubset``) and compressed again: about a tenth of
an Arabic or Hindi build of new text.  Seeded, a font's first subset holds the same glyphs in
the same order in every document of the language, so a batch cuts and compresses it once
(``fonts.face`` and ``archive._Flate`` remember both by content).  Nothing on the page
changes: a glyph is drawn the same whatever its code.

A seed is the glyphs that more than half of the language's bundled documents (each handout
and edition) use, those most use first, at most the subset's free codes
(``rlhooks.SUBSET0_FREE``): a glyph only a few documents use would be embedded in every one
(measured: seeding every glyph used anywhere added up to 9 KB to a Korean wallet card; this
rule changes the 66 bundled PDFs' total size by 1 KB).  A glyph missing from the seed is still
drawn: it takes the next free code, as before, and only that document's subset is made anew.

The seeds are data (``fonts/seeds.json``, in the build's fingerprint), made from the bundled
content by ``python -m handout.seeds DATA`` and read by every build, so a PDF's bytes never
depend on which content folder a clinic builds.  Seeds older than the content cost time, not
correctness.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from .theme import FONT_DIR

SEEDS_FILE = FONT_DIR / "seeds.json"


@cache
def _all() -> dict[str, dict[str, str]]:
    try:
        raw = json.loads(SEEDS_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:  # no seeds: every document numbers its glyphs as it meets them
        return {}
    return {lang: {font: "".join(chr(int(c, 16)) for c in codes.split()) for font, codes in fonts.items()}
            for lang, fonts in raw.items()}


def of(lang: str) -> Mapping[str, str]:
    """Per font name, the codes a document in ``lang`` starts the font's first subset with."""
    return _all().get(lang, {})


def generate(data: Path) -> dict[str, dict[str, str]]:
    """Seeds from every handout under ``data``, each language and edition laid out and drawn
    without seeds: per language and font, the non-ASCII codes more than half of that language's
    documents use, those used by most first (then by code), at most the first subset's free codes."""
    from . import pipeline, rlhooks
    from .content import FACTS_FILE, Target, read
    from .render import draw
    from .theme import load_theme

    theme = load_theme()
    used: dict[str, dict[str, Counter[int]]] = {}
    docs: Counter[str] = Counter()
    for folder in sorted(p for p in data.iterdir() if (p / FACTS_FILE).is_file()):
        for h in read(Target(folder, ())).handouts:
            for edition in h.facts.edition_names:
                c, _ = draw(pipeline.build(h, theme, edition=edition).laid, seeded=False)
                docs[h.lang] += 1
                doc = rlhooks.document(c)
                for font in doc.delayedFonts:
                    codes = {code for code in font.state[doc].assignments if not 0 <= code < 128}
                    used.setdefault(h.lang, {}).setdefault(font.fontName, Counter()).update(codes)
    return {lang: {font: " ".join(f"{code:04X}" for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                                  [:rlhooks.SUBSET0_FREE] if 2 * n > docs[lang])
                   for font, counts in sorted(fonts.items()) if 2 * max(counts.values(), default=0) > docs[lang]}
            for lang, fonts in sorted(used.items())}


def main(argv: list[str] | None = None) -> int:
    """``python -m handout.seeds DATA``: write fonts/seeds.json from the handouts under DATA."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m handout.seeds DATA_FOLDER", file=sys.stderr)
        return 2
    seeds = generate(Path(args[0]))
    SEEDS_FILE.write_text(json.dumps(seeds, indent=1, ensure_ascii=True, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {SEEDS_FILE}: " + ", ".join(f"{lang} {sum(len(c.split()) for c in f.values())}"
                                               for lang, f in seeds.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
