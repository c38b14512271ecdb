// Host side of the plugin callbacks: C sinks that fill the core's data model, and C views
// of the model handed to plugins. Everything here is exception-free at the boundary.
#pragma once

#include <vector>

#include "kansa/model.hpp"
#include "kansa/plugin_abi.h"

namespace kansa::pipeline {

// Collects an extractor's pages into `pages`.
kansa_page_sink make_page_sink(std::vector<Page>& pages);

// Collects a tables plugin's tables into `tables`.
kansa_table_sink make_table_sink(std::vector<Table>& tables);

// Read-only C views of pages; valid while the pages and this object live unchanged.
class PageViews {
 public:
  explicit PageViews(const std::vector<Page>& pages);
  const kansa_page_view* data() const { return views_.data(); }
  size_t size() const { return views_.size(); }

 private:
  std::vector<std::vector<kansa_span>> spans_;
  std::vector<std::vector<kansa_rule>> rules_;
  std::vector<kansa_page_view> views_;
};

}  // namespace kansa::pipeline
