// `kansa review`: a static HTML page for checking findings by eye, lowest confidence first,
// each beside the page image it was read from with its cells outlined (review/site.hpp).
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/setup.hpp"
#include "kansa/plugin_host.hpp"
#include "review/site.hpp"

namespace kansa::cli {

namespace {

std::string self_binary() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? plugin::executable_dir() + "/kansa" : p.string();
}

}  // namespace

Run add_review(CLI::App& app) {
  auto o = std::make_shared<review::SiteOptions>();
  app.add_option("--db", o->database, "SQLite database file")->required()->check(CLI::ExistingFile);
  app.add_option("--out", o->out_dir, "Folder to write the page into (created if missing)")
      ->required();
  app.add_option("--dpi", o->dpi, "Resolution of the page images")
      ->capture_default_str()
      ->check(CLI::Range(30.0, 300.0));
  app.add_option("--limit", o->limit, "Only the N findings of lowest confidence (0: all)")
      ->capture_default_str();
  app.footer(
      "Writes OUT/index.html (open it from disk), review.js, review.css, data.js and\n"
      "pages/*.png. Page images are drawn by the plugin that offers render_page (pdftext),\n"
      "from the file each document was ingested from, checked against its SHA-256; a file\n"
      "that is gone or changed is named in a warning and its findings are listed without\n"
      "images.");
  return [o] {
    o->executable = self_binary();
    std::size_t warnings = 0;
    review::SiteReport report;
    try {
      report = review::write_review_site(*o, [&](const std::string& w) {
        ++warnings;
        std::fprintf(stderr, "kansa review: warning: %s\n", w.c_str());
      });
    } catch (const std::exception& e) {
      std::fprintf(stderr, "kansa review: %s\n", e.what());
      return int(kExitSetup);
    }
    std::fprintf(stderr,
                 "kansa review: %zu findings of %zu documents, %zu page images drawn, %zu reused, "
                 "%zu missing, %zu warnings: %s\n",
                 report.findings, report.documents, report.pages_rendered, report.pages_reused,
                 report.pages_missing, warnings,
                 (std::filesystem::path(o->out_dir) / "index.html").string().c_str());
    return int(kExitOk);
  };
}

}  // namespace kansa::cli
