#include "io/Hdf5StringAttribute.h"

#include <cstdlib>

namespace latentlab::io {

std::vector<std::string> readStringListAttribute(const H5::H5Object& object, const std::string& name)
{
    std::vector<std::string> out;
    if (!object.attrExists(name))
        return out;
    try {
        const H5::Attribute a = object.openAttribute(name);
        const H5::StrType type = a.getStrType();
        const hssize_t n = a.getSpace().getSimpleExtentNpoints();
        if (type.isVariableStr()) {
            std::vector<char*> raw(static_cast<std::size_t>(n), nullptr);
            a.read(type, raw.data());
            for (char* s : raw) {
                out.emplace_back(s ? s : "");
                std::free(s);
            }
        } else {
            const std::size_t width = type.getSize();
            std::vector<char> buffer(width * static_cast<std::size_t>(n));
            a.read(type, buffer.data());
            for (hssize_t i = 0; i < n; ++i) {
                std::string s(buffer.data() + static_cast<std::size_t>(i) * width, width);
                s.erase(s.find_last_not_of(std::string("\0 ", 2)) + 1);
                out.push_back(s);
            }
        }
    } catch (const H5::Exception&) {
        out.clear();
    }
    return out;
}

void writeStringListAttribute(H5::H5Object& object, const std::string& name, const std::vector<std::string>& values)
{
    if (values.empty())
        return;
    const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    const hsize_t n = values.size();
    std::vector<const char*> raw;
    for (const auto& s : values)
        raw.push_back(s.c_str());
    object.createAttribute(name, type, H5::DataSpace(1, &n)).write(type, raw.data());
}

} // namespace latentlab::io
