#include "CliOption.h"

namespace latentlab::cli {

CliOption CliOption::value(std::string name, std::string placeholder, std::string help)
{
    CliOption o;
    o.m_name = std::move(name);
    o.m_placeholder = placeholder.empty() ? "VALUE" : std::move(placeholder);
    o.m_help = std::move(help);
    return o;
}

CliOption CliOption::flag(std::string name, std::string help)
{
    CliOption o;
    o.m_name = std::move(name);
    o.m_help = std::move(help);
    return o;
}

CliOption CliOption::defaultsTo(std::string value) const
{
    CliOption o = *this;
    o.m_hasDefault = true;
    o.m_defaultValue = std::move(value);
    return o;
}

CliOption CliOption::defaultDescribed(std::string text) const
{
    CliOption o = *this;
    o.m_defaultText = std::move(text);
    return o;
}

CliOption CliOption::mandatory() const
{
    CliOption o = *this;
    o.m_required = true;
    return o;
}

CliOption CliOption::checked(CliOptionCheck check) const
{
    CliOption o = *this;
    o.m_check = std::move(check);
    return o;
}

CliOption CliOption::repeatable() const
{
    CliOption o = *this;
    o.m_repeatable = true;
    return o;
}

} // namespace latentlab::cli
