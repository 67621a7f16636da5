#include "CliArguments.h"

#include "common/LatentLabError.h"

namespace latentlab::cli {

CliArguments::CliArguments(const std::string& command, const std::vector<std::string>& args, const std::set<std::string>& valueOptions,
                           const std::set<std::string>& flags)
    : m_command(command)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") {
            m_help = true;
            continue;
        }
        if (a.rfind("--", 0) != 0)
            throw LatentLabError("Unexpected argument '" + a + "' for '" + command + "'; expected options starting with --.");
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
            if (hasInline) {
                m_values[name] = inlineValue;
            } else {
                if (i + 1 >= args.size())
                    throw LatentLabError("Option --" + name + " of '" + command + "' needs a value.");
                m_values[name] = args[++i];
            }
        } else {
            std::string known;
            for (const auto& o : valueOptions)
                known += (known.empty() ? "--" : ", --") + o;
            for (const auto& o : flags)
                known += (known.empty() ? "--" : ", --") + o;
            throw LatentLabError("Unknown option --" + name + " for '" + command + "'; expected one of " + known + ".");
        }
    }
}

std::string CliArguments::value(const std::string& name, const std::string& fallback) const
{
    const auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second;
}

std::string CliArguments::required(const std::string& name) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end() || it->second.empty())
        throw LatentLabError("'" + m_command + "' needs --" + name + "; see '" + m_command + " --help'.");
    return it->second;
}

std::int64_t CliArguments::integer(const std::string& name, std::int64_t fallback) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end())
        return fallback;
    try {
        std::size_t used = 0;
        const long long v = std::stoll(it->second, &used);
        if (used != it->second.size())
            throw std::invalid_argument(it->second);
        return v;
    } catch (const std::exception&) {
        throw LatentLabError("Option --" + name + " of '" + m_command + "' got '" + it->second + "'; expected an integer.");
    }
}

double CliArguments::number(const std::string& name, double fallback) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end())
        return fallback;
    try {
        std::size_t used = 0;
        const double v = std::stod(it->second, &used);
        if (used != it->second.size())
            throw std::invalid_argument(it->second);
        return v;
    } catch (const std::exception&) {
        throw LatentLabError("Option --" + name + " of '" + m_command + "' got '" + it->second + "'; expected a number.");
    }
}

} // namespace latentlab::cli
