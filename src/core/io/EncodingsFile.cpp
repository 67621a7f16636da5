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
            requireArrayFitsInMemory("Encodings file", path, "mu", ms, sizeof(double));
            e.models = static_cast<std::int64_t>(ms[0]);
            e.samples = static_cast<std::int64_t>(ms[1]);
            e.dims = static_cast<std::int64_t>(ms[2]);
            e.mu.resize(static_cast<std::size_t>(e.models * e.samples * e.dims));
            e.logvar.resize(e.mu.size());
            mu.read(e.mu.data(), H5::PredType::NATIVE_DOUBLE);
            lv.read(e.logvar.data(), H5::PredType::NATIVE_DOUBLE);
            e.modelNames = readStringListAttribute(mu, "model_names");
            if (f.nameExists("factors")) {
                const H5::DataSet fd = f.openDataSet("factors");
                const auto fs = datasetShape(fd);
                if (fs.size() != 2 || fs[0] != ms[1])
                    throw LatentLabError("Encodings file '" + path + "': '/factors' has shape " + shapeText(fs) + "; expected [" +
                                         std::to_string(ms[1]) + ", K] (one row per sample).");
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
    writeHdf5Atomically(path, "encodings file", [&](H5::H5File& f) {
        const hsize_t dims3[3] = {static_cast<hsize_t>(models), static_cast<hsize_t>(samples), static_cast<hsize_t>(dims)};
        H5::DataSet m = f.createDataSet("mu", H5::PredType::IEEE_F64LE, H5::DataSpace(3, dims3));
        m.write(mu.data(), H5::PredType::NATIVE_DOUBLE);
        writeStringListAttribute(m, "model_names", modelNames);
        f.createDataSet("logvar", H5::PredType::IEEE_F64LE, H5::DataSpace(3, dims3)).write(logvar.data(), H5::PredType::NATIVE_DOUBLE);
        if (factors.cols > 0) {
            const hsize_t fd[2] = {static_cast<hsize_t>(factors.rows), static_cast<hsize_t>(factors.cols)};
            H5::DataSet k = f.createDataSet("factors", H5::PredType::STD_I64LE, H5::DataSpace(2, fd));
            k.write(factors.values.data(), H5::PredType::NATIVE_INT64);
            writeStringListAttribute(k, "names", factorNames);
        }
    });
}

} // namespace latentlab::io
