// kansa::pipeline::load_definition on arbitrary file contents: it returns a definition or
// throws std::runtime_error (its documented contract); anything else is a bug.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "kansa/pipeline.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // One file per process, rewritten for each input (the fuzzer runs inputs one by one).
  static const std::string path = "/tmp/kansa-fuzz-pipeline-" + std::to_string(getpid()) + ".toml";
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  try {
    (void)kansa::pipeline::load_definition(path);
  } catch (const std::runtime_error&) {
  }
  return 0;
}
