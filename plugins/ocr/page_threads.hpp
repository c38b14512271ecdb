// Pages of one document read on several threads at once, reported in order on the calling
// thread (the host's sink is not thread-safe, and it expects ascending pages).
//
// The calling thread reads pages with the instance's engines (made once per worker). Before
// each page it may add a helper thread, while at least two pages are left unclaimed, up to
// options.threads in all, and, when the host lends cores (options.token_read_fd), only with a
// token taken from the pipe. A helper makes its own Tesseract engines (Tesseract instances are
// independent; one instance is not thread-safe), reads pages, and gives its token back after
// each one: it goes on only if it can take a token again, else it ends and its engines are
// freed. Rendering goes through the one PDF document under a lock (Poppler's document is not
// thread-safe; rendering is a small part of a page's time).
//
// Memory stays bounded: a thread holds one page image at a time, and pages read ahead of the
// one being reported wait as glyph lists only. Each page is read by one engine in the same way
// whatever the thread, so the result does not depend on the number of threads.
#pragma once

#include <cstdint>
#include <span>

#include "kansa/plugin_abi.h"
#include "ocr_options.hpp"
#include "page_renderer.hpp"
#include "recognizer.hpp"

namespace kansa::ocr {

// Reads `pages` (valid, ascending) of the opened `renderer` and reports each to `sink`, in
// order. `recognizer` reads on the calling thread (its engines loaded here if they are not yet). On
// failure returns non-OK with `error` filled (the first failing page's error, after the pages
// before it were reported).
kansa_status read_pages(const Options& options, PageRenderer& renderer, Recognizer& recognizer,
                        std::span<const int32_t> pages, const kansa_page_sink& sink,
                        kansa_error& error);

}  // namespace kansa::ocr
