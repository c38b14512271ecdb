#include "worker/worker_loop.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

#include "worker/extraction_codec.hpp"
#include "worker/protocol.hpp"
#include "worker/sandbox.hpp"

namespace kansa::worker {

namespace {

using json = nlohmann::json;

constexpr std::chrono::milliseconds kHeartbeatEvery{100};

int g_limit_fd = -1;
std::string* g_limit_frame = nullptr;  // encoded before any allocation can fail

void on_allocation_failure() {
  if (g_limit_fd >= 0 && g_limit_frame != nullptr) {
    // write() only: the heap is exhausted. A short write is harmless (the parent then sees
    // a corrupt stream and reports a crash).
    [[maybe_unused]] ssize_t n = ::write(g_limit_fd, g_limit_frame->data(), g_limit_frame->size());
  }
  throw std::bad_alloc();
}

// How the findings of a document were read: text, ocr, or mixed. Pages nothing read from
// (route none) do not count: they gave no findings.
std::string method_of(const std::vector<PageRoute>& routes) {
  bool text = false, ocr = false;
  for (const PageRoute& r : routes) {
    if (r.route == "ocr") ocr = true;
    if (r.route == "text") text = true;
  }
  return ocr && text ? "mixed" : ocr ? "ocr" : "text";
}

json error_message(kansa_status code, const std::string& message) {
  return {{"type", "error"}, {"code", int(code)}, {"message", message}};
}

// Test-only misbehaviour, so that the parent's handling of each failure can be tested on the
// real binary. Returns the answer to send, when the action is one that answers.
std::optional<json> simulate(const std::string& action, const WorkerConfig& config) {
  if (action == "crash") std::abort();
  if (action == "sigkill") raise(SIGKILL);  // as the kernel's OOM killer would
  if (action == "hang")
    for (;;) pause();
  if (action == "spin") {
    // Burns CPU time with heartbeats, so that only the CPU limit can stop it.
    volatile unsigned long sink = 0;
    for (unsigned long i = 0;; ++i) {
      sink = sink + i;
      if ((i & ((1ul << 24) - 1)) == 0)
        write_message(config.out_fd, {{"type", "progress"}, {"stage", "spin"}, {"page", 0}});
    }
  }
  if (action == "allocate") {
    std::vector<std::unique_ptr<char[]>> blocks;
    for (;;) blocks.emplace_back(new char[64u << 20]);  // untouched: address space, no RAM
  }
  if (action == "socket") {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd >= 0) {
      ::close(fd);
      return error_message(KANSA_ERR_INTERNAL, "socket: opened");
    }
    return error_message(KANSA_ERR_IO, std::string("socket: ") + std::strerror(errno));
  }
  if (action.rfind("write:", 0) == 0) {
    const int fd = ::open(action.substr(6).c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0) {
      ::close(fd);
      return error_message(KANSA_ERR_INTERNAL, "write: opened");
    }
    return error_message(KANSA_ERR_IO, std::string("write: ") + std::strerror(errno));
  }
  return std::nullopt;
}

// Every occurrence of `from` in `text` replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = 0; !from.empty() && (at = text.find(from, at)) != std::string::npos;
       at += to.size())
    text.replace(at, from.size(), to);
  return text;
}

// Closes the descriptor a job brought.
struct ReceivedFd {
  int fd = -1;
  ~ReceivedFd() {
    if (fd >= 0) ::close(fd);
  }
};

// A memfd sealed against writes and size changes: its bytes are fixed for good.
bool sealed_against_change(int fd) {
  const int seals = ::fcntl(fd, F_GET_SEALS);
  const int needed = F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW;
  return seals >= 0 && (seals & needed) == needed;
}

// `file` is the descriptor the job brought: the plugins open it by its /proc/self/fd path
// (their ABI takes a path), and what they say of that path is said of the input's name.
json run_job(pipeline::Runner& runner, const json& job, int file, const WorkerConfig& config) {
  set_cpu_budget(job.value("cpu_seconds", 600));
  if (!config.simulate.empty())
    if (auto answer = simulate(config.simulate, config)) return *answer;
  const std::string name = job.at("name").get<std::string>();
  if (file < 0) return error_message(KANSA_ERR_INTERNAL, name + ": the job came without its file");
  const std::string path = "/proc/self/fd/" + std::to_string(file);
  std::optional<std::string> code;
  if (job.contains("municipality_code")) code = job["municipality_code"].get<std::string>();

  bool over_pages = false, parent_gone = false;
  // Progress is a heartbeat for the parent's no-progress timeout and its page count for the
  // total timeout: one message per kHeartbeatEvery is enough. A message per page and stage
  // woke the parent five times for a small document, time taken from the other workers.
  auto last_heartbeat = std::chrono::steady_clock::now();
  const auto heartbeat = [&](const std::string& stage, int page) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_heartbeat < kHeartbeatEvery) return;
    last_heartbeat = now;
    if (!write_message(config.out_fd, {{"type", "progress"}, {"stage", stage}, {"page", page}}))
      parent_gone = true;
  };
  runner.set_progress([&](const std::string& stage, int page) {
    if (config.max_pages > 0 && page > config.max_pages) {
      over_pages = true;
      return false;
    }
    heartbeat(stage, page);
    return !parent_gone;
  });
  // The parent hashed its copy as it wrote it; sealed, the copy cannot have changed since.
  // Any other descriptor (a copy on disk) is hashed here, and the parent compares.
  const std::string known_sha256 =
      sealed_against_change(file) ? job.value("sha256", std::string()) : std::string();
  Document doc;
  Status st = runner.extract(path, doc, name, known_sha256);
  runner.set_progress(nullptr);
  if (parent_gone) std::exit(0);
  if (over_pages)
    return error_message(
        KANSA_ERR_RESOURCE,
        "budget: more than " + std::to_string(config.max_pages) + " pages (--max-pages)");
  if (!st.is_ok()) return error_message(st.code(), replaced(st.to_string(), path, name));
  heartbeat("interpret", 0);
  Extraction ex = runner.interpret(doc, code);
  return {{"type", "result"},
          {"extraction", extraction_to_json(ex)},
          {"pages", doc.pages.size()},
          {"method", method_of(ex.page_routes)}};
}

}  // namespace

void report_allocation_failures(int out_fd) {
  static std::string frame;
  const std::string body = encode({{"type", "limit"}, {"what", "address space"}});
  frame = std::string(1, char(body.size() & 0xff)) + char((body.size() >> 8) & 0xff) + '\0' + '\0' +
          body;
  g_limit_frame = &frame;
  g_limit_fd = out_fd;
  std::set_new_handler(on_allocation_failure);
}

int serve_jobs(pipeline::Runner& runner, const WorkerConfig& config) {
  for (;;) {
    ReceivedFd file;
    std::optional<json> job = read_message(config.in_fd, &file.fd);
    if (!job) return 0;  // the parent closed the socket: recycled or done
    json answer;
    bool exhausted = false;
    try {
      answer = run_job(runner, *job, file.fd, config);
    } catch (const std::bad_alloc&) {
      answer = error_message(KANSA_ERR_RESOURCE, "out of memory");
      exhausted = true;
    } catch (const std::exception& e) {
      answer = error_message(KANSA_ERR_INTERNAL, std::string("error: ") + e.what());
    }
    if (!write_message(config.out_fd, answer)) return 0;
    if (exhausted) return 1;
  }
}

}  // namespace kansa::worker
