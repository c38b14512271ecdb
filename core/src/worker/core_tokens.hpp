// Cores lent by `kansa ingest` to its workers, as tokens in a pipe (the protocol of make's
// jobserver: one byte per token). Every worker inherits both ends. A worker slot with no
// document to read puts its core in the pipe; a plugin that can spread one document over
// threads (the OCR stage, page by page) runs an extra thread only while it holds a token it
// read from the pipe, and writes it back after each page. So a run never reads more at once
// than --jobs, and the cores of idle slots go to the documents still being read: one long
// scan at the end of a batch does not leave the other cores idle.
//
// Nobody blocks on the pipe: a worker that finds no token goes on with the threads it has, and
// the parent takes tokens back when it can (they come back within a page). A token held by a
// worker that crashes is lost: the run then lends one core less, nothing worse.
#pragma once

#include <string>

namespace kansa::worker {

class CoreTokens {
 public:
  // Creates the pipe (close-on-exec, non-blocking both ends). Throws std::runtime_error.
  CoreTokens();
  ~CoreTokens();
  CoreTokens(const CoreTokens&) = delete;
  CoreTokens& operator=(const CoreTokens&) = delete;

  // Brings the number of cores lent (tokens written and not taken back) towards `wanted`:
  // writes tokens, or takes back those that are in the pipe now.
  void lend(int wanted);
  int lent() const { return lent_; }

  int read_fd() const { return read_fd_; }
  int write_fd() const { return write_fd_; }
  // "R,W": the descriptors as a worker receives them.
  std::string describe() const;

 private:
  int read_fd_ = -1, write_fd_ = -1;
  int lent_ = 0;
};

}  // namespace kansa::worker
