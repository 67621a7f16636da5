#pragma once
#include "CliOptionCheck.h"

#include <string>

namespace latentlab::cli {

/// One declared option of a subcommand: what `--help` lists, what the parser accepts and the default a
/// reader gets. Declared once in the subcommand's table, so help, parsing and defaults cannot drift.
///   CliOption::value("gzip", "L", "gzip level").defaultsTo("4").checked(CliOptionCheck::integerBetween(1, 9))
///   CliOption::flag("json", "print a JSON summary on stdout")
class CliOption {
public:
    /// An option that takes a value (`--out FILE`); `placeholder` names it in the help ("FILE").
    static CliOption value(std::string name, std::string placeholder, std::string help);
    /// A flag (`--json`): no value.
    static CliOption flag(std::string name, std::string help);

    /// Read when the option is absent, and shown as "(default VALUE)".
    CliOption defaultsTo(std::string value) const;
    /// A default that depends on other inputs (the preset's, the file's layout): shown as "(default: TEXT)";
    /// the command supplies it, so readers get nothing when the option is absent.
    CliOption defaultDescribed(std::string text) const;
    /// Shown as "(required)"; reading it when absent is the "needs --NAME" sentence.
    CliOption mandatory() const;
    /// Checked when the arguments are parsed, before any work.
    CliOption checked(CliOptionCheck check) const;
    /// May be given several times (`--runs A --runs B`); CliArguments::values reads them all, in order.
    /// Any other option given twice keeps its last value.
    CliOption repeatable() const;

    const std::string& name() const { return m_name; }
    const std::string& placeholder() const { return m_placeholder; }
    bool isFlag() const { return m_placeholder.empty(); }
    const std::string& help() const { return m_help; }
    bool hasDefault() const { return m_hasDefault; }
    const std::string& defaultValue() const { return m_defaultValue; }
    const std::string& defaultText() const { return m_defaultText; }
    bool isRequired() const { return m_required; }
    bool isRepeatable() const { return m_repeatable; }
    const CliOptionCheck& check() const { return m_check; }

private:
    std::string m_name, m_placeholder, m_help;
    bool m_hasDefault = false;
    std::string m_defaultValue, m_defaultText;
    bool m_required = false;
    bool m_repeatable = false;
    CliOptionCheck m_check;
};

} // namespace latentlab::cli
