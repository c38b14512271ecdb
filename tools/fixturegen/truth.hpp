// Writes a Document's truth: expected.jsonl (kansa.finding/1, one finding per line, fields as in
// fixtures/corpus/*/expected.jsonl) and meta.json.
#pragma once

#include <string>

#include "document.hpp"

namespace fixturegen {

// The expected.jsonl text (every line ends with '\n').
std::string findings_jsonl(const Document& doc);
// The meta.json text: municipality, municipality_code, prefecture, source_note.
std::string meta_json(const Document& doc, const std::string& source_note);

}  // namespace fixturegen
