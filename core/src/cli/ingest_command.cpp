#include <unistd.h>

#include <algorithm>

#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/ingest_batch.hpp"
#include "cli/inputs.hpp"
#include "cli/setup.hpp"
#include "cli/shard.hpp"
#include "fetch/data_folder.hpp"
#include "kansa/db_address.hpp"
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
  std::string shard;  // K/N, empty for every input
  std::vector<std::string> files;
  worker::SupervisorOptions workers;
  std::uint64_t max_file_mb = 200;
  int retries = 2;
  double retry_delay_s = 5;
  int jobs = available_cores();
  std::string log_format = "auto";
  bool quiet = false;
  std::string data_dir;  // default: from --db (default_data_dir)
  fetch::FetchOptions fetch;
  int fetch_jobs = 2;
  // The fetch options given on the command line: they override the pipeline's [fetch] table.
  std::vector<CLI::Option*> fetch_flags;
};

// The data folder when --data-dir is not given: beside a database file, named after it
// (kansa.db -> kansa-data/); kansa-data/ in the working folder for a database that is not a
// file path (a connection URI).
std::string default_data_dir(const std::string& db) {
  if (store::is_postgresql_address(db)) return "kansa-data";
  const std::filesystem::path p(db);
  return (p.parent_path() / (p.stem().string() + "-data")).string();
}

void add_fetch_options(CLI::App& app, IngestOptions& o) {
  auto& f = o.fetch;
  app.add_option("--data-dir", o.data_dir,
                 "Folder of the documents fetched from manifest URLs (default: beside --db, "
                 "kansa.db -> kansa-data/). The --fetch-* options default to the pipeline's "
                 "[fetch] table when it has one");
  o.fetch_flags = {
      app.add_option("--fetch-connect-timeout", f.connect_timeout_s,
                     "Time to connect to a feed's server, s")
          ->capture_default_str()
          ->check(CLI::Range(0.001, 3600.0)),
      app.add_option("--fetch-timeout", f.timeout_s, "Time for one whole download, s")
          ->capture_default_str()
          ->check(CLI::Range(0.001, 86400.0)),
      app.add_option("--fetch-low-speed-time", f.low_speed_time_s,
                     "Give up a download slower than 1 KB/s for this long, s")
          ->capture_default_str()
          ->check(CLI::Range(1.0, 3600.0)),
      app.add_option("--fetch-retries", f.retries,
                     "Further tries of a URL after a transient error (5xx, 408, 429, time-out, "
                     "connection)")
          ->capture_default_str()
          ->check(CLI::Range(0, 100)),
      app.add_option("--fetch-retry-delay", f.retry_delay_s,
                     "Pause before the first retry of a URL, doubled for each next one, s")
          ->capture_default_str()
          ->check(CLI::Range(0.0, 3600.0)),
      app.add_option("--fetch-max-redirects", f.max_redirects, "Redirects followed at most")
          ->capture_default_str()
          ->check(CLI::Range(0, 50)),
      app.add_option("--fetch-jobs", o.fetch_jobs, "URLs downloaded at once")
          ->capture_default_str()
          ->check(CLI::Range(1, 64)),
  };
}

// The pipeline's [fetch] table, for each option not given on the command line.
void apply_fetch_defaults(const pipeline::FetchDefaults& d, IngestOptions& o) {
  const auto given = [&](std::size_t k) { return o.fetch_flags[k]->count() > 0; };
  auto& f = o.fetch;
  if (d.connect_timeout_s && !given(0)) f.connect_timeout_s = *d.connect_timeout_s;
  if (d.timeout_s && !given(1)) f.timeout_s = *d.timeout_s;
  if (d.low_speed_time_s && !given(2)) f.low_speed_time_s = *d.low_speed_time_s;
  if (d.retries && !given(3)) f.retries = *d.retries;
  if (d.retry_delay_s && !given(4)) f.retry_delay_s = *d.retry_delay_s;
  if (d.max_redirects && !given(5)) f.max_redirects = *d.max_redirects;
  if (d.jobs && !given(6)) o.fetch_jobs = *d.jobs;
}

// The worker binary, installed beside this one (as the plugins are found beside it).
std::string worker_executable() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return (ec ? plugin::executable_dir() : self.parent_path().string()) + "/kansa-worker";
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
  g->add_option("--jobs,-j", o.jobs,
                "Worker processes reading documents at once (default: the cores available); "
                "the cores of idle ones help read the pages of scans still being read")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  g->add_option("--max-docs-per-worker", w.max_docs_per_worker,
                "Replace a worker process after this many documents")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 20));
  g->add_option("--worker-recycle-mb", w.recycle_rss_mb,
                "Replace a worker process sooner once its resident memory exceeds this, MB")
      ->capture_default_str()
      ->check(CLI::Range(16, 1 << 24));
  g->add_option("--max-pages", w.max_pages, "Refuse documents with more pages than this")
      ->capture_default_str()
      ->check(CLI::Range(1, 1 << 24));
  g->add_option("--max-file-mb", o.max_file_mb, "Refuse files (and downloads) larger than this, MB")
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
  app.add_option("--db", o->db,
                 "SQLite database file, or PostgreSQL: postgresql://USER@HOST:PORT/DBNAME "
                 "(password: PGPASSWORD or ~/.pgpass; see README)")
      ->capture_default_str()
      ->envname("KANSA_DB");
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
                 "Feed of documents: CSV with a header row (path or url, municipality_code, "
                 "published, audit_type) or JSON lines with those keys; a path or an http(s) "
                 "URL per entry")
      ->check(CLI::ExistingFile);
  app.add_option("files", o->files, "PDF files or folders of PDFs");
  app.add_option("--shard", o->shard,
                 "K/N: take only the inputs of shard K of N (K from 0 to N-1, as Kubernetes' "
                 "JOB_COMPLETION_INDEX), chosen by the SHA-256 of each input's path as given, "
                 "so that N runs over the same inputs share them")
      ->check([](const std::string& v) {
        std::string error;
        return parse_shard(v, error) ? std::string() : error;
      });
  add_worker_options(app, *o);
  app.add_option("--log-format", o->log_format,
                 "Progress on stderr: auto (a bar on a terminal, else one line per document), "
                 "plain (lines), json (one JSON object per line)")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "plain", "json"}));
  app.add_flag("--quiet,-q", o->quiet,
               "Report only the documents that failed (no other lines, no bar, no summary)");
  add_fetch_options(app, *o);
  app.footer(
      "Each document is read in a separate, sandboxed worker process (no network, writes only\n"
      "to its own temporary folder) under the limits above; a crash, hang or limit fails that\n"
      "document alone, with its reason. Every attempt is recorded: see `kansa status`.\n"
      "Exit status: 0 every document stored (or already stored), 1 some failed, 2 usage,\n"
      "3 set-up failed (plugins, pipeline, database, data folder, worker process).");
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
    if (!o->shard.empty()) {
      std::string error;
      const Shard shard = *parse_shard(o->shard, error);  // checked by the option
      const std::size_t all = inputs.size();
      inputs = select_shard(inputs, shard);
      std::cerr << "kansa: shard " << o->shard << ": " << inputs.size() << " of " << all
                << " input documents\n";
      if (inputs.empty()) return int(kExitOk);
    }
    // The workers start first and set themselves up (plugins, pipeline) while the parent
    // reads the pipeline's definition, opens the database and copies the first documents.
    // The parent loads no plugin: a worker's set-up failure (a plugin missing, an option
    // refused) is reported once, in the worker's words, and the plugin versions for the
    // status table come from the first worker ready.
    std::unique_ptr<BatchWorkers> workers;
    pipeline::Definition definition;
    try {
      o->workers.executable = worker_executable();
      o->workers.pipeline = pipeline::resolve(o->pipeline);  // absolute: workers run elsewhere
      workers = std::make_unique<BatchWorkers>(o->workers, o->jobs);
    } catch (const std::exception& e) {
      std::cerr << "kansa: " << e.what() << "\n";
      return int(kExitSetup);
    }
    try {
      definition = pipeline::load_definition(o->workers.pipeline);
    } catch (const std::exception& e) {
      std::cerr << "kansa: " << e.what() << "\n";
      return int(kExitSetup);
    }
    OpeningStore db(
        [address = o->db] { return store::open_store(address); },
        [address = o->db](const std::string& e) { return store::scrub_secrets(e, address); });
    apply_fetch_defaults(definition.fetch, *o);
    // The data folder is made only when some input is a URL. Its failure is reported after
    // the workers', as a missing plugin is the first thing to fix.
    std::unique_ptr<fetch::DataFolder> data_folder;
    if (std::any_of(inputs.begin(), inputs.end(), [](const Input& in) { return in.is_remote(); })) {
      try {
        data_folder = std::make_unique<fetch::DataFolder>(
            o->data_dir.empty() ? default_data_dir(o->db) : o->data_dir);
        data_folder->remove_stale_downloads();
      } catch (const std::exception& e) {
        if (const auto started = workers->pool().await_startup(); started.error) {
          std::cerr << startup_failure_text(*started.error) << "\n";
        } else {
          std::cerr << "kansa: " << e.what() << "\n";
        }
        return int(kExitSetup);
      }
    }
    BatchSettings settings;
    settings.jobs = o->jobs;
    settings.retries = o->retries;
    settings.retry_delay_s = o->retry_delay_s;
    settings.max_file_mb = o->max_file_mb;
    settings.run_id = utc_timestamp() + "-" + std::to_string(getpid());
    settings.db_path = store::redact_address(o->db);
    settings.reporting.format = o->log_format == "json"    ? LogFormat::Json
                                : o->log_format == "plain" ? LogFormat::Plain
                                                           : LogFormat::Auto;
    settings.reporting.quiet = o->quiet;
    settings.data_folder = data_folder.get();
    settings.fetch = o->fetch;
    settings.fetch.max_bytes = o->max_file_mb << 20;
    settings.fetch.user_agent = std::string("kansa/") + KANSA_VERSION;
    settings.fetch_jobs = o->fetch_jobs;
    const int status = ingest_batch(inputs, db, *workers, settings);
    // The workers exit while the database makes its last checkpoint and sync: the run ends
    // when the later of the two is done, not after both in turn.
    std::thread stop_workers([&workers] { workers.reset(); });
    db.close();
    stop_workers.join();
    return status;
  };
}

}  // namespace kansa::cli
