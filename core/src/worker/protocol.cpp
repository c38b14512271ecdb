#include "worker/protocol.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace kansa::worker {

namespace {

std::string length_prefix(std::size_t n) {
  std::string p(4, '\0');
  for (int i = 0; i < 4; ++i) p[i] = static_cast<char>((n >> (8 * i)) & 0xff);
  return p;
}

std::size_t decode_length(const char* p) {
  std::size_t n = 0;
  for (int i = 0; i < 4; ++i) n |= std::size_t(static_cast<unsigned char>(p[i])) << (8 * i);
  return n;
}

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool read_all(int fd, char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// Sends `data` with `pass_fd` attached to its first byte, then the rest as write_all does.
bool send_with_fd(int fd, const char* data, std::size_t size, int pass_fd) {
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  iovec iov{const_cast<char*>(data), size};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(c), &pass_fd, sizeof(int));
  ssize_t n;
  do {
    n = ::sendmsg(fd, &msg, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return false;
  return write_all(fd, data + n, size - static_cast<std::size_t>(n));
}

// Reads exactly `size` bytes like read_all, keeping a descriptor that comes with them in
// `received` (a second one, which the protocol never sends, is closed). A pipe has no
// descriptors to give: read() then.
bool read_all_keeping_fd(int fd, char* data, std::size_t size, int& received) {
  bool socket = true;
  while (size > 0) {
    ssize_t n;
    if (socket) {
      alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
      iovec iov{data, size};
      msghdr msg{};
      msg.msg_iov = &iov;
      msg.msg_iovlen = 1;
      msg.msg_control = control;
      msg.msg_controllen = sizeof control;
      n = ::recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);
      if (n < 0 && errno == ENOTSOCK) {
        socket = false;
        continue;
      }
      for (cmsghdr* c = CMSG_FIRSTHDR(&msg); n > 0 && c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
        int got = -1;
        std::memcpy(&got, CMSG_DATA(c), sizeof(int));
        if (received < 0)
          received = got;
        else
          ::close(got);
      }
    } else {
      n = ::read(fd, data, size);
    }
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

std::string encode(const nlohmann::json& message) {
  return message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool write_message(int fd, const nlohmann::json& message, int pass_fd) {
  const std::string body = encode(message);
  if (body.size() > kMaxFrameBytes) return false;
  const std::string frame = length_prefix(body.size()) + body;
  if (pass_fd >= 0) return send_with_fd(fd, frame.data(), frame.size(), pass_fd);
  return write_all(fd, frame.data(), frame.size());
}

std::optional<nlohmann::json> read_message(int fd, int* received) {
  char prefix[4];
  if (received != nullptr) {
    *received = -1;
    // The descriptor comes with the frame's first byte.
    if (!read_all_keeping_fd(fd, prefix, sizeof prefix, *received)) return std::nullopt;
  } else if (!read_all(fd, prefix, sizeof prefix)) {
    return std::nullopt;
  }
  const std::size_t n = decode_length(prefix);
  if (n > kMaxFrameBytes) return std::nullopt;
  std::string body(n, '\0');
  if (!read_all(fd, body.data(), n)) return std::nullopt;
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

std::optional<nlohmann::json> FrameBuffer::next() {
  if (bytes_.size() < 4) return std::nullopt;
  const std::size_t n = decode_length(bytes_.data());
  if (n > kMaxFrameBytes) throw std::runtime_error("worker message too large");
  if (bytes_.size() < 4 + n) return std::nullopt;
  auto parsed = nlohmann::json::parse(bytes_.begin() + 4, bytes_.begin() + 4 + n, nullptr, false);
  bytes_.erase(0, 4 + n);
  if (parsed.is_discarded()) throw std::runtime_error("worker message is not JSON");
  return parsed;
}

}  // namespace kansa::worker
