// The protocol between `kansa ingest` and its `kansa-worker` processes: frames of a
// 4-byte little-endian length followed by that many bytes of JSON, one message per frame.
// The parent writes to a Unix socket, so that a job carries the document as an open file
// descriptor (SCM_RIGHTS) rather than a path; the worker answers on a pipe.
//
// Parent -> worker: {"type":"job", "name", "municipality_code"?, "cpu_seconds"} + the file:
//                     `name` is the input as the user gave it (errors name it, and the
//                     document's `file` is its last component)
// Worker -> parent: {"type":"ready", "sandbox"}                        once, after set-up
//                   {"type":"setup_error", "message"}                  instead, when set-up fails
//                   {"type":"progress", "stage", "page"}               heartbeats
//                   {"type":"limit", "what"}                           a limit was hit
//                   {"type":"result", "extraction", "pages", "method"} the job succeeded
//                     (the extraction carries the page routes; extraction_codec.hpp)
//                   {"type":"error", "code", "message"}                the job failed
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace kansa::worker {

// Frames larger than this are refused as corrupt (a document's findings are far smaller).
inline constexpr std::size_t kMaxFrameBytes = 512u << 20;

// Writes one frame, retrying short writes and EINTR. False when the pipe is broken. With
// `pass_fd` >= 0, `fd` must be a Unix socket: the descriptor travels with the frame (the
// receiver gets its own copy; the caller keeps `pass_fd`).
bool write_message(int fd, const nlohmann::json& message, int pass_fd = -1);

// Reads one frame, blocking. Nullopt at end of file or on a broken or corrupt stream. With
// `received` given, a descriptor sent with the frame is put there (close-on-exec, the
// caller's to close), or -1 when none came; `fd` may then be a socket or a pipe.
std::optional<nlohmann::json> read_message(int fd, int* received = nullptr);

// Accumulates bytes read from a non-blocking descriptor and cuts them into messages.
class FrameBuffer {
 public:
  void append(const char* data, std::size_t size) { bytes_.append(data, size); }
  // The next complete message, if any. Throws std::runtime_error on a corrupt stream.
  std::optional<nlohmann::json> next();

 private:
  std::string bytes_;
};

// Encodes a message body for a frame. Invalid UTF-8 in strings is replaced (U+FFFD) rather
// than failing the document.
std::string encode(const nlohmann::json& message);

}  // namespace kansa::worker
