// Dataset files: generator -> reader round trips, h5py-style chunked/gzip/contiguous files written here,
// the bad-file catalogue, cancellation and atomic output; what kind of LatentLab file an .h5 is.
#include "TestDatasetFiles.h"

#include "common/LatentLabError.h"
#include "data/kinds/DSpritesRenderer.h"
#include "data/DatasetGenerator.h"
#include "data/DatasetVersionCatalog.h"
#include "data/kinds/Shapes3DRenderer.h"
#include "io/CodesFile.h"
#include "io/DatasetFileReader.h"
#include "io/Hdf5FileKind.h"

#include <QtTest>

using namespace latentlab;
using namespace latentlab::data;
using latentlab::io::DatasetFileReader;

class TestDatasetIo : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void generatedDspritesRoundTrip()
    {
        DatasetGenerationRequest req;
        req.kind = DatasetLayout::DSprites;
        req.version = "dsprites-v2";
        req.rows = 700;
        req.seed = 4;
        req.chunkRows = 64;
        req.outPath = path("d.h5").toStdString();
        std::int64_t lastDone = 0;
        const auto result = DatasetGenerator::generate(req, [&](const ProgressReport& r) { lastDone = r.done; });
        QCOMPARE(result.rows, std::int64_t(700));
        QCOMPARE(lastDone, std::int64_t(700));
        const auto planned = DatasetGenerator::plannedRows(req);
        QCOMPARE(planned.size(), std::size_t(700));

        const DatasetFileReader reader(req.outPath);
        QCOMPARE(reader.info().layout, DatasetLayout::DSprites);
        QCOMPARE(reader.info().rows, std::int64_t(700));
        QCOMPARE(reader.info().chunkRows, std::int64_t(64));
        QVERIFY(reader.info().compressed);
        QCOMPARE(reader.info().generatedVersion, std::string("dsprites-v2")); // provenance attribute
        // Labels are the planned rows' classes, and every row belongs to dsprites-v2.
        const auto& v2 = DatasetVersionCatalog::builtin().version("dsprites-v2");
        const FactorSpace raw = FactorSpace::dsprites();
        for (std::size_t i = 0; i < planned.size(); ++i) {
            QCOMPARE(raw.flatIndex(&reader.classes()[i * 6]), planned[i]);
            QVERIFY(v2.combinationOf(raw, &reader.classes()[i * 6]) >= 0);
        }
        // Pixels are exactly the renderer's.
        const auto all = reader.readAll();
        QCOMPARE(all.rows(), std::int64_t(700));
        std::vector<std::uint8_t> expected(64 * 64);
        for (std::int64_t r : {0, 1, 63, 64, 65, 699}) {
            DSpritesRenderer().render(all.classesOf(r), expected.data());
            QVERIFY(std::equal(expected.begin(), expected.end(), all.image(r)));
        }
        // A sparse subset (crossing chunks) reads the same bytes as the full read.
        const std::vector<std::int64_t> some{3, 64, 200, 201, 640, 699};
        const auto part = reader.readRows(some);
        QCOMPARE(part.fileRows, some);
        for (std::size_t i = 0; i < some.size(); ++i)
            QVERIFY(std::equal(part.image(static_cast<std::int64_t>(i)), part.image(static_cast<std::int64_t>(i)) + 4096, all.image(some[i])));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, reader.readRows({5, 3}));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, reader.readRows({700}));
    }

    void generatedShapes3dRoundTrip()
    {
        DatasetGenerationRequest req;
        req.kind = DatasetLayout::Shapes3D;
        req.rows = 150;
        req.seed = 2;
        req.threads = 2;
        req.outPath = path("s.h5").toStdString();
        const auto result = DatasetGenerator::generate(req);
        QCOMPARE(result.meanPerChannel.size(), std::size_t(3));
        const DatasetFileReader reader(req.outPath);
        QCOMPARE(reader.info().layout, DatasetLayout::Shapes3D);
        QCOMPARE(reader.info().channels, 3);
        const auto planned = DatasetGenerator::plannedRows(req);
        const FactorSpace raw = FactorSpace::shapes3d();
        for (std::size_t i = 0; i < planned.size(); ++i)
            QCOMPARE(raw.flatIndex(&reader.classes()[i * 6]), planned[i]); // float labels -> classes
        const auto all = reader.readAll();
        std::vector<std::uint8_t> expected(64 * 64 * 3);
        const Shapes3DRenderer renderer;
        for (std::int64_t r : {0, 77, 149}) {
            const auto* c = all.classesOf(r);
            const long long cc[6] = {c[0], c[1], c[2], c[3], c[4], c[5]};
            renderer.render(cc, expected.data());
            QVERIFY(std::equal(expected.begin(), expected.end(), all.image(r)));
        }
        // Same seed, same rows; another seed, other rows.
        req.seed = 3;
        QVERIFY(DatasetGenerator::plannedRows(req) != planned);
    }

    void h5pyStyleFiles_data()
    {
        QTest::addColumn<QString>("layout");
        QTest::addColumn<QList<uint>>("chunk");
        QTest::addColumn<int>("gzip");
        QTest::addColumn<bool>("float32");
        // The real dSprites file is chunked (23040, 2, 4): chunks that cut images apart.
        QTest::newRow("dsprites real-like chunks gzip") << "dsprites" << QList<uint>{90, 2, 4} << 4 << false;
        QTest::newRow("dsprites whole-image chunks") << "dsprites" << QList<uint>{7, 64, 64} << 1 << false;
        QTest::newRow("dsprites contiguous") << "dsprites" << QList<uint>{0, 0, 0} << 0 << false;
        QTest::newRow("shapes3d chunks gzip") << "shapes3d" << QList<uint>{33, 16, 16, 3} << 4 << false;
        QTest::newRow("shapes3d contiguous float32 labels") << "shapes3d" << QList<uint>{0, 0, 0, 0} << 0 << true;
    }

    void h5pyStyleFiles()
    {
        QFETCH(QString, layout);
        QFETCH(QList<uint>, chunk);
        QFETCH(int, gzip);
        QFETCH(bool, float32);
        const bool dsprites = layout == "dsprites";
        std::vector<std::int64_t> rows;
        for (std::int64_t i = 0; i < 260; ++i)
            rows.push_back(i * 1789 % (dsprites ? 737280 : 480000));
        std::sort(rows.begin(), rows.end());
        const QString file = path(QString("h5py-%1.h5").arg(QTest::currentDataTag()).replace(' ', '_'));
        const std::vector<unsigned> c(chunk.begin(), chunk.end());
        if (dsprites)
            testfiles::writeDspritesLike(file, rows, c, gzip);
        else
            testfiles::writeShapes3dLike(file, rows, c, gzip, float32);
        const DatasetFileReader reader(file.toStdString());
        QCOMPARE(reader.info().rows, std::int64_t(260));
        QCOMPARE(reader.info().compressed, gzip > 0);
        QVERIFY(reader.info().generatedVersion.empty());
        QCOMPARE(reader.info().chunkRows, std::int64_t(c[0]));
        const FactorSpace raw = dsprites ? FactorSpace::dsprites() : FactorSpace::shapes3d();
        for (std::size_t i = 0; i < rows.size(); ++i)
            QCOMPARE(raw.flatIndex(&reader.classes()[i * 6]), rows[i]);
        const std::vector<std::int64_t> pick{0, 1, 89, 90, 91, 180, 259};
        const auto part = reader.readRows(pick);
        const std::size_t bpi = dsprites ? 4096 : 4096 * 3;
        for (std::size_t i = 0; i < pick.size(); ++i)
            for (std::size_t p = 0; p < bpi; p += 97)
                QCOMPARE(part.image(static_cast<std::int64_t>(i))[p], testfiles::patternPixel(rows[static_cast<std::size_t>(pick[i])], p, dsprites));
    }

    void hdf5FileKinds_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("kind");
        using K = latentlab::io::Hdf5FileKind;
        QTest::newRow("dSprites dataset") << "DIR/kind-dsprites.h5" << int(K::Dataset);
        QTest::newRow("3D Shapes dataset") << "DIR/kind-shapes3d.h5" << int(K::Dataset);
        QTest::newRow("similarity file") << LATENTLAB_MODELS_DIR "/dsprites-v2-betavae-ensemble/sim.h5" << int(K::Similarity);
        QTest::newRow("encodings file") << LATENTLAB_FIXTURES_DIR "/similarity/small_default.encodings.h5" << int(K::Encodings);
        QTest::newRow("codes file") << "DIR/kind-codes.h5" << int(K::Codes);
        QTest::newRow("run history") << LATENTLAB_MODELS_DIR "/dsprites-v2-mae/run.h5" << int(K::RunHistory);
        QTest::newRow("HDF5 without any of them") << "DIR/bad/no_images.h5" << int(K::Unknown);
        QTest::newRow("text") << "DIR/bad/text.h5" << int(K::NotHdf5);
        QTest::newRow("zero bytes") << "DIR/bad/empty.h5" << int(K::NotHdf5);
        QTest::newRow("missing") << "DIR/none.h5" << int(K::NotHdf5);
    }

    /// A dropped .h5 is told by its datasets: small files of each kind.
    void hdf5FileKinds()
    {
        QFETCH(QString, file);
        QFETCH(int, kind);
        if (!QFile::exists(path("kind-codes.h5"))) {
            testfiles::writeDspritesLike(path("kind-dsprites.h5"), {0, 1, 2, 3}, {0, 0, 0}, 0);
            testfiles::writeShapes3dLike(path("kind-shapes3d.h5"), {0, 1, 2, 3}, {0, 0, 0, 0}, 0, false);
            latentlab::io::CodesFile codes;
            codes.codes = latentlab::metrics::DenseMatrix<double>(2, 1);
            codes.factors = latentlab::metrics::DenseMatrix<std::int64_t>(2, 1);
            codes.factors.values = {0, 1};
            codes.write(path("kind-codes.h5").toStdString());
            QVERIFY(QDir().mkpath(path("bad")));
            testfiles::makeBadFileCatalogue(path("bad"));
        }
        file.replace("DIR", m_dir.path());
        const auto detected = latentlab::io::detectHdf5FileKind(QFile::encodeName(file).toStdString());
        QCOMPARE(QString::fromStdString(latentlab::io::hdf5FileKindName(detected)),
                 QString::fromStdString(latentlab::io::hdf5FileKindName(static_cast<latentlab::io::Hdf5FileKind>(kind))));
    }

    void badFileCatalogue()
    {
        const auto catalogue = testfiles::makeBadFileCatalogue(m_dir.path());
        QVERIFY(catalogue.size() >= 11);
        for (const auto& bad : catalogue) {
            try {
                DatasetFileReader reader(bad.path.toStdString());
                QFAIL(qPrintable("accepted bad file: " + bad.tag));
            } catch (const LatentLabError& e) {
                const QString m = e.what();
                QVERIFY2(m.contains(bad.path), qPrintable(bad.tag + ": " + m));
                QVERIFY2(m.contains(bad.mustMention), qPrintable(bad.tag + ": " + m));
                QVERIFY2(!m.contains('\n'), qPrintable(bad.tag + ": not one line: " + m));
            }
        }
    }

    void cancelLeavesNoFile()
    {
        CancellationToken token;
        DatasetGenerationRequest req;
        req.kind = DatasetLayout::DSprites;
        req.rows = 20000;
        req.outPath = path("cancelled.h5").toStdString();
        bool threw = false;
        try {
            DatasetGenerator::generate(
                req, [&](const ProgressReport&) { token.cancel(); }, token);
        } catch (const CancelledError&) {
            threw = true;
        }
        QVERIFY(threw);
        QVERIFY(!QFile::exists(path("cancelled.h5")));
        const QStringList leftovers = QDir(m_dir.path()).entryList({"cancelled.h5*"});
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(',')));
    }

    void badRequests()
    {
        DatasetGenerationRequest req;
        req.kind = DatasetLayout::Shapes3D;
        req.version = "dsprites-v2";
        req.outPath = path("x.h5").toStdString();
        QVERIFY_THROWS_EXCEPTION(LatentLabError, DatasetGenerator::generate(req));
        req.version = "";
        req.rows = 0;
        QVERIFY_THROWS_EXCEPTION(LatentLabError, DatasetGenerator::generate(req));
        req.rows = 10;
        req.outPath = path("no/such/dir/x.h5").toStdString();
        QVERIFY_THROWS_EXCEPTION(LatentLabError, DatasetGenerator::generate(req));
        QVERIFY(!QFile::exists(path("x.h5")));
    }
};

QTEST_GUILESS_MAIN(TestDatasetIo)
#include "tst_datasetio.moc"
