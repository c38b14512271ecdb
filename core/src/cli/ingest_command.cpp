#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/inputs.hpp"
#include "cli/setup.hpp"
#include "kansa/store.hpp"

namespace kansa::cli {

namespace {

struct IngestOptions {
  std::string db = "kansa.db";
  std::string pipeline = "default";
  std::string municipality_code;
  std::string manifest;
  std::vector<std::string> files;
};

enum class Outcome { Stored, Unchanged, Failed };

// How the findings of a document were read: text, ocr, or mixed.
std::string method_of(const Document& doc) {
  bool text = false, ocr = false;
  for (const Page& p : doc.pages) (p.method == "ocr" ? ocr : text) = true;
  return ocr && text ? "mixed" : ocr ? "ocr" : "text";
}

}  // namespace

Run add_ingest(CLI::App& app) {
  auto o = std::make_shared<IngestOptions>();
  app.add_option("--db", o->db, "SQLite database file")->capture_default_str();
  app.add_option("--pipeline", o->pipeline, "Pipeline name (pipelines/NAME.toml) or file")
      ->capture_default_str();
  app.add_option("--municipality-code", o->municipality_code,
                 "6-digit local government code of the documents (e.g. 352012)")
      ->check([](const std::string& v) {
        return v.size() == 6 && v.find_first_not_of("0123456789") == std::string::npos
                   ? std::string()
                   : std::string("must be 6 digits");
      });
  app.add_option("--manifest", o->manifest,
                 "CSV with a header row: path[,municipality_code], one document per row")
      ->check(CLI::ExistingFile);
  app.add_option("files", o->files, "PDF files or folders of PDFs");
  app.footer(
      "Exit status: 0 every document stored (or already stored), 1 some failed, 2 usage,\n"
      "3 set-up failed (plugins, pipeline, database).");
  return [o] {
    std::optional<std::string> code;
    if (!o->municipality_code.empty()) code = o->municipality_code;
    std::vector<Input> inputs = expand_paths(o->files, code);
    if (!o->manifest.empty()) {
      try {
        for (auto& in : read_manifest(o->manifest)) {
          if (!in.municipality_code) in.municipality_code = code;
          inputs.push_back(std::move(in));
        }
      } catch (const std::exception& e) {
        std::cerr << "kansa: " << e.what() << "\n";
        return int(kExitUsage);
      }
    }
    if (inputs.empty()) {
      std::cerr << "kansa: no input documents (give PDF files, folders or --manifest)\n";
      return int(kExitUsage);
    }
    Session s;
    if (!open_session(o->pipeline, s)) return int(kExitSetup);
    std::unique_ptr<store::Store> db;
    try {
      db = store::open_sqlite(o->db);
    } catch (const std::exception& e) {
      std::cerr << "kansa: " << e.what() << "\n";
      return int(kExitSetup);
    }

    size_t stored = 0, unchanged = 0, failed = 0, findings = 0;
    const auto run_start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < inputs.size(); ++i) {
      const Input& in = inputs[i];
      const auto start = std::chrono::steady_clock::now();
      auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      };
      std::fprintf(stderr, "[%zu/%zu] %s: ", i + 1, inputs.size(), in.path.c_str());
      Outcome outcome = Outcome::Failed;
      std::string detail;
      try {
        std::string sha;
        if (Status st = pipeline::sha256_file(in.path, sha); !st.is_ok()) {
          detail = st.message();
        } else if (db->has_document(sha)) {
          outcome = Outcome::Unchanged;
          detail = "already stored, unchanged";
        } else {
          Document doc;
          if (Status st = s.runner->extract(in.path, doc); !st.is_ok()) {
            detail = st.to_string();
          } else {
            Extraction ex = s.runner->interpret(doc, in.municipality_code);
            db->save(ex, in.path);
            outcome = Outcome::Stored;
            findings += ex.findings.size();
            detail = std::to_string(ex.findings.size()) + " findings, " +
                     std::to_string(doc.pages.size()) + " pages, " + method_of(doc);
          }
        }
      } catch (const std::exception& e) {
        detail = std::string("error: ") + e.what();
      }
      (outcome == Outcome::Stored ? stored : outcome == Outcome::Unchanged ? unchanged : failed)++;
      std::fprintf(stderr, "%s%s (%.2f s)\n", outcome == Outcome::Failed ? "FAILED: " : "",
                   detail.c_str(), elapsed());
    }
    const double total =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - run_start).count();
    std::fprintf(stderr,
                 "kansa: %zu documents: %zu stored, %zu unchanged, %zu failed; %zu findings "
                 "added to %s in %.2f s\n",
                 inputs.size(), stored, unchanged, failed, findings, o->db.c_str(), total);
    return failed ? int(kExitSomeFailed) : int(kExitOk);
  };
}

}  // namespace kansa::cli
