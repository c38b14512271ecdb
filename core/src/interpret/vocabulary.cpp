#include "interpret/vocabulary.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "interpret/u32.hpp"
#include "kansa/text.hpp"

namespace kansa::interpret {

namespace {

std::u32string compact(std::string_view s) { return to_u32(text::normalize_compact(s)); }

void sort_longest_first(std::vector<Term>& terms) {
  std::stable_sort(terms.begin(), terms.end(),
                   [](const Term& a, const Term& b) { return a.word.size() > b.word.size(); });
}

// Reads table `[section]` whose keys are values and whose entries are arrays of words.
void read_word_table(const toml::table& root, std::string_view section, std::vector<Term>& out,
                     const std::string& path) {
  const toml::table* t = root[section].as_table();
  if (t == nullptr) return;
  for (const auto& [key, node] : *t) {
    const toml::array* arr = node.as_array();
    if (arr == nullptr)
      throw std::runtime_error(path + ": [" + std::string(section) + "]." + std::string(key) +
                               " must be an array of strings");
    for (const auto& w : *arr)
      if (auto s = w.value<std::string>()) out.push_back({compact(*s), std::string(key), false});
  }
}

std::vector<std::u32string> read_list(const toml::table& root, std::string_view section,
                                      std::string_view key) {
  std::vector<std::u32string> out;
  if (const toml::array* arr = root[section][key].as_array())
    for (const auto& w : *arr)
      if (auto s = w.value<std::string>()) out.push_back(compact(*s));
  return out;
}

// [status.inferred]: the boilerplate lists, then one table per tier holding its `confidence`
// and, per status, the endings of that tier.
StatusInferenceWords read_status_inference(const toml::table& status, const std::string& path) {
  StatusInferenceWords out;
  const toml::table* inferred = status["inferred"].as_table();
  if (inferred == nullptr) return out;
  out.boilerplate_openings = read_list(status, "inferred", "boilerplate_openings");
  out.boilerplate_endings = read_list(status, "inferred", "boilerplate_endings");
  for (const auto& [tier, node] : *inferred) {
    const toml::table* t = node.as_table();
    if (t == nullptr) continue;  // the boilerplate lists
    const std::string where = path + ": [status.inferred." + std::string(tier) + "]";
    const std::optional<double> confidence = (*t)["confidence"].value<double>();
    if (!confidence || *confidence <= 0 || *confidence >= 1)
      throw std::runtime_error(where + " needs a confidence between 0 and 1");
    for (const auto& [status, words] : *t) {
      if (status == "confidence") continue;
      const toml::array* arr = words.as_array();
      if (arr == nullptr)
        throw std::runtime_error(where + "." + std::string(status) +
                                 " must be an array of strings");
      for (const auto& w : *arr)
        if (auto s = w.value<std::string>())
          out.endings.push_back({compact(*s), std::string(status), *confidence});
    }
  }
  std::stable_sort(
      out.endings.begin(), out.endings.end(),
      [](const EndingCue& a, const EndingCue& b) { return a.ending.size() > b.ending.size(); });
  return out;
}

}  // namespace

Vocabulary Vocabulary::load(const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error("vocabulary " + path + ": " + std::string(e.description()));
  } catch (const std::exception& e) {
    throw std::runtime_error("vocabulary " + path + ": " + e.what());
  }
  Vocabulary v;
  if (const toml::table* cols = root["columns"].as_table()) {
    for (const auto& [role, node] : *cols) {
      const toml::table* rt = node.as_table();
      if (rt == nullptr) throw std::runtime_error(path + ": [columns." + std::string(role) + "]");
      for (const char* which : {"primary", "synonyms"})
        if (const toml::array* arr = (*rt)[which].as_array())
          for (const auto& w : *arr)
            if (auto s = w.value<std::string>())
              v.column_headers.push_back(
                  {compact(*s), std::string(role), std::string_view(which) == "primary"});
    }
  }
  if (v.column_headers.empty())
    throw std::runtime_error("vocabulary " + path + ": no [columns.*] headers");
  if (const toml::table* st = root["status"].as_table()) {
    read_word_table(*st, "words", v.status_words, path);
    v.status_inference = read_status_inference(*st, path);
  }
  v.legend_symbols = read_list(root, "legend", "symbols");
  v.legend_separators = read_list(root, "legend", "separators");
  if (const toml::table* k = root["kind"].as_table()) {
    read_word_table(*k, "words", v.kind_words, path);
    read_word_table(*k, "phrases", v.kind_phrases, path);
  }
  read_word_table(root, "audit_types", v.audit_types, path);
  read_word_table(root, "document_fields", v.document_labels, path);
  v.department_suffixes = read_list(root, "department", "suffixes");
  v.heading_endings = read_list(root, "item", "heading_endings");
  read_word_table(root, "blocks", v.block_labels, path);
  v.notice_number_words = read_list(root, "report_number", "notice_words");
  for (auto* terms : {&v.column_headers, &v.status_words, &v.kind_words, &v.kind_phrases,
                      &v.audit_types, &v.document_labels, &v.block_labels})
    sort_longest_first(*terms);
  return v;
}

const Vocabulary& Vocabulary::cached(const std::string& path) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<Vocabulary>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = cache[path];
  if (!slot) slot = std::make_unique<Vocabulary>(load(path));
  return *slot;
}

const Term* term_at(const std::vector<Term>& terms, std::u32string_view text, size_t pos) {
  if (pos > text.size()) return nullptr;
  std::u32string_view rest = text.substr(pos);
  for (const Term& t : terms)
    if (!t.word.empty() && starts_with(rest, t.word)) return &t;
  return nullptr;
}

std::pair<const Term*, size_t> find_term(const std::vector<Term>& terms, std::u32string_view text) {
  for (const Term& t : terms) {
    if (t.word.empty()) continue;
    size_t at = text.find(t.word);
    if (at != std::u32string_view::npos) return {&t, at};
  }
  return {nullptr, std::u32string_view::npos};
}

const Term* exact_term(const std::vector<Term>& terms, std::u32string_view text) {
  for (const Term& t : terms)
    if (t.word == text) return &t;
  return nullptr;
}

}  // namespace kansa::interpret
