#include "io/EncodingsFile.h"

#include "common/LatentLabError.h"
#include "io/Hdf5AtomicWrite.h"
#include "io/Hdf5DatasetShape.h"
#include "io/Hdf5Gateway.h"
#include "io/Hdf5StringAttribute.h"

#include <H5Cpp.h>

#include <cmath>
#include <filesystem>

namespace latentlab::io {

namespace {

/// /mu and /logvar [R, N, D] with their model names.
void readGaussian(const H5::H5File& f, const std::string& path, EncodingsFile& e)
{
    for (const char* name : {"mu", "logvar"})
        if (!f.nameExists(name))
            throw LatentLabError("Encodings file '" + path + "' has no dataset '/" + name + "'; expected a float [R, N, D] array.");
    const H5::DataSet mu = f.openDataSet("mu"), lv = f.openDataSet("logvar");
    const auto ms = datasetShape(mu), ls = datasetShape(lv);
    if (ms.size() != 3)
        throw LatentLabError("Encodings file '" + path + "': '/mu' has shape " + shapeText(ms) + "; expected [R, N, D].");
    if (ls != ms)
        throw LatentLabError("Encodings file '" + path + "': '/logvar' has shape " + shapeText(ls) + " but '/mu' has " + shapeText(ms) +
                             "; expected the same shape.");
    if (mu.getTypeClass() != H5T_FLOAT || lv.getTypeClass() != H5T_FLOAT)
        throw LatentLabError("Encodings file '" + path + "': '/mu' and '/logvar' must hold floats (float32 or float64).");
    if (ms[0] < 1 || ms[2] < 1 || ms[1] < 2)
        throw LatentLabError("Encodings file '" + path + "': '/mu' has shape " + shapeText(ms) +
                             "; expected at least one model, two samples and one dimension.");
    if (e.samples > 0 && ms[1] != static_cast<hsize_t>(e.samples))
        throw LatentLabError("Encodings file '" + path + "': '/mu' has " + std::to_string(ms[1]) + " samples but '/posteriors' has " +
                             std::to_string(e.samples) + "; expected the same samples for every channel.");
    requireArrayFitsInMemory("Encodings file", path, "mu", ms, sizeof(double));
    e.models = static_cast<std::int64_t>(ms[0]);
    e.samples = static_cast<std::int64_t>(ms[1]);
    e.dims = static_cast<std::int64_t>(ms[2]);
    e.mu.resize(static_cast<std::size_t>(e.models * e.samples * e.dims));
    e.logvar.resize(e.mu.size());
    mu.read(e.mu.data(), H5::PredType::NATIVE_DOUBLE);
    lv.read(e.logvar.data(), H5::PredType::NATIVE_DOUBLE);
    e.modelNames = readStringListAttribute(mu, "model_names");
}

/// /posteriors [P, N, Kmax], /component_counts [P] and the channel names of the partition variant.
void readPosteriors(const H5::H5File& f, const std::string& path, EncodingsFile& e)
{
    const H5::DataSet post = f.openDataSet("posteriors");
    const auto ps = datasetShape(post);
    if (ps.size() != 3 || ps[0] < 1 || ps[1] < 2 || ps[2] < 1)
        throw LatentLabError("Encodings file '" + path + "': '/posteriors' has shape " + shapeText(ps) +
                             "; expected [P, N, Kmax] with at least one channel, two samples and one component.");
    if (post.getTypeClass() != H5T_FLOAT)
        throw LatentLabError("Encodings file '" + path + "': '/posteriors' must hold floats (float32 or float64).");
    if (!f.nameExists("component_counts"))
        throw LatentLabError("Encodings file '" + path + "' has '/posteriors' but no dataset '/component_counts'; expected an integer [P] array.");
    const H5::DataSet counts = f.openDataSet("component_counts");
    const auto cs = datasetShape(counts);
    if (cs.size() != 1 || cs[0] != ps[0] || counts.getTypeClass() != H5T_INTEGER)
        throw LatentLabError("Encodings file '" + path + "': '/component_counts' has shape " + shapeText(cs) + "; expected integers [" +
                             std::to_string(ps[0]) + "] (one per channel of '/posteriors').");
    requireArrayFitsInMemory("Encodings file", path, "posteriors", ps, sizeof(double));
    const auto channels = static_cast<std::int64_t>(ps[0]);
    e.samples = static_cast<std::int64_t>(ps[1]);
    e.maxComponents = static_cast<std::int64_t>(ps[2]);
    e.posteriors.resize(static_cast<std::size_t>(channels * e.samples * e.maxComponents));
    post.read(e.posteriors.data(), H5::PredType::NATIVE_DOUBLE);
    e.componentCounts.resize(static_cast<std::size_t>(channels));
    counts.read(e.componentCounts.data(), H5::PredType::NATIVE_INT64);
    e.posteriorNames = readStringListAttribute(post, "channel_names");
    if (static_cast<std::int64_t>(e.posteriorNames.size()) != channels) {
        e.posteriorNames.clear();
        for (std::int64_t c = 0; c < channels; ++c)
            e.posteriorNames.push_back("partition " + std::to_string(c));
    }
}

/// Every categorical row must be a posterior over its channel's own components.
void checkPosteriors(const std::string& path, const EncodingsFile& e)
{
    const std::int64_t k = e.maxComponents;
    for (std::int64_t c = 0; c < e.categoricalChannels(); ++c) {
        const std::int64_t own = e.componentCounts[static_cast<std::size_t>(c)];
        if (own < 1 || own > k)
            throw LatentLabError("Encodings file '" + path + "': '/component_counts' gives channel " + std::to_string(c) + " " + std::to_string(own) +
                                 " components; expected 1 to " + std::to_string(k) + ".");
        for (std::int64_t n = 0; n < e.samples; ++n) {
            double sum = 0;
            bool ok = true;
            for (std::int64_t j = 0; j < k; ++j) {
                const double p = e.posteriors[static_cast<std::size_t>((c * e.samples + n) * k + j)];
                ok = ok && std::isfinite(p) && p >= 0.0 && p <= 1.0 && (j < own || p == 0.0);
                sum += p;
            }
            if (!ok || std::abs(sum - 1.0) > 1e-6)
                throw LatentLabError("Encodings file '" + path + "': '/posteriors' at [" + std::to_string(c) + ", " + std::to_string(n) +
                                     "] is not a probability vector over the channel's " + std::to_string(own) +
                                     " components (values in [0, 1] summing to 1, zeros beyond).");
        }
    }
}

} // namespace

EncodingsFile EncodingsFile::read(const std::string& path)
{
    if (!std::filesystem::exists(path))
        throw LatentLabError("Encodings file '" + path + "' does not exist.");
    EncodingsFile e;
    Hdf5Gateway::run([&] {
        try {
            if (!H5::H5File::isHdf5(path))
                throw LatentLabError("Encodings file '" + path + "' is not an HDF5 file.");
            const H5::H5File f(path, H5F_ACC_RDONLY);
            // The partition variant (docs/design/file-formats.md#partition-channels) may hold categorical channels only.
            const bool partitions = f.nameExists("posteriors");
            if (partitions)
                readPosteriors(f, path, e);
            const bool gaussian = !partitions || f.nameExists("mu") || f.nameExists("logvar");
            if (gaussian)
                readGaussian(f, path, e);
            if (f.nameExists("factors")) {
                const H5::DataSet fd = f.openDataSet("factors");
                const auto fs = datasetShape(fd);
                if (fs.size() != 2 || fs[0] != static_cast<hsize_t>(e.samples))
                    throw LatentLabError("Encodings file '" + path + "': '/factors' has shape " + shapeText(fs) + "; expected [" +
                                         std::to_string(e.samples) + ", K] (one row per sample).");
                if (fd.getTypeClass() != H5T_INTEGER)
                    throw LatentLabError("Encodings file '" + path + "': '/factors' must hold integer class indices.");
                requireArrayFitsInMemory("Encodings file", path, "factors", fs, sizeof(std::int64_t));
                e.factors = metrics::DenseMatrix<std::int64_t>(static_cast<std::int64_t>(fs[0]), static_cast<std::int64_t>(fs[1]));
                if (!e.factors.values.empty())
                    fd.read(e.factors.values.data(), H5::PredType::NATIVE_INT64);
                e.factorNames = readStringListAttribute(fd, "names");
            }
        } catch (const H5::Exception& ex) {
            throw LatentLabError("Cannot read encodings file '" + path + "' (" + ex.getDetailMsg() + ").");
        }
    });
    for (const auto* values : {&e.mu, &e.logvar})
        for (std::size_t i = 0; i < values->size(); ++i)
            if (!std::isfinite((*values)[i])) {
                const auto d = static_cast<std::int64_t>(i) % e.dims, n = static_cast<std::int64_t>(i) / e.dims % e.samples,
                           r = static_cast<std::int64_t>(i) / (e.dims * e.samples);
                throw LatentLabError("Encodings file '" + path + "': '/" + (values == &e.mu ? "mu" : "logvar") + "' holds a non-finite value at [" +
                                     std::to_string(r) + ", " + std::to_string(n) + ", " + std::to_string(d) + "]; expected finite numbers.");
            }
    for (const auto v : e.factors.values)
        if (v < 0)
            throw LatentLabError("Encodings file '" + path + "': '/factors' holds the negative class " + std::to_string(v) +
                                 "; expected class indices >= 0.");
    checkPosteriors(path, e);
    if (static_cast<std::int64_t>(e.modelNames.size()) != e.models) {
        e.modelNames.clear();
        for (std::int64_t r = 0; r < e.models; ++r)
            e.modelNames.push_back("model " + std::to_string(r));
    }
    if (static_cast<std::int64_t>(e.factorNames.size()) != e.factors.cols)
        e.factorNames.clear();
    return e;
}

void EncodingsFile::write(const std::string& path) const
{
    if (mu.size() != static_cast<std::size_t>(models * samples * dims) || logvar.size() != mu.size())
        throw LatentLabError("Cannot write encodings file '" + path + "': /mu and /logvar do not match [R, N, D].");
    const std::int64_t p = categoricalChannels();
    if (posteriors.size() != static_cast<std::size_t>(p * samples * maxComponents) || componentCounts.size() != static_cast<std::size_t>(p))
        throw LatentLabError("Cannot write encodings file '" + path + "': /posteriors and /component_counts do not match [P, N, Kmax] and [P].");
    writeHdf5Atomically(path, "encodings file", [&](H5::H5File& f) {
        if (models > 0 || p == 0) {
            const hsize_t dims3[3] = {static_cast<hsize_t>(models), static_cast<hsize_t>(samples), static_cast<hsize_t>(dims)};
            H5::DataSet m = f.createDataSet("mu", H5::PredType::IEEE_F64LE, H5::DataSpace(3, dims3));
            m.write(mu.data(), H5::PredType::NATIVE_DOUBLE);
            writeStringListAttribute(m, "model_names", modelNames);
            f.createDataSet("logvar", H5::PredType::IEEE_F64LE, H5::DataSpace(3, dims3)).write(logvar.data(), H5::PredType::NATIVE_DOUBLE);
        }
        if (factors.cols > 0) {
            const hsize_t fd[2] = {static_cast<hsize_t>(factors.rows), static_cast<hsize_t>(factors.cols)};
            H5::DataSet k = f.createDataSet("factors", H5::PredType::STD_I64LE, H5::DataSpace(2, fd));
            k.write(factors.values.data(), H5::PredType::NATIVE_INT64);
            writeStringListAttribute(k, "names", factorNames);
        }
        if (p > 0) {
            // The partition variant (docs/design/file-formats.md#partition-channels); plain files stay as they were.
            const hsize_t pd[3] = {static_cast<hsize_t>(p), static_cast<hsize_t>(samples), static_cast<hsize_t>(maxComponents)};
            H5::DataSet post = f.createDataSet("posteriors", H5::PredType::IEEE_F64LE, H5::DataSpace(3, pd));
            post.write(posteriors.data(), H5::PredType::NATIVE_DOUBLE);
            writeStringListAttribute(post, "channel_names", posteriorNames);
            const hsize_t cd = static_cast<hsize_t>(p);
            f.createDataSet("component_counts", H5::PredType::STD_I64LE, H5::DataSpace(1, &cd))
                .write(componentCounts.data(), H5::PredType::NATIVE_INT64);
            const std::int64_t version = 2;
            f.openGroup("/")
                .createAttribute("format_version", H5::PredType::STD_I64LE, H5::DataSpace(H5S_SCALAR))
                .write(H5::PredType::NATIVE_INT64, &version);
        }
    });
}

} // namespace latentlab::io
