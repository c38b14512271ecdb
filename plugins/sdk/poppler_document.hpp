// Opening a PDF with Poppler from its bytes in memory (header-only; for the plugins that link
// Poppler). See file_bytes.hpp for why: Poppler's own file reading makes a system call per 256
// bytes.
#pragma once

#include <Object.h>
#include <PDFDoc.h>
#include <Stream.h>
#include <goo/GooString.h>

#include <memory>
#include <string>

#include "file_bytes.hpp"

namespace kansa::sdk {

// The document and the bytes it reads. Members are destroyed in reverse order: the document
// before the bytes its stream points into. Movable: the bytes do not move with their owner.
struct PopplerDocument {
  FileBytes bytes;
  std::unique_ptr<PDFDoc> doc;
};

// Always gives a document; check doc->isOk() as for any PDFDoc. When the bytes cannot be had
// (file_bytes.hpp), Poppler opens the path itself and its error codes (errOpenFile...) say why.
inline PopplerDocument open_poppler_document(const std::string& path) {
  PopplerDocument opened;
  opened.bytes = FileBytes::load(path);
  if (opened.bytes.empty()) {
    opened.doc = std::make_unique<PDFDoc>(std::make_unique<GooString>(path));
  } else {
    // PDFDoc owns (deletes) the stream; the stream does not own the bytes.
    opened.doc = std::make_unique<PDFDoc>(new MemStream(
        opened.bytes.data(), 0, static_cast<Goffset>(opened.bytes.size()), Object(objNull)));
  }
  return opened;
}

}  // namespace kansa::sdk
