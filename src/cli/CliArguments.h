#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace latentlab::cli {

/// Parsed `--name value` / `--flag` arguments of one subcommand. Unknown options, missing values and
/// malformed numbers become LatentLabError sentences naming the option and what was expected.
class CliArguments {
public:
    /// valueOptions take a value (`--out F`), flags do not (`--json`).
    CliArguments(const std::string& command, const std::vector<std::string>& args, const std::set<std::string>& valueOptions,
                 const std::set<std::string>& flags);

    bool has(const std::string& name) const { return m_values.count(name) > 0 || m_flags.count(name) > 0; }
    std::string value(const std::string& name, const std::string& fallback = {}) const;
    std::string required(const std::string& name) const;
    std::int64_t integer(const std::string& name, std::int64_t fallback) const;
    /// A real number (`--beta 0.5`); a malformed one is a LatentLabError naming the option.
    double number(const std::string& name, double fallback) const;
    bool helpRequested() const { return m_help; }

private:
    std::string m_command;
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
    bool m_help = false;
};

} // namespace latentlab::cli
