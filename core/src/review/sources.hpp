// Finding a stored document's file again for its page images: the path recorded at ingest
// (as given then: a relative path is tried from the current folder, then from the
// database's folder), accepted only when its bytes still hash to the stored SHA-256, since
// the boxes belong to those bytes.
#pragma once

#include <string>

namespace kansa::review {

struct SourceFile {
  bool available = false;
  std::string path;  // absolute, when available
  std::string
      reason;  // why not, when not: "no path recorded", "not found: P", "changed since ingest: P"
};

SourceFile locate_source(const std::string& recorded_path, const std::string& sha256,
                         const std::string& database_path);

}  // namespace kansa::review
