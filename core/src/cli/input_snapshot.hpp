// A private copy of one input file, taken once per ingest attempt. Its SHA-256 is computed
// from the very bytes written to the copy, and the worker reads the copy, not the user's
// file: a file that changes while it is ingested cannot give the hash of one version and
// the findings of another. A copy during which the source changed (an inotify event on the
// open file, or its size or times differing before and after) is thrown away and taken
// again; a file that keeps changing is a transient failure (it may be complete next time).
//
// The copy is handed to the worker as an open descriptor. Files up to kInMemoryMaxBytes are
// copied into memory (a sealed memfd: nothing to write back or delete, and neither side
// can alter it afterwards); the copy of a larger file is a file of its own, in a folder of
// its own under the system's temporary folder, so that a few large inputs waiting for a
// worker do not hold their size in RAM.
#pragma once

#include <cstdint>
#include <string>

#include "worker/supervisor.hpp"

namespace kansa::cli {

class InputSnapshot {
 public:
  enum class Outcome {
    Taken,
    Refused,    // permanent: cannot be read, not a regular file, over the file-size budget
    Transient,  // kept changing while copied, or the copy could not be written (disk full)
  };

  InputSnapshot() = default;
  ~InputSnapshot();  // removes the copy and its folder
  InputSnapshot(const InputSnapshot&) = delete;
  InputSnapshot& operator=(const InputSnapshot&) = delete;

  // Copies `source` (at most `max_file_mb` MB, the --max-file-mb budget), in memory when it
  // has at most `in_memory_max_bytes`. On anything but Taken, `reason` says why and no copy
  // is left.
  Outcome take(const std::string& source, std::uint64_t max_file_mb, std::string& reason,
               std::uint64_t in_memory_max_bytes = kInMemoryMaxBytes);

  static constexpr std::uint64_t kInMemoryMaxBytes = 16u << 20;

  int fd() const { return fd_; }  // read-only use; -1 until taken
  bool in_memory() const { return fd_ >= 0 && folder_.empty(); }
  const std::string& sha256() const { return sha256_; }  // lowercase hex of the copy

 private:
  void discard();
  bool open_copy(const std::string& source, std::uint64_t size, std::uint64_t in_memory_max,
                 std::string& reason);

  int fd_ = -1;
  std::string folder_, path_, sha256_;  // folder_ and path_ for a copy on disk
};

// A worker's result whose sha256 is not the copy's (the copy was altered under the worker)
// becomes a transient failure.
void checked_against_copy(worker::JobResult& result, const InputSnapshot& copy);

// Removes the copy folders of ingest runs that no longer exist: a run killed with SIGKILL
// cannot remove its own. Folders of live processes are left alone.
void remove_stale_snapshots();

}  // namespace kansa::cli
