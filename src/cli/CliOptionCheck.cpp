#include "CliOptionCheck.h"

#include <sstream>
#include <stdexcept>

namespace latentlab::cli {

bool parseCliInteger(const std::string& text, std::int64_t& value)
{
    try {
        std::size_t used = 0;
        const long long v = std::stoll(text, &used);
        if (used != text.size())
            return false;
        value = v;
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

bool parseCliNumber(const std::string& text, double& value)
{
    try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        if (used != text.size())
            return false;
        value = v;
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

namespace {
/// 0.05 as "0.05", not "0.050000".
std::string shortNumber(double v)
{
    std::ostringstream s;
    s << v;
    return s.str();
}
} // namespace

CliOptionCheck::CliOptionCheck(std::string expected, std::function<bool(const std::string&)> accepts)
    : m_expected(std::move(expected)),
      m_accepts(std::move(accepts))
{
}

CliOptionCheck CliOptionCheck::integer()
{
    return {"an integer", [](const std::string& t) {
                std::int64_t v = 0;
                return parseCliInteger(t, v);
            }};
}

CliOptionCheck CliOptionCheck::integerAtLeast(std::int64_t minimum)
{
    return {"an integer of at least " + std::to_string(minimum), [minimum](const std::string& t) {
                std::int64_t v = 0;
                return parseCliInteger(t, v) && v >= minimum;
            }};
}

CliOptionCheck CliOptionCheck::integerBetween(std::int64_t minimum, std::int64_t maximum)
{
    return {"an integer from " + std::to_string(minimum) + " to " + std::to_string(maximum), [minimum, maximum](const std::string& t) {
                std::int64_t v = 0;
                return parseCliInteger(t, v) && v >= minimum && v <= maximum;
            }};
}

CliOptionCheck CliOptionCheck::number()
{
    return {"a number", [](const std::string& t) {
                double v = 0;
                return parseCliNumber(t, v);
            }};
}

CliOptionCheck CliOptionCheck::numberAtLeast(double minimum)
{
    return {"a number of at least " + shortNumber(minimum), [minimum](const std::string& t) {
                double v = 0;
                return parseCliNumber(t, v) && v >= minimum;
            }};
}

CliOptionCheck CliOptionCheck::oneOf(const std::vector<std::string>& choices)
{
    std::string words;
    for (std::size_t i = 0; i < choices.size(); ++i)
        words += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + choices[i];
    return {words, [choices](const std::string& t) {
                for (const auto& c : choices)
                    if (t == c)
                        return true;
                return false;
            }};
}

} // namespace latentlab::cli
