#include "worker/protocol.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdint>
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

}  // namespace

std::string encode(const nlohmann::json& message) {
  return message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool write_message(int fd, const nlohmann::json& message) {
  const std::string body = encode(message);
  if (body.size() > kMaxFrameBytes) return false;
  const std::string frame = length_prefix(body.size()) + body;
  return write_all(fd, frame.data(), frame.size());
}

std::optional<nlohmann::json> read_message(int fd) {
  char prefix[4];
  if (!read_all(fd, prefix, sizeof prefix)) return std::nullopt;
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
