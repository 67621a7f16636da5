#pragma once
#include "common/LatentLabError.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

namespace latentlab::train {

/// Whether a JSON value can be stored in a setting of type T without a change of meaning: the right
/// kind, and for integers inside T's range. (nlohmann's get<int>() of 1e20 is undefined behaviour and
/// of 2^40 a silent wrap; found by tests/fuzz/fuzz_run_directory under UBSan.)
template <typename T>
bool jsonFits(const nlohmann::json& v)
{
    if constexpr (std::is_same_v<T, bool>)
        return v.is_boolean();
    else if constexpr (std::is_same_v<T, std::string>)
        return v.is_string();
    else if constexpr (std::is_floating_point_v<T>)
        return v.is_number();
    else if (v.is_number_unsigned())
        return v.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<T>::max());
    else if (v.is_number_integer()) {
        const std::int64_t x = v.get<std::int64_t>();
        return x < 0 ? std::is_signed_v<T> && x >= static_cast<std::int64_t>(std::numeric_limits<T>::min())
                     : static_cast<std::uint64_t>(x) <= static_cast<std::uint64_t>(std::numeric_limits<T>::max());
    }
    return false;
}

/// "an integer from 0 to 2147483647", "a number", ... for the error sentence.
template <typename T>
std::string jsonTypeName()
{
    if constexpr (std::is_same_v<T, bool>)
        return "true or false";
    else if constexpr (std::is_same_v<T, std::string>)
        return "a string";
    else if constexpr (std::is_floating_point_v<T>)
        return "a number";
    else
        return "an integer from " + std::to_string(std::numeric_limits<T>::min()) + " to " + std::to_string(std::numeric_limits<T>::max());
}

/// Reads `key` of object `j` into `value` when present; `what` names the file in the sentence.
template <typename T>
void readJsonSetting(const nlohmann::json& j, const char* key, T& value, const std::string& what)
{
    if (!j.contains(key))
        return;
    const nlohmann::json& v = j[key];
    if (!jsonFits<T>(v))
        throw LatentLabError(what + ": key '" + key + "' must be " + jsonTypeName<T>() + ".");
    value = v.get<T>();
}

} // namespace latentlab::train
