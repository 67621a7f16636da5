// Disentanglement metrics: disentanglement_lib's own unit-test vectors, golden values from the sklearn
// reference script (tests/fixtures/metrics, made by make_fixtures.py), degenerate inputs, determinism,
// the codes-file reader's bad-file catalogue and the `metrics` CLI contract.
#include "common/LatentLabError.h"
#include "common/Rng.h"
#include "io/CodesFile.h"
#include "io/MetricMatrices.h"
#include "io/MetricsJson.h"
#include "metrics/DciScore.h"
#include "metrics/DiscreteMutualInformation.h"
#include "metrics/DisentanglementMetrics.h"
#include "metrics/GradientBoostedTrees.h"
#include "metrics/HistogramDiscretizer.h"
#include "metrics/BetaVaeScore.h"
#include "metrics/FactorVaeScore.h"
#include "metrics/LogisticRegression.h"
#include "metrics/MetricRegistry.h"
#include "metrics/ModelMetrics.h"
#include "metrics/MigScore.h"
#include "metrics/ModularityScore.h"
#include "metrics/RocAuc.h"
#include "metrics/SapScore.h"
#include "metrics/ThreadRandom.h"
#include "train/TrainingConfig.h"

#include "TestDatasetFiles.h"

#include <H5Cpp.h>

#include "TestCli.h"

#include <QtTest>

#include <cmath>
#include <cstdlib>
#include <thread>

using namespace latentlab;
using namespace latentlab::metrics;

namespace {

DenseMatrix<double> matrix(std::int64_t rows, std::int64_t cols, std::initializer_list<double> values)
{
    DenseMatrix<double> m(rows, cols);
    m.values.assign(values.begin(), values.end());
    return m;
}

DenseMatrix<double> diag(int n, double v = 1.0)
{
    DenseMatrix<double> m(n, n);
    for (int i = 0; i < n; ++i)
        m(i, i) = v;
    return m;
}

/// disentanglement_lib's IdentityObservationsData stand-in: K factors of 10 values each, uniform.
DenseMatrix<std::int64_t> uniformFactors(std::int64_t n, int k, int values, std::uint64_t seed)
{
    Rng rng(seed);
    DenseMatrix<std::int64_t> f(n, k);
    for (auto& v : f.values)
        v = static_cast<std::int64_t>(rng.uniformBelow(static_cast<std::uint64_t>(values)));
    return f;
}

DenseMatrix<double> asCodes(const DenseMatrix<std::int64_t>& f)
{
    DenseMatrix<double> c(f.rows, f.cols);
    for (std::size_t i = 0; i < f.values.size(); ++i)
        c.values[i] = static_cast<double>(f.values[i]);
    return c;
}

QString fixture(const QString& name) { return QStringLiteral(LATENTLAB_FIXTURES_DIR "/metrics/") + name; }

QJsonObject expected(const QString& name)
{
    QFile f(fixture(name + ".expected.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(f.fileName()));
    return QJsonDocument::fromJson(f.readAll()).object();
}

/// A ground truth without images: 3 factors of 4 values; representations = the factors themselves plus
/// noise ("identity"), pure noise ("random") and a constant ("collapsed").
class SyntheticSampler : public GroundTruthSampler {
public:
    std::vector<std::int64_t> factorSizes() const override { return {4, 4, 4}; }
    std::vector<std::string> representationNames() const override { return {"identity", "random", "collapsed"}; }
    std::vector<DenseMatrix<double>> represent(const DenseMatrix<std::int64_t>& f, Rng& rng) override
    {
        DenseMatrix<double> identity(f.rows, 3), random(f.rows, 3), collapsed(f.rows, 3, 0.5);
        for (std::int64_t i = 0; i < f.rows; ++i)
            for (int k = 0; k < 3; ++k) {
                identity(i, k) = static_cast<double>(f(i, k)) + 0.05 * (rng.uniform01() - 0.5);
                random(i, k) = rng.uniform01() * 3.0;
            }
        return {identity, random, collapsed};
    }
};

} // namespace

class TestMetrics : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    static CliRun cli(const QStringList& args) { return runCli(args); }

private Q_SLOTS:
    // ---- disentanglement_lib dci_test.py vectors (importance-matrix level) ----
    void dciTestVectors()
    {
        QVERIFY(std::abs(DciScore::disentanglement(diag(5, 5.0)) - 1.0) < 1e-9);
        QVERIFY(std::abs(DciScore::completeness(diag(5, 5.0)) - 1.0) < 1e-9);
        const auto rows = matrix(3, 2, {1, 0, 0, 1, 0, 0});
        QVERIFY(std::abs(DciScore::disentanglement(rows) - 1.0) < 1e-9);
        QVERIFY(std::abs(DciScore::completeness(rows) - 1.0) < 1e-9);
        const DenseMatrix<double> zeros(10, 10);
        QVERIFY(std::abs(DciScore::disentanglement(zeros)) < 1e-9);
        QVERIFY(std::abs(DciScore::completeness(zeros)) < 1e-9);
        DenseMatrix<double> redundant(10, 5); // diag stacked twice: two codes per factor
        for (int i = 0; i < 5; ++i)
            redundant(i, i) = redundant(i + 5, i) = 1.0;
        QVERIFY(std::abs(DciScore::disentanglement(redundant) - 1.0) < 1e-9);
        QVERIFY(std::abs(DciScore::completeness(redundant) - (1.0 - std::log(2.0) / std::log(10.0))) < 1e-9);
        DenseMatrix<double> missed(2, 5); // first two rows of diag: factors nobody codes
        missed(0, 0) = missed(1, 1) = 1.0;
        QVERIFY(std::abs(DciScore::disentanglement(missed) - 1.0) < 1e-9);
        QVERIFY(std::abs(DciScore::completeness(missed) - 1.0) < 1e-9);
        DenseMatrix<double> twoFactors(5, 10); // [diag | diag]: one code for two factors
        for (int i = 0; i < 5; ++i)
            twoFactors(i, i) = twoFactors(i, i + 5) = 1.0;
        QVERIFY(std::abs(DciScore::disentanglement(twoFactors) - (1.0 - std::log(2.0) / std::log(10.0))) < 1e-9);
        QVERIFY(std::abs(DciScore::completeness(twoFactors) - 1.0) < 1e-9);
        // Degenerate shapes (docs/design/file-formats.md#degenerate-codes-and-factors): one code → completeness 1; one factor → disentanglement 1.
        QCOMPARE(DciScore::completeness(matrix(1, 3, {0.2, 0.3, 0.5})), 1.0);
        QCOMPARE(DciScore::disentanglement(matrix(3, 1, {0.2, 0.3, 0.5})), 1.0);
    }

    // ---- modularity_explicitness_test.py vectors ----
    void modularityTestVectors()
    {
        QVERIFY(std::abs(ModularityScore::fromMutualInformation(diag(5)).score - 1.0) < 1e-12);
        QVERIFY(std::abs(ModularityScore::fromMutualInformation(matrix(3, 2, {1, 0, 0, 1, 0, 0})).score - 2.0 / 3.0) < 1e-12);
        QCOMPARE(ModularityScore::fromMutualInformation(DenseMatrix<double>(5, 5)).score, 0.0);
        DenseMatrix<double> redundant(10, 5);
        for (int i = 0; i < 5; ++i)
            redundant(i, i) = redundant(i + 5, i) = 1.0;
        QVERIFY(std::abs(ModularityScore::fromMutualInformation(redundant).score - 1.0) < 1e-12);
        DenseMatrix<double> twoFactors(5, 10);
        for (int i = 0; i < 5; ++i)
            twoFactors(i, i) = twoFactors(i, i + 5) = 1.0;
        QVERIFY(std::abs(ModularityScore::fromMutualInformation(twoFactors).score - (1.0 - 1.0 / 9.0)) < 1e-12);
    }

    // ---- mig_test.py / sap_score_test.py bounds (identity discretizer, identity observations) ----
    void migBounds()
    {
        const auto f = uniformFactors(3000, 10, 10, 1);
        std::vector<double> h;
        for (int k = 0; k < 10; ++k)
            h.push_back(DiscreteMutualInformation::entropy(f.column(k)));
        const double identity = MigScore::fromMutualInformation(DiscreteMutualInformation::matrix(f, f), h).score;
        QVERIFY2(identity >= 0.9 && identity <= 1.0, qPrintable(QString::number(identity)));
        const double zeros = MigScore::fromMutualInformation(DiscreteMutualInformation::matrix(DenseMatrix<std::int64_t>(3000, 10), f), h).score;
        QVERIFY(zeros >= 0.0 && zeros <= 0.2);
        DenseMatrix<std::int64_t> twice(3000, 2), one(3000, 1);
        for (std::int64_t i = 0; i < 3000; ++i)
            twice(i, 0) = twice(i, 1) = one(i, 0) = f(i, 0);
        const double duplicated =
            MigScore::fromMutualInformation(DiscreteMutualInformation::matrix(twice, one), {DiscreteMutualInformation::entropy(one.column(0))}).score;
        QVERIFY(duplicated >= 0.0 && duplicated <= 0.1);
    }

    void sapBounds()
    {
        const auto f = uniformFactors(3000, 10, 10, 2);
        const double identity = SapScore::computeContinuous(asCodes(f), f).score;
        QVERIFY2(identity >= 0.9 && identity <= 1.0, qPrintable(QString::number(identity)));
        QVERIFY(SapScore::computeContinuous(DenseMatrix<double>(3000, 10), f).score <= 0.2);
        DenseMatrix<std::int64_t> one(3000, 1);
        DenseMatrix<double> twice(3000, 2);
        for (std::int64_t i = 0; i < 3000; ++i) {
            one(i, 0) = f(i, 0);
            twice(i, 0) = twice(i, 1) = static_cast<double>(f(i, 0));
        }
        QVERIFY(SapScore::computeContinuous(twice, one).score <= 0.2);
        // Discrete mode on a perfectly separable binary factor: accuracy 1 on its own code, chance on noise.
        std::vector<double> x, noise;
        std::vector<std::int64_t> y;
        Rng rng(3);
        for (int i = 0; i < 2000; ++i) {
            y.push_back(i % 2);
            x.push_back((i % 2 ? 1.0 : -1.0) + 0.1 * (rng.uniform01() - 0.5));
            noise.push_back(rng.uniform01());
        }
        QCOMPARE(SapScore::singleFeatureAccuracy(x, y, x, y, 0), 1.0);
        QVERIFY(std::abs(SapScore::singleFeatureAccuracy(noise, y, noise, y, 0) - 0.5) < 0.1);
    }

    // ---- building blocks against numpy / sklearn semantics ----
    void histogramMatchesNumpy()
    {
        // numpy: np.digitize(x, np.histogram(x, 20)[1][:-1]) for x = [0, 0.05, 0.5, 0.999, 1]
        const auto bins = HistogramDiscretizer::discretize(matrix(5, 1, {0, 0.05, 0.5, 0.999, 1}));
        QCOMPARE(bins.values, (std::vector<std::int64_t>{1, 2, 11, 20, 20}));
        // A constant column: numpy widens to [c − 0.5, c + 0.5]; every value lands in bin 11.
        const auto constant = HistogramDiscretizer::discretize(matrix(3, 1, {2, 2, 2}));
        QCOMPARE(constant.values, (std::vector<std::int64_t>{11, 11, 11}));
    }

    void mutualInformationIsSklearns()
    {
        // sklearn.metrics.mutual_info_score([0,0,1,1,2,2], [0,0,1,1,1,1]) = 0.6365141682948128
        QVERIFY(std::abs(DiscreteMutualInformation::between({0, 0, 1, 1, 2, 2}, {0, 0, 1, 1, 1, 1}) - 0.6365141682948128) < 1e-12);
        QVERIFY(std::abs(DiscreteMutualInformation::entropy({5, 5, 7, 7}) - std::log(2.0)) < 1e-12);
        QCOMPARE(DiscreteMutualInformation::between({1, 1, 1}, {0, 1, 2}), 0.0);
    }

    void rocAuc()
    {
        QCOMPARE(RocAuc::binary({false, false, true, true}, {0.1, 0.4, 0.35, 0.8}), 0.75);
        QCOMPARE(RocAuc::binary({false, true, false, true}, {0.5, 0.5, 0.5, 0.5}), 0.5);
        QVERIFY(RocAuc::binary({true, true}, {0.1, 0.2}) < 0); // undefined with one class
    }

    void gradientBoostingBasics()
    {
        // Two identical informative features and one noise feature: the duplicates share the importance
        // (ties broken at random), the noise gets almost none, and the training rows are classified.
        Rng rng(4);
        DenseMatrix<double> x(600, 3);
        std::vector<std::int64_t> y;
        for (std::int64_t i = 0; i < 600; ++i) {
            y.push_back(i % 3);
            x(i, 0) = x(i, 1) = static_cast<double>(i % 3) + 0.3 * rng.uniform01();
            x(i, 2) = rng.uniform01();
        }
        GradientBoostedTreesOptions o;
        o.stages = 30;
        GradientBoostedTrees gbt(o);
        gbt.fit(x, y);
        const auto& imp = gbt.featureImportances();
        QVERIFY(std::abs(imp[0] + imp[1] + imp[2] - 1.0) < 1e-12);
        QVERIFY2(imp[0] > 0.25 && imp[1] > 0.25, qPrintable(QString("%1 %2").arg(imp[0]).arg(imp[1])));
        QVERIFY(imp[2] < 0.05);
        QCOMPARE(gbt.trainingPredictions(), y);
        QCOMPARE(gbt.predict(x), y);
        QCOMPARE(gbt.treeCount(), 90); // one tree per class per stage
        // One class: a constant model, zero importances, no crash.
        GradientBoostedTrees single(o);
        single.fit(x, std::vector<std::int64_t>(600, 7));
        QCOMPARE(single.predict(x), std::vector<std::int64_t>(600, 7));
        QCOMPARE(single.featureImportances(), std::vector<double>(3, 0.0));
    }

    void logisticRegressionOptimum()
    {
        // Binary, one feature: at the optimum of C·Σ loss + ½w² the gradient vanishes, i.e.
        // w = C·Σ (y − p)·x and Σ (y − p) = 0 (unpenalised intercept).
        Rng rng(5);
        DenseMatrix<double> x(400, 1);
        std::vector<std::int64_t> y;
        for (std::int64_t i = 0; i < 400; ++i) {
            x(i, 0) = rng.uniform01() * 4 - 2;
            y.push_back(rng.uniform01() < 1.0 / (1.0 + std::exp(-2 * x(i, 0))) ? 1 : 0);
        }
        LogisticRegression lr;
        lr.fit(x, y);
        const auto p = lr.predictProbabilities(x);
        double gw = 0, gb = 0;
        for (std::int64_t i = 0; i < 400; ++i) {
            gw += (static_cast<double>(y[static_cast<std::size_t>(i)]) - p(i, 1)) * x(i, 0);
            gb += static_cast<double>(y[static_cast<std::size_t>(i)]) - p(i, 1);
        }
        QVERIFY(std::abs(gb) < 1e-3);
        // Recover w from a probability: logit(p) = w·x + b at two points.
        const double l0 = std::log(p(0, 1) / p(0, 0)), l1 = std::log(p(1, 1) / p(1, 0));
        const double w = (l0 - l1) / (x(0, 0) - x(1, 0));
        QVERIFY2(std::abs(w - gw) < 1e-3, qPrintable(QString("%1 vs %2").arg(w).arg(gw)));
    }

    // ---- golden values from the reference ref_metrics.py (numpy + sklearn 1.2.1) ----
    void goldenAgainstSklearn_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("completenessTolerance");
        QTest::newRow("good") << "good" << 0.02;
        QTest::newRow("rotated") << "rotated" << 0.02;
        QTest::newRow("discrete") << "discrete" << 0.02;
        // A duplicated code dimension: which duplicate wins each tied split is random in sklearn too;
        // its own completeness moves 0.66–0.70 across random_state 0..3, so the bound is wider.
        QTest::newRow("binary_dup_const") << "binary_dup_const" << 0.06;
        QTest::newRow("one_dim") << "one_dim" << 0.02;
    }

    void goldenAgainstSklearn()
    {
        QFETCH(QString, name);
        QFETCH(double, completenessTolerance);
        const auto file = io::CodesFile::read(fixture(name + ".h5").toStdString());
        const QJsonObject e = expected(name);
        const auto r = DisentanglementMetrics::compute(file.codes, file.factors, e.value("train").toInt(), MetricSelection::all());
        auto near = [&](const char* key, double value, double tolerance) {
            const double want = e.value(key).toDouble();
            QVERIFY2(std::abs(value - want) <= tolerance,
                     qPrintable(QString("%1: %2 vs sklearn %3").arg(key).arg(value, 0, 'g', 10).arg(want, 0, 'g', 10)));
        };
        near("mig", r.mig->score, 1e-6);
        near("modularity", r.modularity->score, 1e-6);
        near("sap", r.sap->score, 0.01);
        near("dci_disentanglement", r.dci->disentanglement, 0.02);
        near("dci_completeness", r.dci->completeness, completenessTolerance);
        near("dci_informativeness_train", r.dci->informativenessTrain, 0.01);
        near("dci_informativeness_test", r.dci->informativenessTest, 0.01);
        near("explicitness_train", r.explicitness->train, 1e-3);
        near("explicitness_test", r.explicitness->test, 1e-3);
        QJsonArray excluded;
        for (const auto k : r.excludedFactors)
            excluded.append(static_cast<int>(k));
        QCOMPARE(excluded, e.value("excluded_factors").toArray());
    }

    void threadRandomIsPerThread()
    {
        // liblinear's rand() must reach the per-thread generator, or parallel SAP fits would not be
        // reproducible (ThreadRandom.h).
        QVERIFY(threadRandomInterposed());
        seedThreadRandom(5);
        const int a = std::rand(), b = std::rand();
        seedThreadRandom(5);
        QCOMPARE(std::rand(), a);
        int otherA = 0, otherB = 0;
        std::thread other([&] {
            seedThreadRandom(5);
            otherA = std::rand();
            otherB = std::rand();
        });
        other.join();
        QCOMPARE(otherA, a);
        QCOMPARE(otherB, b);
        QVERIFY(a >= 0 && a <= RAND_MAX && a != b);
    }

    void deterministicAcrossThreadCounts()
    {
        const auto file = io::CodesFile::read(fixture("binary_dup_const.h5").toStdString());
        MetricOptions one, two;
        one.threads = 1;
        two.threads = 2;
        one.seed = two.seed = 9;
        const auto a = DisentanglementMetrics::compute(file.codes, file.factors, 1000, MetricSelection::all(), one);
        const auto b = DisentanglementMetrics::compute(file.codes, file.factors, 1000, MetricSelection::all(), two);
        QCOMPARE(a.dci->importance.values, b.dci->importance.values);
        QCOMPARE(a.sap->scoreMatrix.values, b.sap->scoreMatrix.values);
        QCOMPARE(a.explicitness->test, b.explicitness->test);
    }

    void degenerateInputs()
    {
        DenseMatrix<double> codes(50, 2);
        DenseMatrix<std::int64_t> constant(50, 2, 3);
        QVERIFY_THROWS_EXCEPTION(LatentLabError, DisentanglementMetrics::compute(codes, constant, 40, MetricSelection::all()));
        const auto f = uniformFactors(50, 2, 3, 6);
        QVERIFY_THROWS_EXCEPTION(LatentLabError, DisentanglementMetrics::compute(codes, f, 50, MetricSelection::all())); // no test rows
        QVERIFY_THROWS_EXCEPTION(LatentLabError, DisentanglementMetrics::compute(codes, f, 1, MetricSelection::parse("mig")));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, MetricSelection::parse("mig,dcx"));
        // Constant codes: every score defined (0 information), nothing NaN.
        const auto r = DisentanglementMetrics::compute(codes, f, 40, MetricSelection::all());
        for (const double v : {r.mig->score, r.modularity->score, r.sap->score, r.dci->disentanglement, r.dci->completeness, r.explicitness->test})
            QVERIFY(std::isfinite(v));
        QCOMPARE(r.mig->score, 0.0);
        QCOMPARE(r.modularity->score, 0.0);
        QCOMPARE(r.dci->disentanglement, 0.0);
        DenseMatrix<double> nan(50, 2);
        nan(3, 1) = std::nan("");
        QVERIFY_THROWS_EXCEPTION(LatentLabError, DisentanglementMetrics::compute(nan, f, 40, MetricSelection::all()));
    }

    // ---- model-level scores (docs/design/metrics.md#factorvae-score, docs/design/metrics.md#betavae-score, docs/design/metrics.md#reference-numbers) ----
    void factorVaeScore()
    {
        SyntheticSampler sampler;
        Rng rng(11);
        FactorVaeOptions o;
        o.varianceSamples = 2000;
        o.trainPoints = 300;
        o.evalPoints = 200;
        const auto r = FactorVaeScore::compute(sampler, rng, o);
        QCOMPARE(r.size(), std::size_t(3));
        QCOMPARE(r[0].evalAccuracy, 1.0); // a fixed factor always has the smallest normalised variance
        QCOMPARE(r[0].activeDims, int64_t(3));
        QVERIFY2(r[1].evalAccuracy > 0.2 && r[1].evalAccuracy < 0.55, qPrintable(QString::number(r[1].evalAccuracy))); // ≈ 1/K
        QCOMPARE(r[2].activeDims, int64_t(0)); // collapsed encoder: no active dims → 0
        QCOMPARE(r[2].evalAccuracy, 0.0);
    }

    void betaVaeScore()
    {
        SyntheticSampler sampler;
        Rng rng(12);
        BetaVaeOptions o;
        o.trainPoints = 300;
        o.evalPoints = 200;
        const auto r = BetaVaeScore::compute(sampler, rng, o);
        QCOMPARE(r[0].evalAccuracy, 1.0);
        QVERIFY2(r[1].evalAccuracy < 0.6, qPrintable(QString::number(r[1].evalAccuracy)));
        QVERIFY(r[2].evalAccuracy < 0.6);
    }

    void modelMetricsOneStream()
    {
        // Train points, then test points, then FactorVAE/BetaVAE from one seeded stream: same seed, same
        // report; another seed, other samples.
        SyntheticSampler sampler;
        ModelMetricsOptions o = ModelMetricsOptions::fromList("mig,dci,factorvae");
        o.trainPoints = 300;
        o.testPoints = 100;
        o.factorVaeOptions.varianceSamples = 500;
        o.factorVaeOptions.trainPoints = 50;
        o.factorVaeOptions.evalPoints = 20;
        const auto a = ModelMetrics::evaluate(sampler, {"a", "b", "c"}, o);
        const auto b = ModelMetrics::evaluate(sampler, {"a", "b", "c"}, o);
        QCOMPARE(a.sampledCodes[0].values, b.sampledCodes[0].values);
        QCOMPARE(a.representations[0].report->mig->score, b.representations[0].report->mig->score);
        QVERIFY(a.representations[0].report->mig->score > 0.5);
        QVERIFY(!a.representations[0].report->sap && !a.representations[0].betaVae && a.representations[0].factorVae);
        o.seed = 1;
        QVERIFY(ModelMetrics::evaluate(sampler, {"a", "b", "c"}, o).sampledFactors.values != a.sampledFactors.values);
        QVERIFY_THROWS_EXCEPTION(LatentLabError, ModelMetricsOptions::fromList("mig,foo"));
    }

    // ---- codes files ----
    void codesFileRoundTrip()
    {
        io::CodesFile c;
        c.codes = matrix(3, 2, {0.5, -1, 2, 3.25, 1e-9, 7});
        c.factors = DenseMatrix<std::int64_t>(3, 2);
        c.factors.values = {0, 1, 2, 0, 1, 1};
        c.factorNames = {"shape", "position"};
        const std::string path = m_dir.filePath("round.h5").toStdString();
        c.write(path);
        const auto back = io::CodesFile::read(path);
        QCOMPARE(back.codes.values, c.codes.values);
        QCOMPARE(back.factors.values, c.factors.values);
        QCOMPARE(back.factorNames, c.factorNames);
        // The h5py-written fixture (float32 codes, names attribute as h5py writes strings) loads too.
        const auto h5py = io::CodesFile::read(fixture("good.h5").toStdString());
        QCOMPARE(h5py.codes.rows, 1500);
        QCOMPARE(h5py.factorNames, (std::vector<std::string>{"shape", "scale", "posX"}));
        // Integer codes (class indices) are read as doubles.
        const std::string ints = m_dir.filePath("int-codes.h5").toStdString();
        {
            H5::H5File f(ints, H5F_ACC_TRUNC);
            const hsize_t dims[2] = {2, 2};
            const std::int64_t values[4] = {0, 3, 2, 1};
            f.createDataSet("codes", H5::PredType::STD_I64LE, H5::DataSpace(2, dims)).write(values, H5::PredType::NATIVE_INT64);
            f.createDataSet("factors", H5::PredType::STD_I64LE, H5::DataSpace(2, dims)).write(values, H5::PredType::NATIVE_INT64);
        }
        QCOMPARE(io::CodesFile::read(ints).codes.values, (std::vector<double>{0, 3, 2, 1}));
        // A write that cannot happen is one sentence and leaves nothing behind.
        const QString missingDir = m_dir.filePath("no-such-dir/codes.h5");
        try {
            c.write(missingDir.toStdString());
            QFAIL("writing into a missing directory succeeded");
        } catch (const LatentLabError& e) {
            QVERIFY2(QString(e.what()).startsWith("Cannot write codes file"), e.what());
        }
        QVERIFY(QDir(m_dir.filePath("no-such-dir")).entryList(QDir::Files).isEmpty());
    }

    void badCodesFiles_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expectedText");
        QTest::newRow("missing file") << "missing"
                                      << "does not exist";
        QTest::newRow("not hdf5") << "text"
                                  << "not an HDF5 file";
        QTest::newRow("no codes") << "nocodes"
                                  << "no dataset '/codes'";
        QTest::newRow("rank 1 codes") << "rank1"
                                      << "rank 1";
        QTest::newRow("row mismatch") << "rows"
                                      << "rows";
        QTest::newRow("NaN code") << "nan"
                                  << "non-finite";
        QTest::newRow("negative class") << "negative"
                                        << "negative class";
        QTest::newRow("float factors") << "floatfactors"
                                       << "element type";
        QTest::newRow("empty") << "empty"
                               << "empty";
    }

    void badCodesFiles()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expectedText);
        const std::string path = m_dir.filePath("bad-" + kind + ".h5").toStdString();
        if (kind == "text") {
            QFile f(QString::fromStdString(path));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("codes,factors\n1,2\n");
        } else if (kind != "missing") {
            H5::H5File f(path, H5F_ACC_TRUNC);
            const hsize_t rows = kind == "empty" ? 0 : 4;
            const hsize_t cd[2] = {rows, 2}, fd[2] = {kind == "rows" ? rows + 1 : rows, 1}, one[1] = {rows};
            std::vector<double> c(8, 0.5);
            std::vector<std::int64_t> k(5, 1);
            if (kind == "nan")
                c[5] = std::nan("");
            if (kind == "negative")
                k[2] = -1;
            if (kind != "nocodes") {
                if (kind == "rank1")
                    f.createDataSet("codes", H5::PredType::IEEE_F64LE, H5::DataSpace(1, one)).write(c.data(), H5::PredType::NATIVE_DOUBLE);
                else
                    f.createDataSet("codes", H5::PredType::IEEE_F64LE, H5::DataSpace(2, cd)).write(c.data(), H5::PredType::NATIVE_DOUBLE);
            }
            if (kind == "floatfactors")
                f.createDataSet("factors", H5::PredType::IEEE_F64LE, H5::DataSpace(2, fd)).write(c.data(), H5::PredType::NATIVE_DOUBLE);
            else
                f.createDataSet("factors", H5::PredType::STD_I64LE, H5::DataSpace(2, fd)).write(k.data(), H5::PredType::NATIVE_INT64);
        }
        try {
            io::CodesFile::read(path);
            QFAIL("a bad codes file was accepted");
        } catch (const LatentLabError& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(QString::fromStdString(path)) && message.contains(expectedText), qPrintable(message));
        }
        // The CLI says the same in one stderr line and exits 1.
        const CliRun r = cli({"metrics", "--codes", QString::fromStdString(path), "--train", "2", "--json"});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY(r.out.isEmpty());
    }

    // ---- the CLI contract (docs/design/file-formats.md#metrics-json) ----
    void cliContract()
    {
        const CliRun r = cli({"metrics", "--codes", fixture("binary_dup_const.h5"), "--train", "1000", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QStringList keys{"mig",
                               "sap",
                               "dci_disentanglement",
                               "dci_completeness",
                               "dci_informativeness_train",
                               "dci_informativeness_test",
                               "modularity",
                               "explicitness_train",
                               "explicitness_test",
                               "excluded_factors"};
        QStringList got = o.keys();
        QStringList want = keys;
        got.sort();
        want.sort();
        QCOMPARE(got, want);
        QCOMPARE(o.value("excluded_factors").toArray(), QJsonArray{1});
        const QJsonObject e = expected("binary_dup_const");
        QVERIFY(std::abs(o.value("mig").toDouble() - e.value("mig").toDouble()) < 1e-6);

        const CliRun some = cli({"metrics", "--codes", fixture("good.h5"), "--train", "1000", "--metrics", "mig,modularity", "--json"});
        QCOMPARE(QJsonDocument::fromJson(some.out.toUtf8()).object().keys(), (QStringList{"excluded_factors", "mig", "modularity"}));
        const CliRun text = cli({"metrics", "--codes", fixture("good.h5"), "--train", "1000", "--metrics", "mig"});
        QVERIFY(text.code == 0 && text.out.contains("MIG"));

        for (const QStringList& bad :
             {QStringList{"metrics", "--codes", fixture("good.h5"), "--train", "1500"},
              QStringList{"metrics", "--codes", fixture("good.h5"), "--train", "x"}, QStringList{"metrics", "--codes", fixture("good.h5")},
              QStringList{"metrics", "--codes", fixture("good.h5"), "--train", "10", "--metrics", "foo"}}) {
            const CliRun b = cli(bad);
            QVERIFY2(b.code == 1 && b.err.trimmed().count('\n') == 0 && !b.err.isEmpty(), qPrintable(bad.join(' ') + ": " + b.err));
        }
    }

    // ---- the metric registry (docs/design/metrics.md#metric-registry) ----
    void registeredMetricReachesEveryReader_data()
    {
        // One row per registered metric: a new entry is checked without touching this test.
        QTest::addColumn<QString>("name");
        for (const auto& m : MetricRegistry::all())
            QTest::newRow(m.name.c_str()) << QString::fromStdString(m.name);
    }

    void registeredMetricReachesEveryReader()
    {
        QFETCH(QString, name);
        const MetricDefinition* m = MetricRegistry::find(name.toStdString());
        QVERIFY(m && !m->title.empty() && !m->description.empty() && !m->resultKeys.empty());
        QVERIFY(m->input == MetricInput::Codes ? m->computeOnCodes && m->codesValues : m->computeOnSampler && m->samplerValues);
        QStringList keys;
        for (const auto& k : m->resultKeys)
            keys << QString::fromStdString(k.key);

        // Help: eval lists every metric with its description, `metrics` the codes metrics.
        const CliRun evalHelp = cli({"eval", "--help"});
        QVERIFY(evalHelp.out.contains(QString::fromStdString(MetricRegistry::names(", ")) + ", or all)"));
        QVERIFY2(
            evalHelp.out.contains(QRegularExpression("\\n  " + name + " +" + QRegularExpression::escape(QString::fromStdString(m->description)))),
            qPrintable(evalHelp.out));
        const CliRun codesHelp = cli({"metrics", "--help"});
        QCOMPARE(codesHelp.out.contains(QRegularExpression("\\n  " + name + " +\\S")), m->input == MetricInput::Codes);

        // The trainer's final_metrics accepts it.
        auto config = train::TrainingConfig::fromPreset("test", data::DatasetLayout::DSprites);
        config.finalMetrics = name.toStdString();
        config.validate();

        // `metrics --metrics NAME` on a codes file: exactly its keys.
        if (m->input == MetricInput::Codes) {
            const CliRun r = cli({"metrics", "--codes", fixture("good.h5"), "--train", "1000", "--metrics", name, "--json"});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QStringList got = QJsonDocument::fromJson(r.out.toUtf8()).object().keys(), want = keys + QStringList{"excluded_factors"};
            got.sort();
            want.sort();
            QCOMPARE(got, want);
        } else {
            QCOMPARE(cli({"metrics", "--codes", fixture("good.h5"), "--train", "1000", "--metrics", name}).code, 1);
        }

        // `eval --metrics NAME` on a copy of the bundled beta-VAE member, tiny sizes: its keys in the run's
        // metrics.json, and the core reader (the runs dashboard's) reads every one back.
        const QString data = m_dir.filePath("registry-d2.h5");
        if (!QFile::exists(data))
            testfiles::generateDsprites(data, "dsprites-v2", 400, 4);
        const QString run = m_dir.filePath("registry-run-" + name),
                      member = QStringLiteral(LATENTLAB_MODELS_DIR "/dsprites-v2-betavae-ensemble/member-000");
        QVERIFY(QDir().mkpath(run));
        for (const char* file : {"checkpoint.pt", "config.json", "summary.json"})
            QVERIFY(QFile::copy(member + "/" + file, run + "/" + file));
        const CliRun e = cli({"eval", "--run", run, "--data", data, "--metrics", name, "--points-train", "200", "--points-test", "100",
                              "--score-points-train", "20", "--score-points-test", "10", "--threads", "2", "--json"});
        QVERIFY2(e.code == 0, qPrintable(e.err));
        QFile saved(run + "/metrics.json");
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray text = saved.readAll();
        const QJsonObject means = QJsonDocument::fromJson(text).object().value("means").toObject();
        for (const QString& key : keys)
            QVERIFY2(means.value(key).isDouble(), qPrintable(key));
        // Provenance: the program, its commit and libraries (docs/design/file-formats.md#provenance).
        const QJsonObject provenance = QJsonDocument::fromJson(text).object().value("provenance").toObject();
        QCOMPARE(provenance.value("software").toString(), QString("LatentLab"));
        QCOMPARE(provenance.value("version").toString(), QString(LATENTLAB_VERSION));
        QVERIFY(!provenance.value("git_commit").toString().isEmpty());
        QVERIFY2(provenance.value("libtorch").toString().startsWith("1."), qPrintable(provenance.value("libtorch").toString()));
        QVERIFY2(provenance.value("hdf5").toString().count('.') == 2, qPrintable(provenance.value("hdf5").toString()));
        const auto read = io::metricsFileScores(nlohmann::json::parse(text.toStdString()));
        QVERIFY(read.count("means"));
        for (const QString& key : keys)
            QVERIFY2(read.at("means").count(key.toStdString()), qPrintable(key));
    }

    /// The matrices behind the scores, read back from a hand-written metrics.json with details
    /// (tests/fixtures/metric-matrices): shapes, values, the kept factors' names, rows named after the
    /// run's layout; a malformed file is one sentence naming what is wrong.
    void metricMatricesFromDetails()
    {
        const std::string runDir = LATENTLAB_FIXTURES_DIR "/metric-matrices/run";
        const auto file = io::MetricMatrices::readMetricsFile(runDir);
        QVERIFY(io::MetricMatrices::hasDetails(file, "class_codes"));
        auto m = io::MetricMatrices::fromJson(file, "class_codes");
        QCOMPARE(m.codes, std::int64_t(2));
        QCOMPARE(m.factorNames, (std::vector<std::string>{"shape", "position"}));
        QCOMPARE(int(m.matrices.size()), 3);
        QCOMPARE(m.matrices[0].key, std::string("dci_importance"));
        QCOMPARE(m.matrices[1].key, std::string("mig_mutual_information"));
        QCOMPARE(m.matrices[2].key, std::string("sap_score_matrix"));
        QCOMPARE(m.matrices[0].values.rows, std::int64_t(2));
        QCOMPARE(m.matrices[0].values.cols, std::int64_t(2));
        QCOMPARE(m.matrices[0].values(0, 1), 0.2); // row = code, column = factor
        QCOMPARE(m.matrices[1].values(1, 1), 2.0);
        QCOMPARE(m.matrices[2].values(1, 0), 0.25);
        QCOMPARE(m.codeNames[1], std::string("code 1"));
        m.withLayout(io::MetricMatrices::runLayout(runDir));
        QCOMPARE(m.codeNames, (std::vector<std::string>{"shape", "position"}));
        QCOMPARE(m.codePlaces[1].partition, 1);

        // "means": a row per latent dimension (partition_dim 2), one kept factor (position), no SAP.
        auto means = io::MetricMatrices::fromJson(file, "means");
        QCOMPARE(means.codes, std::int64_t(4));
        QCOMPARE(means.factorNames, std::vector<std::string>{"position"});
        QCOMPARE(means.factorIndices, std::vector<std::int64_t>{1});
        QCOMPARE(int(means.matrices.size()), 2);
        QCOMPARE(means.matrices[1].values(3, 0), 0.0625);
        means.withLayout(io::MetricMatrices::runLayout(runDir));
        QCOMPARE(means.codeNames[3],
                 std::string("position\xc2\xb7"
                             "1"));
        QCOMPARE(means.codePlaces[3].partition, 1);
        QCOMPARE(means.codePlaces[3].dim, 1);
        QCOMPARE(means.codePlaces[1].partition, 0);

        // Without details: no matrices, and asking for them says how to get them.
        nlohmann::json plain = file;
        plain["class_codes"].erase("details");
        QVERIFY(!io::MetricMatrices::hasDetails(plain, "class_codes"));
        const auto sentence = [](const nlohmann::json& j, const std::string& representation) {
            try {
                io::MetricMatrices::fromJson(j, representation);
            } catch (const LatentLabError& e) {
                return std::string(e.what());
            }
            return std::string();
        };
        QCOMPARE(sentence(plain, "class_codes"),
                 std::string("metrics.json's class_codes has no matrices; compute the metrics with `latentlab-cli eval --metrics all --details`."));
        nlohmann::json shortRow = file;
        shortRow["class_codes"]["details"]["dci_importance"][1] = {0.1};
        QCOMPARE(sentence(shortRow, "class_codes"),
                 std::string("metrics.json's class_codes dci_importance row 1 does not have 2 numbers (one per scored factor)."));
        nlohmann::json fewRows = file;
        fewRows["means"]["details"]["mig_mutual_information"].erase(0);
        QCOMPARE(sentence(fewRows, "means"),
                 std::string("metrics.json's means mig_mutual_information has 3 rows; expected 4 (one per code dimension)."));
        nlohmann::json badFactor = file;
        badFactor["means"]["details"]["kept_factors"] = {5};
        QCOMPARE(sentence(badFactor, "means"), std::string("metrics.json's means kept_factors holds 5; expected an index into factor_names (0..1)."));
        nlohmann::json text = file;
        text["class_codes"]["details"]["sap_score_matrix"][0][0] = "high";
        QCOMPARE(sentence(text, "class_codes"), std::string("metrics.json's class_codes sap_score_matrix row 0 holds a value that is not a number."));
        QTemporaryDir empty;
        try {
            io::MetricMatrices::readMetricsFile(empty.path().toStdString());
            QFAIL("a run without metrics.json was read");
        } catch (const LatentLabError& e) {
            QVERIFY2(QString(e.what()).contains("has no metrics.json; compute it with `latentlab-cli eval --run"), e.what());
        }
    }

    void registryDashboardKeysAreResultKeys()
    {
        const auto all = MetricRegistry::resultKeys();
        const auto dashboard = MetricRegistry::dashboardKeys();
        QVERIFY(!dashboard.empty());
        for (const auto& key : dashboard)
            QVERIFY2(std::find(all.begin(), all.end(), key) != all.end(), key.c_str());
        QVERIFY(!MetricRegistry::find("all")); // "all" stays the word for every metric
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
