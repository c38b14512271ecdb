#include "page_threads.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "read_page.hpp"
#include "stopwatch.hpp"

namespace kansa::ocr {

namespace {

void set_message(kansa_error& error, const std::string& text) {
  const std::size_t n = std::min(text.size(), sizeof error.message - 1);
  text.copy(error.message, n);
  error.message[n] = '\0';
}

// The host's pipe of lent cores (one byte a core). Without one, every request is granted:
// options.threads alone limits.
class LentCores {
 public:
  explicit LentCores(const Options& o) : read_fd_(o.token_read_fd), write_fd_(o.token_write_fd) {
    // Never wait for a core: no token, no extra thread.
    if (read_fd_ >= 0) fcntl(read_fd_, F_SETFL, fcntl(read_fd_, F_GETFL) | O_NONBLOCK);
  }
  bool take() {
    if (read_fd_ < 0) return true;
    char token;
    for (;;) {
      const ssize_t n = read(read_fd_, &token, 1);
      if (n == 1) return true;
      if (n < 0 && errno == EINTR) continue;
      return false;
    }
  }
  void give() {
    if (write_fd_ < 0) return;
    const char token = '+';
    while (write(write_fd_, &token, 1) < 0 && errno == EINTR) {
    }
  }

 private:
  int read_fd_, write_fd_;
};

struct Outcome {
  bool done = false;
  kansa_status status = KANSA_OK;
  std::string message;  // when status is not OK
  PageReading reading;
};

struct Shared {
  Shared(const Options& o, PageRenderer& r, std::span<const int32_t> p)
      : options(o), renderer(r), pages(p), outcomes(p.size()), cores(o) {}

  // The next page nobody reads yet, if any (and none once stopping).
  std::optional<std::size_t> claim() {
    std::lock_guard lock(mutex);
    if (stop || next >= pages.size()) return std::nullopt;
    return next++;
  }
  std::size_t unclaimed() const { return stop ? 0 : pages.size() - next; }  // under mutex

  const Options& options;
  PageRenderer& renderer;
  std::span<const int32_t> pages;
  std::mutex mutex;  // guards what follows, except the renderer
  std::condition_variable page_done;
  std::vector<Outcome> outcomes;  // by index in `pages`
  std::size_t next = 0;
  bool stop = false;
  int helpers = 0;             // running
  bool helper_failed = false;  // a helper could not load its engines: no more helpers
  int most_threads = 1;
  RecognizerTimes helper_times;     // of the helpers that ended
  double render_s = 0, page_s = 0;  // summed over threads
  std::mutex render_mutex;
  LentCores cores;
};

void read_one(Shared& s, std::size_t index, Recognizer& recognizer) {
  Outcome o;
  const int number = s.pages[index];
  const auto start = Clock::now();
  double render_s = 0;
  try {
    RenderedPage rendered;
    kansa_error err{};
    kansa_status st;
    {
      std::lock_guard lock(s.render_mutex);
      const auto rendering = Clock::now();
      st = s.renderer.prepare(number, s.options, rendered, err);
      if (st == KANSA_OK) st = s.renderer.render(number, s.options, rendered, err);
      render_s = since(rendering);
    }
    std::string problem;
    if (st != KANSA_OK) {
      o.status = st;
      o.message = err.message;
    } else if (!read_page(rendered, s.options, recognizer, o.reading, problem)) {
      o.status = KANSA_ERR_INTERNAL;
      o.message = "ocr: page " + std::to_string(number) + ": " + problem;
    }
  } catch (const std::bad_alloc&) {
    o = Outcome();
    o.status = KANSA_ERR_RESOURCE;
    o.message = "ocr: out of memory";
  } catch (const std::exception& e) {
    o = Outcome();
    o.status = KANSA_ERR_INTERNAL;
    o.message = std::string("ocr: unexpected failure: ") + e.what();
  }
  o.done = true;
  {
    std::lock_guard lock(s.mutex);
    s.outcomes[index] = std::move(o);
    s.render_s += render_s;
    s.page_s += since(start);
  }
  s.page_done.notify_all();
}

// A helper thread, started holding one core.
void help(Shared& s) {
  bool failed = false;
  RecognizerTimes times;
  // Its engines' times are added to the document's when it ends, however it ends.
  struct Account {
    Shared& s;
    RecognizerTimes& times;
    ~Account() {
      std::lock_guard lock(s.mutex);
      s.helper_times += times;
    }
  } account{s, times};
  try {
    Recognizer recognizer(s.options);
    struct Keep {
      const Recognizer& r;
      RecognizerTimes& times;
      ~Keep() { times = r.times(); }
    } keep{recognizer, times};
    std::string problem;
    if (recognizer.ready(problem)) {
      while (std::optional<std::size_t> index = s.claim()) {
        read_one(s, *index, recognizer);
        s.cores.give();
        bool more;
        {
          std::lock_guard lock(s.mutex);
          more = s.unclaimed() > 0;
        }
        if (!more || !s.cores.take()) {
          std::lock_guard lock(s.mutex);
          --s.helpers;
          return;
        }
      }
    } else {
      failed = true;
    }
  } catch (...) {
    failed = true;  // the pages it did not claim are read by the others
  }
  s.cores.give();
  std::lock_guard lock(s.mutex);
  --s.helpers;
  s.helper_failed = s.helper_failed || failed;
}

// With KANSA_OCR_STATS set in the environment, one line per document on stderr (written at
// once, so that it stays whole among other processes' lines) saying where the time went, for
// tools/benchmark.sh: `tesseract` is the time inside Tesseract on the regions (RecognizerTimes),
// the figure that bounds the plugin.
void print_stats(const Shared& s, const RecognizerTimes& t, double wall_s) {
  if (std::getenv("KANSA_OCR_STATS") == nullptr) return;
  char line[512];
  const int n = std::snprintf(
      line, sizeof line,
      "kansa-ocr-stats: pages=%zu threads=%d wall=%.3f render=%.3f image=%.3f tesseract=%.3f "
      "osd=%.3f init=%.3f regions=%ld\n",
      s.pages.size(), s.most_threads, wall_s, s.render_s,
      std::max(0.0, s.page_s - s.render_s - t.recognize_s - t.osd_s), t.recognize_s, t.osd_s,
      t.init_s, t.regions);
  if (n > 0) {
    [[maybe_unused]] ssize_t w =
        write(STDERR_FILENO, line, std::min(static_cast<std::size_t>(n), sizeof line - 1));
  }
}

}  // namespace

kansa_status read_pages(const Options& options, PageRenderer& renderer, Recognizer& recognizer,
                        std::span<const int32_t> pages, const kansa_page_sink& sink,
                        kansa_error& error) {
  // With dump_dir, regions are numbered in reading order: one thread.
  const int max_threads = options.dump_dir.empty() ? options.threads : 1;
  const auto start = Clock::now();
  const RecognizerTimes before = recognizer.times();
  std::string problem;
  if (!pages.empty() && !recognizer.ready(problem)) {
    set_message(error, problem);
    return KANSA_ERR_UNSUPPORTED;
  }
  Shared s(options, renderer, pages);
  std::vector<std::thread> threads;
  const auto end = [&](kansa_status status) {
    {
      std::lock_guard lock(s.mutex);
      s.stop = true;
    }
    for (std::thread& t : threads) t.join();
    RecognizerTimes t = recognizer.times();
    t.init_s -= before.init_s;
    t.recognize_s -= before.recognize_s;
    t.osd_s -= before.osd_s;
    t.regions -= before.regions;
    t += s.helper_times;
    print_stats(s, t, since(start));
    return status;
  };
  std::size_t reported = 0;
  std::unique_lock lock(s.mutex);
  while (reported < pages.size()) {
    if (s.outcomes[reported].done) {
      Outcome o = std::move(s.outcomes[reported]);
      s.outcomes[reported] = Outcome();
      s.outcomes[reported].done = true;
      lock.unlock();
      if (o.status != KANSA_OK) {
        set_message(error, o.message);
        return end(o.status);
      }
      if (!report_page(o.reading, pages[reported], sink)) {
        set_message(error, "ocr: stopped by the host");
        return end(KANSA_ERR_ABORTED);
      }
      ++reported;
      lock.lock();
      continue;
    }
    // A helper only while two pages are left: one for it, one for this thread.
    if (s.helpers + 1 < max_threads && !s.helper_failed && s.unclaimed() >= 2 && s.cores.take()) {
      try {
        threads.emplace_back(help, std::ref(s));
        ++s.helpers;
        s.most_threads = std::max(s.most_threads, s.helpers + 1);
      } catch (const std::exception&) {
        s.cores.give();
        s.helper_failed = true;
      }
    }
    if (s.unclaimed() > 0) {
      const std::size_t index = s.next++;
      lock.unlock();
      read_one(s, index, recognizer);
      lock.lock();
    } else {
      s.page_done.wait(lock, [&] { return s.outcomes[reported].done; });
    }
  }
  lock.unlock();
  return end(KANSA_OK);
}

}  // namespace kansa::ocr
