// RFC 4180 CSV: fields quoted when needed, records ended by CRLF.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace kansa::store::csv {

// `value` as one CSV field: quoted (with inner quotes doubled) when it contains a comma,
// a double quote, CR or LF; otherwise unchanged.
std::string field(std::string_view value);

// Writes the fields joined by commas, then CRLF.
void write_row(std::ostream& out, const std::vector<std::string>& fields);

// Cell text of values: empty for an absent optional.
std::string text(const std::optional<std::string>& value);
std::string number(const std::optional<int>& value);
// Shortest decimal form of a confidence rounded to 3 decimals (0.95, 0.957, 1); empty when
// not finite.
std::string confidence(double value);
// Integers joined by ';' (17;35), empty for an empty list.
std::string pages(const std::vector<int>& pages);

}  // namespace kansa::store::csv
