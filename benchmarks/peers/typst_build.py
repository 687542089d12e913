"""The Typst side of benchmarks/typst_compare.py: handout folders in, PDFs out, in one process.

    python benchmarks/peers/typst_build.py OUT_DIR FOLDER [FOLDER ...]

What a small Typst pipeline for the same handout does: read the facts and the English words
(YAML), the label catalog and the US region's numbers, turn the words into runs (bold, cited
source numbers), make the QR code (SVG), and compile ``ldn.typ`` with typst-py to a tagged
PDF/A-2a + PDF/UA-1 file, one compiler (fonts loaded once) for every PDF of the run.  It imports
only what it uses, so its whole process is the peer of one ``handout build`` process.
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import typst
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PKG = ROOT / "handout"
TEMPLATE = HERE / "ldn.typ"
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TOKEN = re.compile(r"\*\*(.+?)\*\*|\[@([\w.-]+)\]")


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


class Doc:
    """Runs of one handout: ``[{"t": text, "b": bold}, {"c": "1,2"}]``; sources numbered by first citation."""

    def __init__(self, numbers: dict[str, str]):
        self.order: list[str] = []
        self.numbers = numbers

    def cite(self, ids: list[str]) -> dict:
        for i in ids:
            if i not in self.order:
                self.order.append(i)
        return {"c": ",".join(str(self.order.index(i) + 1) for i in ids)}

    def runs(self, s: str) -> list[dict]:
        s = s.format(**self.numbers)
        out, pos, pending = [], 0, []
        for m in TOKEN.finditer(s):
            if m.start() > pos and not (pending and not s[pos:m.start()].strip()):
                out.append({"t": s[pos:m.start()], "b": False})
            if m.group(1) is not None:
                out.append({"t": m.group(1), "b": True})
            else:  # adjacent citations print as one superscript: 4,5
                pending.append(m.group(2))
                if not re.match(r"\s*\[@", s[m.end():]):
                    out.append(self.cite(pending))
                    pending = []
            pos = m.end()
        if pos < len(s):
            out.append({"t": s[pos:], "b": False})
        return out


def _qr_svg(url: str) -> str:
    import qrcode
    import qrcode.image.svg

    img = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=4,
                      error_correction=qrcode.constants.ERROR_CORRECT_M)
    buf = io.BytesIO()
    img.save(buf)
    return buf.getvalue().decode()


def data(folder: Path) -> dict:
    facts = _load(folder / "handout.yaml")
    words = _load(folder / "en.yaml")
    labels = _load(PKG / "catalogs" / "en.yaml")
    region = _load(PKG / "regions" / "US.yaml")["numbers"]
    numbers = {k: (v["name"] if v.get("name", "").startswith(v["number"]) else
                   f"{v['number']} ({v['name']})" if v.get("name") else v["number"]) for k, v in region.items()}
    doc = Doc(numbers)
    drug = words["short_name"]
    lab = lambda key, **kw: labels[key].format(drug=drug, **kw)  # noqa: E731
    sections = {s["id"]: {"heading": s["heading"], "body": [doc.runs(p) for p in s.get("body", [])],
                          "bullets": [doc.runs(b) for b in s.get("bullets", [])]} for s in words["sections"]}
    key_points = [doc.runs(k) for k in words["key_points"]]
    about = sections["about"]
    precautions = [doc.runs(p) for p in words["precautions"]]
    track = next(t for t in facts["tracks"] if t["id"] == facts["default_track"])
    rows = []
    for st in track["steps"]:
        w = st["when"]
        key = "period_week_range" if "end" in w else "period_week_from"
        when = lab(key, start=w["start"], end=w.get("end"))
        count = lab(f"form_{track['product']['form']}_{'one' if st['count'] == 1 else 'other'}", n=st["count"])
        rows.append({"when": when, "dose": f"{st['amount']:g} {track['product']['unit']}",
                     "take": f"Take {count} {lab('timing_' + st['timing']).lower()}.",
                     "note": doc.runs(words["step_notes"][st["note"]])})
    missed, storage = sections["missed_dose"], sections["storage"]
    se = facts["side_effects"]
    side = {"cite": doc.cite(se["cite"])["c"],
            "common": [doc.runs(words["side_effects"][k]) for k in se["common"]],
            "less": [doc.runs(words["side_effects"][k]) for k in se["less_common"]],
            "serious": [doc.runs(words["side_effects"][k]) for k in se["serious"]],
            "action": doc.runs(words["serious_action"])}
    inter = {}
    for i in facts["interactions"]:
        names = [d["name"] + (f" ({d['brand']})" if d.get("brand") else "") for d in i["drugs"]]
        inter[i["severity"]] = {"drugs": names, "text": doc.runs(words["interactions"][i["id"]])}
    by_id = {s["id"]: s for s in facts["sources"]}
    sources = []
    for sid in doc.order + [s["id"] for s in facts["sources"] if s["id"] not in doc.order]:
        s = by_id[sid]
        ref = f"doi:{s['doi']}" if s.get("doi") else s.get("url", "")
        sources.append(f"{s['authors']}. {s['title']}. {s['publisher']}. {s['year']}. {ref}")
    reviewer = facts.get("reviewed_by")
    foot = " · ".join([labels["footer_not_reviewed"] if not reviewer else lab("footer_reviewed", date=reviewer),
                       lab("footer_next_review", date=facts["next_review"].strftime("%B %-d, %Y")),
                       lab("footer_version", version=facts["version"])])
    return {
        "title": words["title"], "condition": words["condition"], "key_points": key_points,
        "labels": {k: lab(k) for k in ("key_points", "dosing_heading", "dosing_intro", "col_when", "col_dose",
                                       "col_timing", "col_note", "side_effects_heading", "side_effects_common",
                                       "side_effects_less_common", "side_effects_serious", "interactions_heading",
                                       "do_not_take", "may_interact", "precautions_heading", "sources_heading",
                                       "qr_label")},
        "about": about, "precautions": precautions, "rows": rows, "missed": missed, "storage": storage,
        "side": side, "interactions": inter, "sources": sources,
        "qr_url": facts["qr_url"], "qr_text": facts["qr_url"].split("://", 1)[-1],
        "footer": foot, "footer_page": labels["footer_page"], "disclaimer": words["disclaimer"],
    }


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    compiler = typst.Compiler(TEMPLATE, root=ROOT, font_paths=[PKG / "fonts"], ignore_system_fonts=True)
    for folder in map(Path, argv[1:]):
        d = data(folder)
        pdf = compiler.compile(sys_inputs={"data": json.dumps(d), "qr": _qr_svg(d["qr_url"])},
                               pdf_standards=["a-2a", "ua-1"])
        (out / f"{folder.name}.en.pdf").write_bytes(pdf)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
