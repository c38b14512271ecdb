#include <dlfcn.h>
#include <unistd.h>

#include <spdlog/spdlog.h>
#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "kansa/plugin_host.hpp"

namespace fs = std::filesystem;

namespace kansa::plugin {

namespace {

// kansa spreads work over processes (one document per worker, one worker per core), so a
// library that threads internally through OpenMP would only oversubscribe the cores, and
// its idle threads spin: measured on a scanned page, 4x the wall time and half of it in the
// kernel. OpenMP reads its thread limit once, when its runtime is loaded with the first
// plugin that needs it, so the limit is set before any plugin is loaded. A value the user
// exported is kept.
void limit_library_threads() { setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0); }

// The plugin folders, in search order: each of $KANSA_PLUGIN_PATH (colon-separated), then
// <exe dir>/plugins and <exe dir>/../lib/kansa/plugins.
std::vector<std::string> search_dirs() {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("KANSA_PLUGIN_PATH")) {
    std::string paths = env;
    size_t start = 0;
    while (start <= paths.size()) {
      size_t end = paths.find(':', start);
      if (end == std::string::npos) end = paths.size();
      if (end > start) dirs.push_back(paths.substr(start, end - start));
      start = end + 1;
    }
  }
  const std::string exe = executable_dir();
  if (!exe.empty()) {
    dirs.push_back(exe + "/plugins");
    dirs.push_back(exe + "/../lib/kansa/plugins");
  }
  return dirs;
}

}  // namespace

Status Host::load_file(const std::string& path) {
  auto refuse = [&](const std::string& why) {
    refused_.push_back({path, why});
    spdlog::warn("plugin {} refused: {}", path, why);
    return Status::error(KANSA_ERR_INVALID_ARGUMENT, path + ": " + why);
  };
  tried_.push_back(path);
  limit_library_threads();
  // RTLD_LOCAL keeps each plugin's library symbols (Poppler, Tesseract) to itself.
  void* lib = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (lib == nullptr) {
    const char* err = dlerror();
    return refuse(std::string("cannot load: ") + (err ? err : "unknown dlopen error"));
  }
  auto entry = reinterpret_cast<kansa_plugin_entry_fn>(dlsym(lib, KANSA_PLUGIN_ENTRY_SYMBOL));
  if (entry == nullptr) {
    dlclose(lib);  // nothing of it was used yet
    return refuse("no entry point '" KANSA_PLUGIN_ENTRY_SYMBOL "'");
  }
  const kansa_plugin_descriptor* d = entry();
  if (std::string why = check_descriptor(d); !why.empty()) {
    dlclose(lib);
    return refuse(why);
  }
  if (const Loaded* existing = find(d->name)) {
    // Kept resident: descriptor data was read, so do not unload.
    return refuse("a plugin named '" + std::string(d->name) + "' is already loaded from " +
                  existing->path);
  }
  loaded_.push_back({path, d});
  spdlog::debug("plugin {} {} loaded from {}", d->name, d->version, path);
  return Status::ok();
}

void Host::load_directory(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("kansa_", 0) == 0 && e.path().extension() == ".so")
      files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files)
    if (std::find(tried_.begin(), tried_.end(), f) == tried_.end()) (void)load_file(f);
}

void Host::load_default() {
  for (const std::string& dir : search_dirs()) load_directory(dir);
}

void Host::load_for(const std::vector<std::string>& names) {
  const std::vector<std::string> dirs = search_dirs();
  for (const std::string& dir : dirs) {
    for (const std::string& name : names) {
      if (find(name) != nullptr) continue;
      const std::string path = (fs::path(dir) / ("kansa_" + name + ".so")).string();
      std::error_code ec;
      if (fs::is_regular_file(path, ec) &&
          std::find(tried_.begin(), tried_.end(), path) == tried_.end())
        (void)load_file(path);
    }
  }
  for (const std::string& name : names)
    if (find(name) == nullptr) return load_default();
}

const Loaded* Host::find(std::string_view name) const {
  for (const auto& p : loaded_)
    if (name == p.descriptor->name) return &p;
  return nullptr;
}

std::string executable_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return exe.parent_path().string();
}

}  // namespace kansa::plugin
