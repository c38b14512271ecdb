#include <filesystem>
#include <spdlog/spdlog.h>

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
      return Status::error(KANSA_ERR_INVALID_ARGUMENT,
                           "pipeline " + definition.path + ": plugin '" + stage.plugin +
                               "' is not loaded (see `kansa plugins`)");
    std::unique_ptr<plugin::Instance> inst;
    if (Status st = plugin::Instance::create(*p, stage.options, inst); !st.is_ok()) return st;
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

// Text the extractor judged untrustworthy is not interpreted: its spans are dropped and the
// verdict stays on the page for routing and review. A document left without any usable
// page cannot be read by this pipeline (it needs an OCR stage).
Status drop_untrusted_text(Document& doc) {
  std::string reasons;
  bool any_usable = false;
  for (Page& p : doc.pages) {
    if (p.text_layer == TextLayer::Usable) {
      any_usable = true;
      continue;
    }
    p.spans.clear();
    if (reasons.size() < 300)
      reasons += (reasons.empty() ? "" : "; ") + std::string("page ") +
                 std::to_string(p.number) + ": " +
                 (p.text_layer == TextLayer::Absent ? "no text layer" : p.text_layer_reason);
  }
  if (!any_usable && !doc.pages.empty())
    return Status::error(KANSA_ERR_UNSUPPORTED,
                         doc.file + ": no usable text layer (" + reasons +
                             "); this pipeline has no OCR stage");
  return Status::ok();
}

}  // namespace

Status Runner::extract(const std::string& path, Document& doc) const {
  doc = Document();
  doc.path = path;
  doc.file = std::filesystem::path(path).filename().string();
  if (Status st = sha256_file(path, doc.sha256); !st.is_ok()) return st;
  for (const auto& stage : stages_) {
    const kansa_plugin_descriptor& d = stage->descriptor();
    kansa_error err{};
    kansa_status st = KANSA_OK;
    if (d.kind == KANSA_KIND_EXTRACTOR) {
      std::vector<Page> pages;
      kansa_page_sink sink = make_page_sink(pages);
      st = d.extract(stage->handle(), path.c_str(), &sink, &err);
      if (st == KANSA_OK) doc.pages = std::move(pages);
    } else if (d.kind == KANSA_KIND_TABLES) {
      PageViews views(doc.pages);
      std::vector<Table> tables;
      kansa_table_sink sink = make_table_sink(tables);
      st = d.build_tables(stage->handle(), views.data(), views.size(), &sink, &err);
      if (st == KANSA_OK) doc.tables = std::move(tables);
    }
    if (st == KANSA_OK && d.kind == KANSA_KIND_EXTRACTOR) {
      if (Status routed = drop_untrusted_text(doc); !routed.is_ok()) return routed;
    }
    if (st != KANSA_OK) {
      std::string msg = err.message[0] ? err.message : status_name(st);
      return Status::error(st, doc.file + ": " + d.name + ": " + msg);
    }
  }
  return Status::ok();
}

Extraction Runner::interpret(const Document& doc,
                             const std::optional<std::string>& municipality_code) const {
  interpret::Options opts;
  opts.vocabulary_path = definition_.vocabulary_path;
  opts.municipalities = municipalities_.get();
  opts.municipality_code = municipality_code;
  return interpret::interpret(doc, opts);
}

}  // namespace kansa::pipeline
