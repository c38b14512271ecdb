// What the review page shows, as the JSON of data.js: one entry per finding with its
// document, extracted fields, confidences, the account of its confidence (reasons.hpp) and
// its pages with the boxes it was read from.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "kansa/model.hpp"

namespace kansa::review {

// The image of one page of one document, as the output folder has it.
struct PageImageRef {
  std::string file;  // relative to the output folder (pages/....png); empty when none
  int width_px = 0, height_px = 0;
  double dpi = 0;
  std::string unavailable;  // why there is no image
};
// By document SHA-256 and page number.
using PageImages = std::map<std::pair<std::string, int>, PageImageRef>;

// Pages a finding is shown with: its source pages and the pages of its boxes, ascending.
std::vector<int> pages_shown(const Finding& f);

// Every finding as (document index, finding index), lowest confidence first; a confidence
// that is not a number first of all; ties in document and ordinal order.
std::vector<std::pair<size_t, size_t>> review_order(const std::vector<Extraction>& extractions);

// The entry of finding `f` of `ex` in data.js. Box coordinates stay in PDF points; each page
// carries its size in points (from the image's pixels and resolution), for the overlay.
nlohmann::json finding_entry(const Extraction& ex, const Finding& f, const PageImages& images);

// The whole of data.js: `window.KANSA_REVIEW = {...};` with `entries` as its findings,
// embedded safely (script_json).
std::string data_script(const nlohmann::json& entries);

}  // namespace kansa::review
