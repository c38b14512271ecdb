// The data folder of `kansa ingest --manifest`: the documents fetched from URLs, one file per
// URL, each beside a small JSON record of what the server said about it (ETag, Last-Modified,
// the SHA-256 of the bytes). Every name in it is made here from url_key() (the SHA-256 of the
// URL) and fixed suffixes, and every file is created with O_EXCL | O_NOFOLLOW relative to the
// folder's own descriptor: no URL, header or symbolic link placed later can make kansa write
// outside it.
//
//   KEY.pdf              the last complete download of the URL
//   KEY.json             its record
//   KEY.lock             held (flock) while the URL is fetched, so that two runs do not
//                        download the same URL at once
//   KEY.part-PID-RANDOM  a download under way; renamed to KEY.pdf when complete, removed
//                        otherwise (and by a later run when process PID died)
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace kansa::fetch {

// What is known about the last download of a URL (KEY.json).
struct DownloadRecord {
  std::string url;                  // redacted
  std::string etag, last_modified;  // as the server sent them; empty when it sent none
  std::string sha256;               // of KEY.pdf's bytes
  std::uint64_t bytes = 0;
  std::string fetched_at;  // ISO 8601 UTC
};

class DataFolder {
 public:
  // Opens the folder, creating it and its parents when missing. Throws std::runtime_error
  // naming it when it cannot be created or opened.
  explicit DataFolder(const std::string& path);
  ~DataFolder();
  DataFolder(const DataFolder&) = delete;
  DataFolder& operator=(const DataFolder&) = delete;

  const std::string& path() const { return path_; }

  // KEY.pdf, as a path for readers (the local copy that ingest reads).
  std::string document_path(const std::string& key) const;
  bool has_document(const std::string& key) const;

  // KEY.json; nullopt when missing or unreadable (then the URL is fetched unconditionally).
  std::optional<DownloadRecord> read_record(const std::string& key) const;
  // Replaces KEY.json atomically. Throws std::runtime_error on failure, after removing the
  // old record.
  void write_record(const std::string& key, const DownloadRecord& record) const;

  // A download under way: a temporary file in the folder, removed unless committed.
  class Download {
   public:
    ~Download();
    Download(const Download&) = delete;
    Download& operator=(const Download&) = delete;
    int fd() const { return fd_; }
    // Flushes the file and renames it to KEY.pdf (replacing the previous download). Throws
    // std::runtime_error on failure (the file is then removed).
    void commit();

   private:
    friend class DataFolder;
    Download(int dir_fd, std::string name, std::string final_name, int fd)
        : dir_fd_(dir_fd), name_(std::move(name)), final_(std::move(final_name)), fd_(fd) {}
    int dir_fd_;
    std::string name_, final_;
    int fd_;
    bool committed_ = false;
  };
  // Throws std::runtime_error when the file cannot be created (a full disk: transient).
  std::unique_ptr<Download> start_download(const std::string& key) const;

  // Holds KEY.lock (an exclusive flock) until destroyed.
  class Lock {
   public:
    explicit Lock(int fd) : fd_(fd) {}
    ~Lock();
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

   private:
    int fd_;
  };
  // Waits for the lock (another run holds it while it fetches the same URL, under its own
  // time limits). Throws std::runtime_error when the lock file cannot be opened.
  std::unique_ptr<Lock> lock(const std::string& key) const;

  // Removes the downloads under way of processes that no longer exist.
  void remove_stale_downloads() const;

 private:
  std::string path_;
  int dir_fd_ = -1;
};

}  // namespace kansa::fetch
