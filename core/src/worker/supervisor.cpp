#include "worker/supervisor.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <filesystem>
#include <fstream>
#include <thread>

#include "worker/extraction_codec.hpp"

namespace kansa::worker {

namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

// Signals that come from outside the worker's own limits and faults: the kernel's OOM
// killer (SIGKILL) or an operator. The document may well succeed on another try.
bool from_outside(int sig) {
  return sig == SIGKILL || sig == SIGTERM || sig == SIGINT || sig == SIGHUP || sig == SIGQUIT;
}

std::string describe_status(int status) {
  if (WIFSIGNALED(status)) return "killed by " + signal_name(WTERMSIG(status));
  if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
  return "wait status " + std::to_string(status);
}

}  // namespace

std::string signal_name(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

Supervisor::Supervisor(SupervisorOptions options) : options_(std::move(options)) {
  // A worker that dies while the parent writes to it must give EPIPE, not kill the parent.
  signal(SIGPIPE, SIG_IGN);
}

Supervisor::~Supervisor() {
  stop(false);
  reap_retired(true);
}

void Supervisor::prestart() {
  if (worker_) return;
  try {
    spawn();
  } catch (const WorkerStartError&) {
    // run() tries again and reports it.
  }
}

void Supervisor::start() {
  if (!worker_) spawn();
  if (!worker_->ready) await_ready();
}

void Supervisor::spawn() {
  // Checked here, where the reason can still be told: after fork, a failed exec is only an
  // exit status.
  if (access(options_.executable.c_str(), X_OK) != 0)
    throw WorkerStartError("cannot run the worker binary " + options_.executable + ": " +
                           strerror(errno));
  std::string folder = (std::filesystem::temp_directory_path() / "kansa-worker-XXXXXX").string();
  if (mkdtemp(folder.data()) == nullptr)
    throw WorkerStartError("cannot create a worker folder in " +
                           std::filesystem::temp_directory_path().string() + ": " +
                           strerror(errno));
  // To the worker a socket, which can carry each job's file descriptor; from it a pipe.
  int to[2], from[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, to) != 0)
    throw WorkerStartError(std::string("socketpair: ") + strerror(errno));
  if (pipe2(from, O_CLOEXEC) != 0) {
    close(to[0]);
    close(to[1]);
    throw WorkerStartError(std::string("pipe: ") + strerror(errno));
  }
  const Limits& l = options_.limits;
  // Everything the child needs is built before fork: it only calls async-signal-safe
  // functions between fork and exec.
  const std::pair<const char*, std::string> flags[] = {
      {"--pipeline", options_.pipeline},
      {"--in-fd", std::to_string(to[0])},
      {"--out-fd", std::to_string(from[1])},
      {"--memory-mb", std::to_string(l.memory_mb)},
      {"--file-size-mb", std::to_string(l.file_size_mb)},
      {"--max-pages", std::to_string(options_.max_pages)},
      {"--folder", folder},
  };
  std::vector<std::string> args = {options_.executable};
  for (const auto& [flag, value] : flags) args.insert(args.end(), {flag, value});
  const bool tokens = options_.tokens_read_fd >= 0 && options_.tokens_write_fd >= 0;
  if (tokens) {
    args.insert(args.end(), {"--threads", std::to_string(options_.threads), "--core-tokens",
                             std::to_string(options_.tokens_read_fd) + "," +
                                 std::to_string(options_.tokens_write_fd)});
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) {
    // The worker dies with the parent (a killed ingest leaves no orphan behind).
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    fcntl(to[0], F_SETFD, 0);
    fcntl(from[1], F_SETFD, 0);
    if (tokens) {
      fcntl(options_.tokens_read_fd, F_SETFD, 0);
      fcntl(options_.tokens_write_fd, F_SETFD, 0);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(to[0]);
  close(from[1]);
  if (pid < 0) {
    close(to[1]);
    close(from[0]);
    std::filesystem::remove_all(folder);
    throw WorkerStartError(std::string("fork: ") + strerror(errno));
  }
  fcntl(from[0], F_SETFL, fcntl(from[0], F_GETFL) | O_NONBLOCK);
  Worker started;
  started.pid = pid;
  started.to_fd = to[1];
  started.from_fd = from[0];
  started.folder = folder;
  worker_ = std::move(started);
  {
    std::lock_guard lock(live_mutex_);
    live_pid_ = pid;
  }
  ++workers_started_;
}

void Supervisor::await_ready() {
  bool eof = false;
  std::optional<json> ready;
  try {
    ready =
        next_message(Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                        std::chrono::duration<double>(options_.startup_timeout_s)),
                     eof);
  } catch (const std::exception&) {
  }
  if (!ready || ready->value("type", "") != "ready") {
    // The worker's own reason when it sent one, else how it ended.
    const std::string reason =
        ready && ready->value("type", "") == "setup_error" ? ready->value("message", "") : "";
    std::optional<int> status = stop(true);
    throw WorkerStartError("the worker process (" + options_.executable + ") did not start" +
                               (!reason.empty() ? ": " + reason
                                : status        ? ": " + describe_status(*status)
                                                : std::string()),
                           reason);
  }
  sandbox_ = ready->value("sandbox", "");
  plugins_ = ready->value("plugins", "");
  worker_->ready = true;
}

namespace {

// A pidfd (readable once the process has exited), closed with it; -1 on kernels without.
class ExitWatch {
 public:
  explicit ExitWatch(pid_t pid) : fd_(static_cast<int>(syscall(SYS_pidfd_open, pid, 0))) {}
  ~ExitWatch() {
    if (fd_ >= 0) close(fd_);
  }
  ExitWatch(const ExitWatch&) = delete;
  ExitWatch& operator=(const ExitWatch&) = delete;
  // Waits up to `limit` for the exit; without a pidfd, a 5 ms tick.
  void wait(std::chrono::milliseconds limit) {
    if (fd_ < 0) {
      std::this_thread::sleep_for(std::min(limit, std::chrono::milliseconds(5)));
      return;
    }
    pollfd p{fd_, POLLIN, 0};
    poll(&p, 1, static_cast<int>(limit.count()));
  }

 private:
  int fd_;
};

// Waits for `pid` to exit, SIGKILL after 10 s. Its wait status, if it was reaped. Woken by
// the exit itself: a 5 ms polling tick held back the end of every run (and the result of a
// document that waited for a worker to be replaced) by half a tick on average.
std::optional<int> reap_process(pid_t pid) {
  const auto until = std::chrono::steady_clock::now() + 10s;
  ExitWatch exit_watch(pid);
  for (;;) {
    int status = 0;
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return status;
    if (r < 0 && errno != EINTR) return std::nullopt;
    const auto now = std::chrono::steady_clock::now();
    if (now >= until) {
      kill(pid, SIGKILL);
      if (waitpid(pid, &status, 0) == pid) return status;
      return std::nullopt;
    }
    exit_watch.wait(std::chrono::ceil<std::chrono::milliseconds>(until - now));
  }
}

}  // namespace

std::optional<int> Supervisor::stop(bool kill_now) {
  if (!worker_) return std::nullopt;
  {
    // Not to be killed by interrupt() once reaped: its pid may then be another process's.
    std::lock_guard lock(live_mutex_);
    live_pid_ = -1;
  }
  close(worker_->to_fd);  // a healthy worker leaves when its input ends
  if (kill_now) kill(worker_->pid, SIGKILL);
  const std::optional<int> result = reap_process(worker_->pid);
  release(*worker_);
  worker_.reset();
  return result;
}

void Supervisor::release(Worker& reaped) {
  close(reaped.from_fd);
  std::error_code ec;
  std::filesystem::remove_all(reaped.folder, ec);
}

void Supervisor::retire() {
  {
    std::lock_guard lock(live_mutex_);
    live_pid_ = -1;
  }
  close(worker_->to_fd);
  worker_->to_fd = -1;
  retired_.push_back(std::move(*worker_));
  worker_.reset();
}

void Supervisor::reap_retired(bool wait) {
  for (auto it = retired_.begin(); it != retired_.end();) {
    if (!wait) {
      int status = 0;
      const pid_t r = waitpid(it->pid, &status, WNOHANG);
      if (r == 0 || (r < 0 && errno == EINTR)) {
        ++it;
        continue;
      }
    } else {
      reap_process(it->pid);
    }
    release(*it);
    it = retired_.erase(it);
  }
}

bool Supervisor::worn_out() const {
  if (worker_->jobs >= options_.max_docs_per_worker) return true;
  // Resident pages are the second field of /proc/PID/statm.
  std::ifstream statm("/proc/" + std::to_string(worker_->pid) + "/statm");
  long long size = 0, resident = 0;
  if (!(statm >> size >> resident)) return false;
  return resident * sysconf(_SC_PAGESIZE) > static_cast<long long>(options_.recycle_rss_mb) << 20;
}

void Supervisor::interrupt() {
  std::lock_guard lock(live_mutex_);
  if (live_pid_ > 0) kill(live_pid_, SIGKILL);
}

std::optional<json> Supervisor::next_message(Clock::time_point deadline, bool& eof) {
  char buf[1 << 16];
  for (;;) {
    if (auto m = worker_->frames.next()) return m;
    const auto now = Clock::now();
    if (now >= deadline) return std::nullopt;
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
    pollfd p{worker_->from_fd, POLLIN, 0};
    const int r = poll(&p, 1, int(std::min<long long>(ms, INT_MAX)));
    if (r <= 0) continue;  // timeout or EINTR: the deadline is checked above
    const ssize_t n = read(worker_->from_fd, buf, sizeof buf);
    if (n > 0) {
      worker_->frames.append(buf, std::size_t(n));
    } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
      eof = true;
      return std::nullopt;
    }
  }
}

JobResult Supervisor::worker_died(const JobResult& partial, bool limit_noted) {
  JobResult r = partial;
  r.failure = Failure::Permanent;
  const std::optional<int> status = stop(false);
  const std::string memory_limit =
      "limit: address space (" + std::to_string(options_.limits.memory_mb) + " MB)";
  if (!status) {
    r.failure = Failure::Transient;
    r.reason = "worker lost (not reaped)";
  } else if (limit_noted) {
    r.reason = memory_limit;
  } else if (WIFSIGNALED(*status)) {
    const int sig = WTERMSIG(*status);
    if (sig == SIGXCPU) {
      r.reason = "limit: CPU time (" + std::to_string(options_.cpu_seconds) + " s)";
    } else if (sig == SIGXFSZ) {
      r.reason = "limit: file size (" + std::to_string(options_.limits.file_size_mb) + " MB)";
    } else if (from_outside(sig)) {
      r.failure = Failure::Transient;
      r.reason = "killed: " + signal_name(sig) + " from outside the run (out of memory?)";
    } else {
      r.reason = "crashed: " + signal_name(sig);
    }
  } else {
    r.reason = "crashed: worker " + describe_status(*status);
  }
  return r;
}

JobResult Supervisor::run(const Job& job) {
  reap_retired(false);  // those that have exited since the last document
  start();
  JobResult r;
  json message = {{"type", "job"}, {"name", job.name}, {"cpu_seconds", options_.cpu_seconds}};
  if (job.municipality_code) message["municipality_code"] = *job.municipality_code;
  if (!job.sha256.empty()) message["sha256"] = job.sha256;
  if (!write_message(worker_->to_fd, message, job.fd)) return worker_died(r, false);

  const auto started = Clock::now();
  auto last_progress = started;
  bool limit_noted = false;
  auto seconds = [](double s) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
  };
  for (;;) {
    const double total_s =
        options_.timeout_base_s + options_.timeout_per_page_s * std::max(1, r.pages);
    const auto total_deadline = started + seconds(total_s);
    const auto quiet_deadline = last_progress + seconds(options_.no_progress_timeout_s);
    bool eof = false;
    std::optional<json> m;
    try {
      m = next_message(std::min(total_deadline, quiet_deadline), eof);
    } catch (const std::exception& e) {
      stop(true);
      r.failure = Failure::Permanent;
      r.reason = std::string("crashed: ") + e.what();
      return r;
    }
    if (eof) return worker_died(r, limit_noted);
    if (!m) {
      stop(true);
      r.failure = Failure::Permanent;
      r.reason =
          Clock::now() >= total_deadline
              ? "timeout: over " + seconds_text(total_s) + " s in total (" +
                    std::to_string(std::max(1, r.pages)) + " pages)"
              : "timeout: no progress for " + seconds_text(options_.no_progress_timeout_s) + " s";
      return r;
    }
    const std::string type = m->value("type", "");
    if (type == "progress") {
      last_progress = Clock::now();
      r.pages = std::max(r.pages, m->value("page", 0));
      continue;
    }
    if (type == "limit") {
      limit_noted = true;
      continue;
    }
    if (type == "result") {
      try {
        r.extraction = extraction_from_json(m->at("extraction"));
        r.pages = m->value("pages", 0);
        r.method = m->value("method", "text");
      } catch (const std::exception& e) {
        stop(true);
        r.failure = Failure::Permanent;
        r.reason = std::string("crashed: malformed result: ") + e.what();
        return r;
      }
    } else {
      r.failure = Failure::Permanent;
      r.reason = limit_noted
                     ? "limit: address space (" + std::to_string(options_.limits.memory_mb) + " MB)"
                     : m->value("message", "worker error");
    }
    // A worker that hit its memory limit is not trusted with another document.
    ++worker_->jobs;
    if (limit_noted) {
      stop(true);
    } else if (worn_out()) {
      retire();
    }
    return r;
  }
}

}  // namespace kansa::worker
