#include "ReferenceProcess.h"

#include <array>
#include <cstdio>
#include <memory>

namespace latentlab::cli {

nlohmann::json runReferenceCommand(const std::string& command)
{
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
    if (!pipe)
        return nlohmann::json::object();
    std::string out;
    std::array<char, 4096> buf{};
    while (std::fgets(buf.data(), static_cast<int>(buf.size()), pipe.get()))
        out += buf.data();
    try {
        return nlohmann::json::parse(out.substr(0, out.find('\n')));
    } catch (const std::exception&) {
        return nlohmann::json::object();
    }
}

} // namespace latentlab::cli
