// kansa-worker: the process `kansa ingest` reads each document in. It limits and sandboxes
// itself before loading any plugin, then serves jobs over the socket it was given. A binary
// of its own, linked only with what reading a document needs (not libcurl, libpq, SQLite
// and what they pull in): `kansa --version` takes about 12 ms of CPU, mostly mapping those
// libraries, this binary about 4 ms, and every run waits for its workers to start.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

#include "cli/commands.hpp"
#include "cli/setup.hpp"
#include "worker/protocol.hpp"
#include "worker/sandbox.hpp"
#include "worker/worker_loop.hpp"

namespace {

using kansa::cli::kExitSetup;

kansa::cli::Run add_worker(CLI::App& app) {
  namespace worker = kansa::worker;
  struct Opts {
    std::string pipeline = "default", folder;
    int in_fd = -1, out_fd = -1, max_pages = 0, threads = 1;
    std::string core_tokens;
    worker::Limits limits;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("--pipeline", o->pipeline, "Pipeline name or file");
  app.add_option("--in-fd", o->in_fd, "Descriptor the jobs arrive on")->required();
  app.add_option("--out-fd", o->out_fd, "Descriptor the answers go to")->required();
  app.add_option("--memory-mb", o->limits.memory_mb, "Address-space limit");
  app.add_option("--file-size-mb", o->limits.file_size_mb, "Largest file it may write");
  app.add_option("--max-pages", o->max_pages, "Page budget per document");
  app.add_option("--folder", o->folder, "Its private temporary folder")->required();
  app.add_option("--threads", o->threads, "Threads one document may use at most");
  app.add_option("--core-tokens", o->core_tokens, "R,W: the pipe of cores lent by the parent");
  return [o] {
    // Set-up failures go to the parent in a message, not to the shared stderr: workers start
    // with the parent's own set-up, which reports a bad pipeline once, and the parent shows a
    // worker's reason only when it needs that worker.
    const auto setup_failed = [&](const std::string& why) {
      if (!worker::write_message(o->out_fd, {{"type", "setup_error"}, {"message", why}}))
        std::cerr << why << "\n";
      return int(kExitSetup);
    };
    worker::SandboxReport sandbox;
    try {
      worker::apply_limits(o->limits);
      worker::report_allocation_failures(o->out_fd);
      sandbox = worker::enter_sandbox(o->folder);
    } catch (const std::exception& e) {
      return setup_failed(std::string("kansa-worker: ") + e.what());
    }
    if (chdir(o->folder.c_str()) != 0 || setenv("TMPDIR", o->folder.c_str(), 1) != 0)
      return setup_failed("kansa-worker: cannot use folder " + o->folder);
    kansa::cli::Session s;
    std::ostringstream session_errors;  // what open_session prints
    std::streambuf* const stderr_buffer = std::cerr.rdbuf(session_errors.rdbuf());
    const bool opened =
        kansa::cli::open_session(o->pipeline, s, o->max_pages, {o->threads, o->core_tokens});
    std::cerr.rdbuf(stderr_buffer);
    if (!opened) {
      std::string why = session_errors.str();
      while (!why.empty() && why.back() == '\n') why.pop_back();
      return setup_failed(why);
    }
    // The plugin versions go into the parent's status rows: it does not load the plugins.
    if (!worker::write_message(o->out_fd, {{"type", "ready"},
                                           {"sandbox", sandbox.describe()},
                                           {"plugins", kansa::cli::plugin_versions_json(s)}}))
      return int(kExitSetup);
    worker::WorkerConfig config;
    config.in_fd = o->in_fd;
    config.out_fd = o->out_fd;
    config.max_pages = o->max_pages;
    if (const char* sim = std::getenv("KANSA_WORKER_SIMULATE")) config.simulate = sim;
    return worker::serve_jobs(*s.runner, config);
  };
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kansa-worker: reads documents for `kansa ingest` (not for direct use)"};
  const kansa::cli::Run run = add_worker(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  // Plugin logs go to stderr, warnings and worse, as in `kansa`.
  spdlog::set_default_logger(spdlog::stderr_color_mt("kansa-worker"));
  spdlog::set_pattern("%^%l%$: %v");
  spdlog::set_level(spdlog::level::warn);
  return run();
}
