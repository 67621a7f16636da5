#include "io/CodesFile.h"

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

H5::DataSet openMatrix(const H5::H5File& f, const std::string& path, const std::string& name, bool floatAllowed, const char* wantedText,
                       hsize_t dims[2])
{
    if (!f.nameExists(name))
        throw LatentLabError("Codes file '" + path + "' has no dataset '/" + name + "'; expected " + wantedText + ".");
    H5::DataSet ds = f.openDataSet(name);
    const H5::DataSpace space = ds.getSpace();
    if (space.getSimpleExtentNdims() != 2)
        throw LatentLabError("Codes file '" + path + "': dataset '/" + name + "' has rank " + std::to_string(space.getSimpleExtentNdims()) +
                             "; expected " + wantedText + ".");
    space.getSimpleExtentDims(dims);
    const H5T_class_t type = ds.getTypeClass();
    if (type != H5T_INTEGER && !(floatAllowed && type == H5T_FLOAT))
        throw LatentLabError("Codes file '" + path + "': dataset '/" + name + "' has the wrong element type; expected " + wantedText + ".");
    return ds;
}

} // namespace

CodesFile CodesFile::read(const std::string& path)
{
    if (!std::filesystem::exists(path))
        throw LatentLabError("Codes file '" + path + "' does not exist.");
    CodesFile out;
    Hdf5Gateway::run([&] {
        try {
            if (!H5::H5File::isHdf5(path))
                throw LatentLabError("Codes file '" + path + "' is not an HDF5 file.");
            const H5::H5File f(path, H5F_ACC_RDONLY);
            hsize_t cd[2] = {0, 0}, fd[2] = {0, 0};
            const H5::DataSet codes = openMatrix(f, path, "codes", true, "a float [N, D] matrix", cd);
            const H5::DataSet factors = openMatrix(f, path, "factors", false, "an int64 [N, K] matrix", fd);
            if (cd[0] != fd[0])
                throw LatentLabError("Codes file '" + path + "': '/codes' has " + std::to_string(cd[0]) + " rows but '/factors' has " +
                                     std::to_string(fd[0]) + "; expected one factor row per code row.");
            if (cd[0] == 0 || cd[1] == 0 || fd[1] == 0)
                throw LatentLabError("Codes file '" + path + "' is empty; expected at least one row, one code dimension and one factor.");
            requireArrayFitsInMemory("Codes file", path, "codes", {cd[0], cd[1]}, sizeof(double));
            requireArrayFitsInMemory("Codes file", path, "factors", {fd[0], fd[1]}, sizeof(std::int64_t));
            out.codes = metrics::DenseMatrix<double>(static_cast<std::int64_t>(cd[0]), static_cast<std::int64_t>(cd[1]));
            out.factors = metrics::DenseMatrix<std::int64_t>(static_cast<std::int64_t>(fd[0]), static_cast<std::int64_t>(fd[1]));
            codes.read(out.codes.values.data(), H5::PredType::NATIVE_DOUBLE);
            factors.read(out.factors.values.data(), H5::PredType::NATIVE_INT64);
            out.factorNames = readStringListAttribute(factors, "names");
        } catch (const H5::Exception& e) {
            throw LatentLabError("Cannot read codes file '" + path + "' (" + e.getDetailMsg() + ").");
        }
    });
    for (std::size_t i = 0; i < out.codes.values.size(); ++i)
        if (!std::isfinite(out.codes.values[i]))
            throw LatentLabError("Codes file '" + path + "': '/codes' row " + std::to_string(i / static_cast<std::size_t>(out.codes.cols)) +
                                 " holds a non-finite value; expected finite codes.");
    for (std::size_t i = 0; i < out.factors.values.size(); ++i)
        if (out.factors.values[i] < 0)
            throw LatentLabError("Codes file '" + path + "': '/factors' row " + std::to_string(i / static_cast<std::size_t>(out.factors.cols)) +
                                 " holds the negative class " + std::to_string(out.factors.values[i]) + "; expected class indices >= 0.");
    if (!out.factorNames.empty() && static_cast<std::int64_t>(out.factorNames.size()) != out.factors.cols)
        out.factorNames.clear();
    return out;
}

void CodesFile::write(const std::string& path) const
{
    if (codes.rows != factors.rows)
        throw LatentLabError("Cannot write codes file '" + path + "': codes and factors have different row counts.");
    writeHdf5Atomically(path, "codes file", [&](H5::H5File& f) {
        const hsize_t cd[2] = {static_cast<hsize_t>(codes.rows), static_cast<hsize_t>(codes.cols)};
        const hsize_t fd[2] = {static_cast<hsize_t>(factors.rows), static_cast<hsize_t>(factors.cols)};
        H5::DataSet c = f.createDataSet("codes", H5::PredType::IEEE_F64LE, H5::DataSpace(2, cd));
        c.write(codes.values.data(), H5::PredType::NATIVE_DOUBLE);
        H5::DataSet k = f.createDataSet("factors", H5::PredType::STD_I64LE, H5::DataSpace(2, fd));
        k.write(factors.values.data(), H5::PredType::NATIVE_INT64);
        writeStringListAttribute(k, "names", factorNames);
    });
}

} // namespace latentlab::io
