"""An independent reading of a tagged PDF, as assistive technology reads it.

It shares no code with ``handout``: it walks the StructTreeRoot with pikepdf, and for
each marked-content reference takes the text under that MCID in the page's content
stream — the ``/ActualText`` of a marked span where one is given, else the glyphs'
Unicode from the font's ToUnicode map.  Artifacts (``/Artifact`` marked content) are
never read.  Each structure element's own content is concatenated as drawn; the
elements are returned in tree order.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pikepdf

_HEX = re.compile(r"<([0-9A-Fa-f]+)>")


def _cmap(stream: pikepdf.Stream) -> tuple[dict[bytes, str], int]:
    """A ToUnicode CMap: code bytes -> text, and the code length in bytes."""
    data = stream.read_bytes().decode("latin-1")
    out: dict[bytes, str] = {}
    width = 1
    for m in re.finditer(r"begincodespacerange(.*?)endcodespacerange", data, re.S):
        codes = _HEX.findall(m.group(1))
        if codes:
            width = len(codes[0]) // 2
    for m in re.finditer(r"beginbfchar(.*?)endbfchar", data, re.S):
        vals = _HEX.findall(m.group(1))
        for src, dst in zip(vals[::2], vals[1::2]):
            out[bytes.fromhex(src)] = bytes.fromhex(dst).decode("utf-16-be")
    for m in re.finditer(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(r"<(\w+)>\s*<(\w+)>\s*<(\w+)>", m.group(1)):
            start, n = int(dst, 16), len(lo) // 2
            for k, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code.to_bytes(n, "big")] = chr(start + k)
    return out, width


def _pdf_text(obj) -> str:
    return str(obj)


@dataclass
class Node:
    tag: str
    text: str = ""  # this element's own marked content, concatenated
    alt: str = ""
    actual: str = ""
    lang: str = ""
    attrs: dict = field(default_factory=dict)
    kids: list[Node] = field(default_factory=list)
    bbox: object = None

    def walk(self):
        yield self
        for k in self.kids:
            yield from k.walk()

    def all_text(self) -> str:
        """The element's text as read: its /ActualText, else its content and its kids', in order."""
        if self.actual:
            return self.actual
        return self.text + "".join(k.all_text() for k in self.kids)


class Reader:
    def __init__(self, pdf: bytes):
        self.pdf = pikepdf.open(io.BytesIO(pdf))
        self.pages = list(self.pdf.pages)
        self._page_index = {p.objgen: i for i, p in enumerate(self.pages)}
        self.artifacts: list[str] = []  # per page: the text marked as artifacts
        self.page_text: list[str] = []  # per page: all its text in drawing order (ActualText honoured)
        self.mc: list[dict[int, list[str]]] = [self._read_page(p) for p in self.pages]

    def _read_page(self, page) -> dict[int, list[str]]:
        fonts = {}
        res = page.obj.get("/Resources", {})
        for name, font in res.get("/Font", {}).items():
            tu = font.get("/ToUnicode")
            fonts[name] = _cmap(tu) if tu is not None else ({}, 1)
        out: dict[int, list[str]] = {}
        stack: list[tuple[str, int | None, str | None]] = []  # (tag, mcid, actual text)
        font = ({}, 1)
        artifacts: list[str] = []
        everything: list[str] = []
        last: list = [None]

        def current_mcid() -> int | None:
            for _tag, mcid, _ in reversed(stack):
                if mcid is not None:
                    return mcid
            return None

        def in_actual() -> bool:
            return any(a is not None for _, _, a in stack)

        def in_artifact() -> bool:
            return any(t == "/Artifact" for t, _, _ in stack)

        def emit(s: str) -> None:
            if everything and stack and stack[-1] is not last[0]:
                everything.append("\n")  # another marked-content sequence: another line or cell
            last[0] = stack[-1] if stack else None
            everything.append(s)
            if in_artifact():
                artifacts.append(s)
                return
            mcid = current_mcid()
            if mcid is not None:
                out.setdefault(mcid, []).append(s)

        def decode(b: bytes) -> str:
            cmap, width = font
            return "".join(cmap.get(b[i:i + width], "\ufffd") for i in range(0, len(b), width))

        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "BDC":
                props = operands[1]
                if isinstance(props, pikepdf.Name):
                    props = res.Properties[props]
                mcid = int(props.MCID) if "/MCID" in props else None
                actual = _pdf_text(props.ActualText) if "/ActualText" in props else None
                if actual is not None and not in_actual():
                    emit(actual)
                stack.append((str(operands[0]), mcid, actual))
            elif op == "BMC":
                stack.append((str(operands[0]), None, None))
            elif op == "EMC":
                stack.pop()
            elif op == "Tf":
                font = fonts.get(operands[0], ({}, 1))
            elif op in ("Tj", "'", '"'):
                if not in_actual():
                    emit(decode(bytes(operands[-1])))
            elif op == "TJ":
                if not in_actual():
                    emit("".join(decode(bytes(x)) for x in operands[0] if isinstance(x, pikepdf.String)))
        self.artifacts.append("".join(artifacts))
        self.page_text.append("".join(everything))
        return out

    def tree(self) -> Node:
        return self._node(self.pdf.Root.StructTreeRoot.K)

    def node(self, el) -> Node:
        """One structure element (a pikepdf dictionary of this file) and its kids, read."""
        page = None
        up = el
        while page is None and isinstance(up, pikepdf.Dictionary) and "/S" in up:
            if "/Pg" in up:
                page = self._page_index[up.Pg.objgen]
            up = up.get("/P")
        return self._node(el, page)

    def _node(self, el, page: int | None = None) -> Node:
        if "/Pg" in el:
            page = self._page_index[el.Pg.objgen]
        node = Node(str(el.S), alt=str(el.get("/Alt", "")), actual=str(el.get("/ActualText", "")),
                    lang=str(el.get("/Lang", "")))
        a = el.get("/A")
        if a is not None:
            node.attrs = {str(k): v for k, v in a.items()} if isinstance(a, pikepdf.Dictionary) else {}
            if "/BBox" in a:
                node.bbox = [float(v) for v in a.BBox]
        kids = el.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
        texts: list[str] = []
        for k in kids:
            if isinstance(k, int):
                texts.append("".join(self.mc[page].get(k, [])))
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                texts.append("".join(self.mc[self._page_index[k.Pg.objgen]].get(int(k.MCID), [])))
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR":
                continue
            elif isinstance(k, pikepdf.Dictionary):
                if texts:  # keep content order around a kid element: flush what came before
                    node.kids.append(Node("#text", text="".join(texts)))
                    texts = []
                node.kids.append(self._node(k, page))
        if texts:
            if node.kids:
                node.kids.append(Node("#text", text="".join(texts)))
            else:
                node.text = "".join(texts)
        return node


def elements(pdf: bytes) -> list[Node]:
    """Every structure element, in reading order."""
    return list(Reader(pdf).tree().walk())


def tree_text(pdf: bytes) -> str:
    """The text of the structure tree: each top-level element's text, one per line."""
    return "\n".join(n.all_text() for n in Reader(pdf).tree().kids)


def read_aloud(pdf: bytes) -> str:
    """The document as a screen reader reads it: each leaf element's text, one per line."""
    lines = []
    for n in Reader(pdf).tree().walk():
        if n.tag == "/Figure":
            lines.append(f"[{n.alt}]")
        elif n.actual:
            lines.append(n.actual)
        elif n.text:
            lines.append(n.text)
    return "\n".join(lines)
