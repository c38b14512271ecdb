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

}  // namespace

Status Host::load_file(const std::string& path) {
  auto refuse = [&](const std::string& why) {
    refused_.push_back({path, why});
    spdlog::warn("plugin {} refused: {}", path, why);
    return Status::error(KANSA_ERR_INVALID_ARGUMENT, path + ": " + why);
  };
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
  for (const auto& f : files) (void)load_file(f);
}

void Host::load_default() {
  if (const char* env = std::getenv("KANSA_PLUGIN_PATH")) {
    std::string paths = env;
    size_t start = 0;
    while (start <= paths.size()) {
      size_t end = paths.find(':', start);
      if (end == std::string::npos) end = paths.size();
      if (end > start) load_directory(paths.substr(start, end - start));
      start = end + 1;
    }
  }
  const std::string exe = executable_dir();
  if (!exe.empty()) {
    load_directory(exe + "/plugins");
    load_directory(exe + "/../lib/kansa/plugins");
  }
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
