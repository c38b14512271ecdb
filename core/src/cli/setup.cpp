#include "cli/setup.hpp"

#include <iostream>

namespace kansa::cli {

bool open_session(const std::string& name_or_path, Session& session) {
  session.host.load_default();
  try {
    session.definition = pipeline::load_definition(pipeline::resolve(name_or_path));
  } catch (const std::exception& e) {
    std::cerr << "kansa: " << e.what() << "\n";
    return false;
  }
  Status st = pipeline::Runner::create(session.host, session.definition, session.runner);
  if (!st.is_ok()) {
    std::cerr << "kansa: " << st.message() << "\n";
    for (const auto& r : session.host.refused())
      std::cerr << "kansa: plugin " << r.path << " refused: " << r.reason << "\n";
    return false;
  }
  return true;
}

}  // namespace kansa::cli
