// The --db option of the commands that read a database (export, status).
#pragma once

#include <CLI/CLI.hpp>

namespace kansa::cli {

// Accepts an existing SQLite file or a PostgreSQL address (checked when connecting). Its
// message never repeats the value, which may hold a password.
CLI::Validator existing_database();

}  // namespace kansa::cli
