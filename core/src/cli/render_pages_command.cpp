// `kansa render-pages`: the hidden mode in which `kansa review` draws a document's page
// images. Like an ingest worker it limits and sandboxes itself before loading any plugin (it
// may write only into its folder), then renders each page through the plugin that offers
// render_page and prints one line per page (review/render_process.hpp).
#include <unistd.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/setup.hpp"
#include "review/plugin_render.hpp"
#include "review/render_process.hpp"
#include "worker/sandbox.hpp"

namespace kansa::cli {

Run add_render_pages(CLI::App& app) {
  struct Opts {
    std::string folder, pdf;
    double dpi = 100;
    int cpu_seconds = 60;
    worker::Limits limits;
    std::vector<int> pages;
  };
  auto o = std::make_shared<Opts>();
  o->limits.memory_mb = 2048;
  o->limits.file_size_mb = 256;
  app.add_option("--folder", o->folder, "Where page-N.png are written")->required();
  app.add_option("--dpi", o->dpi, "Resolution");
  app.add_option("--memory-mb", o->limits.memory_mb, "Address-space limit");
  app.add_option("--cpu-seconds", o->cpu_seconds, "CPU time limit");
  app.add_option("pdf", o->pdf, "The document")->required();
  app.add_option("pages", o->pages, "Pages to draw (1-based)")->required();
  return [o] {
    try {
      worker::apply_limits(o->limits);
      worker::set_cpu_budget(o->cpu_seconds);
      worker::enter_sandbox(o->folder);
    } catch (const std::exception& e) {
      std::cout << "kansa render-pages: " << e.what() << std::endl;
      return int(kExitSetup);
    }
    if (chdir(o->folder.c_str()) != 0 || setenv("TMPDIR", o->folder.c_str(), 1) != 0) {
      std::cout << "kansa render-pages: cannot use folder " << o->folder << std::endl;
      return int(kExitSetup);
    }
    plugin::Host host;
    host.load_for({"pdftext"});
    std::unique_ptr<review::PluginRenderer> renderer;
    if (Status st = review::PluginRenderer::open(host, renderer); !st.is_ok()) {
      std::cout << "kansa render-pages: " << st.message() << std::endl;
      return int(kExitSetup);
    }
    for (int page : o->pages) {
      int w = 0, h = 0;
      const std::string png = o->folder + "/page-" + std::to_string(page) + ".png";
      Status st = renderer->render(o->pdf, page, o->dpi, png, w, h);
      // Flushed line by line: what was drawn before a crash is kept.
      std::cout << (st.is_ok() ? review::render_ok_line(page, w, h)
                               : review::render_error_line(page, st.to_string()))
                << std::endl;
    }
    return int(kExitOk);
  };
}

}  // namespace kansa::cli
