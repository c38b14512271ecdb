// `kansa status`: the per-document status table of the database (every ingest attempt).
#include <cstdio>
#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "cli/setup.hpp"
#include "kansa/store.hpp"

namespace kansa::cli {

Run add_status(CLI::App& app) {
  struct Opts {
    std::string db = "kansa.db";
    bool failed = false, all = false;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("--db", o->db, "SQLite database file")
      ->capture_default_str()
      ->check(CLI::ExistingFile);
  app.add_flag("--failed", o->failed, "Only files whose last attempt failed");
  app.add_flag("--all", o->all, "Every attempt, not only the last one of each file");
  app.footer(
      "One line per file (its last attempt): status, attempt number within its run, duration,\n"
      "when it finished, path, reason. Statuses: stored, unchanged, failed_permanent,\n"
      "failed_transient.");
  return [o] {
    std::vector<store::IngestAttempt> rows;
    try {
      rows = store::open_sqlite(o->db)->attempts();
    } catch (const std::exception& e) {
      std::cerr << "kansa: " << e.what() << "\n";
      return int(kExitSetup);
    }
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
      if (!r->reason.empty()) std::printf("  %s", r->reason.c_str());
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
