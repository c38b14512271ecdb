#!/usr/bin/env python3
"""Evaluate table reconstruction on the peer-tables cases (a dev tool, not a test; stdlib only).

usage: evaluate.py PEER_TABLES_DIR (--kansa BIN | --driver "CMD ...") [--case SUBSTR]

  --kansa BIN      runs `BIN tables CASE/input.pdf` (e.g. build/kansa)
  --driver CMD     runs `CMD CASE/input.pdf` (any other command with the same output)
Both must print {"tables":[{"pages":[..],"cells":[[..]],"spans":[..],"box"?:[x0,y0,x1,y1]}]}.

Per case the table is picked like the peer test did: tables starting on the case's page; with an
area hint (tabula `area`, pdfplumber `crop_bbox`) and boxes in the output, the table overlapping
the area most; otherwise the table_index-th, or, when fewer tables were found than the peer
found, the one sharing the most cell texts with the expectation. Scores come from the case set's score_cells.py
(ICDAR-style adjacency F1 for full cases, asserted-cell accuracy for partial ones). Means are
printed per group: lattice (the target), stream, icdar joins.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile


def numbers(values):
    out = []
    for v in values:
        m = re.search(r"[-+]?\d+(\.\d+)?", str(v))
        out.append(float(m.group(0)) if m else None)
    return out


def area_of(params, page_height=None):
    """The case's area hint as (x0, top, x1, bottom), top-left origin, or None."""
    params = params or {}
    if params.get("table_regions") and page_height:  # camelot: "x1,y1,x2,y2", bottom-left origin
        x0, y0, x1, y1 = numbers(params["table_regions"][0].split(","))
        return (x0, page_height - y0, x1, page_height - y1)
    if "area" in params:  # tabula: [top, left, bottom, right]
        t, l, b, r = numbers(params["area"])
        return (l, t, r, b)
    if "crop_bbox_x0_top_x1_bottom" in params:
        x0, t, x1, b = numbers(params["crop_bbox_x0_top_x1_bottom"])
        return (x0, t, x1, b)
    return None


def overlap(a, b):
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(w, 0) * max(h, 0)


def copy_spanned_text(table, modes):
    """camelot's copy_text: merged text copied down ('v') / across ('h'); spans then dropped."""
    cells = table["cells"]
    for s in table.get("spans") or []:
        text = cells[s["row"]][s["col"]]
        for i in range(s["row"], s["row"] + s["rowspan"]):
            for j in range(s["col"], s["col"] + s["colspan"]):
                if ("v" in modes or i == s["row"]) and ("h" in modes or j == s["col"]):
                    cells[i][j] = text
    table["spans"] = []


def crop_rows(table, pages, area):
    """Keeps the rows on the case's pages (and inside its area hint), as a cropped peer call
    would see them; needs the driver's row_boxes."""
    boxes = table.get("row_boxes")
    if not boxes:
        return
    keep = [i for i, (pg, y0, y1) in enumerate(boxes)
            if int(pg) in pages and (not area or (int(pg) != pages[0]) or area[1] <= (y0 + y1) / 2 <= area[3])]
    if len(keep) == len(boxes) or not keep:
        return
    index = {old: new for new, old in enumerate(keep)}
    table["cells"] = [table["cells"][i] for i in keep]
    spans = []
    for s in table.get("spans") or []:
        rows = [r for r in range(s["row"], s["row"] + s["rowspan"]) if r in index]
        if rows:
            top = rows[0]
            if top != s["row"]:  # the anchor was cropped away: its text moves to the first kept row
                table["cells"][index[top]][s["col"]] = table["cells"][index[top]][s["col"]] or ""
            spans.append(dict(s, row=index[top], rowspan=len(rows)))
    table["spans"] = spans


def pick(tables, exp, page_heights):
    page = exp.get("pages", [exp["page"]])[0] if exp.get("pages") else exp["page"]
    cands = [t for t in tables if t.get("pages") and t["pages"][0] == page]
    if not cands:
        cands = [t for t in tables if page in t.get("pages", [])]
    if not cands:
        return None
    height = page_heights[page - 1] if page_heights and page <= len(page_heights) else None
    area = area_of(exp.get("params"), height)
    if area and all("box" in t for t in cands):
        def iou(t):
            inter = overlap(t["box"], area)
            union = ((t["box"][2] - t["box"][0]) * (t["box"][3] - t["box"][1]) +
                     (area[2] - area[0]) * (area[3] - area[1]) - inter)
            return inter / union if union > 0 else 0
        best = max(cands, key=iou)
        if overlap(best["box"], area) > 0:
            return best
    i = exp.get("table_index", 0)
    if i < len(cands):
        return cands[i]
    # The peer found more tables on the page (often boxes or page frames that are no tables):
    # the candidate sharing the most cell texts with the expectation stands for it.
    return max(cands, key=lambda t: shared_texts(t, exp))


def shared_texts(table, exp):
    def texts(rows):
        return {re.sub(r"\s+", "", c) for row in rows for c in row if c and c.strip()}
    return len(texts(table["cells"]) & texts(exp.get("cells") or []))


def run_case(case_dir, argv_prefix, scorer):
    exp_path = os.path.join(case_dir, "expected.json")
    with open(exp_path, encoding="utf-8") as f:
        exp = json.load(f)
    pdf = os.path.join(case_dir, "input.pdf")
    try:
        proc = subprocess.run(argv_prefix + [pdf], capture_output=True, timeout=120)
        out = json.loads(proc.stdout.decode("utf-8", "replace"))
        tables, heights = out.get("tables", []), out.get("page_heights")
    except (subprocess.TimeoutExpired, json.JSONDecodeError) as e:
        return exp, None, "run failed: %s" % e
    table = pick(tables, exp, heights)
    if table:
        params = exp.get("params") or {}
        pages = exp.get("pages") or [exp["page"]]
        crop_rows(table, pages, area_of(params, None))
        if params.get("copy_text"):
            copy_spanned_text(table, params["copy_text"])
    pred = {"cells": table["cells"], "spans": table.get("spans") or []} if table else {"cells": []}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(pred, f, ensure_ascii=False)
        pred_path = f.name
    args = [sys.executable, scorer, exp_path, pred_path, "--json"]
    if os.path.basename(case_dir).startswith("icdar-"):
        args.append("--strip-all-ws")
    if "cells_geometric" in exp:
        args.append("--geometric")
    try:
        res = json.loads(subprocess.run(args, capture_output=True, check=True).stdout)
    finally:
        os.unlink(pred_path)
    return exp, res, "" if table else "no table picked (%d found)" % len(tables)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("peer_dir")
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--kansa")
    g.add_argument("--driver")
    ap.add_argument("--case", default="")
    a = ap.parse_args()
    prefix = [a.kansa, "tables"] if a.kansa else shlex.split(a.driver)
    scorer = os.path.join(a.peer_dir, "score_cells.py")
    with open(os.path.join(a.peer_dir, "index.json"), encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    groups = {}
    for c in cases:
        name = c["case"]
        if a.case not in name:
            continue
        exp, res, note = run_case(os.path.join(a.peer_dir, name), prefix, scorer)
        group = "icdar" if name.startswith("icdar-") else c["flavor"]
        if res is None:
            score, detail = 0.0, note
        elif res.get("partial"):
            score = res["asserted_accuracy"] or 0.0
            detail = "partial %d/%d" % (res["passed"], res["asserted_checks"])
            group += "-partial"
        else:
            adj = res["adjacency"]
            score = adj["f1"]
            detail = "F1=%.3f P=%.3f R=%.3f acc=%.3f shape=%s/%s" % (
                adj["f1"], adj["precision"], adj["recall"], res["cell_accuracy"],
                res["shape_predicted"], res["shape_expected"])
        groups.setdefault(group, []).append(score)
        print("%-42s %-15s %.3f  %s %s" % (name, group, score, detail, note))
    print()
    for group, scores in sorted(groups.items()):
        print("mean %-16s %.3f over %d cases" % (group, sum(scores) / len(scores), len(scores)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
