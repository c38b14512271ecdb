#!/usr/bin/env python3
"""Evaluate table detection and structure on the ICDAR 2013 Table Competition set (a dev tool,
not a test; python3 stdlib only).

usage: evaluate_icdar2013.py ICDAR_DIR --kansa BIN [--doc SUBSTR] [--stitch] [--iou 0.5] [--json]

ICDAR_DIR holds competition-dataset-eu/ and competition-dataset-us/ (DOC.pdf, DOC-str.xml,
DOC-reg.xml; see NOTE.md there). For each document `BIN tables DOC.pdf` is run (with page
stitching off unless --stitch: the ground truth annotates each page's part of a continued
table as a table of its own) and compared with the ground truth:

Detection. A ground-truth table is a region per page (-reg.xml, bottom-left origin, turned
into top-left with the page heights kansa reports). A predicted table (its box on its first
page) and a ground-truth table on the same page match when their boxes' intersection over
union reaches --iou; matching is one-to-one, best pairs first. Precision = matched predicted /
predicted tables, recall = matched ground-truth / ground-truth tables.

Structure: the ICDAR 2013 cell-adjacency measure (Goebel et al., DocEng 2012). Every non-blank
cell is related to its nearest non-blank neighbour to the right in each row it covers and
below in each column it covers; a relation is (direction, text A, text B) with the texts
NFKC-normalised and stripped of all whitespace. Relations are compared as multisets between
a ground-truth table and the predicted table matched to it.
  - complete: precision over the relations of all predicted tables of the document, recall
    over all ground-truth relations (missed and spurious tables count against it), as in the
    competition's "complete process" track;
  - matched: only matched pairs (closer to the "structure recognition" track, where systems
    are given the regions).
Documents with two ground-truth readings (a/b variants) are scored against each and keep the
better (higher complete F1). Figures are per document, then the mean over documents
(per-document averages, as the competition reported) and the totals pooled over the set.
Known gaps to the official tool: its text normalisation is not reproduced exactly, and
detection there was measured on characters (completeness/purity), not on boxes.
"""
import argparse
import glob
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter

WS = re.compile(r"\s+")


def key(text):
    return WS.sub("", unicodedata.normalize("NFKC", text or ""))


# ------------------------------------------------------------------ ground truth
def attr_int(el, *names, default=None):
    for n in names:
        if el.get(n) is not None:
            return int(el.get(n))
    return default


def load_structure(path):
    """Tables of a -str.xml: {id: [(text, r0, c0, r1, c1), ...]} and {id: set(pages)}."""
    root = ET.parse(path).getroot()
    cells, pages = {}, {}
    for table in root.iter("table"):
        tid = table.get("id")
        out = cells.setdefault(tid, [])
        for region in table.iter("region"):
            dr = attr_int(region, "row-increment", default=0)
            dc = attr_int(region, "col-increment", default=0)
            pages.setdefault(tid, set()).add(int(region.get("page")))
            for cell in region.iter("cell"):
                r0 = attr_int(cell, "start-row") + dr
                c0 = attr_int(cell, "start-col") + dc
                # us-002 spells one end-col as 'col-end' (see NOTE.md)
                r1 = attr_int(cell, "end-row", "row-end", default=r0 - dr) + dr
                c1 = attr_int(cell, "end-col", "col-end", default=c0 - dc) + dc
                content = cell.find("content")
                out.append((content.text if content is not None and content.text else "",
                            r0, c0, r1, c1))
    return cells, pages


def load_regions(path, page_heights):
    """Regions of a -reg.xml: [(table id, page, (x0, top, x1, bottom))], top-left origin."""
    root = ET.parse(path).getroot()
    out = []
    for table in root.iter("table"):
        for region in table.iter("region"):
            page = int(region.get("page"))
            bb = region.find("bounding-box")
            if bb is None:
                continue
            x1, y1, x2, y2 = (float(bb.get(k)) for k in ("x1", "y1", "x2", "y2"))
            h = page_heights[page - 1] if 0 < page <= len(page_heights) else 0
            out.append((table.get("id"), page,
                        (min(x1, x2), h - max(y1, y2), max(x1, x2), h - min(y1, y2))))
    return out


# ------------------------------------------------------------------ predictions
def predicted_cells(table):
    """A kansa table (dense grid + spans) as cells (text, r0, c0, r1, c1): a merged cell once,
    the slots it covers not again."""
    grid, covered, out = table["cells"], set(), []
    for s in table.get("spans") or []:
        r0, c0 = s["row"], s["col"]
        r1, c1 = r0 + s["rowspan"] - 1, c0 + s["colspan"] - 1
        out.append((grid[r0][c0], r0, c0, r1, c1))
        covered.update((i, j) for i in range(r0, r1 + 1) for j in range(c0, c1 + 1))
    for i, row in enumerate(grid):
        for j, text in enumerate(row):
            if (i, j) not in covered:
                out.append((text, i, j, i, j))
    return out


def run_kansa(argv_prefix, pdf, stitch, pipelines_dir):
    extra, tmp = [], None
    if not stitch:
        # The default pipeline with stitching off; data paths stay those of the repo's pipelines.
        with open(os.path.join(pipelines_dir, "default.toml"), encoding="utf-8") as f:
            text = f.read()
        text = text.replace('plugin = "tables"', 'plugin = "tables"\noptions = { stitch_pages = false }')
        for name in ("vocabulary.toml", "data/municipalities.tsv"):
            text = text.replace('"%s"' % name, json.dumps(os.path.join(pipelines_dir, name)))
        tmp = tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False, encoding="utf-8")
        tmp.write(text)
        tmp.close()
        extra = ["--pipeline", tmp.name]
    try:
        proc = subprocess.run(argv_prefix + [pdf] + extra, capture_output=True, timeout=300)
        out = json.loads(proc.stdout.decode("utf-8", "replace"))
    except (subprocess.TimeoutExpired, json.JSONDecodeError) as e:
        print("%s: kansa failed: %s" % (pdf, e), file=sys.stderr)
        out = {"page_heights": [], "tables": []}
    finally:
        if tmp:
            os.unlink(tmp.name)
    return out


# ------------------------------------------------------------------ measures
def relations(cells):
    """ICDAR adjacency relations of one table, as a Counter of (direction, A, B)."""
    owner, keys = {}, []
    for k, (text, r0, c0, r1, c1) in enumerate(cells):
        keys.append(key(text))
        for i in range(r0, r1 + 1):
            for j in range(c0, c1 + 1):
                owner.setdefault((i, j), k)
    if not owner:
        return Counter()
    ncols = max(j for _, j in owner) + 1
    nrows = max(i for i, _ in owner) + 1
    rels = set()
    for k, (_, r0, c0, r1, c1) in enumerate(cells):
        if not keys[k]:
            continue
        for i in range(r0, r1 + 1):
            for j in range(c1 + 1, ncols):
                o = owner.get((i, j))
                if o is not None and o != k and keys[o]:
                    rels.add((k, o, "H"))
                    break
        for j in range(c0, c1 + 1):
            for i in range(r1 + 1, nrows):
                o = owner.get((i, j))
                if o is not None and o != k and keys[o]:
                    rels.add((k, o, "V"))
                    break
    return Counter((d, keys[a], keys[b]) for a, b, d in rels)


def iou(a, b):
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    inter = max(w, 0) * max(h, 0)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def prf(correct, predicted, expected):
    p = correct / predicted if predicted else (1.0 if expected == 0 else 0.0)
    r = correct / expected if expected else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_document(gt_cells, gt_regions, pred):
    """Counts for one document against one ground-truth reading."""
    # Ground-truth tables: box per (table, page); a table's main page is its first region's.
    gt_boxes = {}
    for tid, page, box in gt_regions:
        if tid in gt_boxes and gt_boxes[tid][0] == page:
            b = gt_boxes[tid][1]
            box = (min(b[0], box[0]), min(b[1], box[1]), max(b[2], box[2]), max(b[3], box[3]))
        if tid not in gt_boxes or gt_boxes[tid][0] == page:
            gt_boxes[tid] = (page, box)
    preds = [(t["pages"][0], t["box"], t) for t in pred["tables"] if t.get("pages") and t.get("box")]
    pairs = []
    for tid, (page, gbox) in gt_boxes.items():
        for k, (ppage, pbox, _) in enumerate(preds):
            if ppage == page:
                pairs.append((iou(gbox, pbox), tid, k))
    pairs.sort(reverse=True)
    return pairs, preds


def evaluate(gt_cells, gt_regions, pred, min_iou):
    pairs, preds = score_document(gt_cells, gt_regions, pred)
    used_gt, used_pred, matches = set(), set(), []
    for v, tid, k in pairs:
        if v < min_iou or tid in used_gt or k in used_pred:
            continue
        used_gt.add(tid)
        used_pred.add(k)
        matches.append((tid, k))
    gt_rel = {tid: relations(cells) for tid, cells in gt_cells.items()}
    pred_rel = [relations(predicted_cells(t)) for _, _, t in preds]
    correct = sum(sum((gt_rel[tid] & pred_rel[k]).values()) for tid, k in matches)
    c = {
        "gt_tables": len(gt_cells), "pred_tables": len(preds), "matched": len(matches),
        "correct": correct,
        "gt_relations": sum(sum(r.values()) for r in gt_rel.values()),
        "pred_relations": sum(sum(r.values()) for r in pred_rel),
        "gt_relations_matched": sum(sum(gt_rel[tid].values()) for tid, _ in matches),
        "pred_relations_matched": sum(sum(pred_rel[k].values()) for _, k in matches),
    }
    c["detection"] = prf(c["matched"], c["pred_tables"], c["gt_tables"])
    c["complete"] = prf(correct, c["pred_relations"], c["gt_relations"])
    # With no table matched, structure recognition found nothing (not "nothing wrong").
    c["matched_only"] = (prf(correct, c["pred_relations_matched"], c["gt_relations_matched"])
                         if matches else (0.0, 0.0, 0.0))
    return c


def documents(root, only):
    for pdf in sorted(glob.glob(os.path.join(root, "competition-dataset-*", "*.pdf"))):
        name = os.path.basename(pdf)[:-4]
        if only and only not in name:
            continue
        base = pdf[:-4]
        variants = [(base + "-str.xml", base + "-reg.xml")]
        if name.endswith("a") and os.path.exists(base[:-1] + "b-str.xml"):
            variants.append((base[:-1] + "b-str.xml",
                             base[:-1] + "b-reg.xml" if os.path.exists(base[:-1] + "b-reg.xml")
                             else base + "-reg.xml"))
        yield name, pdf, [v for v in variants if os.path.exists(v[0]) and os.path.exists(v[1])]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("icdar_dir")
    ap.add_argument("--kansa", required=True, help="kansa binary (runs `BIN tables PDF`)")
    ap.add_argument("--pipelines", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                        "..", "..", "pipelines"))
    ap.add_argument("--doc", default="", help="only documents whose name contains this")
    ap.add_argument("--stitch", action="store_true", help="keep kansa's cross-page stitching on")
    ap.add_argument("--iou", type=float, default=0.5)
    ap.add_argument("--json", action="store_true", help="print the per-document counts as JSON")
    a = ap.parse_args()
    prefix = shlex.split(a.kansa) + ["tables"]
    results = {}
    fmt = "%-10s det P=%.3f R=%.3f F1=%.3f (%d/%d/%d)  adj P=%.3f R=%.3f F1=%.3f  matched-only F1=%.3f"
    for name, pdf, variants in documents(a.icdar_dir, a.doc):
        if not variants:
            continue
        pred = run_kansa(prefix, pdf, a.stitch, os.path.abspath(a.pipelines))
        best = None
        for str_xml, reg_xml in variants:
            cells, _ = load_structure(str_xml)
            regions = load_regions(reg_xml, pred.get("page_heights") or [])
            c = evaluate(cells, regions, pred, a.iou)
            if best is None or c["complete"][2] > best["complete"][2]:
                best = c
        results[name] = best
        if not a.json:
            d, s, m = best["detection"], best["complete"], best["matched_only"]
            print(fmt % (name, d[0], d[1], d[2], best["matched"], best["pred_tables"], best["gt_tables"],
                         s[0], s[1], s[2], m[2]))
    if a.json:
        print(json.dumps(results, indent=1))
        return 0
    n = len(results)
    if not n:
        return 1
    mean = lambda k, i: sum(r[k][i] for r in results.values()) / n
    total = lambda k: sum(r[k] for r in results.values())
    print()
    print("documents: %d" % n)
    for label, k in (("detection", "detection"), ("adjacency (complete)", "complete"),
                     ("adjacency (matched tables)", "matched_only")):
        print("mean per document  %-27s P=%.3f R=%.3f F1=%.3f" % (label, mean(k, 0), mean(k, 1), mean(k, 2)))
    pooled = [("detection", prf(total("matched"), total("pred_tables"), total("gt_tables"))),
              ("adjacency (complete)", prf(total("correct"), total("pred_relations"), total("gt_relations"))),
              ("adjacency (matched tables)", prf(total("correct"), total("pred_relations_matched"),
                                                 total("gt_relations_matched")))]
    for label, (p, r, f) in pooled:
        print("pooled over set    %-27s P=%.3f R=%.3f F1=%.3f" % (label, p, r, f))
    return 0


if __name__ == "__main__":
    sys.exit(main())
