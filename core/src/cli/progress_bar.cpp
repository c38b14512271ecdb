#include "cli/progress_bar.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace kansa::cli {

namespace {

// Erase the line the cursor is on, and go to its start.
constexpr const char* kClearLine = "\r\x1b[K";

std::string clock_text(double s) {
  const long total = std::lround(std::max(0.0, s));
  char buf[32];
  if (total >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", total / 60, total % 60);
  return buf;
}

int terminal_width(std::FILE* out) {
  winsize size{};
  if (ioctl(fileno(out), TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

}  // namespace

std::string BarState::text(int width) const {
  std::string counts = std::to_string(done) + "/" + std::to_string(total) + " docs  " +
                       std::to_string(pages) + " pages  " + std::to_string(findings) + " findings";
  if (failed > 0) counts += "  " + std::to_string(failed) + " failed";
  char rate[48];
  const double per_s = done > 0 && elapsed_s > 0 ? done / elapsed_s : 0;
  if (done == 0)
    std::snprintf(rate, sizeof rate, "-- docs/s");
  else if (per_s >= 1)
    std::snprintf(rate, sizeof rate, "%.1f docs/s", per_s);
  else
    std::snprintf(rate, sizeof rate, "%.1f docs/min", per_s * 60);
  const std::string left = done == 0 ? "--:-- left" : clock_text((total - done) / per_s) + " left";
  const std::string tail = "  " + counts + "  " + rate + "  " + left;
  const int room = width - 1;
  // The bar takes what the text leaves, between 10 and 30 cells; none on a narrow terminal.
  const int bar_cells = std::min(30, room - static_cast<int>(tail.size()) - 2);
  std::string line;
  if (bar_cells >= 10) {
    const auto filled = total == 0 ? bar_cells : static_cast<int>(bar_cells * done / total);
    line = "[" + std::string(filled, '#') + std::string(bar_cells - filled, '-') + "]" + tail;
  } else {
    line = tail.substr(2);
  }
  if (static_cast<int>(line.size()) > room) line.resize(std::max(0, room));
  return line;
}

TerminalBar::TerminalBar(std::size_t total, std::FILE* out) : out_(out) {
  state_.total = total;
  std::lock_guard lock(mutex_);
  redraw();
  refresher_ = std::thread([this] { refresh_loop(); });
}

TerminalBar::~TerminalBar() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  refresher_.join();
  std::lock_guard lock(mutex_);
  clear();
}

void TerminalBar::refresh_loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::seconds(1));
    if (!stopping_ && shown_) redraw();
  }
}

void TerminalBar::clear() {
  if (!shown_) return;
  std::fputs(kClearLine, out_);
  std::fflush(out_);
  shown_ = false;
}

void TerminalBar::redraw() {
  state_.elapsed_s = std::chrono::duration<double>(Clock::now() - start_).count();
  std::fputs(kClearLine, out_);
  std::fputs(state_.text(terminal_width(out_)).c_str(), out_);
  std::fflush(out_);
  shown_ = true;
}

void TerminalBar::print_above(const std::string& line) {
  clear();
  std::fputs(line.c_str(), out_);
  std::fputc('\n', out_);
}

void TerminalBar::retry(const RetryReport& r) {
  std::lock_guard lock(mutex_);
  print_above(plain_retry_line(r, state_.total));
  redraw();
}

void TerminalBar::document(const DocumentReport& d) {
  std::lock_guard lock(mutex_);
  ++state_.done;
  if (d.failed()) ++state_.failed;
  if (d.pages) state_.pages += static_cast<std::size_t>(std::max(0, *d.pages));
  if (d.findings) state_.findings += *d.findings;
  // Failures, and stored documents with pages nothing read, stay on the screen.
  if (d.failed() || !d.note.empty()) print_above(plain_document_line(d, state_.total));
  redraw();
}

void TerminalBar::fatal(std::size_t index, const std::string& path, const std::string& message) {
  std::lock_guard lock(mutex_);
  print_above("[" + std::to_string(index + 1) + "/" + std::to_string(state_.total) + "] " + path +
              ": FAILED\nkansa: " + message);
  std::fflush(out_);
  stopping_ = true;  // no bar after a fatal error
}

void TerminalBar::summary(const SummaryReport& s) {
  std::lock_guard lock(mutex_);
  stopping_ = true;
  // The bar's last state stays, above the summary.
  redraw();
  std::fputc('\n', out_);
  shown_ = false;
  std::fputs(plain_summary_line(s).c_str(), out_);
  std::fputc('\n', out_);
  std::fflush(out_);
}

}  // namespace kansa::cli
