"""The pipeline for one handout in one language: checked model in, PDF bytes out.

load → model → validate happen in ``content.read``; this module runs the rest:
the glyph check (every character of every string must be drawable *before*
anything is drawn), localize + layout (fitted pages), and render.  What the
process remembers between builds is ``memory.MEMORY`` (``clear_caches`` empties it);
the patient's details are checked and drawn without being remembered.
"""

from __future__ import annotations

import unicodedata

from dataclasses import dataclass, fields

from .errors import Code, Collector, HandoutError, Location
from .layout import Laid, layout
from .localize import load_labels
from .memory import MEMORY, privately
from .model import CALENDAR, STANDARD, Handout, Personal
from .render import render
from .rtl import strong_rtl
from .theme import Theme, load_theme
from .schema import Located


@dataclass
class Built:
    handout: Handout
    pdf: bytes
    laid: Laid

    @property
    def pages(self) -> int:
        return len(self.laid.pages)


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(obj: Located) -> tuple[str, ...]:
    """A model object's fields that hold what it says (not where it was written), once per class."""
    names = _FIELDS.get(type(obj))
    if names is None:
        names = _FIELDS[type(obj)] = tuple(f.name for f in fields(obj) if f.name not in ("loc", "field_locs"))
    return names


def _strings(obj, path: str, where: Location):
    """Every string in a model object, with its field path and the location it was written at."""
    if isinstance(obj, str):
        yield path, obj, where
    elif isinstance(obj, Located):
        for name in _field_names(obj):
            value, sub = getattr(obj, name), f"{path}.{name}" if path else name
            if isinstance(value, dict):
                for k, v in value.items():
                    yield from _strings(v, f"{sub}.{k}", obj.where(f"{name}.{k}"))
            elif isinstance(value, tuple):
                for i, v in enumerate(value):
                    yield from _strings(v, f"{sub}[{i}]", v.loc if isinstance(v, Located) else obj.where(f"{name}[{i}]"))
            else:
                yield from _strings(value, sub, obj.where(name))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(v, f"{path}.{k}" if path else k, where)
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            yield from _strings(v, f"{path}[{i}]", v.loc if isinstance(v, Located) else where)


def _texts(obj, out: set[str]) -> None:
    """Every string of a model object into ``out``: ``_strings`` without paths or locations, for
    the common case where every character has a font (the paths are worked out only for a miss)."""
    if isinstance(obj, str):
        out.add(obj)
    elif isinstance(obj, Located):
        for name in _field_names(obj):
            _texts(getattr(obj, name), out)
    elif isinstance(obj, dict):
        for v in obj.values():
            _texts(v, out)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            _texts(v, out)


def _script(ch: str) -> str:
    """The script a character belongs to, as Unicode names it ("Arabic", "Thai"), or its code."""
    name = unicodedata.name(ch, "")
    return name.split()[0].title() if name else f"U+{ord(ch):04X}"


def check_glyphs(h: Handout, theme: Theme, personal: Personal | None = None) -> None:
    """Raise if any character of the text, the facts, the labels or the personal fields has no font."""
    fonts = theme.fontset(h.lang)
    c = Collector()
    catalog = f"handout/catalogs/{h.lang}.yaml"
    sources = [(h.text, h.text.loc), (h.facts, h.facts.loc), (load_labels(h.lang).values, Location(catalog))]
    texts: set[str] = set()
    for obj, _ in sources:
        _texts(obj, texts)
    if fonts.missing("".join(set().union(*texts)), remember=False):  # else no need to know where each was written
        for obj, where in sources:
            for path, s, loc in _strings(obj, "", where):
                for ch in fonts.missing(s):
                    c.error(loc, path, f"character '{ch}' (U+{ord(ch):04X}) has no glyph in the fonts for language "
                            f"'{h.lang}' ({', '.join(f.name for f in fonts.families)}); "
                            "use another character or add a font to the theme")
    if personal is not None:  # one finding a field, naming the script, never the patient's characters
        page_rtl = theme.is_rtl(h.lang)
        for path, s, _ in _strings(personal, "", Location("personal fields")):
            backwards = [] if page_rtl else [ch for ch in s if strong_rtl(ch)]
            missing = fonts.missing(s, remember=False)  # personal text is never remembered
            if backwards:  # a left-to-right page's lines are not reordered: whatever its fonts draw
                rtl = theme.fonts.right_to_left
                why = (f"its {', '.join(sorted({_script(ch) for ch in backwards}))} letters are written right to "
                       f"left and print only on a right-to-left handout ({', '.join(rtl)}) (expected Latin letters "
                       f"on this '{h.lang}' one)")
            elif missing:
                # An emoji is a symbol, not a script: "its Pill letters" named 💊 by its name's first word
                symbols = any(unicodedata.category(ch).startswith("S") for ch in missing)
                scripts = sorted({_script(ch) for ch in missing if not unicodedata.category(ch).startswith("S")})
                what = " and ".join([f"{', '.join(scripts)} letters"] * bool(scripts) + ["emoji or symbols"] * symbols)
                why = (f"no font of the theme draws its {what} (expected Latin letters, or a font for them in the "
                       "theme's fonts.fallback)")
            else:
                continue
            c.error(personal.field_locs.get(path, Location("personal fields")), path, why, Code.PERSONAL_CHARS)
    c.raise_if_errors()


def theme_for(h: Handout, edition: str, theme: Theme) -> Theme:
    """The theme an edition is laid out with: its own (large print: its sizes, one column), else ``theme``."""
    if edition != CALENDAR:
        ed = h.facts.edition(edition)
        if ed.theme:
            return load_theme(ed.theme)
    return theme


def build(h: Handout, theme: Theme, paper: str | None = None, track: str | None = None,
          edition: str = STANDARD, personal: Personal | None = None) -> Built:
    """One language, one edition: glyph check, fitted layout, tagged PDF/A bytes."""
    if h.region is None:  # a phone-number placeholder is never printed as "{emergency}"
        from .regions import apply
        h = apply(h, None)
    theme = theme_for(h, edition, theme)
    check_glyphs(h, theme, personal)
    laid = layout(h, theme, paper, track, edition, personal)
    if personal is None and not h.prescribed:
        return Built(h, render(laid, theme), laid)
    with privately():  # the patient's page: its font subsets are not remembered (``memory``)
        return Built(h, render(laid, theme), laid)


def clear_caches() -> None:
    """Forget everything remembered about earlier content: wrapped lines, runs, shaping, font
    subsets.  Fonts stay loaded.  The next build costs what a build of new text does in a
    running process (the benchmark's "new text" column); its bytes are the same."""
    MEMORY.clear()


__all__ = ["Built", "build", "check_glyphs", "clear_caches", "HandoutError"]
