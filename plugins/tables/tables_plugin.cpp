// The tables plugin's ABI surface: descriptor, options, and build_tables, which runs lattice
// and stream detection page by page, stitches tables across pages and reports them.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "descriptor_base.hpp"
#include "found_table.hpp"
#include "kansa/plugin_abi.h"
#include "lattice.hpp"
#include "option_values.hpp"
#include "orientation.hpp"
#include "stitch.hpp"
#include "stream.hpp"

namespace kansa::tables {
namespace {

const kansa_option_spec kOptions[] = {
    {"snap_tolerance", KANSA_OPT_DOUBLE, "2.0",
     "points: parallel rules closer than this are one line; rule ends this close meet"},
    {"min_rows", KANSA_OPT_INT, "2", "tables with fewer rows (after stitching) are not reported"},
    {"stream", KANSA_OPT_BOOL, "true", "also find tables without ruling lines"},
    {"stitch_pages", KANSA_OPT_BOOL, "true", "join a table that continues on the next page"},
};

void set_error(kansa_error* error, const std::string& message) {
  if (error == nullptr) return;
  std::snprintf(error->message, sizeof error->message, "%s", message.c_str());
}

kansa_status parse_options(const kansa_option* options, size_t count, Options& out,
                           kansa_error* error) {
  const auto read = [&out](std::string_view key, std::string_view value,
                           std::string_view& expectation) -> std::optional<bool> {
    if (key == "snap_tolerance") {
      expectation = "a number of points in [0, 50]";
      return sdk::parse_number(value, out.snap_tolerance) && out.snap_tolerance >= 0 &&
             out.snap_tolerance <= 50;
    }
    if (key == "min_rows") {
      expectation = "an integer in [1, 1000]";
      return sdk::parse_number(value, out.min_rows) && out.min_rows >= 1 && out.min_rows <= 1000;
    }
    if (key == "stream" || key == "stitch_pages") {
      expectation = "true or false";
      return sdk::parse_flag(value, key == "stream" ? out.stream : out.stitch_pages);
    }
    return std::nullopt;
  };
  std::string problem;
  if (count > 0 && options == nullptr) {
    set_error(error, "tables: options missing");
    return KANSA_ERR_INVALID_ARGUMENT;
  }
  if (!sdk::read_options(std::span(options, count), "tables", problem, read)) {
    set_error(error, problem);
    return KANSA_ERR_INVALID_ARGUMENT;
  }
  return KANSA_OK;
}

kansa_status create(const kansa_option* options, size_t count, void** instance,
                    kansa_error* error) {
  if (instance == nullptr) return KANSA_ERR_INVALID_ARGUMENT;
  *instance = nullptr;
  try {
    Options parsed;
    const kansa_status st = parse_options(options, count, parsed, error);
    if (st != KANSA_OK) return st;
    *instance = new Options(parsed);
    return KANSA_OK;
  } catch (const std::exception& e) {
    set_error(error, std::string("tables: ") + e.what());
    return KANSA_ERR_INTERNAL;
  }
}

void destroy(void* instance) { delete static_cast<Options*>(instance); }

Page to_page(const kansa_page_view& view) {
  Page page;
  page.number = view.number;
  page.width = view.width;
  page.height = view.height;
  page.rotation = view.rotation;
  page.text_layer = static_cast<TextLayer>(view.text_layer);
  page.spans.reserve(view.span_count);
  for (size_t i = 0; i < view.span_count; ++i) {
    const kansa_span& s = view.spans[i];
    page.spans.push_back({s.text ? s.text : "",
                          {s.box.x0, s.box.y0, s.box.x1, s.box.y1},
                          s.font_size,
                          s.confidence});
  }
  page.rules.reserve(view.rule_count);
  for (size_t i = 0; i < view.rule_count; ++i) {
    const kansa_box& b = view.rules[i].box;
    page.rules.push_back({{b.x0, b.y0, b.x1, b.y1}});
  }
  return page;
}

std::vector<FoundTable> tables_of_upright_page(const Page& page, const Options& options) {
  std::vector<FoundTable> found = find_lattice_tables(page, options);
  if (options.stream) {
    std::vector<Box> taken;
    for (const FoundTable& t : found) taken.push_back(t.box);
    for (FoundTable& t : find_stream_tables(page, taken, options)) found.push_back(std::move(t));
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const FoundTable& a, const FoundTable& b) { return a.box.y0 < b.box.y0; });
  return found;
}

// Tables of a page whose text may run vertically: found on the turned page, boxes mapped back.
std::vector<FoundTable> tables_of_page(const Page& page, const Options& options) {
  const TextRun run = text_run(page);
  if (run == TextRun::Rightwards) return tables_of_upright_page(page, options);
  std::vector<FoundTable> found = tables_of_upright_page(upright(page, run), options);
  for (FoundTable& t : found) {
    for (Cell& c : t.table.cells) c.box = to_original(c.box, page, run);
    t.box = to_original(t.box, page, run);
  }
  return found;
}

kansa_status report(const FoundTable& found, const kansa_table_sink* sink) {
  const Table& t = found.table;
  kansa_status st = sink->begin_table(sink->host_ctx, t.pages.data(), t.pages.size(), t.rows,
                                      t.cols, t.confidence);
  if (st != KANSA_OK) return st;
  for (const Cell& c : t.cells) {
    const kansa_cell cell{c.row,
                          c.col,
                          c.rowspan,
                          c.colspan,
                          c.page,
                          c.last_page,
                          {c.box.x0, c.box.y0, c.box.x1, c.box.y1},
                          c.text.c_str(),
                          c.confidence};
    st = sink->add_cell(sink->host_ctx, &cell);
    if (st != KANSA_OK) return st;
  }
  return KANSA_OK;
}

kansa_status build_tables(void* instance, const kansa_page_view* pages, size_t page_count,
                          const kansa_table_sink* sink, kansa_error* error) {
  if (instance == nullptr || sink == nullptr || (pages == nullptr && page_count > 0)) {
    set_error(error, "tables: missing instance, pages or sink");
    return KANSA_ERR_INVALID_ARGUMENT;
  }
  try {
    const Options& options = *static_cast<const Options*>(instance);
    std::vector<FoundTable> all;
    for (size_t i = 0; i < page_count; ++i)
      for (FoundTable& t : tables_of_page(to_page(pages[i]), options)) all.push_back(std::move(t));
    if (options.stitch_pages) all = stitch_pages(std::move(all));
    for (const FoundTable& t : all) {
      if (t.table.rows < options.min_rows) continue;
      if (report(t, sink) != KANSA_OK) {
        set_error(error, "tables: the host asked to stop");
        return KANSA_ERR_ABORTED;
      }
    }
    return KANSA_OK;
  } catch (const std::exception& e) {
    set_error(error, std::string("tables: ") + e.what());
    return KANSA_ERR_INTERNAL;
  }
}

const kansa_plugin_descriptor& descriptor() {
  static const kansa_plugin_descriptor d = [] {
    kansa_plugin_descriptor made = sdk::descriptor_base(
        {KANSA_KIND_TABLES, "tables", "0.1.0",
         "Rebuilds tables from glyphs and ruling lines: ruled grids with merged cells, "
         "unruled column layouts, tables continued across pages",
         "none (own geometry)"},
        kOptions, &create, &destroy);
    made.build_tables = &build_tables;
    return made;
  }();
  return d;
}

}  // namespace
}  // namespace kansa::tables

extern "C" KANSA_PLUGIN_EXPORT const kansa_plugin_descriptor* kansa_plugin_entry(void) {
  return &kansa::tables::descriptor();
}
