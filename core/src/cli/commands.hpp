// The kansa subcommands. Each registers its options on the CLI11 app and returns the
// function that runs it (exit status).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace kansa::cli {

using Run = std::function<int()>;

Run add_ingest(CLI::App& app);
Run add_export(CLI::App& app);
Run add_tables(CLI::App& app);
Run add_inspect(CLI::App& app);
Run add_plugins(CLI::App& app);
Run add_status(CLI::App& app);
Run add_review(CLI::App& app);
Run add_render_pages(CLI::App& app);  // hidden: run by review

}  // namespace kansa::cli
