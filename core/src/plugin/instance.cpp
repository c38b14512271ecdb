#include <cerrno>
#include <cstdlib>
#include <set>

#include "kansa/plugin_host.hpp"

namespace kansa::plugin {

namespace {

// True when `value` is acceptable for an option of `type`.
bool value_fits(int32_t type, const std::string& value) {
  if (type == KANSA_OPT_STRING) return true;
  if (type == KANSA_OPT_BOOL) return value == "true" || value == "false";
  if (value.empty()) return false;
  char* end = nullptr;
  errno = 0;
  if (type == KANSA_OPT_INT)
    (void)std::strtoll(value.c_str(), &end, 10);
  else
    (void)std::strtod(value.c_str(), &end);
  return errno == 0 && end != nullptr && *end == '\0';
}

const char* type_name(int32_t type) {
  switch (type) {
    case KANSA_OPT_INT:
      return "an integer";
    case KANSA_OPT_DOUBLE:
      return "a number";
    case KANSA_OPT_BOOL:
      return "true or false";
    default:
      return "a string";
  }
}

}  // namespace

Status Instance::create(const Loaded& plugin, const std::map<std::string, std::string>& options,
                        std::unique_ptr<Instance>& out) {
  const kansa_plugin_descriptor* d = plugin.descriptor;
  const std::string who = std::string("plugin '") + d->name + "'";
  std::set<std::string> declared;
  for (size_t i = 0; i < d->option_count; ++i) declared.insert(d->options[i].name);
  for (const auto& [key, value] : options) {
    if (!declared.count(key))
      return Status::error(KANSA_ERR_INVALID_ARGUMENT, who + ": unknown option '" + key + "'");
  }
  // Every declared option is passed, defaults filled, so the plugin sees one complete set.
  std::vector<std::string> values;
  values.reserve(d->option_count);
  for (size_t i = 0; i < d->option_count; ++i) {
    const kansa_option_spec& spec = d->options[i];
    auto it = options.find(spec.name);
    std::string v =
        it != options.end() ? it->second : (spec.default_value ? spec.default_value : "");
    if (it != options.end() && !value_fits(spec.type, v))
      return Status::error(KANSA_ERR_INVALID_ARGUMENT, who + ": option '" + spec.name +
                                                           "' must be " + type_name(spec.type) +
                                                           ", got '" + v + "'");
    values.push_back(std::move(v));
  }
  std::vector<kansa_option> args;
  for (size_t i = 0; i < d->option_count; ++i)
    args.push_back({d->options[i].name, values[i].c_str()});

  kansa_error err{};
  void* handle = nullptr;
  kansa_status st = d->create(args.data(), args.size(), &handle, &err);
  if (st != KANSA_OK) return Status::error(st, who + ": " + err.message);
  if (handle == nullptr)
    return Status::error(KANSA_ERR_INTERNAL, who + ": create returned no instance");
  out.reset(new Instance(d, handle));
  return Status::ok();
}

Instance::~Instance() { descriptor_->destroy(handle_); }

}  // namespace kansa::plugin
