#!/usr/bin/env bash
# Speed of kansa against the tools a user would otherwise run, on the same files, in one
# invocation (run by hand on a quiet machine; not part of ctest):
#
#   tools/benchmark.sh [BUILD_DIR]          (default: build)
#
# 1. Text PDFs (the corpus's text reports and a generated batch): `kansa ingest` (whole
#    pipeline: findings in the database) against `pdftotext -layout` on each file (text only);
#    also with `--pipeline text`, which leaves out the OCR stage.
# 2. Scanned PDFs (the corpus scan, the committed generated scans, a few generated ones):
#    `kansa ingest` (the default pipeline: OCR for the pages without a text layer) against
#    `ocrmypdf -l jpn` (then `pdftotext`), and against
#    the `tesseract` command line on the pages rendered by `pdftoppm` at the resolution kansa
#    reads them at (the page image's, at most 300 dpi). kansa's OCR plugin also reports
#    (KANSA_OCR_STATS) the time spent inside Tesseract (SetImage, Recognize and the reading of
#    its results) on the regions it hands Tesseract: the figure that bounds it.
# 3. Scaling: `--jobs 1` against `--jobs 2` on a batch of generated text documents and one of
#    generated scans, checking that both give the same export, with the spread of the pairs'
#    ratios; for the text batch, also two `--jobs 1` runs at once on its two halves: what two
#    independent processes get out of the machine (the parent's own work, hashing, copying
#    and writing each document, overlaps a worker's with one job and takes a core's share
#    with two), and `--jobs 1` confined to one core: what the second core adds, and how much
#    of it `--jobs 1` takes already.
#
# Prints wall time, peak memory (maximum resident set size of the largest process, from
# /usr/bin/time), pages per second and the ratios. Figures taken while other work runs on the
# machine are noisy: set BENCH_REPEAT=N to keep the fastest of N runs of each measurement.
#
# Environment: BENCH_SECTIONS (all of "text scans text-scaling scan-scaling"): the parts to
# run, e.g. BENCH_SECTIONS=text-scaling BENCH_REPEAT=9 for the text scaling alone;
# BENCH_TEXT_BATCH (50), BENCH_SCAN_BATCH (50) and BENCH_SCAN_MODE (gray200):
# size and scan mode of the generated batches; BENCH_SCAN_EXTRA (4): generated scans added to
# the scan comparison; BENCH_SEED (6); BENCH_REPEAT (1); KEEP=1 keeps the work folder.
# ocrmypdf is not among the build dependencies (tools/install-deps.sh): when it is missing the
# script installs it with apt-get when run as root, else that comparison is skipped.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
kansa=$build/kansa
gen=$build/kansa-fixturegen
text_batch=${BENCH_TEXT_BATCH:-50}
scan_batch=${BENCH_SCAN_BATCH:-50}
scan_mode=${BENCH_SCAN_MODE:-gray200}
scan_extra=${BENCH_SCAN_EXTRA:-4}
seed=${BENCH_SEED:-6}
repeat=${BENCH_REPEAT:-1}
sections=" ${BENCH_SECTIONS:-text scans text-scaling scan-scaling} "
section() { [[ $sections == *" $1 "* ]]; }

for tool in "$kansa" "$gen"; do
  [[ -x $tool ]] || { echo "benchmark: $tool not built" >&2; exit 2; }
done
for cmd in pdftotext pdftoppm pdfimages pdfinfo tesseract taskset; do
  command -v "$cmd" >/dev/null || { echo "benchmark: $cmd missing (tools/install-deps.sh)" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "benchmark: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }
if ! command -v ocrmypdf >/dev/null && [[ $(id -u) == 0 ]]; then
  echo "benchmark: installing ocrmypdf (Debian package) for the comparison" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ocrmypdf >/dev/null ||
    true
fi
have_ocrmypdf=0
command -v ocrmypdf >/dev/null && have_ocrmypdf=1

work=$(mktemp -d "${TMPDIR:-/tmp}/kansa-bench-XXXXXX")
if [[ ${KEEP:-0} == 1 ]]; then
  echo "work folder: $work"
else
  trap 'rm -rf "$work"' EXIT
fi

# measure NAME CMD...: runs CMD (stdout and stderr to $work/NAME.out) BENCH_REPEAT times (or
# $runs times) and keeps the fastest run's wall seconds and peak resident memory (MB) in
# wall[NAME], mb[NAME], counting what earlier calls for NAME kept; last[NAME] is the last
# run's wall seconds.
declare -A wall mb peak_kb last ratios
measure() {
  local name=$1
  shift
  local best=${wall[$name]:-} best_kb=${peak_kb[$name]:-0} i
  for ((i = 0; i < ${runs:-$repeat}; i++)); do
    [[ -n ${BENCH_BEFORE:-} ]] && eval "$BENCH_BEFORE"
    /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >"$work/$name.out" 2>&1 || true
    read -r s kb < <(tail -n 1 "$work/$name.time")
    last[$name]=$s
    if [[ -z $best ]] || awk -v a="$s" -v b="$best" 'BEGIN{exit !(a < b)}'; then
      best=$s
      best_kb=$kb
    fi
  done
  wall[$name]=$best
  peak_kb[$name]=$best_kb
  mb[$name]=$(awk -v k="$best_kb" 'BEGIN{printf "%.0f", k / 1024}')
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{if (b > 0) printf "%.2f", a / b; else printf "-"}'; }
per_s() { awk -v n="$1" -v s="$2" 'BEGIN{if (s > 0) printf "%.2f", n / s; else printf "-"}'; }
row() { printf '  %-44s %9s s %7s MB %9s pages/s  %s\n' "$1" "${wall[$2]}" "${mb[$2]}" \
  "$(per_s "$3" "${wall[$2]}")" "${4:-}"; }
pages_of() {
  local n=0 f
  for f in "$@"; do n=$((n + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/{print $2}'))); done
  echo $n
}

echo "kansa benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  $("$kansa" plugins 2>/dev/null | grep -E '^[a-z]+ [0-9]' | tr '\n' ';' | sed 's/;$//')"
echo "  $(tesseract --version 2>&1 | head -1); $(pdftotext -v 2>&1 | head -1)$([[ $have_ocrmypdf == 1 ]] && echo "; ocrmypdf $(ocrmypdf --version 2>/dev/null)")"
echo "  best of $repeat run(s) each (a scaling pair's two runs taken in turn); peak memory is the largest process's (a worker for kansa)"

# --- the files ----------------------------------------------------------------------------
"$gen" --out "$work/text" --count "$text_batch" --seed "$seed" --layout all >/dev/null
if section scan-scaling; then
  "$gen" --out "$work/scanbatch" --count "$scan_batch" --seed "$seed" --layout all \
    --scan "$scan_mode" >/dev/null
fi
text_files=("$root"/fixtures/corpus/osaka-kenko-r5/*.pdf
  "$root"/fixtures/corpus/shimonoseki-r5-comprehensive/*.pdf
  "$root"/fixtures/corpus/shimonoseki-r5-kangxi/*.pdf "$work"/text/*/*.pdf)
scan_files=("$root"/fixtures/corpus/osaka-kenko-r5-scan/*.pdf
  "$root"/fixtures/generated-scans/{bilevel200,bilevel300,gray200,gray300}/*/*.pdf)
if ((scan_extra > 0)) && section scans; then
  "$gen" --out "$work/scanextra" --count "$scan_extra" --seed $((seed + 1)) --layout all \
    --scan gray300 >/dev/null
  scan_files+=("$work"/scanextra/*/*.pdf)
fi
text_pages=$(pages_of "${text_files[@]}")
scan_pages=$(pages_of "${scan_files[@]}")
batch_text_files=("$work"/text/*/*.pdf)
batch_text_pages=$(pages_of "${batch_text_files[@]}")

fresh() { rm -f "$work/$1.db" "$work/$1.db-wal" "$work/$1.db-shm"; }
ingest() {  # ingest NAME ARGS... : a fresh database each run
  local name=$1
  shift
  BENCH_BEFORE="fresh $name" measure "$name" "$kansa" ingest --db "$work/$name.db" "$@"
}
# ingest_pair NAME_A OPTION_A NAME_B OPTION_B FILES...: as ingest, the two runs taken in turn
# (A, B, A, B, ...), so that a slow spell of the machine falls on both alike: the scaling
# rows print their ratio, and ratios[NAME_B] keeps each pair's (A's time over B's). With
# $references set, two more runs in each turn, the references for `--jobs 2`: two `--jobs 1`
# runs at once, on the two halves of FILES, into databases of their own (NAME_B_halves): what
# two independent processes get out of the machine; and run A confined to one core
# (NAME_A_one_core, `taskset -c 0`): the work of one core, which `--jobs 2` is measured
# against in ratios[NAME_A_one_core] (each turn's one-core time over B's). Run A itself already
# uses part of the second core: the parent copies, hashes and writes beside its worker.
ingest_pair() {
  local name_a=$1 option_a=$2 name_b=$3 option_b=$4 i
  shift 4
  local n=$(($# / 2))
  for ((i = 0; i < repeat; i++)); do
    runs=1 ingest "$name_a" $option_a "$@"
    runs=1 ingest "$name_b" $option_b "$@"
    ratios[$name_b]+="$(ratio "${last[$name_a]}" "${last[$name_b]}") "
    if [[ -n ${references:-} ]]; then
      BENCH_BEFORE="fresh ${name_b}_h1; fresh ${name_b}_h2" runs=1 measure "${name_b}_halves" \
        bash -c 'k=$1 a=$2 b=$3 n=$4; shift 4
          "$k" ingest --db "$a" --jobs 1 "${@:1:n}" & "$k" ingest --db "$b" --jobs 1 "${@:n+1}"
          wait' _ "$kansa" "$work/${name_b}_h1.db" "$work/${name_b}_h2.db" "$n" "$@"
      BENCH_BEFORE="fresh ${name_a}_one_core" runs=1 measure "${name_a}_one_core" \
        taskset -c 0 "$kansa" ingest --db "$work/${name_a}_one_core.db" $option_a "$@"
      ratios[${name_a}_one_core]+="$(ratio "${last[${name_a}_one_core]}" "${last[$name_b]}") "
    fi
  done
}
# spread "R1 R2 ...": their smallest, median and largest.
spread() {
  tr ' ' '\n' <<<"$1" | grep . | sort -n |
    awk '{r[NR] = $1} END {printf "pairs: %s / %s / %s (least / median / most of %d)", r[1], r[int((NR + 1) / 2)], r[NR], NR}'
}

# --- 1. text ------------------------------------------------------------------------------
if section text; then
echo
echo "1. Text PDFs: ${#text_files[@]} files, $text_pages pages"
measure pdftotext bash -c 'for f in "$@"; do pdftotext -layout "$f" /dev/null; done' _ \
  "${text_files[@]}"
ingest text_jobs1 --jobs 1 "${text_files[@]}"
ingest text_jobs "${text_files[@]}"
ingest text_only_jobs --pipeline text "${text_files[@]}"
row "pdftotext -layout (one process per file)" pdftotext "$text_pages"
row "kansa ingest --jobs 1" text_jobs1 "$text_pages" \
  "$(ratio "${wall[text_jobs1]}" "${wall[pdftotext]}") x pdftotext"
row "kansa ingest (--jobs $(nproc))" text_jobs "$text_pages" \
  "$(ratio "${wall[text_jobs]}" "${wall[pdftotext]}") x pdftotext   (target <= 3)"
row "kansa ingest --pipeline text (--jobs $(nproc))" text_only_jobs "$text_pages" \
  "$(ratio "${wall[text_only_jobs]}" "${wall[pdftotext]}") x pdftotext   (no OCR stage)"
fi

# --- 2. scans -----------------------------------------------------------------------------
if section scans; then
echo
echo "2. Scanned PDFs: ${#scan_files[@]} files, $scan_pages pages"
KANSA_OCR_STATS=1 ingest scan_jobs1 --jobs 1 "${scan_files[@]}"
ingest scan_jobs "${scan_files[@]}"
stat_sum() { grep -o " $1=[0-9.]*" "$work/scan_jobs1.out" | cut -d= -f2 | awk '{s += $1} END {printf "%.2f", s}'; }
tess=$(stat_sum tesseract)
osd=$(stat_sum osd)
wall[tess_own]=$tess
mb[tess_own]="-"
if [[ $have_ocrmypdf == 1 ]]; then
  measure ocrmypdf bash -c 'for f in "$@"; do ocrmypdf -q -l jpn "$f" "'"$work"'/ocr-$(basename "$f")"; done' _ \
    "${scan_files[@]}"
  measure ocrmypdf_text bash -c 'for f in "$@"; do pdftotext "'"$work"'/ocr-$(basename "$f")" /dev/null; done' _ \
    "${scan_files[@]}"
fi
# The pages as kansa reads them: at the page image's resolution, at most 300 dpi.
mkdir -p "$work/pages"
for f in "${scan_files[@]}"; do
  dpi=$(pdfimages -list "$f" 2>/dev/null | awk 'NR > 2 && $13 > m {m = $13} END {print (m > 0 && m < 300) ? m : 300}')
  pdftoppm -r "$dpi" -gray -png "$f" "$work/pages/$(basename "$f" .pdf)"
done
measure tesseract bash -c 'for p in "$@"; do tesseract "$p" - -l jpn >/dev/null 2>&1; done' _ \
  "$work"/pages/*.png
# The same on one thread, as kansa runs it (Tesseract's OpenMP threads spin on a busy machine).
OMP_THREAD_LIMIT=1 measure tesseract1 bash -c \
  'for p in "$@"; do tesseract "$p" - -l jpn >/dev/null 2>&1; done' _ "$work"/pages/*.png
row "Tesseract's own time on kansa's regions" tess_own "$scan_pages" \
  "(inside Tesseract; orientation detection $osd s more)"
row "kansa ingest --jobs 1" scan_jobs1 "$scan_pages" \
  "$(ratio "${wall[scan_jobs1]}" "$tess") x Tesseract's own (target <= 1.3); $(ratio "${wall[scan_jobs1]}" "$(awk -v a="$tess" -v b="$osd" 'BEGIN{print a + b}')") x with OSD"
row "kansa ingest (--jobs $(nproc))" scan_jobs "$scan_pages" \
  "$(ratio "${wall[scan_jobs]}" "$tess") x Tesseract's own"
row "tesseract CLI on pdftoppm pages (per page)" tesseract "$scan_pages" \
  "kansa --jobs 1 is $(ratio "${wall[scan_jobs1]}" "${wall[tesseract]}") x, --jobs $(nproc) $(ratio "${wall[scan_jobs]}" "${wall[tesseract]}") x"
row "  the same with OMP_THREAD_LIMIT=1" tesseract1 "$scan_pages" \
  "kansa --jobs 1 is $(ratio "${wall[scan_jobs1]}" "${wall[tesseract1]}") x, --jobs $(nproc) $(ratio "${wall[scan_jobs]}" "${wall[tesseract1]}") x"
if [[ $have_ocrmypdf == 1 ]]; then
  row "ocrmypdf -l jpn (per file)" ocrmypdf "$scan_pages" \
    "kansa --jobs $(nproc) is $(ratio "${wall[scan_jobs]}" "${wall[ocrmypdf]}") x (target < 1), --jobs 1 $(ratio "${wall[scan_jobs1]}" "${wall[ocrmypdf]}") x"
  row "  then pdftotext on its output" ocrmypdf_text "$scan_pages"
else
  echo "  ocrmypdf: not installed (apt-get install ocrmypdf), comparison skipped"
fi
echo "  kansa OCR time, summed over documents (--jobs 1): $(for k in render image tesseract osd init; do printf '%s %s s  ' "$k" "$(stat_sum $k)"; done)"
fi

# --- 3. scaling ---------------------------------------------------------------------------
echo
echo "3. Scaling"
same() { cmp -s "$work/$1.jsonl" "$work/$2.jsonl" && echo "same export" || echo "EXPORTS DIFFER"; }
export_of() { "$kansa" export --db "$work/$1.db" --format jsonl --out "$work/$1.jsonl" 2>/dev/null; }
if section text-scaling; then
references=1 ingest_pair batch_text_jobs1 "--jobs 1" batch_text_jobs2 "--jobs 2" \
  "${batch_text_files[@]}"
export_of batch_text_jobs1
export_of batch_text_jobs2
echo "  ${#batch_text_files[@]} generated text documents, $batch_text_pages pages"
row "kansa ingest --jobs 1" batch_text_jobs1 "$batch_text_pages"
row "kansa ingest --jobs 2" batch_text_jobs2 "$batch_text_pages" \
  "$(ratio "${wall[batch_text_jobs1]}" "${wall[batch_text_jobs2]}") x faster (target >= 1.8); $(same batch_text_jobs1 batch_text_jobs2)"
echo "    $(spread "${ratios[batch_text_jobs2]}")"
row "two --jobs 1 at once, a half each" batch_text_jobs2_halves "$batch_text_pages" \
  "$(ratio "${wall[batch_text_jobs1]}" "${wall[batch_text_jobs2_halves]}") x faster (reference: two independent runs)"
row "--jobs 1 on one core (taskset -c 0)" batch_text_jobs1_one_core "$batch_text_pages" \
  "--jobs 2 is $(ratio "${wall[batch_text_jobs1_one_core]}" "${wall[batch_text_jobs2]}") x faster, --jobs 1 $(ratio "${wall[batch_text_jobs1_one_core]}" "${wall[batch_text_jobs1]}") x (the second core's share)"
echo "    $(spread "${ratios[batch_text_jobs1_one_core]}")"
fi
if section scan-scaling; then
batch_scan_files=("$work"/scanbatch/*/*.pdf)
batch_scan_pages=$(pages_of "${batch_scan_files[@]}")
ingest_pair batch_scan_jobs1 "--jobs 1" batch_scan_jobs2 "--jobs 2" \
  "${batch_scan_files[@]}"
export_of batch_scan_jobs1
export_of batch_scan_jobs2
echo "  ${#batch_scan_files[@]} generated scans ($scan_mode), $batch_scan_pages pages"
row "kansa ingest --jobs 1" batch_scan_jobs1 "$batch_scan_pages"
row "kansa ingest --jobs 2" batch_scan_jobs2 "$batch_scan_pages" \
  "$(ratio "${wall[batch_scan_jobs1]}" "${wall[batch_scan_jobs2]}") x faster (target >= 1.8); $(same batch_scan_jobs1 batch_scan_jobs2)"
echo "    $(spread "${ratios[batch_scan_jobs2]}")"
fi
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
