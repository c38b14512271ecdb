#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test through ctest: first the normal
# build (build/), then the sanitizer build (build-asan/, ASan + UBSan).
# Set KANSA_SKIP_ASAN=1 to run only the normal build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
jobs=$(nproc)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"
if [ "${KANSA_SKIP_ASAN:-0}" != 1 ]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DKANSA_SANITIZE=ON
  cmake --build build-asan -j"$jobs"
  # Poppler and friends are not instrumented; leaks inside them are not ours to fix.
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs"
fi
