// The plugin host: finds plugin shared libraries, loads them with dlopen, checks their
// descriptors against the ABI, and creates configured instances.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kansa/plugin_abi.h"
#include "kansa/status.hpp"

namespace kansa::plugin {

struct Loaded {
  std::string path;
  const kansa_plugin_descriptor* descriptor = nullptr;  // owned by the library
};

struct Refused {
  std::string path;
  std::string reason;
};

// Checks a descriptor before anything in it is called: ABI major equal, minor not newer,
// struct size, kind known, required fields and the functions of its kind present,
// options well-formed, reserved slots empty. Returns an empty string when acceptable,
// else the reason.
std::string check_descriptor(const kansa_plugin_descriptor* d);

// Holds every loaded plugin for the life of the process: libraries are never dlclose'd
// (a plugin's static data may still be referenced), as GStreamer keeps plugins resident.
class Host {
 public:
  // Loads one library. On refusal records the reason (naming the file) and returns it.
  Status load_file(const std::string& path);
  // Loads every `kansa_*.so` in `dir` (sorted by name); a missing directory is not an error.
  void load_directory(const std::string& dir);
  // Default search: each dir of $KANSA_PLUGIN_PATH (colon-separated), then
  // <dir of the kansa executable>/plugins and <exe dir>/../lib/kansa/plugins.
  void load_default();
  // Loads what a pipeline needs: `kansa_NAME.so` of each of `names`, searched in the same
  // folders in the same order. When one of them is still missing (refused, or a plugin file
  // named otherwise), falls back to load_default(), so that what is found and the messages
  // are the same. A text-only pipeline then never maps the OCR plugin's libraries.
  void load_for(const std::vector<std::string>& names);

  const Loaded* find(std::string_view name) const;
  const std::vector<Loaded>& loaded() const { return loaded_; }
  const std::vector<Refused>& refused() const { return refused_; }

 private:
  std::vector<Loaded> loaded_;
  std::vector<Refused> refused_;
  std::vector<std::string> tried_;  // every file given to load_file, loaded or refused
};

// One configured instance of a plugin (RAII: destroyed with the object).
class Instance {
 public:
  // Validates `options` against the plugin's declared schema (unknown keys refused, typed
  // values checked), fills defaults, then calls create(). On failure `out` stays empty.
  static Status create(const Loaded& plugin, const std::map<std::string, std::string>& options,
                       std::unique_ptr<Instance>& out);
  ~Instance();
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  const kansa_plugin_descriptor& descriptor() const { return *descriptor_; }
  void* handle() const { return handle_; }

 private:
  Instance(const kansa_plugin_descriptor* d, void* h) : descriptor_(d), handle_(h) {}
  const kansa_plugin_descriptor* descriptor_;
  void* handle_;
};

// Directory holding the running executable ("" if unknown).
std::string executable_dir();

}  // namespace kansa::plugin
