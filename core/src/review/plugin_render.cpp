#include "review/plugin_render.hpp"

#include <cstdio>
#include <fstream>

namespace kansa::review {

namespace {

struct PngTarget {
  std::string path;
  int width = 0, height = 0;
  bool written = false;
};

kansa_status write_png(void* host_ctx, int32_t width_px, int32_t height_px,
                       const unsigned char* png, size_t size) {
  auto* target = static_cast<PngTarget*>(host_ctx);
  if (png == nullptr || size == 0 || width_px <= 0 || height_px <= 0)
    return KANSA_ERR_INVALID_ARGUMENT;
  std::ofstream out(target->path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(png), static_cast<std::streamsize>(size));
  out.close();
  if (!out) return KANSA_ERR_IO;
  target->width = width_px;
  target->height = height_px;
  target->written = true;
  return KANSA_OK;
}

}  // namespace

bool can_render(const kansa_plugin_descriptor& d) {
  return d.abi_minor >= 2 && d.render_page != nullptr;
}

Status PluginRenderer::open(const plugin::Host& host, std::unique_ptr<PluginRenderer>& out) {
  const plugin::Loaded* chosen = host.find("pdftext");
  if (chosen == nullptr || !can_render(*chosen->descriptor)) {
    chosen = nullptr;
    for (const plugin::Loaded& p : host.loaded())
      if (can_render(*p.descriptor)) {
        chosen = &p;
        break;
      }
  }
  if (chosen == nullptr)
    return Status::error(KANSA_ERR_UNSUPPORTED,
                         "no plugin renders pages (render_page, plugin ABI 1.2): is the pdftext "
                         "plugin installed?");
  std::unique_ptr<plugin::Instance> instance;
  Status st = plugin::Instance::create(*chosen, {}, instance);
  if (!st.is_ok()) return st;
  out.reset(new PluginRenderer(std::move(instance), chosen->descriptor->name));
  return Status::ok();
}

Status PluginRenderer::render(const std::string& pdf, int page, double dpi,
                              const std::string& png_path, int& width_px, int& height_px) {
  PngTarget target{png_path};
  kansa_image_sink sink{&target, &write_png};
  kansa_error error{};
  const kansa_plugin_descriptor& d = instance_->descriptor();
  const kansa_status code =
      d.render_page(instance_->handle(), pdf.c_str(), page, dpi, &sink, &error);
  if (code != KANSA_OK) {
    std::string message = error.message[0] ? error.message : "no reason given";
    return Status::error(code, name_ + ": " + message);
  }
  if (!target.written)
    return Status::error(KANSA_ERR_INTERNAL, name_ + ": " + pdf + ": page " + std::to_string(page) +
                                                 ": no image was handed back");
  width_px = target.width;
  height_px = target.height;
  return Status::ok();
}

}  // namespace kansa::review
