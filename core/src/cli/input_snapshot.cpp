#include "cli/input_snapshot.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include "cli/write_watch.hpp"
#include "text/hex.hpp"
#include "worker/budget.hpp"

namespace kansa::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kFolderPrefix = "kansa-input-";  // then the run's pid, '-', random
constexpr int kTries = 3;
constexpr std::chrono::milliseconds kPauses[kTries - 1] = {std::chrono::milliseconds(50),
                                                           std::chrono::milliseconds(250)};

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string error_text() { return std::strerror(errno); }

bool same_time(const timespec& a, const timespec& b) {
  return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

// The file's content may differ between two fstat() results that differ here. (Equal
// results do not prove the content equal: timestamps are coarse; the inotify watch is what
// sees every write.)
bool same_version(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size &&
         same_time(a.st_mtim, b.st_mtim) && same_time(a.st_ctim, b.st_ctim);
}

bool write_all(int fd, const char* data, size_t size, off_t offset) {
  while (size > 0) {
    const ssize_t n = ::pwrite(fd, data, size, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= size_t(n);
    offset += n;
  }
  return true;
}

enum class Copy { Done, Changed, OverBudget, ReadError, WriteError };

// One try: copies the whole of `in` into `out` (both from the start), hashing what is
// written. Changed when the source was written to meanwhile.
Copy copy_once(int in, int out, WriteWatch& watch, std::uint64_t max_bytes, std::string& sha256,
               std::uint64_t& bytes, std::string& error) {
  watch.modified();  // what happened before this try does not matter
  struct stat before {};
  if (::fstat(in, &before) != 0 || ::ftruncate(out, 0) != 0) {
    error = error_text();
    return Copy::ReadError;
  }
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
    error = "SHA-256 unavailable";
    return Copy::ReadError;
  }
  // 64 KB, not zeroed: a 1 MB zeroed buffer cost the parent more than the copy itself
  // (a fresh mapping and its page faults for every small document).
  constexpr std::size_t kChunk = 1 << 16;
  const std::unique_ptr<char[]> buffer(new char[kChunk]);
  char* const buf = buffer.get();
  bytes = 0;
  for (;;) {
    const ssize_t n = ::pread(in, buf, kChunk, off_t(bytes));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = error_text();
      return Copy::ReadError;
    }
    if (n == 0) break;
    if (bytes + std::uint64_t(n) > max_bytes) {
      bytes += std::uint64_t(n);
      return Copy::OverBudget;
    }
    if (!write_all(out, buf, size_t(n), off_t(bytes))) {
      error = error_text();
      return Copy::WriteError;
    }
    bytes += std::uint64_t(n);
    EVP_DigestUpdate(ctx.get(), buf, size_t(n));
  }
  struct stat after {};
  if (::fstat(in, &after) != 0) {
    error = error_text();
    return Copy::ReadError;
  }
  if (watch.modified() || !same_version(before, after) || bytes != std::uint64_t(after.st_size))
    return Copy::Changed;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  EVP_DigestFinal_ex(ctx.get(), md, &length);
  sha256 = text::hex(md, length);
  return Copy::Done;
}

}  // namespace

InputSnapshot::~InputSnapshot() { discard(); }

void InputSnapshot::discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!folder_.empty()) {
    // The folder holds the copy alone: two calls for each document rather than a walk of
    // the folder; the walk only when something else is left in it.
    const bool gone = (path_.empty() || ::unlink(path_.c_str()) == 0 || errno == ENOENT) &&
                      ::rmdir(folder_.c_str()) == 0;
    if (!gone) {
      std::error_code ec;
      fs::remove_all(folder_, ec);
    }
  }
  folder_.clear();
  path_.clear();
  sha256_.clear();
}

// Makes the empty copy: a memfd for a file of at most `in_memory_max` bytes, else a file in a
// new folder under the temporary folder (kept open, and removed by discard()).
bool InputSnapshot::open_copy(const std::string& source, std::uint64_t size,
                              std::uint64_t in_memory_max, std::string& reason) {
  std::string name = fs::path(source).filename().string();
  if (name.empty()) name = "input.pdf";
  if (size <= in_memory_max) {
    fd_ = ::memfd_create(name.c_str(), MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd_ >= 0) return true;
    // No memfd (an old kernel, or too many open files): the copy goes to disk.
  }
  std::error_code ec;
  const fs::path temp = fs::absolute(fs::temp_directory_path(ec));
  std::string folder = (temp / (kFolderPrefix + std::to_string(::getpid()) + "-XXXXXX")).string();
  if (ec || ::mkdtemp(folder.data()) == nullptr) {
    reason = "cannot copy the file to " + temp.string() + ": " + error_text();
    return false;
  }
  folder_ = folder;
  path_ = (fs::path(folder_) / name).string();
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    reason = "cannot copy the file to " + folder_ + ": " + error_text();
    return false;
  }
  return true;
}

InputSnapshot::Outcome InputSnapshot::take(const std::string& source, std::uint64_t max_file_mb,
                                           std::string& reason, std::uint64_t in_memory_max_bytes) {
  discard();
  reason.clear();
  // O_NONBLOCK: opening a FIFO named .pdf must not wait for a writer.
  Fd in(::open(source.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
  struct stat st {};
  if (in.get() < 0 || ::fstat(in.get(), &st) != 0) {
    reason = "cannot read: " + error_text();
    return Outcome::Refused;
  }
  if (!S_ISREG(st.st_mode)) {
    reason = "cannot read: not a regular file";
    return Outcome::Refused;
  }
  if (std::string over = worker::over_file_budget(std::uintmax_t(st.st_size), max_file_mb);
      !over.empty()) {
    reason = over;
    return Outcome::Refused;
  }

  // Watches the inode that is open (not whatever the path names later). Without inotify
  // the size and time checks remain.
  WriteWatch watch(in.get());

  if (!open_copy(source, std::uint64_t(st.st_size), in_memory_max_bytes, reason)) {
    discard();
    return Outcome::Transient;
  }

  const std::uint64_t max_bytes = max_file_mb << 20;
  for (int attempt = 0; attempt < kTries; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(kPauses[attempt - 1]);
    std::string sha, error;
    std::uint64_t bytes = 0;
    switch (copy_once(in.get(), fd_, watch, max_bytes, sha, bytes, error)) {
      case Copy::Done:
        // Sealed: the bytes hashed are the bytes every reader of the copy gets.
        if (in_memory() && ::fcntl(fd_, F_ADD_SEALS,
                                   F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0) {
          reason = "cannot seal the copy of the file: " + error_text();
          discard();
          return Outcome::Transient;
        }
        sha256_ = sha;
        return Outcome::Taken;
      case Copy::Changed:
        continue;
      case Copy::OverBudget:
        reason = worker::over_file_budget(bytes, max_file_mb) + " (it grew while being read)";
        discard();
        return Outcome::Refused;
      case Copy::ReadError:
        reason = "cannot read: " + error;
        discard();
        return Outcome::Refused;
      case Copy::WriteError:
        reason = "cannot copy the file" + (folder_.empty() ? " into memory" : " to " + folder_) +
                 ": " + error;
        discard();
        return Outcome::Transient;
    }
  }
  reason = "changed while being read (" + std::to_string(kTries) +
           " copies, each overtaken by a write); try again once it is complete";
  discard();
  return Outcome::Transient;
}

void checked_against_copy(worker::JobResult& result, const InputSnapshot& copy) {
  if (result.failure == worker::Failure::None &&
      result.extraction.document.sha256 != copy.sha256()) {
    result.failure = worker::Failure::Transient;
    result.reason = "the private copy of the file changed while the worker read it";
  }
}

void remove_stale_snapshots() {
  std::error_code ec;
  const fs::path temp = fs::temp_directory_path(ec);
  if (ec) return;
  const std::string prefix = kFolderPrefix;
  for (const auto& entry : fs::directory_iterator(temp, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    char* end = nullptr;
    const long pid = std::strtol(name.c_str() + prefix.size(), &end, 10);
    if (pid <= 0 || end == nullptr || *end != '-' || pid == ::getpid()) continue;
    if (::kill(pid_t(pid), 0) == 0 || errno != ESRCH) continue;  // alive (or not ours to judge)
    std::error_code ignored;
    fs::remove_all(entry.path(), ignored);
  }
}

}  // namespace kansa::cli
