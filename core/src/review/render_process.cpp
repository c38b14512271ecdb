#include "review/render_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <sstream>

namespace kansa::review {

namespace {

std::string signal_text(int sig) {
  const char* name = sigabbrev_np(sig);
  return name ? std::string("SIG") + name : "signal " + std::to_string(sig);
}

// Reads everything the child writes until it closes its end or the deadline passes. False on
// the deadline.
bool read_until_eof(int fd, std::chrono::steady_clock::time_point deadline, std::string& out) {
  char buffer[4096];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) return true;
    if (ready <= 0) continue;
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return true;
    }
    out.append(buffer, static_cast<size_t>(n));
    if (out.size() > (1u << 20)) return true;  // a child this chatty is broken; stop reading
  }
}

}  // namespace

std::string render_ok_line(int page, int width_px, int height_px) {
  return "ok " + std::to_string(page) + " " + std::to_string(width_px) + " " +
         std::to_string(height_px);
}

std::string render_error_line(int page, const std::string& message) {
  std::string flat = message;
  for (char& c : flat)
    if (c == '\n' || c == '\r') c = ' ';
  return "error " + std::to_string(page) + " " + flat;
}

std::vector<PageImage> render_in_child(const RenderJob& job) {
  std::vector<PageImage> images;
  for (int p : job.pages) images.push_back({p, false, "", 0, 0, "not rendered"});
  if (job.pages.empty()) return images;

  std::vector<std::string> args = {job.executable,
                                   "render-pages",
                                   "--folder",
                                   job.folder,
                                   "--dpi",
                                   std::to_string(job.dpi),
                                   "--memory-mb",
                                   std::to_string(job.memory_mb),
                                   "--cpu-seconds",
                                   std::to_string(int(job.timeout_s) + 1),
                                   "--",
                                   job.pdf};
  for (int p : job.pages) args.push_back(std::to_string(p));
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) {
    for (auto& i : images)
      i.error = std::string("cannot start the renderer: pipe: ") + strerror(errno);
    return images;
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) {
    // Only async-signal-safe calls until exec. The child dies with the review.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    dup2(out[1], STDOUT_FILENO);
    dup2(out[1], STDERR_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  if (pid < 0) {
    close(out[0]);
    for (auto& i : images)
      i.error = std::string("cannot start the renderer: fork: ") + strerror(errno);
    return images;
  }
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(long(job.timeout_s * 1000));
  std::string text;
  const bool in_time = read_until_eof(out[0], deadline, text);
  close(out[0]);
  if (!in_time) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }

  // What the child said about each page; other lines are its diagnostics.
  std::map<int, PageImage> said;
  std::string diagnostic;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string kind;
    int page = 0;
    words >> kind >> page;
    if (kind == "ok" && page > 0) {
      PageImage image{page, true, job.folder + "/page-" + std::to_string(page) + ".png", 0, 0, ""};
      words >> image.width_px >> image.height_px;
      if (words && image.width_px > 0 && image.height_px > 0) said[page] = image;
    } else if (kind == "error" && page > 0) {
      std::string message;
      std::getline(words, message);
      if (!message.empty() && message.front() == ' ') message.erase(0, 1);
      said[page] = {page, false, "", 0, 0, message};
    } else if (!line.empty()) {
      diagnostic = line;
    }
  }
  std::string ended;
  if (!in_time)
    ended = "the renderer took longer than " + (std::ostringstream() << job.timeout_s).str() + " s";
  else if (WIFSIGNALED(status))
    ended = "the renderer crashed (" + signal_text(WTERMSIG(status)) + ")";
  else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
    ended = "the renderer failed (exit status " + std::to_string(WEXITSTATUS(status)) + ")" +
            (diagnostic.empty() ? "" : ": " + diagnostic);
  else
    ended = "the renderer said nothing about it";
  for (PageImage& image : images) {
    if (auto it = said.find(image.page); it != said.end())
      image = it->second;
    else
      image.error = ended;
  }
  return images;
}

}  // namespace kansa::review
