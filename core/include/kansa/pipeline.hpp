// Declarative pipeline definitions (pipelines/*.toml) and the runner that executes one.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kansa/interpret.hpp"
#include "kansa/model.hpp"
#include "kansa/municipality.hpp"
#include "kansa/plugin_host.hpp"
#include "kansa/status.hpp"

namespace kansa::pipeline {

struct Stage {
  std::string plugin;                          // plugin name
  std::map<std::string, std::string> options;  // TOML scalars as strings
};

// The [fetch] table of a definition: how `kansa ingest` fetches the URLs of a manifest when
// run with this pipeline (pipelines/nightly.toml). A key left out takes the command line's
// default; an option given on the command line overrides the key.
struct FetchDefaults {
  std::optional<double> connect_timeout_s;  // connect_timeout
  std::optional<double> timeout_s;          // timeout
  std::optional<double> low_speed_time_s;   // low_speed_time
  std::optional<int> retries;               // retries
  std::optional<double> retry_delay_s;      // retry_delay
  std::optional<int> max_redirects;         // max_redirects
  std::optional<int> jobs;                  // jobs
};

struct Definition {
  std::string name;
  std::string path;  // the file it was read from
  std::string description;
  std::vector<Stage> stages;        // extractor(s) first, then tables
  std::string vocabulary_path;      // absolute
  std::string municipalities_path;  // absolute
  FetchDefaults fetch;
};

// Parses a definition file. Relative data paths resolve against the file's folder.
// Throws std::runtime_error naming the file and the problem.
Definition load_definition(const std::string& path);

// Finds a pipeline by file path (returned absolute), or by name (NAME.toml) in: <exe
// dir>/pipelines, <exe dir>/../share/kansa/pipelines, the source tree's pipelines/. Throws when not
// found, listing where it looked.
std::string resolve(const std::string& name_or_path);

// Progress of an extraction: called when a stage starts (page 0) and for each page an
// extractor or OCR stage reports (its 1-based number). Returning false stops the stage: the
// extraction then fails with the plugin's message, and the caller knows why it stopped.
using ProgressCallback = std::function<bool(const std::string& stage, int page)>;

// Runs a definition on documents: the plugin stages, then interpretation.
class Runner {
 public:
  // Creates one instance per stage (options validated once). Fails naming the stage.
  static Status create(const plugin::Host& host, const Definition& definition,
                       std::unique_ptr<Runner>& out);

  // Reads `path`: SHA-256, pages (extractor stages), tables (tables stages). `name`, when
  // given, is what the document is called (its `path`, and `file` its last component) in
  // place of `path`: a worker reads an input through a /proc/self/fd path. `sha256`, when
  // given, is the file's, already known (the caller vouches that the bytes cannot have
  // changed since: a worker's sealed copy), and the file is not hashed again.
  Status extract(const std::string& path, Document& doc, const std::string& name = "",
                 const std::string& sha256 = "") const;

  // Document fields, findings and page routes of an extracted document.
  Extraction interpret(const Document& doc,
                       const std::optional<std::string>& municipality_code) const;

  const municipality::Registry& municipalities() const { return *municipalities_; }

  // Installs (or, with an empty function, removes) the progress callback of extract().
  void set_progress(ProgressCallback callback) { progress_ = std::move(callback); }

 private:
  Runner() = default;
  Definition definition_;
  std::vector<std::unique_ptr<plugin::Instance>> stages_;
  std::unique_ptr<municipality::Registry> municipalities_;
  ProgressCallback progress_;
  bool has_ocr_stage_ = false;
};

// The extractor's verdict on a page's text layer in words: "no text layer", "text layer
// unusable: <its reason>", "text layer usable".
std::string text_layer_account(const Page& page);

// How each page of an extracted document was read (text layer, OCR, or not at all) and why.
// `has_ocr_stage` says whether the pipeline could have OCRed a page it did not read.
std::vector<PageRoute> route_pages(const Document& doc, bool has_ocr_stage);

// Hex SHA-256 of a file's bytes. Returns an I/O status naming the file on failure.
Status sha256_file(const std::string& path, std::string& hex);

}  // namespace kansa::pipeline
