"""Stage 6b — archive: ReportLab's PDF + the tag tree in, a tagged PDF/A-2 (PDF/UA-1) out.

ReportLab's open-source edition writes no structure tree and is not PDF/A.
This stage, with pikepdf, adds what the renderer's marked content needs:

* the structure tree (``structure.Tagger``: headings, paragraphs, lists,
  the dosing table with header cells, figures with alternative text), the
  parent tree, /StructParents on pages, /MarkInfo, /Lang, DisplayDocTitle;
* what PDF/A-2 asks of this file: the sRGB output intent (pikepdf's profile) and
  XMP metadata agreeing with the document info, declaring PDF/A-2 level A (tagged)
  and PDF/UA-1 — written here rather than by pikepdf.pdfa.prepare, whose import
  alone took a third of a cold build and whose only repairs here were these two;
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
from pathlib import Path
from xml.sax.saxutils import escape

from pikepdf import Array, Dictionary, Name, String

from .structure import Element, Tagger

SRGB_ICC = Path(pikepdf.__file__).parent / "pdfa" / "data" / "sRGB.icc"

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
    pages = [p.obj for p in pdf.pages]  # page dictionaries, looked up once
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
                    d.Pg = pages[page]
                if page == first_page:
                    kids.append(mcid)
                else:
                    kids.append(Dictionary(Type=Name.MCR, Pg=pages[page], MCID=mcid))
        d.K = kids
        return d

    root.K = build(tagger.root, root)
    nums = Array()
    for i, owners in enumerate(tagger.parent_tree):
        pages[i].StructParents = i
        nums.append(i)
        nums.append(pdf.make_indirect(Array([refs[id(o)] for o in owners])))
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    root.ParentTreeNextKey = len(tagger.parent_tree)
    pdf.Root.StructTreeRoot = root


def _archive(pdf: pikepdf.Pdf, meta: dict[str, str], created: date) -> None:
    """sRGB output intent, and document info and XMP that say the same thing."""
    icc = pikepdf.Stream(pdf, SRGB_ICC.read_bytes())
    icc.N = 3
    pdf.Root.OutputIntents = Array([pdf.make_indirect(Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFA1, OutputConditionIdentifier=String("sRGB"), Info=String("sRGB"),
        DestOutputProfile=icc))])
    stamp = created.strftime("D:%Y%m%d000000+00'00'")
    info = {"/Title": meta["title"], "/Author": meta["author"], "/Subject": meta["subject"],
            "/Keywords": meta["keywords"], "/Creator": "handout", "/Producer": "handout (ReportLab, pikepdf)",
            "/CreationDate": stamp, "/ModDate": stamp}
    pdf.trailer.Info = pdf.make_indirect(Dictionary({k: String(v) for k, v in info.items()}))
    xmp = _XMP.format(title=escape(meta["title"]), author=escape(meta["author"]), subject=escape(meta["subject"]),
                      keywords=escape(meta["keywords"]), lang=escape(meta["lang"]), producer=escape(info["/Producer"]),
                      creator="handout", date=created.isoformat() + "T00:00:00+00:00")
    stream = pikepdf.Stream(pdf, xmp.encode("utf-8"))
    stream.Type, stream.Subtype = Name.Metadata, Name.XML
    pdf.Root.Metadata = pdf.make_indirect(stream)


def finish(data: bytes, tagger: Tagger, meta: dict[str, str], created: date) -> bytes:
    """Tag tree, PDF/A-2a + PDF/UA-1 identification, deterministic bytes."""
    pdf = pikepdf.open(io.BytesIO(data))
    _tree(pdf, tagger)
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.Lang = String(meta["lang"])
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    for page in pdf.pages:
        if "/Trans" in page.obj:
            del page.obj["/Trans"]
        page.obj.Tabs = Name.S
        fonts = page.obj.Resources.get("/Font", {})
        for font in fonts.values():
            if "/ToUnicode" in font:
                _clean_tounicode(font.ToUnicode)
    _archive(pdf, meta, created)
    out = io.BytesIO()
    for mode in (pikepdf.ObjectStreamMode.generate, pikepdf.ObjectStreamMode.disable):
        # The settings pikepdf.pdfa pins for PDF/A-2 (preserve_pdfa keeps stream and EOL syntax as
        # PDF/A wants it), plus a deterministic /ID so the same input gives the same bytes.
        out = io.BytesIO()
        pdf.save(out, compress_streams=True, recompress_flate=False, object_stream_mode=mode,
                 stream_decode_level=pikepdf.StreamDecodeLevel.generalized, preserve_pdfa=True,
                 deterministic_id=True)
        data = out.getvalue()
        # A compressed stream whose last byte is CR, then the LF before "endstream", reads as a
        # CRLF end-of-line to some validators and parsers, which then count /Length one short.
        # The file is right, but a portal's validator may refuse it: write it the other way.
        if b"\r\nendstream" not in data:
            break
    return data
