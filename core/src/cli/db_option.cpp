#include "cli/db_option.hpp"

#include <filesystem>

#include "kansa/db_address.hpp"

namespace kansa::cli {

CLI::Validator existing_database() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (store::is_postgresql_address(value)) return {};
        if (store::is_malformed_postgresql_uri(value))
          return "not a PostgreSQL address: it must begin postgresql:// or postgres://";
        std::error_code ec;
        if (std::filesystem::is_regular_file(value, ec)) return {};
        // A path is named, unless it might be a mistyped address holding a password.
        if (value.find_first_of("@=") != std::string::npos)
          return "no such database file (nor a postgresql:// address)";
        return "no such database file: " + value;
      },
      "DATABASE");
}

}  // namespace kansa::cli
