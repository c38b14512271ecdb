// kansa-fixturegen: writes synthetic audit-measure report PDFs with their truth.
//
//   kansa-fixturegen --out DIR --count N --seed S [--layout NAME]
//                    [--scan MODE [--scan-pages LIST]]
//
// For document i: DIR/<name>/<name>.pdf, expected.jsonl, meta.json; plus DIR/index.json listing
// the layouts and the documents. The same arguments give byte-identical output. With --scan,
// the same documents are drawn, and their pages (or the pages of LIST) written as scanned
// images; the truth is the same.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>

#include "layout.hpp"
#include "municipalities.hpp"
#include "random.hpp"
#include "scan.hpp"
#include "truth.hpp"

namespace fs = std::filesystem;
using fixturegen::Layout;

namespace {

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  if (!f) throw std::runtime_error("cannot write " + path.string());
}

// Each document gets its own generator, so that document i does not depend on --count. The
// scanner has another one, so that scanning does not change what is drawn.
uint32_t document_seed(uint32_t seed, int index, uint32_t purpose = 0x6b616e73u) {
  std::seed_seq seq{seed, static_cast<uint32_t>(index), purpose};
  uint32_t out = 0;
  seq.generate(&out, &out + 1);
  return out;
}

// meta.json's record of a scan: mode, resolution, depth and encoding, pages scanned with their
// angles, pages that kept their text layer.
nlohmann::ordered_json scan_json(const fixturegen::PageScanner& scanner, int pages) {
  const fixturegen::ScanMode& mode = scanner.mode();
  nlohmann::ordered_json j;
  j["mode"] = mode.name;
  j["dpi"] = mode.dpi;
  j["bits_per_pixel"] = mode.bilevel ? 1 : 8;
  j["encoding"] = fixturegen::scan_encoding(mode);
  nlohmann::ordered_json scanned = nlohmann::ordered_json::array();
  std::vector<int> text_pages;
  for (int p = 1; p <= pages; ++p) {
    bool found = false;
    for (const auto& s : scanner.scanned())
      if (s.page == p) {
        scanned.push_back({{"page", p}, {"angle_deg", s.angle_deg}});
        found = true;
      }
    if (!found) text_pages.push_back(p);
  }
  j["scanned_pages"] = scanned;
  j["text_pages"] = text_pages;
  return j;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Draws synthetic audit-measure report PDFs with their expected findings."};
  std::string out_dir, layout_name;
  int count = 1;
  uint32_t seed = 1;
  app.add_option("--out", out_dir, "output directory")->required();
  app.add_option("--count", count, "number of documents")->check(CLI::Range(1, 10000));
  app.add_option("--seed", seed, "random seed");
  std::string names;
  for (const Layout& l : fixturegen::layouts()) names += (names.empty() ? "" : ", ") + l.name;
  app.add_option("--layout", layout_name,
                 "only this layout family (" + names + "), or all to cycle through every family");
  std::string scan_name, scan_pages_text;
  auto* scan_opt =
      app.add_option("--scan", scan_name,
                     "write the pages as scanned images (" + fixturegen::scan_mode_names() + ")");
  app.add_option("--scan-pages", scan_pages_text,
                 "scan only these pages (e.g. 2 or 1,3-4); the others keep their text layer")
      ->needs(scan_opt);
  CLI11_PARSE(app, argc, argv);
  std::optional<fixturegen::ScanMode> scan_mode;
  std::set<int> scan_pages;
  if (!scan_name.empty()) {
    scan_mode = fixturegen::scan_mode(scan_name);
    if (!scan_mode) {
      std::cerr << "unknown scan mode '" << scan_name
                << "' (known: " << fixturegen::scan_mode_names() << ")\n";
      return 2;
    }
    try {
      if (!scan_pages_text.empty()) scan_pages = fixturegen::parse_page_list(scan_pages_text);
    } catch (const std::exception& e) {
      std::cerr << e.what() << "\n";
      return 2;
    }
  }

  // No --layout: the default cycle (what the committed fixtures were drawn with); "all": every
  // family, opt-in ones included; a name: that family alone.
  const auto wanted = [&](const Layout& l) {
    if (layout_name.empty()) return l.in_default_cycle;
    return layout_name == "all" || l.name == layout_name;
  };
  std::vector<const Layout*> chosen;
  for (const Layout& l : fixturegen::layouts())
    if (wanted(l)) chosen.push_back(&l);
  if (chosen.empty()) {
    std::cerr << "unknown layout '" << layout_name << "' (known: " << names << ")\n";
    return 2;
  }

  try {
    fs::create_directories(out_dir);
    nlohmann::ordered_json index;
    index["generator"] = "kansa-fixturegen";
    index["seed"] = seed;
    index["count"] = count;
    index["layout"] =
        layout_name.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(layout_name);
    nlohmann::ordered_json layouts = nlohmann::ordered_json::array();
    // The default cycle's families (the committed indexes list them for a named family too),
    // the family asked for, or all.
    for (const Layout& l : fixturegen::layouts())
      if (l.in_default_cycle || wanted(l))
        layouts.push_back({{"name", l.name}, {"description", l.description}});
    index["layouts"] = layouts;
    if (scan_mode)
      index["scan"] = {
          {"mode", scan_mode->name},
          {"pages", scan_pages_text.empty() ? nlohmann::ordered_json("all")
                                            : nlohmann::ordered_json(scan_pages_text)}};
    nlohmann::ordered_json documents = nlohmann::ordered_json::array();
    for (int i = 0; i < count; ++i) {
      const Layout& layout = *chosen[static_cast<size_t>(i) % chosen.size()];
      fixturegen::Random rng(document_seed(seed, i));
      const auto& muni = rng.pick(fixturegen::municipalities());
      char num[16];
      std::snprintf(num, sizeof num, "%02d", i + 1);
      const std::string name = layout.name + "-s" + std::to_string(seed) + "-" + num +
                               (scan_mode ? "-" + scan_mode->name : "");
      const fs::path dir = fs::path(out_dir) / name;
      fs::create_directories(dir);
      std::optional<fixturegen::PageScanner> scanner;
      if (scan_mode) scanner.emplace(*scan_mode, scan_pages, document_seed(seed, i, 0x7363616eu));
      fixturegen::LayoutOutput res = layout.generate(
          rng, muni, {(dir / (name + ".pdf")).string(), scanner ? &*scanner : nullptr});
      write_file(dir / "expected.jsonl", fixturegen::findings_jsonl(res.doc));
      std::string note = "Synthetic report drawn by kansa-fixturegen (layout " + layout.name +
                         ", seed " + std::to_string(seed) + ", document " + std::to_string(i + 1) +
                         (scanner ? ", scanned " + scan_mode->name : "") +
                         "); the text is composed, the municipality is real.";
      std::string meta = fixturegen::meta_json(res.doc, note);
      if (scanner) {
        auto m = nlohmann::ordered_json::parse(meta);
        m["scan"] = scan_json(*scanner, res.pages);
        meta = m.dump(2) + "\n";
      }
      write_file(dir / "meta.json", meta);
      // Features in first-seen order, each once.
      std::vector<std::string> features;
      for (const std::string& f : res.features)
        if (std::find(features.begin(), features.end(), f) == features.end()) features.push_back(f);
      size_t measures = 0;
      for (const auto& f : res.doc.findings) measures += f.measures.size();
      documents.push_back({{"name", name},
                           {"layout", layout.name},
                           {"pdf", name + "/" + name + ".pdf"},
                           {"pages", res.pages},
                           {"findings", res.doc.findings.size()},
                           {"measures", measures},
                           {"split_rows", res.split_rows},
                           {"municipality", res.doc.municipality.name},
                           {"features", features}});
      if (scanner) {
        std::vector<int> pages;
        for (const auto& sp : scanner->scanned()) pages.push_back(sp.page);
        documents.back()["scanned_pages"] = pages;
      }
    }
    index["documents"] = documents;
    write_file(fs::path(out_dir) / "index.json", index.dump(2) + "\n");
  } catch (const std::exception& e) {
    std::cerr << "kansa-fixturegen: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
