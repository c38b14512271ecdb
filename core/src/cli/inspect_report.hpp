// `kansa inspect`: what interpretation made of one document, as one JSON object (the --json
// output) and in words (the default output, rendered from that same object so that the two
// never say different things).
#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "kansa/interpret_explain.hpp"
#include "kansa/model.hpp"

namespace kansa::cli {

// Field confidences below this are marked in the report.
constexpr double kDoubtfulConfidence = 0.6;

struct InspectInput {
  const Document* doc = nullptr;
  const Extraction* extraction = nullptr;  // as ingest stores it (page routes included)
  const interpret::Explanation* explanation = nullptr;
  std::string pipeline;  // the pipeline's name
};

// The report: file, pages and their routes, the layout chosen with its confidence and the
// evidence, tables, block reading, legend, document fields and items, every confidence.
nlohmann::ordered_json inspect_report(const InspectInput& in);

// The report in words.
void print_inspect_report(const nlohmann::ordered_json& report, std::FILE* out);

}  // namespace kansa::cli
