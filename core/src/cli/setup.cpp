#include "cli/setup.hpp"

#include <sched.h>

#include <algorithm>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

namespace kansa::cli {

namespace {

// Lowers the `max_pages` option of the stages whose plugin declares one to `max_pages`.
void cap_pages(const plugin::Host& host, pipeline::Definition& definition, int max_pages) {
  for (pipeline::Stage& stage : definition.stages) {
    const plugin::Loaded* p = host.find(stage.plugin);
    if (p == nullptr) continue;  // Runner::create names the missing plugin
    const kansa_plugin_descriptor& d = *p->descriptor;
    for (size_t i = 0; i < d.option_count; ++i) {
      if (std::strcmp(d.options[i].name, "max_pages") != 0) continue;
      auto it = stage.options.find("max_pages");
      const char* given =
          it != stage.options.end() ? it->second.c_str() : d.options[i].default_value;
      int current = max_pages;
      try {
        current = given ? std::stoi(given) : max_pages;
      } catch (const std::exception&) {
        continue;  // left as written: the plugin refuses it with its own message
      }
      stage.options["max_pages"] = std::to_string(std::min(current, max_pages));
    }
  }
}

bool declares(const plugin::Host& host, const pipeline::Stage& stage, const char* option) {
  const plugin::Loaded* p = host.find(stage.plugin);
  if (p == nullptr) return false;
  const kansa_plugin_descriptor& d = *p->descriptor;
  for (size_t i = 0; i < d.option_count; ++i)
    if (std::strcmp(d.options[i].name, option) == 0) return true;
  return false;
}

void spread_threads(const plugin::Host& host, pipeline::Definition& definition,
                    const Threads& threads) {
  for (pipeline::Stage& stage : definition.stages) {
    if (declares(host, stage, "threads") && !stage.options.count("threads"))
      stage.options["threads"] = std::to_string(std::max(1, threads.count));
    if (declares(host, stage, "core_tokens")) stage.options["core_tokens"] = threads.core_tokens;
  }
}

}  // namespace

int available_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

bool open_session(const std::string& name_or_path, Session& session, int max_pages,
                  const Threads& threads) {
  try {
    session.definition = pipeline::load_definition(pipeline::resolve(name_or_path));
  } catch (const std::exception& e) {
    std::cerr << "kansa: " << e.what() << "\n";
    return false;
  }
  // Only the plugins the pipeline names (each process that runs it pays for what it maps).
  std::vector<std::string> names;
  for (const pipeline::Stage& stage : session.definition.stages) names.push_back(stage.plugin);
  session.host.load_for(names);
  if (max_pages > 0) cap_pages(session.host, session.definition, max_pages);
  spread_threads(session.host, session.definition, threads);
  Status st = pipeline::Runner::create(session.host, session.definition, session.runner);
  if (!st.is_ok()) {
    std::cerr << "kansa: " << st.message() << "\n";
    for (const auto& r : session.host.refused())
      std::cerr << "kansa: plugin " << r.path << " refused: " << r.reason << "\n";
    return false;
  }
  return true;
}

std::string plugin_versions_json(const Session& session) {
  nlohmann::json out = nlohmann::json::array();
  for (const pipeline::Stage& stage : session.definition.stages) {
    const plugin::Loaded* p = session.host.find(stage.plugin);
    out.push_back({{"name", stage.plugin},
                   {"version", p && p->descriptor->version ? p->descriptor->version : ""}});
  }
  return out.dump();
}

}  // namespace kansa::cli
