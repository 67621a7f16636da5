// Information-content comparison (docs/design/information.md): the test vectors of docs/design/information.md#test-vectors, hard labels, self
// similarity, the log2 N cap, batched = naive, OPTICS/NMI/VI identical to the numpy+sklearn reference on
// fixtures made by tests/fixtures/similarity/make_fixtures.py, and the encodings-file bad-file catalogue.
#include "common/LatentLabError.h"
#include "common/Rng.h"
#include "info/ChannelSimilarity.h"
#include "info/HotspotSummary.h"
#include "info/MonteCarloInformation.h"
#include "info/OpticsClustering.h"
#include "info/SimilarityAnalysis.h"
#include "io/EncodingsFile.h"
#include "io/Hdf5Gateway.h"

#include <H5Cpp.h>

#include "TestCli.h"

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace latentlab;
using namespace latentlab::info;

namespace {

QString fixture(const QString& name) { return QStringLiteral(LATENTLAB_FIXTURES_DIR "/similarity/") + name; }

template <typename T>
std::vector<T> readDataset(const std::string& path, const std::string& name)
{
    return io::Hdf5Gateway::run([&] {
        const H5::H5File f(path, H5F_ACC_RDONLY);
        const H5::DataSet ds = f.openDataSet(name);
        std::vector<T> out(static_cast<std::size_t>(ds.getSpace().getSimpleExtentNpoints()));
        ds.read(out.data(), std::is_same_v<T, double> ? H5::PredType::NATIVE_DOUBLE : H5::PredType::NATIVE_INT64);
        return out;
    });
}

/// Spaces A and B of docs/design/information.md#test-vectors as two 1-D channels over N = 3.
FingerprintChannels spacesAB() { return FingerprintChannels::gaussian(2, 3, {0, 1, 3, 0, 0.2, 5}, {0, std::log(0.5), std::log(2.0), -1, -1, -1}); }

} // namespace

class TestSimilarity : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    static CliRun cli(const QStringList& args) { return runCli(args); }

private Q_SLOTS:
    void specTestVectors()
    {
        const auto ab = spacesAB();
        const auto da = ChannelSimilarity::distances(ab, 0), db = ChannelSimilarity::distances(ab, 1);
        QVERIFY(std::abs(da(0, 1) - 0.1961124256) < 1e-9);
        QVERIFY(std::abs(da(0, 2) - 0.7794457589) < 1e-9);
        QVERIFY(std::abs(da(1, 2) - 0.5115717757) < 1e-9);
        QVERIFY(std::abs(db(0, 1) - 0.0135914091) < 1e-9);
        QVERIFY(std::abs(db(0, 2) - 8.4946307139) < 1e-9);
        QVERIFY(std::abs(db(1, 2) - 7.8286516660) < 1e-9);
        QVERIFY(std::abs(da(1, 0) - da(0, 1)) < 1e-15 && std::abs(da(2, 2)) < 1e-15);
        QVERIFY(std::abs(ChannelSimilarity::informationBits(da) - 0.4160700704) < 1e-9);
        QVERIFY(std::abs(ChannelSimilarity::informationBits(db) - 0.9243740517) < 1e-9);
        // The batched path: Î(A), Î(B), Î(A,B) = Î(D_A + D_B), NMI and VI.
        const auto t = ChannelSimilarity::terms(ab);
        QVERIFY(std::abs(t.infoA[0] - 0.4160700704) < 1e-9);
        QVERIFY(std::abs(t.infoA[1] - 0.9243740517) < 1e-9);
        QVERIFY(std::abs(t.joint(0, 1) - 1.0136165585) < 1e-9);
        const auto s = ChannelSimilarity::fromTerms(t, true);
        QVERIFY2(std::abs(s.nmi(0, 1) - 1.0249879177) < 1e-9, qPrintable(QString::number(s.nmi(0, 1), 'g', 12)));
        QVERIFY(std::abs(s.vi(0, 1) - 0.3746314669) < 1e-9);
        QCOMPARE(s.nmi(0, 0), 1.0);
        QCOMPARE(s.vi(1, 1), 0.0);
    }

    void hardLabelsGivePlugInEntropy()
    {
        Rng rng(1);
        metrics::DenseMatrix<std::int64_t> f(300, 1);
        std::vector<int> counts(4, 0);
        for (std::int64_t i = 0; i < 300; ++i) {
            f(i, 0) = static_cast<std::int64_t>(rng.uniformBelow(4));
            ++counts[static_cast<std::size_t>(f(i, 0))];
        }
        double h = 0;
        for (const int c : counts)
            h -= c / 300.0 * std::log2(c / 300.0);
        const auto t = ChannelSimilarity::terms(FingerprintChannels::fromFactors(f));
        QVERIFY2(std::abs(t.infoA[0] - h) < 1e-9, qPrintable(QString("%1 vs %2").arg(t.infoA[0], 0, 'g', 12).arg(h, 0, 'g', 12)));
        // A hard clustering is its own copy: I(U;U') = H.
        QVERIFY(std::abs(2 * t.infoA[0] - t.selfA[0] - h) < 1e-9);
    }

    /// Categorical posteriors by hand (docs/design/information.md#fingerprints): three points, two
    /// categories, (1, 0), (½, ½), (0, 1): BC = 1, √½, 0 (floored at 1e-10), so
    /// Î = log₂3 − ⅓(2·log₂(1 + √½) + log₂(1 + 2√½)) = 0.646742530835 bits.
    void categoricalChannelsByHand()
    {
        const auto three = FingerprintChannels::categorical(1, 3, 2, {1.0, 0.0, 0.5, 0.5, 0.0, 1.0});
        const auto d = ChannelSimilarity::distances(three, 0);
        QVERIFY(std::abs(d(0, 1) - 0.5 * std::log(2.0)) < 1e-12);
        QVERIFY(std::abs(d(0, 2) + std::log(1e-10)) < 1e-9);
        QVERIFY(std::abs(d(1, 1)) < 1e-12);
        QVERIFY(std::abs(ChannelSimilarity::informationBits(d) - 0.646742530835) < 1e-9);
        const auto t = ChannelSimilarity::terms(three);
        QVERIFY2(std::abs(t.infoA[0] - 0.646742530835) < 1e-9, qPrintable(QString::number(t.infoA[0], 'g', 12)));
        // Two identical partitions: NMI 1, VI 0. A one-category partition: no information, NMI 0.
        std::vector<double> p{0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0};
        const auto s = ChannelSimilarity::fromTerms(ChannelSimilarity::terms(FingerprintChannels::categorical(3, 3, 2, p)), true);
        QVERIFY(std::abs(s.nmi(0, 1) - 1.0) < 1e-12);
        QVERIFY(std::abs(s.vi(0, 1)) < 1e-12);
        QVERIFY(std::abs(s.info[2]) < 1e-12);
        QCOMPARE(s.nmi(0, 2), 0.0);
        // Not a probability vector: one sentence naming channel and sample.
        QVERIFY_THROWS_EXCEPTION(LatentLabError, FingerprintChannels::categorical(1, 2, 2, {0.5, 0.5, 0.7, 0.7}));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, FingerprintChannels::categorical(1, 2, 2, {0.5, 0.5}));
        try {
            FingerprintChannels::categorical(2, 1, 2, {0.5, 0.5, -0.1, 1.1});
            QFAIL("a negative probability was accepted");
        } catch (const LatentLabError& e) {
            QCOMPARE(QString(e.what()),
                     QString("The posterior of channel 1 at sample 0 is not a probability vector (values in [0, 1] summing to 1)."));
        }
    }

    /// Three categorical channels (12 points, 3 categories; the third channel has 2, padded) against
    /// the reference's info_bits and pair fed with D = −ln BC: golden values printed by
    /// tests/fixtures/similarity/make_categorical_golden.py, which builds the same posteriors.
    void categoricalChannelsMatchTheReference()
    {
        const std::int64_t n = 12, k = 3;
        const int components[3] = {3, 3, 2};
        std::vector<double> p(static_cast<std::size_t>(3 * n * k), 0.0);
        for (int c = 0; c < 3; ++c)
            for (std::int64_t i = 0; i < n; ++i) {
                std::vector<double> logits;
                for (int j = 0; j < components[c]; ++j)
                    logits.push_back(c == 1
                                         ? 3.0 * std::sin(1.7 * static_cast<double>((i + 1) * (j + 1))) + 0.5 * std::cos(static_cast<double>(i + j))
                                         : 3.0 * std::sin(1.7 * static_cast<double>((i + 1) * (j + 1)) + 0.9 * c));
                const double top = *std::max_element(logits.begin(), logits.end());
                double sum = 0;
                for (double& x : logits)
                    sum += (x = std::exp(x - top));
                for (int j = 0; j < components[c]; ++j)
                    p[static_cast<std::size_t>((c * n + i) * k + j)] = logits[static_cast<std::size_t>(j)] / sum;
            }
        const auto channels = FingerprintChannels::categorical(3, n, k, p);
        const auto s = ChannelSimilarity::fromTerms(ChannelSimilarity::terms(channels), true);
        const double info[3] = {0.551632807607, 0.558168517544, 0.340065870717};
        for (int c = 0; c < 3; ++c) {
            QVERIFY2(std::abs(s.info[static_cast<std::size_t>(c)] - info[c]) < 1e-9,
                     qPrintable(QString::number(s.info[static_cast<std::size_t>(c)], 'g', 12)));
            QVERIFY(std::abs(ChannelSimilarity::informationBits(ChannelSimilarity::distances(channels, c)) - info[c]) < 1e-9);
        }
        QVERIFY2(std::abs(s.nmi(0, 1) - 0.970927793295) < 1e-9, qPrintable(QString::number(s.nmi(0, 1), 'g', 12)));
        QVERIFY(std::abs(s.vi(0, 1) - 0.010319177829) < 1e-9);
        QVERIFY(std::abs(s.nmi(0, 2) - 0.045672628744) < 1e-9);
        QVERIFY(std::abs(s.vi(0, 2) - 0.279140473495) < 1e-9);
        QVERIFY(std::abs(s.nmi(1, 2) - 0.033731918317) < 1e-9);
        QVERIFY(std::abs(s.vi(1, 2) - 0.286056748095) < 1e-9);
        // Against ground-truth labels too (the rectangular path): a labelling equal to each point's most
        // likely category of channel 0 shares information with it.
        metrics::DenseMatrix<std::int64_t> f(n, 1);
        for (std::int64_t i = 0; i < n; ++i) {
            const auto* row = &p[static_cast<std::size_t>(i * k)];
            f(i, 0) = std::max_element(row, row + k) - row;
        }
        const auto rect = ChannelSimilarity::fromTerms(ChannelSimilarity::terms(channels, FingerprintChannels::fromFactors(f)), false);
        QVERIFY(rect.nmi(0, 0) > rect.nmi(2, 0));
    }

    void selfSimilarityAndCap()
    {
        // Channel 1 is an exact copy of channel 0; channel 2: 300 distinct near-deterministic posteriors.
        const std::int64_t n = 300;
        std::vector<double> mu(static_cast<std::size_t>(3 * n)), lv(mu.size());
        Rng rng(2);
        for (std::int64_t i = 0; i < n; ++i) {
            mu[static_cast<std::size_t>(i)] = mu[static_cast<std::size_t>(n + i)] = rng.uniform01() * 4 - 2;
            lv[static_cast<std::size_t>(i)] = lv[static_cast<std::size_t>(n + i)] = -1.0;
            mu[static_cast<std::size_t>(2 * n + i)] = static_cast<double>(i);
            lv[static_cast<std::size_t>(2 * n + i)] = -20.0;
        }
        const auto s = ChannelSimilarity::fromTerms(ChannelSimilarity::terms(FingerprintChannels::gaussian(3, n, mu, lv)), true);
        QVERIFY(std::abs(s.nmi(0, 1) - 1.0) < 1e-9);
        QVERIFY(std::abs(s.vi(0, 1)) < 1e-9);
        QVERIFY(std::abs(s.info[2] - std::log2(300.0)) < 1e-6);
        for (const double i : s.info)
            QVERIFY(i >= 0 && i <= std::log2(300.0) + 1e-12);
    }

    void hotspotSummaryByHand()
    {
        // 2 models × 3 dims; hotspot 0 = channels 0, 3, 4 (models 0 and 1), hotspot 1 = channel 2 alone,
        // channel 1 not kept, channel 5 kept but in no hotspot.
        SimilarityAnalysisResult r;
        r.channelInfo = {1, 0, 1, 1, 1, 1};
        r.dimsPerModel = 3;
        r.nmi = metrics::DenseMatrix<double>(6, 6, 0.0);
        auto setNmi = [&](int a, int b, double v) { r.nmi(a, b) = r.nmi(b, a) = v; };
        setNmi(0, 3, 0.9);
        setNmi(0, 4, 0.6);
        setNmi(3, 4, 0.75);
        r.kept = {0, 2, 3, 4, 5};
        r.optics.labels = {0, 1, 0, 0, -1};
        r.factorNames = {"shape", "posX"};
        r.labelNmi = metrics::DenseMatrix<double>(6, 2, 0.0);
        r.labelNmi(0, 1) = 0.7;
        r.labelNmi(3, 1) = 0.8;
        r.labelNmi(4, 1) = 0.6;
        r.labelNmi(4, 0) = 0.3;
        r.labelNmi(2, 0) = 0.2;
        const auto hs = HotspotSummary::of(r);
        QCOMPARE(int(hs.size()), 2);
        QCOMPARE(hs[0].label, std::int64_t(0));
        QCOMPARE(hs[0].channels, (std::vector<std::int64_t>{0, 3, 4}));
        QCOMPARE(hs[0].models, (std::vector<std::int64_t>{0, 1}));
        QVERIFY(std::abs(hs[0].meanNmi - 0.75) < 1e-12); // (0.9 + 0.6 + 0.75) / 3
        QVERIFY(std::abs(hs[0].minNmi - 0.6) < 1e-12);
        QCOMPARE(hs[0].dominantFactorName, std::string("posX"));
        QVERIFY(std::abs(hs[0].dominantFactorNmi - 0.7) < 1e-12); // (0.7 + 0.8 + 0.6) / 3
        QVERIFY(std::abs(hs[0].meanLabelNmi[0] - 0.1) < 1e-12);
        QCOMPARE(hs[1].channels, (std::vector<std::int64_t>{2}));
        QCOMPARE(hs[1].meanNmi, 1.0); // a single channel is its own hotspot
        QCOMPARE(hs[1].dominantFactorName, std::string("shape"));
        // Without factors there is no dominant factor.
        r.labelNmi = {};
        r.factorNames.clear();
        QCOMPARE(HotspotSummary::of(r)[0].dominantFactor, -1);
    }

    void batchedEqualsNaive()
    {
        // Random channels, a budget small enough that every fingerprint row is its own block.
        const std::int64_t c = 7, n = 40;
        Rng rng(3);
        std::vector<double> mu(static_cast<std::size_t>(c * n)), lv(mu.size());
        for (std::size_t i = 0; i < mu.size(); ++i) {
            mu[i] = rng.uniform01() * 6 - 3;
            lv[i] = rng.uniform01() * 4 - 3;
        }
        const auto channels = FingerprintChannels::gaussian(c, n, mu, lv);
        const auto t = ChannelSimilarity::terms(channels, 1);
        for (std::int64_t a = 0; a < c; ++a) {
            const auto da = ChannelSimilarity::distances(channels, a);
            QVERIFY(std::abs(t.infoA[static_cast<std::size_t>(a)] - ChannelSimilarity::informationBits(da)) < 1e-10);
            metrics::DenseMatrix<double> twice = da;
            for (auto& v : twice.values)
                v *= 2;
            QVERIFY(std::abs(t.selfA[static_cast<std::size_t>(a)] - ChannelSimilarity::informationBits(twice)) < 1e-10);
            for (std::int64_t b = 0; b < c; ++b) {
                metrics::DenseMatrix<double> sum = da;
                const auto db = ChannelSimilarity::distances(channels, b);
                for (std::size_t k = 0; k < sum.values.size(); ++k)
                    sum.values[k] += db.values[k];
                QVERIFY(std::abs(t.joint(a, b) - ChannelSimilarity::informationBits(sum)) < 1e-10);
            }
        }
        // Rectangular mode against a subset equals the symmetric terms.
        const auto firstTwo = FingerprintChannels::gaussian(2, n, std::vector<double>(mu.begin(), mu.begin() + 2 * n),
                                                            std::vector<double>(lv.begin(), lv.begin() + 2 * n));
        const auto r = ChannelSimilarity::terms(channels, firstTwo);
        QVERIFY(std::abs(r.joint(5, 1) - t.joint(5, 1)) < 1e-10);
    }

    void matchesTheSklearnReference_data()
    {
        QTest::addColumn<QString>("encodings");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("nmi") << "ensemble_nmi.encodings.h5"
                             << "ensemble_nmi.expected.h5" << QStringList{"--min-samples", "6"};
        QTest::newRow("vi") << "ensemble_nmi.encodings.h5"
                            << "ensemble_vi.expected.h5" << QStringList{"--min-samples", "6", "--distance", "vi", "--xi", "0.1"};
        QTest::newRow("no factors, high threshold") << "small_default.encodings.h5"
                                                    << "small_default.expected.h5" << QStringList{"--min-samples", "4", "--info-threshold", "0.5"};
    }

    void matchesTheSklearnReference()
    {
        QFETCH(QString, encodings);
        QFETCH(QString, expected);
        QFETCH(QStringList, args);
        const QString out = m_dir.filePath(expected);
        const CliRun r = cli(QStringList{"similarity", "--encodings", fixture(encodings), "--out", out} + args);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const std::string got = out.toStdString(), want = fixture(expected).toStdString();
        QCOMPARE(readDataset<std::int64_t>(got, "kept"), readDataset<std::int64_t>(want, "kept"));
        QCOMPARE(readDataset<std::int64_t>(got, "optics/ordering"), readDataset<std::int64_t>(want, "optics/ordering"));
        QCOMPARE(readDataset<std::int64_t>(got, "optics/labels"), readDataset<std::int64_t>(want, "optics/labels"));
        for (const char* name : {"optics/reachability", "optics/core_distances", "channel_info", "vi"}) {
            const auto a = readDataset<double>(got, name), b = readDataset<double>(want, name);
            QCOMPARE(a.size(), b.size());
            for (std::size_t i = 0; i < a.size(); ++i)
                QVERIFY2((std::isinf(a[i]) && std::isinf(b[i])) || std::abs(a[i] - b[i]) < 1e-9, name);
        }
        // NMI of informative channels to 1e-9; for the collapsed ones (≈ 1e-7 bits) it is 0/0 noise.
        const auto info = readDataset<double>(want, "channel_info");
        const auto c = info.size();
        for (const char* name : {"nmi", "label_nmi"}) {
            if (QString(name) == "label_nmi" && encodings.startsWith("small"))
                continue;
            const auto a = readDataset<double>(got, name), b = readDataset<double>(want, name);
            const std::size_t cols = a.size() / c;
            for (std::size_t i = 0; i < c; ++i)
                for (std::size_t j = 0; j < cols; ++j) {
                    const bool informative = info[i] > 0.01 && (cols != c || info[j] > 0.01);
                    if (informative)
                        QVERIFY2(std::abs(a[i * cols + j] - b[i * cols + j]) < 1e-9, qPrintable(QString("%1[%2,%3]").arg(name).arg(i).arg(j)));
                    else
                        QVERIFY(std::isfinite(a[i * cols + j]));
                }
        }
    }

    // ---- Monte-Carlo estimator for full spaces (docs/design/information.md#monte-carlo-estimates) ----
    void monteCarloInformation()
    {
        // A constant space carries nothing: every term is exactly 0.
        GaussianSpace constant{50, 2, std::vector<double>(100, 0.3), std::vector<double>(100, -1.0)};
        QCOMPARE(MonteCarloInformation::information(constant, 500, 1).bits, 0.0);
        // 16 well separated, nearly deterministic points: all of H(X) = 4 bits.
        GaussianSpace sharp{16, 1, {}, std::vector<double>(16, -12.0)};
        for (int i = 0; i < 16; ++i)
            sharp.mu.push_back(i);
        QVERIFY(std::abs(MonteCarloInformation::information(sharp, 500, 2).bits - 4.0) < 1e-6);
        // Two points at ±0.5 with unit variance: I(X;U) by quadrature, MC within 4 standard errors.
        GaussianSpace two{2, 1, {-0.5, 0.5}, {0.0, 0.0}};
        double exact = 0;
        for (double u = -12; u < 12; u += 1e-3) {
            const double a = std::exp(-0.5 * (u + 0.5) * (u + 0.5)) / std::sqrt(2 * M_PI),
                         b = std::exp(-0.5 * (u - 0.5) * (u - 0.5)) / std::sqrt(2 * M_PI);
            const double p = 0.5 * (a + b);
            exact += 1e-3 * (0.5 * a * std::log2(a / p) + 0.5 * b * std::log2(b / p));
        }
        const auto mc = MonteCarloInformation::information(two, 40000, 3);
        QVERIFY2(std::abs(mc.bits - exact) < 4 * mc.standardError,
                 qPrintable(QString("%1 ± %2 vs %3").arg(mc.bits).arg(mc.standardError).arg(exact)));
        // Same seed, same number, whatever the thread count.
        QCOMPARE(MonteCarloInformation::information(two, 1000, 4, 1).bits, MonteCarloInformation::information(two, 1000, 4, 2).bits);
        // A copy of a space: NMI ≈ 1 and VI ≈ 0 within their errors; the fingerprint is a lower bound.
        Rng rng(5);
        GaussianSpace u{120, 1, {}, {}};
        for (int i = 0; i < 120; ++i) {
            u.mu.push_back(rng.uniform01() * 6 - 3);
            u.logvar.push_back(-1.0);
        }
        const auto c = MonteCarloInformation::compare(u, u, 4000, 6);
        QVERIFY2(std::abs(c.nmi - 1.0) < std::max(5 * c.nmiStandardError, 0.02), qPrintable(QString("%1 ± %2").arg(c.nmi).arg(c.nmiStandardError)));
        QVERIFY2(std::abs(c.vi) < std::max(5 * c.viStandardError, 0.05), qPrintable(QString("%1 ± %2").arg(c.vi).arg(c.viStandardError)));
        const auto fp = ChannelSimilarity::terms(FingerprintChannels::gaussian(1, 120, u.mu, u.logvar));
        QVERIFY(c.infoU.bits + 4 * c.infoU.standardError >= fp.infoA[0]);
        QCOMPARE(c.entropyX, std::log2(120.0));
    }

    void monteCarloCli()
    {
        const CliRun r = cli({"mc-info", "--encodings", fixture("small_default.encodings.h5"), "--samples", "300", "--repeats", "2", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value("models").toArray().size(), 6);
        QCOMPARE(o.value("pairs").toArray().size(), 15);
        for (const auto m : o.value("models").toArray()) {
            const double f = m.toObject().value("info_fraction").toDouble(-1);
            QVERIFY(f > 0 && f <= 1.0 + 1e-9);
        }
        for (const auto p : o.value("pairs").toArray())
            QVERIFY(p.toObject().value("nmi_se").toDouble() >= 0 && std::isfinite(p.toObject().value("vi_bits").toDouble()));
        QCOMPARE(cli({"mc-info", "--encodings", fixture("small_default.encodings.h5"), "--samples", "1"}).code, 1);
    }

    void opticsRejectsBadSettings()
    {
        metrics::DenseMatrix<double> d(5, 5);
        OpticsOptions o;
        o.minSamples = 6;
        QVERIFY_THROWS_EXCEPTION(LatentLabError, OpticsClustering::fit(d, o));
        o.minSamples = 2;
        o.xi = 1.5;
        QVERIFY_THROWS_EXCEPTION(LatentLabError, OpticsClustering::fit(d, o));
        // Two well separated groups with min_samples 2: ordering visits one group, then the other.
        metrics::DenseMatrix<double> two(6, 6);
        for (int i = 0; i < 6; ++i)
            for (int j = 0; j < 6; ++j)
                two(i, j) = i == j ? 0.0 : ((i < 3) == (j < 3) ? 0.1 : 5.0);
        o.xi = 0.05;
        const auto r = OpticsClustering::fit(two, o);
        QCOMPARE(r.ordering, (std::vector<std::int64_t>{0, 1, 2, 3, 4, 5}));
        QVERIFY(std::isinf(r.reachability[0]));
        QCOMPARE(r.reachability[3], 5.0);
        QCOMPARE(r.coreDistances[4], 0.1);
    }

    void tooFewChannelsForMinSamples()
    {
        const CliRun r =
            cli({"similarity", "--encodings", fixture("small_default.encodings.h5"), "--out", m_dir.filePath("x.h5"), "--min-samples", "30"});
        QCOMPARE(r.code, 1);
        const QString last = r.lastErrorLine(); // progress lines come before it
        QVERIFY2(last.startsWith("latentlab-cli: ") && last.contains("min_samples"), qPrintable(r.err));
        QVERIFY(!QFile::exists(m_dir.filePath("x.h5")));
    }

    void encodingsRoundTrip()
    {
        const auto e = io::EncodingsFile::read(fixture("ensemble_nmi.encodings.h5").toStdString());
        QCOMPARE(e.models, int64_t(12));
        QCOMPARE(e.samples, int64_t(120));
        QCOMPARE(e.dims, int64_t(5));
        QCOMPARE(QString::fromStdString(e.modelNames[3]), QString("seed 3"));
        QCOMPARE(e.factorNames, (std::vector<std::string>{"a", "b", "c"}));
        const std::string path = m_dir.filePath("round.encodings.h5").toStdString();
        e.write(path);
        const auto back = io::EncodingsFile::read(path);
        QCOMPARE(back.mu, e.mu);
        QCOMPARE(back.logvar, e.logvar);
        QCOMPARE(back.factors.values, e.factors.values);
        QCOMPARE(back.modelNames, e.modelNames);
    }

    void badEncodingsFiles_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expectedText");
        QTest::newRow("missing file") << "missing"
                                      << "does not exist";
        QTest::newRow("not hdf5") << "text"
                                  << "not an HDF5 file";
        QTest::newRow("no logvar") << "nologvar"
                                   << "no dataset '/logvar'";
        QTest::newRow("rank 2 mu") << "rank2"
                                   << "expected [R, N, D]";
        QTest::newRow("shape mismatch") << "shape"
                                        << "expected the same shape";
        QTest::newRow("NaN in mu") << "nan"
                                   << "non-finite";
        QTest::newRow("one sample") << "onesample"
                                    << "two samples";
        QTest::newRow("factor rows") << "factorrows"
                                     << "one row per sample";
        QTest::newRow("negative class") << "negative"
                                        << "negative class";
    }

    void badEncodingsFiles()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expectedText);
        const std::string path = m_dir.filePath("bad-" + kind + ".h5").toStdString();
        if (kind == "text") {
            QFile f(QString::fromStdString(path));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("mu logvar\n");
        } else if (kind != "missing") {
            io::Hdf5Gateway::run([&] {
                H5::H5File f(path, H5F_ACC_TRUNC);
                const hsize_t n = kind == "onesample" ? 1 : 4;
                const hsize_t shape[3] = {2, n, 3}, other[3] = {2, n, 2}, flat[2] = {2, n * 3};
                std::vector<double> v(2 * n * 3, 0.5);
                if (kind == "nan")
                    v[4] = std::nan("");
                if (kind == "rank2")
                    f.createDataSet("mu", H5::PredType::IEEE_F64LE, H5::DataSpace(2, flat)).write(v.data(), H5::PredType::NATIVE_DOUBLE);
                else
                    f.createDataSet("mu", H5::PredType::IEEE_F64LE, H5::DataSpace(3, shape)).write(v.data(), H5::PredType::NATIVE_DOUBLE);
                if (kind != "nologvar")
                    f.createDataSet("logvar", H5::PredType::IEEE_F64LE, H5::DataSpace(3, kind == "shape" ? other : shape))
                        .write(v.data(), H5::PredType::NATIVE_DOUBLE);
                if (kind == "factorrows" || kind == "negative") {
                    const hsize_t fd[2] = {kind == "factorrows" ? n + 1 : n, 1};
                    std::vector<std::int64_t> k(n + 1, 1);
                    k[1] = kind == "negative" ? -2 : 1;
                    f.createDataSet("factors", H5::PredType::STD_I64LE, H5::DataSpace(2, fd)).write(k.data(), H5::PredType::NATIVE_INT64);
                }
            });
        }
        try {
            io::EncodingsFile::read(path);
            QFAIL("a bad encodings file was accepted");
        } catch (const LatentLabError& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(QString::fromStdString(path)) && message.contains(expectedText), qPrintable(message));
        }
        const CliRun r = cli({"similarity", "--encodings", QString::fromStdString(path), "--out", m_dir.filePath("never.h5")});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err.trimmed().count('\n'), 0);
    }
};

QTEST_GUILESS_MAIN(TestSimilarity)
#include "tst_similarity.moc"
