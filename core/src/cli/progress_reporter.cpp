#include "cli/progress_reporter.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli/ingest_batch.hpp"
#include "cli/progress_bar.hpp"

namespace kansa::cli {

namespace {

std::string format_seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", s);
  return buf;
}

std::string prefix(std::size_t index, std::size_t total, const std::string& path) {
  return "[" + std::to_string(index + 1) + "/" + std::to_string(total) + "] " + path + ": ";
}

void put_line(std::FILE* out, const std::string& line) {
  std::fputs(line.c_str(), out);
  std::fputc('\n', out);
  std::fflush(out);
}

// Plain lines; with `quiet`, only those of documents that failed and of a fatal error.
class PlainLines : public ProgressReporter {
 public:
  PlainLines(std::size_t total, std::FILE* out, bool quiet)
      : total_(total), out_(out), quiet_(quiet) {}

  void retry(const RetryReport& r) override {
    if (!quiet_) put_line(out_, plain_retry_line(r, total_));
  }
  void document(const DocumentReport& d) override {
    if (!quiet_ || d.failed()) put_line(out_, plain_document_line(d, total_));
  }
  void fatal(std::size_t index, const std::string& path, const std::string& message) override {
    put_line(out_, prefix(index, total_, path) + "FAILED\nkansa: " + message);
  }
  void summary(const SummaryReport& s) override {
    if (!quiet_) put_line(out_, plain_summary_line(s));
  }

 private:
  std::size_t total_;
  std::FILE* out_;
  bool quiet_;
};

// Seconds to the millisecond: enough for a log, and short.
double rounded(double s) { return std::round(s * 1000) / 1000; }

template <typename T>
nlohmann::ordered_json optional_value(const std::optional<T>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json text_or_null(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}

// One JSON object per line (README, "Progress and logs", lists the fields).
class JsonLines : public ProgressReporter {
 public:
  JsonLines(std::size_t total, std::FILE* out, bool quiet)
      : total_(total), out_(out), quiet_(quiet) {}

  void retry(const RetryReport& r) override {
    if (quiet_) return;
    auto j = event("retry", r.index, r.path, r.file);
    j["status"] = "failed_transient";
    j["reason"] = r.reason;
    j["attempt"] = r.attempt;
    j["seconds"] = rounded(r.seconds);
    emit(j);
  }
  void document(const DocumentReport& d) override {
    if (quiet_ && !d.failed()) return;
    auto j = event("document", d.index, d.path, d.file);
    j["sha256"] = text_or_null(d.sha256);
    j["status"] = d.status;
    j["reason"] = text_or_null(d.reason);
    j["findings"] = optional_value(d.findings);
    j["pages"] = optional_value(d.pages);
    j["method"] = text_or_null(d.method);
    j["unread_pages"] = text_or_null(d.note);
    j["attempt"] = d.attempt;
    j["seconds"] = rounded(d.seconds);
    emit(j);
  }
  void fatal(std::size_t index, const std::string& path, const std::string& message) override {
    auto j = event("fatal", index, path, std::filesystem::path(path).filename().string());
    j["status"] = "error";
    j["reason"] = message;
    emit(j);
  }
  void summary(const SummaryReport& s) override {
    if (quiet_) return;
    nlohmann::ordered_json j;
    j["time"] = utc_timestamp();
    j["event"] = "summary";
    j["documents"] = s.documents;
    j["stored"] = s.stored;
    j["unchanged"] = s.unchanged;
    j["failed"] = s.failed;
    j["findings"] = s.findings;
    j["db"] = s.db_path;
    j["seconds"] = rounded(s.seconds);
    j["exit_status"] = s.exit_status;
    emit(j);
  }

 private:
  nlohmann::ordered_json event(const char* name, std::size_t index, const std::string& path,
                               const std::string& file) const {
    nlohmann::ordered_json j;
    j["time"] = utc_timestamp();
    j["event"] = name;
    j["index"] = index + 1;
    j["total"] = total_;
    j["file"] = file;
    j["path"] = path;
    return j;
  }
  void emit(const nlohmann::ordered_json& j) {
    // File names are bytes: invalid UTF-8 is replaced (U+FFFD) rather than failing the run.
    put_line(out_, j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  }

  std::size_t total_;
  std::FILE* out_;
  bool quiet_;
};

bool is_terminal(std::FILE* out) {
  if (!isatty(fileno(out))) return false;
  const char* term = std::getenv("TERM");
  return term == nullptr || std::strcmp(term, "dumb") != 0;
}

}  // namespace

std::string plain_document_line(const DocumentReport& d, std::size_t total) {
  std::string line = prefix(d.index, total, d.path);
  if (d.failed()) line += "FAILED: ";
  line += d.detail + " (" + format_seconds(d.seconds) + " s)";
  if (!d.note.empty()) line += "; " + d.note;
  return line;
}

std::string plain_retry_line(const RetryReport& r, std::size_t total) {
  return prefix(r.index, total, r.path) + "attempt " + std::to_string(r.attempt) +
         " failed: " + r.reason + "; retrying (" + format_seconds(r.seconds) + " s)";
}

std::string plain_summary_line(const SummaryReport& s) {
  return "kansa: " + std::to_string(s.documents) + " documents: " + std::to_string(s.stored) +
         " stored, " + std::to_string(s.unchanged) + " unchanged, " + std::to_string(s.failed) +
         " failed; " + std::to_string(s.findings) + " findings added to " + s.db_path + " in " +
         format_seconds(s.seconds) + " s";
}

std::unique_ptr<ProgressReporter> make_progress_reporter(const ReporterOptions& options,
                                                         std::size_t total, std::FILE* out) {
  if (options.format == LogFormat::Json)
    return std::make_unique<JsonLines>(total, out, options.quiet);
  if (options.format == LogFormat::Auto && !options.quiet && is_terminal(out))
    return std::make_unique<TerminalBar>(total, out);
  return std::make_unique<PlainLines>(total, out, options.quiet);
}

}  // namespace kansa::cli
