// Data as users have it (issue 20): the real dSprites .npz read directly and converted to HDF5
// (fixtures made by tests/fixtures/npz/make_npz.py), and the generic layout for a user's own
// factor-labelled images (files written here), through the reader, the CLI, training and metrics.
#include "TestCli.h"

#include "common/LatentLabError.h"
#include "data/DatasetVersionCatalog.h"
#include "data/FactorSpace.h"
#include "io/DatasetFileReader.h"
#include "io/Hdf5Gateway.h"
#include "io/Hdf5StringAttribute.h"
#include "gui/app/MainWindow.h"
#include "gui/dataset/DatasetBrowserPage.h"

#include <H5Cpp.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

using namespace latentlab;
using latentlab::io::DatasetFileReader;

namespace {

const QString kNpzDir = QStringLiteral(LATENTLAB_FIXTURES_DIR "/npz/");
/// The flat dSprites rows of the fixtures' labels (make_npz.py's ROWS).
const std::vector<std::int64_t> kFixtureRows{0, 1, 33, 1024, 40960, 245760, 300000, 500000, 600001, 737279, 12345, 54321};

/// make_npz.py's image pattern: pixel p of image r.
std::uint8_t npzPixel(std::int64_t r, std::size_t p) { return ((static_cast<std::int64_t>(p) * 7 + r) % 5 == 0) ? 1 : 0; }

std::string errorOf(const std::string& path)
{
    try {
        const DatasetFileReader reader(path);
    } catch (const LatentLabError& e) {
        return e.what();
    }
    return "(no error)";
}

/// A generic-layout file (docs/design/file-formats.md#generic-layout), with switches that break it.
struct GenericFile {
    int rows = 0, height = 64, width = 64, channels = 1;
    std::vector<std::string> names;
    std::vector<std::vector<std::string>> labels;
    std::vector<std::int64_t> classes; ///< rows × names.size()
    std::vector<std::uint8_t> pixels;  ///< rows × h × w × c
    bool imagesRank3 = false;
    bool writeNames = true;
    bool floatFactors = false;
    int extraFactorRows = 0;

    void write(const std::string& path) const
    {
        io::Hdf5Gateway::run([&] {
            H5::H5File f(path, H5F_ACC_TRUNC);
            if (imagesRank3) {
                const hsize_t d[3] = {hsize_t(rows), hsize_t(height), hsize_t(width)};
                f.createDataSet("images", H5::PredType::STD_U8LE, H5::DataSpace(3, d)).write(pixels.data(), H5::PredType::NATIVE_UINT8);
            } else {
                const hsize_t d[4] = {hsize_t(rows), hsize_t(height), hsize_t(width), hsize_t(channels)};
                f.createDataSet("images", H5::PredType::STD_U8LE, H5::DataSpace(4, d)).write(pixels.data(), H5::PredType::NATIVE_UINT8);
            }
            const std::size_t k = names.empty() ? 1 : names.size();
            const hsize_t fd[2] = {hsize_t(rows + extraFactorRows), hsize_t(k)};
            std::vector<std::int64_t> table = classes;
            table.resize(static_cast<std::size_t>(rows + extraFactorRows) * k, 0);
            H5::DataSet factors;
            if (floatFactors) {
                std::vector<double> asDouble(table.begin(), table.end());
                factors = f.createDataSet("factors", H5::PredType::IEEE_F64LE, H5::DataSpace(2, fd));
                factors.write(asDouble.data(), H5::PredType::NATIVE_DOUBLE);
            } else {
                factors = f.createDataSet("factors", H5::PredType::STD_I64LE, H5::DataSpace(2, fd));
                factors.write(table.data(), H5::PredType::NATIVE_INT64);
            }
            if (writeNames)
                io::writeStringListAttribute(factors, "factor_names", names);
            for (std::size_t i = 0; i < labels.size(); ++i)
                io::writeStringListAttribute(factors, "factor_labels_" + std::to_string(i), labels[i]);
        });
    }
};

/// `shape` (bar, block) × `position` (left, centre, right) × `offset` (8 vertical offsets, a nuisance):
/// 48 images of a white bar or block on black, 64×64 grey.
GenericFile shapesFile(int size = 64)
{
    GenericFile g;
    g.height = g.width = size;
    g.names = {"shape", "position", "offset"};
    g.labels = {{"bar", "block"}, {"left", "centre", "right"}, {"0", "1", "2", "3", "4", "5", "6", "7"}};
    for (int s = 0; s < 2; ++s)
        for (int p = 0; p < 3; ++p)
            for (int o = 0; o < 8; ++o) {
                g.classes.insert(g.classes.end(), {s, p, o});
                std::vector<std::uint8_t> img(static_cast<std::size_t>(size * size), 0);
                const int cx = size / 6 + p * size / 3, cy = size / 4 + o * size / 16;
                const int hw = s == 0 ? size / 32 : size / 10, hh = size / 10;
                for (int y = std::max(0, cy - hh); y < std::min(size, cy + hh); ++y)
                    for (int x = std::max(0, cx - hw); x < std::min(size, cx + hw); ++x)
                        img[static_cast<std::size_t>(y * size + x)] = 255;
                g.pixels.insert(g.pixels.end(), img.begin(), img.end());
                ++g.rows;
            }
    return g;
}

/// A user's catalogue over shapesFile()'s factors: shape × position, offset left free.
const QString kUserVersions = QStringLiteral(LATENTLAB_FIXTURES_DIR "/generic/bars-versions.json");

} // namespace

class TestUserData : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string path(const QString& name) const { return m_dir.filePath(name).toStdString(); }

private Q_SLOTS:
    void npzDeflatedAndStored_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("rows");
        QTest::addColumn<bool>("compressed");
        QTest::newRow("savez_compressed") << "dsprites_deflate.npz" << 12 << true;
        QTest::newRow("savez") << "dsprites_stored.npz" << 4 << false;
        QTest::newRow("zip64 savez") << "dsprites_zip64.npz" << 4 << false;
        QTest::newRow("zip64 savez_compressed") << "dsprites_zip64_deflate.npz" << 12 << true;
    }
    void npzDeflatedAndStored()
    {
        QFETCH(QString, file);
        QFETCH(int, rows);
        QFETCH(bool, compressed);
        const DatasetFileReader reader((kNpzDir + file).toStdString());
        const auto& info = reader.info();
        QCOMPARE(info.layout, data::DatasetLayout::DSprites);
        QVERIFY(info.numpyArchive);
        QCOMPARE(info.compressed, compressed);
        QCOMPARE(info.rows, std::int64_t(rows));
        QCOMPARE(info.height, 64);
        QCOMPARE(info.channels, 1);
        const data::FactorSpace space = data::FactorSpace::dsprites();
        for (int r = 0; r < rows; ++r)
            QCOMPARE(space.flatIndex(&reader.classes()[static_cast<std::size_t>(r) * 6]), kFixtureRows[static_cast<std::size_t>(r)]);
        // Every row, then a sparse subset (the deflated member is inflated from its start each time).
        for (const std::vector<std::int64_t>& wanted : {std::vector<std::int64_t>{}, std::vector<std::int64_t>{1, rows - 1}}) {
            const auto images = wanted.empty() ? reader.readAll() : reader.readRows(wanted);
            QCOMPARE(images.pixelMaximum(), 1);
            for (std::int64_t i = 0; i < images.rows(); ++i)
                for (std::size_t p = 0; p < 4096; ++p)
                    if (images.image(i)[p] != npzPixel(images.fileRows[static_cast<std::size_t>(i)], p))
                        QFAIL(qPrintable(QStringLiteral("row %1 pixel %2 differs").arg(images.fileRows[static_cast<std::size_t>(i)]).arg(p)));
        }
    }

    void npzConvertsToHdf5()
    {
        const std::string npz = (kNpzDir + "dsprites_deflate.npz").toStdString();
        const std::string h5 = path("converted.h5");
        const CliRun run = runCli({"dataset", "convert", QString::fromStdString(npz), QString::fromStdString(h5), "--json"});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).object().value("rows").toInt(), 12);
        const DatasetFileReader source(npz), converted(h5);
        QVERIFY(!converted.info().numpyArchive);
        QCOMPARE(converted.info().layout, data::DatasetLayout::DSprites);
        QCOMPARE(converted.info().rows, std::int64_t(12));
        QVERIFY(converted.info().compressed);
        QCOMPARE(converted.classes(), source.classes());
        QCOMPARE(converted.readAll().pixels, source.readAll().pixels);
        // No temporary file is left beside the output.
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), QStringList{"converted.h5"});

        const CliRun info = runCli({"dataset", "info", "--file", QString::fromStdString(npz)});
        QCOMPARE(info.code, 0);
        QVERIFY2(info.out.contains("dsprites layout, 12 rows, images 64x64x1, NumPy npz (deflated;"), qPrintable(info.out));
        const CliRun bad = runCli({"dataset", "convert", kNpzDir + "bad_dtype.npz", QString::fromStdString(path("bad.h5"))});
        QCOMPARE(bad.code, 1);
        QVERIFY(!QFile::exists(QString::fromStdString(path("bad.h5"))));
    }

    void npzBadFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("sentence");
        const QString d = kNpzDir;
        QTest::newRow("not a zip") << "bad_not_zip.npz"
                                   << " is not a zip archive (no end-of-central-directory record); expected a NumPy .npz file.";
        QTest::newRow("truncated") << "bad_truncated.npz"
                                   << " is a truncated zip archive (no end-of-central-directory record); expected a complete NumPy .npz file.";
        QTest::newRow("missing member") << "bad_missing_member.npz"
                                        << " has no member 'latents_classes'; expected the dSprites arrays 'imgs' and 'latents_classes' "
                                           "(as numpy.savez writes them).";
        QTest::newRow("wrong dtype") << "bad_dtype.npz"
                                     << ": member 'imgs' has dtype '<f4'; expected uint8 ('|u1').";
        QTest::newRow("wrong shape") << "bad_shape.npz"
                                     << ": member 'imgs' has shape (2, 32, 32); expected (N, 64, 64).";
        QTest::newRow("fortran order") << "bad_fortran.npz"
                                       << ": member 'latents_classes' is stored in Fortran (column-major) order; expected C order, as "
                                          "numpy.savez writes by default.";
        QTest::newRow("row counts") << "bad_rows.npz"
                                    << ": member 'latents_classes' has 3 rows but 'imgs' has 2; expected one label row per image.";
        QTest::newRow("class off the grid") << "bad_class.npz"
                                            << ": member 'latents_classes' row 0 has class 40 for factor 'posY'; expected 0..31.";
    }
    void npzBadFiles()
    {
        QFETCH(QString, file);
        QFETCH(QString, sentence);
        const std::string p = (kNpzDir + file).toStdString();
        QCOMPARE(QString::fromStdString(errorOf(p)), "Dataset file '" + QString::fromStdString(p) + "'" + sentence);
        // The CLI says the same sentence and nothing else.
        const CliRun run = runCli({"dataset", "info", "--file", QString::fromStdString(p)});
        QCOMPARE(run.code, 1);
        QVERIFY2(run.lastErrorLine().contains(sentence.trimmed()), qPrintable(run.err));
    }

    void npzTruncatedMemberData()
    {
        // A central directory that claims more bytes for 'imgs' than the file holds (a file cut inside its
        // data, then given a directory again).
        QFile in(kNpzDir + "dsprites_stored.npz");
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray bytes = in.readAll();
        // Compressed and uncompressed size + 4096 in the member's central directory entry.
        const int central = bytes.lastIndexOf(QByteArray("PK\x01\x02", 4), bytes.lastIndexOf("imgs.npy"));
        QVERIFY(central > 0);
        auto bump = [&](int at) {
            quint32 v = 0;
            for (int i = 3; i >= 0; --i)
                v = (v << 8) | static_cast<quint8>(bytes[at + i]);
            v += 4096;
            for (int i = 0; i < 4; ++i)
                bytes[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
        };
        bump(central + 20);
        bump(central + 24);
        const std::string p = path("stored_cut.npz");
        QFile out(QString::fromStdString(p));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
        out.close();
        QCOMPARE(QString::fromStdString(errorOf(p)),
                 "Dataset file '" + QString::fromStdString(p) + "': member 'imgs.npy' extends beyond the end of the file; the file is truncated.");
    }

    void genericLayoutReads()
    {
        GenericFile g = shapesFile(32);
        g.channels = 3; // RGB: every grey pixel three times
        std::vector<std::uint8_t> rgb;
        for (const std::uint8_t v : g.pixels)
            rgb.insert(rgb.end(), {v, static_cast<std::uint8_t>(v / 2), 7});
        g.pixels = rgb;
        const std::string p = path("generic32.h5");
        g.write(p);
        const DatasetFileReader reader(p);
        const auto& info = reader.info();
        QCOMPARE(info.layout, data::DatasetLayout::Generic);
        QCOMPARE(info.rows, std::int64_t(48));
        QCOMPARE(info.height, 32);
        QCOMPARE(info.width, 32);
        QCOMPARE(info.channels, 3);
        QCOMPARE(info.factors.names(), (std::vector<std::string>{"shape", "position", "offset"}));
        QCOMPARE(info.factors.sizes(), (std::vector<std::int64_t>{2, 3, 8}));
        QCOMPARE(info.factors.valueLabels(1), (std::vector<std::string>{"left", "centre", "right"}));
        QCOMPARE(reader.classes(), g.classes);
        const auto images = reader.readRows({0, 17, 47});
        QCOMPARE(images.pixelMaximum(), 255);
        QCOMPARE(images.factors.valueLabels(0), (std::vector<std::string>{"bar", "block"}));
        for (std::size_t i = 0; i < 3; ++i)
            QVERIFY(std::equal(images.image(static_cast<std::int64_t>(i)), images.image(static_cast<std::int64_t>(i)) + images.bytesPerImage(),
                               g.pixels.begin() + images.fileRows[i] * static_cast<std::int64_t>(images.bytesPerImage())));

        const CliRun run = runCli({"dataset", "info", "--file", QString::fromStdString(p), "--json"});
        QCOMPARE(run.code, 0);
        const QJsonObject j = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(j.value("layout").toString(), QStringLiteral("generic"));
        QCOMPARE(j.value("rows").toInt(), 48);
    }

    /// The dataset browser shows both kinds of user data the way it shows ours: a generic-layout file with
    /// its own factor names and sizes, and the real dSprites .npz read in place.
    void browserShowsGenericAndNpz()
    {
        latentlab::gui::MainWindow w;
        w.setErrorDialogsEnabled(false);
        QSignalSpy loaded(&w, &latentlab::gui::MainWindow::datasetLoaded);
        QSignalSpy failed(&w, &latentlab::gui::MainWindow::jobFailed);
        const std::string generic = path("browser-generic.h5");
        shapesFile(32).write(generic);
        w.openDataset(QString::fromStdString(generic));
        QVERIFY2(loaded.wait(20000), failed.isEmpty() ? "no signal" : qPrintable(failed.last().at(0).toString()));
        auto* page = w.datasetPage();
        QCOMPARE(page->fileRowCount(), qint64(48));
        QCOMPARE(page->shownImageCount(), 48);
        QVERIFY(page->setFactorFilter("position", 1)); // the file's own factor names
        QCOMPARE(page->shownImageCount(), 16);
        QVERIFY(!page->setFactorFilter("position", 3)); // it has three positions
        QVERIFY(!page->setFactorFilter("posX", 0));     // and none of dSprites' factors

        w.openDataset(kNpzDir + "dsprites_deflate.npz");
        QVERIFY2(loaded.wait(20000), failed.isEmpty() ? "no signal" : qPrintable(failed.last().at(0).toString()));
        QCOMPARE(page->currentFilePath(), kNpzDir + "dsprites_deflate.npz");
        QCOMPARE(page->fileRowCount(), qint64(12));
        QCOMPARE(page->shownImageCount(), 12);
        QVERIFY(page->setFactorFilter("shape", 0));
        QVERIFY(page->shownImageCount() < 12);
    }

    void genericBadFiles_data()
    {
        QTest::addColumn<int>("defect");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("rank 3 images")
            << 0 << ": '/images' has shape [48, 64, 64]; expected [N, H, W, C] with C 1 or 3 and H, W at most 4096 (generic layout).";
        QTest::newRow("float factors") << 1 << ": '/factors' does not hold integers; expected integer factor classes [N, K] (generic layout).";
        QTest::newRow("row counts") << 2 << ": '/factors' has 50 rows but '/images' has 48; expected one row of factor classes per image.";
        QTest::newRow("no names") << 3 << ": '/factors' has no 'factor_names' strings; expected 3, one name per factor column (generic layout).";
        QTest::newRow("no labels")
            << 4 << ": '/factors' has no attribute 'factor_labels_2'; expected one label per class of factor 'offset' (generic layout).";
        QTest::newRow("class beyond labels")
            << 5 << ": '/factors' row 6 has class 6 for factor 'offset'; expected 0..5 (one per label in 'factor_labels_2').";
        QTest::newRow("repeated name")
            << 6 << ": '/factors' attribute 'factor_names' has an empty or repeated name 'shape'; expected distinct factor names.";
    }
    void genericBadFiles()
    {
        QFETCH(int, defect);
        QFETCH(QString, sentence);
        GenericFile g = shapesFile();
        switch (defect) {
        case 0: g.imagesRank3 = true; break;
        case 1: g.floatFactors = true; break;
        case 2: g.extraFactorRows = 2; break;
        case 3: g.writeNames = false; break;
        case 4: g.labels.pop_back(); break;
        case 5: g.labels[2].resize(6); break;
        case 6: g.names[2] = "shape"; break;
        default: break;
        }
        const std::string p = path(QStringLiteral("bad_generic_%1.h5").arg(defect));
        g.write(p);
        QCOMPARE(QString::fromStdString(errorOf(p)), "Dataset file '" + QString::fromStdString(p) + "'" + sentence);
    }

    void genericTrainsAndScores()
    {
        const std::string data = path("bars.h5");
        shapesFile().write(data);
        const std::string versions = kUserVersions.toStdString();
        const QString run = m_dir.filePath("bars-run");
        const CliRun train = runCli({"train", "--data", QString::fromStdString(data), "--versions", QString::fromStdString(versions), "--version",
                                     "bars-v1", "--preset", "test", "--labelled", "20", "--set", "batch_size=8", "--out", run, "--json"});
        QVERIFY2(train.code == 0, qPrintable(train.err));
        QVERIFY(QFile::exists(run + "/checkpoint.pt"));
        // The run remembers its version file: a fresh process evaluates it, metrics included.
        const CliRun eval =
            runCli({"eval", "--run", run, "--triples", "32", "--metrics", "mig,sap", "--points-train", "200", "--points-test", "100", "--json"});
        QVERIFY2(eval.code == 0, qPrintable(eval.err));
        const QJsonObject j = QJsonDocument::fromJson(eval.out.toUtf8()).object();
        QCOMPARE(j.value("version").toString(), QStringLiteral("bars-v1"));
        QVERIFY2(j.contains("relation_accuracy"), qPrintable(eval.out));

        // Other image sizes open in the browser and `dataset info`, but training refuses them.
        const std::string small = path("bars32.h5");
        shapesFile(32).write(small);
        const CliRun refused = runCli({"train", "--data", QString::fromStdString(small), "--versions", QString::fromStdString(versions), "--version",
                                       "bars-v1", "--preset", "test", "--out", m_dir.filePath("refused-run")});
        QCOMPARE(refused.code, 1);
        QCOMPARE(refused.lastErrorLine(),
                 "latentlab-cli: Dataset file '" + QString::fromStdString(small) +
                     "' holds 32x32 images; LatentLab's networks take 64x64 images (the dataset browser opens other sizes, "
                     "training does not).");
    }

    void genericThroughSimilarity()
    {
        // The similarity pipeline: a β-VAE ensemble on the generic file, its encodings, their similarity.
        const std::string data = path("bars-ens.h5");
        shapesFile().write(data);
        const std::string versions = kUserVersions.toStdString();
        const QString ens = m_dir.filePath("bars-ens"), enc = m_dir.filePath("bars-enc.h5"), sim = m_dir.filePath("bars-sim.h5");
        const CliRun t = runCli({"ensemble", "train", "--data", QString::fromStdString(data), "--versions", QString::fromStdString(versions),
                                 "--version", "bars-v1", "--members", "2", "--preset", "test", "--steps", "4", "--out", ens});
        QVERIFY2(t.code == 0, qPrintable(t.err));
        const CliRun e = runCli({"ensemble", "encode", "--runs", ens, "--samples", "20", "--out", enc});
        QVERIFY2(e.code == 0, qPrintable(e.err));
        const CliRun s = runCli({"similarity", "--encodings", enc, "--out", sim, "--min-samples", "2", "--info-threshold", "0", "--json"});
        QVERIFY2(s.code == 0, qPrintable(s.err));
        QVERIFY(QJsonDocument::fromJson(s.out.toUtf8()).object().value("channels").toInt() > 0);
        // Without a version of its own, a generic file is refused with one sentence.
        const CliRun none =
            runCli({"ensemble", "train", "--data", QString::fromStdString(data), "--members", "1", "--out", m_dir.filePath("none-ens")});
        QCOMPARE(none.code, 1);
        QCOMPARE(none.lastErrorLine(),
                 "latentlab-cli: Dataset file '" + QString::fromStdString(data) +
                     "' has the generic layout; name a version of your own with --versions FILE --version V.");
    }

    void userVersionFileErrors()
    {
        const std::string p = path("clash.json");
        QFile f(QString::fromStdString(p));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"versions": [{"name": "dsprites-v2", "layout": "dsprites", "factors": [{"name": "shape", "sources": [)"
                R"({"raw": "shape", "bins": [[0], [1], [2]], "labels": ["a", "b", "c"]}]}]}]})");
        f.close();
        try {
            data::DatasetVersionCatalog::loadUserFile(p);
            QFAIL("a built-in name was accepted");
        } catch (const LatentLabError& e) {
            QCOMPARE(QString(e.what()),
                     "Dataset version file '" + QString::fromStdString(p) + "' defines 'dsprites-v2', a built-in version; expected a new name.");
        }
    }
};

QTEST_MAIN(TestUserData)
#include "tst_userdata.moc"
