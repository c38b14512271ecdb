// Extraction <-> JSON for the worker pipe: every field of the model, losslessly (doubles
// round-trip exactly; optional fields absent when empty), so that what the parent stores is
// what the worker computed.
#pragma once

#include <nlohmann/json.hpp>

#include "kansa/model.hpp"

namespace kansa::worker {

nlohmann::json extraction_to_json(const Extraction& extraction);

// Throws nlohmann::json::exception on a message that does not have the expected shape.
Extraction extraction_from_json(const nlohmann::json& j);

}  // namespace kansa::worker
