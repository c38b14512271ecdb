// Page images through a plugin: the first loaded plugin that offers render_page (ABI 1.2)
// draws the page, and the PNG it hands back is written to a file. The core links no PDF
// library: without such a plugin there are no page images.
#pragma once

#include <memory>
#include <string>

#include "kansa/plugin_host.hpp"
#include "kansa/status.hpp"

namespace kansa::review {

class PluginRenderer {
 public:
  // Picks the renderer among `host`'s plugins (pdftext first, else any that renders) and
  // creates an instance with its default options. Not ok when none renders or the instance
  // cannot be made, with the reason.
  static Status open(const plugin::Host& host, std::unique_ptr<PluginRenderer>& out);

  // Renders page `page` (1-based) of `pdf` at `dpi` into the PNG file `png_path`, and gives
  // its size in pixels. Not ok with the plugin's reason (naming the file and page).
  Status render(const std::string& pdf, int page, double dpi, const std::string& png_path,
                int& width_px, int& height_px);

  const std::string& plugin_name() const { return name_; }

 private:
  explicit PluginRenderer(std::unique_ptr<plugin::Instance> instance, std::string name)
      : instance_(std::move(instance)), name_(std::move(name)) {}
  std::unique_ptr<plugin::Instance> instance_;
  std::string name_;
};

// True when the plugin's descriptor offers render_page (ABI 1.2 or newer, function set).
bool can_render(const kansa_plugin_descriptor& d);

}  // namespace kansa::review
