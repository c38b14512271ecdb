// Who the `ocr` plugin is, for its descriptor (ocr_plugin.cpp) and its engine's
// (ocr_engine.cpp): the plugin refuses an engine of another version, one left from another
// build beside it.
#pragma once

#include "descriptor_base.hpp"
#include "kansa/plugin_abi.h"
#include "ocr_options.hpp"

namespace kansa::ocr {

inline constexpr const char* kPluginName = "ocr";
inline constexpr const char* kPluginVersion = "1.1.0";
inline constexpr const char* kPluginDescription =
    "Reads pages without a usable text layer from their images: Poppler rendering, "
    "Leptonica deskew/clean-up/ruling lines, Tesseract per table cell.";
// The engine's file, beside the plugin's. Not named kansa_*.so: the host would take it for
// a plugin when it looks through a whole folder.
inline constexpr const char* kEngineFile = "libkansa_ocr_engine.so";
inline constexpr const char* kEngineEntry = "kansa_ocr_engine_entry";

// The descriptor both give: this identity, the options, and the functions of an OCR plugin.
inline kansa_plugin_descriptor describe(const char* library_version,
                                        decltype(kansa_plugin_descriptor::create) create,
                                        decltype(kansa_plugin_descriptor::destroy) destroy,
                                        decltype(kansa_plugin_descriptor::recognize) recognize) {
  kansa_plugin_descriptor d = sdk::descriptor_base(
      {KANSA_KIND_OCR, kPluginName, kPluginVersion, kPluginDescription, library_version},
      option_specs(), create, destroy);
  d.recognize = recognize;
  return d;
}

}  // namespace kansa::ocr
