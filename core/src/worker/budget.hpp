// Budgets checked by the parent before a document is handed to a worker, from the file alone:
// its size. (Whether it is a PDF at all is left to the extractor, inside the sandbox, whose
// messages are more precise; the page budget is applied by the extractor in the worker,
// before it reads any page.)
#pragma once

#include <cstdint>
#include <string>

namespace kansa::worker {

// Empty when the file may be processed, else why not ("budget: ...", "cannot read: ...").
std::string precheck_file(const std::string& path, std::uint64_t max_file_mb);

// Empty when `bytes` fit in the file-size budget, else the refusal ("budget: file is ...").
std::string over_file_budget(std::uintmax_t bytes, std::uint64_t max_file_mb);

}  // namespace kansa::worker
