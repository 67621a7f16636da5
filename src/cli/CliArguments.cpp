#include "CliArguments.h"

#include "common/LatentLabError.h"

#include <stdexcept>

namespace latentlab::cli {

CliArguments::CliArguments(const std::string& command, const std::vector<std::string>& args, const CliOptionTable& table)
    : m_command(command),
      m_table(table)
{
    std::set<std::string> valueOptions, flags;
    for (const auto& o : table.options())
        (o.isFlag() ? flags : valueOptions).insert(o.name());
    parse(args, valueOptions, flags, table.names());
    // Every given value against its check, in table order, before the command does any work.
    for (const auto& o : table.options()) {
        const auto it = m_allValues.find(o.name());
        if (it == m_allValues.end())
            continue;
        for (const auto& given : it->second)
            if (!o.check().accepts(given))
                throw LatentLabError("Option --" + o.name() + " of '" + command + "' got '" + given + "'; expected " + o.check().expected() + ".");
    }
}

void CliArguments::parse(const std::vector<std::string>& args, const std::set<std::string>& valueOptions, const std::set<std::string>& flags,
                         const std::string& known)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") {
            m_help = true;
            continue;
        }
        if (a.rfind("--", 0) != 0)
            throw LatentLabError("Unexpected argument '" + a + "' for '" + m_command + "'; expected options starting with --.");
        std::string name = a.substr(2);
        std::string inlineValue;
        bool hasInline = false;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name = name.substr(0, eq);
            hasInline = true;
        }
        if (flags.count(name)) {
            m_flags.insert(name);
        } else if (valueOptions.count(name)) {
            if (!hasInline && i + 1 >= args.size())
                throw LatentLabError("Option --" + name + " of '" + m_command + "' needs a value.");
            m_values[name] = hasInline ? inlineValue : args[++i];
            m_allValues[name].push_back(m_values[name]);
        } else {
            throw LatentLabError("Unknown option --" + name + " for '" + m_command + "'; expected one of " + known + ".");
        }
    }
}

const CliOption* CliArguments::declared(const std::string& name) const
{
    const CliOption* o = m_table.find(name);
    if (!o)
        throw std::logic_error("'" + m_command + "' reads --" + name + ", which its option table does not declare");
    return o;
}

bool CliArguments::has(const std::string& name) const
{
    declared(name);
    return m_values.count(name) > 0 || m_flags.count(name) > 0;
}

std::optional<std::string> CliArguments::valueOrDefault(const std::string& name) const
{
    const CliOption* o = declared(name);
    if (o->isRequired())
        return required(name);
    if (const auto it = m_values.find(name); it != m_values.end())
        return it->second;
    if (o->hasDefault())
        return o->defaultValue();
    return std::nullopt;
}

std::string CliArguments::value(const std::string& name) const { return valueOrDefault(name).value_or(std::string()); }

std::string CliArguments::value(const std::string& name, const std::string& fallback) const
{
    declared(name);
    const auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second;
}

std::string CliArguments::required(const std::string& name) const
{
    declared(name);
    const auto it = m_values.find(name);
    if (it == m_values.end() || it->second.empty())
        throw LatentLabError("'" + m_command + "' needs --" + name + "; see '" + m_command + " --help'.");
    return it->second;
}

std::vector<std::string> CliArguments::values(const std::string& name) const
{
    const CliOption* o = declared(name);
    if (!o->isRepeatable())
        throw std::logic_error("'" + m_command + "' reads every --" + name + ", which its option table does not declare repeatable");
    const auto it = m_allValues.find(name);
    return it == m_allValues.end() ? std::vector<std::string>() : it->second;
}

std::int64_t CliArguments::parseInteger(const std::string& name, const std::string& text) const
{
    std::int64_t v = 0;
    if (!parseCliInteger(text, v))
        throw LatentLabError("Option --" + name + " of '" + m_command + "' got '" + text + "'; expected an integer.");
    return v;
}

double CliArguments::parseNumber(const std::string& name, const std::string& text) const
{
    double v = 0;
    if (!parseCliNumber(text, v))
        throw LatentLabError("Option --" + name + " of '" + m_command + "' got '" + text + "'; expected a number.");
    return v;
}

std::int64_t CliArguments::integer(const std::string& name) const
{
    const auto text = valueOrDefault(name);
    if (!text)
        throw std::logic_error("'" + m_command + "' reads --" + name + " without a declared default");
    return parseInteger(name, *text);
}

double CliArguments::number(const std::string& name) const
{
    const auto text = valueOrDefault(name);
    if (!text)
        throw std::logic_error("'" + m_command + "' reads --" + name + " without a declared default");
    return parseNumber(name, *text);
}

std::optional<std::string> CliArguments::given(const std::string& name) const
{
    declared(name);
    const auto it = m_values.find(name);
    return it == m_values.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::optional<std::int64_t> CliArguments::givenInteger(const std::string& name) const
{
    const auto text = given(name);
    return text ? std::optional<std::int64_t>(parseInteger(name, *text)) : std::nullopt;
}

std::optional<double> CliArguments::givenNumber(const std::string& name) const
{
    const auto text = given(name);
    return text ? std::optional<double>(parseNumber(name, *text)) : std::nullopt;
}

} // namespace latentlab::cli
