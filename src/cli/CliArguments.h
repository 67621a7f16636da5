#pragma once
#include "CliOptionTable.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace latentlab::cli {

/// Parsed `--name value` / `--flag` arguments of one subcommand. Unknown options, missing values,
/// malformed numbers and values failing their option's check become LatentLabError sentences naming the
/// option and what was expected.
class CliArguments {
public:
    /// Parses against a declared table: exactly its options are accepted, each given value is checked
    /// here, and the readers below fall back to the declared defaults.
    CliArguments(const std::string& command, const std::vector<std::string>& args, const CliOptionTable& table);

    bool has(const std::string& name) const;
    bool helpRequested() const { return m_help; }

    /// The given value, else the declared default (empty when there is none). A required option that is
    /// absent is the "needs --NAME" sentence.
    std::string value(const std::string& name) const;
    std::string value(const std::string& name, const std::string& fallback) const;
    std::string required(const std::string& name) const;
    /// Every value given to a repeatable option, in order (empty when none was given).
    std::vector<std::string> values(const std::string& name) const;
    /// The given or declared default integer; a malformed one is a LatentLabError naming the option.
    std::int64_t integer(const std::string& name) const;
    /// A real number (`--beta 0.5`), given or declared default.
    double number(const std::string& name) const;

    /// Only what was given, for options whose default the command computes (the preset's, the file's).
    std::optional<std::string> given(const std::string& name) const;
    std::optional<std::int64_t> givenInteger(const std::string& name) const;
    std::optional<double> givenNumber(const std::string& name) const;

private:
    void parse(const std::vector<std::string>& args, const std::set<std::string>& valueOptions, const std::set<std::string>& flags,
               const std::string& known);
    /// The table's entry for `name` (never null); reading an undeclared option is a programming error.
    const CliOption* declared(const std::string& name) const;
    /// The given value, else the declared default; nullopt when neither (a required one throws).
    std::optional<std::string> valueOrDefault(const std::string& name) const;
    std::int64_t parseInteger(const std::string& name, const std::string& text) const;
    double parseNumber(const std::string& name, const std::string& text) const;

    std::string m_command;
    CliOptionTable m_table;
    std::map<std::string, std::string> m_values;                 ///< the last value given to each option
    std::map<std::string, std::vector<std::string>> m_allValues; ///< every value, in order (for repeatable options)
    std::set<std::string> m_flags;
    bool m_help = false;
};

} // namespace latentlab::cli
