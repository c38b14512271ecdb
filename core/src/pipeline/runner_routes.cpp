// The route of each page (text layer, OCR, or none) with its reason, as kept with a stored
// document: the runner decides the route in extract(); this puts the decision in words.
#include "kansa/pipeline.hpp"

namespace kansa::pipeline {

std::string text_layer_account(const Page& page) {
  switch (page.text_layer) {
    case TextLayer::Absent:
      return "no text layer";
    case TextLayer::Unusable:
      return page.text_layer_reason.empty() ? "text layer unusable"
                                            : "text layer unusable: " + page.text_layer_reason;
    case TextLayer::Usable:
      break;
  }
  return page.text_layer_reason.empty() ? "text layer usable"
                                        : "text layer usable: " + page.text_layer_reason;
}

std::vector<PageRoute> route_pages(const Document& doc, bool has_ocr_stage) {
  std::vector<PageRoute> routes;
  routes.reserve(doc.pages.size());
  for (const Page& p : doc.pages) {
    PageRoute r;
    r.page = p.number;
    r.text_layer = p.text_layer;
    r.text_layer_reason = p.text_layer_reason;
    r.reason = text_layer_account(p);
    if (p.method == "ocr") {
      r.route = "ocr";
      r.ocr_reason = p.ocr_reason;
    } else if (p.text_layer == TextLayer::Usable) {
      r.route = "text";
    } else {
      // Its text was dropped before interpretation (drop_untrusted_text): say why nothing
      // else read it, so that the loss is visible rather than silent.
      r.route = "none";
      r.reason += has_ocr_stage ? " (the OCR stage returned nothing for it)"
                                : " (pipeline has no OCR stage; the default one has)";
    }
    routes.push_back(std::move(r));
  }
  return routes;
}

}  // namespace kansa::pipeline
