#include "cli/write_watch.hpp"

#include <sys/inotify.h>
#include <unistd.h>

#include <map>
#include <mutex>
#include <string>

namespace kansa::cli {

namespace {

// The process's inotify instance, made on first use and never closed (see the header): its
// descriptor is close-on-exec, so workers do not inherit it.
class Notifier {
 public:
  static Notifier& instance() {
    static Notifier notifier;
    return notifier;
  }

  // The watch descriptor, or -1.
  int add(int fd) {
    if (fd_ < 0) return -1;
    const std::string self = "/proc/self/fd/" + std::to_string(fd);
    std::lock_guard lock(mutex_);
    const int wd = ::inotify_add_watch(fd_, self.c_str(), IN_MODIFY);
    if (wd >= 0) ++watches_[wd].users;
    return wd;
  }

  void remove(int wd) {
    std::lock_guard lock(mutex_);
    drain();
    const auto it = watches_.find(wd);
    if (it == watches_.end() || --it->second.users > 0) return;
    watches_.erase(it);
    ::inotify_rm_watch(fd_, wd);  // its IN_IGNORED event is drained with later ones
  }

  // How many writes the watch has seen so far.
  std::uint64_t writes(int wd) {
    std::lock_guard lock(mutex_);
    drain();
    const auto it = watches_.find(wd);
    return it == watches_.end() ? 0 : it->second.writes;
  }

 private:
  struct Watch {
    int users = 0;
    std::uint64_t writes = 0;
  };

  Notifier() : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {}

  // Counts the queued events against their watches (mutex held).
  void drain() {
    alignas(inotify_event) char buf[4096];
    for (;;) {
      const ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n <= 0) return;
      for (ssize_t at = 0; at + ssize_t(sizeof(inotify_event)) <= n;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buf + at);
        if ((event->mask & IN_MODIFY) != 0) {
          const auto it = watches_.find(event->wd);
          if (it != watches_.end()) ++it->second.writes;
        }
        at += ssize_t(sizeof(inotify_event) + event->len);
      }
    }
  }

  const int fd_;
  std::mutex mutex_;
  std::map<int, Watch> watches_;
};

}  // namespace

WriteWatch::WriteWatch(int fd) : wd_(Notifier::instance().add(fd)) {
  if (wd_ >= 0) seen_ = Notifier::instance().writes(wd_);
}

WriteWatch::~WriteWatch() {
  if (wd_ >= 0) Notifier::instance().remove(wd_);
}

bool WriteWatch::modified() {
  if (wd_ < 0) return false;
  const std::uint64_t now = Notifier::instance().writes(wd_);
  const bool any = now != seen_;
  seen_ = now;
  return any;
}

}  // namespace kansa::cli
