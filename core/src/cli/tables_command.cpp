#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/setup.hpp"

namespace kansa::cli {

namespace {

// The table as a dense grid, merged text in the top-left slot of its span.
nlohmann::ordered_json table_json(const Table& t) {
  nlohmann::ordered_json j;
  j["pages"] = t.pages;
  std::vector<std::vector<std::string>> grid(t.rows, std::vector<std::string>(t.cols));
  nlohmann::ordered_json spans = nlohmann::ordered_json::array();
  for (const Cell& c : t.cells) {
    grid[c.row][c.col] = c.text;
    if (c.rowspan > 1 || c.colspan > 1)
      spans.push_back(
          {{"row", c.row}, {"col", c.col}, {"rowspan", c.rowspan}, {"colspan", c.colspan}});
  }
  j["cells"] = grid;
  j["spans"] = spans;
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
    if (!open_session(*pipeline, s)) return int(kExitSetup);
    Document doc;
    if (Status st = s.runner->extract(*file, doc); !st.is_ok()) {
      std::cerr << "kansa: " << st.message() << "\n";
      return int(kExitSomeFailed);
    }
    nlohmann::ordered_json out;
    out["tables"] = nlohmann::ordered_json::array();
    for (const Table& t : doc.tables) out["tables"].push_back(table_json(t));
    std::cout << out.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return int(kExitOk);
  };
}

}  // namespace kansa::cli
