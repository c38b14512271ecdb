// Process-wide ICU normalizers, built once (thread-safe statics) and shared read-only:
// ICU's Normalizer2 objects are immutable and safe to use from several threads.
#pragma once

#include <unicode/normalizer2.h>

namespace kansa::text {

// Plain NFKC.
const icu::Normalizer2& nfkc();

// NFKC applied to everything except the circled numbers ①–⑳, which pass through unchanged.
const icu::Normalizer2& nfkc_keeping_circled_numbers();

}  // namespace kansa::text
