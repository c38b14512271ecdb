#!/usr/bin/env bash
# Scores the pipeline on a folder of corpus items (each ITEM/ holding ITEM.pdf, meta.json and
# expected.jsonl, as ../shared/corpus and fixtures/corpus do).
#
#   tools/evaluate-corpus.sh BUILD_DIR SCORER CORPUS_DIR [PIPELINE] [ITEM...]
#
# Ingests each item into its own database with the municipality_code of its meta.json and the
# given pipeline (default: the default pipeline), exports JSONL and prints the scorer's summary
# and the ingest wall time per item. With several items, also scores them together (one gold
# and one predicted file concatenated in item order) for the pooled calibration figures.
# Set VERBOSE=1 for the scorer's per-field detail. Set KEEP=1 to keep the work folder (its path is printed). Exit status 1 if any item failed.
set -euo pipefail

if [[ $# -lt 3 ]]; then
  echo "usage: $0 BUILD_DIR SCORER CORPUS_DIR [PIPELINE] [ITEM...]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
scorer=$2
corpus=$(cd "$3" && pwd)
pipeline=${4:-}
shift $(($# < 4 ? $# : 4))
items=("$@")
if [[ ${#items[@]} -eq 0 ]]; then
  for dir in "$corpus"/*/; do
    name=$(basename "$dir")
    [[ -f "$dir/$name.pdf" && -f "$dir/expected.jsonl" ]] && items+=("$name")
  done
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kansa-corpus-XXXXXX")
if [[ "${KEEP:-0}" == 1 ]]; then echo "keeping $work" >&2; else trap 'rm -rf "$work"' EXIT; fi

score_args=()
[[ -n "${VERBOSE:-}" ]] && score_args=(--verbose)
pipeline_args=()
[[ -n "$pipeline" ]] && pipeline_args=(--pipeline "$pipeline")
failed=0
: >"$work/all-gold.jsonl"
: >"$work/all-pred.jsonl"
for name in "${items[@]}"; do
  dir="$corpus/$name"
  code=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("municipality_code") or "")' \
    "$dir/meta.json")
  code_args=()
  [[ -n "$code" ]] && code_args=(--municipality-code "$code")
  start=$(date +%s.%N)
  if ! "$build/kansa" ingest --db "$work/$name.db" "${pipeline_args[@]}" "${code_args[@]}" \
    "$dir/$name.pdf" >"$work/$name.log" 2>&1; then
    echo "$name: ingest FAILED ($(tail -1 "$work/$name.log"))"
    failed=1
  fi
  end=$(date +%s.%N)
  "$build/kansa" export --db "$work/$name.db" --format jsonl --out "$work/$name.jsonl" \
    >>"$work/$name.log" 2>&1 || : >"$work/$name.jsonl"
  pages=$(python3 -c 'import re,sys; d=open(sys.argv[1],"rb").read(); print(len(re.findall(rb"/Type\s*/Page[^s]", d)))' \
    "$dir/$name.pdf")
  echo "== $name ($(printf '%.1f' "$(echo "$end - $start" | bc)") s for $pages pages)"
  "$scorer" "$dir/expected.jsonl" "$work/$name.jsonl" "${score_args[@]}" | sed 's/^/  /'
  cat "$dir/expected.jsonl" >>"$work/all-gold.jsonl"
  cat "$work/$name.jsonl" >>"$work/all-pred.jsonl"
done
if [[ ${#items[@]} -gt 1 ]]; then
  echo "== all ${#items[@]} items together"
  "$scorer" "$work/all-gold.jsonl" "$work/all-pred.jsonl" | sed 's/^/  /'
fi
exit $failed
