"""Stage 6b — archive: ReportLab's drawn document + the tag tree in, tagged PDF/A-2a (PDF/UA-1) bytes out.

ReportLab's open-source edition writes no structure tree and is not PDF/A.  This
stage adds what is missing to ReportLab's own object graph *before* it writes the
file, so each PDF is serialised once.  (It used to re-open and re-save ReportLab's
output with pikepdf: a third of an English build, and pikepdf's import a tenth of
a cold one.)  What it adds:

* the structure tree (``structure.Tagger``: headings, paragraphs, lists, the
  dosing table with header cells, figures with alternative text, links), the parent
  tree, /StructParents and /Tabs on pages, /MarkInfo, /Lang, DisplayDocTitle;
* a link annotation (/URI action, printable, /Contents saying where it leads, its
  /StructParent mapped to its Link element) over every printed URL and DOI;
* what PDF/A-2 asks of this file: the sRGB output intent (``icc/sRGB.icc``),
  XMP metadata agreeing with the document info and declaring PDF/A-2 level A
  and PDF/UA-1, an end-of-line before every ``endstream`` (ReportLab writes
  none), and no empty page /Trans dictionaries;
* ToUnicode maps without the ``<0000>`` entries ReportLab writes for unused
  subset slots (both PDF/A-2u and PDF/UA-1 forbid mapping to U+0000), in
  blocks of at most 100 entries as the CMap format requires.

Dates come from the content's review date and the file /ID from the drawn
pages, so the same input gives byte-identical output.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zlib
from datetime import date
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from . import rlhooks as rl  # before ReportLab (rlhooks says why)
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfgen.canvas import Canvas

from .memory import MEMORY, Bounded, private
from .structure import Annot, Element, Tagger, parents

SRGB_ICC = Path(__file__).parent / "icc" / "sRGB.icc"
PRODUCER = "handout (ReportLab)"

# The XMP packet: Dublin Core and PDF properties agreeing with the document info, PDF/A-2a
# and PDF/UA-1 identification, and the extension schema PDF/A requires for pdfuaid:part.
_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <pdf:Producer>{producer}</pdf:Producer>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>A</pdfaid:conformance>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>Part of ISO 14289 (PDF/UA) the file conforms to</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _xml_text(text: str) -> str:
    """XML character data: ``&``, ``<`` and ``>`` as entities, as ``html.escape(text, False)`` gives.
    Not html's (its import loads html.entities' 2,000 names, ~1 ms of every build process) nor
    xml.sax.saxutils' (it imports urllib.request: ~10 ms)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text(s: str) -> bytes:
    """A PDF text string: a literal for printable ASCII, UTF-16BE with a byte order mark otherwise."""
    if s.isascii() and s.isprintable():
        return b"(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("ascii") + b")"
    return b"<FEFF" + s.encode("utf-16-be").hex().upper().encode("ascii") + b">"


_BFCHAR = re.compile(r"(\d+) beginbfchar\n(.*?)endbfchar", re.S)


def _clean_cmap(cmap: str) -> str:
    """A ToUnicode CMap without U+0000 targets, at most 100 entries per bfchar block (remembered)."""
    hit = MEMORY.cmaps.get(cmap)
    if hit is None:
        hit = _cleaned(cmap)
        if not private():  # a personalised page's map lists the patient's name
            MEMORY.cmaps.put(cmap, hit)
    return hit


def _cleaned(cmap: str) -> str:

    def blocks(m: re.Match) -> str:
        keep = [_letters(ln) for ln in m.group(2).splitlines() if ln and not ln.endswith("<0000>")]
        return "\n".join(f"{len(keep[i:i + 100])} beginbfchar\n" + "\n".join(keep[i:i + 100]) + "\nendbfchar"
                         for i in range(0, len(keep), 100))

    return _BFCHAR.sub(blocks, cmap)


# (a target in Arabic's presentation forms: U+FB50-U+FDFF, U+FE70-U+FEFF; not Latin's "ﬁ" or Hebrew's, before them)
_FORM = re.compile(r"<(?:FB[5-9A-F][0-9A-F]|F[CD][0-9A-F]{2}|FE[7-9A-F][0-9A-F])>$")


def _letters(entry: str) -> str:
    """A bfchar entry whose target is a joined letter form (Arabic and Persian are drawn as presentation forms,
    ``rtl.reshape``) mapped to the letter it stands for (NFKC: U+FE91, beh's initial form, is beh), so text taken
    from the page (copy, search, pdftotext: readers that do not use the structure's /ActualText) has the letters
    the author typed; display forms matched no search (a review: "الجرعة", the dose, was found nowhere).  A
    ligature's letters are given in drawing order, as the line's glyphs are (lam-alef: alef, lam): poppler and
    pdfium put a right-to-left line in reading order glyph by glyph, each glyph's letters too, and read the
    logical "لا" backwards ("لعالج" for "لعلاج"; measured).  An isolated vowel mark's form (a space and the
    mark) is left as it is."""
    src, _, dst = entry.rpartition(" ")
    if not _FORM.match(dst):
        return entry
    form = chr(int(dst[1:-1], 16))
    letters = unicodedata.normalize("NFKC", form)
    if letters == form or " " in letters:
        return entry
    return f"{src} <{letters[::-1].encode('utf-16-be').hex().upper()}>"


class _Flate:
    """Flate that remembers its last results (in ``memory``): a font subset repeated within a process
    (same characters, see ``fonts.face``) has its program and ToUnicode map compressed once."""

    pdfname = "FlateDecode"

    def __init__(self, remembered: Callable[[], Bounded[bytes | str, bytes]]) -> None:
        self.remembered = remembered

    def encode(self, data: bytes | str) -> bytes:
        cache = self.remembered()
        hit = cache.get(data)
        if hit is None:
            hit = zlib.compress(data.encode("utf-8") if isinstance(data, str) else data)
            if not private():
                cache.put(data, hit)
        return hit


_FONT_FLATE, _MAP_FLATE = _Flate(lambda: MEMORY.font_streams), _Flate(lambda: MEMORY.cmap_streams)


class ArchiveDocument(rl.HookedDocument):
    """ReportLab's document, whose streams end as PDF/A wants and whose ToUnicode maps are clean
    and, like font programs, compressed once per process (``rlhooks.HookedDocument``)."""

    cmap_text = staticmethod(_clean_cmap)
    font_filter = _FONT_FLATE
    cmap_filter = _MAP_FLATE


def _uri(uri: str) -> bytes:
    """A URI as a PDF string: 7-bit ASCII, a host in another script as its punycode (xn--…: a
    percent-encoded host is one not every viewer opens), the rest's other characters percent-encoded."""
    scheme, sep, rest = uri.partition("://")
    host, cut, tail = rest.partition("/")
    if sep and not host.isascii():
        name, colon, port = host.rpartition(":") if re.fullmatch(r".*:[0-9]+", host) else (host, "", "")
        try:
            uri = f"{scheme}{sep}{name.encode('idna').decode('ascii')}{colon}{port}{cut}{tail}"
        except UnicodeError:  # (schema.Url refuses such a host before it gets here)
            pass
    return _text(quote(uri, safe=":/?#[]@!$&'()*+,;=%~"))


def _annots(doc: PDFDocument, tagger: Tagger) -> tuple[dict[int, list[tuple[Annot, rl.Raw]]], dict[int, bytes]]:
    """The link annotations' objects (filled in by ``_tree``) per page, and per page its /Annots array."""
    first = len(tagger.parent_tree)  # the pages' parent tree keys come first
    by_page: dict[int, list[tuple[Annot, rl.Raw]]] = {}
    for n, a in enumerate(tagger.annots):
        a.key = first + n
        by_page.setdefault(a.page, []).append((a, rl.Raw()))
    arrays = {p: b"[" + b" ".join(rl.ref(doc, raw) for _, raw in annots) + b"]" for p, annots in by_page.items()}
    return by_page, arrays


def _tree(doc: PDFDocument, tagger: Tagger, annots: dict[int, list[tuple[Annot, rl.Raw]]]) -> rl.Raw:
    """The structure tree root, its elements and its parent tree, registered in ``doc``."""
    pages = [rl.ref(doc, p) for p in rl.pages(doc)]
    annot_refs = {id(a): rl.ref(doc, raw) for page in annots.values() for a, raw in page}
    root = rl.Raw()
    root_ref = rl.ref(doc, root)
    elements = list(tagger.root.walk())
    up = parents(tagger.root)
    # Number every element first: an element names its parent and its kids.
    raws = [rl.Raw() for _ in elements]
    refs = {id(el): rl.ref(doc, raw) for el, raw in zip(elements, raws)}
    for el, raw in zip(elements, raws):
        parts = [b"<< /Type /StructElem /S /", el.tag.encode("ascii"), b" /P ",
                 refs[id(up[id(el)])] if id(el) in up else root_ref]
        if el.alt:
            parts += [b" /Alt ", _text(el.alt)]
        if el.actual:
            parts += [b" /ActualText ", _text(el.actual)]
        if el.lang:
            parts += [b" /Lang ", _text(el.lang)]
        if el.bbox is not None:  # PDF/UA: a figure says where it is
            parts += [b" /A << /O /Layout /BBox [", fp_str(*el.bbox).encode("ascii"), b"] >>"]
        if el.id:
            parts += [b" /ID ", _text(el.id)]
        if el.scope or el.headers:
            parts += [b" /A << /O /Table", *((b" /Scope /", el.scope.encode("ascii")) if el.scope else ()),
                      *((b" /Headers [", b" ".join(_text(h) for h in el.headers), b"]") if el.headers else ()), b" >>"]
        kids, first = [], None
        for k in el.kids:
            if isinstance(k, Element):
                kids.append(refs[id(k)])
                continue
            if isinstance(k, Annot):
                kids.append(b"<< /Type /OBJR /Pg %s /Obj %s >>" % (pages[k.page], annot_refs[id(k)]))
                continue
            page, mcid = k
            if first is None:  # /Pg: the page of the element's first content; others say their own
                first = page
                parts += [b" /Pg ", pages[page]]
            kids.append(b"%d" % mcid if page == first else b"<< /Type /MCR /Pg %s /MCID %d >>" % (pages[page], mcid))
        parts += [b" /K [", b" ".join(kids), b"] >>"]
        raw.body = b"".join(parts)
    for page, on_page in annots.items():
        for a, raw in on_page:
            uri = _uri(a.uri)
            raw.body = (b"<< /Type /Annot /Subtype /Link /Rect [%s] /Border [0 0 0] /F 4 /P %s /StructParent %d"
                        b" /Contents %s /A << /S /URI /URI %s >> >>"
                        % (fp_str(*a.rect).encode("ascii"), pages[page], a.key, uri, uri))
    nums = b" ".join([*(b"%d [%s]" % (i, b" ".join(refs[id(o)] for o in owners))
                        for i, owners in enumerate(tagger.parent_tree)),
                      *(b"%d %s" % (a.key, refs[id(up[id(a)])]) for a in tagger.annots)])
    parent_tree = rl.ref(doc, rl.Raw(b"<< /Nums [" + nums + b"] >>"))
    # (the headers' /IDs, by which a calendar's boxes name theirs: a name tree, its keys in byte order)
    named = sorted((el.id.encode("utf-8"), refs[id(el)]) for el in elements if el.id)
    ids = b" /IDTree << /Names [%s] >>" % b" ".join(_text(k.decode("utf-8")) + b" " + ref for k, ref in named) \
        if named else b""
    root.body = (b"<< /Type /StructTreeRoot /K %s /ParentTree %s /ParentTreeNextKey %d%s >>"
                 % (refs[id(tagger.root)], parent_tree, len(tagger.parent_tree) + len(tagger.annots), ids))
    return root


@lru_cache(maxsize=1)
def _icc() -> bytes:
    return zlib.compress(SRGB_ICC.read_bytes())


def _archive(doc: PDFDocument, meta: dict[str, str], created: date) -> None:
    """sRGB output intent, and document info and XMP that say the same thing."""
    profile = rl.ref(doc, rl.raw_stream(b"/N 3 /Filter /FlateDecode", _icc()))
    intents = rl.Raw(b"[ << /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB) /Info (sRGB) "
                   b"/DestOutputProfile %s >> ]" % profile)
    stamp = created.strftime("D:%Y%m%d000000+00'00'")
    rl.set_info(doc, rl.Info({"Title": meta["title"], "Author": meta["author"], "Subject": meta["subject"],
                              "Keywords": meta["keywords"], "Creator": "handout", "Producer": PRODUCER,
                              "CreationDate": stamp, "ModDate": stamp}, _text))
    xmp = _XMP.format(title=_xml_text(meta["title"]), author=_xml_text(meta["author"]),
                      subject=_xml_text(meta["subject"]), keywords=_xml_text(meta["keywords"]),
                      lang=_xml_text(meta["lang"]), producer=PRODUCER,
                      creator="handout", date=created.isoformat() + "T00:00:00+00:00")
    rl.set_catalog(doc, OutputIntents=intents,  # the XMP unfiltered, as PDF/A asks
                   Metadata=rl.raw_stream(b"/Type /Metadata /Subtype /XML", xmp.encode("utf-8")))


def canvas(buf: io.BytesIO, page_size: tuple[float, float], lang: str, font: str | None = None) -> Canvas:
    """A deterministic ReportLab canvas writing into ``buf``, ready for ``finish``.

    ``font``, a TrueType font the document draws with, is the canvas's initial font: with
    the default (Helvetica) every page names a non-embedded font resource (PDF/A forbids
    it unless unused; better not named at all).
    """
    return rl.new_canvas(buf, page_size, lang, font, ArchiveDocument)


def finish(c: Canvas, tagger: Tagger, meta: dict[str, str], created: date) -> None:
    """Add the tag tree and the PDF/A-2a + PDF/UA-1 identification, then write the file."""
    doc = rl.document(c)
    assert isinstance(doc, ArchiveDocument), "a canvas made by archive.canvas()"
    annots, arrays = _annots(doc, tagger)
    for i, page in enumerate(rl.pages(doc)):
        # No empty /Trans; tab order follows the structure (PDF/UA).
        links = {"Annots": rl.Inline(arrays[i])} if i in arrays else {}
        content = rl.set_page(page, StructParents=i, Tabs=rl.PDFName("S"), **links)
        rl.sign(doc, content)  # the file /ID: from what is drawn (ReportLab's own is the same for two editions)
    rl.set_catalog(doc, StructTreeRoot=_tree(doc, tagger, annots), MarkInfo=rl.PDFDictionary({"Marked": "true"}),
                   ViewerPreferences=rl.PDFDictionary({"DisplayDocTitle": "true"}))
    _archive(doc, meta, created)
    c.save()
