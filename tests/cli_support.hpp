// Helpers for tests that drive the real `kansa` binary.
#pragma once

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace kansa::testing {

// Sets an environment variable for the life of the object (inherited by the processes the
// test starts), then puts back what was there.
class ScopedEnv {
 public:
  ScopedEnv(const std::string& name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name.c_str())) old_ = old;
    setenv(name.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_)
      setenv(name_.c_str(), old_->c_str(), 1);
    else
      unsetenv(name_.c_str());
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs `cmd` through the shell, capturing its stdout and the exit status.
inline CommandResult run_shell(const std::string& cmd) {
  CommandResult r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.output.append(buf.data(), n);
  int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// Runs `build/kansa ARGS` through the shell, capturing output (stdout and stderr) and the exit
// status.
inline CommandResult run_kansa(const std::string& args) {
  return run_shell(std::string(KANSA_BUILD_DIR) + "/kansa " + args + " 2>&1");
}

// `build/kansa ARGS` with stdout alone captured (stderr discarded), for output that must parse.
inline CommandResult run_kansa_stdout(const std::string& args) {
  return run_shell(std::string(KANSA_BUILD_DIR) + "/kansa " + args + " 2>/dev/null");
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A memfd holding `bytes`, sealed as ingest seals its in-memory copies; -1 on failure.
inline int sealed_memfd(const std::string& bytes) {
  const int fd = ::memfd_create("kansa-test-copy", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0) return -1;
  if (::write(fd, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size()) ||
      ::fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// A fresh, empty temporary directory unique to the running test.
inline std::string temp_dir(const std::string& tag) {
  namespace fs = std::filesystem;
  fs::path p = fs::temp_directory_path() / ("kansa-test-" + tag + "-" + std::to_string(getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p.string();
}

inline std::string fixture(const std::string& rel) {
  return std::string(KANSA_FIXTURES_DIR) + "/" + rel;
}

}  // namespace kansa::testing
