// kansa::interpret::interpret on a document built from the input: the bytes are a table in
// TSV (rows split on '\n', cells on '\t', '\r' a line break inside a cell; at most
// 40 x 12 cells), drawn as a ruled grid on
// one A4 page whose spans are the cells' lines, so both the table reader and the
// document-field reader (titles, dates, page references) see the text. Interpretation never
// throws for odd input and only names pages that exist.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "kansa/interpret.hpp"

namespace {

std::vector<std::string_view> split(std::string_view s, char sep, size_t limit) {
  std::vector<std::string_view> out;
  while (out.size() < limit) {
    const size_t at = s.find(sep);
    out.push_back(s.substr(0, at));
    if (at == std::string_view::npos) break;
    s.remove_prefix(at + 1);
  }
  return out;
}

kansa::Document document_of(std::string_view tsv) {
  kansa::Document doc;
  doc.path = "/fuzz/input.pdf";
  doc.file = "input.pdf";
  doc.sha256 = std::string(64, '0');
  kansa::Page page;
  page.number = 1;
  page.width = 595;
  page.height = 842;
  kansa::Table table;
  table.pages = {1};
  const auto rows = split(tsv, '\n', 40);
  const double row_h = 800.0 / double(rows.size()), top = 20;
  for (size_t r = 0; r < rows.size(); ++r) {
    const auto cells = split(rows[r], '\t', 12);
    table.cols = std::max(table.cols, int(cells.size()));
    for (size_t c = 0; c < cells.size(); ++c) {
      kansa::Cell cell;
      cell.row = int(r);
      cell.col = int(c);
      cell.page = cell.last_page = 1;
      const double col_w = 555.0 / double(cells.size());
      cell.box = {20 + col_w * double(c), top + row_h * double(r), 20 + col_w * double(c + 1),
                  top + row_h * double(r + 1)};
      cell.text = std::string(cells[c]);
      std::replace(cell.text.begin(), cell.text.end(), '\r', '\n');
      page.spans.push_back({cell.text, cell.box, 10.5, 1.0});
      table.cells.push_back(std::move(cell));
    }
  }
  table.rows = int(rows.size());
  for (int r = 0; r <= table.rows; ++r)
    page.rules.push_back({{20, top + row_h * r, 575, top + row_h * r + 0.5}});
  doc.pages.push_back(std::move(page));
  doc.tables.push_back(std::move(table));
  return doc;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 16384) return 0;  // a big table only repeats what a small one explores
  kansa::interpret::Options options;
  options.vocabulary_path = KANSA_PIPELINES_DIR "/vocabulary.toml";
  const kansa::Document doc = document_of({reinterpret_cast<const char*>(data), size});
  const kansa::Extraction ex = kansa::interpret::interpret(doc, options);
  FUZZ_CHECK(ex.document.pages == 1);
  for (const kansa::Finding& f : ex.findings) {
    for (int p : f.source.pages) FUZZ_CHECK(p == 1);
    FUZZ_CHECK(f.confidence >= 0 && f.confidence <= 1);
  }
  return 0;
}
