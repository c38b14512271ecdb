// The ingest manifest reader (core/src/cli/inputs.cpp) on arbitrary file contents, CSV or
// JSON lines (the file has no extension, so its first character decides, as for a manifest
// named so): it returns inputs or throws std::runtime_error naming the problem; anything else
// is a bug. Inputs it returns satisfy the reader's contract.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "cli/inputs.hpp"
#include "fetch/url.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/kansa-fuzz-manifest-" + std::to_string(getpid());
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  try {
    for (const auto& input : kansa::cli::read_manifest(path)) {
      FUZZ_CHECK(!input.path.empty());
      if (input.municipality_code) FUZZ_CHECK(input.municipality_code->size() == 6);
      if (input.published) FUZZ_CHECK(input.published->size() == 10);
      if (input.audit_type) FUZZ_CHECK(!input.audit_type->empty());
      if (input.is_remote()) {
        // A URL is shown only redacted: whatever password its user information holds is shown
        // as *** (the same characters elsewhere in the URL, in its path, are the path's).
        FUZZ_CHECK(input.path == kansa::fetch::redact_url(input.url));
        const std::string password = kansa::fetch::url_password(input.url);
        FUZZ_CHECK(password.empty() || kansa::fetch::url_password(input.path) == "***");
        FUZZ_CHECK(kansa::fetch::url_key(input.url).size() == 64);
        const std::string name = kansa::cli::input_file_name(input);
        FUZZ_CHECK(!name.empty() && name.find('/') == std::string::npos);
      }
    }
  } catch (const std::runtime_error&) {
  }
  return 0;
}
