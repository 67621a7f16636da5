#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace latentlab::cli {

/// What a command-line option's value must look like: a predicate and the words for the error sentence
/// ("Option --gzip of 'dataset generate' got '12'; expected an integer from 1 to 9.").
class CliOptionCheck {
public:
    /// No check: any text is accepted.
    CliOptionCheck() = default;

    static CliOptionCheck integer();
    static CliOptionCheck integerAtLeast(std::int64_t minimum);
    static CliOptionCheck integerBetween(std::int64_t minimum, std::int64_t maximum);
    static CliOptionCheck number();
    static CliOptionCheck numberAtLeast(double minimum);
    /// Exactly one of `choices` ("expected nmi or vi").
    static CliOptionCheck oneOf(const std::vector<std::string>& choices);

    bool accepts(const std::string& text) const { return !m_accepts || m_accepts(text); }
    /// "an integer from 1 to 9"; empty for no check.
    const std::string& expected() const { return m_expected; }

private:
    CliOptionCheck(std::string expected, std::function<bool(const std::string&)> accepts);
    std::string m_expected;
    std::function<bool(const std::string&)> m_accepts;
};

/// The whole text as an integer (no trailing characters); false when it is not one.
bool parseCliInteger(const std::string& text, std::int64_t& value);
/// The whole text as a real number; false when it is not one.
bool parseCliNumber(const std::string& text, double& value);

} // namespace latentlab::cli
