// A document's bytes in memory, for libraries that would otherwise read it through small
// system calls (header-only; POSIX). Poppler's FileStream reads 256 bytes per pread(): a
// 10 MB PDF with embedded fonts cost 40 000 system calls, a sixth of a worker's time on a
// batch of text documents. Read from memory, the same parse makes none.
//
// Contract: FileBytes::load(path) gives the whole file's bytes, or an empty FileBytes when it
// will not (no such file, not a regular file, empty, larger than the budget, a read error);
// the caller then opens the path the library's own way, which reports the reason in its
// words. The bytes stay valid and unchanged while the FileBytes lives:
// - a file sealed against writes and shrinking (kansa's in-memory copy of an input, a
//   memfd) is mapped: no copy, and nobody can change it under the mapping;
// - any other file is read into memory (up to max_read_bytes): a mapping of a file that
//   someone truncates would fault (SIGBUS) on the next read of the lost pages.
#pragma once

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>

namespace kansa::sdk {

class FileBytes {
 public:
  // Files past this size are left to the library's own reading: their parse (a scan's
  // images, hundreds of pages) outweighs the reads, and a copy would hold their size in RAM.
  static constexpr std::size_t kDefaultMaxReadBytes = std::size_t{64} << 20;

  static FileBytes load(const std::string& path,
                        std::size_t max_read_bytes = kDefaultMaxReadBytes) {
    FileBytes bytes;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return bytes;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      const auto size = static_cast<std::size_t>(st.st_size);
      if (is_sealed(fd)) {
        bytes.map(fd, size);
      } else if (size <= max_read_bytes) {
        bytes.read_all(fd, size);
      }
    }
    ::close(fd);
    return bytes;
  }

  FileBytes() = default;
  FileBytes(FileBytes&& other) noexcept { *this = std::move(other); }
  FileBytes& operator=(FileBytes&& other) noexcept {
    if (this != &other) {
      release();
      mapped_ = std::exchange(other.mapped_, nullptr);
      buffer_ = std::move(other.buffer_);
      size_ = std::exchange(other.size_, 0);
    }
    return *this;
  }
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;
  ~FileBytes() { release(); }

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  const char* data() const { return mapped_ != nullptr ? mapped_ : buffer_.get(); }
  bool is_mapped() const { return mapped_ != nullptr; }

 private:
  static bool is_sealed(int fd) {
    const int seals = ::fcntl(fd, F_GET_SEALS);
    return seals >= 0 && (seals & F_SEAL_SHRINK) && (seals & F_SEAL_WRITE);
  }

  void map(int fd, std::size_t size) {
    void* at = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (at == MAP_FAILED) return;
    mapped_ = static_cast<const char*>(at);
    size_ = size;
  }

  // The size fstat gave; a file that changes length meanwhile is left to the library.
  void read_all(int fd, std::size_t size) {
    std::unique_ptr<char[]> buffer(new char[size]);
    std::size_t done = 0;
    while (done < size) {
      const ssize_t got = ::pread(fd, buffer.get() + done, size - done, static_cast<off_t>(done));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return;
      done += static_cast<std::size_t>(got);
    }
    char probe;
    if (::pread(fd, &probe, 1, static_cast<off_t>(size)) != 0) return;
    buffer_ = std::move(buffer);
    size_ = size;
  }

  void release() {
    if (mapped_ != nullptr) ::munmap(const_cast<char*>(mapped_), size_);
    mapped_ = nullptr;
    buffer_.reset();
    size_ = 0;
  }

  const char* mapped_ = nullptr;
  std::unique_ptr<char[]> buffer_;
  std::size_t size_ = 0;
};

}  // namespace kansa::sdk
