#include <spdlog/spdlog.h>
#include <filesystem>

#include "kansa/pipeline.hpp"
#include "pipeline/sinks.hpp"

namespace kansa::pipeline {

Status Runner::create(const plugin::Host& host, const Definition& definition,
                      std::unique_ptr<Runner>& out) {
  std::unique_ptr<Runner> r(new Runner());
  r->definition_ = definition;
  for (const Stage& stage : definition.stages) {
    const plugin::Loaded* p = host.find(stage.plugin);
    if (p == nullptr)
      return Status::error(KANSA_ERR_INVALID_ARGUMENT, "pipeline " + definition.path +
                                                           ": plugin '" + stage.plugin +
                                                           "' is not loaded (see `kansa plugins`)");
    std::unique_ptr<plugin::Instance> inst;
    if (Status st = plugin::Instance::create(*p, stage.options, inst); !st.is_ok()) return st;
    if (inst->descriptor().kind == KANSA_KIND_OCR) r->has_ocr_stage_ = true;
    r->stages_.push_back(std::move(inst));
  }
  try {
    r->municipalities_ = std::make_unique<municipality::Registry>(
        municipality::Registry::load(definition.municipalities_path));
  } catch (const std::exception& e) {
    return Status::error(KANSA_ERR_IO, e.what());
  }
  out = std::move(r);
  return Status::ok();
}

namespace {

// Pages an OCR stage should read: no text layer, or one the extractor judged unusable.
std::vector<int32_t> pages_needing_ocr(const Document& doc) {
  std::vector<int32_t> out;
  for (const Page& p : doc.pages)
    if (p.text_layer != TextLayer::Usable && p.method != "ocr") out.push_back(p.number);
  return out;
}

// Puts OCR'd pages in place of their text-layer versions. Both accounts are kept for review:
// the extractor's verdict (why the page went to OCR) and the OCR stage's own reason.
void merge_ocr_pages(Document& doc, std::vector<Page>& recognized) {
  for (Page& r : recognized) {
    for (Page& p : doc.pages) {
      if (p.number != r.number) continue;
      r.ocr_reason = std::move(r.text_layer_reason);
      r.text_layer_reason = p.text_layer_reason;
      r.text_layer = p.text_layer;
      r.method = "ocr";
      p = std::move(r);
      break;
    }
  }
}

// Text the extractor judged untrustworthy and no OCR stage replaced is not interpreted: its
// spans are dropped and the verdict stays on the page for review. A document left without
// any readable page is refused with the reasons.
Status drop_untrusted_text(Document& doc) {
  std::string reasons;
  bool any_readable = false;
  for (Page& p : doc.pages) {
    if (p.text_layer == TextLayer::Usable || p.method == "ocr") {
      any_readable = true;
      continue;
    }
    p.spans.clear();
    if (reasons.size() < 300)
      reasons += (reasons.empty() ? "" : "; ") + std::string("page ") + std::to_string(p.number) +
                 ": " + (p.text_layer == TextLayer::Absent ? "no text layer" : p.text_layer_reason);
  }
  if (!any_readable && !doc.pages.empty())
    return Status::error(KANSA_ERR_UNSUPPORTED,
                         doc.file + ": no usable text layer (" + reasons +
                             ") and no OCR stage read those pages (the default pipeline has one)");
  return Status::ok();
}

// A page sink that reports each page to the progress callback before handing it on. Every
// callback of kansa_page_sink is forwarded; begin_page fails when the callback says stop.
struct ProgressSink {
  kansa_page_sink inner;
  const ProgressCallback* progress;
  const char* stage;
};

kansa_page_sink with_progress(ProgressSink& ps) {
  kansa_page_sink s = ps.inner;
  s.host_ctx = &ps;
  s.begin_page = [](void* ctx, int32_t number, double w, double h, int32_t rot) {
    auto& p = *static_cast<ProgressSink*>(ctx);
    bool go = false;
    try {
      go = (*p.progress)(p.stage, number);
    } catch (...) {
    }
    if (!go) return KANSA_ERR_RESOURCE;
    return p.inner.begin_page(p.inner.host_ctx, number, w, h, rot);
  };
  s.add_span = [](void* ctx, const kansa_span* span) {
    auto& p = *static_cast<ProgressSink*>(ctx);
    return p.inner.add_span(p.inner.host_ctx, span);
  };
  s.add_rule = [](void* ctx, const kansa_rule* rule) {
    auto& p = *static_cast<ProgressSink*>(ctx);
    return p.inner.add_rule(p.inner.host_ctx, rule);
  };
  s.set_text_layer = [](void* ctx, int32_t verdict, const char* reason) {
    auto& p = *static_cast<ProgressSink*>(ctx);
    return p.inner.set_text_layer(p.inner.host_ctx, verdict, reason);
  };
  return s;
}

}  // namespace

// Stages run in definition order: extractors fill the pages, an OCR stage re-reads the
// pages whose text layer is missing or unusable, then the text is vetted once before the
// first tables stage (or at the end).
Status Runner::extract(const std::string& path, Document& doc, const std::string& name,
                       const std::string& sha256) const {
  doc = Document();
  doc.path = name.empty() ? path : name;
  doc.file = std::filesystem::path(doc.path).filename().string();
  if (!sha256.empty()) {
    doc.sha256 = sha256;
  } else if (Status st = sha256_file(path, doc.sha256); !st.is_ok()) {
    return st;
  }
  bool vetted = false;
  for (const auto& stage : stages_) {
    const kansa_plugin_descriptor& d = stage->descriptor();
    kansa_error err{};
    kansa_status st = KANSA_OK;
    if (progress_ && !progress_(d.name, 0))
      return Status::error(KANSA_ERR_RESOURCE, doc.file + ": stopped before " + d.name);
    if (d.kind == KANSA_KIND_TABLES && !vetted) {
      if (Status v = drop_untrusted_text(doc); !v.is_ok()) return v;
      vetted = true;
    }
    if (d.kind == KANSA_KIND_EXTRACTOR) {
      std::vector<Page> pages;
      kansa_page_sink sink = make_page_sink(pages);
      ProgressSink reporting{sink, &progress_, d.name};
      if (progress_) sink = with_progress(reporting);
      st = d.extract(stage->handle(), path.c_str(), &sink, &err);
      if (st == KANSA_OK) doc.pages = std::move(pages);
    } else if (d.kind == KANSA_KIND_OCR) {
      const std::vector<int32_t> wanted = pages_needing_ocr(doc);
      if (wanted.empty()) continue;  // every page has a usable text layer
      std::vector<Page> pages;
      kansa_page_sink sink = make_page_sink(pages);
      ProgressSink reporting{sink, &progress_, d.name};
      if (progress_) sink = with_progress(reporting);
      st = d.recognize(stage->handle(), path.c_str(), wanted.data(), wanted.size(), &sink, &err);
      if (st == KANSA_OK) merge_ocr_pages(doc, pages);
    } else if (d.kind == KANSA_KIND_TABLES) {
      PageViews views(doc.pages);
      std::vector<Table> tables;
      kansa_table_sink sink = make_table_sink(tables);
      st = d.build_tables(stage->handle(), views.data(), views.size(), &sink, &err);
      if (st == KANSA_OK) doc.tables = std::move(tables);
    }
    if (st != KANSA_OK) {
      std::string msg = err.message[0] ? err.message : status_name(st);
      return Status::error(st, doc.file + ": " + d.name + ": " + msg);
    }
  }
  if (!vetted) return drop_untrusted_text(doc);
  return Status::ok();
}

Extraction Runner::interpret(const Document& doc,
                             const std::optional<std::string>& municipality_code) const {
  interpret::Options opts;
  opts.vocabulary_path = definition_.vocabulary_path;
  opts.municipalities = municipalities_.get();
  opts.municipality_code = municipality_code;
  Extraction extraction = interpret::interpret(doc, opts);
  extraction.page_routes = route_pages(doc, has_ocr_stage_);
  return extraction;
}

}  // namespace kansa::pipeline
