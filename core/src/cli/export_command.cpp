#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/db_option.hpp"
#include "cli/setup.hpp"
#include "kansa/db_address.hpp"
#include "kansa/store.hpp"

namespace kansa::cli {

namespace {

// Debian 12 packages no Parquet writer (no libarrow, libparquet or any other), and kansa
// takes its libraries from Debian only; a writer of our own would be a second, untested
// implementation of a large format. So the format is named, and refused with the way there.
constexpr const char* kNoParquet =
    "kansa: --format parquet is not available: this build has no Parquet writer (Debian 12 "
    "packages none: no libarrow or libparquet).\n"
    "Export JSONL (or CSV) and convert it, for instance with DuckDB:\n"
    "  kansa export --db kansa.db --format jsonl --out findings.jsonl\n"
    "  duckdb -c \"COPY (SELECT * FROM read_json('findings.jsonl')) TO 'findings.parquet' "
    "(FORMAT parquet)\"\n"
    "(README, \"Research exports\": tools/duckdb runs DuckDB where it is not installed)\n";

}  // namespace

Run add_export(CLI::App& app) {
  struct Opts {
    std::string db = "kansa.db", format = "jsonl", out;
  };
  auto o = std::make_shared<Opts>();
  app.add_option("--db", o->db, "SQLite database file, or a PostgreSQL address (postgresql://...)")
      ->capture_default_str()
      ->envname("KANSA_DB")
      ->check(existing_database());
  app.add_option("--format", o->format,
                 "jsonl (one finding per line) or csv (one row per measure); parquet is "
                 "refused with a way to convert (no Parquet writer in Debian 12)")
      ->capture_default_str()
      ->check(CLI::IsMember({"jsonl", "csv", "parquet"}));
  app.add_option("--out", o->out, "Output file (default: standard output)");
  return [o] {
    if (o->format == "parquet") {
      std::cerr << kNoParquet;
      return int(kExitUsage);
    }
    std::vector<Extraction> all;
    try {
      all = store::open_store(o->db)->load_all();
    } catch (const std::exception& e) {
      std::cerr << "kansa: " << store::scrub_secrets(e.what(), o->db) << "\n";
      return int(kExitSetup);
    }
    std::ofstream file;
    if (!o->out.empty()) {
      file.open(o->out, std::ios::binary | std::ios::trunc);
      if (!file) {
        std::cerr << "kansa: cannot write " << o->out << "\n";
        return int(kExitSetup);
      }
    }
    std::ostream& out = o->out.empty() ? std::cout : file;
    if (o->format == "csv")
      store::export_csv(all, out);
    else
      store::export_jsonl(all, out);
    out.flush();
    if (!out) {
      std::cerr << "kansa: write failed" << (o->out.empty() ? "" : ": " + o->out) << "\n";
      return int(kExitSetup);
    }
    return int(kExitOk);
  };
}

}  // namespace kansa::cli
