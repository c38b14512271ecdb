#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/input_snapshot.hpp"
#include "cli/inputs.hpp"
#include "cli/page_routes_view.hpp"
#include "cli/setup.hpp"
#include "kansa/pipeline.hpp"
#include "kansa/store.hpp"
#include "worker/supervisor.hpp"

namespace kansa::cli {

namespace {

struct IngestOptions {
  std::string db = "kansa.db";
  std::string pipeline = "default";
  std::string municipality_code;
  std::string manifest;
  std::vector<std::string> files;
  worker::SupervisorOptions workers;
  std::uint64_t max_file_mb = 200;
  int retries = 2;
  double retry_delay_s = 5;
};

enum class Outcome { Stored, Unchanged, Failed };

// ISO 8601 UTC with milliseconds, as the database's own timestamps.
std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, int(ms));
  return buf;
}

std::string self_executable() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? plugin::executable_dir() + "/kansa" : p.string();
}

void add_worker_options(CLI::App& app, IngestOptions& o) {
  auto& w = o.workers;
  auto* g = &app;
  g->add_option("--worker-memory-mb", w.limits.memory_mb,
                "Address-space limit of a worker process (RLIMIT_AS), MB")
      ->capture_default_str()
      ->check(CLI::Range(64, 1 << 20));
  g->add_option("--worker-file-size-mb", w.limits.file_size_mb,
                "Largest file a worker may write in its folder (RLIMIT_FSIZE), MB")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 20));
  g->add_option("--cpu-seconds", w.cpu_seconds, "CPU time budget per document (RLIMIT_CPU)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 24));
  g->add_option("--no-progress-timeout", w.no_progress_timeout_s,
                "Fail a document whose worker reports no progress for this long, s")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  g->add_option("--timeout-per-page", w.timeout_per_page_s,
                "Total time allowed per document: --timeout-base + this x its pages, s")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  g->add_option("--timeout-base", w.timeout_base_s, "See --timeout-per-page, s")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  g->add_option("--max-docs-per-worker", w.max_docs_per_worker,
                "Replace a worker process after this many documents")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 20));
  g->add_option("--max-pages", w.max_pages, "Refuse documents with more pages than this")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 24));
  g->add_option("--max-file-mb", o.max_file_mb, "Refuse files larger than this, MB")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 24));
  g->add_option("--retries", o.retries,
                "Retries of a document after a transient failure (worker killed from outside)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100));
  g->add_option("--retry-delay", o.retry_delay_s, "Pause before a retry, s")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
}

}  // namespace

Run add_ingest(CLI::App& app) {
  auto o = std::make_shared<IngestOptions>();
  app.add_option("--db", o->db, "SQLite database file")->capture_default_str();
  app.add_option("--pipeline", o->pipeline, "Pipeline name (pipelines/NAME.toml) or file")
      ->capture_default_str();
  app.add_option("--municipality-code", o->municipality_code,
                 "6-digit local government code of the documents (e.g. 352012)")
      ->check([](const std::string& v) {
        return v.size() == 6 && v.find_first_not_of("0123456789") == std::string::npos
                   ? std::string()
                   : std::string("must be 6 digits");
      });
  app.add_option("--manifest", o->manifest,
                 "CSV with a header row: path[,municipality_code], one document per row")
      ->check(CLI::ExistingFile);
  app.add_option("files", o->files, "PDF files or folders of PDFs");
  add_worker_options(app, *o);
  app.footer(
      "Each document is read in a separate, sandboxed worker process (no network, writes only\n"
      "to its own temporary folder) under the limits above; a crash, hang or limit fails that\n"
      "document alone, with its reason. Every attempt is recorded: see `kansa status`.\n"
      "Exit status: 0 every document stored (or already stored), 1 some failed, 2 usage,\n"
      "3 set-up failed (plugins, pipeline, database, worker process).");
  return [o] {
    std::optional<std::string> code;
    if (!o->municipality_code.empty()) code = o->municipality_code;
    std::vector<Input> inputs = expand_paths(o->files, code);
    if (!o->manifest.empty()) {
      try {
        for (auto& in : read_manifest(o->manifest)) {
          if (!in.municipality_code) in.municipality_code = code;
          inputs.push_back(std::move(in));
        }
      } catch (const std::exception& e) {
        std::cerr << "kansa: " << e.what() << "\n";
        return int(kExitUsage);
      }
    }
    if (inputs.empty()) {
      std::cerr << "kansa: no input documents (give PDF files, folders or --manifest)\n";
      return int(kExitUsage);
    }
    // The parent loads the pipeline too: a bad definition or a missing plugin is a set-up
    // failure reported once, and the plugin versions go into the status table.
    Session s;
    if (!open_session(o->pipeline, s, o->workers.max_pages)) return int(kExitSetup);
    const std::string plugins = plugin_versions_json(s);
    std::unique_ptr<store::Store> db;
    try {
      db = store::open_sqlite(o->db);
    } catch (const std::exception& e) {
      std::cerr << "kansa: " << e.what() << "\n";
      return int(kExitSetup);
    }
    o->workers.executable = self_executable();
    o->workers.pipeline = pipeline::resolve(o->pipeline);  // absolute: workers run elsewhere
    worker::Supervisor workers(o->workers);
    remove_stale_snapshots();
    const std::string run_id = utc_now() + "-" + std::to_string(getpid());

    size_t stored = 0, unchanged = 0, failed = 0, findings = 0;
    const auto run_start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < inputs.size(); ++i) {
      const Input& in = inputs[i];
      store::IngestAttempt row;
      row.run_id = run_id;
      row.path = in.path;
      row.file = std::filesystem::path(in.path).filename().string();
      row.plugins = plugins;
      Outcome outcome = Outcome::Failed;
      std::string detail, note;  // note: pages of a stored document that nothing read
      for (row.attempt = 1;; ++row.attempt) {
        row.started_at = utc_now();
        const auto start = std::chrono::steady_clock::now();
        auto finish = [&](const std::string& status, const std::string& reason) {
          row.status = status;
          row.reason = reason;
          row.finished_at = utc_now();
          row.duration_s =
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        };
        std::fprintf(stderr, "[%zu/%zu] %s: ", i + 1, inputs.size(), in.path.c_str());
        bool retry = false;
        try {
          // The worker reads a private copy, hashed while it was made: the stored sha256 is
          // that of the bytes interpreted, even when the file changes meanwhile.
          InputSnapshot copy;
          std::string refusal;
          const auto taken = copy.take(in.path, o->max_file_mb, refusal);
          row.sha256 = copy.sha256();
          if (taken == InputSnapshot::Outcome::Taken && db->has_document(row.sha256)) {
            outcome = Outcome::Unchanged;
            detail = "already stored, unchanged";
            finish("unchanged", "");
            db->record_attempt(row);
          }
          if (!refusal.empty()) {
            const bool transient = taken == InputSnapshot::Outcome::Transient;
            retry = transient && row.attempt <= o->retries;
            detail = refusal;
            finish(transient ? "failed_transient" : "failed_permanent", refusal);
            db->record_attempt(row);
          } else if (outcome != Outcome::Unchanged) {
            worker::JobResult r = workers.run({copy.path(), in.municipality_code});
            checked_against_copy(r, copy, in.path);
            row.pages = r.pages;
            if (r.failure == worker::Failure::None) {
              finish("", "");
              const bool fresh = db->save(r.extraction, in.path, row);
              outcome = fresh ? Outcome::Stored : Outcome::Unchanged;
              if (fresh) findings += r.extraction.findings.size();
              if (fresh) note = unread_pages_note(r.extraction.page_routes);
              detail = fresh ? std::to_string(r.extraction.findings.size()) + " findings, " +
                                   std::to_string(r.pages) + " pages, " + r.method
                             : "already stored, unchanged";
            } else {
              const bool transient = r.failure == worker::Failure::Transient;
              retry = transient && row.attempt <= o->retries;
              detail = r.reason;
              finish(transient ? "failed_transient" : "failed_permanent", r.reason);
              db->record_attempt(row);
            }
          }
        } catch (const worker::WorkerStartError& e) {
          std::fprintf(stderr, "FAILED\nkansa: %s\n", e.what());
          return int(kExitSetup);
        } catch (const std::exception& e) {
          detail = std::string("error: ") + e.what();
        }
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (retry) {
          std::fprintf(stderr, "attempt %d failed: %s; retrying (%.2f s)\n", row.attempt,
                       detail.c_str(), elapsed);
          std::this_thread::sleep_for(std::chrono::duration<double>(o->retry_delay_s));
          continue;
        }
        std::fprintf(stderr, "%s%s (%.2f s)%s%s\n", outcome == Outcome::Failed ? "FAILED: " : "",
                     detail.c_str(), elapsed, note.empty() ? "" : "; ", note.c_str());
        break;
      }
      (outcome == Outcome::Stored ? stored : outcome == Outcome::Unchanged ? unchanged : failed)++;
    }
    const double total =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - run_start).count();
    std::fprintf(stderr,
                 "kansa: %zu documents: %zu stored, %zu unchanged, %zu failed; %zu findings "
                 "added to %s in %.2f s\n",
                 inputs.size(), stored, unchanged, failed, findings, o->db.c_str(), total);
    return failed ? int(kExitSomeFailed) : int(kExitOk);
  };
}

}  // namespace kansa::cli
