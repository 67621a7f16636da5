#include "CliOptionTable.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace latentlab::cli {

std::string wrapCliText(const std::string& text, std::size_t firstColumn, std::size_t indent, std::size_t width)
{
    std::string out, word;
    std::size_t column = firstColumn;
    bool lineStart = true;
    std::stringstream in(text);
    while (in >> word) {
        if (!lineStart && column + 1 + word.size() > width) {
            out += "\n" + std::string(indent, ' ');
            column = indent;
            lineStart = true;
        }
        if (!lineStart) {
            out += ' ';
            ++column;
        }
        out += word;
        column += word.size();
        lineStart = false;
    }
    return out;
}

CliOptionTable::CliOptionTable(std::initializer_list<CliOption> options) : m_options(options)
{
    // A duplicate name would make the help and the parser disagree about which entry counts.
    for (std::size_t i = 0; i < m_options.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (m_options[i].name() == m_options[j].name())
                throw std::logic_error("option --" + m_options[i].name() + " is declared twice");
}

const CliOption* CliOptionTable::find(const std::string& name) const
{
    for (const auto& o : m_options)
        if (o.name() == name)
            return &o;
    return nullptr;
}

std::string CliOptionTable::synopsis(const std::string& command) const
{
    std::string line = "Usage: " + command;
    for (const auto& o : m_options)
        if (o.isRequired())
            line += " --" + o.name() + (o.isFlag() ? "" : " " + o.placeholder());
    return line + " [options]";
}

namespace {
std::string entryHead(const CliOption& o) { return "--" + o.name() + (o.isFlag() ? "" : " " + o.placeholder()); }
} // namespace

std::string CliOptionTable::helpText() const
{
    std::size_t width = 0;
    for (const auto& o : m_options)
        width = std::max(width, entryHead(o).size());
    const std::size_t column = 2 + width + 2;
    std::string out;
    for (const auto& o : m_options) {
        std::string help = o.help();
        if (o.isRequired())
            help += " (required)";
        if (o.isRepeatable())
            help += " (repeatable)";
        if (o.hasDefault())
            help += " (default " + o.defaultValue() + ")";
        else if (!o.defaultText().empty())
            help += " (default: " + o.defaultText() + ")";
        const std::string head = entryHead(o);
        out += "  " + head + std::string(column - 2 - head.size(), ' ') + wrapCliText(help, column, column) + "\n";
    }
    return out;
}

std::string CliOptionTable::names() const
{
    std::string known;
    for (const auto& o : m_options)
        known += (known.empty() ? "--" : ", --") + o.name();
    return known;
}

} // namespace latentlab::cli
