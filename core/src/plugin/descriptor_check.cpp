#include <string>

#include "kansa/plugin_host.hpp"

namespace kansa::plugin {

namespace {
bool empty(const char* s) { return s == nullptr || *s == '\0'; }
}  // namespace

std::string check_descriptor(const kansa_plugin_descriptor* d) {
  if (d == nullptr) return "entry function returned no descriptor";
  if (d->abi_major != KANSA_ABI_MAJOR)
    return "ABI major version " + std::to_string(d->abi_major) + ", host speaks " +
           std::to_string(KANSA_ABI_MAJOR);
  if (d->abi_minor > KANSA_ABI_MINOR)
    return "ABI minor version " + std::to_string(d->abi_minor) + " is newer than the host's " +
           std::to_string(KANSA_ABI_MINOR);
  if (d->struct_size != sizeof(kansa_plugin_descriptor))
    return "descriptor size " + std::to_string(d->struct_size) + " differs from the host's " +
           std::to_string(sizeof(kansa_plugin_descriptor));
  if (empty(d->name)) return "descriptor has no name";
  if (empty(d->version)) return "descriptor has no version";
  if (d->create == nullptr || d->destroy == nullptr)
    return "descriptor lacks create/destroy functions";
  switch (d->kind) {
    case KANSA_KIND_EXTRACTOR:
      if (d->extract == nullptr) return "extractor plugin lacks an extract function";
      break;
    case KANSA_KIND_TABLES:
      if (d->build_tables == nullptr) return "tables plugin lacks a build_tables function";
      break;
    case KANSA_KIND_OCR:
      if (d->abi_minor < 1) return "OCR plugins need ABI 1.1 or newer";
      if (d->recognize == nullptr) return "OCR plugin lacks a recognize function";
      break;
    default:
      return "unknown plugin kind " + std::to_string(d->kind);
  }
  if (d->option_count > 0 && d->options == nullptr) return "option count without options";
  for (size_t i = 0; i < d->option_count; ++i) {
    const kansa_option_spec& o = d->options[i];
    if (empty(o.name)) return "option " + std::to_string(i) + " has no name";
    if (o.type < KANSA_OPT_STRING || o.type > KANSA_OPT_BOOL)
      return "option '" + std::string(o.name) + "' has an unknown type";
  }
  // render_page took the place of a reserved slot in 1.2: an older plugin has NULL there.
  if (d->abi_minor < 2 && d->render_page != nullptr)
    return "reserved descriptor slots are not empty";
  for (void* r : d->reserved)
    if (r != nullptr) return "reserved descriptor slots are not empty";
  return {};
}

}  // namespace kansa::plugin
