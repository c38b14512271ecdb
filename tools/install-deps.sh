#!/usr/bin/env bash
# Installs every Debian 12 package kansa needs to build, test and generate fixtures.
# Idempotent; run as root. Set KANSA_SKIP_APT=1 to skip (e.g. on a machine already set up).
set -euo pipefail
[ "${KANSA_SKIP_APT:-0}" = 1 ] && exit 0
packages=(
  build-essential cmake pkg-config git python3
  libpoppler-private-dev libpoppler-dev poppler-utils poppler-data
  libtesseract-dev tesseract-ocr tesseract-ocr-jpn tesseract-ocr-eng tesseract-ocr-osd libleptonica-dev
  libicu-dev libspdlog-dev libfmt-dev libgtest-dev libgmock-dev
  nlohmann-json3-dev libtomlplusplus-dev libcli11-dev libsqlite3-dev sqlite3 libssl-dev
  libseccomp-dev
  libcurl4-openssl-dev  # fetching the URLs of an ingest manifest (core/src/fetch)
  libcairo2-dev libpango1.0-dev fonts-noto-cjk fonts-ipafont-mincho fonts-ipafont-gothic
  clang libclang-rt-14-dev  # tools/run-fuzz.sh: libFuzzer, ASan, UBSan
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
