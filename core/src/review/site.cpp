#include "review/site.hpp"

#include <stdlib.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>

#include "kansa/store.hpp"
#include "review/assets.hpp"
#include "review/escape.hpp"
#include "review/render_process.hpp"
#include "review/review_data.hpp"
#include "review/sources.hpp"

namespace kansa::review {

namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// Width and height of a PNG from its header; false when it is no PNG.
bool png_size(const fs::path& path, int& width, int& height) {
  std::ifstream in(path, std::ios::binary);
  unsigned char h[24];
  if (!in.read(reinterpret_cast<char*>(h), sizeof h)) return false;
  static const unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (!std::equal(h, h + 8, kSignature) || std::string(h + 12, h + 16) != "IHDR") return false;
  auto be32 = [&](int at) {
    return (uint32_t(h[at]) << 24) | (uint32_t(h[at + 1]) << 16) | (uint32_t(h[at + 2]) << 8) |
           uint32_t(h[at + 3]);
  };
  width = int(be32(16));
  height = int(be32(20));
  return width > 0 && height > 0;
}

// "pages/<first 16 hex of the SHA-256>-p<N>-<dpi>dpi.png": one file per page and resolution,
// so a second review of the same database reuses what is drawn.
std::string image_name(const std::string& sha256, int page, double dpi) {
  return "pages/" + sha256.substr(0, 16) + "-p" + std::to_string(page) + "-" +
         std::to_string(static_cast<int>(std::lround(dpi))) + "dpi.png";
}

// A private folder for one child's images, removed with the object.
class ScratchFolder {
 public:
  explicit ScratchFolder(const fs::path& parent) {
    std::string pattern = (parent / ".render-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("cannot create a folder in " + parent.string());
    path_ = pattern;
  }
  ~ScratchFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

}  // namespace

std::string index_html(const std::string& database, std::size_t findings,
                       const std::string& version) {
  std::string html = assets::kIndexHtml;
  replace_all(html, "@DATABASE@", html_escape(database));
  replace_all(html, "@FINDINGS@", std::to_string(findings));
  replace_all(html, "@VERSION@", html_escape(version));
  return html;
}

SiteReport write_review_site(const SiteOptions& options,
                             const std::function<void(const std::string&)>& warn) {
  std::unique_ptr<store::Store> db = store::open_sqlite(options.database);
  const std::vector<Extraction> extractions = db->load_all();
  std::map<std::string, std::string> recorded_path;  // by SHA-256
  for (const store::StoredPageRoutes& d : db->page_routes()) recorded_path[d.sha256] = d.path;
  db.reset();

  std::vector<std::pair<size_t, size_t>> order = review_order(extractions);
  if (options.limit > 0 && order.size() > options.limit) order.resize(options.limit);

  // The pages to draw, by document, in ingestion order.
  std::map<size_t, std::set<int>> wanted;
  for (const auto& [d, i] : order)
    for (int page : pages_shown(extractions[d].findings[i])) wanted[d].insert(page);

  const fs::path out(options.out_dir);
  std::error_code ec;
  fs::create_directories(out / "pages", ec);
  if (ec)
    throw std::runtime_error("cannot create " + (out / "pages").string() + ": " + ec.message());

  SiteReport report;
  report.findings = order.size();
  report.documents = wanted.size();
  PageImages images;
  for (const auto& [d, pages] : wanted) {
    const DocumentInfo& doc = extractions[d].document;
    auto missing = [&](int page, const std::string& why) {
      images[{doc.sha256, page}] = {"", 0, 0, options.dpi, why};
      ++report.pages_missing;
    };
    // The SHA-256 names the image files: anything but hex (a database edited by hand) is no
    // file name.
    if (doc.sha256.size() != 64 ||
        doc.sha256.find_first_not_of("0123456789abcdef") != std::string::npos) {
      warn("document " + doc.file + " has no valid SHA-256 in the database: no page images");
      for (int page : pages) missing(page, "no valid SHA-256 stored");
      continue;
    }
    std::vector<int> to_draw;
    for (int page : pages) {
      const std::string name = image_name(doc.sha256, page, options.dpi);
      int w = 0, h = 0;
      if (png_size(out / name, w, h)) {
        images[{doc.sha256, page}] = {name, w, h, options.dpi, ""};
        ++report.pages_reused;
      } else {
        to_draw.push_back(page);
      }
    }
    if (to_draw.empty()) continue;
    const std::string path = recorded_path.count(doc.sha256) ? recorded_path[doc.sha256] : "";
    const SourceFile source = locate_source(path, doc.sha256, options.database);
    if (!source.available) {
      warn("source of " + doc.file + " not available (" + source.reason + "): its " +
           std::to_string(pages.size()) + " page(s) are shown without images");
      for (int page : to_draw) missing(page, source.reason);
      continue;
    }
    ScratchFolder scratch(out / "pages");
    RenderJob job;
    job.executable = options.executable;
    job.pdf = source.path;
    job.pages = to_draw;
    job.dpi = options.dpi;
    job.folder = scratch.path().string();
    job.timeout_s = options.timeout_base_s + options.timeout_per_page_s * double(to_draw.size());
    for (const PageImage& image : render_in_child(job)) {
      if (!image.ok) {
        warn("page " + std::to_string(image.page) + " of " + source.path +
             " not drawn: " + image.error);
        missing(image.page, "page image not drawn: " + image.error);
        continue;
      }
      const std::string name = image_name(doc.sha256, image.page, options.dpi);
      fs::rename(image.png, out / name, ec);
      if (ec)
        throw std::runtime_error("cannot write " + (out / name).string() + ": " + ec.message());
      images[{doc.sha256, image.page}] = {name, image.width_px, image.height_px, options.dpi, ""};
      ++report.pages_rendered;
    }
  }

  nlohmann::json entries = nlohmann::json::array();
  for (const auto& [d, i] : order)
    entries.push_back(finding_entry(extractions[d], extractions[d].findings[i], images));
  write_file(out / "data.js", data_script(entries));
  write_file(out / "review.js", assets::kReviewJs);
  write_file(out / "review.css", assets::kReviewCss);
  write_file(out / "index.html", index_html(fs::path(options.database).filename().string(),
                                            order.size(), KANSA_VERSION));
  return report;
}

}  // namespace kansa::review
