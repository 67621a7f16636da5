// `latentlab-cli export --torchscript` (train/TorchScriptExporter, docs/design/file-formats.md#exported-runs) on
// three tiny runs trained here in seconds (an M-AE, an AbsAE and a β-VAE of dsprites-v2): the exported module,
// loaded back with torch::jit::load, encodes real images, decodes codes and applies every relation bit for bit
// as the native networks do; the manifest carries the contract's fields; a directory that is not a run and an
// output directory that cannot be used are each refused with one sentence, leaving nothing behind.
#include "TestCli.h"
#include "TestDatasetFiles.h"
#include "TestTinyRuns.h"

#include "model/ScriptedModel.h"
#include "train/BetaVaeRun.h"
#include "train/BetaVaeTrainer.h"
#include "train/TorchScriptExporter.h"
#include "train/TrainedRun.h"
#include "train/Trainer.h"
#include "train/TrainingData.h"

#include <torch/script.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace latentlab;

class TestTorchScriptExport : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_data, m_mae, m_absae, m_betavae;

    QString trainRun(model::ModelKind kind, const QString& name) { return testruns::trainTinyRun(kind, m_data, m_dir.filePath(name)); }

    QString trainBetaVae(const QString& name) { return testruns::trainTinyBetaVae(m_data, m_dir.filePath(name), 5); }

    QString runOf(const QString& tag) const { return tag == "mae" ? m_mae : tag == "absae" ? m_absae : m_betavae; }

    static QJsonObject readJson(const QString& path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }

    static std::vector<std::int64_t> firstRows(const std::vector<std::int64_t>& rows, std::size_t n)
    {
        return {rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(std::min(n, rows.size()))};
    }

    /// Calls a scripted method three times: the executor profiles the first calls and optimises the graph
    /// after them, and every one of the results must be the native one.
    static void expectSameEveryCall(torch::jit::Module& m, const char* method, const std::vector<c10::IValue>& inputs,
                                    const std::function<void(const c10::IValue&)>& check)
    {
        for (int call = 0; call < 3; ++call)
            check(m.get_method(method)(inputs));
    }

    void expectRefused(const QStringList& args, const QString& mustMention)
    {
        const CliRun r = runCli(QStringList{"export", "--torchscript"} + args);
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY2(r.err.contains(mustMention), qPrintable(r.err));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_data = m_dir.filePath("d2.h5");
        testfiles::generateDsprites(m_data, "dsprites-v2", 480, 5);
        m_mae = trainRun(model::ModelKind::ModularAutoEncoder, "mae");
        QVERIFY(!m_mae.isEmpty());
        m_absae = trainRun(model::ModelKind::AbsAE, "absae");
        QVERIFY(!m_absae.isEmpty());
        m_betavae = trainBetaVae("betavae");
        QVERIFY(!m_betavae.isEmpty());
    }

    void scriptedMatchesNative_data()
    {
        QTest::addColumn<QString>("tag");
        QTest::newRow("mae") << "mae";
        QTest::newRow("absae") << "absae";
        QTest::newRow("betavae") << "betavae";
    }

    /// encode on real images, decode on their codes, on prior samples and on N(0, I) codes, relate for every
    /// relation: torch::equal, not a tolerance.
    void scriptedMatchesNative()
    {
        QFETCH(QString, tag);
        const QString out = m_dir.filePath("export-" + tag);
        const auto written = train::TorchScriptExporter::exportRun(runOf(tag).toStdString(), out.toStdString());
        QCOMPARE(QString::fromStdString(written.model), tag);
        QVERIFY(QFile::exists(out + "/model.pt"));
        QVERIFY(QFile::exists(out + "/model.json"));
        auto scripted = torch::jit::load(written.modulePath);
        scripted.eval();
        torch::NoGradGuard noGrad;
        torch::manual_seed(3);

        if (tag == "betavae") {
            auto run = train::BetaVaeRun::load(runOf(tag).toStdString());
            const auto data = train::BetaVaeRun::loadData(run.config);
            const auto images = data.batch(firstRows(data.testRows(), 16));
            const auto posterior = run.model->encode(images);
            expectSameEveryCall(scripted, "encode", {images}, [&](const c10::IValue& v) {
                const auto t = v.toTuple();
                QVERIFY(torch::equal(t->elements()[0].toTensor(), posterior.mu));
                QVERIFY(torch::equal(t->elements()[1].toTensor(), posterior.logvar));
            });
            for (const auto& codes : {posterior.mu, torch::randn({8, run.config.latentDim})}) {
                const auto logits = run.model->decode(codes);
                expectSameEveryCall(scripted, "decode", {codes}, [&](const c10::IValue& v) { QVERIFY(torch::equal(v.toTensor(), logits)); });
            }
            return;
        }

        auto run = train::TrainedRun::load(runOf(tag).toStdString());
        QVERIFY(run.prior.fitted());
        const auto& layout = run.model->layout();
        const auto data = train::TrainingData::load(run.config, layout);
        const auto images = data.batch(firstRows(data.testRows(), 16));
        const auto codes = run.model->encode(images);
        expectSameEveryCall(scripted, "encode", {images}, [&](const c10::IValue& v) { QVERIFY(torch::equal(v.toTensor(), codes)); });
        for (const auto& z : {codes, run.prior.sample(8), torch::randn({8, layout.codeDim})}) {
            const auto logits = run.model->decode(z);
            expectSameEveryCall(scripted, "decode", {z}, [&](const c10::IValue& v) { QVERIFY(torch::equal(v.toTensor(), logits)); });
        }
        QVERIFY(!layout.relations.empty());
        for (std::size_t r = 0; r < layout.relations.size(); ++r) {
            const auto related = run.model->relational->apply(codes, static_cast<std::int64_t>(r), layout).code;
            expectSameEveryCall(scripted, "relate", {codes, static_cast<std::int64_t>(r)},
                                [&](const c10::IValue& v) { QVERIFY(torch::equal(v.toTensor(), related)); });
            // Only the target partition changed: the other dimensions are the input's, bit for bit.
            const auto& part = layout.partitions[static_cast<std::size_t>(layout.relations[r].partition)];
            const auto changed = scripted.get_method("relate")({codes, static_cast<std::int64_t>(r)}).toTensor();
            const auto keep = torch::ones({layout.codeDim}, torch::kBool);
            keep.narrow(0, part.offset, part.dim).fill_(false);
            QVERIFY(torch::equal(changed.index({torch::indexing::Slice(), keep}), codes.index({torch::indexing::Slice(), keep})));
        }
        bool refused = false;
        try {
            scripted.get_method("relate")({codes, static_cast<std::int64_t>(layout.relations.size())});
        } catch (const std::exception& e) { // torch::jit::JITException
            refused = QString(e.what()).contains("relation index out of range");
        }
        QVERIFY(refused);
        // forward is the reconstruction: decode(encode(x)).
        QVERIFY(torch::equal(scripted.forward({images}).toTensor(), run.model->decode(codes)));
    }

    void exportThenImport_data()
    {
        QTest::addColumn<QString>("tag");
        QTest::newRow("mae") << "mae";
        QTest::newRow("absae") << "absae";
        QTest::newRow("betavae") << "betavae";
    }

    /// The round trip of the contract: export, then open the pair with our importer (model/ScriptedModel):
    /// decoded images, posteriors, relations and the prior's classification equal the native run's bit for bit.
    void exportThenImport()
    {
        QFETCH(QString, tag);
        const QString out = m_dir.filePath("roundtrip-" + tag);
        const auto written = train::TorchScriptExporter::exportRun(runOf(tag).toStdString(), out.toStdString());
        const auto imported = model::ScriptedModel::open(written.manifestPath);
        torch::NoGradGuard noGrad;
        torch::manual_seed(4);
        if (tag == "betavae") {
            auto run = train::BetaVaeRun::load(runOf(tag).toStdString());
            const auto data = train::BetaVaeRun::loadData(run.config);
            const auto images = data.batch(firstRows(data.testRows(), 16));
            const auto posterior = run.model->encode(images);
            const auto [mu, logvar] = imported.encodeWithLogVar(images);
            QVERIFY(torch::equal(mu, posterior.mu));
            QVERIFY(torch::equal(logvar, posterior.logvar));
            const auto z = torch::randn({8, run.config.latentDim});
            QVERIFY(torch::equal(imported.decode(z), torch::sigmoid(run.model->decode(z))));
            QVERIFY(!imported.hasRelations());
            return;
        }
        auto run = train::TrainedRun::load(runOf(tag).toStdString());
        const auto& layout = run.model->layout();
        const auto data = train::TrainingData::load(run.config, layout);
        const auto images = data.batch(firstRows(data.testRows(), 16));
        const auto codes = run.model->encode(images);
        QVERIFY(torch::equal(imported.encode(images), codes));
        for (const auto& z : {codes, run.prior.sample(8)})
            QVERIFY(torch::equal(imported.decode(z), torch::sigmoid(run.model->decode(z))));
        QCOMPARE(int(imported.layout().partitions.size()), int(layout.partitions.size()));
        QVERIFY(imported.hasPrior());
        QVERIFY(torch::equal(imported.classify(codes), run.prior.classify(codes)));
        for (std::size_t r = 0; r < layout.relations.size(); ++r)
            QVERIFY(torch::equal(imported.relate(codes, static_cast<int>(r)),
                                 run.model->relational->apply(codes, static_cast<std::int64_t>(r), layout).code));
    }

    void manifestFields_data()
    {
        QTest::addColumn<QString>("tag");
        QTest::newRow("mae") << "mae";
        QTest::newRow("absae") << "absae";
        QTest::newRow("betavae") << "betavae";
    }

    void manifestFields()
    {
        QFETCH(QString, tag);
        const QString out = m_dir.filePath("manifest-" + tag);
        train::TorchScriptExporter::exportRun(runOf(tag).toStdString(), out.toStdString());
        const QJsonObject j = readJson(out + "/model.json");
        QCOMPARE(j.value("format").toString(), QString("latentlab-torchscript"));
        QCOMPARE(j.value("format_version").toInt(), 1);
        QCOMPARE(j.value("model").toString(), tag);
        QVERIFY(j.value("name").toString().contains("dsprites-v2"));
        QCOMPARE(j.value("image").toObject(), (QJsonObject{{"channels", 1}, {"height", 64}, {"width", 64}}));
        QCOMPARE(j.value("input_range").toArray(), (QJsonArray{0.0, 1.0}));
        QCOMPARE(j.value("decoder_output").toString(), QString("logits"));
        QCOMPARE(j.value("dataset").toObject(), (QJsonObject{{"file", "d2.h5"}, {"layout", "dsprites"}, {"version", "dsprites-v2"}}));

        if (tag == "betavae") {
            const auto run = train::BetaVaeRun::load(runOf(tag).toStdString());
            QCOMPARE(j.value("encode_returns").toString(), QString("mean_logvar"));
            QCOMPARE(j.value("latent_dim").toInt(), run.config.latentDim);
            QVERIFY(!j.contains("partitions"));
            QVERIFY(!j.contains("relations"));
            return;
        }
        const auto run = train::TrainedRun::load(runOf(tag).toStdString());
        const auto& layout = run.model->layout();
        QCOMPARE(j.value("encode_returns").toString(), QString("mean"));
        QCOMPARE(j.value("latent_dim").toInt(), layout.codeDim);
        const QJsonArray partitions = j.value("partitions").toArray();
        QCOMPARE(partitions.size(), static_cast<int>(layout.partitions.size()));
        for (int p = 0; p < partitions.size(); ++p) {
            const auto& part = layout.partitions[static_cast<std::size_t>(p)];
            const QJsonObject e = partitions[p].toObject();
            QCOMPARE(e.value("name").toString().toStdString(), part.name);
            QCOMPARE(e.value("begin").toInt(), part.offset);
            QCOMPARE(e.value("end").toInt(), part.offset + part.dim);
            const QJsonArray values = e.value("values").toArray();
            QCOMPARE(values.size(), static_cast<int>(part.numComponents));
            for (int v = 0; v < values.size(); ++v)
                QCOMPARE(values[v].toString().toStdString(), part.componentNames[static_cast<std::size_t>(v)]);
            // The prior, float for float: uniform weights, the fitted means and covariances.
            const QJsonObject prior = e.value("prior").toObject();
            const auto means = run.prior.means(p), covs = run.prior.covariances(p);
            const QJsonArray weights = prior.value("weights").toArray(), jm = prior.value("means").toArray(),
                             jc = prior.value("covariances").toArray();
            QCOMPARE(weights.size(), values.size());
            QCOMPARE(jm.size(), values.size());
            QCOMPARE(jc.size(), values.size());
            for (int v = 0; v < values.size(); ++v) {
                QCOMPARE(weights[v].toDouble(), 1.0 / values.size());
                for (int a = 0; a < part.dim; ++a) {
                    QCOMPARE(static_cast<float>(jm[v].toArray()[a].toDouble()), means[v][a].item<float>());
                    for (int b = 0; b < part.dim; ++b)
                        QCOMPARE(static_cast<float>(jc[v].toArray()[a].toArray()[b].toDouble()), covs[v][a][b].item<float>());
                }
            }
        }
        const QJsonArray relations = j.value("relations").toArray();
        QCOMPARE(relations.size(), static_cast<int>(layout.relations.size()));
        for (int r = 0; r < relations.size(); ++r) {
            const auto& route = layout.relations[static_cast<std::size_t>(r)];
            const QJsonObject e = relations[r].toObject();
            QCOMPARE(e.value("name").toString().toStdString(), route.name);
            QCOMPARE(e.value("partition").toString().toStdString(), layout.partitions[static_cast<std::size_t>(route.partition)].name);
            QVERIFY(!e.value("description").toString().isEmpty());
        }
        if (tag == "mae") {
            QCOMPARE(j.value("factors").toArray().size(), partitions.size());
            QCOMPARE(j.value("factors").toArray()[0].toString(), partitions[0].toObject().value("name").toString());
        } else {
            QCOMPARE(partitions[0].toObject().value("name").toString(), QString("combination"));
            QVERIFY(!j.contains("factors")); // the AbsAE's one partition reads every factor at once
        }
    }

    /// The documented form `export --torchscript RUN_DIR OUT_DIR`, and the named one.
    void cliWritesThePair()
    {
        const QString out = m_dir.filePath("cli-export");
        const CliRun r = runCli({"export", "--torchscript", m_mae, out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(out + "/model.pt"));
        QVERIFY(QFile::exists(out + "/model.json"));
        QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden).size(), 2); // no temporary file left
        QVERIFY2(r.err.contains(out + "/model.pt"), qPrintable(r.err));

        const QString named = m_dir.filePath("cli-export-named");
        const CliRun n = runCli({"export", "--torchscript", "--run", m_betavae, "--out", named});
        QVERIFY2(n.code == 0, qPrintable(n.err));
        QCOMPARE(readJson(named + "/model.json").value("model").toString(), QString("betavae"));
    }

    void refusedWithOneSentence()
    {
        // Not a run: nothing is created.
        const QString notRun = m_dir.filePath("not-a-run");
        QDir().mkpath(notRun);
        QFile f(notRun + "/notes.txt");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const QString out = m_dir.filePath("never-made");
        expectRefused({notRun, out}, "is not a LatentLab run directory");
        QVERIFY(!QFile::exists(out));
        expectRefused({m_dir.filePath("no-such-run"), out}, "does not exist");
        QVERIFY(!QFile::exists(out));
        // An existing directory that is not empty is never written into.
        expectRefused({m_mae, notRun}, "The export directory '" + notRun + "' already exists and is not empty");
        QCOMPARE(QDir(notRun).entryList(QDir::Files).size(), 1);
        // A file where the directory should be, and a directory that cannot be created.
        expectRefused({m_mae, notRun + "/notes.txt"}, "is a file; expected a new or empty directory");
        expectRefused({m_mae, notRun + "/notes.txt/sub"}, "Cannot create the export directory '" + notRun + "/notes.txt/sub'");
        // An empty existing directory is fine.
        const QString empty = m_dir.filePath("empty-out");
        QDir().mkpath(empty);
        QCOMPARE(runCli({"export", "--torchscript", m_absae, empty}).code, 0);
        QVERIFY(QFile::exists(empty + "/model.pt"));
    }
};

QTEST_GUILESS_MAIN(TestTorchScriptExport)
#include "tst_torchscriptexport.moc"
