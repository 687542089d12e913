"""Themes: ``layouts/<name>.yaml`` in, a frozen ``Theme`` out.

A theme is data (page, fonts per language, type sizes, spacing, colours, line
weights).  ``extends: <name>`` starts from another theme and overrides only the
keys given, recursively (like mkdocs' theme inheritance).  The layout stage
reads every absolute size, every colour and every font from here.  What layout
code itself fixes is proportions of those (gaps as multiples of the spacing
unit, a citation at 0.62 of its text's size, a list marker beside its line) and
one physical size: the wallet card, ISO/IEC 7810 ID-1 (85.6 x 53.98 mm, 3.5 mm
padding, ``wallet.py``), which must fit a wallet whatever the theme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .errors import HandoutError, Location
from .keptrees import tree_of
from .load import MAX_BYTES, Map, Node, read_bounded
from .regions import PAPER
from .schema import Located, build, spec

if TYPE_CHECKING:  # imported when a font set is first made: a theme is read without ReportLab
    from .fonts import Family, FontSet

FONT_DIR = Path(__file__).parent / "fonts"  # the shipped font files (handout/fonts)

def _layouts_dir() -> Path:
    """The bundled themes: layouts/ in a checkout, handout/layouts/ in an installed package."""
    installed = Path(__file__).resolve().parent / "layouts"
    return installed if installed.is_dir() else Path(__file__).resolve().parent.parent / "layouts"


LAYOUTS_DIR = _layouts_dir()
MM = 72 / 25.4
MIN_BODY_PT = 12.0  # the floor for patient text: the one owner (theme refuses less; checks and report ask)
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True, kw_only=True)
class Margins(Located):
    top: float = spec("Top margin, mm.")
    bottom: float = spec("Bottom margin, mm.")
    left: float = spec("Left margin, mm.")
    right: float = spec("Right margin, mm.")


@dataclass(frozen=True, kw_only=True)
class FamilySpec(Located):
    regular: str = spec("Regular font file in handout/fonts.")
    bold: str | None = spec("Bold font file; without one, bold is drawn by stroking.", default=None)
    shaping: bool = spec("Shape with HarfBuzz (needed for Devanagari).", default=False)


@dataclass(frozen=True, kw_only=True)
class FontsTheme(Located):
    families: dict[str, FamilySpec] = spec("Font families by name.")
    languages: dict[str, tuple[str, ...]] = spec("Families tried in order, per language ('default' for the rest).")
    right_to_left: tuple[str, ...] = spec("Languages written right to left.", default=())
    fallback: tuple[str, ...] = spec(
        "Families for a character none of a language's own families has (a patient's name in another "
        "script), loaded only when one is needed; left-to-right scripts only.", default=())


@dataclass(frozen=True, kw_only=True)
class Sizes(Located):
    title: float = spec("Title size, pt.")
    subtitle: float = spec("Subtitle size, pt.")
    heading: float = spec("Section heading size, pt.")
    body: float = spec("Body size, pt.")
    min_body: float = spec("Smallest body size fitting may use, pt (at least 12: the floor for patient text).")
    small: float = spec("Sources size, pt.")
    footer: float = spec("Footer size, pt (at least 9: only citation numbers are smaller).")
    band: float = spec("DRAFT band size, pt (at least 9).")
    calendar_days: float = spec("Smallest size of a dose calendar's day names and dates, pt (at least 9): they are "
                                "at the body's size where the calendar's pages have room.", default=10.5)


@dataclass(frozen=True, kw_only=True)
class Spacing(Located):
    unit: float = spec("One spacing unit, pt.")
    min_scale: float = spec("Smallest fraction of the unit fitting may use.")
    block: float = spec("Units between blocks.")
    heading_after: float = spec("Units between a heading and its content.")
    paragraph: float = spec("Units between paragraphs.")
    item: float = spec("Units between list items.")
    box_padding: float = spec("Units of padding inside boxes.")
    ink_gap: float = spec("Units of clear space between the ink of the title's last line and of the subtitle's "
                          "first (Arabic dots below, a hamza above); never shrunk by fitting.")


@dataclass(frozen=True, kw_only=True)
class Colours(Located):
    text: str = spec("Body text.")
    muted: str = spec("Secondary text (footer, notes).")
    accent: str = spec("Headings and rules.")
    accent_tint: str = spec("Key-points box and table header background.")
    warning: str = spec("Warning box border and lead-in.")
    warning_tint: str = spec("Warning box background.")
    rule: str = spec("Thin rules and checkboxes.")
    background: str = spec("Page background.")


@dataclass(frozen=True, kw_only=True)
class Lines(Located):
    hair: float = spec("Hairline width, pt.")
    rule: float = spec("Rule width, pt.")
    box: float = spec("Box border width, pt.")
    warning_box: float = spec("Warning box border width, pt.")


@dataclass(frozen=True, kw_only=True)
class QrTheme(Located):
    size_mm: float = spec("QR code width including its quiet zone, mm (at least 20).")
    error_correction: Literal["M", "Q", "H"] = spec("Error correction level (M or higher).")
    border: int = spec("Quiet zone, modules (at least 4).")


@dataclass(frozen=True, kw_only=True)
class Checks(Located):
    grade_warning: float = spec("Reading grade above which `handout check` warns.", example=6)
    grade_error: float = spec("Reading grade above which it is an error.", example=8)
    max_sentence_words: float = spec("Average words per sentence above which it warns.", example=15)
    max_review_months: int = spec("Most months between review and next review.", example=24)
    min_contrast: float = spec("Smallest text/background contrast ratio (WCAG AA: 4.5).", example=4.5)
    # Plain-language rules (handout/plain.py); defaults until layouts/default.yaml lists them.
    max_list_items: int = spec("A printed list with more items than this must be chunked into smaller groups "
                               "(CDC Clear Communication Index: 7 at most).", example=7, default=7)
    max_key_points: int = spec("Most key points: one main message (PEMAT-P; 5 at most, the content check's "
                               "own limit, which a theme may lower but not raise).", example=5, default=5)


@dataclass(frozen=True, kw_only=True)
class MeasureStep(Located):
    below_ml: float = spec("Volumes under this many mL ...", example=10)
    step_ml: float = spec("... are measured in steps of this many mL.", example=0.1)


@dataclass(frozen=True, kw_only=True)
class Theme(Located):
    name: str = spec("Theme name.")
    extends: str | None = spec("Theme this one starts from.", default=None)
    paper: Literal["letter", "a4"] = spec("Default paper size.")
    margins_mm: Margins = spec("Page margins.")
    band_top_mm: float = spec("Top of the DRAFT band, mm from the page edge (inside the top margin).")
    print_margin_mm: float = spec("Nothing is drawn closer to any page edge, mm: many office printers cannot "
                                  "print within about 10 mm.", default=10.0)
    fonts: FontsTheme = spec("Fonts.")
    sizes: Sizes = spec("Type sizes.")
    leading: float = spec("Line height as a multiple of the size.")
    min_leading: float = spec("Smallest line height fitting may use.")
    spacing: Spacing = spec("Vertical rhythm.")
    colours: Colours = spec("Colours (#rrggbb).")
    lines: Lines = spec("Line weights.")
    checkbox_mm: float = spec("Checkbox size, mm.")
    bullet_indent_mm: float = spec("Indent of list text, mm.")
    qr: QrTheme = spec("QR code.")
    side_by_side: bool = spec("Lay 'a | b' outline pairs side by side (false: one column, for large print).",
                              default=True)
    table_columns: dict[str, float] = spec(
        "Relative widths of the dosing table's columns (when, medicine, dose, day, instruction, max, note); "
        "a plan prints only the columns it needs and shares the width among them in these proportions.")
    log_rows: int = spec("Empty rows of an as-needed medicine's dose log.", default=12)
    table_keep_rows: int = spec("A dosing table of at most this many rows never splits across pages.", default=6)
    liquid_measure: tuple[MeasureStep, ...] = spec(
        "What an oral syringe or dosing cup measures: the step of its marks below each volume.", min_items=1)
    checklist_columns: int = spec("Columns for the common side-effect checklist.")
    serious_columns: int = spec("Columns for the serious side-effect checklist.")
    drug_columns: int = spec("Columns for the list of drugs that may interact (short names).")
    qr_column_mm: float = spec("Width of the QR column beside the sources, mm.")
    checks: Checks = spec("Thresholds of the health-literacy and safety checks.")

    @property
    def measure(self) -> tuple[tuple[float, float], ...]:
        """The liquid measuring rule as (below, step) pairs, largest volumes last."""
        return tuple((m.below_ml, m.step_ml) for m in self.liquid_measure)

    def page_size(self, paper: str | None = None) -> tuple[float, float]:
        return PAPER[paper or self.paper]

    def is_rtl(self, lang: str) -> bool:
        return lang in self.fonts.right_to_left or lang.split("-")[0] in self.fonts.right_to_left

    def family_names(self, lang: str) -> tuple[str, ...]:
        langs = self.fonts.languages
        return langs.get(lang) or langs.get(lang.split("-")[0]) or langs["default"]

    def fallback_names(self, lang: str) -> tuple[str, ...]:
        """The fallback families ``lang`` may load, after its own (fonts.fallback)."""
        own = self.family_names(lang)
        return tuple(n for n in self.fonts.fallback if n not in own)

    def fontset(self, lang: str) -> FontSet:
        spec = self.fonts.families

        def rows(names: tuple[str, ...]) -> tuple[FamilyRow, ...]:
            return tuple((n, spec[n].regular, spec[n].bold, spec[n].shaping) for n in names)

        return _fontset(rows(self.family_names(lang)), rows(self.fallback_names(lang)))


FamilyRow = tuple[str, str, str | None, bool]  # name, regular file, bold file, shaping


@cache
def _fontset(specs: tuple[FamilyRow, ...], fallback: tuple[FamilyRow, ...] = ()) -> FontSet:
    from .fonts import FontSet

    return FontSet([_family(row) for row in specs], fallback, _family)


def _family(row: FamilyRow) -> Family:
    from .fonts import Face, Family, face

    name, regular, bold, shaping = row
    reg: Face = face(regular, shaping)
    return Family(name, reg, face(bold, shaping) if bold else None, False)


def _merge(base: Node, over: Node) -> Node:
    if isinstance(base, Map) and isinstance(over, Map):
        merged = dict(base.entries)
        for k, (kloc, v) in over.entries.items():
            merged[k] = (kloc, _merge(base.entries[k][1], v) if k in base.entries else v)
        return Map(merged, over.loc)
    return over


@lru_cache(maxsize=32)
def _parsed(file: str, data: bytes) -> Node:
    return tree_of(data, file)


def load_file(path: Path) -> Node:
    """The tree of one theme file, parsed once per content of the file: a build asks for its theme's
    files (fingerprint), its theme, and every theme that extends it, and each read default.yaml
    again (parsed three times, ~5 ms of a one-PDF build).  The bytes are read each time: an
    edited file (--watch) is parsed anew."""
    return _parsed(str(path), read_bounded(path, MAX_BYTES))


def _resolve(path: Path, seen: tuple[str, ...]) -> Node:
    node = load_file(path)
    ext = node.get("extends") if isinstance(node, Map) else None
    if ext is None:
        return node
    name = getattr(ext, "text", "")
    if name in seen:
        raise HandoutError.single(ext.loc, "extends", f"themes extend each other in a loop: {' -> '.join(seen + (name,))}")
    base_path = find_theme(name, ext.loc)
    return _merge(_resolve(base_path, seen + (name,)), node)


@lru_cache(maxsize=16)
def theme_files(name: str) -> tuple[Path, ...]:
    """The theme's file, then each file it extends: the files a build's fingerprint hashes."""
    files = [find_theme(name)]
    while len(files) < 16:  # a loop is reported by load_theme; here it just ends
        node = load_file(files[-1])
        ext = node.get("extends") if isinstance(node, Map) else None
        if ext is None:
            break
        files.append(find_theme(getattr(ext, "text", ""), ext.loc))
    return tuple(files)


def find_theme(name: str, where: Location | None = None) -> Path:
    p = Path(name)
    if p.suffix in (".yaml", ".yml") and p.exists():
        return p
    for d in (Path("layouts"), LAYOUTS_DIR):
        cand = d / f"{name}.yaml"
        if cand.exists():
            return cand
    known = sorted(x.stem for x in LAYOUTS_DIR.glob("*.yaml"))
    raise HandoutError.single(where or Location(name), "theme", f"no theme '{name}' (expected one of: {', '.join(known)})")


def forget() -> None:
    """Forget every theme file read (``--watch``: one was edited): the next build reads them again,
    and hashes the files a theme now extends, not those it extended."""
    load_theme.cache_clear()
    theme_files.cache_clear()  # (_parsed knows a file by its bytes: an edited one is parsed anew)


@lru_cache(maxsize=16)
def load_theme(name: str = "default") -> Theme:
    """Load, merge (``extends``) and check a theme."""
    path = find_theme(name)
    theme = build(Theme, _resolve(path, (path.stem,)))
    _check(theme, str(path))
    return theme


def _check(theme: Theme, file: str) -> None:
    from .errors import Collector

    c = Collector()
    for key in ("text", "muted", "accent", "accent_tint", "warning", "warning_tint", "rule", "background"):
        val = getattr(theme.colours, key)
        if not _HEX.match(val):
            c.error(theme.colours.where(key), f"colours.{key}", f"'{val}' is not a colour (expected #rrggbb)")
    for lang, fams in theme.fonts.languages.items():
        for fam in fams:
            if fam not in theme.fonts.families:
                c.error(theme.fonts.where("languages"), f"fonts.languages.{lang}", f"unknown family '{fam}'")
    for fam in theme.fonts.fallback:
        if fam not in theme.fonts.families:
            c.error(theme.fonts.where("fallback"), "fonts.fallback", f"unknown family '{fam}'")
    for name, fs in theme.fonts.families.items():
        for f in (fs.regular, fs.bold):
            if f and not (FONT_DIR / f).exists():
                c.error(fs.loc, f"fonts.families.{name}", f"font file '{f}' is not in handout/fonts")
    if "default" not in theme.fonts.languages:
        c.error(theme.fonts.loc, "fonts.languages", "missing 'default' (expected the families for other languages)")
    if theme.sizes.min_body < MIN_BODY_PT:
        c.error(theme.sizes.where("min_body"), "sizes.min_body",
                f"below {MIN_BODY_PT:g} pt, the floor for patient text (expected >= {MIN_BODY_PT:g})")
    for key in ("footer", "band", "small", "calendar_days"):  # only citation numbers may be smaller
        if getattr(theme.sizes, key) < 9:
            c.error(theme.sizes.where(key), f"sizes.{key}", "below 9 pt (expected >= 9; only citation numbers are smaller)")
    edge = theme.print_margin_mm
    if edge < 10:
        c.error(theme.where("print_margin_mm"), "print_margin_mm",
                "below 10 mm: many office printers cannot print that close to the edge (expected >= 10)")
    m = theme.margins_mm
    for key in ("top", "bottom", "left", "right"):
        if getattr(m, key) < edge:
            c.error(m.where(key), f"margins_mm.{key}", f"inside the {edge:g} mm the printer cannot print (print_margin_mm)")
    if theme.band_top_mm < edge:
        c.error(theme.where("band_top_mm"), "band_top_mm", f"inside the {edge:g} mm the printer cannot print (print_margin_mm)")
    if theme.min_leading < 1.2:
        c.error(theme.where("min_leading"), "min_leading", "below 1.2 (expected >= 1.2)")
    if theme.qr.border < 4:
        c.error(theme.qr.where("border"), "qr.border", "a QR quiet zone needs at least 4 modules")
    kinds = ("when", "medicine", "dose", "day", "instruction", "max", "note")
    missing = [k for k in kinds if k not in theme.table_columns]
    if missing or any(v <= 0 for v in theme.table_columns.values()) or set(theme.table_columns) - set(kinds):
        c.error(theme.where("table_columns"), "table_columns",
                f"expected a positive width for each of: {', '.join(kinds)}")
    steps = [m.below_ml for m in theme.liquid_measure]
    if steps != sorted(steps) or any(m.step_ml <= 0 for m in theme.liquid_measure):
        c.error(theme.where("liquid_measure"), "liquid_measure", "expected volumes from small to large, each with a step > 0")
    if theme.qr.size_mm < 20:
        c.error(theme.qr.where("size_mm"), "qr.size_mm", "a QR code must be at least 20 mm wide to scan")
    c.raise_if_errors()
