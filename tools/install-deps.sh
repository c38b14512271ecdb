#!/usr/bin/env bash
# Installs every Debian 12 package kansa needs to build, test and generate fixtures.
# Idempotent; run as root. Set KANSA_SKIP_APT=1 to skip (e.g. on a machine already set up).
# Then DuckDB's Node.js package for tools/duckdb (README, "Research exports"), from npm.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(
  build-essential cmake pkg-config git python3
  libpoppler-private-dev libpoppler-dev poppler-utils poppler-data
  libtesseract-dev tesseract-ocr tesseract-ocr-jpn tesseract-ocr-eng tesseract-ocr-osd libleptonica-dev
  libicu-dev libspdlog-dev libfmt-dev libgtest-dev libgmock-dev
  nlohmann-json3-dev libtomlplusplus-dev libcli11-dev libsqlite3-dev sqlite3 libssl-dev
  libseccomp-dev
  libpq-dev postgresql python3-yaml  # --db postgresql://; the test server; tools/deploy check
  libcurl4-openssl-dev  # fetching the URLs of an ingest manifest (core/src/fetch)
  libcairo2-dev libpango1.0-dev fonts-noto-cjk fonts-ipafont-mincho fonts-ipafont-gothic
  clang libclang-rt-14-dev  # tools/run-fuzz.sh: libFuzzer, ASan, UBSan
  python3-pandas r-base-core r-cran-rsqlite  # the README's first analysis (tools/check-readme.sh)
  libpng-dev                # pdftext plugin: page images for kansa review
  chromium                  # tests: kansa review's page opened headless (/usr/bin/chromium)
)
# Node.js and npm for tools/duckdb, unless a Node.js with npm is there already (a NodeSource
# nodejs ships its own npm and conflicts with Debian's npm package).
command -v npm > /dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ] && [ "${KANSA_SKIP_APT:-0}" != 1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# DuckDB (not packaged by Debian) for tools/duckdb: the version in package-lock.json.
if [ ! -d tools/duckdb-node/node_modules/@duckdb/node-api ]; then
  npm ci --prefix tools/duckdb-node --no-audit --no-fund --loglevel=error
fi
