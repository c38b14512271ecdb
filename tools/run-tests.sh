#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test through ctest: first the normal
# build (build/), then each libFuzzer target for 60 s (build-fuzz/, tools/run-fuzz.sh; a
# crash fails the run and leaves its input in tests/fuzz/regressions/), then the sanitizer
# build (build-asan/, ASan + UBSan). Both ctest runs use the PostgreSQL test server that
# tools/start-test-postgres.sh starts here. After ctest, the README's walk-through runs as
# written (tools/check-readme.sh; KANSA_SKIP_README=1 skips it).
# Set KANSA_SKIP_FUZZ=1 to leave out the fuzzing, KANSA_SKIP_ASAN=1 the sanitizer build;
# KANSA_FUZZ_SECONDS sets the time per fuzz target (default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
# The review tests open the page in headless Chromium: here they fail when it is missing.
export KANSA_REQUIRE_CHROMIUM=1
# The PostgreSQL server of the --db postgresql:// tests, on this machine (idempotent). Tests
# fail, rather than skip, when KANSA_REQUIRE_PG=1 and the server is missing.
KANSA_TEST_PG=$(bash tools/start-test-postgres.sh | tail -1)
export KANSA_TEST_PG KANSA_REQUIRE_PG=1
# Tests that start a component of their own (the feed tests' HTTP server, python3) fail
# instead of skipping when it cannot start.
export KANSA_REQUIRE_HTTP_SERVER=1
jobs=$(nproc)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"
if [ "${KANSA_SKIP_README:-0}" != 1 ]; then
  bash tools/check-readme.sh build
fi
if [ "${KANSA_SKIP_FUZZ:-0}" != 1 ]; then
  KANSA_FUZZ_JOBS="$jobs" bash tools/run-fuzz.sh "${KANSA_FUZZ_SECONDS:-60}"
fi
if [ "${KANSA_SKIP_ASAN:-0}" != 1 ]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DKANSA_SANITIZE=ON
  cmake --build build-asan -j"$jobs"
  # Poppler and friends are not instrumented; leaks inside them are not ours to fix.
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs"
fi
