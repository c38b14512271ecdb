// The common part of a plugin descriptor (header-only): ABI version and size stamped from
// the header the plugin is built against, identity, options and lifecycle functions. The
// plugin then sets the one function of its kind (extract, build_tables or recognize).
#pragma once

#include <span>

#include "kansa/plugin_abi.h"

namespace kansa::sdk {

struct Identity {
  kansa_plugin_kind kind;
  const char* name;
  const char* version;
  const char* description;
  const char* library_version;
};

inline kansa_plugin_descriptor descriptor_base(const Identity& id,
                                               std::span<const kansa_option_spec> options,
                                               kansa_status (*create)(const kansa_option*, size_t,
                                                                      void**, kansa_error*),
                                               void (*destroy)(void*)) {
  kansa_plugin_descriptor d{};
  d.abi_major = KANSA_ABI_MAJOR;
  d.abi_minor = KANSA_ABI_MINOR;
  d.struct_size = sizeof(kansa_plugin_descriptor);
  d.kind = id.kind;
  d.name = id.name;
  d.version = id.version;
  d.description = id.description;
  d.library_version = id.library_version;
  d.options = options.data();
  d.option_count = options.size();
  d.create = create;
  d.destroy = destroy;
  return d;
}

}  // namespace kansa::sdk
