#!/usr/bin/env bash
# The generated evaluation set of issue 4: every layout family, as text PDFs and as scans,
# scored with score-findings, text and scanned reported apart.
#
#   tools/evaluate-generated-set.sh BUILD_DIR SCORER [TEXT_COUNT [SCANS_PER_MODE [SEED]]]
#
# Text: TEXT_COUNT documents (default 240: 30 per family) cycling through every family
# (kansa-fixturegen --layout all), default pipeline. Scanned: SCANS_PER_MODE documents
# (default 12) in each scan mode (bilevel200, gray200, bilevel300, gray300), every family in
# turn, default pipeline (its OCR stage). Each part prints tools/evaluate-generated.sh's
# report (per document, per family, per field); the end prints the pooled figures of both
# parts side by side. Default seed 2026. Takes about 3 minutes for the text part and 3 s per scanned page.
# Exit status: 0 when every document was ingested and scored.
set -euo pipefail

if [[ $# -lt 2 || $# -gt 5 ]]; then
  echo "usage: $0 BUILD_DIR SCORER [TEXT_COUNT [SCANS_PER_MODE [SEED]]]" >&2
  exit 2
fi
build=$1
scorer=$2
text_count=${3:-240}
scans_per_mode=${4:-12}
seed=${5:-2026}
here=$(cd "$(dirname "$0")" && pwd)
summaries=$(mktemp -d "${TMPDIR:-/tmp}/kansa-set-XXXXXX")
trap 'rm -rf "$summaries"' EXIT

status=0
echo "=== text: $text_count documents, seed $seed"
SUMMARY="$summaries/text.json" "$here/evaluate-generated.sh" "$build" "$scorer" "$text_count" \
  "$seed" all || status=1
modes=(bilevel200 gray200 bilevel300 gray300)
if ((scans_per_mode > 0)); then
  for i in "${!modes[@]}"; do
    mode=${modes[$i]}
    echo
    echo "=== scanned ($mode): $scans_per_mode documents, seed $((seed + i + 1))"
    # Each mode its own seed, so that the scanned documents are not the text part's.
    SCAN=$mode SUMMARY="$summaries/scan-$mode.json" "$here/evaluate-generated.sh" "$build" \
      "$scorer" "$scans_per_mode" "$((seed + i + 1))" all || status=1
  done
fi

python3 - "$summaries" <<'PY'
import glob, json, os, sys

d = sys.argv[1]
def load(name):
    with open(os.path.join(d, name), encoding="utf-8") as f:
        return json.load(f)

def combine(parts):
    gold = sum(p["gold_findings"] for p in parts)
    pred = sum(p["pred_findings"] for p in parts)
    matched = sum(p["matched"] for p in parts)
    ok = sum(p["fields_correct"] for p in parts)
    tot = sum(p["fields_total"] for p in parts)
    return {"documents": sum(p["documents"] for p in parts),
            "finding_f1": 2 * matched / (gold + pred) if gold + pred else 1.0,
            "field_accuracy": ok / tot if tot else 1.0}

rows = []
text = load("text.json")
rows.append(("text", text["pooled"]))
scans = sorted(glob.glob(os.path.join(d, "scan-*.json")))
scan_parts = []
for path in scans:
    s = load(os.path.basename(path))
    scan_parts.append(s["pooled"])
    rows.append(("scanned " + os.path.basename(path)[5:-5], s["pooled"]))
if scan_parts:
    rows.append(("scanned, all modes", combine(scan_parts)))
rows.append(("all", combine([text["pooled"]] + scan_parts)))
print()
print("=== generated set, pooled")
print(f"{'part':28s} {'docs':>5s} {'F1':>7s} {'field_acc':>9s}")
for name, p in rows:
    print(f"{name:28s} {p['documents']:5d} {p['finding_f1']:7.3f} {p['field_accuracy']:9.3f}")
PY
exit $status
