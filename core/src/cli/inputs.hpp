// Input lists for ingest: PDF paths from arguments (files or folders) and manifests (feeds).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kansa/model.hpp"

namespace kansa::cli {

struct Input {
  // A local file, or for a URL its redacted form (fetch/url.hpp: no password): what progress
  // lines, status rows and documents.path show.
  std::string path;
  // The http(s) URL to fetch, user information included; empty for a local file.
  std::string url;
  std::optional<std::string> municipality_code;  // 6 digits
  std::optional<std::string> published;          // ISO date (YYYY-MM-DD), from a manifest
  std::optional<std::string> audit_type;         // a kansa.finding/1 audit_type, from a manifest

  bool is_remote() const { return !url.empty(); }
};

// Expands folders into the PDF files below them (sorted); files are taken as given.
std::vector<Input> expand_paths(const std::vector<std::string>& args,
                                const std::optional<std::string>& municipality_code);

// Reads a manifest: CSV with a header row, or JSON lines (one object per line) when its name
// ends in .jsonl or .ndjson, or when its first character that is not blank is `{`. Fields:
// the source (column or key `path`, `url` or `source`, one of them): a local path, relative
// ones resolved against the manifest's folder, or an http(s) URL; optional
// `municipality_code` (6 digits), `published` (YYYY-MM-DD) and `audit_type` (a value of the
// findings schema). Blank lines are skipped. Throws std::runtime_error naming the file and
// line on a malformed manifest: unknown column or key, missing source, bad value.
std::vector<Input> read_manifest(const std::string& manifest);

// The document's `file` for an input: the base name of its path, or of its URL's path.
std::string input_file_name(const Input& input);

// Confidence of an audit type that the manifest gave and the document did not: the operator
// says so, but nothing in the document confirms it.
inline constexpr double kGivenAuditTypeConfidence = 0.9;

// What an input says about its document that the document's own text does not: the `file` of
// a URL (the worker read a copy named otherwise), the manifest's audit_type when the document
// names none, and its published date (kept in the database only).
void apply_input_fields(const Input& input, DocumentInfo& document);

}  // namespace kansa::cli
