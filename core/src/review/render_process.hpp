// Page images are drawn in a child process (`kansa render-pages`), limited and sandboxed like
// an ingest worker: a page that crashes or hangs the renderer costs its images, never the
// review. One child per document.
#pragma once

#include <string>
#include <vector>

namespace kansa::review {

struct RenderJob {
  std::string executable;  // the kansa binary
  std::string pdf;
  std::vector<int> pages;  // 1-based
  double dpi = 100;
  std::string folder;     // where the child writes page-N.png (it may write nowhere else)
  double timeout_s = 60;  // for the whole job; the child is killed past it
  int memory_mb = 2048;   // its address-space limit
};

struct PageImage {
  int page = 0;
  bool ok = false;
  std::string png;  // the file written, when ok
  int width_px = 0, height_px = 0;
  std::string error;  // why not, when not ok
};

// Runs the child and returns one entry per page of `job.pages`, in order. Never throws for
// what the child does (crash, hang, garbage); a page it did not report has the reason.
std::vector<PageImage> render_in_child(const RenderJob& job);

// The line the child prints for a page: "ok N W H" or "error N message" (the message on one
// line). Parsed back by render_in_child.
std::string render_ok_line(int page, int width_px, int height_px);
std::string render_error_line(int page, const std::string& message);

}  // namespace kansa::review
