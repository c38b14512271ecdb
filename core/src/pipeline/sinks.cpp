#include "pipeline/sinks.hpp"

#include <new>

namespace kansa::pipeline {

namespace {

Box to_box(const kansa_box& b) { return {b.x0, b.y0, b.x1, b.y1}; }
kansa_box to_c(const Box& b) { return {b.x0, b.y0, b.x1, b.y1}; }

// Runs `f`, turning an allocation failure into a status (no exception crosses into C).
template <typename F>
kansa_status guarded(F&& f) {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return KANSA_ERR_RESOURCE;
  } catch (...) {
    return KANSA_ERR_INTERNAL;
  }
}

auto& pages_of(void* ctx) { return *static_cast<std::vector<Page>*>(ctx); }
auto& tables_of(void* ctx) { return *static_cast<std::vector<Table>*>(ctx); }

}  // namespace

kansa_page_sink make_page_sink(std::vector<Page>& pages) {
  kansa_page_sink s{};
  s.host_ctx = &pages;
  s.begin_page = [](void* ctx, int32_t number, double w, double h, int32_t rot) {
    return guarded([&] {
      Page p;
      p.number = number;
      p.width = w;
      p.height = h;
      p.rotation = rot;
      pages_of(ctx).push_back(std::move(p));
      return KANSA_OK;
    });
  };
  s.add_span = [](void* ctx, const kansa_span* span) {
    return guarded([&] {
      auto& pages = pages_of(ctx);
      if (pages.empty() || span == nullptr || span->text == nullptr)
        return KANSA_ERR_INVALID_ARGUMENT;
      pages.back().spans.push_back(
          {span->text, to_box(span->box), span->font_size, span->confidence});
      return KANSA_OK;
    });
  };
  s.add_rule = [](void* ctx, const kansa_rule* rule) {
    return guarded([&] {
      auto& pages = pages_of(ctx);
      if (pages.empty() || rule == nullptr) return KANSA_ERR_INVALID_ARGUMENT;
      pages.back().rules.push_back({to_box(rule->box)});
      return KANSA_OK;
    });
  };
  s.set_text_layer = [](void* ctx, int32_t verdict, const char* reason) {
    return guarded([&] {
      auto& pages = pages_of(ctx);
      if (pages.empty() || verdict < 0 || verdict > 2) return KANSA_ERR_INVALID_ARGUMENT;
      pages.back().text_layer = static_cast<TextLayer>(verdict);
      pages.back().text_layer_reason = reason ? reason : "";
      return KANSA_OK;
    });
  };
  return s;
}

kansa_table_sink make_table_sink(std::vector<Table>& tables) {
  kansa_table_sink s{};
  s.host_ctx = &tables;
  s.begin_table = [](void* ctx, const int32_t* pages, size_t n, int32_t rows, int32_t cols,
                     double confidence) {
    return guarded([&] {
      if (rows < 0 || cols < 0 || (n > 0 && pages == nullptr)) return KANSA_ERR_INVALID_ARGUMENT;
      Table t;
      t.pages.assign(pages, pages + n);
      t.rows = rows;
      t.cols = cols;
      t.confidence = confidence;
      tables_of(ctx).push_back(std::move(t));
      return KANSA_OK;
    });
  };
  s.add_cell = [](void* ctx, const kansa_cell* c) {
    return guarded([&] {
      auto& tables = tables_of(ctx);
      if (tables.empty() || c == nullptr) return KANSA_ERR_INVALID_ARGUMENT;
      Table& t = tables.back();
      if (c->row < 0 || c->col < 0 || c->rowspan < 1 || c->colspan < 1 ||
          c->row + c->rowspan > t.rows || c->col + c->colspan > t.cols)
        return KANSA_ERR_INVALID_ARGUMENT;
      t.cells.push_back({c->row, c->col, c->rowspan, c->colspan, c->page, c->last_page,
                         to_box(c->box), c->text ? c->text : "", c->confidence});
      return KANSA_OK;
    });
  };
  return s;
}

PageViews::PageViews(const std::vector<Page>& pages) {
  spans_.resize(pages.size());
  rules_.resize(pages.size());
  views_.resize(pages.size());
  for (size_t i = 0; i < pages.size(); ++i) {
    const Page& p = pages[i];
    for (const TextSpan& s : p.spans)
      spans_[i].push_back({s.text.c_str(), to_c(s.box), s.font_size, s.confidence});
    for (const RuleLine& r : p.rules) rules_[i].push_back({to_c(r.box)});
    views_[i] = {p.number,         p.width,          p.height,
                 p.rotation,       spans_[i].data(), spans_[i].size(),
                 rules_[i].data(), rules_[i].size(), static_cast<int32_t>(p.text_layer)};
  }
}

}  // namespace kansa::pipeline
