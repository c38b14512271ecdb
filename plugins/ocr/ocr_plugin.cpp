// kansa `ocr` plugin: reads pages without a usable text layer from their images.
//
// This is the library the host loads: the descriptor, the options and the instances. The
// reading is done by the plugin's engine (ocr_engine.cpp, libkansa_ocr_engine.so beside this
// file), the library that links Tesseract, Leptonica and Poppler's renderer. It is loaded
// when an instance is first asked to read a page, once per process, and kept. So a worker
// whose documents all have a usable text layer never maps those libraries: mapping them
// cost each worker 10-14 ms of CPU and 6 MB at start, and workers start with every run and
// every 100 documents.
//
// Options are checked here, at set-up, as before; an engine missing beside the plugin is a
// set-up error too. An engine that is there but cannot be loaded fails the documents that need
// it, with dlopen's reason.
#include <dlfcn.h>
#include <unistd.h>

#include <cstddef>
#include <memory>
#include <new>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "error_message.hpp"
#include "kansa/plugin_abi.h"
#include "ocr_identity.hpp"
#include "ocr_options.hpp"

namespace kansa::ocr {
namespace {

using sdk::write_message;

// The engine's path: beside this library, wherever the host found it.
std::string engine_path() {
  Dl_info self{};
  if (dladdr(reinterpret_cast<void*>(&engine_path), &self) == 0 || self.dli_fname == nullptr)
    return kEngineFile;
  const std::string file = self.dli_fname;
  const std::size_t slash = file.rfind('/');
  return slash == std::string::npos ? kEngineFile : file.substr(0, slash + 1) + kEngineFile;
}

struct Engine {
  const kansa_plugin_descriptor* descriptor = nullptr;  // null when it could not be loaded
  std::string problem;
};

// Loads the engine on first use (thread-safe, once per process; never unloaded, as the host
// keeps plugins) and checks that it is this plugin's: same ABI and version, the functions
// of an OCR plugin.
const Engine& engine() {
  static const Engine loaded = [] {
    Engine e;
    const std::string path = engine_path();
    void* library = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      const char* why = dlerror();
      e.problem = "ocr: cannot load its engine " + path + ": " + (why ? why : "unknown error");
      return e;
    }
    using Entry = const kansa_plugin_descriptor* (*)();
    const auto entry = reinterpret_cast<Entry>(dlsym(library, kEngineEntry));
    const kansa_plugin_descriptor* d = entry != nullptr ? entry() : nullptr;
    if (d == nullptr || d->abi_major != KANSA_ABI_MAJOR || d->version == nullptr ||
        std::string(d->version) != kPluginVersion || d->create == nullptr ||
        d->destroy == nullptr || d->recognize == nullptr) {
      e.problem = "ocr: " + path + " is not the engine of ocr " + kPluginVersion;
      return e;
    }
    e.descriptor = d;
    return e;
  }();
  return loaded;
}

// An instance keeps its options as given, for the engine's instance, which is made on the
// first recognize. Contract (as for every plugin instance): one call at a time.
struct Instance {
  std::vector<std::pair<std::string, std::string>> options;
  void* engine_instance = nullptr;
  ~Instance() {
    if (engine_instance != nullptr) engine().descriptor->destroy(engine_instance);
  }
};

kansa_status create(const kansa_option* options, size_t option_count, void** instance,
                    kansa_error* error) {
  if (instance == nullptr) return KANSA_ERR_INVALID_ARGUMENT;
  *instance = nullptr;
  try {
    Options parsed;
    if (!parse_options(options, option_count, parsed, error)) return KANSA_ERR_INVALID_ARGUMENT;
    if (const std::string path = engine_path(); ::access(path.c_str(), R_OK) != 0) {
      write_message(error, "ocr: its engine " + path + " is missing (build or install it)");
      return KANSA_ERR_IO;
    }
    auto made = std::make_unique<Instance>();
    for (size_t i = 0; i < option_count; ++i)
      made->options.emplace_back(options[i].key ? options[i].key : "",
                                 options[i].value ? options[i].value : "");
    *instance = made.release();
    return KANSA_OK;
  } catch (const std::bad_alloc&) {
    write_message(error, "ocr: out of memory");
    return KANSA_ERR_RESOURCE;
  }
}

void destroy(void* instance) { delete static_cast<Instance*>(instance); }

kansa_status recognize(void* instance, const char* path, const int32_t* pages, size_t page_count,
                       const kansa_page_sink* sink, kansa_error* error) {
  if (instance == nullptr) {
    write_message(error, "ocr: recognize called with a null instance");
    return KANSA_ERR_INVALID_ARGUMENT;
  }
  auto& self = *static_cast<Instance*>(instance);
  const Engine& e = engine();
  if (e.descriptor == nullptr) {
    write_message(error, e.problem);
    return KANSA_ERR_INTERNAL;
  }
  if (self.engine_instance == nullptr) {
    std::vector<kansa_option> options;
    for (const auto& [key, value] : self.options) options.push_back({key.c_str(), value.c_str()});
    if (kansa_status st =
            e.descriptor->create(options.data(), options.size(), &self.engine_instance, error);
        st != KANSA_OK)
      return st;
  }
  return e.descriptor->recognize(self.engine_instance, path, pages, page_count, sink, error);
}

// The libraries the engine links, as built against (the engine's own descriptor reads
// Tesseract's version at run time; Debian's packages keep the two the same).
const kansa_plugin_descriptor& descriptor() {
  static const kansa_plugin_descriptor d =
      describe(KANSA_OCR_LIBRARIES, &create, &destroy, &recognize);
  return d;
}

}  // namespace
}  // namespace kansa::ocr

extern "C" KANSA_PLUGIN_EXPORT const kansa_plugin_descriptor* kansa_plugin_entry(void) {
  return &kansa::ocr::descriptor();
}
