// β-VAE ensembles: members with consecutive seeds in their own run directories, reproducible whether
// trained side by side or one at a time (a SLURM array task), the fingerprint encodings file, and the
// CLI (ensemble train/encode → similarity).
#include <torch/torch.h>

#include "common/LatentLabError.h"
#include "data/DatasetGenerator.h"
#include "info/CircleExperiment.h"
#include "info/RepresentationFusion.h"
#include "io/EncodingsFile.h"
#include "train/BetaVaeRun.h"
#include "train/EnsembleEncoder.h"
#include "train/EnsembleTrainer.h"

#include "TestCli.h"

#include <QtTest>

using namespace latentlab;
using namespace latentlab::train;

class TestEnsemble : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string m_data;

    std::string dir(const char* name) const { return m_dir.filePath(name).toStdString(); }
    BetaVaeConfig config() const
    {
        auto c = BetaVaeConfig::fromPreset("test", data::DatasetLayout::DSprites);
        c.dataFile = m_data;
        c.version = "dsprites-v2";
        c.seed = 5;
        c.steps = 12;
        c.threads = 1;
        c.device = "cpu";
        return c;
    }
    static bool sameWeights(BetaVaeRun& a, BetaVaeRun& b)
    {
        const auto pa = a.model->named_parameters(), pb = b.model->named_parameters();
        for (const auto& item : pa)
            if (!torch::equal(item.value(), pb[item.key()]))
                return false;
        return true;
    }
    static CliRun cli(const QStringList& args) { return runCli(args); }

private Q_SLOTS:
    void initTestCase()
    {
        data::DatasetGenerationRequest req;
        req.kind = data::DatasetLayout::DSprites;
        req.version = "dsprites-v2";
        req.rows = 400;
        req.seed = 4;
        req.outPath = dir("d2.h5");
        data::DatasetGenerator::generate(req);
        m_data = req.outPath;
    }

    void membersAreReproducibleSideBySideOrAlone()
    {
        const auto results = EnsembleTrainer::train(dir("ens"), config(), 2, {}, 2);
        QCOMPARE(int(results.size()), 2);
        for (const auto& r : results) {
            QVERIFY(r.status == latentlab::train::RunStatus::Completed);
            QCOMPARE(r.steps, int64_t(12));
            QVERIFY(r.reconstruction > 0 && r.kl >= 0);
        }
        QCOMPARE(EnsembleTrainer::completedMembers(dir("ens")).size(), std::size_t(2));
        auto m0 = BetaVaeRun::load(EnsembleTrainer::memberDir(dir("ens"), 0));
        auto m1 = BetaVaeRun::load(EnsembleTrainer::memberDir(dir("ens"), 1));
        QCOMPARE(m0.config.seed, std::uint64_t(5));
        QCOMPARE(m1.config.seed, std::uint64_t(6));
        QVERIFY(!sameWeights(m0, m1));
        // Member 1 alone (what one SLURM array task does) equals member 1 of the parallel run.
        EnsembleTrainer::train(dir("ens-alone"), config(), 2, {1}, 1);
        auto alone = BetaVaeRun::load(EnsembleTrainer::memberDir(dir("ens-alone"), 1));
        QVERIFY(sameWeights(alone, m1));
        QCOMPARE(EnsembleTrainer::completedMembers(dir("ens-alone")).size(), std::size_t(1));
        // Another configuration in the same directory is refused; an index outside the ensemble too.
        auto other = config();
        other.beta = 1.0;
        QVERIFY_THROWS_EXCEPTION(LatentLabError, EnsembleTrainer::train(dir("ens"), other, 2, {0}, 1));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, EnsembleTrainer::train(dir("ens"), config(), 2, {2}, 1));
    }

    void betaScheduleFallsGeometricallyAndIsRecorded()
    {
        auto c = config();
        QCOMPARE(c.betaAt(0), c.beta); // no schedule: constant
        QCOMPARE(c.betaAt(1000000), c.beta);
        QVERIFY(c.toJson().find("beta_start") == std::string::npos);
        c.beta = 4.0;
        c.betaStart = 64.0;
        c.betaAnnealSteps = 10;
        QCOMPARE(c.betaAt(0), 64.0);
        QVERIFY(qAbs(c.betaAt(5) - 16.0) < 1e-12); // halfway in log: √(64·4)
        QVERIFY(qAbs(c.betaAt(10) - 4.0) < 1e-12);
        QCOMPARE(c.betaAt(11), 4.0);
        const auto back = BetaVaeConfig::fromJson(c.toJson(), "'test'");
        QCOMPARE(back.betaStart, 64.0);
        QCOMPARE(back.betaAnnealSteps, std::int64_t(10));
        auto zeroEnd = c;
        zeroEnd.beta = 0;
        QVERIFY_THROWS_EXCEPTION(LatentLabError, zeroEnd.validate()); // geometric: no end at 0
        auto negative = c;
        negative.betaAnnealSteps = -1;
        QVERIFY_THROWS_EXCEPTION(LatentLabError, negative.validate());

        // A schedule that starts where it ends trains exactly the constant run; another start trains a different one.
        auto flat = config();
        flat.beta = 4.0;
        EnsembleTrainer::train(dir("beta-const"), flat, 1, {}, 1);
        flat.betaStart = 4.0;
        flat.betaAnnealSteps = 6;
        EnsembleTrainer::train(dir("beta-flat"), flat, 1, {}, 1);
        auto falling = flat;
        falling.betaStart = 64.0;
        EnsembleTrainer::train(dir("beta-falling"), falling, 1, {}, 1);
        auto constant = BetaVaeRun::load(EnsembleTrainer::memberDir(dir("beta-const"), 0));
        auto flatRun = BetaVaeRun::load(EnsembleTrainer::memberDir(dir("beta-flat"), 0));
        auto fallingRun = BetaVaeRun::load(EnsembleTrainer::memberDir(dir("beta-falling"), 0));
        QVERIFY(sameWeights(constant, flatRun));
        QVERIFY(!sameWeights(constant, fallingRun));
        QCOMPARE(fallingRun.config.betaStart, 64.0); // the member's config.json records its schedule
        QCOMPARE(fallingRun.config.betaAnnealSteps, std::int64_t(6));
    }

    void fingerprintEncodings()
    {
        const auto runs = EnsembleTrainer::completedMembers(dir("ens"));
        const auto e = EnsembleEncoder::encode(runs, 64, 3);
        QCOMPARE(e.models, int64_t(2));
        QCOMPARE(e.samples, int64_t(64));
        QCOMPARE(e.dims, int64_t(4));
        QCOMPARE(e.factors.rows, int64_t(64));
        // dSprites: colour is constant and dropped; shape, scale, orientation, posX, posY vary.
        QCOMPARE(e.factorNames.front(), std::string("shape"));
        QVERIFY(std::find(e.factorNames.begin(), e.factorNames.end(), "color") == e.factorNames.end());
        const auto again = EnsembleEncoder::encode(runs, 64, 3);
        QCOMPARE(again.mu, e.mu);
        QVERIFY(EnsembleEncoder::encode(runs, 64, 4).factors.values != e.factors.values);
        // The posterior of member 0 equals a direct encode of the same model.
        QVERIFY(std::all_of(e.logvar.begin(), e.logvar.end(), [](double v) { return std::isfinite(v); }));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, EnsembleEncoder::encode(runs, 100000, 0));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, EnsembleEncoder::encode({}, 10, 0));
        const std::string path = dir("enc.h5");
        e.write(path);
        QCOMPARE(io::EncodingsFile::read(path).mu, e.mu);
    }

    void cliTrainEncodeSimilarity()
    {
        const QString ens = m_dir.filePath("cli-ens"), enc = m_dir.filePath("cli-enc.h5"), sim = m_dir.filePath("cli-sim.h5");
        for (const QString index : {"0", "2"}) {
            const CliRun t = cli({"ensemble", "train", "--data", QString::fromStdString(m_data), "--members", "3", "--preset", "test", "--steps", "8",
                                  "--seed", "1", "--member-index", index, "--out", ens, "--json"});
            QVERIFY2(t.code == 0, qPrintable(t.err));
            QCOMPARE(QJsonDocument::fromJson(t.out.toUtf8()).array().first().toObject().value("member").toInt(), index.toInt());
        }
        const CliRun e = cli({"ensemble", "encode", "--runs", ens, "--samples", "50", "--out", enc});
        QVERIFY2(e.code == 0, qPrintable(e.err));
        QCOMPARE(io::EncodingsFile::read(enc.toStdString()).models, int64_t(2)); // members 0 and 2
        // Any set of runs: a comma-separated list of run directories.
        const QString list =
            QString::fromStdString(EnsembleTrainer::memberDir(ens.toStdString(), 2) + "," + EnsembleTrainer::memberDir(dir("ens"), 0));
        const CliRun l = cli({"ensemble", "encode", "--runs", list, "--samples", "30", "--out", m_dir.filePath("list-enc.h5")});
        QVERIFY2(l.code == 0, qPrintable(l.err));
        QCOMPARE(io::EncodingsFile::read(m_dir.filePath("list-enc.h5").toStdString()).models, int64_t(2));

        const CliRun s = cli({"similarity", "--encodings", enc, "--out", sim, "--min-samples", "2", "--info-threshold", "0", "--json"});
        QVERIFY2(s.code == 0, qPrintable(s.err));
        QCOMPARE(QJsonDocument::fromJson(s.out.toUtf8()).object().value("channels").toInt(), 8);
        // Bad arguments: one stderr line, exit 1.
        for (const QStringList& bad :
             {QStringList{"ensemble", "train", "--data", QString::fromStdString(m_data), "--members", "0", "--out", ens},
              QStringList{"ensemble", "train", "--data", m_dir.filePath("none.h5"), "--members", "2", "--out", ens},
              QStringList{"ensemble", "train", "--data", QString::fromStdString(m_data), "--members", "2", "--beta", "x", "--out", ens},
              QStringList{"ensemble", "train", "--data", QString::fromStdString(m_data), "--members", "2", "--beta-start", "64", "--out", ens},
              QStringList{"ensemble", "train", "--data", QString::fromStdString(m_data), "--members", "2", "--beta-start", "64",
                          "--beta-anneal-steps", "5", "--beta", "0", "--out", ens},
              QStringList{"ensemble", "encode", "--runs", m_dir.filePath("nothing"), "--samples", "5", "--out", enc}}) {
            const CliRun b = cli(bad);
            QVERIFY2(b.code == 1 && b.err.trimmed().count('\n') == 0, qPrintable(bad.join(' ') + ": " + b.err));
        }
    }

    void betaVaeMetrics()
    {
        // eval on a β-VAE member: the disentanglement metrics of its means, on the version's factors.
        const QString member = QString::fromStdString(EnsembleTrainer::memberDir(dir("ens"), 0));
        const CliRun r = cli({"eval", "--run", member, "--metrics", "mig,sap,dci,factorvae", "--points-train", "200", "--points-test", "100",
                              "--score-points-train", "20", "--score-points-test", "10", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value("model").toString(), QString("betavae"));
        const QJsonObject means = o.value("metrics").toObject().value("means").toObject();
        for (const char* key : {"mig", "sap", "dci_disentanglement", "dci_informativeness_test", "factorvae_eval"})
            QVERIFY2(means.value(key).toDouble(-1) >= 0 && means.value(key).toDouble(-1) <= 1, key);
        QVERIFY(!means.contains("betavae_eval"));
        QCOMPARE(o.value("metrics").toObject().value("factor_names").toArray(), (QJsonArray{"shape", "position"}));
        QVERIFY(QFile::exists(member + "/metrics.json"));
    }

    // ---- model fusion (docs/design/information.md#ensemble-fusion) ----
    void ringMetrics()
    {
        const std::int64_t n = 40;
        info::GaussianSpace ring{n, 2, {}, std::vector<double>(2 * n, -2.0)}, cut{n, 1, {}, std::vector<double>(n, -2.0)};
        for (std::int64_t i = 0; i < n; ++i) {
            const double theta = 2 * M_PI * static_cast<double>(i) / static_cast<double>(n);
            ring.mu.push_back(3 * std::cos(theta));
            ring.mu.push_back(3 * std::sin(theta));
            cut.mu.push_back(std::fmod(theta + 2.0, 2 * M_PI)); // a 1-D embedding cut between two inner points
        }
        QVERIFY(std::abs(info::RepresentationFusion::uniformity(ring) - 1.0) < 1e-12);
        QVERIFY(std::abs(info::RepresentationFusion::continuity(ring) - 1.0) < 1e-9);
        QVERIFY(info::RepresentationFusion::continuity(cut) > 100);
        QVERIFY(info::RepresentationFusion::uniformity(cut) > 1.5); // the wrap-around gap is huge
        // Fusing towards ring-shaped learners raises the mean similarity from the random start.
        info::FusionOptions o;
        o.steps = 300;
        o.logEvery = 100;
        o.similarity = info::FusionSimilarity::SharedInformation;
        const auto r = info::RepresentationFusion::fuse({ring, ring}, o);
        QCOMPARE(r.meanSimilarity.size(), std::size_t(4));
        qInfo("shared information %g -> %g nats; uniformity %g", r.meanSimilarity.front(), r.meanSimilarity.back(),
              info::RepresentationFusion::uniformity(r.fused));
        QVERIFY2(r.meanSimilarity.back() > r.meanSimilarity.front() + 0.5,
                 qPrintable(QString("%1 -> %2").arg(r.meanSimilarity.front()).arg(r.meanSimilarity.back())));
        QCOMPARE(r.fused.dims, int64_t(2));
        for (const char* name : {"vi", "nmi", "info"})
            QVERIFY(info::RepresentationFusion::fuse({ring},
                                                     [&] {
                                                         auto x = o;
                                                         x.steps = 2;
                                                         x.similarity = info::fusionSimilarityFromName(name);
                                                         return x;
                                                     }())
                        .meanSimilarity.size() == 2);
        QVERIFY_THROWS_EXCEPTION(LatentLabError, info::fusionSimilarityFromName("cka"));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, info::RepresentationFusion::fuse({}, o));
    }

    void circleLearnersAreReproducible()
    {
        info::CircleLearnerOptions o;
        o.learners = 2;
        o.steps = 30;
        o.batchSize = 64;
        o.hidden = 32;
        o.fingerprintPoints = 24;
        o.seed = 3;
        o.threads = 2;
        const auto a = info::CircleExperiment::trainLearners(o);
        o.threads = 1;
        const auto b = info::CircleExperiment::trainLearners(o);
        QCOMPARE(a.size(), std::size_t(2));
        QCOMPARE(a[0].points, int64_t(24));
        QCOMPARE(a[0].dims, int64_t(1));
        QCOMPARE(a[1].mu, b[1].mu);
        QVERIFY(a[0].mu != a[1].mu);
        const auto p = info::CircleExperiment::fingerprintPoints(4);
        QVERIFY(std::abs(p[2] - 0.0) < 1e-12 && std::abs(p[3] - 1.0) < 1e-12); // θ = π/2
    }

    void wrongCheckpointIsAClearError()
    {
        QVERIFY_THROWS_EXCEPTION(LatentLabError, BetaVaeRun::load(dir("no-such-run")));
        const QString fake = m_dir.filePath("fake-run");
        QDir().mkpath(fake);
        QFile c(fake + "/config.json");
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write(QByteArray::fromStdString(config().toJson()));
        c.close();
        QFile k(fake + "/checkpoint.pt");
        QVERIFY(k.open(QIODevice::WriteOnly));
        k.write("not a torch archive");
        k.close();
        try {
            BetaVaeRun::load(fake.toStdString());
            QFAIL("a junk checkpoint was accepted");
        } catch (const LatentLabError& e) {
            QVERIFY2(QString(e.what()).contains("checkpoint.pt"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestEnsemble)
#include "tst_ensemble.moc"
