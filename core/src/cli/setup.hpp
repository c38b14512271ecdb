// Shared set-up of the commands that run a pipeline: plugins loaded, definition read,
// runner created. Errors are printed; the caller exits with the returned status.
#pragma once

#include <memory>
#include <string>

#include "kansa/pipeline.hpp"
#include "kansa/plugin_host.hpp"

namespace kansa::cli {

struct Session {
  plugin::Host host;
  pipeline::Definition definition;
  std::unique_ptr<pipeline::Runner> runner;
};

// How far one document may be spread over threads (the OCR stage reads pages at once):
// `count` threads at most; with `core_tokens` ("R,W", see worker/core_tokens.hpp) the extra
// ones only while holding a core lent by `kansa ingest`.
struct Threads {
  int count = 1;
  std::string core_tokens;
};

// Loads plugins and the pipeline `name_or_path`. Returns false (after printing why) on
// failure. With `max_pages` > 0, every stage whose plugin declares a `max_pages` option gets
// at most that value, so that the plugin refuses a longer document before reading it. Stages
// whose plugin declares `threads` get `threads.count` unless the definition sets it, and
// those declaring `core_tokens` get `threads.core_tokens`.
bool open_session(const std::string& name_or_path, Session& session, int max_pages = 0,
                  const Threads& threads = {});

// The cores this process may run on (its affinity mask, which a container or taskset may
// narrow), at least 1.
int available_cores();

// Names and versions of the pipeline's plugins, as a JSON array of {"name", "version"}.
std::string plugin_versions_json(const Session& session);

// Exit statuses shared by the commands (documented in the README).
enum Exit : int {
  kExitOk = 0,
  kExitSomeFailed = 1,  // at least one document failed; the others were stored
  kExitUsage = 2,       // bad command line
  kExitSetup = 3,       // plugins, pipeline or database could not be set up
};

}  // namespace kansa::cli
