// kansa-peer-tables: a development driver for the tables plugin, independent of the kansa CLI.
// Loads PLUGIN_DIR/kansa_pdftext.so and PLUGIN_DIR/kansa_tables.so, runs them on one PDF and
// prints {"tables":[{"pages":[..],"box":[x0,y0,x1,y1],"cells":[[..]],"spans":[..]}]} — the
// shape of `kansa tables`, plus the box of each table's first page part and the page and
// vertical extent of each row (so that an evaluation can honour area hints), and page heights.
//
// usage: kansa-peer-tables PLUGIN_DIR FILE.pdf [key=value ...]   (options of the tables plugin)
#include <dlfcn.h>

#include <algorithm>
#include <array>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kansa/plugin_abi.h"

namespace {

struct DlCloser {
  void operator()(void* h) const {
    if (h != nullptr) dlclose(h);
  }
};
using Library = std::unique_ptr<void, DlCloser>;

const kansa_plugin_descriptor* load(const std::string& path, Library& lib) {
  lib.reset(dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL));
  if (!lib) {
    std::cerr << dlerror() << "\n";
    return nullptr;
  }
  auto entry = reinterpret_cast<kansa_plugin_entry_fn>(dlsym(lib.get(), KANSA_PLUGIN_ENTRY_SYMBOL));
  return entry != nullptr ? entry() : nullptr;
}

struct Page {
  int number = 0;
  double width = 0, height = 0;
  int rotation = 0;
  std::vector<std::unique_ptr<std::string>> texts;
  std::vector<kansa_span> spans;
  std::vector<kansa_rule> rules;
};
using Pages = std::vector<std::unique_ptr<Page>>;

kansa_status on_page(void* ctx, int32_t number, double w, double h, int32_t rot) {
  auto page = std::make_unique<Page>();
  page->number = number, page->width = w, page->height = h, page->rotation = rot;
  static_cast<Pages*>(ctx)->push_back(std::move(page));
  return KANSA_OK;
}
kansa_status on_span(void* ctx, const kansa_span* s) {
  Page& p = *static_cast<Pages*>(ctx)->back();
  p.texts.push_back(std::make_unique<std::string>(s->text ? s->text : ""));
  kansa_span copy = *s;
  copy.text = p.texts.back()->c_str();
  p.spans.push_back(copy);
  return KANSA_OK;
}
kansa_status on_rule(void* ctx, const kansa_rule* r) {
  static_cast<Pages*>(ctx)->back()->rules.push_back(*r);
  return KANSA_OK;
}
kansa_status on_layer(void*, int32_t, const char*) { return KANSA_OK; }

struct OutTable {
  nlohmann::ordered_json json;
  std::vector<std::vector<std::string>> grid;
  std::vector<std::array<double, 3>> row_boxes;  // page, y0, y1 of each row's first part
  double box[4] = {1e300, 1e300, -1e300, -1e300};
};
using OutTables = std::vector<OutTable>;

kansa_status on_table(void* ctx, const int32_t* pages, size_t n, int32_t rows, int32_t cols,
                      double confidence) {
  OutTable t;
  t.json["pages"] = std::vector<int>(pages, pages + n);
  t.json["confidence"] = confidence;
  t.json["spans"] = nlohmann::ordered_json::array();
  t.grid.assign(rows, std::vector<std::string>(cols));
  t.row_boxes.assign(rows, {0, 1e300, -1e300});
  static_cast<OutTables*>(ctx)->push_back(std::move(t));
  return KANSA_OK;
}
kansa_status on_cell(void* ctx, const kansa_cell* c) {
  OutTable& t = static_cast<OutTables*>(ctx)->back();
  t.grid.at(c->row).at(c->col) = c->text;
  if (c->rowspan > 1 || c->colspan > 1)
    t.json["spans"].push_back(
        {{"row", c->row}, {"col", c->col}, {"rowspan", c->rowspan}, {"colspan", c->colspan}});
  if (c->rowspan == 1) {
    auto& rb = t.row_boxes.at(c->row);
    rb = {double(c->page), std::min(rb[1], c->box.y0), std::max(rb[2], c->box.y1)};
  }
  if (c->page == t.json["pages"][0]) {
    t.box[0] = std::min(t.box[0], c->box.x0), t.box[1] = std::min(t.box[1], c->box.y0);
    t.box[2] = std::max(t.box[2], c->box.x1), t.box[3] = std::max(t.box[3], c->box.y1);
  }
  return KANSA_OK;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: kansa-peer-tables PLUGIN_DIR FILE.pdf [key=value ...]\n";
    return 2;
  }
  const std::string dir = argv[1];
  Library ex_lib, tb_lib;
  const kansa_plugin_descriptor* ex = load(dir + "/kansa_pdftext.so", ex_lib);
  const kansa_plugin_descriptor* tb = load(dir + "/kansa_tables.so", tb_lib);
  if (ex == nullptr || tb == nullptr) return 2;
  kansa_error err{};
  void* exi = nullptr;
  if (ex->create(nullptr, 0, &exi, &err) != KANSA_OK) {
    std::cerr << err.message << "\n";
    return 2;
  }
  Pages pages;
  const kansa_page_sink psink{&pages, on_page, on_span, on_rule, on_layer};
  const kansa_status st = ex->extract(exi, argv[2], &psink, &err);
  ex->destroy(exi);
  if (st != KANSA_OK) {
    std::cerr << err.message << "\n";
    return 1;
  }
  std::vector<std::string> kv(argv + 3, argv + argc);
  std::vector<kansa_option> options;
  for (std::string& s : kv) {
    const size_t eq = s.find('=');
    if (eq == std::string::npos) continue;
    s[eq] = '\0';
    options.push_back({s.c_str(), s.c_str() + eq + 1});
  }
  void* tbi = nullptr;
  if (tb->create(options.data(), options.size(), &tbi, &err) != KANSA_OK) {
    std::cerr << err.message << "\n";
    return 2;
  }
  std::vector<kansa_page_view> views;
  for (const auto& p : pages)
    views.push_back({p->number, p->width, p->height, p->rotation, p->spans.data(), p->spans.size(),
                     p->rules.data(), p->rules.size(), KANSA_TEXT_LAYER_USABLE});
  OutTables tables;
  const kansa_table_sink tsink{&tables, on_table, on_cell};
  const kansa_status tst = tb->build_tables(tbi, views.data(), views.size(), &tsink, &err);
  tb->destroy(tbi);
  if (tst != KANSA_OK) {
    std::cerr << err.message << "\n";
    return 1;
  }
  nlohmann::ordered_json out;
  out["page_heights"] = nlohmann::ordered_json::array();
  for (const auto& p : pages) out["page_heights"].push_back(p->height);
  out["tables"] = nlohmann::ordered_json::array();
  for (OutTable& t : tables) {
    t.json["box"] = {t.box[0], t.box[1], t.box[2], t.box[3]};
    t.json["cells"] = t.grid;
    t.json["row_boxes"] = t.row_boxes;
    out["tables"].push_back(t.json);
  }
  std::cout << out.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return 0;
}
