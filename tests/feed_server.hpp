// The local HTTP server of the feed tests (tests/feed_server.py), started by the tests
// themselves: python3 on 127.0.0.1, an ephemeral port it prints. Where python3 is missing
// the tests skip with a message, except in CI (CI=true or KANSA_REQUIRE_HTTP_SERVER=1), where
// they fail: CI must run them.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace kansa::testing {

// Whether the environment says the server must be there (CI).
inline bool http_server_required() {
  const char* ci = std::getenv("CI");
  const char* required = std::getenv("KANSA_REQUIRE_HTTP_SERVER");
  return (ci != nullptr && std::string(ci) == "true") ||
         (required != nullptr && std::string(required) == "1");
}

class FeedServer {
 public:
  // Starts `python3 SCRIPT ROOT LOG`; on failure port() is 0 and error() says why.
  FeedServer(const std::string& script, const std::string& root, const std::string& log) {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) {
      error_ = "pipe failed";
      return;
    }
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      ::execlp("python3", "python3", script.c_str(), root.c_str(), log.c_str(), nullptr);
      ::_exit(127);
    }
    ::close(out[1]);
    if (pid_ < 0) {
      ::close(out[0]);
      error_ = "fork failed";
      return;
    }
    // The first line is "PORT n" once it listens. The wait is bounded so that a broken
    // interpreter fails the tests instead of hanging them.
    std::string line;
    pollfd p{out[0], POLLIN, 0};
    while (line.find('\n') == std::string::npos && ::poll(&p, 1, 30'000) > 0) {
      char buf[64];
      const ssize_t n = ::read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      line.append(buf, std::size_t(n));
    }
    ::close(out[0]);
    if (line.rfind("PORT ", 0) == 0) port_ = std::atoi(line.c_str() + 5);
    if (port_ <= 0) {
      error_ = "python3 " + script + " did not start (is python3 installed?)";
      stop();
    }
  }
  ~FeedServer() { stop(); }
  FeedServer(const FeedServer&) = delete;
  FeedServer& operator=(const FeedServer&) = delete;

  int port() const { return port_; }
  const std::string& error() const { return error_; }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  void stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }

  pid_t pid_ = -1;
  int port_ = 0;
  std::string error_;
};

}  // namespace kansa::testing
