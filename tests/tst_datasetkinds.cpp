// Dataset kind descriptors (data/DatasetKind.h): each kind's facts as the rest of the code relied on them
// before they moved into one place, its file format round-trips, and an unknown kind is refused with a sentence.
#include "common/LatentLabError.h"
#include "data/DatasetGenerator.h"
#include "data/DatasetImageRenderer.h"
#include "data/DatasetKind.h"
#include "data/DatasetVersionCatalog.h"
#include "io/DatasetFileFormat.h"
#include "io/DatasetFileReader.h"
#include "train/BetaVaeConfig.h"
#include "train/TrainingConfig.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <set>

using latentlab::LatentLabError;
using latentlab::data::DatasetKind;
using latentlab::data::DatasetLayout;

Q_DECLARE_METATYPE(DatasetLayout)

class TestDatasetKinds : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void descriptor_data()
    {
        QTest::addColumn<DatasetLayout>("layout");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("pixelMaximum");
        QTest::addColumn<QString>("factorNames");
        QTest::addColumn<qint64>("combinations");
        QTest::addColumn<QString>("imagesPath");
        QTest::addColumn<QList<qint64>>("imageDims");
        QTest::addColumn<qint64>("chunkRows");
        QTest::addColumn<QString>("defaultVersion");
        QTest::addColumn<bool>("radians");
        QTest::addColumn<bool>("colourWheelHues");
        QTest::addColumn<int>("paperFilters");
        QTest::addColumn<int>("jointCodeDim");
        QTest::addColumn<int>("betaVaeFilters");
        QTest::addColumn<int>("cycleRecombined");
        QTest::newRow("dsprites") << DatasetLayout::DSprites << "dsprites"
                                  << "dSprites" << 1 << 1 << "color,shape,scale,orientation,posX,posY" << qint64(737280) << "/imgs"
                                  << QList<qint64>{64, 64} << qint64(256) << "dsprites-v2" << true << false << 32 << 8 << 32 << 64;
        QTest::newRow("shapes3d") << DatasetLayout::Shapes3D << "shapes3d"
                                  << "3D Shapes" << 3 << 255 << "floor_hue,wall_hue,object_hue,scale,shape,orientation" << qint64(480000) << "/images"
                                  << QList<qint64>{64, 64, 3} << qint64(64) << "shapes3d-v3" << false << true << 64 << 16 << 64 << 0;
    }

    void descriptor()
    {
        QFETCH(DatasetLayout, layout);
        QFETCH(QString, name);
        const DatasetKind& kind = DatasetKind::of(layout);
        QCOMPARE(kind.layout, layout);
        QCOMPARE(QString::fromStdString(kind.name), name);
        QCOMPARE(&DatasetKind::named(name.toStdString()), &kind);
        QCOMPARE(latentlab::data::layoutName(layout), name.toStdString());
        QCOMPARE(latentlab::data::layoutFromName(name.toStdString()), layout);
        QTEST(QString::fromStdString(kind.title), "title");
        QTEST(kind.channels, "channels");
        QTEST(kind.pixelMaximum, "pixelMaximum");
        QCOMPARE(kind.height, 64);
        QCOMPARE(kind.width, 64);
        QCOMPARE(kind.bytesPerImage(), std::size_t(64 * 64) * static_cast<std::size_t>(kind.channels));
        QStringList names;
        for (std::size_t k = 0; k < kind.factors.numFactors(); ++k)
            names << QString::fromStdString(kind.factors.name(k));
        QTEST(names.join(','), "factorNames");
        QTEST(qint64(kind.factors.numCombinations()), "combinations");
        QVERIFY(kind.fileFormat);
        QTEST(QString::fromStdString(kind.fileFormat->imagesPath()), "imagesPath");
        QList<qint64> dims;
        std::size_t bytes = 1;
        for (const std::uint64_t d : kind.fileFormat->imageDims()) {
            dims << static_cast<qint64>(d);
            bytes *= d;
        }
        QTEST(dims, "imageDims");
        QCOMPARE(bytes, kind.bytesPerImage()); // the file stores exactly the in-memory image
        QTEST(qint64(kind.generatorChunkRows), "chunkRows");
        QTEST(QString::fromStdString(kind.defaultVersion), "defaultVersion");
        QCOMPARE(latentlab::data::DatasetVersionCatalog::builtin().version(kind.defaultVersion).layout, layout);
        QTEST(kind.orientationInRadians, "radians");
        QTEST(kind.huesOnColourWheel, "colourWheelHues");

        // The presets read the kind's column.
        QTEST(latentlab::train::TrainingConfig::fromPreset("paper", layout).filters, "paperFilters");
        QTEST(latentlab::train::TrainingConfig::fromPreset("paper", layout).jointCodeDim, "jointCodeDim");
        QTEST(latentlab::train::BetaVaeConfig::fromPreset("paper", layout).filters, "betaVaeFilters");
        // Recombined real codes join the cycle in demo-cpu, four times as many at the gpu preset's batch; never in paper.
        QTEST(latentlab::train::TrainingConfig::fromPreset("demo-cpu", layout).cycleRecombined, "cycleRecombined");
        QCOMPARE(latentlab::train::TrainingConfig::fromPreset("gpu", layout).cycleRecombined, 4 * kind.training.cycleRecombined);
        QCOMPARE(latentlab::train::TrainingConfig::fromPreset("paper", layout).cycleRecombined, 0);
        QVERIFY(kind.makeRenderer);
    }

    /// A few rows of each kind, rendered, written through its file format and read back.
    void fileFormatRoundTrip_data()
    {
        QTest::addColumn<DatasetLayout>("layout");
        for (const DatasetKind* kind : DatasetKind::all())
            QTest::newRow(kind->name.c_str()) << kind->layout;
    }

    void fileFormatRoundTrip()
    {
        QFETCH(DatasetLayout, layout);
        const DatasetKind& kind = DatasetKind::of(layout);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        latentlab::data::DatasetGenerationRequest request;
        request.kind = layout;
        request.version = kind.defaultVersion;
        request.rows = 5;
        request.threads = 2;
        request.outPath = dir.filePath("kind.h5").toStdString();
        latentlab::data::DatasetGenerator::generate(request);
        const latentlab::io::DatasetFileReader reader(request.outPath);
        QCOMPARE(reader.info().layout, layout);
        QCOMPARE(reader.info().channels, kind.channels);
        QCOMPARE(reader.info().factors.sizes(), kind.factors.sizes());
        QCOMPARE(reader.info().generatedVersion, kind.defaultVersion);
        const auto planned = latentlab::data::DatasetGenerator::plannedRows(request);
        QCOMPARE(reader.classes().size(), planned.size() * kind.factors.numFactors());
        for (std::size_t r = 0; r < planned.size(); ++r) {
            std::vector<std::int64_t> expected(kind.factors.numFactors());
            kind.factors.classesOf(planned[r], expected.data());
            QVERIFY(std::equal(expected.begin(), expected.end(), reader.classes().begin() + static_cast<std::ptrdiff_t>(r * expected.size())));
        }
        const auto images = reader.readAll();
        QCOMPARE(images.pixelMaximum(), kind.pixelMaximum);
        std::vector<std::uint8_t> rendered(kind.bytesPerImage());
        kind.makeRenderer()->renderClasses(images.classesOf(0), rendered.data());
        QVERIFY(std::equal(rendered.begin(), rendered.end(), images.image(0)));
    }

    void kindsAreDistinct()
    {
        std::set<int> ids;
        std::set<std::string> names, paths;
        for (const DatasetKind* kind : DatasetKind::all()) {
            ids.insert(static_cast<int>(kind->layout));
            names.insert(kind->name);
            paths.insert(kind->fileFormat->imagesPath()); // a file's kind is told by its image dataset
        }
        QCOMPARE(ids.size(), DatasetKind::all().size());
        QCOMPARE(names.size(), DatasetKind::all().size());
        QCOMPARE(paths.size(), DatasetKind::all().size());
        QCOMPARE(DatasetKind::namesText("'"), std::string("'dsprites' or 'shapes3d'"));
    }

    void genericKindIsKnownButNotListed()
    {
        // The generic layout (docs/design/file-formats.md#generic-layout) is read, never generated: of() and
        // named() know it, menus and format detection (all()) do not offer it.
        const DatasetKind& generic = DatasetKind::of(DatasetLayout::Generic);
        QCOMPARE(generic.name, std::string("generic"));
        QCOMPARE(&DatasetKind::named("generic"), &generic);
        QCOMPARE(generic.pixelMaximum, 255);
        QVERIFY(!generic.makeRenderer && !generic.fileFormat);
        // A user's images train with the 3D Shapes presets: no adversarial term, no cycle, paired ReL targets.
        const auto& shapes3d = DatasetKind::of(DatasetLayout::Shapes3D).training;
        QCOMPARE(generic.training.adversarial, false);
        QCOMPARE(generic.training.cycleWeight, shapes3d.cycleWeight);
        QCOMPARE(generic.training.relationalPairedTarget, true);
        QCOMPARE(generic.training.paperLearningRate, shapes3d.paperLearningRate);
        QCOMPARE(generic.training.betaVaeFilters, shapes3d.betaVaeFilters);
        for (const DatasetKind* kind : DatasetKind::all())
            QVERIFY(kind->layout != DatasetLayout::Generic);
    }

    void unknownKindIsRefused_data()
    {
        QTest::addColumn<int>("id");
        QTest::newRow("past the enum") << 3;
        QTest::newRow("negative") << -1;
    }

    void unknownKindIsRefused()
    {
        QFETCH(int, id);
        const auto layout = static_cast<DatasetLayout>(id);
        const std::string expected = "Dataset kind number " + std::to_string(id) + " has no descriptor; expected 'dsprites' or 'shapes3d'.";
        try {
            DatasetKind::of(layout);
            QFAIL("an unknown kind was accepted");
        } catch (const LatentLabError& e) {
            QCOMPARE(std::string(e.what()), expected);
        }
        // Users of the descriptor refuse it too, instead of taking some kind's values.
        QVERIFY_THROWS_EXCEPTION(LatentLabError, latentlab::data::layoutName(layout));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, latentlab::train::TrainingConfig::fromPreset("paper", layout));
        latentlab::data::DatasetGenerationRequest request;
        request.kind = layout;
        QVERIFY_THROWS_EXCEPTION(LatentLabError, latentlab::data::DatasetGenerator::plannedRows(request));
    }

    void unknownNameIsRefused()
    {
        try {
            DatasetKind::named("mnist");
            QFAIL("an unknown name was accepted");
        } catch (const LatentLabError& e) {
            QCOMPARE(std::string(e.what()), std::string("Unknown dataset kind 'mnist'; expected 'dsprites' or 'shapes3d'."));
        }
    }
};

QTEST_GUILESS_MAIN(TestDatasetKinds)
#include "tst_datasetkinds.moc"
