#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang++, ASan + UBSan) and runs each for N
# seconds (default 60) on its seed corpus, CI-style: bounded time and memory, no forking.
#   tools/run-fuzz.sh [SECONDS] [TARGET...]
# Environment: KANSA_FUZZ_BUILD (build dir, default build-fuzz), KANSA_FUZZ_JOBS (make -j, 2).
# A crash leaves its input in tests/fuzz/regressions/<target>/ (kept in git and replayed by
# ctest in the normal build: fix the bug, keep the file). New corpus entries the fuzzer finds
# go to the build dir, not to the source tree. Exit status: 0 when no target crashed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
shift || true
build="${KANSA_FUZZ_BUILD:-$root/build-fuzz}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(text_normalize era_date page_refs interpret pipeline_definition manifest)

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKANSA_FUZZ=ON -DKANSA_BUILD_TESTS=OFF >/dev/null || exit 3
cmake --build "$build" -j"${KANSA_FUZZ_JOBS:-2}" --target "${targets[@]/#/fuzz_}" || exit 3

failed=0
for t in "${targets[@]}"; do
  regressions="$root/tests/fuzz/regressions/$t"
  work="$build/fuzz-corpus/$t"
  mkdir -p "$regressions" "$work"
  echo "== fuzz_$t for ${seconds}s"
  # Seeds first, then what earlier runs found; the fuzzer adds to $work only.
  "$build/fuzz_$t" "$work" "$root/tests/fuzz/corpus/$t" "$regressions" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="$regressions/" 2>"$build/fuzz_$t.log"
  status=$?
  grep -E "^(#[0-9]+[[:space:]]+DONE|stat::|INFO: Loaded|==[0-9]+==ERROR|SUMMARY)" "$build/fuzz_$t.log" | head -20
  tail -n 1 "$build/fuzz_$t.log"
  if [ $status -ne 0 ]; then
    echo "fuzz_$t: crashed (exit $status); input kept in $regressions/, log $build/fuzz_$t.log"
    failed=1
  fi
done
exit $failed
