// The terminal form of the ingest progress (progress_reporter.hpp): one status line redrawn
// in place, refreshed every second by a thread of its own so that the elapsed time and the
// time left move while a long document is read.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

#include "cli/progress_reporter.hpp"

namespace kansa::cli {

// What the bar shows, and its text for a line `width` columns wide (at most width - 1
// characters, so that the terminal never wraps it):
// "[#####-----]  12/40 docs  318 pages  1204 findings  1 failed  1.6 docs/s  0:17 left"
struct BarState {
  std::size_t total = 0, done = 0, failed = 0, pages = 0, findings = 0;
  double elapsed_s = 0;
  std::string text(int width) const;
};

class TerminalBar : public ProgressReporter {
 public:
  TerminalBar(std::size_t total, std::FILE* out);
  ~TerminalBar() override;
  TerminalBar(const TerminalBar&) = delete;
  TerminalBar& operator=(const TerminalBar&) = delete;

  void retry(const RetryReport& r) override;
  void document(const DocumentReport& d) override;
  void fatal(std::size_t index, const std::string& path, const std::string& message) override;
  void summary(const SummaryReport& s) override;

 private:
  using Clock = std::chrono::steady_clock;
  // Each of these holds mutex_.
  void print_above(const std::string& line);
  void redraw();
  void clear();
  void refresh_loop();

  std::FILE* out_;
  const Clock::time_point start_ = Clock::now();
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false, shown_ = false;
  BarState state_;
  std::thread refresher_;  // last: started once everything it reads is set up
};

}  // namespace kansa::cli
