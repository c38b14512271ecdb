#include "pdftext_options.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>
#include <type_traits>

#include "option_values.hpp"

namespace kansa::pdftext {

namespace {

using sdk::parse_flag;
using sdk::parse_number;

constexpr std::array<kansa_option_spec, 8> kSpecs{{
    {"max_pages", KANSA_OPT_INT, "2000", "Refuse documents with more pages than this (>= 1)."},
    {"min_rule_length", KANSA_OPT_DOUBLE, "3",
     "Shortest stroked segment or thin filled rectangle reported as a ruling line, in points."},
    {"rule_max_thickness", KANSA_OPT_DOUBLE, "3",
     "Filled rectangles at most this thin (points) are ruling lines; thicker ones are areas "
     "such as cell backgrounds."},
    {"report_areas", KANSA_OPT_BOOL, "true",
     "Also report filled rectangles thicker than rule_max_thickness (cell backgrounds, table "
     "rows drawn as coloured bands) as boxes thick both ways; the tables stage decides whether "
     "their edges are grid lines."},
    {"unusable_threshold", KANSA_OPT_DOUBLE, "0.3",
     "Share (0..1] of a page's glyphs that may be undecodable or guessed symbols before its "
     "text layer is declared unusable."},
    {"max_page_side", KANSA_OPT_DOUBLE, "14400",
     "Refuse documents with a page wider or taller than this many points (14400 = 200 inches, "
     "the PDF reference's implementation limit)."},
    {"max_font_program_mb", KANSA_OPT_INT, "64",
     "Refuse documents embedding a font program that inflates beyond this many MiB (a Flate "
     "bomb: Poppler loads whole font programs into memory). Text extraction checks the programs "
     "Poppler reads for text (simple Type 1 and Type 1C fonts'); page images, every program."},
    {"max_render_pixels", KANSA_OPT_INT, "50000000",
     "Refuse to render a page image (kansa review) of more pixels than this at the resolution "
     "asked for."},
}};

}  // namespace

std::span<const kansa_option_spec> option_specs() { return kSpecs; }

bool parse_options(std::span<const kansa_option> given, Options& out, std::string& problem) {
  const auto read = [&out](std::string_view key, std::string_view value,
                           std::string_view& expectation) -> std::optional<bool> {
    if (key == "max_pages") {
      expectation = "an integer >= 1";
      return parse_number(value, out.max_pages) && out.max_pages >= 1;
    }
    if (key == "min_rule_length") {
      expectation = "a number of points >= 0";
      return parse_number(value, out.min_rule_length) && out.min_rule_length >= 0;
    }
    if (key == "rule_max_thickness") {
      expectation = "a number of points > 0";
      return parse_number(value, out.rule_max_thickness) && out.rule_max_thickness > 0;
    }
    if (key == "report_areas") {
      expectation = "true or false";
      return parse_flag(value, out.report_areas);
    }
    if (key == "unusable_threshold") {
      expectation = "a number in (0, 1]";
      return parse_number(value, out.unusable_threshold) && out.unusable_threshold > 0 &&
             out.unusable_threshold <= 1;
    }
    if (key == "max_page_side") {
      expectation = "a number of points > 0";
      return parse_number(value, out.max_page_side) && out.max_page_side > 0;
    }
    if (key == "max_font_program_mb") {
      expectation = "an integer in [1, 4096]";
      return parse_number(value, out.max_font_program_mb) && out.max_font_program_mb >= 1 &&
             out.max_font_program_mb <= 4096;
    }
    if (key == "max_render_pixels") {
      expectation = "an integer >= 1";
      return parse_number(value, out.max_render_pixels) && out.max_render_pixels >= 1;
    }
    return std::nullopt;
  };
  return sdk::read_options(given, "pdftext", problem, read);
}

}  // namespace kansa::pdftext
