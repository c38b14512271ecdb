#include "image_budget.hpp"

#include <Object.h>
#include <Page.h>

#include <cstdio>
#include <set>

namespace kansa::ocr {

namespace {

// Form XObjects may nest; real documents nest a few levels, hostile ones forever.
constexpr int kMaxDepth = 8;

std::string megapixels(double pixels) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", pixels / 1e6);
  return buf;
}

class ResourceWalk {
 public:
  explicit ResourceWalk(long long max_pixels) : max_pixels_(max_pixels) {}

  std::optional<std::string> check(const Object& resources, int depth) {
    if (!resources.isDict() || depth > kMaxDepth) return std::nullopt;
    const Object xobjects = resources.dictLookup("XObject");
    if (!xobjects.isDict()) return std::nullopt;
    for (int i = 0; i < xobjects.dictGetLength(); ++i) {
      const Object& ref = xobjects.dictGetValNF(i);
      if (ref.isRef() && !seen_.insert(ref.getRef()).second) continue;
      const Object xobject = xobjects.dictGetVal(i);
      if (!xobject.isStream()) continue;
      Dict* dict = xobject.streamGetDict();
      const Object subtype = dict->lookup("Subtype");
      if (subtype.isName("Image")) {
        const Object w = dict->lookup("Width"), h = dict->lookup("Height");
        if (!w.isNum() || !h.isNum()) continue;  // Poppler refuses to draw it anyway
        const double width = w.getNum(), height = h.getNum();
        if (width * height > double(max_pixels_))
          return image_budget_refusal(std::string("image /") + xobjects.dictGetKey(i),
                                      (long long)width, (long long)height, max_pixels_);
      } else if (subtype.isName("Form")) {
        if (auto problem = check(dict->lookup("Resources"), depth + 1)) return problem;
      }
    }
    return std::nullopt;
  }

 private:
  long long max_pixels_;
  std::set<Ref> seen_;
};

}  // namespace

std::string image_budget_refusal(const std::string& what, long long width, long long height,
                                 long long max_pixels) {
  return what + " is " + std::to_string(width) + " x " + std::to_string(height) + " pixels (" +
         megapixels(double(width) * double(height)) + " megapixels), over the image-pixel " +
         "budget of " + megapixels(double(max_pixels)) + " megapixels (option max_image_pixels)";
}

std::optional<std::string> image_over_budget(Page& page, long long max_pixels) {
  Object* resources = page.getResourceDictObject();
  if (resources == nullptr) return std::nullopt;
  return ResourceWalk(max_pixels).check(*resources, 0);
}

bool BudgetedSplashOutputDev::stop_requested(void* device) {
  return static_cast<BudgetedSplashOutputDev*>(device)->refusal_.has_value();
}

bool BudgetedSplashOutputDev::allowed(long long width, long long height, bool inline_image) {
  if (refusal_) return false;
  if (double(width) * double(height) <= double(max_pixels_)) return true;
  // Not decoded: Poppler then skips an inline image's data up to its EI itself.
  refusal_ =
      image_budget_refusal(inline_image ? "inline image" : "image", width, height, max_pixels_);
  return false;
}

void BudgetedSplashOutputDev::drawImageMask(GfxState* state, Object* ref, Stream* str, int width,
                                            int height, bool invert, bool interpolate,
                                            bool inline_image) {
  if (allowed(width, height, inline_image))
    SplashOutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate,
                                   inline_image);
}

void BudgetedSplashOutputDev::setSoftMaskFromImageMask(GfxState* state, Object* ref, Stream* str,
                                                       int width, int height, bool invert,
                                                       bool inline_image, double* base_matrix) {
  if (allowed(width, height, inline_image))
    SplashOutputDev::setSoftMaskFromImageMask(state, ref, str, width, height, invert, inline_image,
                                              base_matrix);
}

void BudgetedSplashOutputDev::drawImage(GfxState* state, Object* ref, Stream* str, int width,
                                        int height, GfxImageColorMap* color_map, bool interpolate,
                                        const int* mask_colors, bool inline_image) {
  if (allowed(width, height, inline_image))
    SplashOutputDev::drawImage(state, ref, str, width, height, color_map, interpolate, mask_colors,
                               inline_image);
}

void BudgetedSplashOutputDev::drawMaskedImage(GfxState* state, Object* ref, Stream* str, int width,
                                              int height, GfxImageColorMap* color_map,
                                              bool interpolate, Stream* mask_str, int mask_width,
                                              int mask_height, bool mask_invert,
                                              bool mask_interpolate) {
  if (allowed(width, height, false) && allowed(mask_width, mask_height, false))
    SplashOutputDev::drawMaskedImage(state, ref, str, width, height, color_map, interpolate,
                                     mask_str, mask_width, mask_height, mask_invert,
                                     mask_interpolate);
}

void BudgetedSplashOutputDev::drawSoftMaskedImage(GfxState* state, Object* ref, Stream* str,
                                                  int width, int height,
                                                  GfxImageColorMap* color_map, bool interpolate,
                                                  Stream* mask_str, int mask_width, int mask_height,
                                                  GfxImageColorMap* mask_color_map,
                                                  bool mask_interpolate) {
  if (allowed(width, height, false) && allowed(mask_width, mask_height, false))
    SplashOutputDev::drawSoftMaskedImage(state, ref, str, width, height, color_map, interpolate,
                                         mask_str, mask_width, mask_height, mask_color_map,
                                         mask_interpolate);
}

}  // namespace kansa::ocr
