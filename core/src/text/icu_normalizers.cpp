#include "text/icu_normalizers.hpp"

#include <stdexcept>
#include <string>

#include <unicode/uniset.h>

namespace kansa::text {
namespace {

void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("ICU: ") + what + ": " + u_errorName(status));
  }
}

// The filter set and the filtered normalizer live together for the whole process.
struct Filtered {
  icu::UnicodeSet filter;
  icu::FilteredNormalizer2 normalizer;
  Filtered() : filter(make_filter()), normalizer(nfkc(), filter) {}

  static icu::UnicodeSet make_filter() {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeSet set(icu::UnicodeString(u"[^\\u2460-\\u2473]"), status);
    check(status, "circled-number filter");
    set.freeze();
    return set;
  }
};

}  // namespace

const icu::Normalizer2& nfkc() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    check(status, "NFKC instance");
    return n;
  }();
  return *instance;
}

const icu::Normalizer2& nfkc_keeping_circled_numbers() {
  static const Filtered instance;
  return instance.normalizer;
}

}  // namespace kansa::text
