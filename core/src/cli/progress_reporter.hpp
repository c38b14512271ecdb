// What `kansa ingest` tells about its progress on stderr, in one of three forms chosen by
// --log-format and --quiet (README, "Progress and logs"):
//   - plain lines: one per document in input order, a line per retried attempt, a summary;
//   - a progress bar redrawn in place on a terminal, with the lines of failures, retries and
//     documents with pages not read printed above it, and the summary at the end;
//   - JSON lines: one object per document, retry, fatal error and summary.
// --quiet keeps only the documents that failed (and a fatal error): nothing else.
// The batch calls the reporter from one thread, in input order.
#pragma once

#include <cstddef>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

namespace kansa::cli {

enum class LogFormat {
  Auto,   // a bar when stderr is a terminal (and TERM is not dumb), plain lines otherwise
  Plain,  // plain lines, even on a terminal
  Json,   // one JSON object per line
};

struct ReporterOptions {
  LogFormat format = LogFormat::Auto;
  bool quiet = false;
};

// The last attempt at one document, as the batch settled it.
struct DocumentReport {
  std::size_t index = 0;  // 0-based, in input order
  std::string path, file, sha256;
  // stored | unchanged | failed_permanent | failed_transient (as in the status table), or
  // error (kansa's own failure, such as a database write; nothing was recorded).
  std::string status;
  // The plain line's text: "3 findings, 2 pages, text", "already stored, unchanged", or the
  // reason of a failure.
  std::string detail;
  std::string reason;  // of a failure; empty otherwise
  std::string note;    // a stored document's pages not read ("1 page not read: ..."), or empty
  std::optional<std::size_t> findings;  // stored documents
  std::optional<int> pages;             // when known (the worker reported them)
  std::string method;                   // stored documents: text, ocr or mixed
  int attempt = 1;
  double seconds = 0;  // of the last attempt

  bool failed() const { return status != "stored" && status != "unchanged"; }
};

// A transient failure that will be tried again.
struct RetryReport {
  std::size_t index = 0;
  std::string path, file;
  int attempt = 1;  // the attempt that failed
  std::string reason;
  double seconds = 0;
};

struct SummaryReport {
  std::size_t documents = 0, stored = 0, unchanged = 0, failed = 0, findings = 0;
  std::string db_path;
  double seconds = 0;
  int exit_status = 0;
};

class ProgressReporter {
 public:
  virtual ~ProgressReporter() = default;
  virtual void retry(const RetryReport& r) = 0;
  virtual void document(const DocumentReport& d) = 0;
  // No worker process could be started for document `index`: the run stops.
  virtual void fatal(std::size_t index, const std::string& path, const std::string& message) = 0;
  virtual void summary(const SummaryReport& s) = 0;
};

// The reporter for `options`, writing to `out`, for a run of `total` documents.
std::unique_ptr<ProgressReporter> make_progress_reporter(const ReporterOptions& options,
                                                         std::size_t total,
                                                         std::FILE* out = stderr);

// The plain progress line of a document, without its newline:
// "[2/5] a.pdf: 3 findings, 2 pages, text (0.41 s)", "[3/5] b.pdf: FAILED: reason (0.02 s)".
std::string plain_document_line(const DocumentReport& d, std::size_t total);
std::string plain_retry_line(const RetryReport& r, std::size_t total);
std::string plain_summary_line(const SummaryReport& s);

}  // namespace kansa::cli
