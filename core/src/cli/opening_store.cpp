#include "cli/opening_store.hpp"

namespace kansa::cli {

OpeningStore::OpeningStore(std::function<std::unique_ptr<store::Store>()> open,
                           std::function<std::string(const std::string&)> describe)
    : thread_([this, open = std::move(open), describe = std::move(describe)] {
        try {
          store_ = open();
        } catch (const std::exception& e) {
          error_ = describe(e.what());
        }
      }) {}

OpeningStore::~OpeningStore() {
  if (thread_.joinable()) thread_.join();
}

void OpeningStore::close() {
  if (thread_.joinable()) thread_.join();
  store_.reset();
}

store::Store* OpeningStore::get(std::string& error) {
  if (thread_.joinable()) thread_.join();
  error = error_;
  return store_.get();
}

}  // namespace kansa::cli
