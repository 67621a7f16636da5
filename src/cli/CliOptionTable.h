#pragma once
#include "CliOption.h"

#include <initializer_list>
#include <string>
#include <vector>

namespace latentlab::cli {

/// The options of one subcommand, declared once: CliArguments parses against it and reads its defaults,
/// and the help's option section is generated from it, so the three cannot disagree.
class CliOptionTable {
public:
    CliOptionTable(std::initializer_list<CliOption> options);

    const std::vector<CliOption>& options() const { return m_options; }
    /// The declared option, or nullptr.
    const CliOption* find(const std::string& name) const;

    /// "Usage: latentlab-cli COMMAND --req X [options]": the required options, in table order.
    std::string synopsis(const std::string& command) const;
    /// One entry per option ("  --gzip L   gzip level (default 4)"), help wrapped to 105 columns under
    /// its own column; ends with a newline.
    std::string helpText() const;
    /// "--kind, --out, ...": every option, in table order (for the unknown-option sentence).
    std::string names() const;

private:
    std::vector<CliOption> m_options;
};

/// `text` word-wrapped to `width` columns: the first line starts at column `firstColumn`, continuation
/// lines are indented by `indent` spaces.
std::string wrapCliText(const std::string& text, std::size_t firstColumn, std::size_t indent, std::size_t width = 105);

} // namespace latentlab::cli
