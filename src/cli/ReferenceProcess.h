#pragma once
#include <nlohmann/json.hpp>

#include <string>

namespace latentlab::cli {

/// Runs a reference benchmark command (a Debian python3 script) through the shell and parses the first
/// line it prints as JSON. An empty object when it could not run or printed no JSON: benchmarks then
/// report the reference as "not run" instead of failing.
nlohmann::json runReferenceCommand(const std::string& command);

} // namespace latentlab::cli
