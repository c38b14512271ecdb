#include "worker/core_tokens.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace kansa::worker {

CoreTokens::CoreTokens() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  read_fd_ = fds[0];
  write_fd_ = fds[1];
}

CoreTokens::~CoreTokens() {
  close(read_fd_);
  close(write_fd_);
}

void CoreTokens::lend(int wanted) {
  while (lent_ < wanted) {
    const char token = '+';
    const ssize_t n = write(write_fd_, &token, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n != 1) return;  // a full pipe: more than enough is lent
    ++lent_;
  }
  while (lent_ > wanted) {
    char token;
    const ssize_t n = read(read_fd_, &token, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n != 1) return;  // all in use: they come back after the page being read
    --lent_;
  }
}

std::string CoreTokens::describe() const {
  return std::to_string(read_fd_) + "," + std::to_string(write_fd_);
}

}  // namespace kansa::worker
