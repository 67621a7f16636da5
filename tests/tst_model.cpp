// Model pieces: module shapes, mixture prior fit / fallback / jitter / likelihood / sampling,
// Relational Learner routing, checkpoint round trips.
#include <torch/torch.h>

#include "common/LatentLabError.h"
#include "data/DatasetVersionCatalog.h"
#include "model/MixturePrior.h"
#include "model/RelationalAutoEncoder.h"
#include "train/TrainingCheckpoint.h"

#include <QtTest>

using namespace latentlab;
using namespace latentlab::model;

namespace {
const data::DatasetVersion& v2() { return data::DatasetVersionCatalog::builtin().version("dsprites-v2"); }

RelationalAutoEncoder smallModel(const LatentLayout& layout, int64_t filters = 8, int64_t channels = 1, bool perPartition = false,
                                 bool fullCode = false)
{
    RelationalAutoEncoderOptions o;
    o.channels = channels;
    o.filters = filters;
    o.mlpHidden = 32;
    o.discriminatorPerPartition = perPartition;
    o.relationalFullCodeInput = fullCode;
    return RelationalAutoEncoder(layout, o);
}
} // namespace

class TestModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::manual_seed(1); }

    void layouts()
    {
        const auto mae = LatentLayout::modular(v2(), 8);
        QCOMPARE(mae.codeDim, 16);
        QCOMPARE(int(mae.partitions.size()), 2);
        QCOMPARE(mae.partitions[1].offset, 8);
        QCOMPARE(mae.partitions[1].numComponents, int64_t(9));
        QCOMPARE(int(mae.relations.size()), 5);
        QCOMPARE(mae.relations[mae.relationIndex("change-shape")].partition, 0);
        QCOMPARE(mae.relations[mae.relationIndex("move-left")].partition, 1);

        const auto abs = LatentLayout::joint(v2(), 8);
        QCOMPARE(abs.codeDim, 8);
        QCOMPARE(int(abs.partitions.size()), 1);
        QCOMPARE(abs.partitions[0].numComponents, int64_t(27));
        // AbsAE relations act on the combination index 9·shape + position, like the reference tables.
        const auto& left = abs.relations[abs.relationIndex("move-left")].componentMap;
        const auto& posLeft = v2().relation("move-left").map;
        for (int64_t shape = 0; shape < 3; ++shape)
            for (int64_t pos = 0; pos < 9; ++pos)
                QCOMPARE(left[static_cast<std::size_t>(9 * shape + pos)], 9 * shape + posLeft[static_cast<std::size_t>(pos)]);
        const auto& shapeMap = abs.relations[abs.relationIndex("change-shape")].componentMap;
        QCOMPARE(shapeMap[9 * 2 + 4], int64_t(4)); // heart -> square, position kept
        QCOMPARE(abs.componentsOf({2, 4}), std::vector<int64_t>{22});
        QCOMPARE(abs.valuesOf({22}), (std::vector<int64_t>{2, 4}));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, modelKindFromName("vae"));
    }

    void moduleShapes_data()
    {
        QTest::addColumn<int>("channels");
        QTest::addColumn<bool>("perPartition");
        QTest::addColumn<bool>("fullCode");
        QTest::newRow("dsprites, one discriminator") << 1 << false << false;
        QTest::newRow("rgb, per-partition discriminators, full-code ReL") << 3 << true << true;
    }

    void moduleShapes()
    {
        QFETCH(int, channels);
        QFETCH(bool, perPartition);
        QFETCH(bool, fullCode);
        const auto layout = LatentLayout::modular(data::DatasetVersionCatalog::builtin().version("dsprites-v3"), 8);
        auto m = smallModel(layout, 8, channels, perPartition, fullCode);
        const auto x = torch::rand({5, channels, 64, 64});
        const auto out = m->forward(x);
        QCOMPARE(out.code.sizes().vec(), (std::vector<int64_t>{5, 24}));
        QCOMPARE(out.logits.sizes().vec(), (std::vector<int64_t>{5, channels, 64, 64}));
        QCOMPARE(m->discriminator->forward(out.code).sizes().vec(), (std::vector<int64_t>{5, perPartition ? 3 : 1}));
        QCOMPARE(m->relational->inputDim(), int64_t((fullCode ? 24 : 8) + 7));
        const auto rel = m->relational->apply(out.code, layout.relationIndex("bigger"), layout);
        QCOMPARE(rel.partition.sizes().vec(), (std::vector<int64_t>{5, 8}));
        QCOMPARE(rel.code.sizes().vec(), (std::vector<int64_t>{5, 24}));
        QVERIFY(m->architectureSignature().find(perPartition ? "disc=per-partition" : "disc=full") != std::string::npos);
    }

    void relationLeavesOtherPartitionsBitIdentical()
    {
        const auto layout = LatentLayout::modular(data::DatasetVersionCatalog::builtin().version("dsprites-v3"), 8);
        auto m = smallModel(layout);
        const auto code = torch::randn({64, 24});
        for (int r = 0; r < int(layout.relations.size()); ++r) {
            const auto out = m->relational->apply(code, r, layout).code;
            const auto& part = layout.partitions[static_cast<std::size_t>(layout.relations[static_cast<std::size_t>(r)].partition)];
            for (const auto& other : layout.partitions) {
                const bool same = torch::equal(out.narrow(1, other.offset, other.dim), code.narrow(1, other.offset, other.dim));
                QCOMPARE(same, other.offset != part.offset); // only the target partition changes
            }
        }
        QVERIFY_THROWS_EXCEPTION(LatentLabError, m->relational->makeInput(torch::zeros({1, 8}), 7));
    }

    void priorRecoversKnownClusters()
    {
        // Partition 0 (shape, 3 components) and 1 (position, 9): well-separated Gaussian clusters with
        // known means and a per-component diagonal covariance.
        const auto layout = LatentLayout::modular(v2(), 8);
        const int64_t perComponent = 4000;
        std::vector<torch::Tensor> codes, labels;
        std::vector<torch::Tensor> mu0, mu1;
        for (int64_t s = 0; s < 3; ++s)
            mu0.push_back(torch::full({8}, 4.0 * s) + torch::arange(8) * 0.1);
        for (int64_t p = 0; p < 9; ++p)
            mu1.push_back(torch::full({8}, -3.0 * p));
        const double sigma = 0.5;
        for (int64_t s = 0; s < 3; ++s)
            for (int64_t p = 0; p < 9; ++p) {
                const auto z0 = mu0[s] + sigma * torch::randn({perComponent / 9, 8});
                const auto z1 = mu1[p] + (0.2 + 0.1 * p) * torch::randn({perComponent / 9, 8});
                codes.push_back(torch::cat({z0, z1}, 1));
                labels.push_back(torch::tensor({s, p}, torch::kInt64).repeat({perComponent / 9, 1}));
            }
        MixturePrior prior(layout, MixturePriorOptions{});
        const auto report = prior.fit(torch::cat(codes, 0), torch::cat(labels, 0));
        QVERIFY(report.fallbacks.empty());
        QVERIFY(report.summary(layout).find("All 12") != std::string::npos);
        for (int64_t s = 0; s < 3; ++s) {
            QVERIFY(torch::allclose(prior.means(0)[s], mu0[s], 0, 0.05));
            // Σ = 0.1·cov + 1e-4·I with cov = σ²·I.
            const auto expected = torch::eye(8) * (0.1 * sigma * sigma + 1e-4);
            QVERIFY(torch::allclose(prior.covariances(0)[s], expected, 0, 0.004));
        }
        for (int64_t p = 0; p < 9; ++p) {
            const double sd = 0.2 + 0.1 * p;
            const double n = static_cast<double>(prior.counts(1)[p].item<int64_t>());
            QVERIFY(torch::allclose(prior.means(1)[p], mu1[p], 0, 4.0 * sd / std::sqrt(n))); // 4 standard errors
            QVERIFY(torch::allclose(prior.covariances(1)[p].diagonal(), torch::full({8}, 0.1 * sd * sd + 1e-4), 0, 0.002 + 0.02 * sd * sd));
        }
        QCOMPARE(prior.counts(0)[1].item<int64_t>(), int64_t(9 * (perComponent / 9)));

        // Log-likelihood agrees with the closed form in double precision.
        const auto z = torch::randn({6, 8}) + mu1[4];
        const auto ll = prior.logLikelihood(1, z);
        QCOMPARE(ll.sizes().vec(), (std::vector<int64_t>{6, 9}));
        for (int64_t v : {0, 4, 8}) {
            const auto S = prior.covariances(1)[v].to(torch::kFloat64);
            const auto d = z.to(torch::kFloat64) - prior.means(1)[v].to(torch::kFloat64);
            const auto maha = (d.mm(torch::linalg::inv(S)) * d).sum(1);
            const auto expected = -0.5 * maha - 0.5 * (8 * std::log(2 * M_PI) + torch::logdet(S));
            QVERIFY(torch::allclose(ll.select(1, v).to(torch::kFloat64), expected, 1e-4, 1e-3));
        }
        // Samples of each component are classified back to it; the joint prior is uniform over components.
        const auto comps = torch::arange(9, torch::kInt64).repeat({50});
        const auto zs = prior.sampleComponents(1, comps);
        QVERIFY(prior.logLikelihood(1, zs).argmax(1).eq(comps).all().item<bool>());
        const auto joint = prior.sample(9000);
        QCOMPARE(joint.sizes().vec(), (std::vector<int64_t>{9000, 16}));
        const auto cls = prior.classify(joint);
        const auto freq = torch::bincount(cls.select(1, 1), {}, 9).to(torch::kFloat64) / 9000.0;
        QVERIFY2((freq - 1.0 / 9).abs().max().item<double>() < 0.025, "joint prior is not a uniform mixture");
    }

    void fallbackAndJitter()
    {
        const auto layout = LatentLayout::modular(v2(), 8);
        // Shape 0: 3 samples (fewer than the 8 dims: singular covariance, rescued by the jitter);
        // shape 1: one sample (fallback); shape 2: none (fallback). Position 0 only.
        auto codes = torch::randn({4, 16});
        auto labels = torch::tensor({0, 0, 0, 0, 0, 0, 1, 0}, torch::kInt64).view({4, 2});
        MixturePrior prior(layout, MixturePriorOptions{});
        const auto report = prior.fit(codes, labels);
        QCOMPARE(int(report.fallbacks.size()), 2 + 8); // shapes 1 and 2, positions 1..8
        QCOMPARE(report.fallbacks[0].component, int64_t(1));
        QCOMPARE(report.fallbacks[0].samples, int64_t(1));
        QVERIFY(report.summary(layout).find("use N(0, I)") != std::string::npos);
        QVERIFY(torch::equal(prior.means(0)[2], torch::zeros({8})));
        QVERIFY(torch::equal(prior.covariances(0)[2], torch::eye(8)));
        const auto eig = torch::linalg::eigvalsh(prior.covariances(0)[0].to(torch::kFloat64), "L");
        QVERIFY(eig.min().item<double>() >= 1e-4 * 0.99); // positive definite thanks to the jitter
        QVERIFY(torch::isfinite(prior.logLikelihood(0, torch::randn({3, 8}))).all().item<bool>());
        // The reference code's bug, reproducible on request: every joint sample from component 0.
        MixturePriorOptions zero;
        zero.sampleComponentZero = true;
        MixturePrior bugged(layout, zero);
        bugged.fit(codes, labels);
        QVERIFY(bugged.classify(bugged.sample(200)).select(1, 0).eq(0).all().item<bool>());
        // Shape errors are sentences, not crashes.
        QVERIFY_THROWS_EXCEPTION(LatentLabError, prior.fit(torch::zeros({4, 15}), labels));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, prior.fit(codes, torch::full({4, 2}, 9, torch::kInt64)));
        MixturePrior unfitted(layout, MixturePriorOptions{});
        QVERIFY_THROWS_EXCEPTION(LatentLabError, unfitted.sample(3));
        // Warm-up prior: U(−1, 1) by default.
        const auto w = sampleWarmupPrior(4000, 16, false);
        QVERIFY(w.min().item<double>() >= -1.0 && w.max().item<double>() <= 1.0);
        QVERIFY(std::abs(w.var().item<double>() - 1.0 / 3.0) < 0.02);
    }

    void checkpointRoundTrip()
    {
        const QTemporaryDir dir;
        const auto layout = LatentLayout::modular(v2(), 8);
        auto a = smallModel(layout);
        MixturePrior prior(layout, MixturePriorOptions{});
        prior.fit(torch::randn({300, 16}), torch::stack({torch::randint(3, {300}), torch::randint(9, {300})}, 1).to(torch::kInt64));
        const std::string path = dir.filePath("ck.pt").toStdString();
        train::TrainingCounters counters{123, 4, 5, true};
        train::TrainingCheckpoint::save(path, a, nullptr, prior, counters);

        torch::manual_seed(99); // different initial weights
        auto b = smallModel(layout);
        MixturePrior loaded(layout, MixturePriorOptions{});
        const auto got = train::TrainingCheckpoint::load(path, b, nullptr, loaded, false);
        QCOMPARE(got.globalStep, int64_t(123));
        QCOMPARE(got.stepInEpoch, int64_t(5));
        QVERIFY(got.priorFitted);
        a->eval();
        b->eval();
        const auto x = torch::rand({3, 1, 64, 64});
        QVERIFY(torch::equal(a->forward(x).logits, b->forward(x).logits)); // identical outputs
        QVERIFY(torch::equal(loaded.means(1), prior.means(1)));
        const auto z = torch::randn({4, 16});
        QVERIFY(torch::equal(loaded.classify(z), prior.classify(z)));

        // Another architecture: one sentence naming both signatures.
        auto wide = smallModel(layout, 16);
        try {
            train::TrainingCheckpoint::load(path, wide, nullptr, loaded, false);
            QFAIL("loaded a checkpoint of another architecture");
        } catch (const LatentLabError& e) {
            QVERIFY2(QString(e.what()).contains("different architecture") && QString(e.what()).contains("nf=16"), e.what());
        }
        QFile junk(dir.filePath("junk.pt"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a zip archive");
        junk.close();
        QVERIFY_THROWS_EXCEPTION(LatentLabError, train::TrainingCheckpoint::load(junk.fileName().toStdString(), b, nullptr, loaded, false));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, train::TrainingCheckpoint::load(dir.filePath("none.pt").toStdString(), b, nullptr, loaded, false));
    }
};

QTEST_GUILESS_MAIN(TestModel)
#include "tst_model.moc"
