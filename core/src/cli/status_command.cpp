// `kansa status`: the per-document status table of the database (every ingest attempt), and
// with --pages how each page of the stored documents was read.
#include <cstdio>
#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "cli/db_option.hpp"
#include "cli/page_routes_view.hpp"
#include "cli/setup.hpp"
#include "kansa/db_address.hpp"
#include "kansa/store.hpp"

namespace kansa::cli {

namespace {

struct StatusOptions {
  std::string db = "kansa.db";
  bool failed = false, all = false, pages = false;
  std::vector<std::string> documents;  // with --pages: path, file name or SHA-256 prefix
};

bool is_hex(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
}

// A document named on the command line: the path it was ingested from, its file name, or
// its SHA-256 (a prefix of 6 or more hex digits will do).
bool names(const std::string& given, const store::StoredPageRoutes& d) {
  if (given == d.path || given == d.file) return true;
  return given.size() >= 6 && is_hex(given) && d.sha256.rfind(given, 0) == 0;
}

int list_pages(const StatusOptions& o, const std::vector<store::StoredPageRoutes>& documents) {
  std::vector<const store::StoredPageRoutes*> shown;
  bool missing = false;
  if (o.documents.empty()) {
    for (const auto& d : documents) shown.push_back(&d);
  } else {
    for (const std::string& given : o.documents) {
      bool found = false;
      for (const auto& d : documents) {
        if (!names(given, d)) continue;
        found = true;
        shown.push_back(&d);
      }
      if (!found) {
        std::fprintf(stderr, "kansa: no stored document is %s\n", given.c_str());
        missing = true;
      }
    }
  }
  std::vector<PageRoute> all;
  for (const auto* d : shown) {
    print_page_routes(*d, stdout);
    all.insert(all.end(), d->routes.begin(), d->routes.end());
  }
  std::fprintf(stderr, "kansa: %zu document%s, %s\n", shown.size(), shown.size() == 1 ? "" : "s",
               route_counts(all).c_str());
  return missing ? int(kExitSomeFailed) : int(kExitOk);
}

}  // namespace

Run add_status(CLI::App& app) {
  auto o = std::make_shared<StatusOptions>();
  app.add_option("--db", o->db, "SQLite database file, or a PostgreSQL address (postgresql://...)")
      ->capture_default_str()
      ->envname("KANSA_DB")
      ->check(existing_database());
  app.add_flag("--failed", o->failed, "Only files whose last attempt failed");
  app.add_flag("--all", o->all, "Every attempt, not only the last one of each file");
  auto* pages = app.add_flag("--pages", o->pages,
                             "How each page of the stored documents was read (text, ocr, none) "
                             "and why, instead of the attempts");
  app.add_option("documents", o->documents,
                 "With --pages: only these documents (path as ingested, file name, or SHA-256 "
                 "prefix of 6+ hex digits)")
      ->needs(pages);
  pages->excludes("--failed")->excludes("--all");
  app.footer(
      "One line per file (its last attempt): status, attempt number within its run, duration,\n"
      "when it finished, path, reason (for a stored file: its pages that nothing read).\n"
      "Statuses: stored, unchanged, failed_permanent, failed_transient.\n"
      "--pages: per stored document a line (path, SHA-256, pages by route), then per page its\n"
      "route (text: text layer; ocr: read by the OCR stage; none: not read) and the reason.\n"
      "Exit status: 0 done, 1 a document given to --pages is not stored, 2 usage, 3 database.");
  return [o] {
    std::vector<store::IngestAttempt> rows;
    std::vector<store::StoredPageRoutes> documents;
    try {
      auto db = store::open_store(o->db);
      if (!o->pages) rows = db->attempts();
      documents = db->page_routes();
    } catch (const std::exception& e) {
      std::cerr << "kansa: " << store::scrub_secrets(e.what(), o->db) << "\n";
      return int(kExitSetup);
    }
    if (o->pages) return list_pages(*o, documents);
    std::map<std::string, std::string> unread;  // sha256 -> note, stored documents only
    for (const auto& d : documents)
      if (std::string note = unread_pages_note(d.routes); !note.empty()) unread[d.sha256] = note;
    std::vector<const store::IngestAttempt*> shown;
    if (o->all) {
      for (const auto& r : rows) shown.push_back(&r);
    } else {
      // The last attempt of each path, in the order the paths were first seen.
      std::map<std::string, size_t> slot;
      for (const auto& r : rows) {
        auto [it, fresh] = slot.emplace(r.path, shown.size());
        if (fresh)
          shown.push_back(&r);
        else
          shown[it->second] = &r;
      }
    }
    std::map<std::string, int> counts;
    for (const auto* r : shown) {
      ++counts[r->status];
      if (o->failed && r->status.rfind("failed", 0) != 0) continue;
      std::printf("%-16s %2d %8.2fs  %s  %s", r->status.c_str(), r->attempt, r->duration_s,
                  r->finished_at.c_str(), r->path.c_str());
      std::string reason = r->reason;
      if (auto it = unread.find(r->sha256); reason.empty() && it != unread.end())
        reason = it->second;
      if (!reason.empty()) std::printf("  %s", reason.c_str());
      std::printf("\n");
    }
    std::string summary;
    for (const auto& [status, n] : counts)
      summary += (summary.empty() ? "" : ", ") + std::to_string(n) + " " + status;
    std::fprintf(stderr, "kansa: %zu %s: %s\n", shown.size(), o->all ? "attempts" : "files",
                 summary.empty() ? "none" : summary.c_str());
    return int(kExitOk);
  };
}

}  // namespace kansa::cli
