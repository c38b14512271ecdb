// One data row of a recognized findings table -> one finding with its measures.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "interpret/column_roles.hpp"
#include "interpret/group_heading.hpp"
#include "interpret/status_reading.hpp"
#include "interpret/vocabulary.hpp"
#include "kansa/model.hpp"

namespace kansa::interpret {

struct RowContext {
  const Document* doc = nullptr;
  const Table* table = nullptr;
  const TableLayout* layout = nullptr;
  const Vocabulary* vocab = nullptr;
  const Legend* legend = nullptr;
  std::optional<std::string> document_department;  // 所管所属, for measures without their own
  const GroupHeadings* group_headings = nullptr;   // 【土木部】 over the rows, likewise
};

// True when every cell of row r is empty.
bool row_is_empty(const Table& table, int r);

// True when the row has no identifying cell (ref, pages, item, summary, title all empty)
// but the layout has such columns: a piece of the previous row (a stitching leftover).
bool row_is_continuation(const RowContext& ctx, int r);

// The boxes of row r's cells in the columns read (each cell once, on its first page), named
// by the roles read from them, joined with '/' when several ("status/date" for 措置分類・措置日;
// a status_flag column: "status"). Cells of unnamed columns (備考) are not read, so not given.
std::vector<SourceBox> row_boxes(const RowContext& ctx, int r);

// Reads row r. Ordinal is left 0; confidences are filled; source.boxes are row_boxes(ctx, r).
Finding read_row(const RowContext& ctx, int r);

// True when row r is the rest of row `prev` cut by a page break that table stitching left
// as two rows: r starts on a later page, has no ref of its own while `prev` has one, and
// `prev` is visibly incomplete (no title, no measure text, or no pages where r has them).
bool row_completes(const RowContext& ctx, int prev, int r);

// One row made of rows `a` and `b` (texts joined per column), for read_row(ctx', 0).
Table merge_rows(const Table& table, int a, int b);

// Appends the measure text of continuation row r to `f`'s last measure, lowering its
// confidence.
void append_continuation(const RowContext& ctx, int r, Finding& f);

}  // namespace kansa::interpret
