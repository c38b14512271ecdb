// Pages whose text runs vertically (a landscape table printed on a portrait page, turned by
// 90°): detection, and turning the page so that its text reads left to right.
#pragma once

#include "kansa/model.hpp"

namespace kansa::tables {

enum class TextRun { Rightwards, Downwards, Upwards };

// How most of the page's text runs, judged from consecutive glyphs in the extractor's order
// (glyphs of one word follow each other). Japanese vertical writing also runs downwards but
// with upright glyphs: callers only use this for tables, where that is rare.
TextRun text_run(const Page& page);

// The page turned so that text running `run` reads rightwards (width and height swap).
Page upright(const Page& page, TextRun run);

// A box of the upright page mapped back onto the original page.
Box to_original(const Box& box, const Page& original, TextRun run);

}  // namespace kansa::tables
