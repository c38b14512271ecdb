// Sees writes to an open file while it is copied (input_snapshot.cpp), through one inotify
// instance for the whole process. Why one: closing an inotify instance waits for the kernel's
// SRCU grace period (4-6 ms measured here, blocking), which an instance per input file paid on
// the parent's thread for every document; adding and removing a watch costs microseconds.
// Thread-safe; two watches of one inode share the kernel's watch and each sees every write.
// Without inotify (instances exhausted, unusual file systems) a watch is inactive and
// callers fall back on their size and time checks.
#pragma once

#include <cstdint>

namespace kansa::cli {

class WriteWatch {
 public:
  // Watches the inode open as `fd` (not whatever its path names later) for writes and
  // truncation until destroyed.
  explicit WriteWatch(int fd);
  ~WriteWatch();
  WriteWatch(const WriteWatch&) = delete;
  WriteWatch& operator=(const WriteWatch&) = delete;

  bool active() const { return wd_ >= 0; }
  // Whether the file was written to since the last call (or since the watch began). False
  // for an inactive watch.
  bool modified();

 private:
  int wd_ = -1;
  std::uint64_t seen_ = 0;  // the inode's write count at the last look
};

}  // namespace kansa::cli
