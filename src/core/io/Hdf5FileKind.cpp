#include "io/Hdf5FileKind.h"

#include "data/DatasetKind.h"
#include "io/DatasetFileFormat.h"
#include "io/Hdf5Gateway.h"

#include <H5Cpp.h>

#include <filesystem>

namespace latentlab::io {

namespace {

/// `name` ("/nmi", "/optics/labels") is a link of the file; each level is checked, as H5Lexists asks.
bool linkExists(const H5::H5File& file, const std::string& name)
{
    std::string prefix;
    std::size_t start = 1;
    while (start <= name.size()) {
        const std::size_t end = name.find('/', start);
        prefix = name.substr(0, end);
        if (H5Lexists(file.getId(), prefix.c_str(), H5P_DEFAULT) <= 0)
            return false;
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return true;
}

} // namespace

Hdf5FileKind detectHdf5FileKind(const std::string& path)
{
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error))
        return Hdf5FileKind::NotHdf5;
    return Hdf5Gateway::run([&] {
        try {
            if (!H5::H5File::isHdf5(path))
                return Hdf5FileKind::NotHdf5;
            const H5::H5File file(path, H5F_ACC_RDONLY);
            // The most specific contents first: a similarity file also has no images, a dataset no /nmi.
            for (const data::DatasetKind* kind : data::DatasetKind::all())
                if (linkExists(file, kind->fileFormat->imagesPath()))
                    return Hdf5FileKind::Dataset;
            if (linkExists(file, "/nmi") && linkExists(file, "/optics"))
                return Hdf5FileKind::Similarity;
            if (linkExists(file, "/mu"))
                return Hdf5FileKind::Encodings;
            if (linkExists(file, "/codes") && linkExists(file, "/factors"))
                return Hdf5FileKind::Codes;
            if (linkExists(file, "/history"))
                return Hdf5FileKind::RunHistory;
            return Hdf5FileKind::Unknown;
        } catch (const H5::Exception&) {
            return Hdf5FileKind::NotHdf5;
        }
    });
}

std::string hdf5FileKindName(Hdf5FileKind kind)
{
    switch (kind) {
    case Hdf5FileKind::Dataset: return "dataset";
    case Hdf5FileKind::Similarity: return "similarity file";
    case Hdf5FileKind::Encodings: return "encodings file";
    case Hdf5FileKind::Codes: return "codes file";
    case Hdf5FileKind::RunHistory: return "run history";
    case Hdf5FileKind::Unknown: return "unknown HDF5 file";
    case Hdf5FileKind::NotHdf5: break;
    }
    return "not HDF5";
}

} // namespace latentlab::io
