// `kansa review`'s output: a static page that opens from disk (no server), in one folder:
// index.html, review.js, review.css, data.js (the findings, a JSON assignment: a file: page
// cannot fetch JSON) and pages/*.png (the page images, drawn by a plugin in a child process).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace kansa::review {

struct SiteOptions {
  std::string database;    // the SQLite file
  std::string out_dir;     // created if missing
  double dpi = 100;        // of the page images
  std::size_t limit = 0;   // the lowest-confidence findings only; 0: all
  std::string executable;  // the kansa binary, run as `kansa render-pages`
  double timeout_base_s = 30, timeout_per_page_s = 10;  // per document's pages
};

struct SiteReport {
  std::size_t findings = 0, documents = 0;
  std::size_t pages_rendered = 0, pages_reused = 0, pages_missing = 0;
};

// Writes the page. `warn` gets one sentence per document whose source is not available and
// per page that could not be drawn (naming the file); the page then says so in place of the
// image. Throws std::runtime_error when the database cannot be read or the folder written.
SiteReport write_review_site(const SiteOptions& options,
                             const std::function<void(const std::string&)>& warn);

// The index.html of the page, with the database name, the number of findings and the
// version filled in (escaped).
std::string index_html(const std::string& database, std::size_t findings,
                       const std::string& version);

}  // namespace kansa::review
