// kansa: Japanese municipal audit-measure reports -> findings dataset.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"kansa: turns published audit-measure reports (PDF) into a findings dataset"};
  app.set_version_flag("--version", std::string("kansa ") + KANSA_VERSION);
  app.require_subcommand(1);
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "Log details (plugin loading, stages)");

  std::vector<std::pair<CLI::App*, kansa::cli::Run>> commands;
  auto add = [&](const char* name, const char* help, auto adder) {
    CLI::App* sub = app.add_subcommand(name, help);
    commands.emplace_back(sub, adder(*sub));
    return sub;
  };
  add("ingest", "Read PDFs and store their findings in the database", kansa::cli::add_ingest);
  add("export", "Write the stored findings as JSONL or CSV", kansa::cli::add_export);
  add("tables", "Print the tables reconstructed from a PDF as JSON", kansa::cli::add_tables);
  add("inspect", "Explain what was recognized in a PDF: layout and why, items, confidences",
      kansa::cli::add_inspect);
  add("plugins", "List the plugins found, with versions and options", kansa::cli::add_plugins);
  add("status", "Show the outcome of every document ingested into the database",
      kansa::cli::add_status);
  add("review", "Write a static HTML page to check findings against their page images",
      kansa::cli::add_review);
  // The process review draws page images in; likewise.
  add("render-pages", "", kansa::cli::add_render_pages)->group("");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help is a "parse error" that exits 0; any other is a bad command line: 2, as the
    // README's exit codes say (CLI11's own codes, such as 105 for a failed validation, are not).
    return app.exit(e) == 0 ? 0 : 2;
  }

  // Logs go to stderr: stdout carries data (exports, tables JSON).
  auto logger = spdlog::stderr_color_mt("kansa");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%^%l%$: %v");
  spdlog::set_level(verbose ? spdlog::level::debug : spdlog::level::warn);

  for (auto& [sub, run] : commands)
    if (sub->parsed()) return run();
  return 2;
}
