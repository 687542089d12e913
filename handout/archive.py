"""Stage 6b — archive: ReportLab's PDF + the tag tree in, a tagged PDF/A-2 (PDF/UA-1) out.

ReportLab's open-source edition writes no structure tree and is not PDF/A.
This stage, with pikepdf, adds what the renderer's marked content needs:

* the structure tree (``structure.Tagger``: headings, paragraphs, lists,
  the dosing table with header cells, figures with alternative text), the
  parent tree, /StructParents on pages, /MarkInfo, /Lang, DisplayDocTitle;
* PDF/A-2 repairs (pikepdf.pdfa.prepare: sRGB output intent, XMP), with
  conformance level A (tagged) and the PDF/UA-1 identification in the XMP;
* ToUnicode maps without the ``<0000>`` entries ReportLab writes for unused
  subset slots (both PDF/A-2u and PDF/UA-1 forbid mapping to U+0000).

Dates in the XMP come from the content's review date, so output stays
byte-identical run to run.
"""

from __future__ import annotations

import io
import re
from datetime import date

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from pikepdf.pdfa import prepare, resolve_save_kwargs

from .structure import Element, Tagger

# PDF/UA-1 identification, and the PDF/A extension schema that PDF/A requires for any
# property outside its predefined schemas (pdfuaid:part is one).
_PDFUA_XMP = b"""<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
  xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
  xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
  xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfuaid:part>1</pdfuaid:part>
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
"""
_BFCHAR = re.compile(rb"(\d+) beginbfchar\n(.*?)endbfchar", re.S)


def _clean_tounicode(stream: pikepdf.Stream) -> None:
    data = stream.read_bytes()

    def block(m: re.Match) -> bytes:
        keep = [ln for ln in m.group(2).splitlines() if ln and not ln.endswith(b"<0000>")]
        blocks = []
        for i in range(0, len(keep), 100):  # a CMap block holds at most 100 entries
            part = keep[i:i + 100]
            blocks.append(b"%d beginbfchar\n" % len(part) + b"\n".join(part) + b"\nendbfchar")
        return b"\n".join(blocks)

    fixed = _BFCHAR.sub(block, data)
    if fixed != data:
        stream.write(fixed)


def _tree(pdf: pikepdf.Pdf, tagger: Tagger) -> None:
    pages = pdf.pages
    refs: dict[int, pikepdf.Object] = {}
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))

    def build(el: Element, parent: pikepdf.Object) -> pikepdf.Object:
        d = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + el.tag), P=parent))
        refs[id(el)] = d
        if el.alt:
            d.Alt = String(el.alt)
        if el.scope:
            d.A = Dictionary(O=Name.Table, Scope=Name("/" + el.scope))
        kids = Array()
        first_page = None
        for k in el.kids:
            if isinstance(k, Element):
                kids.append(build(k, d))
            else:
                page, mcid = k
                if first_page is None:
                    first_page = page
                    d.Pg = pages[page].obj
                if page == first_page:
                    kids.append(mcid)
                else:
                    kids.append(Dictionary(Type=Name.MCR, Pg=pages[page].obj, MCID=mcid))
        d.K = kids
        return d

    root.K = build(tagger.root, root)
    nums = Array()
    for i, owners in enumerate(tagger.parent_tree):
        pages[i].obj.StructParents = i
        nums.append(i)
        nums.append(pdf.make_indirect(Array([refs[id(o)] for o in owners])))
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    root.ParentTreeNextKey = len(tagger.parent_tree)
    pdf.Root.StructTreeRoot = root


def finish(data: bytes, tagger: Tagger, title: str, lang: str, created: date) -> bytes:
    """Tag tree, PDF/A-2a + PDF/UA-1 identification, deterministic bytes."""
    pdf = pikepdf.open(io.BytesIO(data))
    _tree(pdf, tagger)
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.Lang = String(lang)
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    for page in pdf.pages:
        if "/Trans" in page.obj:
            del page.obj["/Trans"]
        page.obj.Tabs = Name.S
        fonts = page.obj.Resources.get("/Font", {})
        for font in fonts.values():
            if "/ToUnicode" in font:
                _clean_tounicode(font.ToUnicode)
    prepare(pdf, "2b")
    stamp = created.isoformat() + "T00:00:00+00:00"
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "A"
        meta["dc:title"] = title
        meta["dc:language"] = [lang]
        for key in ("xmp:MetadataDate", "xmp:CreateDate", "xmp:ModifyDate"):
            meta[key] = stamp
    xmp = pdf.Root.Metadata.read_bytes()
    pdf.Root.Metadata.write(xmp.replace(b"</rdf:RDF>", _PDFUA_XMP + b"</rdf:RDF>", 1))
    out = io.BytesIO()
    pdf.save(out, **resolve_save_kwargs("2b", deterministic_id=True))
    return out.getvalue()
