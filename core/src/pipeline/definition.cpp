#include <toml++/toml.h>
#include <algorithm>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "kansa/pipeline.hpp"
#include "kansa/plugin_host.hpp"

namespace fs = std::filesystem;

namespace kansa::pipeline {

namespace {

// Option values may be written as any TOML scalar; plugins receive strings.
std::string scalar_to_string(const toml::node& n, const std::string& where) {
  if (auto s = n.value<std::string>()) return *s;
  if (n.is_boolean()) return *n.value<bool>() ? "true" : "false";
  if (n.is_integer()) return std::to_string(*n.value<int64_t>());
  if (n.is_floating_point()) {
    std::ostringstream out;
    out << *n.value<double>();
    return out.str();
  }
  throw std::runtime_error(where + " must be a string, number or boolean");
}

std::string resolve_data(const fs::path& base, const std::string& rel) {
  fs::path p(rel);
  return (p.is_absolute() ? p : base / p).lexically_normal().string();
}

std::string plain(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

// The [fetch] table: numbers within sensible bounds, nothing else.
FetchDefaults read_fetch(const toml::table& doc, const std::string& path) {
  FetchDefaults out;
  const toml::node_view<const toml::node> node = doc["fetch"];
  if (!node) return out;
  const toml::table* t = node.as_table();
  const std::string where = "pipeline " + path + ": [fetch]";
  if (t == nullptr) throw std::runtime_error(where + " is not a table");
  const auto number = [&](const std::string& key, double low,
                          double high) -> std::optional<double> {
    const toml::node* n = t->get(key);
    if (n == nullptr) return std::nullopt;
    std::optional<double> v = n->value<double>();
    if (!v || *v < low || *v > high)
      throw std::runtime_error(where + " " + key + " must be a number from " + plain(low) + " to " +
                               plain(high));
    return v;
  };
  const auto whole = [&](const std::string& key, int low, int high) -> std::optional<int> {
    const toml::node* n = t->get(key);
    if (n == nullptr) return std::nullopt;
    std::optional<int64_t> v = n->is_integer() ? n->value<int64_t>() : std::nullopt;
    if (!v || *v < low || *v > high)
      throw std::runtime_error(where + " " + key + " must be a whole number from " +
                               std::to_string(low) + " to " + std::to_string(high));
    return int(*v);
  };
  for (const auto& [key, value] : *t) {
    static const char* known[] = {
        "connect_timeout", "timeout", "low_speed_time", "retries", "retry_delay",
        "max_redirects",   "jobs"};
    if (std::find(std::begin(known), std::end(known), key.str()) == std::end(known))
      throw std::runtime_error(where + ": unknown key '" + std::string(key.str()) + "'");
  }
  out.connect_timeout_s = number("connect_timeout", 0.001, 3600);
  out.timeout_s = number("timeout", 0.001, 86400);
  out.low_speed_time_s = number("low_speed_time", 1, 3600);
  out.retries = whole("retries", 0, 100);
  out.retry_delay_s = number("retry_delay", 0, 3600);
  out.max_redirects = whole("max_redirects", 0, 50);
  out.jobs = whole("jobs", 1, 64);
  return out;
}

}  // namespace

Definition load_definition(const std::string& path) {
  toml::table doc;
  try {
    doc = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error("pipeline " + path + ": " + std::string(e.description()) +
                             " at line " + std::to_string(e.source().begin.line));
  }
  const fs::path base = fs::path(path).parent_path();
  Definition def;
  def.path = path;
  def.name = doc["name"].value_or(fs::path(path).stem().string());
  def.description = doc["description"].value_or(std::string());
  const toml::array* stages = doc["stage"].as_array();
  if (stages == nullptr || stages->empty())
    throw std::runtime_error("pipeline " + path + ": no [[stage]] entries");
  for (size_t i = 0; i < stages->size(); ++i) {
    const std::string where = "pipeline " + path + ": stage " + std::to_string(i + 1);
    const toml::table* t = stages->get(i)->as_table();
    if (t == nullptr) throw std::runtime_error(where + " is not a table");
    Stage stage;
    stage.plugin = (*t)["plugin"].value_or(std::string());
    if (stage.plugin.empty()) throw std::runtime_error(where + " names no plugin");
    for (const auto& [key, value] : *t) {
      if (key != "plugin" && key != "options")
        throw std::runtime_error(where + ": unknown key '" + std::string(key.str()) + "'");
    }
    if (const toml::table* opts = (*t)["options"].as_table()) {
      for (const auto& [key, value] : *opts)
        stage.options[std::string(key.str())] =
            scalar_to_string(value, where + " option '" + std::string(key.str()) + "'");
    }
    def.stages.push_back(std::move(stage));
  }
  def.vocabulary_path =
      resolve_data(base, doc["interpret"]["vocabulary"].value_or(std::string("vocabulary.toml")));
  def.municipalities_path = resolve_data(
      base, doc["interpret"]["municipalities"].value_or(std::string("data/municipalities.tsv")));
  def.fetch = read_fetch(doc, path);
  return def;
}

std::string resolve(const std::string& name_or_path) {
  std::error_code ec;
  // Absolute, so that a worker process (which runs in its own folder) finds the same file.
  if (fs::is_regular_file(name_or_path, ec))
    return fs::absolute(name_or_path, ec).lexically_normal().string();
  std::vector<std::string> dirs;
  const std::string exe = plugin::executable_dir();
  if (!exe.empty()) {
    dirs.push_back(exe + "/pipelines");
    dirs.push_back(exe + "/../share/kansa/pipelines");
  }
  dirs.push_back(KANSA_SOURCE_PIPELINES_DIR);
  std::string looked;
  for (const auto& d : dirs) {
    fs::path candidate = fs::path(d) / (name_or_path + ".toml");
    if (fs::is_regular_file(candidate, ec)) return candidate.lexically_normal().string();
    looked += (looked.empty() ? "" : ", ") + d;
  }
  throw std::runtime_error("pipeline '" + name_or_path + "' not found (looked in " + looked + ")");
}

}  // namespace kansa::pipeline
