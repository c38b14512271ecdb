// Page routes in words, for the ingest progress line and `kansa status`.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "kansa/model.hpp"
#include "kansa/store.hpp"

namespace kansa::cli {

// "1 page not read: page 2: no text layer (pipeline has no OCR stage; the default one has)";
// pages with the same reason are grouped ("pages 2-4, 7: ..."). Empty when every page was read.
std::string unread_pages_note(const std::vector<PageRoute>& routes);

// "2 pages: 1 text, 1 ocr" (routes that occur only).
std::string route_counts(const std::vector<PageRoute>& routes);

// A header line for the document, then one line per page: number, route, reason, and the
// OCR stage's account when it read the page.
void print_page_routes(const store::StoredPageRoutes& document, std::FILE* out);

}  // namespace kansa::cli
