// The image-pixel budget of the OCR stage. Rendering a page decodes every image it draws at
// the image's declared size, whatever size it is drawn at: an image declared 40000 x 40000
// with a kilobyte of data costs 1.6 G pixels of decoding (and a JPEG 2000 one the whole
// bitmap in memory). Images over `max_pixels` are refused in two places:
//   - before any page is rendered, from the page's resources (image XObjects, also inside
//     form XObjects): the usual case, so a document is refused before any work;
//   - while rendering, by the output device, for what the resources do not show (inline
//     images in the content stream, images of patterns, Type 3 glyphs or annotations):
//     the image is not decoded and rendering stops.
// Either way the stage fails with KANSA_ERR_RESOURCE and the document is not stored.
#pragma once

#include <SplashOutputDev.h>

#include <optional>
#include <string>

class Page;

namespace kansa::ocr {

// "image /Im1 is 40000 x 40000 pixels (1600 megapixels), over the image-pixel budget of 200
// megapixels (option max_image_pixels)" for the first image XObject over `max_pixels` the
// page's resources name (forms followed a few levels deep); nullopt when all fit.
std::optional<std::string> image_over_budget(Page& page, long long max_pixels);

// The sentence for one image of `width` x `height` pixels; `what` names it ("image /Im1",
// "inline image").
std::string image_budget_refusal(const std::string& what, long long width, long long height,
                                 long long max_pixels);

// SplashOutputDev that does not decode images over the budget: it records the refusal and
// asks the renderer to stop (pass stop_requested as displayPage's abortCheckCbk).
class BudgetedSplashOutputDev final : public SplashOutputDev {
 public:
  BudgetedSplashOutputDev(SplashColorMode mode, SplashColorPtr paper, long long max_pixels)
      : SplashOutputDev(mode, 4, false, paper), max_pixels_(max_pixels) {}

  const std::optional<std::string>& refusal() const { return refusal_; }
  static bool stop_requested(void* device);

  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height, bool invert,
                     bool interpolate, bool inline_image) override;
  void setSoftMaskFromImageMask(GfxState* state, Object* ref, Stream* str, int width, int height,
                                bool invert, bool inline_image, double* base_matrix) override;
  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height,
                 GfxImageColorMap* color_map, bool interpolate, const int* mask_colors,
                 bool inline_image) override;
  void drawMaskedImage(GfxState* state, Object* ref, Stream* str, int width, int height,
                       GfxImageColorMap* color_map, bool interpolate, Stream* mask_str,
                       int mask_width, int mask_height, bool mask_invert,
                       bool mask_interpolate) override;
  void drawSoftMaskedImage(GfxState* state, Object* ref, Stream* str, int width, int height,
                           GfxImageColorMap* color_map, bool interpolate, Stream* mask_str,
                           int mask_width, int mask_height, GfxImageColorMap* mask_color_map,
                           bool mask_interpolate) override;

 private:
  // False (and the refusal recorded) when an image of this size must not be decoded.
  bool allowed(long long width, long long height, bool inline_image);

  long long max_pixels_;
  std::optional<std::string> refusal_;
};

}  // namespace kansa::ocr
