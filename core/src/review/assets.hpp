// The static files of the review page, embedded at build time from review/assets/ (see
// embed_assets.cmake): index.html (with @DATABASE@, @FINDINGS@ and @VERSION@ to fill),
// review.js, review.css.
#pragma once

namespace kansa::review::assets {

extern const char* const kIndexHtml;
extern const char* const kReviewJs;
extern const char* const kReviewCss;

}  // namespace kansa::review::assets
