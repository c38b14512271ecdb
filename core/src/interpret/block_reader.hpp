// The recognizer for reports without a findings table: items printed as blocks of labelled
// values (指摘事項  … / 報告年月日  … / 措置の内容  … / 措置状況  …), each item under a
// heading with its ref and title ((1) …について), items grouped under department headings
// (【土木部】). The labels come from the vocabulary's [blocks] table.
#pragma once

#include <vector>

#include "interpret/page_text.hpp"
#include "interpret/status_reading.hpp"
#include "interpret/vocabulary.hpp"
#include "kansa/interpret_explain.hpp"
#include "kansa/model.hpp"

namespace kansa::interpret {

// The least fit for which interpretation takes a document as a block layout.
constexpr double kMinBlockFit = 0.5;

struct BlockReading {
  std::vector<Finding> findings;  // ordinals not set
  // How well the document fits the layout, in [0, 1]: the share of items that have both the
  // auditors' text (or a heading) and a measure, lowered when few labels were seen.
  double fit = 0;
  // Index into the input lines of the first line that belongs to an item: the lines before
  // it are the document's preamble (title, addressee, legend).
  size_t first_item_line = 0;

  // What the reader saw, for explain(); no part of the reading.
  int items = 0;                       // items kept (with a text or a measure block)
  int complete_items = 0;              // of which with both (see `fit`)
  int heading_items = 0;               // of which opened by a numbered heading
  int parent_headings = 0;             // headings found to head other headings
  std::vector<BlockLabelSeen> labels;  // every label line, by label, in order of first sight
  std::vector<std::string> groups;     // department group headings, distinct, in order
};

// Whether `t` is a label-value layout cut into a table (a borderless two-column block: 指摘事項 |
// …, 措置の内容 | …): at least three rows, and three in ten, open with a block label, of at least
// two kinds. Such a table is not a findings table even when a row looks like a header.
bool is_label_column_table(const Table& t, const Vocabulary& vocab);

// Reads `lines` (all text lines of the document in reading order, tables included as
// lines). Never throws; a document that is not in this layout gives no findings and fit 0.
BlockReading read_label_blocks(const std::vector<PageLine>& lines, const Vocabulary& vocab,
                               const Legend& legend);

}  // namespace kansa::interpret
