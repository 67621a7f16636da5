#include "info/SimilarityFileReader.h"

#include "common/LatentLabError.h"
#include "io/Hdf5DatasetShape.h"
#include "io/Hdf5Gateway.h"
#include "io/Hdf5StringAttribute.h"

#include <H5Cpp.h>

#include <algorithm>
#include <filesystem>

namespace latentlab::info {
namespace {

/// Reads the dataset `name` of `shape` (rank and sizes; a size of 0 in `shape` accepts any size) as `T`.
template <typename T>
std::vector<T> readArray(const H5::Group& g, const std::string& path, const std::string& name, const std::vector<hsize_t>& shape,
                         std::vector<hsize_t>* actual = nullptr)
{
    if (!g.nameExists(name))
        throw LatentLabError("Similarity file '" + path + "' has no dataset '/" + name + "'.");
    const H5::DataSet ds = g.openDataSet(name);
    const auto dims = io::datasetShape(ds);
    bool ok = dims.size() == shape.size();
    for (std::size_t i = 0; ok && i < dims.size(); ++i)
        ok = shape[i] == 0 || shape[i] == dims[i];
    if (!ok) {
        std::string want = "[";
        for (std::size_t i = 0; i < shape.size(); ++i)
            want += (i ? ", " : "") + (shape[i] ? std::to_string(shape[i]) : std::string("any"));
        throw LatentLabError("Similarity file '" + path + "': '/" + name + "' has shape " + io::shapeText(dims) + "; expected " + want + "].");
    }
    io::requireArrayFitsInMemory("Similarity file", path, name, dims, sizeof(T));
    std::size_t n = 1;
    for (const auto d : dims)
        n *= static_cast<std::size_t>(d);
    std::vector<T> out(n);
    if (n > 0)
        ds.read(out.data(), std::is_same_v<T, double> ? H5::PredType::NATIVE_DOUBLE : H5::PredType::NATIVE_INT64);
    if (actual)
        *actual = dims;
    return out;
}

template <typename T>
T attribute(const H5::Group& root, const std::string& path, const char* name, T fallback)
{
    if (!root.attrExists(name))
        return fallback;
    const H5::Attribute a = root.openAttribute(name);
    // One number: reading a 3-element attribute into `value` overran the stack (tests/fuzz/fuzz_similarity_file).
    const H5T_class_t cls = a.getTypeClass();
    if (a.getSpace().getSimpleExtentNpoints() != 1 || (cls != H5T_INTEGER && cls != H5T_FLOAT))
        throw LatentLabError("Similarity file '" + path + "': attribute '" + name + "' must be one number.");
    T value{};
    a.read(std::is_same_v<T, double> ? H5::PredType::NATIVE_DOUBLE : H5::PredType::NATIVE_INT64, &value);
    return value;
}

} // namespace

SimilarityAnalysisResult SimilarityFileReader::read(const std::string& path)
{
    if (!std::filesystem::exists(path))
        throw LatentLabError("Similarity file '" + path + "' does not exist.");
    SimilarityAnalysisResult r;
    io::Hdf5Gateway::run([&] {
        try {
            if (!H5::H5File::isHdf5(path))
                throw LatentLabError("Similarity file '" + path + "' is not an HDF5 file.");
            const H5::H5File f(path, H5F_ACC_RDONLY);
            const H5::Group root = f.openGroup("/");
            std::vector<hsize_t> dims;
            r.channelInfo = readArray<double>(root, path, "channel_info", {0}, &dims);
            const hsize_t c = dims.at(0);
            const auto channels = static_cast<std::int64_t>(c);
            // Read (size-checked) before shaping: a C of 2^26 must not allocate C² first (fuzz_similarity_file).
            r.nmi.values = readArray<double>(root, path, "nmi", {c, c});
            r.nmi.rows = r.nmi.cols = channels;
            r.vi.values = readArray<double>(root, path, "vi", {c, c});
            r.vi.rows = r.vi.cols = channels;
            r.kept = readArray<std::int64_t>(root, path, "kept", {0}, &dims);
            const hsize_t k = dims.at(0);
            if (!root.nameExists("optics"))
                throw LatentLabError("Similarity file '" + path + "' has no group '/optics'.");
            // Paths relative to the root group: the group exists, so H5Lexists can walk them.
            r.optics.ordering = readArray<std::int64_t>(root, path, "optics/ordering", {k});
            r.optics.reachability = readArray<double>(root, path, "optics/reachability", {k});
            r.optics.coreDistances = readArray<double>(root, path, "optics/core_distances", {k});
            r.optics.labels = readArray<std::int64_t>(root, path, "optics/labels", {k});
            if (root.nameExists("label_nmi")) {
                r.labelNmi.values = readArray<double>(root, path, "label_nmi", {c, 0}, &dims);
                r.labelNmi.rows = channels;
                r.labelNmi.cols = static_cast<std::int64_t>(dims.at(1));
                r.factorNames = io::readStringListAttribute(root.openDataSet("label_nmi"), "names");
            }
            r.samples = attribute<std::int64_t>(root, path, "n_samples", 0);
            r.options.infoThreshold = attribute<double>(root, path, "info_threshold", r.options.infoThreshold);
            r.options.minSamples = attribute<std::int64_t>(root, path, "min_samples", r.options.minSamples);
            r.options.xi = attribute<double>(root, path, "xi", r.options.xi);
            r.dimsPerModel = attribute<std::int64_t>(root, path, "dims_per_model", channels);
            if (root.attrExists("distance")) {
                const auto values = io::readStringListAttribute(root, "distance");
                if (values.size() != 1)
                    throw LatentLabError("Similarity file '" + path + "': attribute 'distance' must be one string (nmi or vi).");
                r.options.distance = values[0];
            }
            r.modelNames = io::readStringListAttribute(root, "model_names");
            r.gaussianChannels = attribute<std::int64_t>(root, path, "gaussian_channels", channels);
            r.channelNames = io::readStringListAttribute(root, "channel_names");
        } catch (const H5::Exception& ex) {
            throw LatentLabError("Cannot read similarity file '" + path + "' (" + ex.getDetailMsg() + ").");
        }
    });
    // The orders must index what they claim to.
    const auto c = static_cast<std::int64_t>(r.channelInfo.size());
    for (std::size_t i = 0; i < r.kept.size(); ++i)
        if (r.kept[i] < 0 || r.kept[i] >= c || (i > 0 && r.kept[i] <= r.kept[i - 1]))
            throw LatentLabError("Similarity file '" + path + "': '/kept' must list channels in [0, " + std::to_string(c) + ") in ascending order.");
    std::vector<std::int64_t> sorted = r.optics.ordering;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size(); ++i)
        if (sorted[i] != static_cast<std::int64_t>(i))
            throw LatentLabError("Similarity file '" + path + "': '/optics/ordering' is not a permutation of the " + std::to_string(sorted.size()) +
                                 " kept positions.");
    // Model dimensions come first; a file with partitions names every channel (docs/design/file-formats.md#partition-channels).
    if (r.gaussianChannels < 0 || r.gaussianChannels > c)
        r.gaussianChannels = c;
    if (static_cast<std::int64_t>(r.channelNames.size()) != c) {
        r.channelNames.clear();
        r.gaussianChannels = c;
    }
    const std::int64_t g = r.gaussianChannels;
    if (r.dimsPerModel <= 0 || (g > 0 && g % r.dimsPerModel != 0))
        r.dimsPerModel = g;
    if (static_cast<std::int64_t>(r.modelNames.size()) != g / std::max<std::int64_t>(1, r.dimsPerModel)) {
        r.modelNames.clear();
        for (std::int64_t m = 0; m < g / std::max<std::int64_t>(1, r.dimsPerModel); ++m)
            r.modelNames.push_back("model " + std::to_string(m));
    }
    if (static_cast<std::int64_t>(r.factorNames.size()) != r.labelNmi.cols) {
        r.factorNames.clear();
        for (std::int64_t j = 0; j < r.labelNmi.cols; ++j)
            r.factorNames.push_back("factor " + std::to_string(j));
    }
    return r;
}

} // namespace latentlab::info
