// Text from PDFs is data, never markup: the two ways kansa review writes it into its page.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace kansa::review {

// `text` for HTML text or a quoted attribute value: & < > " ' become character references.
// Invalid UTF-8 is kept byte for byte (the browser shows U+FFFD); nothing else changes.
std::string html_escape(std::string_view text);

// `value` as JSON text that is safe inside a JavaScript file or a <script> element: besides
// JSON's own escapes, < > & become \u003c \u003e \u0026 (no </script>, <!--, or ]]> can
// appear), and U+2028 / U+2029 become \u2028 / \u2029 (line terminators in older JavaScript).
// Invalid UTF-8 in strings is replaced by U+FFFD. The result parses to `value` again.
std::string script_json(const nlohmann::json& value);

}  // namespace kansa::review
