// The real-image training terms and evaluations (docs/design/model-quality.md) on tiny data, in seconds:
// each term does what it claims (the anchor's gradient reaches the encoder, the cycle's only the
// decoder; step re-fits and the shared covariance change the prior as specified; a constant
// discriminator is flagged), the new evaluation fields are written and read back, a tiny anchored run
// classifies held-back images, and the reference schedule trains exactly as it did before these terms.
#include <torch/torch.h>

#include "common/LatentLabError.h"
#include "data/DatasetGenerator.h"
#include "io/RunHistory.h"
#include "train/DecodeReencodeCycle.h"
#include "train/DiscriminatorHealth.h"
#include "train/ModelEvaluator.h"
#include "train/ModelFactory.h"
#include "train/RealImageEvaluator.h"
#include "train/RunDirectory.h"
#include "train/TrainedRun.h"
#include "train/NearestImageJudge.h"
#include "train/Trainer.h"
#include "train/TrainerFaults.h"
#include "train/TrainingData.h"

#include "TestCli.h"

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace latentlab;
using namespace latentlab::train;

namespace {

// The reference schedule (`test` preset, the code path of `paper`): epochs 3, seed 7, 2 threads, the
// 640-row dsprites-v2 file of initTestCase (`latentlab-cli train --data tiny.h5 --preset test --epochs 3
// --seed 7`, tiny.h5 from `dataset generate --kind dsprites --version dsprites-v2 --rows 640 --seed 3`).
// Bit-for-bit figures depend on the CPU: the same build gives the same first loss on an Intel and an AMD
// machine, but rounding in the BLAS and convolution kernels differs, and after 96 steps the final BCE
// differs by 1 % (0.2769 recorded with f1eb4a0 on the earlier machine, 0.2745 on an AMD EPYC). So the
// first eight steps are pinned tightly (a changed loss term, step order or random draw moves them by
// far more than rounding does), and the end of the run loosely. Recorded on the AMD EPYC with d988400,
// whose reference path had been checked bit-identical to f1eb4a0's.
constexpr double GOLDEN_REC[8] = {0.7401430606842041, 0.7290118932723999, 0.7208693027496338, 0.7116915583610535,
                                  0.7041332721710205, 0.6969677209854126, 0.6899489164352417, 0.6837804317474365};
constexpr double GOLDEN_DIS[8] = {0.13935239613056183, 0.13940350711345673, 0.14028719067573547, 0.14005109667778015,
                                  0.14108003675937653, 0.1406055986881256,  0.14040403068065643, 0.1402406543493271};
constexpr double GOLDEN_RECN = 0.284030020236969, GOLDEN_DISN = 0.1363414078950882, GOLDEN_REL = 0.134375, GOLDEN_BCE = 0.27447521686553955;

bool anyNonZeroGradient(torch::nn::Module& m)
{
    for (const auto& p : m.parameters())
        if (p.grad().defined() && p.grad().abs().sum().item<double>() > 0)
            return true;
    return false;
}

QJsonObject summaryOf(const std::string& runDir)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(RunDirectory(runDir).readSummary())).object();
}

} // namespace

class TestModelQuality : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string m_data;

    std::string dir(const char* name) const { return m_dir.filePath(name).toStdString(); }
    /// The `test` preset (reference terms only) on the tiny file: 512 training images, 32 steps/epoch.
    TrainingConfig config(int epochs = 3) const
    {
        auto c = TrainingConfig::fromPreset("test", data::DatasetLayout::DSprites);
        c.model = latentlab::model::ModelKind::ModularAutoEncoder;
        c.dataFile = m_data;
        c.version = "dsprites-v2";
        c.epochs = epochs;
        c.warmupEpochs = 1;
        c.setSeed(7);
        c.device = "cpu";
        return c;
    }
    /// A model with a prior fitted on its (untrained) encodings of the labelled images.
    struct Fitted {
        model::LatentLayout layout;
        model::RelationalAutoEncoder model{nullptr};
        model::MixturePrior prior;
        std::unique_ptr<TrainingData> data;
    };
    Fitted fitted() const
    {
        torch::manual_seed(11);
        const auto c = config();
        Fitted f;
        f.layout = ModelFactory::layout(c);
        f.data = std::make_unique<TrainingData>(TrainingData::load(c, f.layout));
        f.model = ModelFactory::network(c, f.layout, 1);
        f.prior = ModelFactory::prior(c, f.layout);
        const auto& rows = f.data->labelledRows();
        f.prior.fit(ModelEvaluator::encodeRows(f.model, *f.data, rows), f.data->components(rows, f.layout));
        f.model->train();
        return f;
    }

private Q_SLOTS:
    void initTestCase()
    {
        data::DatasetGenerationRequest req;
        req.kind = data::DatasetLayout::DSprites;
        req.version = "dsprites-v2";
        req.rows = 640;
        req.seed = 3;
        req.outPath = dir("d2.h5");
        data::DatasetGenerator::generate(req);
        m_data = req.outPath;
    }

    void posteriorCrossEntropyByHand()
    {
        // One partition of 1 dimension, two components fitted from 2 + 2 codes: means 0 and 2, per-component
        // variance 0.5 (unbiased) at scale 1, jitter 0. For z = 0.5: log N(0.5; 0, 0.5) and log N(0.5; 2, 0.5).
        model::LatentLayout layout;
        layout.partitions = {{"f", 0, 1, 2, {"a", "b"}}};
        layout.codeDim = 1;
        model::MixturePriorOptions o;
        o.covarianceScale = 1.0;
        o.jitter = 0.0;
        model::MixturePrior prior(layout, o);
        prior.fit(torch::tensor({-0.5f, 0.5f, 1.5f, 2.5f}).unsqueeze(1), torch::tensor({0, 0, 1, 1}, torch::kInt64).unsqueeze(1));
        const auto z = torch::tensor({0.5f}).unsqueeze(1).requires_grad_(true);
        const auto ll = prior.logLikelihoodDifferentiable(0, z);
        const double norm = -0.5 * std::log(2 * M_PI * 0.5);
        QVERIFY(std::fabs(ll[0][0].item<double>() - (norm - 0.25)) < 1e-5); // (0.5)² / (2·0.5)
        QVERIFY(std::fabs(ll[0][1].item<double>() - (norm - 2.25)) < 1e-5); // (1.5)² / (2·0.5)
        QVERIFY(torch::allclose(ll.detach(), prior.logLikelihood(0, z)));
        // Cross-entropy against component 1: −log(e^{−2.25} / (e^{−0.25} + e^{−2.25})) = log(1 + e²).
        const auto ce = prior.posteriorCrossEntropy(z, torch::tensor({1}, torch::kInt64).unsqueeze(1));
        QVERIFY(std::fabs(ce.item<double>() - std::log(1 + std::exp(2.0))) < 1e-5);
        ce.backward();
        // d/dz: the posterior moves z towards component 1's mean: the gradient is negative.
        QVERIFY(z.grad().item<double>() < 0);
    }

    void sharedCovarianceIsThePooledWithinComponentCovariance()
    {
        // Two 2-D components, three codes each; pooled covariance = (S_a + S_b) / (6 − 2), S the scatter.
        model::LatentLayout layout;
        layout.partitions = {{"f", 0, 2, 2, {"a", "b"}}};
        layout.codeDim = 2;
        model::MixturePriorOptions o;
        o.covarianceScale = 1.0;
        o.jitter = 0.0;
        o.sharedCovariance = true;
        model::MixturePrior prior(layout, o);
        const auto codes = torch::tensor({0.f, 0.f, 1.f, 0.f, 2.f, 3.f, 10.f, 10.f, 10.f, 12.f, 13.f, 11.f}).reshape({6, 2});
        prior.fit(codes, torch::tensor({0, 0, 0, 1, 1, 1}, torch::kInt64).unsqueeze(1));
        // Component a: mean (1, 1); deviations (−1,−1), (0,−1), (1, 2): scatter [[2, 3], [3, 6]].
        // Component b: mean (11, 11); deviations (−1,−1), (−1, 1), (2, 0): scatter [[6, 0], [0, 2]].
        const auto expected = torch::tensor({8.f / 4, 3.f / 4, 3.f / 4, 8.f / 4}).reshape({2, 2});
        QVERIFY(torch::allclose(prior.covariances(0)[0], expected, 1e-5, 1e-6));
        QVERIFY(torch::allclose(prior.covariances(0)[1], expected, 1e-5, 1e-6));
        QVERIFY(torch::allclose(prior.means(0)[1], torch::tensor({11.f, 11.f})));
        // Scale 1 keeps the clusters' size through a re-fit on codes drawn from the prior itself.
        torch::manual_seed(5);
        const auto comps = torch::arange(2, torch::kInt64).repeat({4000});
        const auto resampled = prior.sampleComponents(0, comps);
        model::MixturePrior refit(layout, o);
        refit.fit(resampled, comps.unsqueeze(1));
        QVERIFY(torch::allclose(refit.covariances(0)[0], expected, 0.1, 0.1));
    }

    void anchorGradientReachesTheEncoder()
    {
        auto f = fitted();
        const std::vector<std::int64_t> rows(f.data->labelledRows().begin(), f.data->labelledRows().begin() + 16);
        const auto codes = f.model->encode(f.data->batch(rows));
        const auto ce = f.prior.posteriorCrossEntropy(codes, f.data->components(rows, f.layout));
        f.model->zero_grad();
        ce.backward();
        QVERIFY(std::isfinite(ce.item<double>()) && ce.item<double>() > 0);
        QVERIFY2(anyNonZeroGradient(*f.model->encoder), "the anchor's gradient does not reach the encoder");
        QVERIFY(!anyNonZeroGradient(*f.model->decoder));
    }

    void cycleGradientReachesOnlyTheDecoder()
    {
        auto f = fitted();
        std::vector<torch::Tensor> statsBefore;
        for (const auto& b : f.model->encoder->buffers())
            statsBefore.push_back(b.clone());
        f.model->zero_grad();
        const auto loss = DecodeReencodeCycle::loss(f.model, f.prior, 12, torch::kCPU);
        loss.backward();
        QVERIFY(std::isfinite(loss.item<double>()) && loss.item<double>() > 0);
        QVERIFY2(anyNonZeroGradient(*f.model->decoder), "the cycle's gradient does not reach the decoder");
        QVERIFY2(!anyNonZeroGradient(*f.model->encoder), "the cycle's gradient reached the encoder's weights");
        // The judge ran in eval mode: the encoder's batch-norm statistics did not see the decoded images.
        std::size_t i = 0;
        for (const auto& b : f.model->encoder->buffers())
            QVERIFY(torch::equal(b, statsBefore.at(i++)));
        // And it is handed back as it was: training mode, trainable.
        QVERIFY(f.model->encoder->is_training());
        for (const auto& p : f.model->encoder->parameters())
            QVERIFY(p.requires_grad());
    }

    void recombinedPartitionsKeepEachBlockWithItsComponent()
    {
        // Two partitions of 2 and 3 dims; row i's blocks are (i, i) and (100 + i, ...), its components
        // (i mod 3, i mod 4). After recombination each block of row r is some row's whole block with that
        // row's component, every source row is used once per partition, and the partitions are shuffled
        // independently (some row mixes two source images).
        model::LatentLayout layout;
        layout.partitions = {{"a", 0, 2, 3, {"a0", "a1", "a2"}}, {"b", 2, 3, 4, {"b0", "b1", "b2", "b3"}}};
        layout.codeDim = 5;
        const std::int64_t m = 12;
        const auto i = torch::arange(m, torch::kFloat32).unsqueeze(1);
        const auto codes = torch::cat({i.repeat({1, 2}), (i + 100).repeat({1, 3})}, 1);
        const auto rows = torch::arange(m, torch::kInt64);
        const auto components = torch::stack({rows.remainder(3), rows.remainder(4)}, 1);
        torch::manual_seed(3);
        const auto r = DecodeReencodeCycle::recombinePartitions(layout, codes, components);
        QCOMPARE(r.codes.sizes(), codes.sizes());
        QCOMPARE(r.components.sizes(), components.sizes());
        std::vector<int> usedA(m, 0), usedB(m, 0);
        bool mixed = false;
        for (std::int64_t k = 0; k < m; ++k) {
            const auto a = static_cast<std::int64_t>(r.codes[k][0].item<float>());
            const auto b = static_cast<std::int64_t>(r.codes[k][2].item<float>()) - 100;
            QVERIFY(torch::equal(r.codes[k].narrow(0, 0, 2), codes[a].narrow(0, 0, 2)));
            QVERIFY(torch::equal(r.codes[k].narrow(0, 2, 3), codes[b].narrow(0, 2, 3)));
            QCOMPARE(r.components[k][0].item<std::int64_t>(), a % 3);
            QCOMPARE(r.components[k][1].item<std::int64_t>(), b % 4);
            ++usedA[static_cast<std::size_t>(a)];
            ++usedB[static_cast<std::size_t>(b)];
            mixed = mixed || a != b;
        }
        QVERIFY(std::all_of(usedA.begin(), usedA.end(), [](int u) { return u == 1; }));
        QVERIFY(std::all_of(usedB.begin(), usedB.end(), [](int u) { return u == 1; }));
        QVERIFY(mixed);
    }

    void cycleOnRecombinedRealCodesReachesOnlyTheDecoder()
    {
        auto f = fitted();
        const std::vector<std::int64_t> rows(f.data->labelledRows().begin(), f.data->labelledRows().begin() + 8);
        // Codes straight from the training encoder, graph attached: the term must not train the encoder
        // through them either.
        const auto codes = f.model->encode(f.data->batch(rows));
        const auto real = DecodeReencodeCycle::recombinePartitions(f.layout, codes, f.data->components(rows, f.layout));
        f.model->zero_grad();
        torch::manual_seed(4);
        const auto loss = DecodeReencodeCycle::loss(f.model, f.prior, 4, torch::kCPU, {}, real.codes, real.components);
        loss.backward();
        QVERIFY(std::isfinite(loss.item<double>()) && loss.item<double>() > 0);
        QVERIFY2(anyNonZeroGradient(*f.model->decoder), "the recombined cycle's gradient does not reach the decoder");
        QVERIFY2(!anyNonZeroGradient(*f.model->encoder), "the recombined cycle's gradient reached the encoder's weights");
        // The real codes are scored: the same draw of prior codes without them gives another loss.
        torch::manual_seed(4);
        const auto priorOnly = DecodeReencodeCycle::loss(f.model, f.prior, 4, torch::kCPU);
        QVERIFY(std::fabs(priorOnly.item<double>() - loss.item<double>()) > 1e-6);
        // A training run with the option records it and trains.
        auto c = config(2);
        c.labelAnchorWeight = 0.1;
        c.cycleWeight = 0.1;
        c.cycleBatch = 4;
        c.cycleRecombined = 4;
        Trainer::run(c, dir("run-recombined"), {});
        QCOMPARE(RunDirectory(dir("run-recombined")).readConfig().cycleRecombined, 4);
        QVERIFY(io::RunHistory::read(dir("run-recombined") + "/run.h5").losses.back().cycle > 0);
    }

    void stepRefitsFollowTheSchedule()
    {
        // Fit at step 32 (end of the warm-up epoch), re-fits before steps 35, 40, ..., 95: 1 + 13 fits.
        auto c = config(3);
        c.priorRefitEverySteps = 5;
        std::int64_t fits = 0;
        Trainer::run(c, dir("run-refit"), [&](const TrainingProgress& p) { fits = std::max(fits, p.priorFits); });
        QCOMPARE(fits, std::int64_t(14));
        QCOMPARE(summaryOf(dir("run-refit")).value("prior_fits_this_session").toInt(), 14);
        // The re-fitted prior is the fit of the encoder at the last re-fit, not the frozen warm-up fit.
        Trainer::run(config(3), dir("run-frozen"));
        auto a = TrainedRun::load(dir("run-refit")), b = TrainedRun::load(dir("run-frozen"));
        QVERIFY(!torch::allclose(a.prior.means(1), b.prior.means(1)));
        QCOMPARE(summaryOf(dir("run-frozen")).value("prior_fits_this_session").toInt(), 1);
    }

    void constantDiscriminatorIsFlagged()
    {
        // Unit: an epoch whose every step sits at weight·ln 2 is a collapse, flagged once; a varying one is not.
        DiscriminatorHealth health(0.2);
        for (int i = 0; i < 10; ++i)
            health.addStep(0.2 * std::log(2.0) + (i % 2 ? 0.05 : -0.03), 0.7);
        QVERIFY(!health.endEpoch(0));
        for (int i = 0; i < 10; ++i)
            health.addStep(0.2 * std::log(2.0) + 1e-5 * i, 0.5);
        const auto warning = health.endEpoch(1);
        QVERIFY(warning && QString::fromStdString(*warning).contains("collapsed in epoch 1"));
        QCOMPARE(health.collapsedEpoch(), std::int64_t(1));
        for (int i = 0; i < 10; ++i)
            health.addStep(0.2 * std::log(2.0), 0.5);
        QVERIFY(!health.endEpoch(2)); // said once

        // In a run: a discriminator held constant is reported and recorded; a live one is not.
        TrainerFaults deadDiscriminator;
        deadDiscriminator.constantDiscriminator = true;
        QStringList messages;
        {
            const TrainerFaults::Scope faults(deadDiscriminator);
            Trainer::run(config(2), dir("run-dead-d"), [&](const TrainingProgress& p) { messages << QString::fromStdString(p.message); });
        }
        QVERIFY2(messages.filter("discriminator has collapsed in epoch 0").size() == 1, qPrintable(messages.join('\n')));
        QCOMPARE(summaryOf(dir("run-dead-d")).value("discriminator_collapsed_epoch").toInt(-1), 0);
        const auto history = io::RunHistory::read(dir("run-dead-d") + "/run.h5");
        QCOMPARE(history.losses.back().discriminatorAccuracy, 0.5); // logit 0 for everything: guessing
        Trainer::run(config(2), dir("run-live-d"));
        QVERIFY(summaryOf(dir("run-live-d")).value("discriminator_collapsed_epoch").isNull());
    }

    void realImageFieldsOfATinyRun()
    {
        auto c = config(3);
        c.labelAnchorWeight = 0.1;
        c.cycleWeight = 0.1;
        c.cycleBatch = 8;
        c.labelAnchorBatch = 8;
        c.reconstructClean = true;
        c.gradientClipNorm = 1.0;
        c.finalMetrics = "mig,sap,dci";
        c.finalMetricsPoints = 400;
        const auto result = Trainer::run(c, dir("run-real"));
        QVERIFY(result.status == latentlab::train::RunStatus::Completed);
        const auto s = summaryOf(dir("run-real"));
        for (const char* key : {"classification", "image_relative_per_relation", "latent_real_per_relation", "partition_purity"})
            QVERIFY2(s.value(key).isObject(), key);
        QCOMPARE(s.value("classification").toObject().keys(), QStringList({"position", "shape"}));
        QCOMPARE(s.value("partition_purity").toObject().value("shape").toObject().size(), 2);
        QCOMPARE(s.value("latent_real_per_relation").toObject().size(), 5);
        for (const auto& v : s.value("classification").toObject())
            QVERIFY(v.toDouble() >= 0 && v.toDouble() <= 1);
        // The loss curves carry the new terms, and run.h5 gives back what the summary says.
        const auto history = io::RunHistory::read(dir("run-real") + "/run.h5");
        QVERIFY(history.losses.back().labelAnchor > 0 && history.losses.back().cycle > 0);
        const auto& e = history.evaluations.back();
        QCOMPARE(int(e.classification.size()), 2);
        QCOMPARE(int(e.purity.size()), 4);
        QCOMPARE(e.classification[0], s.value("classification").toObject().value("shape").toDouble());
        QCOMPARE(e.imageRelativeAccuracy, s.value("image_relative_accuracy").toDouble());
        QCOMPARE(e.latentRealPerRelation[4], s.value("latent_real_per_relation").toObject().value("change-shape").toDouble());
        // The evaluator's image-level figures are the established ones, exactly.
        auto run = TrainedRun::load(dir("run-real"));
        const auto data = TrainingData::load(run.config, run.model->layout());
        const auto real = RealImageEvaluator::evaluate(run.model, run.prior, data, data.testRows(), data.labelledRows());
        const auto image = ModelEvaluator::imageRelationAccuracy(run.model, run.prior, data, data.testRows());
        QCOMPARE(real.image.perRelation, image.perRelation);
        QCOMPARE(real.classification, e.classification);
        // eval --json reports the same figures.
        const auto cli = runCli({"eval", "--run", QString::fromStdString(dir("run-real")), "--json"});
        QCOMPARE(cli.code, 0);
        const auto j = QJsonDocument::fromJson(cli.out.toUtf8()).object();
        QCOMPARE(j.value("classification").toObject().value("position").toDouble(), e.classification[1]);
        QCOMPARE(j.value("partition_purity").toObject().value("position").toObject().value("shape").toDouble(), e.purity[2]);
        // The pixel judge's figures: in run.h5, summary.json and eval --json alike.
        QCOMPARE(int(e.nearestPerRelation.size()), 5);
        QCOMPARE(e.nearestPerRelation, real.nearest.perRelation);
        QCOMPARE(s.value("image_nearest_accuracy").toDouble(), real.nearest.mean);
        QCOMPARE(s.value("image_nearest_per_relation").toObject().value("move-up").toDouble(), real.nearest.perRelation[2]);
        QCOMPARE(j.value("image_nearest_accuracy").toDouble(), real.nearest.mean);
        QCOMPARE(j.value("reconstruction_nearest").toDouble(), e.reconstructionNearest);
        QVERIFY(e.reconstructionNearest >= 0 && e.reconstructionNearest <= 1);
        // The scores written when training ended are the ones `eval --metrics` computes with its default
        // seed on the same number of codes, and summary.json carries the class codes' part of them.
        QFile file(m_dir.filePath("run-real/metrics.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto atEnd = QJsonDocument::fromJson(file.readAll()).object().value("class_codes").toObject();
        file.close();
        QVERIFY(atEnd.value("details").toObject().value("dci_importance").isArray());
        const auto inSummary = s.value("class_code_metrics").toObject();
        QVERIFY(!inSummary.contains("details"));
        const auto later = runCli({"eval", "--run", QString::fromStdString(dir("run-real")), "--json", "--metrics", "mig,sap,dci", "--points-train",
                                   "400", "--points-test", "200"});
        QVERIFY2(later.code == 0, qPrintable(later.err));
        const auto again = QJsonDocument::fromJson(later.out.toUtf8()).object().value("metrics").toObject().value("class_codes").toObject();
        for (const char* key : {"mig", "sap", "dci_disentanglement", "dci_completeness"}) {
            QVERIFY2(atEnd.value(key).isDouble(), key);
            QCOMPARE(atEnd.value(key).toDouble(), again.value(key).toDouble());
            QCOMPARE(inSummary.value(key).toDouble(), atEnd.value(key).toDouble());
        }
    }

    void finalMetricsListIsChecked()
    {
        auto c = config(3);
        c.finalMetrics = "mig,dcii";
        try {
            c.validate();
            QFAIL("an unknown metric name was accepted");
        } catch (const LatentLabError& e) {
            QVERIFY2(QString(e.what()).contains("'final_metrics'") && QString(e.what()).contains("dcii"), e.what());
        }
    }

    void nearestImageJudgeNamesWhatAnImageShows()
    {
        // The whole dsprites-v2 product (12150 rows): every row has all its one-factor neighbours.
        data::DatasetGenerationRequest req;
        req.kind = data::DatasetLayout::DSprites;
        req.version = "dsprites-v2";
        req.outPath = dir("d2-full.h5");
        data::DatasetGenerator::generate(req);
        auto c = config();
        c.dataFile = req.outPath;
        const auto layout = ModelFactory::layout(c);
        const auto data = TrainingData::load(c, layout);
        const NearestImageJudge judge(data);
        const auto& raw = data.images().factors;
        const int scale = raw.indexOf("scale"), orientation = raw.indexOf("orientation"), posX = raw.indexOf("posX"), posY = raw.indexOf("posY");
        std::vector<std::int64_t> rows(data.testRows().begin(), data.testRows().begin() + 40);
        const auto candidates = judge.gather(rows);
        const auto offsetInBin = [](std::int64_t x) { return x < 13 ? x : x < 27 ? x - 13 : x - 27; }; // bins 0-4, 13-17, 27-31
        for (std::size_t i = 0; i < rows.size(); ++i) {
            // 1 (itself) + 2 other shapes + 8 other positions, all with its scale, orientation and in-bin offsets.
            QCOMPARE(candidates.count[i], std::int64_t(11));
            const auto* source = data.images().classesOf(rows[i]);
            for (std::int64_t m = 0; m < candidates.count[i]; ++m) {
                const auto* other = data.images().classesOf(candidates.rows[static_cast<std::size_t>(candidates.first[i] + m)]);
                QCOMPARE(other[scale], source[scale]);
                QCOMPARE(other[orientation], source[orientation]);
                QCOMPARE(offsetInBin(other[posX]), offsetInBin(source[posX]));
                QCOMPARE(offsetInBin(other[posY]), offsetInBin(source[posY]));
            }
            QCOMPARE(candidates.combination[static_cast<std::size_t>(candidates.first[i])], judge.combinationOf(data.versionValues(rows[i])));
        }
        // The source's own image is judged as the source; against any other expectation it is wrong (a
        // decoder that leaves the sprite where it was fails the move); a target image is judged as itself.
        const auto images = data.batch(rows);
        std::vector<std::int64_t> own, moved;
        const auto& version = data.version();
        const auto& left = version.relation("move-left");
        const auto f = static_cast<std::size_t>(version.factorIndex(left.factor));
        std::vector<std::int64_t> targetRows;
        for (const auto row : rows) {
            auto v = data.versionValues(row);
            own.push_back(judge.combinationOf(v));
            v[f] = left.apply(v[f]);
            moved.push_back(judge.combinationOf(v));
        }
        for (const int verdict : judge.judge(candidates, images, own))
            QCOMPARE(verdict, 1);
        for (const int verdict : judge.judge(candidates, images, moved))
            QCOMPARE(verdict, 0);
        // The moved images themselves: each source's candidate with the moved combination.
        std::vector<torch::Tensor> targets;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto begin = candidates.combination.begin() + candidates.first[i];
            const auto at = std::find(begin, begin + candidates.count[i], moved[i]) - candidates.combination.begin();
            targets.push_back(candidates.images[at].view({1, 1, 64, 64}));
        }
        const auto targetImages = torch::cat(targets);
        for (const int verdict : judge.judge(candidates, targetImages, moved))
            QCOMPARE(verdict, 1);
        // A blurred target is still the target (decoders blur).
        const auto blurred = torch::avg_pool2d(targetImages, 3, 1, 1);
        int right = 0;
        for (const int verdict : judge.judge(candidates, blurred, moved))
            right += verdict;
        QCOMPARE(right, int(rows.size()));
        // A target the data does not hold (a file without that row) is not judged.
        std::vector<std::int64_t> impossible(rows.size(), 999999);
        for (const int verdict : judge.judge(candidates, images, impossible))
            QCOMPARE(verdict, -1);
    }

    void historyHoldsThousandsOfComponentNames()
    {
        // The baseline on shapes3d-v5 has 12,000 components: their names (~450 KB) outgrow an HDF5 object
        // header, which once stopped that run at its first checkpoint.
        io::RunHistory h;
        h.model = "absae";
        h.version = "shapes3d-v5";
        h.losses.push_back({1, 0, 0.5, 0, 0.1, 0.2});
        io::PriorPartitionRecord part;
        part.name = "combination";
        part.components = 12000;
        part.dim = 2;
        for (int c = 0; c < 12000; ++c)
            part.componentNames.push_back("pink, dark-blue, seagreen, capsule, medium #" + std::to_string(c));
        part.means.assign(12000 * 2, 0.5f);
        part.covariances.assign(12000 * 4, 1.0f);
        part.counts.assign(12000, 1);
        h.prior.push_back(part);
        const std::string path = dir("many-components.h5");
        h.write(path);
        const auto back = io::RunHistory::read(path);
        QCOMPARE(int(back.prior.size()), 1);
        QCOMPARE(back.prior[0].componentNames, part.componentNames);
        QCOMPARE(back.prior[0].name, std::string("combination"));
        QCOMPARE(back.prior[0].means.size(), part.means.size());
    }

    void exportedDemoNamesNoMachinePaths()
    {
        // A demo goes to other machines: the data is named by its recipe file, the run by its folder name.
        const QString demo = m_dir.filePath("demo-real");
        const auto r = runCli({"export", "--run", QString::fromStdString(dir("run-real")) + "/", "--out", demo, "--data-kind", "dsprites"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (const char* file : {"summary.json", "config.json", "demo.json"}) {
            QFile f(demo + "/" + file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            QVERIFY2(!text.contains(m_dir.path()), qPrintable(QString("%1 names %2").arg(file, m_dir.path())));
        }
        QCOMPARE(summaryOf(demo.toStdString()).value("data_file").toString(), QString("dsprites-v2.h5"));
        const auto history = io::RunHistory::read(demo.toStdString() + "/run.h5");
        QVERIFY(!QString::fromStdString(history.configJson).contains(m_dir.path()));
        QCOMPARE(int(history.losses.size()), int(io::RunHistory::read(dir("run-real") + "/run.h5").losses.size()));
        QFile demoJson(demo + "/demo.json");
        QVERIFY(demoJson.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(demoJson.readAll()).object().value("source_run").toString(), QString("run-real"));
    }

    void anchoredTinyRunClassifiesHeldBackImages()
    {
        // Every training image labelled, the anchor on, the prior re-fitted every 8 steps: even the tiny
        // network classifies the test images (held back: never labelled, never trained on) right. The same
        // run without the anchor does not: shape stays far below (the labels then only fit the prior).
        auto c = config(16);
        c.labelledSamples = 512;
        c.labelAnchorWeight = 1.0;
        c.labelAnchorBatch = 16;
        c.priorRefitEverySteps = 8;
        c.priorSharedCovariance = true;
        c.covarianceScale = 1.0;
        c.adversarial = false;
        c.reconstructClean = true;
        c.augment = false;
        c.learningRate = 2e-3;
        c.evalEveryEpochs = 0;
        Trainer::run(c, dir("run-anchored"));
        const auto cls = summaryOf(dir("run-anchored")).value("classification").toObject();
        QVERIFY2(cls.value("shape").toDouble() >= 0.9 && cls.value("position").toDouble() >= 0.9,
                 qPrintable(QJsonDocument(cls).toJson(QJsonDocument::Compact)));
        c.labelAnchorWeight = 0;
        Trainer::run(c, dir("run-unanchored"));
        const auto without = summaryOf(dir("run-unanchored")).value("classification").toObject();
        QVERIFY2(without.value("shape").toDouble() < cls.value("shape").toDouble() - 0.1,
                 qPrintable(QJsonDocument(without).toJson(QJsonDocument::Compact)));
    }

    void sweepRunsLocallyAndTabulatesSeeds()
    {
        // packaging/sweep-local.sh: the SLURM array script once per (version, model, seed) with the task id
        // set, then the reduce job's table. Two seeds of one configuration become one row, mean ± std.
        const QString out = m_dir.filePath("sweep"), dataDir = m_dir.filePath("sweep-data");
        QDir().mkpath(dataDir);
        QVERIFY(QFile::copy(QString::fromStdString(m_data), dataDir + "/dsprites-v2.h5"));
        QProcess p;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("LATENTLAB_CLI", LATENTLAB_CLI_PATH);
        p.setProcessEnvironment(env);
        p.start("bash",
                {QString(LATENTLAB_MODELS_DIR) + "/../packaging/sweep-local.sh", "--out", out, "--data-dir", dataDir, "--versions", "dsprites-v2",
                 "--models", "mae", "--seeds", "0 1", "--preset", "test", "--metrics", "mig,sap,dci", "--jobs", "2"});
        QVERIFY(p.waitForFinished(240000));
        QVERIFY2(p.exitCode() == 0, qPrintable(p.readAllStandardError()));
        double sum = 0, sumSq = 0;
        for (const char* run : {"dsprites-v2-mae-test-s0", "dsprites-v2-mae-test-s1"}) {
            const auto s = summaryOf((out + "/" + run).toStdString());
            QCOMPARE(s.value("status").toString(), QString("completed"));
            QVERIFY2(QFile::exists(out + "/" + run + "/metrics.json"), run);
            const double a = s.value("relation_accuracy").toDouble();
            sum += a;
            sumSq += a * a;
        }
        QFile csv(out + "/table.csv");
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).trimmed().split('\n');
        QCOMPARE(lines.size(), 2); // header + one configuration
        const QStringList header = lines[0].split(','), row = lines[1].split(',');
        QCOMPARE(row[header.indexOf("seeds")], QString("0 1"));
        QCOMPARE(row[header.indexOf("relation_n")], QString("2"));
        const double mean = sum / 2, std = std::sqrt(std::max(0.0, (sumSq - 2 * mean * mean) / 1));
        QVERIFY(std::fabs(row[header.indexOf("relation_mean")].toDouble() - mean) < 1e-6);
        QVERIFY(std::fabs(row[header.indexOf("relation_std")].toDouble() - std) < 1e-5);
        QCOMPARE(row[header.indexOf("dci_n")], QString("2"));
        QCOMPARE(row[header.indexOf("paper_relation")], QString("0.7240"));
        QFile md(out + "/table.md");
        QVERIFY(md.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(md.readAll()).contains("| dsprites-v2 | mae | test | "));
        // A folder without runs is one sentence.
        const auto empty = runCli({"table", "--runs", dataDir});
        QCOMPARE(empty.code, 1);
        QVERIFY2(empty.lastErrorLine().contains("No run directories"), qPrintable(empty.err));
    }

    void referenceScheduleIsUnchanged()
    {
        // The reference terms only: the same seed trains the same numbers as the release before the
        // real-image terms, up to the CPU's rounding (see GOLDEN_REC).
        const auto result = Trainer::run(config(3), dir("run-golden"));
        const auto history = io::RunHistory::read(dir("run-golden") + "/run.h5");
        const auto s = summaryOf(dir("run-golden"));
        QCOMPARE(result.steps, std::int64_t(96));
        QVERIFY(history.losses.size() >= 8);
        const auto near = [](double got, double want, double relative) { return std::fabs(got - want) <= relative * std::fabs(want); };
        for (int i = 0; i < 8; ++i) {
            const auto& l = history.losses[static_cast<std::size_t>(i)];
            QVERIFY2(near(l.reconstruction, GOLDEN_REC[i], 1e-5), qPrintable(QString("step %1: %2").arg(i + 1).arg(l.reconstruction, 0, 'g', 17)));
            QVERIFY2(near(l.discriminator, GOLDEN_DIS[i], 1e-5), qPrintable(QString("step %1: %2").arg(i + 1).arg(l.discriminator, 0, 'g', 17)));
            QCOMPARE(l.labelAnchor, 0.0);
            QCOMPARE(l.cycle, 0.0);
        }
        QVERIFY2(near(history.losses.back().reconstruction, GOLDEN_RECN, 0.03),
                 qPrintable(QString::number(history.losses.back().reconstruction, 'g', 17)));
        QVERIFY2(near(history.losses.back().discriminator, GOLDEN_DISN, 0.03),
                 qPrintable(QString::number(history.losses.back().discriminator, 'g', 17)));
        QVERIFY2(near(s.value("reconstruction_bce").toDouble(), GOLDEN_BCE, 0.03),
                 qPrintable(QString::number(s.value("reconstruction_bce").toDouble(), 'g', 17)));
        QVERIFY2(std::fabs(s.value("relation_accuracy").toDouble() - GOLDEN_REL) <= 0.1,
                 qPrintable(QString::number(s.value("relation_accuracy").toDouble(), 'g', 17)));
    }
};

QTEST_GUILESS_MAIN(TestModelQuality)
#include "tst_modelquality.moc"
