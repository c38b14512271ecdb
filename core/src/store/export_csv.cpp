// The CSV export: one row per measure, document and finding columns repeated. Columns are
// documented in the README ("Research exports"); tests/export_formats_test.cpp checks that
// its table lists exactly kHeader, in order.
#include <string>
#include <vector>

#include "kansa/store.hpp"
#include "store/csv_format.hpp"

namespace kansa::store {

namespace {

const std::vector<std::string> kHeader = {"document_sha256",
                                          "document_file",
                                          "municipality_code",
                                          "municipality",
                                          "prefecture",
                                          "audit_type",
                                          "audit_fiscal_year",
                                          "document_title",
                                          "theme",
                                          "report_number",
                                          "notice_date",
                                          "document_department",
                                          "ordinal",
                                          "ref",
                                          "kind",
                                          "finding_title",
                                          "summary",
                                          "report_pages",
                                          "measure_index",
                                          "department",
                                          "status",
                                          "status_raw",
                                          "measure_text",
                                          "date",
                                          "date_raw",
                                          "measure_confidence",
                                          "finding_confidence",
                                          "source_pages",
                                          "method"};

std::vector<std::string> document_columns(const DocumentInfo& d) {
  return {d.sha256,
          d.file,
          csv::text(d.municipality_code),
          csv::text(d.municipality),
          csv::text(d.prefecture),
          csv::text(d.audit_type),
          csv::number(d.audit_fiscal_year),
          csv::text(d.title),
          csv::text(d.theme),
          csv::text(d.report_number),
          csv::text(d.notice_date),
          csv::text(d.department)};
}

std::vector<std::string> finding_columns(const Finding& f) {
  return {std::to_string(f.ordinal), csv::text(f.ref),     f.kind,
          csv::text(f.title),        csv::text(f.summary), csv::pages(f.report_pages)};
}

// measure_index is 1-based; a finding without measures gets empty measure columns.
std::vector<std::string> measure_columns(const Measure* m, std::size_t index) {
  if (m == nullptr) return std::vector<std::string>(8);
  return {std::to_string(index + 1),
          csv::text(m->department),
          m->status,
          csv::text(m->status_raw),
          m->text,
          csv::text(m->date),
          csv::text(m->date_raw),
          csv::confidence(m->confidence)};
}

std::vector<std::string> trailing_columns(const Finding& f) {
  return {csv::confidence(f.confidence), csv::pages(f.source.pages), f.source.method};
}

void write_row(std::ostream& out, const std::vector<std::string>& document,
               const std::vector<std::string>& finding, const std::vector<std::string>& measure,
               const std::vector<std::string>& trailing) {
  std::vector<std::string> row;
  row.reserve(kHeader.size());
  for (const auto* part : {&document, &finding, &measure, &trailing})
    row.insert(row.end(), part->begin(), part->end());
  csv::write_row(out, row);
}

}  // namespace

void export_csv(const std::vector<Extraction>& extractions, std::ostream& out) {
  csv::write_row(out, kHeader);
  for (const Extraction& extraction : extractions) {
    const auto document = document_columns(extraction.document);
    for (const Finding& finding : extraction.findings) {
      const auto finding_part = finding_columns(finding);
      const auto trailing = trailing_columns(finding);
      if (finding.measures.empty())
        write_row(out, document, finding_part, measure_columns(nullptr, 0), trailing);
      for (std::size_t i = 0; i < finding.measures.size(); ++i)
        write_row(out, document, finding_part, measure_columns(&finding.measures[i], i), trailing);
    }
  }
}

}  // namespace kansa::store
