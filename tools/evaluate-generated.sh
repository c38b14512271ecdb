#!/usr/bin/env bash
# Evaluates the pipeline on a freshly generated set of synthetic reports.
#
#   tools/evaluate-generated.sh BUILD_DIR SCORER COUNT SEED [LAYOUT]
#
# Generates COUNT documents with BUILD_DIR/kansa-fixturegen (seed SEED, all layout families
# in turn, or only LAYOUT) into a temporary directory, ingests each document into its own
# database with the municipality_code of its meta.json, exports it as JSONL and scores it
# with SCORER (score-findings, --json). Prints one line per document, the means per layout
# family and overall (finding F1, field accuracy, mean text similarity, ECE, error capture
# at 20%), and the per-field accuracies summed over the set, weakest first.
# Set KEEP=1 to keep the temporary directory (its path is printed) for a closer look, and
# SUMMARY=FILE to write the pooled figures (overall and per family) there as JSON.
# Set SCAN=MODE (bilevel200, gray200, bilevel300, gray300) to score scanned documents: the
# generator writes every page as a scan of that mode (SCAN_PAGES=LIST, e.g. 2 or 1,3-4, only
# those pages) and each document is ingested with the default pipeline (its OCR stage reads
# them), or with SCAN_PIPELINE=NAME_OR_FILE (to compare OCR settings).
# Exit status: 0 when every document was ingested and scored, 1 otherwise.
set -euo pipefail

if [[ $# -lt 4 || $# -gt 5 ]]; then
  echo "usage: $0 BUILD_DIR SCORER COUNT SEED [LAYOUT]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
scorer=$2
count=$3
seed=$4
layout=${5:-}

work=$(mktemp -d "${TMPDIR:-/tmp}/kansa-eval-XXXXXX")
if [[ "${KEEP:-0}" == 1 ]]; then
  echo "keeping $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi

gen_args=(--out "$work/set" --count "$count" --seed "$seed")
[[ -n "$layout" ]] && gen_args+=(--layout "$layout")
pipeline_args=()
if [[ -n "${SCAN:-}" ]]; then
  gen_args+=(--scan "$SCAN")
  [[ -n "${SCAN_PAGES:-}" ]] && gen_args+=(--scan-pages "$SCAN_PAGES")
  [[ -n "${SCAN_PIPELINE:-}" ]] && pipeline_args=(--pipeline "$SCAN_PIPELINE")
elif [[ -n "${SCAN_PAGES:-}" ]]; then
  echo "SCAN_PAGES needs SCAN" >&2
  exit 2
fi
"$build/kansa-fixturegen" "${gen_args[@]}" >"$work/fixturegen.log" 2>&1 || {
  cat "$work/fixturegen.log" >&2
  exit 1
}

failed=0
mkdir -p "$work/scores"
while IFS=$'\t' read -r name layout_name pdf; do
  dir="$work/set/$name"
  code=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["municipality_code"] or "")' \
    "$dir/meta.json")
  db="$work/run/$name.db"
  out="$work/run/$name.jsonl"
  mkdir -p "$work/run"
  code_args=()
  [[ -n "$code" ]] && code_args=(--municipality-code "$code")
  if ! "$build/kansa" ingest --db "$db" "${pipeline_args[@]}" "${code_args[@]}" "$work/set/$pdf" \
    >"$work/run/$name.log" 2>&1 ||
    ! "$build/kansa" export --db "$db" --format jsonl --out "$out" >>"$work/run/$name.log" 2>&1; then
    echo "$name: ingest/export FAILED ($(tail -1 "$work/run/$name.log"))" >&2
    failed=1
    : >"$out"
  fi
  if ! "$scorer" "$dir/expected.jsonl" "$out" --json >"$work/scores/$name.json" 2>"$work/scores/$name.err"; then
    echo "$name: scoring FAILED ($(tail -1 "$work/scores/$name.err"))" >&2
    failed=1
    rm -f "$work/scores/$name.json"
    continue
  fi
  printf '%s\t%s\n' "$name" "$layout_name" >>"$work/scores/index.tsv"
done < <(python3 -c '
import json, sys
for d in json.load(open(sys.argv[1]))["documents"]:
    print(d["name"], d["layout"], d["pdf"], sep="\t")
' "$work/set/index.json")

[[ -f "$work/scores/index.tsv" ]] || { echo "nothing scored" >&2; exit 1; }

python3 - "$work/scores" <<'PY'
import json, os, sys
from collections import defaultdict

scores_dir = sys.argv[1]
docs = []
with open(os.path.join(scores_dir, "index.tsv"), encoding="utf-8") as f:
    for line in f:
        name, layout = line.rstrip("\n").split("\t")
        with open(os.path.join(scores_dir, name + ".json"), encoding="utf-8") as s:
            docs.append((name, layout, json.load(s)))

def metrics(r):
    cal = r.get("calibration") or {}
    return {
        "f1": r["finding_f1"],
        "field_acc": r["field_accuracy"],
        "text_sim": r.get("mean_text_similarity"),
        "ece": cal.get("ece"),
        "capture20": cal.get("error_capture_at_20pct"),
    }

COLS = [("f1", "F1"), ("field_acc", "field_acc"), ("text_sim", "text_sim"), ("ece", "ECE"),
        ("capture20", "capt@20")]

def fmt(v):
    return "    -" if v is None else f"{v:.3f}"

def mean(vals):
    vals = [v for v in vals if v is not None]
    return sum(vals) / len(vals) if vals else None

print(f"{'document':40s} {'gold':>4s} {'pred':>4s} " + " ".join(f"{h:>9s}" for _, h in COLS))
for name, layout, r in docs:
    m = metrics(r)
    print(f"{name:40s} {r['gold_findings']:4d} {r['pred_findings']:4d} " +
          " ".join(f"{fmt(m[k]):>9s}" for k, _ in COLS))

groups = defaultdict(list)
for name, layout, r in docs:
    groups[layout].append(metrics(r))
print()
print(f"{'mean per family':40s} {'docs':>9s} " + " ".join(f"{h:>9s}" for _, h in COLS))
for layout in sorted(groups):
    ms = groups[layout]
    print(f"{layout:40s} {len(ms):9d} " +
          " ".join(f"{fmt(mean([m[k] for m in ms])):>9s}" for k, _ in COLS))
allm = [metrics(r) for _, _, r in docs]
print(f"{'overall':40s} {len(allm):9d} " +
      " ".join(f"{fmt(mean([m[k] for m in allm])):>9s}" for k, _ in COLS))

# Pooled over the set: findings counted across documents (F1 from the summed matches), fields
# summed (every field of every finding weighs the same, whatever its document's size).
def pooled(rs):
    gold = sum(r["gold_findings"] for r in rs)
    pred = sum(r["pred_findings"] for r in rs)
    matched = sum(r["matched"] for r in rs)
    ok = sum(v["correct"] for r in rs for v in r["fields"].values())
    tot = sum(v["total"] for r in rs for v in r["fields"].values())
    return {"documents": len(rs), "gold_findings": gold, "pred_findings": pred,
            "matched": matched, "fields_correct": ok, "fields_total": tot,
            "finding_f1": 2 * matched / (gold + pred) if gold + pred else 1.0,
            "field_accuracy": ok / tot if tot else 1.0,
            "mean_text_similarity": mean([r.get("mean_text_similarity") for r in rs])}
P = pooled([r for _, _, r in docs])
print(f"{'pooled (findings and fields summed)':40s} {P['documents']:9d} "
      f"{P['finding_f1']:9.3f} {P['field_accuracy']:9.3f} {fmt(P['mean_text_similarity']):>9s}")
if os.environ.get("SUMMARY"):
    summary = {"pooled": P,
               "families": {l: pooled([r for _, lay, r in docs if lay == l]) for l in sorted(groups)}}
    with open(os.environ["SUMMARY"], "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1)

# Per-field accuracy over the whole set (fields counted, not documents averaged), weakest
# first, with the families where the misses are.
fields = defaultdict(lambda: [0, 0])
where = defaultdict(lambda: defaultdict(int))
for name, layout, r in docs:
    for k, v in r["fields"].items():
        fields[k][0] += v["correct"]
        fields[k][1] += v["total"]
        if v["total"] > v["correct"]:
            where[k][layout] += v["total"] - v["correct"]
print()
print(f"{'field':28s} {'correct':>8s} {'total':>6s} {'accuracy':>8s}  misses by family")
for k, (ok, tot) in sorted(fields.items(), key=lambda kv: (kv[1][0] / kv[1][1], kv[0])):
    miss = ", ".join(f"{l} {n}" for l, n in sorted(where[k].items(), key=lambda t: -t[1]))
    print(f"{k:28s} {ok:8d} {tot:6d} {ok / tot:8.3f}  {miss}")
PY
exit $failed
