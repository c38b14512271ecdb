#include "interpret/confidence.hpp"

#include <algorithm>

namespace kansa::interpret {

double clamp_confidence(double c) { return std::clamp(c, 0.01, 0.99); }

double for_source(double base, FieldKind kind, bool ocr, double ocr_conf) {
  if (!ocr) return clamp_confidence(base);
  ocr_conf = std::clamp(ocr_conf, 0.0, 1.0);
  double factor = kind == FieldKind::Text ? 0.45 + 0.35 * ocr_conf : 0.7 + 0.25 * ocr_conf;
  return clamp_confidence(base * factor);
}

void for_grid(FieldConfidence& fields, double table_confidence) {
  constexpr double kRuledGrid = 0.95;
  const double factor = std::clamp(table_confidence / kRuledGrid, 0.0, 1.0);
  for (auto& [name, c] : fields) c = clamp_confidence(c * factor);
}

double combine(const FieldConfidence& fields) {
  double p = 1.0;
  for (const auto& [name, c] : fields) p *= c;
  return clamp_confidence(p);
}

}  // namespace kansa::interpret
