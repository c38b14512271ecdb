// Reads one PDF with Poppler and reports its pages to a kansa page sink.
#pragma once

#include "kansa/plugin_abi.h"
#include "pdftext_options.hpp"

namespace kansa::pdftext {

// Contract of kansa_plugin_descriptor::extract. Never throws. On failure fills `error`
// (the message names the file) and returns:
//   IO          the file cannot be opened
//   PARSE       not a PDF or too damaged to read (with Poppler's error code and message)
//   UNSUPPORTED encrypted with a user password
//   RESOURCE    more pages than options.max_pages, or out of memory
//   ABORTED     a sink callback returned non-OK (extraction stops at once)
kansa_status extract_document(const Options& options, const char* path, const kansa_page_sink& sink,
                              kansa_error& error);

}  // namespace kansa::pdftext
