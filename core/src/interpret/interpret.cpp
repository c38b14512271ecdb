// The driver: vocabulary, text outside tables, legend, document fields, then every findings
// table row by row.
#include "kansa/interpret.hpp"

#include "interpret/block_reader.hpp"
#include "interpret/column_roles.hpp"
#include "interpret/document_fields.hpp"
#include "interpret/group_heading.hpp"
#include "interpret/page_text.hpp"
#include "interpret/ref_mending.hpp"
#include "interpret/row_reader.hpp"
#include "interpret/status_inference.hpp"
#include "interpret/status_reading.hpp"
#include "interpret/u32.hpp"
#include "interpret/vocabulary.hpp"
#include "kansa/interpret_explain.hpp"
#include "kansa/text.hpp"

#include <algorithm>
#include <optional>

namespace kansa::interpret {

namespace {

// A status column whose values are kind words (区分: 指摘 / 意見) is a kind column.
void fix_roles_by_content(const Table& t, TableLayout& layout, const Vocabulary& vocab) {
  for (ColumnInfo& col : layout.columns) {
    for (RoleMatch& m : col.roles) {
      if (m.role != "status") continue;
      int kinds = 0, statuses = 0;
      for (int r = layout.first_data_row; r < t.rows; ++r) {
        const Cell* c = t.covering(r, col.col);
        if (c == nullptr || c->row != r) continue;
        std::u32string key = to_u32(text::normalize_compact(c->text));
        if (key.empty()) continue;
        if (exact_term(vocab.kind_words, key))
          ++kinds;
        else
          ++statuses;
      }
      if (kinds > statuses) m.role = "kind";
    }
  }
}

int named_columns(const TableLayout& layout) {
  int n = 0;
  for (const ColumnInfo& c : layout.columns) n += c.roles.empty() ? 0 : 1;
  return n;
}

bool ends_with_label(const std::string& text, const Vocabulary& vocab) {
  std::u32string key = to_u32(text::normalize_compact(text));
  for (const Term& t : vocab.document_labels)
    if (!t.word.empty() && ends_with(key, t.word)) return true;
  return false;
}

// Rows of tables that are not findings tables, as lines: a header block drawn as a table
// (報告番号 | 報告監6の第7号) still gives its labels and values.
void add_table_rows_as_lines(const Table& t, const Vocabulary& vocab,
                             std::vector<PageLine>& lines) {
  for (int r = 0; r < t.rows; ++r) {
    std::string row;
    Box box;
    int page = 0;
    for (int c = 0; c < t.cols; ++c) {
      const Cell* cell = t.covering(r, c);
      if (cell == nullptr || cell->col != c || cell->row != r) continue;
      if (page == 0) {
        page = cell->page;
        box = cell->box;
      }
      std::string text = text::normalize(cell->text);
      if (text.empty()) continue;
      // A label cell and its value become "label：value"; other cells are pieces of one
      // line that a borderless layout was cut into (…執行に | ついて).
      if (!row.empty()) row += ends_with_label(row, vocab) ? "：" : " ";
      row += text;
    }
    if (row.empty()) continue;
    PageLine pl;
    pl.page = page;
    pl.line.box = box;
    pl.line.text = row;
    lines.push_back(std::move(pl));
  }
}

BlockExplanation explain_blocks(const BlockReading& br, bool chosen) {
  BlockExplanation b;
  b.tried = true;
  b.chosen = chosen;
  b.fit = br.fit;
  b.min_fit = kMinBlockFit;
  b.items = br.items;
  b.complete_items = br.complete_items;
  b.heading_items = br.heading_items;
  b.parent_headings = br.parent_headings;
  b.labels = br.labels;
  b.groups = br.groups;
  // Named by where the values of the text labels are: the block reader takes both kinds in
  // one pass, so this only describes what it saw.
  int text_labels = 0, inline_values = 0;
  for (const BlockLabelSeen& l : br.labels)
    if (l.role == "finding" || l.role == "opinion" || l.role == "measure") {
      text_labels += l.count;
      inline_values += l.inline_values;
    }
  if (br.items > 0)
    b.kind = inline_values * 2 > text_labels ? "label-value blocks" : "heading blocks";
  return b;
}

// How sure the choice of layout is, from the evidence that made it:
// - table reading: for each table recognized by its own header, the mean over its matched
//   columns of the best role score (1 = a primary header word exactly, 0.93 another exact
//   vocabulary entry, less for a partial or OCR-mended match), times 0.9 when only two
//   columns matched (the least that recognizes a table, so the weakest header evidence);
//   tables are weighed by the findings read from them and their continuations, at least 1
//   each. Capped at 0.99.
// - block reading: the reader's fit (the share of items that have both the auditors' text or
//   a heading and a measure; the choice needs kMinBlockFit), capped at 0.99.
// - nothing recognized: no confidence.
std::optional<double> layout_confidence(const Explanation& e) {
  if (e.layout == "blocks") return std::min(0.99, e.blocks.fit);
  if (e.layout != "table") return std::nullopt;
  double sum = 0, weight = 0;
  for (size_t i = 0; i < e.tables.size(); ++i) {
    const TableExplanation& t = e.tables[i];
    if (!t.recognized || t.inherited) continue;
    double best_sum = 0;
    int matched = 0;
    for (const ColumnExplanation& c : t.columns) {
      if (c.roles.empty()) continue;
      double best = 0;
      for (const auto& [role, score] : c.roles) best = std::max(best, score);
      best_sum += best;
      ++matched;
    }
    if (matched == 0) continue;
    const double evidence = best_sum / matched * (matched >= 3 ? 1.0 : 0.9);
    int findings = t.findings;
    for (size_t k = i + 1; k < e.tables.size() && e.tables[k].inherited; ++k)
      findings += e.tables[k].findings;
    const double w = std::max(1, findings);
    sum += evidence * w;
    weight += w;
  }
  if (weight == 0) return std::nullopt;
  return std::min(0.99, sum / weight);
}

struct Reading {
  Extraction extraction;
  Explanation explanation;
};

Reading read(const Document& doc, const Options& options) {
  const Vocabulary& vocab = Vocabulary::cached(options.vocabulary_path);
  Reading out;
  std::vector<PageLine> lines = lines_outside_tables(doc);

  // Recognize the tables first: tables that are not findings tables feed the document
  // fields; header cells may carry a legend.
  std::vector<TableLayout> layouts;
  layouts.reserve(doc.tables.size());  // `previous` points into it
  std::string legend_text;
  for (const PageLine& l : lines) legend_text += l.line.text + "\n";
  const TableLayout* previous = nullptr;
  std::vector<bool> inherited(doc.tables.size(), false);
  std::vector<bool> label_column(doc.tables.size(), false);
  for (size_t i = 0; i < doc.tables.size(); ++i) {
    const Table& t = doc.tables[i];
    TableLayout layout = recognize_columns(t, vocab);
    // Label-value blocks cut into a table have a label column and one of values; a header row
    // naming three columns or more is a findings table's, whatever its first column holds
    // (1 【指摘】… opening every row).
    if (layout.recognized && named_columns(layout) < 3 && is_label_column_table(t, vocab)) {
      layout = TableLayout{};
      label_column[i] = true;
    }
    if (!layout.recognized && previous && previous->columns.size() == static_cast<size_t>(t.cols)) {
      // A table without a header, as wide as the previous findings table: its continuation.
      layout = *previous;
      layout.header_row = -1;
      layout.first_data_row = 0;
      inherited[i] = true;
    }
    if (layout.recognized) {
      fix_roles_by_content(t, layout, vocab);
      for (const ColumnInfo& c : layout.columns) legend_text += c.header + "\n";
    }
    layouts.push_back(std::move(layout));
    if (layouts.back().recognized) previous = &layouts.back();
  }
  std::vector<PageLine> field_lines = lines;
  for (size_t i = 0; i < doc.tables.size(); ++i)
    if (!layouts[i].recognized) add_table_rows_as_lines(doc.tables[i], vocab, field_lines);
  std::vector<bool> findings_tables;
  for (const TableLayout& l : layouts) findings_tables.push_back(l.recognized);
  std::vector<PageLine> title_lines = lines_outside_tables(doc, findings_tables);

  Legend legend = read_legend(legend_text, vocab);
  for (const auto& [sym, st] : legend.entries)
    out.explanation.legend.emplace_back(to_utf8(sym), st);

  // No findings table: the items may be printed as labelled blocks. The layout is chosen when
  // most of its items have both the auditors' text and a measure; the document fields are
  // then read from the text before the first item only (所管課 lines inside the items are
  // not the document's department).
  Extraction& ex = out.extraction;
  const bool any_findings_table =
      std::find(findings_tables.begin(), findings_tables.end(), true) != findings_tables.end();
  std::optional<BlockReading> blocks;
  if (!any_findings_table) {
    BlockReading br = read_label_blocks(title_lines, vocab, legend);
    const bool chosen = !br.findings.empty() && br.fit >= kMinBlockFit;
    out.explanation.blocks = explain_blocks(br, chosen);
    if (chosen) {
      title_lines.resize(br.first_item_line);
      field_lines = title_lines;
      blocks = std::move(br);
    }
  }
  ex.document = read_document_fields(doc, field_lines, title_lines, vocab, options);
  if (blocks) ex.findings = std::move(blocks->findings);

  const GroupHeadings groups(title_lines, vocab);
  for (size_t i = 0; i < doc.tables.size(); ++i) {
    const Table& t = doc.tables[i];
    const TableLayout& layout = layouts[i];
    TableExplanation te;
    te.index = static_cast<int>(i);
    te.pages = t.pages;
    te.rows = t.rows;
    te.cols = t.cols;
    te.recognized = layout.recognized;
    te.inherited = inherited[i];
    te.label_column = label_column[i];
    te.header_row = layout.header_row;
    te.first_data_row = layout.first_data_row;
    for (const ColumnInfo& c : layout.columns) {
      ColumnExplanation ce;
      ce.col = c.col;
      ce.header = c.header;
      for (const RoleMatch& m : c.roles)
        ce.roles.emplace_back(m.role == "status_flag" ? m.role + ":" + m.value : m.role, m.score);
      te.columns.push_back(std::move(ce));
    }
    if (layout.recognized) {
      RowContext ctx{&doc, &t, &layout, &vocab, &legend, ex.document.department, &groups};
      int previous_row = -1;  // the data row the last finding was read from
      for (int r = layout.first_data_row; r < t.rows; ++r) {
        if (row_is_empty(t, r)) continue;
        if (is_repeated_header(t, r, layout, vocab)) {
          ++te.repeated_headers;
          continue;
        }
        if (previous_row >= 0 && row_completes(ctx, previous_row, r)) {
          // A row cut by a page break: read both halves as one row.
          Table merged = merge_rows(t, previous_row, r);
          RowContext mctx = ctx;
          mctx.table = &merged;
          Finding f = read_row(mctx, 0);
          // The merged cells carry the first half's boxes only: both rows' cells, on their pages.
          f.source.boxes = row_boxes(ctx, previous_row);
          for (SourceBox& b : row_boxes(ctx, r)) f.source.boxes.push_back(std::move(b));
          for (auto& [k, v] : f.field_confidence) v *= 0.9;
          f.confidence *= 0.9;
          ex.findings.back() = std::move(f);
          previous_row = -1;
          ++te.merged_rows;
          continue;
        }
        if (row_is_continuation(ctx, r) && !ex.findings.empty()) {
          append_continuation(ctx, r, ex.findings.back());
          ++te.continuation_rows;
          continue;
        }
        ex.findings.push_back(read_row(ctx, r));
        previous_row = r;
        ++te.findings;
      }
    }
    out.explanation.tables.push_back(std::move(te));
  }
  // Every reader leaves a status the report does not print unknown; where the document prints
  // none at all, the measure texts say what was done.
  infer_unprinted_statuses(ex.findings, vocab);
  mend_bracketed_refs(ex.findings);
  for (size_t k = 0; k < ex.findings.size(); ++k) ex.findings[k].ordinal = static_cast<int>(k + 1);
  Explanation& e = out.explanation;
  e.layout = any_findings_table ? "table" : blocks ? "blocks" : "none";
  e.layout_confidence = layout_confidence(e);
  return out;
}

}  // namespace

Extraction interpret(const Document& doc, const Options& options) {
  return read(doc, options).extraction;
}

Explanation explain(const Document& doc, const Options& options) {
  return read(doc, options).explanation;
}

}  // namespace kansa::interpret
