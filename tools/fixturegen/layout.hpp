// A layout family: draws one report PDF from a random generator and returns what it drew.
// Each family lives in layouts/<name>.cpp and is listed once in layouts.cpp.
#pragma once

#include <string>
#include <vector>

#include "canvas.hpp"
#include "document.hpp"
#include "random.hpp"

namespace fixturegen {

struct LayoutOutput {
  Document doc;                       // the truth, as printed
  int pages = 0;                      // pages written
  int split_rows = 0;                 // table rows that break across a page boundary
  std::vector<std::string> features;  // what this instance exercises (for index.json)
};

struct Layout {
  std::string name;         // CLI --layout value, kebab-case
  std::string description;  // one line for index.json and --help
  // Writes the PDF to target.path (scanning the pages target.scanner wants); throws
  // std::exception on failure.
  LayoutOutput (*generate)(Random& rng, const Municipality& municipality, const PdfTarget& target);
  // Whether documents cycle through this family when no --layout is given. Families added
  // after the committed set was made are opt-in (false), so that a run without --layout keeps
  // giving the committed fixtures/generated/ byte for byte.
  bool in_default_cycle = true;
};

// All layout families, in a fixed order (documents cycle through it).
const std::vector<Layout>& layouts();

}  // namespace fixturegen
