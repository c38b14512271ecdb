// The database of `kansa ingest`, opened on a thread of its own from construction: a new
// database's first open writes its schema and syncs the disk several times (a server's
// connects over the network), while the parent could be copying the first documents.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "kansa/store.hpp"

namespace kansa::cli {

class OpeningStore {
 public:
  // `open` runs on the thread; what it throws becomes the error, passed through `describe`
  // (which takes secrets out of it).
  OpeningStore(std::function<std::unique_ptr<store::Store>()> open,
               std::function<std::string(const std::string&)> describe);
  ~OpeningStore();  // waits for the open
  OpeningStore(const OpeningStore&) = delete;
  OpeningStore& operator=(const OpeningStore&) = delete;

  // Waits for the open. The store (owned here), or null with the reason in `error`.
  store::Store* get(std::string& error);
  // Closes the store now (for SQLite, its last checkpoint and sync), if it was opened.
  void close();

 private:
  std::unique_ptr<store::Store> store_;
  std::string error_;
  std::thread thread_;  // last: started once the members it writes exist
};

}  // namespace kansa::cli
