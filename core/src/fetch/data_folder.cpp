#include "fetch/data_folder.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>

namespace kansa::fetch {

namespace {

namespace fs = std::filesystem;

constexpr const char* kPartInfix = ".part-";  // KEY.part-PID-RANDOM
constexpr std::uint64_t kMaxRecordBytes = 64 * 1024;

std::string error_text() { return std::strerror(errno); }

std::string random_suffix() {
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  static const char* digits = "0123456789abcdef";
  std::string out;
  std::uint64_t r = generator();
  for (int i = 0; i < 12; ++i, r >>= 4) out += digits[r & 15];
  return out;
}

bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += std::size_t(n);
  }
  return true;
}

// Creates a new file NAME.part-PID-RANDOM in the folder; returns its descriptor and name.
int create_part(int dir_fd, const std::string& stem, std::string& name) {
  for (int attempt = 0; attempt < 16; ++attempt) {
    name = stem + kPartInfix + std::to_string(::getpid()) + "-" + random_suffix();
    const int fd =
        ::openat(dir_fd, name.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  errno = EEXIST;
  return -1;
}

// A header value kept for a conditional request goes back into a request line: it must be
// one line of printable characters.
bool header_safe(const std::string& value) {
  if (value.size() > 1024) return false;
  for (unsigned char c : value)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

}  // namespace

DataFolder::DataFolder(const std::string& path) {
  std::error_code ec;
  fs::create_directories(path, ec);
  path_ = fs::absolute(path, ec).lexically_normal().string();
  while (path_.size() > 1 && path_.back() == '/') path_.pop_back();
  dir_fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd_ < 0)
    throw std::runtime_error("data folder " + path +
                             ": cannot be created or opened: " + error_text());
}

DataFolder::~DataFolder() {
  if (dir_fd_ >= 0) ::close(dir_fd_);
}

std::string DataFolder::document_path(const std::string& key) const {
  return path_ + "/" + key + ".pdf";
}

bool DataFolder::has_document(const std::string& key) const {
  struct stat st {};
  return ::fstatat(dir_fd_, (key + ".pdf").c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
         S_ISREG(st.st_mode);
}

std::optional<DownloadRecord> DataFolder::read_record(const std::string& key) const {
  const int fd = ::openat(dir_fd_, (key + ".json").c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0 && text.size() < kMaxRecordBytes)
    text.append(buf, std::size_t(n));
  ::close(fd);
  try {
    const nlohmann::json j = nlohmann::json::parse(text);
    DownloadRecord r;
    r.url = j.value("url", "");
    r.etag = j.value("etag", "");
    r.last_modified = j.value("last_modified", "");
    r.sha256 = j.value("sha256", "");
    r.bytes = j.value("bytes", std::uint64_t(0));
    r.fetched_at = j.value("fetched_at", "");
    if (!header_safe(r.etag)) r.etag.clear();
    if (!header_safe(r.last_modified)) r.last_modified.clear();
    return r;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

void DataFolder::write_record(const std::string& key, const DownloadRecord& record) const {
  nlohmann::json j = {
      {"url", record.url},       {"etag", record.etag},   {"last_modified", record.last_modified},
      {"sha256", record.sha256}, {"bytes", record.bytes}, {"fetched_at", record.fetched_at}};
  const std::string text = j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::string name;
  const int fd = create_part(dir_fd_, key + ".json", name);
  if (fd < 0) throw std::runtime_error("cannot write in " + path_ + ": " + error_text());
  const bool written = write_all(fd, text) && ::fsync(fd) == 0;
  const std::string error = error_text();
  ::close(fd);
  if (!written || ::renameat(dir_fd_, name.c_str(), dir_fd_, (key + ".json").c_str()) != 0) {
    ::unlinkat(dir_fd_, name.c_str(), 0);
    // The record of an earlier download no longer describes KEY.pdf: none is better (the next
    // request is unconditional).
    ::unlinkat(dir_fd_, (key + ".json").c_str(), 0);
    throw std::runtime_error("cannot write " + path_ + "/" + key + ".json: " + error);
  }
}

DataFolder::Download::~Download() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlinkat(dir_fd_, name_.c_str(), 0);
}

void DataFolder::Download::commit() {
  if (::fsync(fd_) != 0 || ::renameat(dir_fd_, name_.c_str(), dir_fd_, final_.c_str()) != 0)
    throw std::runtime_error("cannot keep the download as " + final_ + ": " + error_text());
  committed_ = true;
}

std::unique_ptr<DataFolder::Download> DataFolder::start_download(const std::string& key) const {
  std::string name;
  const int fd = create_part(dir_fd_, key, name);
  if (fd < 0) throw std::runtime_error("cannot create a file in " + path_ + ": " + error_text());
  return std::unique_ptr<Download>(new Download(dir_fd_, name, key + ".pdf", fd));
}

DataFolder::Lock::~Lock() {
  if (fd_ >= 0) ::close(fd_);  // releases the flock
}

std::unique_ptr<DataFolder::Lock> DataFolder::lock(const std::string& key) const {
  const int fd =
      ::openat(dir_fd_, (key + ".lock").c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot lock in " + path_ + ": " + error_text());
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    const std::string error = error_text();
    ::close(fd);
    throw std::runtime_error("cannot lock in " + path_ + ": " + error);
  }
  return std::make_unique<Lock>(fd);
}

void DataFolder::remove_stale_downloads() const {
  const int fd = ::dup(dir_fd_);
  if (fd < 0) return;
  DIR* dir = ::fdopendir(fd);
  if (dir == nullptr) {
    ::close(fd);
    return;
  }
  ::rewinddir(dir);
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    const std::size_t at = name.find(kPartInfix);
    if (at == std::string::npos) continue;
    char* end = nullptr;
    const long pid = std::strtol(name.c_str() + at + std::strlen(kPartInfix), &end, 10);
    if (pid <= 0 || end == nullptr || *end != '-' || pid == ::getpid()) continue;
    if (::kill(pid_t(pid), 0) == 0 || errno != ESRCH) continue;  // alive (or not ours to judge)
    ::unlinkat(dir_fd_, name.c_str(), 0);
  }
  ::closedir(dir);
}

}  // namespace kansa::fetch
