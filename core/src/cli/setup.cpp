#include "cli/setup.hpp"

#include <algorithm>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>

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

}  // namespace

bool open_session(const std::string& name_or_path, Session& session, int max_pages) {
  session.host.load_default();
  try {
    session.definition = pipeline::load_definition(pipeline::resolve(name_or_path));
  } catch (const std::exception& e) {
    std::cerr << "kansa: " << e.what() << "\n";
    return false;
  }
  if (max_pages > 0) cap_pages(session.host, session.definition, max_pages);
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
