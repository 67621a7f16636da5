#include "data/kinds/Shapes3DFileFormat.h"

#include "common/LatentLabError.h"
#include "io/DatasetFileChecks.h"
#include "io/Hdf5DatasetShape.h"

#include <H5Cpp.h>

#include <cmath>
#include <sstream>

namespace latentlab::data {

using namespace io::datasetfile;

std::vector<std::int64_t> Shapes3DFileFormat::readClasses(const H5::H5File& file, const std::string& path, const FactorSpace& factors,
                                                          std::int64_t rows) const
{
    const std::size_t k = factors.numFactors();
    const H5::DataSet labels = openLabelTable(file, path, "/labels", H5T_FLOAT, "float64 factor values", imagesPath(), rows, k);
    io::requireArrayFitsInMemory("Dataset file", path, "labels", {static_cast<hsize_t>(rows), k}, sizeof(double));
    std::vector<double> values(static_cast<std::size_t>(rows) * k);
    if (rows > 0)
        labels.read(values.data(), H5::PredType::NATIVE_DOUBLE);
    std::vector<std::int64_t> classes(values.size());
    for (std::int64_t r = 0; r < rows; ++r)
        for (std::size_t f = 0; f < k; ++f) {
            const double v = values[static_cast<std::size_t>(r) * k + f];
            const std::int64_t c = factors.nearestClass(f, v);
            if (c < 0) {
                std::ostringstream vs;
                vs.precision(17);
                vs << v;
                throw LatentLabError("Dataset file " + quotedPath(path) + ": '/labels' row " + std::to_string(r) + " has " +
                                     (std::isfinite(v) ? "value " : "the non-finite value ") + vs.str() + " for factor '" + factors.name(f) +
                                     "', which is off its grid of " + std::to_string(factors.size(f)) + " values.");
            }
            classes[static_cast<std::size_t>(r) * k + f] = c;
        }
    return classes;
}

void Shapes3DFileFormat::writeLabels(H5::H5File& file, const std::vector<std::int64_t>&, const std::vector<double>& values,
                                     const H5::DataSpace& table, const H5::DSetCreatPropList& properties) const
{
    // The published file stores values only; readers map them back to classes.
    file.createDataSet("labels", H5::PredType::IEEE_F64LE, table, properties).write(values.data(), H5::PredType::NATIVE_DOUBLE);
}

} // namespace latentlab::data
