#include "TestDatasetFiles.h"

#include "data/DatasetGenerator.h"
#include "data/FactorSpace.h"
#include "io/Hdf5Gateway.h"

#include <H5Cpp.h>

#include <QFile>
#include <QFileInfo>
#include <QtTest>

#include <filesystem>

namespace testfiles {

using latentlab::data::FactorSpace;
using latentlab::io::Hdf5Gateway;

std::uint8_t patternPixel(std::int64_t fileRow, std::size_t p, bool binary)
{
    const auto v = static_cast<std::uint64_t>(fileRow) * 2654435761u + p * 40503u;
    return binary ? static_cast<std::uint8_t>((v >> 7) & 1u) : static_cast<std::uint8_t>((v >> 5) & 0xFFu);
}

namespace {

H5::DSetCreatPropList plistFor(const std::vector<unsigned>& chunk, int gzip)
{
    H5::DSetCreatPropList plist;
    bool chunked = false;
    for (auto c : chunk)
        chunked = chunked || c > 0;
    if (chunked) {
        std::vector<hsize_t> dims(chunk.begin(), chunk.end());
        plist.setChunk(static_cast<int>(dims.size()), dims.data());
        if (gzip > 0)
            plist.setDeflate(static_cast<unsigned>(gzip));
    }
    return plist;
}

std::vector<std::uint8_t> pixelsFor(const std::vector<std::int64_t>& rows, std::size_t bpi, bool binary)
{
    std::vector<std::uint8_t> px(rows.size() * bpi);
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (std::size_t p = 0; p < bpi; ++p)
            px[i * bpi + p] = patternPixel(rows[i], p, binary);
    return px;
}

} // namespace

void writeDspritesLike(const QString& path, const std::vector<std::int64_t>& rows, const std::vector<unsigned>& chunk, int gzip)
{
    const FactorSpace space = FactorSpace::dsprites();
    std::vector<std::int64_t> classes(rows.size() * 6);
    std::vector<double> values(rows.size() * 6);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        space.classesOf(rows[i], &classes[i * 6]);
        for (std::size_t k = 0; k < 6; ++k)
            values[i * 6 + k] = space.values(k)[static_cast<std::size_t>(classes[i * 6 + k])];
    }
    const auto px = pixelsFor(rows, 64 * 64, true);
    Hdf5Gateway::run([&] {
        H5::H5File f(path.toStdString(), H5F_ACC_TRUNC);
        const hsize_t d3[3] = {rows.size(), 64, 64};
        f.createDataSet("imgs", H5::PredType::STD_U8LE, H5::DataSpace(3, d3), plistFor(chunk, gzip)).write(px.data(), H5::PredType::NATIVE_UINT8);
        H5::Group g = f.createGroup("latents");
        const hsize_t d2[2] = {rows.size(), 6};
        g.createDataSet("classes", H5::PredType::STD_I64LE, H5::DataSpace(2, d2)).write(classes.data(), H5::PredType::NATIVE_INT64);
        g.createDataSet("values", H5::PredType::IEEE_F64LE, H5::DataSpace(2, d2)).write(values.data(), H5::PredType::NATIVE_DOUBLE);
    });
}

void writeShapes3dLike(const QString& path, const std::vector<std::int64_t>& rows, const std::vector<unsigned>& chunk, int gzip, bool float32Labels)
{
    const FactorSpace space = FactorSpace::shapes3d();
    std::vector<double> labels(rows.size() * 6);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto c = space.classesOf(rows[i]);
        for (std::size_t k = 0; k < 6; ++k)
            labels[i * 6 + k] = space.values(k)[static_cast<std::size_t>(c[k])];
    }
    const auto px = pixelsFor(rows, 64 * 64 * 3, false);
    Hdf5Gateway::run([&] {
        H5::H5File f(path.toStdString(), H5F_ACC_TRUNC);
        const hsize_t d4[4] = {rows.size(), 64, 64, 3};
        f.createDataSet("images", H5::PredType::STD_U8LE, H5::DataSpace(4, d4), plistFor(chunk, gzip)).write(px.data(), H5::PredType::NATIVE_UINT8);
        const hsize_t d2[2] = {rows.size(), 6};
        f.createDataSet("labels", float32Labels ? H5::PredType::IEEE_F32LE : H5::PredType::IEEE_F64LE, H5::DataSpace(2, d2))
            .write(labels.data(), H5::PredType::NATIVE_DOUBLE);
    });
}

std::vector<BadFile> makeBadFileCatalogue(const QString& dir)
{
    std::vector<BadFile> out;
    auto p = [&](const char* name) { return dir + "/" + name; };

    {
        QFile f(p("empty.h5"));
        f.open(QIODevice::WriteOnly);
    }
    out.push_back({"zero bytes", p("empty.h5"), "empty"});

    {
        QFile f(p("text.h5"));
        f.open(QIODevice::WriteOnly);
        f.write("this is not an HDF5 file\n");
    }
    out.push_back({"text", p("text.h5"), "not an HDF5 file"});

    {
        std::vector<std::int64_t> rows(300);
        for (std::size_t i = 0; i < rows.size(); ++i)
            rows[i] = static_cast<std::int64_t>(i) * 97;
        writeDspritesLike(p("truncated.h5"), rows, {0, 0, 0}, 0);
        const auto full = std::filesystem::file_size(p("truncated.h5").toStdString());
        std::filesystem::resize_file(p("truncated.h5").toStdString(), full / 2);
        // A fixture that silently stayed whole would make the "truncated" case test a good file.
        [&] { QVERIFY2(QFileInfo(p("truncated.h5")).size() == qint64(full / 2), "truncating the fixture failed"); }();
    }
    out.push_back({"truncated", p("truncated.h5"), "truncated"});

    Hdf5Gateway::run([&] {
        {
            H5::H5File f(p("missing_classes.h5").toStdString(), H5F_ACC_TRUNC);
            const hsize_t d3[3] = {4, 64, 64};
            f.createDataSet("imgs", H5::PredType::STD_U8LE, H5::DataSpace(3, d3));
        }
        {
            H5::H5File f(p("float_imgs.h5").toStdString(), H5F_ACC_TRUNC);
            const hsize_t d3[3] = {4, 64, 64};
            f.createDataSet("imgs", H5::PredType::IEEE_F32LE, H5::DataSpace(3, d3));
            H5::Group g = f.createGroup("latents");
            const hsize_t d2[2] = {4, 6};
            g.createDataSet("classes", H5::PredType::STD_I64LE, H5::DataSpace(2, d2));
        }
        {
            H5::H5File f(p("flat_imgs.h5").toStdString(), H5F_ACC_TRUNC);
            const hsize_t d2i[2] = {4, 4096};
            f.createDataSet("imgs", H5::PredType::STD_U8LE, H5::DataSpace(2, d2i));
        }
        {
            H5::H5File f(p("short_classes.h5").toStdString(), H5F_ACC_TRUNC);
            const hsize_t d3[3] = {4, 64, 64};
            f.createDataSet("imgs", H5::PredType::STD_U8LE, H5::DataSpace(3, d3));
            H5::Group g = f.createGroup("latents");
            const hsize_t d2[2] = {3, 6};
            g.createDataSet("classes", H5::PredType::STD_I64LE, H5::DataSpace(2, d2));
        }
        {
            H5::H5File f(p("bad_class.h5").toStdString(), H5F_ACC_TRUNC);
            const hsize_t d3[3] = {2, 64, 64};
            f.createDataSet("imgs", H5::PredType::STD_U8LE, H5::DataSpace(3, d3));
            H5::Group g = f.createGroup("latents");
            const hsize_t d2[2] = {2, 6};
            const std::int64_t classes[12] = {0, 1, 2, 3, 4, 5, 0, 3, 0, 0, 0, 0}; // shape class 3 of 3
            g.createDataSet("classes", H5::PredType::STD_I64LE, H5::DataSpace(2, d2)).write(classes, H5::PredType::NATIVE_INT64);
        }
        {
            H5::H5File f(p("offgrid.h5").toStdString(), H5F_ACC_TRUNC);
            const hsize_t d4[4] = {2, 64, 64, 3};
            f.createDataSet("images", H5::PredType::STD_U8LE, H5::DataSpace(4, d4));
            const hsize_t d2[2] = {2, 6};
            const double labels[12] = {0.1, 0.2, 0.3, 0.75, 1.0, 0.0, 0.1, 0.2, 0.3, 0.8, 1.0, 0.0}; // scale 0.8 is off the grid
            f.createDataSet("labels", H5::PredType::IEEE_F64LE, H5::DataSpace(2, d2)).write(labels, H5::PredType::NATIVE_DOUBLE);
        }
        {
            H5::H5File f(p("no_images.h5").toStdString(), H5F_ACC_TRUNC);
            const hsize_t d2[2] = {2, 6};
            f.createDataSet("labels", H5::PredType::IEEE_F64LE, H5::DataSpace(2, d2));
        }
        {
            H5::H5File f(p("int_labels.h5").toStdString(), H5F_ACC_TRUNC);
            const hsize_t d4[4] = {2, 64, 64, 3};
            f.createDataSet("images", H5::PredType::STD_U8LE, H5::DataSpace(4, d4));
            const hsize_t d2[2] = {2, 6};
            f.createDataSet("labels", H5::PredType::STD_I32LE, H5::DataSpace(2, d2));
        }
    });
    out.push_back({"missing dataset", p("missing_classes.h5"), "/latents/classes"});
    out.push_back({"wrong dtype", p("float_imgs.h5"), "uint8"});
    out.push_back({"wrong rank", p("flat_imgs.h5"), "[N, 64, 64]"});
    out.push_back({"mismatched lengths", p("short_classes.h5"), "equal lengths"});
    out.push_back({"class out of range", p("bad_class.h5"), "'shape'"});
    out.push_back({"labels off the grid", p("offgrid.h5"), "off its grid"});
    out.push_back({"no image dataset", p("no_images.h5"), "/imgs"});
    out.push_back({"integer labels", p("int_labels.h5"), "/labels"});
    out.push_back({"nonexistent", p("does_not_exist.h5"), "does not exist"});
    // Every defect must really be on disk (and the nonexistent one really absent), or a reader that
    // rejects "file not found" would pass the whole catalogue.
    [&] {
        for (const auto& bad : out)
            QVERIFY2(QFile::exists(bad.path) == (bad.tag != "nonexistent"), qPrintable("fixture missing or unexpected: " + bad.tag));
    }();
    return out;
}

void generateDsprites(const QString& path, const char* version, std::int64_t rows, std::uint64_t seed)
{
    latentlab::data::DatasetGenerationRequest req;
    req.kind = latentlab::data::DatasetLayout::DSprites;
    req.version = version;
    req.rows = rows;
    req.seed = seed;
    req.outPath = path.toStdString();
    latentlab::data::DatasetGenerator::generate(req);
}

} // namespace testfiles
