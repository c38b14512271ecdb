#include "cli/page_routes_view.hpp"

#include <map>

namespace kansa::cli {

namespace {

// "2-4, 7" for {2, 3, 4, 7} (given in increasing order).
std::string page_ranges(const std::vector<int>& pages) {
  std::string out;
  for (std::size_t i = 0; i < pages.size();) {
    std::size_t j = i;
    while (j + 1 < pages.size() && pages[j + 1] == pages[j] + 1) ++j;
    if (!out.empty()) out += ", ";
    out += std::to_string(pages[i]);
    if (j > i) out += "-" + std::to_string(pages[j]);
    i = j + 1;
  }
  return out;
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

std::string unread_pages_note(const std::vector<PageRoute>& routes) {
  // Reasons in the order of their first page, each with its pages.
  std::vector<std::pair<std::string, std::vector<int>>> groups;
  std::size_t unread = 0;
  for (const PageRoute& r : routes) {
    if (r.route != "none") continue;
    ++unread;
    auto it = groups.begin();
    while (it != groups.end() && it->first != r.reason) ++it;
    if (it == groups.end())
      groups.push_back({r.reason, {r.page}});
    else
      it->second.push_back(r.page);
  }
  if (unread == 0) return "";
  std::string note = plural(unread, "page") + " not read: ";
  constexpr std::size_t kShown = 4;  // a note, not a listing: status --pages has every page
  for (std::size_t g = 0; g < groups.size() && g < kShown; ++g) {
    if (g > 0) note += "; ";
    note += (groups[g].second.size() == 1 ? "page " : "pages ") + page_ranges(groups[g].second) +
            ": " + groups[g].first;
  }
  if (groups.size() > kShown) note += "; ...";
  return note;
}

std::string route_counts(const std::vector<PageRoute>& routes) {
  std::map<std::string, std::size_t> counts;
  for (const PageRoute& r : routes) ++counts[r.route];
  std::string out = plural(routes.size(), "page");
  const char* sep = ": ";
  for (const char* route : {"text", "ocr", "none"}) {
    if (!counts.count(route)) continue;
    out += sep + std::to_string(counts[route]) + " " + route;
    sep = ", ";
  }
  return out;
}

void print_page_routes(const store::StoredPageRoutes& document, std::FILE* out) {
  const std::string& name = document.path.empty() ? document.file : document.path;
  if (document.routes.empty()) {
    std::fprintf(out, "%s  %s  %s: no page routes recorded (stored by an older kansa)\n",
                 name.c_str(), document.sha256.c_str(),
                 plural(static_cast<std::size_t>(document.pages), "page").c_str());
    return;
  }
  std::fprintf(out, "%s  %s  %s\n", name.c_str(), document.sha256.c_str(),
               route_counts(document.routes).c_str());
  for (const PageRoute& r : document.routes) {
    std::fprintf(out, "  page %4d  %-4s  %s", r.page, r.route.c_str(), r.reason.c_str());
    if (r.ocr_reason && !r.ocr_reason->empty()) std::fprintf(out, "; %s", r.ocr_reason->c_str());
    std::fprintf(out, "\n");
  }
}

}  // namespace kansa::cli
