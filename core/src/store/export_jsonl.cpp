#include "kansa/store.hpp"

namespace kansa::store {

void export_jsonl(const std::vector<Extraction>& extractions, std::ostream& out) {
  for (const Extraction& extraction : extractions)
    for (const Finding& finding : extraction.findings)
      out << finding_json(extraction.document, finding) << '\n';
}

}  // namespace kansa::store
