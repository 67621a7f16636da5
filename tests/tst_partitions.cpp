// M-AE and AbsAE partitions as channels of the information-content comparison
// (docs/design/information.md#partitions-as-channels): mixed Gaussian + categorical channel sets against the
// reference, the encodings-file variant and its bad inputs, a tiny M-AE and β-VAE trained here in seconds
// through ensemble encode → similarity, and the bundled dsprites-v2 runs (M-AE, AbsAE, a β-VAE member:
// a tiny M-AE's partitions carry no information yet) for identical runs, a mixed file and the similarity
// view, where a click on a partition row decodes its components.
#include "gui/common/QCustomPlotWrapper.h"
#include "gui/runs/RunComparisonView.h"
#include "gui/explorer/TraversalGridView.h"
#include "gui/similarity/SimilarityView.h"

#include "TestCli.h"
#include "TestDatasetFiles.h"
#include "TestTinyRuns.h"

#include "common/LatentLabError.h"
#include "info/ChannelSimilarity.h"
#include "info/PartitionAgreement.h"
#include "info/SimilarityAnalysis.h"
#include "info/SimilarityFileReader.h"
#include "io/EncodingsFile.h"
#include "train/BetaVaeTrainer.h"
#include "train/DemoDataRecipe.h"
#include "train/EnsembleEncoder.h"
#include "train/Trainer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>

using namespace latentlab;
using namespace latentlab::info;

class TestPartitions : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_data, m_otherData, m_mae, m_betaVae, m_betaVaeOther;
    /// The bundled dsprites-v2 runs and their regenerated data.
    QString m_bundledMae, m_bundledAbsae, m_bundledMember, m_bundledData;

    QString trainRun(model::ModelKind kind, const QString& name) { return testruns::trainTinyRun(kind, m_data, m_dir.filePath(name)); }

    QString trainBetaVae(const QString& data, const QString& name) { return testruns::trainTinyBetaVae(data, m_dir.filePath(name), 3); }

    static std::string s(const QString& q) { return q.toStdString(); }

    /// The analysis of `e` with every channel kept (tiny files: OPTICS needs only 2 neighbours).
    static SimilarityAnalysisResult analyse(const io::EncodingsFile& e)
    {
        SimilarityOptions o;
        o.minSamples = 2;
        o.infoThreshold = 0;
        return SimilarityAnalysis::run(e, o);
    }

    /// One Gaussian channel and two categorical channels on 12 points: the same formulas as
    /// tests/fixtures/similarity/make_mixed_golden.py.
    static io::EncodingsFile mixedByFormula()
    {
        const std::int64_t n = 12, k = 3;
        io::EncodingsFile e;
        e.models = 1;
        e.dims = 1;
        e.samples = n;
        e.modelNames = {"vae"};
        e.maxComponents = k;
        e.componentCounts = {3, 2};
        e.posteriorNames = {"mae/a", "mae/b"};
        e.posteriors.assign(static_cast<std::size_t>(2 * n * k), 0.0);
        for (std::int64_t i = 0; i < n; ++i) {
            const double x = std::sin(0.8 * double(i));
            e.mu.push_back(x);
            e.logvar.push_back(-1.0 + 0.3 * std::cos(double(i)));
            for (int c = 0; c < 2; ++c) {
                std::vector<double> logits;
                if (c == 0)
                    for (const double centre : {-1.0, 0.0, 1.0})
                        logits.push_back(-4.0 * (x - centre) * (x - centre));
                else
                    for (int j = 0; j < 2; ++j)
                        logits.push_back(2.0 * std::cos(1.3 * double(i) * (j + 1)));
                const double top = *std::max_element(logits.begin(), logits.end());
                double sum = 0;
                for (auto& l : logits)
                    sum += (l = std::exp(l - top));
                for (std::size_t j = 0; j < logits.size(); ++j)
                    e.posteriors[static_cast<std::size_t>((c * n + i) * k) + j] = logits[j] / sum;
            }
        }
        return e;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_data = m_dir.filePath("d2.h5");
        testfiles::generateDsprites(m_data, "dsprites-v2", 480, 5);
        m_otherData = m_dir.filePath("other.h5");
        testfiles::generateDsprites(m_otherData, "dsprites-v2", 480, 6);
        m_mae = trainRun(model::ModelKind::ModularAutoEncoder, "mae");
        QVERIFY(!m_mae.isEmpty());
        m_bundledMae = LATENTLAB_MODELS_DIR "/dsprites-v2-mae";
        m_bundledAbsae = LATENTLAB_MODELS_DIR "/dsprites-v2-absae";
        m_bundledMember = LATENTLAB_MODELS_DIR "/dsprites-v2-betavae-ensemble/member-000";
        const auto recipe = train::DemoDataRecipe::read(s(m_bundledMae));
        QVERIFY(recipe);
        m_bundledData = QString::fromStdString(recipe->ensureGenerated());
        m_betaVae = trainBetaVae(m_data, "vae");
        QVERIFY(!m_betaVae.isEmpty());
        m_betaVaeOther = trainBetaVae(m_otherData, "vae-other");
        QVERIFY(!m_betaVaeOther.isEmpty());
    }

    /// Gaussian and categorical channels in one matrix equal ref_similarity.py's info_bits/pair on
    /// D = Bhattacharyya (Gaussian) and D = −ln BC (categorical): golden values printed by
    /// tests/fixtures/similarity/make_mixed_golden.py.
    void mixedChannelsMatchTheReference()
    {
        const auto r = analyse(mixedByFormula());
        QCOMPARE(r.gaussianChannels, std::int64_t(1));
        QCOMPARE(r.channelNames, (std::vector<std::string>{"vae/0", "mae/a", "mae/b"}));
        const double info[3] = {0.366442204326, 0.852775273675, 0.204364999396};
        for (int c = 0; c < 3; ++c)
            QVERIFY2(std::abs(r.channelInfo[static_cast<std::size_t>(c)] - info[c]) < 1e-9, qPrintable(QString::number(r.channelInfo[c], 'g', 15)));
        struct Pair {
            int a, b;
            double nmi, vi;
        };
        for (const Pair& p :
             {Pair{0, 1, 0.972740601338, 0.157615075693}, Pair{0, 2, 0.029612244549, 0.145137169918}, Pair{1, 2, 0.004754408779, 0.543515237389}}) {
            QVERIFY2(std::abs(r.nmi(p.a, p.b) - p.nmi) < 1e-9,
                     qPrintable(QString("nmi %1 %2: %3").arg(p.a).arg(p.b).arg(r.nmi(p.a, p.b), 0, 'g', 15)));
            QVERIFY(std::abs(r.nmi(p.b, p.a) - p.nmi) < 1e-9);
            QVERIFY2(std::abs(r.vi(p.a, p.b) - p.vi) < 1e-9, qPrintable(QString("vi %1 %2: %3").arg(p.a).arg(p.b).arg(r.vi(p.a, p.b), 0, 'g', 15)));
        }
        // The naive path agrees with the batched one on the mixed set.
        const auto e = mixedByFormula();
        const auto channels = FingerprintChannels::concatenate(FingerprintChannels::gaussian(1, 12, e.mu, e.logvar),
                                                               FingerprintChannels::categorical(2, 12, 3, e.posteriors));
        QCOMPARE(channels.kind, FingerprintChannels::Kind::Mixed);
        for (int c = 0; c < 3; ++c)
            QVERIFY(std::abs(ChannelSimilarity::informationBits(ChannelSimilarity::distances(channels, c)) - info[c]) < 1e-9);
    }

    /// A partition whose posterior is the same for every sample (one component, or all equal) carries no
    /// information: 0 bits, NMI 0 with everything, label NMI 0.
    void flatPartitionHasNoInformation()
    {
        auto e = mixedByFormula();
        e.componentCounts = {1, 2};
        for (std::int64_t i = 0; i < e.samples; ++i) {
            e.posteriors[static_cast<std::size_t>(i * 3)] = 1.0; // one component
            e.posteriors[static_cast<std::size_t>(i * 3 + 1)] = e.posteriors[static_cast<std::size_t>(i * 3 + 2)] = 0.0;
        }
        e.factors = metrics::DenseMatrix<std::int64_t>(e.samples, 1);
        for (std::int64_t i = 0; i < e.samples; ++i)
            e.factors(i, 0) = i % 3;
        e.factorNames = {"f"};
        const auto r = analyse(e);
        QVERIFY(std::abs(r.channelInfo[1]) < 1e-12);
        for (int c = 0; c < 3; ++c)
            QCOMPARE(r.nmi(1, c), 0.0);
        QCOMPARE(r.labelNmi(1, 0), 0.0);
        QVERIFY(r.channelInfo[2] > 0.01);
    }

    /// The partition variant written and read back; bad posteriors are one sentence naming the dataset.
    void encodingsVariantRoundTripAndBadInput()
    {
        const auto e = mixedByFormula();
        const std::string path = s(m_dir.filePath("variant.h5"));
        e.write(path);
        const auto back = io::EncodingsFile::read(path);
        QCOMPARE(back.posteriors, e.posteriors);
        QCOMPARE(back.componentCounts, e.componentCounts);
        QCOMPARE(back.posteriorNames, e.posteriorNames);
        QCOMPARE(back.mu, e.mu);
        QCOMPARE(back.channels(), std::int64_t(3));
        // Partitions alone: no /mu.
        auto only = e;
        only.models = only.dims = 0;
        only.mu.clear();
        only.logvar.clear();
        only.modelNames.clear();
        only.write(path);
        QCOMPARE(io::EncodingsFile::read(path).gaussianChannels(), std::int64_t(0));
        QCOMPARE(analyse(io::EncodingsFile::read(path)).channelNames, (std::vector<std::string>{"mae/a", "mae/b"}));

        auto expectError = [&](io::EncodingsFile bad, const QString& fragment) {
            bad.write(path);
            try {
                io::EncodingsFile::read(path);
                QFAIL("no error");
            } catch (const LatentLabError& ex) {
                QVERIFY2(QString(ex.what()).contains(fragment), ex.what());
                QVERIFY2(QString(ex.what()).contains("variant.h5"), ex.what());
            }
        };
        auto notSummingToOne = e;
        notSummingToOne.posteriors[0] += 0.2;
        expectError(notSummingToOne, "is not a probability vector");
        auto beyondCount = e;
        beyondCount.posteriors[static_cast<std::size_t>(12 * 3 + 2)] = 0.5; // channel 1 has 2 components
        beyondCount.posteriors[static_cast<std::size_t>(12 * 3)] -= 0.5;
        expectError(beyondCount, "is not a probability vector");
        auto badCount = e;
        badCount.componentCounts[1] = 4;
        expectError(badCount, "'/component_counts' gives channel 1 4 components; expected 1 to 3");
    }

    /// The same run twice: every partition of one copy has NMI 1 with the same partition of the other,
    /// and the partition agreement is 1.
    void identicalRunsAgreeFully()
    {
        const auto e = train::EnsembleEncoder::encode({s(m_bundledMae), s(m_bundledMae)}, 96, 2);
        QCOMPARE(e.models, std::int64_t(0));
        QCOMPARE(e.categoricalChannels(), std::int64_t(4)); // dsprites-v2: shape and position, twice
        QCOMPARE(
            e.posteriorNames,
            (std::vector<std::string>{"dsprites-v2-mae/shape", "dsprites-v2-mae/position", "dsprites-v2-mae/shape", "dsprites-v2-mae/position"}));
        QCOMPARE(e.componentCounts, (std::vector<std::int64_t>{3, 9, 3, 9}));
        QCOMPARE(e.maxComponents, std::int64_t(9));
        const auto r = analyse(e);
        QVERIFY(r.channelInfo[0] > 0.5 && r.channelInfo[1] > 0.5);
        QVERIFY2(std::abs(r.nmi(0, 2) - 1.0) < 1e-9, qPrintable(QString::number(r.nmi(0, 2), 'g', 15)));
        QVERIFY2(std::abs(r.nmi(1, 3) - 1.0) < 1e-9, qPrintable(QString::number(r.nmi(1, 3), 'g', 15)));
        QVERIFY(std::abs(r.vi(0, 2)) < 1e-9);
        const auto agreement = PartitionAgreement::of(r);
        QCOMPARE(int(agreement.partitions.size()), 2);
        QCOMPARE(agreement.partitions[0].name, std::string("shape"));
        QVERIFY(std::abs(agreement.meanNmi - 1.0) < 1e-9);
        // The shape partition carries the shape factor's information.
        const auto shape = std::find(r.factorNames.begin(), r.factorNames.end(), "shape") - r.factorNames.begin();
        QVERIFY(shape < r.labelNmi.cols);
        QVERIFY2(r.labelNmi(0, shape) > 0.8, qPrintable(QString::number(r.labelNmi(0, shape))));
    }

    /// A tiny M-AE and β-VAE trained here, through the CLI: encode → similarity writes every channel's
    /// name; the untrained-looking partitions (one component takes every image) carry no information and
    /// stay out of the clustering, but are in the matrices.
    void tinyRunsRoundTrip()
    {
        const QString enc = m_dir.filePath("tiny-enc.h5"), sim = m_dir.filePath("tiny-sim.h5");
        CliRun run = runCli({"ensemble", "encode", "--runs", m_betaVae + "," + m_mae, "--samples", "60", "--out", enc});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("2 partitions (up to 9 components)"), qPrintable(run.out));
        const auto e = io::EncodingsFile::read(s(enc));
        QCOMPARE(e.models, std::int64_t(1));
        QCOMPARE(e.posteriorNames, (std::vector<std::string>{"mae/shape", "mae/position"}));
        run = runCli({"similarity", "--encodings", enc, "--out", sim, "--min-samples", "2", "--info-threshold", "0", "--json"});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        const QJsonObject j = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(j.value("channels").toInt(), int(e.dims) + 2);
        QCOMPARE(j.value("channel_names").toArray().last().toString(), QString("mae/position"));
        const auto r = SimilarityFileReader::read(s(sim));
        QCOMPARE(r.gaussianChannels, e.dims);
        QCOMPARE(r.channelNames.size(), std::size_t(e.dims + 2));
        QCOMPARE(r.channelNames.at(static_cast<std::size_t>(e.dims)), std::string("mae/shape"));
        QCOMPARE(r.modelNames.size(), std::size_t(1));
    }

    /// The bundled β-VAE member, M-AE and AbsAE in one file; runs on different data are one sentence.
    void mixedBundledRuns()
    {
        const QString enc = m_dir.filePath("mixed-enc.h5"), sim = m_dir.filePath("mixed-sim.h5");
        CliRun run = runCli({"ensemble", "encode", "--runs", m_bundledMember + "," + m_bundledMae + "," + m_bundledAbsae, "--data", m_bundledData,
                             "--samples", "120", "--out", enc});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("3 partitions (up to 27 components)"), qPrintable(run.out));
        const auto e = io::EncodingsFile::read(s(enc));
        QCOMPARE(e.models, std::int64_t(1));
        QCOMPARE(e.posteriorNames, (std::vector<std::string>{"dsprites-v2-mae/shape", "dsprites-v2-mae/position", "dsprites-v2-absae/combination"}));
        run = runCli({"similarity", "--encodings", enc, "--out", sim, "--min-samples", "2", "--info-threshold", "0", "--json"});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        const QJsonObject j = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(j.value("partitions").toArray().size(), 3);
        // The AbsAE's combination partition holds shape and position together: more than either M-AE partition.
        const auto r = SimilarityFileReader::read(s(sim));
        const auto g = static_cast<std::size_t>(r.gaussianChannels);
        QVERIFY(r.channelInfo[g + 2] > r.channelInfo[g] && r.channelInfo[g + 2] > r.channelInfo[g + 1]);
        // Runs on different data (the bundled M-AE's file and a tiny β-VAE's other file).
        run = runCli({"ensemble", "encode", "--runs", m_betaVaeOther + "," + m_bundledMae, "--samples", "40", "--out", m_dir.filePath("bad.h5")});
        QCOMPARE(run.code, 1);
        QVERIFY2(run.lastErrorLine().contains("were trained on different data"), qPrintable(run.err));
        QVERIFY2(run.lastErrorLine().contains("differ on the fingerprint images"), qPrintable(run.err));
        // mc-info compares Gaussian posteriors only.
        const auto only = train::EnsembleEncoder::encode({s(m_mae)}, 20, 0);
        only.write(s(m_dir.filePath("only.h5")));
        run = runCli({"mc-info", "--encodings", m_dir.filePath("only.h5")});
        QCOMPARE(run.code, 1);
        QVERIFY2(run.lastErrorLine().contains("holds no Gaussian model"), qPrintable(run.err));
    }

    /// The similarity view shows partition channels by name; a click on one decodes every component
    /// mean of that partition from its own run, on a worker.
    void viewShowsAndDecodesPartitions()
    {
        const QString sim = m_dir.filePath("mixed-sim.h5");
        QVERIFY(QFileInfo::exists(sim));
        gui::SimilarityView view;
        view.setEnsembleFolder(LATENTLAB_MODELS_DIR); // where the runs named in the file are
        view.resize(1200, 800);
        view.show();
        QSignalSpy loaded(&view, &gui::SimilarityView::loaded);
        QSignalSpy traversal(&view, &gui::SimilarityView::channelTraversalShown);
        view.openFile(sim);
        QVERIFY(loaded.wait(20000));
        int row = -1;
        for (int i = 0; i < view.data().size(); ++i)
            if (view.data().channelName(i) == "dsprites-v2-mae/shape")
                row = i;
        QVERIFY(row >= 0);
        QVERIFY(view.data().isPartition(row));
        QCPAxisRect* heat = nullptr;
        for (QCPAxisRect* r : view.plot()->axisRects())
            if (r->property("figureRole").toString() == "heatmap")
                heat = r;
        QVERIFY(heat);
        const QPoint at(int(heat->axis(QCPAxis::atBottom)->coordToPixel(0)), int(heat->axis(QCPAxis::atLeft)->coordToPixel(row)));
        QTest::mouseMove(view.plot(), at);
        QVERIFY2(view.hoverText().contains("dsprites-v2-mae/shape"), qPrintable(view.hoverText()));
        QTest::mouseClick(view.plot(), Qt::LeftButton, Qt::NoModifier, at);
        QVERIFY(traversal.wait(20000));
        QCOMPARE(traversal.at(0).at(0).toString(), QString("dsprites-v2-mae/shape"));
        const gui::TraversalGrid& grid = view.channelTraversal()->grid();
        int tiles = 0;
        for (const auto& r : grid.images)
            tiles += int(r.size());
        QCOMPARE(tiles, 3); // square, ellipse, heart
        QVERIFY(view.channelTraversal()->title().contains("component"));
    }

    /// The runs dashboard's "partition agreement across seeds": two copies of one M-AE (a configuration
    /// of 2 seeds that found the same partitions) agree fully, computed on a worker and cached on disk;
    /// a configuration of one run shows "—".
    void dashboardShowsPartitionAgreement()
    {
        const QString runs = m_dir.filePath("dashboard");
        for (const QString copy : {"seed-a", "seed-b"}) {
            QVERIFY(QDir().mkpath(runs + "/" + copy));
            for (const QFileInfo& f : QDir(m_bundledMae).entryInfoList(QDir::Files))
                QVERIFY(QFile::copy(f.absoluteFilePath(), runs + "/" + copy + "/" + f.fileName()));
        }
        const QString cache = m_dir.filePath("agreement-cache");
        gui::RunComparisonView view;
        view.setPartitionAgreementCacheDirectory(cache);
        QSignalSpy loaded(&view, &gui::RunComparisonView::loaded);
        QSignalSpy computed(&view, &gui::RunComparisonView::partitionAgreementsComputed);
        view.addRuns({runs});
        QVERIFY(loaded.wait(30000));
        QVERIFY2(view.partitionAgreementText().contains(QStringLiteral("…")), qPrintable(view.partitionAgreementText()));
        QVERIFY(computed.wait(60000));
        QVERIFY2(view.partitionAgreementText().contains("1.000 (shape 1.000, position 1.000)"), qPrintable(view.partitionAgreementText()));
        QCOMPARE(QDir(cache).entryList({"*.json"}, QDir::Files).size(), 1);
        view.setGroupSeeds(false);
        QVERIFY2(view.partitionAgreementText().contains(QStringLiteral("—")), qPrintable(view.partitionAgreementText()));
        // A second view reads the cached agreement.
        gui::RunComparisonView again;
        again.setPartitionAgreementCacheDirectory(cache);
        QSignalSpy againComputed(&again, &gui::RunComparisonView::partitionAgreementsComputed);
        again.addRuns({runs});
        QVERIFY(againComputed.wait(30000));
        QVERIFY(again.partitionAgreementText().contains("1.000"));
    }
};

QTEST_MAIN(TestPartitions)
#include "tst_partitions.moc"
