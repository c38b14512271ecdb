#include "cli/inputs.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "fetch/url.hpp"

namespace fs = std::filesystem;

namespace kansa::cli {

namespace {

bool is_pdf_name(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext == ".pdf";
}

// Splits one CSV record (RFC 4180 quoting, no embedded newlines).
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

// The audit_type values of the findings schema (kansa.finding/1).
constexpr std::array<const char*, 9> kAuditTypes = {
    "comprehensive_external", "individual_external", "regular",
    "administrative",         "financial_aid",       "public_funds",
    "commissioner",           "resident_request",    "other"};

constexpr std::array<const char*, 3> kSourceNames = {"path", "url", "source"};

bool is_source_name(const std::string& name) {
  return std::find(kSourceNames.begin(), kSourceNames.end(), name) != kSourceNames.end();
}

bool is_known_field(const std::string& name) {
  return is_source_name(name) || name == "municipality_code" || name == "published" ||
         name == "audit_type";
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

// Whether `s` is a calendar date written YYYY-MM-DD.
bool is_iso_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s.substr(0, 4)) ||
      !all_digits(s.substr(5, 2)) || !all_digits(s.substr(8, 2)))
    return false;
  const int year = std::stoi(s.substr(0, 4)), month = std::stoi(s.substr(5, 2)),
            day = std::stoi(s.substr(8, 2));
  if (month < 1 || month > 12 || day < 1) return false;
  static const int kDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= (month == 2 && !leap ? 28 : kDays[month - 1]);
}

// Reads one manifest entry from its named fields (empty values count as absent) into an
// Input. `where` is "manifest FILE:LINE" for the messages.
class EntryReader {
 public:
  EntryReader(const fs::path& base, std::string where) : base_(base), where_(std::move(where)) {}

  void field(const std::string& name, const std::string& value) {
    if (!is_known_field(name)) fail("unknown field '" + name + "'");
    if (value.empty()) return;
    if (is_source_name(name)) {
      source_ = value;
    } else if (name == "municipality_code") {
      if (value.size() != 6 || !all_digits(value))
        fail("municipality_code '" + value + "' is not 6 digits");
      input_.municipality_code = value;
    } else if (name == "published") {
      if (!is_iso_date(value)) fail("published '" + value + "' is not a date (YYYY-MM-DD)");
      input_.published = value;
    } else if (name == "audit_type") {
      if (std::find(kAuditTypes.begin(), kAuditTypes.end(), value) == kAuditTypes.end())
        fail("audit_type '" + value + "' is not one of the schema's (comprehensive_external, " +
             "individual_external, regular, administrative, financial_aid, public_funds, " +
             "commissioner, resident_request, other)");
      input_.audit_type = value;
    }
  }

  Input finish() {
    if (source_.empty()) fail("no path or URL");
    if (fetch::has_url_scheme(source_)) {
      if (std::string problem = fetch::url_problem(source_); !problem.empty())
        fail(fetch::redact_url(source_) + ": " + problem);
      input_.url = source_;
      input_.path = fetch::redact_url(source_);
    } else {
      fs::path p(source_);
      input_.path = (p.is_absolute() ? p : base_ / p).string();
    }
    return std::move(input_);
  }

  [[noreturn]] void fail(const std::string& why) const {
    throw std::runtime_error(where_ + ": " + why);
  }

 private:
  fs::path base_;
  std::string where_;
  std::string source_;
  Input input_;
};

std::vector<Input> read_csv(std::istream& in, const std::string& manifest, const fs::path& base) {
  std::string line;
  if (!std::getline(in, line)) throw std::runtime_error("manifest " + manifest + ": empty");
  if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // a spreadsheet's byte-order mark
  const std::vector<std::string> header = split_csv(line);
  const std::string where1 = "manifest " + manifest + ":1";
  int sources = 0;
  for (const auto& name : header) {
    if (!is_known_field(name))
      throw std::runtime_error(where1 + ": unknown column '" + name +
                               "' (known: path or url or source, municipality_code, published, "
                               "audit_type)");
    if (std::count(header.begin(), header.end(), name) > 1)
      throw std::runtime_error(where1 + ": column '" + name + "' given twice");
    sources += is_source_name(name);
  }
  if (sources == 0) throw std::runtime_error(where1 + ": no 'path' column (or 'url', 'source')");
  if (sources > 1)
    throw std::runtime_error(where1 + ": more than one of the columns path, url, source");
  std::vector<Input> out;
  for (int n = 2; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::vector<std::string> fields = split_csv(line);
    EntryReader entry(base, "manifest " + manifest + ":" + std::to_string(n));
    if (fields.size() > header.size())
      entry.fail(std::to_string(fields.size()) + " fields, the header names " +
                 std::to_string(header.size()));
    for (std::size_t k = 0; k < fields.size(); ++k) entry.field(header[k], fields[k]);
    out.push_back(entry.finish());
  }
  return out;
}

std::vector<Input> read_json_lines(std::istream& in, const std::string& manifest,
                                   const fs::path& base) {
  std::vector<Input> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    EntryReader entry(base, "manifest " + manifest + ":" + std::to_string(n));
    nlohmann::json object;
    try {
      object = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      entry.fail(std::string("not JSON: ") + e.what());
    }
    if (!object.is_object()) entry.fail("not a JSON object");
    int sources = 0;
    for (const auto& [key, value] : object.items()) {
      if (value.is_null()) continue;
      if (!value.is_string()) entry.fail("'" + key + "' is not a string");
      sources += is_source_name(key);
      entry.field(key, value.get<std::string>());
    }
    if (sources > 1) entry.fail("more than one of the keys path, url, source");
    out.push_back(entry.finish());
  }
  if (out.empty() && in.bad()) throw std::runtime_error("manifest " + manifest + ": read error");
  return out;
}

bool is_json_lines(const std::string& manifest, std::istream& in) {
  std::string ext = fs::path(manifest).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  if (ext == ".jsonl" || ext == ".ndjson") return true;
  if (ext == ".csv") return false;
  char c = 0;
  while (in.get(c)) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u == 0xEF || u == 0xBB || u == 0xBF) continue;  // a byte-order mark
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') break;
  }
  const bool object = in && c == '{';
  in.clear();
  in.seekg(0);
  return object;
}

}  // namespace

std::vector<Input> expand_paths(const std::vector<std::string>& args,
                                const std::optional<std::string>& municipality_code) {
  std::vector<Input> out;
  for (const auto& a : args) {
    std::error_code ec;
    if (fs::is_directory(a, ec)) {
      std::vector<std::string> found;
      for (const auto& e : fs::recursive_directory_iterator(a, ec))
        if (e.is_regular_file() && is_pdf_name(e.path())) found.push_back(e.path().string());
      std::sort(found.begin(), found.end());
      for (auto& f : found) {
        Input input;
        input.path = std::move(f);
        input.municipality_code = municipality_code;
        out.push_back(std::move(input));
      }
    } else {
      Input input;
      input.path = a;
      input.municipality_code = municipality_code;
      out.push_back(std::move(input));
    }
  }
  return out;
}

std::vector<Input> read_manifest(const std::string& manifest) {
  std::ifstream in(manifest, std::ios::binary);
  if (!in) throw std::runtime_error("manifest " + manifest + ": cannot be read");
  const fs::path base = fs::path(manifest).parent_path();
  return is_json_lines(manifest, in) ? read_json_lines(in, manifest, base)
                                     : read_csv(in, manifest, base);
}

std::string input_file_name(const Input& input) {
  return input.is_remote() ? fetch::url_file_name(input.url)
                           : fs::path(input.path).filename().string();
}

void apply_input_fields(const Input& input, DocumentInfo& document) {
  if (input.is_remote()) document.file = input_file_name(input);
  if (input.audit_type && !document.audit_type) {
    document.audit_type = input.audit_type;
    document.field_confidence["audit_type"] = kGivenAuditTypeConfidence;
  }
  if (input.published) document.published = input.published;
}

}  // namespace kansa::cli
