// Refs such as (3) or 2(4) as OCR leaves them, mended from the document's other refs.
#pragma once

#include <vector>

#include "kansa/model.hpp"

namespace kansa::interpret {

// OCR reads a bracketed number in a label column with a bracket lost (1), (4) or as a circled
// number (③), 2④, (④). Where the document's other refs print the same prefix with a whole
// bracketed number (2(3), (2)), such a ref from a scan is that form: (1), 2(4), (4), with its
// confidence lowered. Refs of text pages, and forms no clean ref shares, are left as they are.
void mend_bracketed_refs(std::vector<Finding>& findings);

}  // namespace kansa::interpret
