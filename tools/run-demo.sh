#!/usr/bin/env bash
# Installs what is needed, builds, ingests the bundled fixture reports into kansa.db
# (SQLite), exports them as JSONL and prints a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
status=0
build/kansa ingest --db kansa.db --manifest fixtures/demo-manifest.csv || status=$?
build/kansa export --db kansa.db --format jsonl --out kansa-findings.jsonl
echo "findings per document (kansa.db):"
sqlite3 -header -column kansa.db \
  "SELECT d.file, d.municipality, d.audit_fiscal_year AS fy, COUNT(f.id) AS findings
     FROM documents d LEFT JOIN findings f ON f.document_id = d.id GROUP BY d.id ORDER BY d.id;"
echo "JSONL export: kansa-findings.jsonl ($(wc -l < kansa-findings.jsonl) findings)"
exit $status
