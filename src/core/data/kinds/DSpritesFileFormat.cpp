#include "data/kinds/DSpritesFileFormat.h"

#include "common/LatentLabError.h"
#include "io/DatasetFileChecks.h"
#include "io/Hdf5DatasetShape.h"

#include <H5Cpp.h>

namespace latentlab::data {

using namespace io::datasetfile;

std::vector<std::int64_t> DSpritesFileFormat::readClasses(const H5::H5File& file, const std::string& path, const FactorSpace& factors,
                                                          std::int64_t rows) const
{
    const std::size_t k = factors.numFactors();
    const H5::DataSet cls = openLabelTable(file, path, "/latents/classes", H5T_INTEGER, "int64 factor classes", imagesPath(), rows, k);
    if (linkExists(file, "/latents/values")) // optional for readers, but must fit when present
        openLabelTable(file, path, "/latents/values", H5T_FLOAT, "float64 factor values", imagesPath(), rows, k);
    io::requireArrayFitsInMemory("Dataset file", path, "latents/classes", {static_cast<hsize_t>(rows), k}, sizeof(std::int64_t));
    std::vector<std::int64_t> classes(static_cast<std::size_t>(rows) * k);
    if (rows > 0)
        cls.read(classes.data(), H5::PredType::NATIVE_INT64);
    for (std::int64_t r = 0; r < rows; ++r)
        for (std::size_t f = 0; f < k; ++f) {
            const std::int64_t c = classes[static_cast<std::size_t>(r) * k + f];
            if (c < 0 || c >= factors.size(f))
                throw LatentLabError("Dataset file " + quotedPath(path) + ": '/latents/classes' row " + std::to_string(r) + " has class " +
                                     std::to_string(c) + " for factor '" + factors.name(f) + "'; expected 0.." + std::to_string(factors.size(f) - 1) +
                                     ".");
        }
    return classes;
}

void DSpritesFileFormat::writeLabels(H5::H5File& file, const std::vector<std::int64_t>& classes, const std::vector<double>& values,
                                     const H5::DataSpace& table, const H5::DSetCreatPropList& properties) const
{
    H5::Group latents = file.createGroup("latents");
    latents.createDataSet("classes", H5::PredType::STD_I64LE, table, properties).write(classes.data(), H5::PredType::NATIVE_INT64);
    latents.createDataSet("values", H5::PredType::IEEE_F64LE, table, properties).write(values.data(), H5::PredType::NATIVE_DOUBLE);
}

} // namespace latentlab::data
