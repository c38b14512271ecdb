#include <iostream>

#include "cli/commands.hpp"
#include "cli/setup.hpp"

namespace kansa::cli {

namespace {
const char* kind_name(int32_t kind) {
  switch (kind) {
    case KANSA_KIND_EXTRACTOR:
      return "extractor";
    case KANSA_KIND_TABLES:
      return "tables";
    case KANSA_KIND_OCR:
      return "ocr";
    default:
      return "?";
  }
}
const char* option_type_name(int32_t t) {
  switch (t) {
    case KANSA_OPT_INT:
      return "int";
    case KANSA_OPT_DOUBLE:
      return "double";
    case KANSA_OPT_BOOL:
      return "bool";
    default:
      return "string";
  }
}
}  // namespace

Run add_plugins(CLI::App& app) {
  app.footer("Plugins are searched in $KANSA_PLUGIN_PATH, then <kansa dir>/plugins.");
  return [] {
    plugin::Host host;
    host.load_default();
    for (const auto& p : host.loaded()) {
      const auto& d = *p.descriptor;
      std::cout << d.name << " " << d.version << " (" << kind_name(d.kind) << ", ABI "
                << d.abi_major << "." << d.abi_minor << ")";
      if (d.library_version && *d.library_version) std::cout << " using " << d.library_version;
      std::cout << "\n  " << (d.description ? d.description : "") << "\n  file: " << p.path << "\n";
      for (size_t i = 0; i < d.option_count; ++i) {
        const auto& o = d.options[i];
        std::cout << "  option " << o.name << " (" << option_type_name(o.type) << ", default "
                  << (o.default_value ? o.default_value : "")
                  << "): " << (o.description ? o.description : "") << "\n";
      }
    }
    for (const auto& r : host.refused())
      std::cout << "refused " << r.path << ": " << r.reason << "\n";
    if (host.loaded().empty()) {
      std::cerr << "kansa: no plugins found\n";
      return int(kExitSetup);
    }
    return int(kExitOk);
  };
}

}  // namespace kansa::cli
