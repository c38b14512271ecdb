#include <algorithm>
#include <array>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/setup.hpp"

namespace kansa::cli {

namespace {

// The table as a dense grid, merged text in the top-left slot of its span. Also its box on
// its first page and each row's [page, y0, y1] (from single-row cells), so that a checker
// can pick a table by area and keep the rows of one page.
nlohmann::ordered_json table_json(const Table& t) {
  nlohmann::ordered_json j;
  j["pages"] = t.pages;
  j["confidence"] = t.confidence;
  std::vector<std::vector<std::string>> grid(t.rows, std::vector<std::string>(t.cols));
  std::vector<std::array<double, 3>> rows(t.rows, {0, 1e300, -1e300});
  Box box{1e300, 1e300, -1e300, -1e300};
  nlohmann::ordered_json spans = nlohmann::ordered_json::array();
  for (const Cell& c : t.cells) {
    grid[c.row][c.col] = c.text;
    if (c.rowspan > 1 || c.colspan > 1)
      spans.push_back(
          {{"row", c.row}, {"col", c.col}, {"rowspan", c.rowspan}, {"colspan", c.colspan}});
    if (c.rowspan == 1) {
      auto& r = rows[c.row];
      r = {double(c.page), std::min(r[1], c.box.y0), std::max(r[2], c.box.y1)};
    }
    if (!t.pages.empty() && c.page == t.pages.front()) {
      box = {std::min(box.x0, c.box.x0), std::min(box.y0, c.box.y0), std::max(box.x1, c.box.x1),
             std::max(box.y1, c.box.y1)};
    }
  }
  j["box"] = {box.x0, box.y0, box.x1, box.y1};
  j["cells"] = grid;
  j["spans"] = spans;
  j["row_boxes"] = rows;
  return j;
}

}  // namespace

Run add_tables(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  auto pipeline = std::make_shared<std::string>("default");
  app.add_option("file", *file, "PDF file")->required()->check(CLI::ExistingFile);
  app.add_option("--pipeline", *pipeline, "Pipeline name or definition file")
      ->capture_default_str();
  return [=] {
    Session s;
    if (!open_session(*pipeline, s, 0, {available_cores(), ""})) return int(kExitSetup);
    Document doc;
    if (Status st = s.runner->extract(*file, doc); !st.is_ok()) {
      std::cerr << "kansa: " << st.message() << "\n";
      return int(kExitSomeFailed);
    }
    nlohmann::ordered_json out;
    out["page_heights"] = nlohmann::ordered_json::array();
    for (const Page& p : doc.pages) out["page_heights"].push_back(p.height);
    out["tables"] = nlohmann::ordered_json::array();
    for (const Table& t : doc.tables) out["tables"].push_back(table_json(t));
    std::cout << out.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return int(kExitOk);
  };
}

}  // namespace kansa::cli
