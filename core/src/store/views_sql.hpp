// The research views: named queries over documents, findings and measures for the questions
// researchers ask first (README, "Research views"). Kept here, in SQL that SQLite and
// PostgreSQL both run unchanged, so that every store creates the same views with the same
// columns and rows:
//   - no dialect functions: CASE, COUNT, SUM, NULLIF, CAST only;
//   - shares are CAST(... AS DOUBLE PRECISION) / count (SQLite reads that type name as REAL;
//     PostgreSQL would otherwise divide integers);
//   - no boolean arithmetic (PostgreSQL does not SUM booleans), no CREATE VIEW IF NOT EXISTS
//     or CREATE OR REPLACE VIEW (each exists in one dialect only): DROP VIEW IF EXISTS, then
//     CREATE VIEW;
//   - no ORDER BY: a view's order is not kept by every engine; queries order their rows.
// They read the tables of schema 1 (documents, findings, measures) with its column names.
//
// Changing a view: edit it here and add a schema migration that runs kResearchViewsSql again
// (it drops and recreates every view), so that existing databases get the new definition.
#pragma once

#include <array>
#include <string_view>

namespace kansa::store {

inline constexpr std::array<std::string_view, 3> kResearchViewNames = {
    "findings_by_municipality_year",
    "measure_status_by_audit_type",
    "outstanding_measures",
};

// Drops (if present) and creates every research view. Several statements separated by
// semicolons: run it with sqlite3_exec, or PostgreSQL's simple query protocol.
inline constexpr const char* kResearchViewsSql = R"sql(
DROP VIEW IF EXISTS findings_by_municipality_year;
DROP VIEW IF EXISTS measure_status_by_audit_type;
DROP VIEW IF EXISTS outstanding_measures;

-- One row per municipality and fiscal year of audit: documents stored, findings (every
-- record, whatever its kind) split by kind, and their measures. A document with no findings
-- still counts as a document.
CREATE VIEW findings_by_municipality_year AS
SELECT d.municipality_code,
       d.municipality,
       d.prefecture,
       d.audit_fiscal_year,
       COUNT(DISTINCT d.id) AS documents,
       COUNT(DISTINCT f.id) AS findings,
       COUNT(DISTINCT CASE WHEN f.kind = 'finding' THEN f.id END) AS kind_finding,
       COUNT(DISTINCT CASE WHEN f.kind = 'opinion' THEN f.id END) AS kind_opinion,
       COUNT(DISTINCT CASE WHEN f.kind = 'unknown' THEN f.id END) AS kind_unknown,
       COUNT(m.id) AS measures
FROM documents d
LEFT JOIN findings f ON f.document_id = d.id
LEFT JOIN measures m ON m.finding_id = f.id
GROUP BY d.municipality_code, d.municipality, d.prefecture, d.audit_fiscal_year;

-- One row per audit type: measures by status, and the share taken, of all measures and of
-- those whose status is known.
CREATE VIEW measure_status_by_audit_type AS
SELECT d.audit_type,
       COUNT(*) AS measures,
       SUM(CASE WHEN m.status = 'taken' THEN 1 ELSE 0 END) AS taken,
       SUM(CASE WHEN m.status = 'partially_taken' THEN 1 ELSE 0 END) AS partially_taken,
       SUM(CASE WHEN m.status = 'in_progress' THEN 1 ELSE 0 END) AS in_progress,
       SUM(CASE WHEN m.status = 'not_taken' THEN 1 ELSE 0 END) AS not_taken,
       SUM(CASE WHEN m.status = 'unknown' THEN 1 ELSE 0 END) AS unknown,
       CAST(SUM(CASE WHEN m.status = 'taken' THEN 1 ELSE 0 END) AS DOUBLE PRECISION)
         / COUNT(*) AS share_taken,
       CAST(SUM(CASE WHEN m.status = 'taken' THEN 1 ELSE 0 END) AS DOUBLE PRECISION)
         / NULLIF(SUM(CASE WHEN m.status <> 'unknown' THEN 1 ELSE 0 END), 0)
         AS share_taken_of_known
FROM measures m
JOIN findings f ON f.id = m.finding_id
JOIN documents d ON d.id = f.document_id
GROUP BY d.audit_type;

-- One row per measure reported as not (fully) taken: status not_taken, partially_taken or
-- in_progress. Columns are named as in the CSV export.
CREATE VIEW outstanding_measures AS
SELECT d.sha256 AS document_sha256,
       d.file AS document_file,
       d.municipality_code,
       d.municipality,
       d.prefecture,
       d.audit_type,
       d.audit_fiscal_year,
       f.ordinal,
       f.ref,
       f.kind,
       f.title AS finding_title,
       m.position + 1 AS measure_index,
       m.department,
       m.status,
       m.status_raw,
       m.text AS measure_text,
       m.date,
       m.date_raw,
       m.confidence AS measure_confidence
FROM measures m
JOIN findings f ON f.id = m.finding_id
JOIN documents d ON d.id = f.document_id
WHERE m.status IN ('not_taken', 'partially_taken', 'in_progress');
)sql";

}  // namespace kansa::store
