// The ingest CSV manifest reader (core/src/cli/inputs.cpp) on arbitrary file contents: it
// returns inputs or throws std::runtime_error naming the problem; anything else is a bug.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "cli/inputs.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/kansa-fuzz-manifest-" + std::to_string(getpid()) + ".csv";
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  try {
    for (const auto& input : kansa::cli::read_manifest(path)) {
      FUZZ_CHECK(!input.path.empty());
      if (input.municipality_code) FUZZ_CHECK(!input.municipality_code->empty());
    }
  } catch (const std::runtime_error&) {
  }
  return 0;
}
