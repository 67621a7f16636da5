// Trainer behaviour on tiny generated data (`test` preset, seconds): loss decreases, cancel leaves a
// loadable run, resume equals an uninterrupted run bit for bit, NaN stops cleanly, bad inputs are
// clear errors, AbsAE trains too.
#include <torch/torch.h>

#include "common/LatentLabError.h"
#include "data/DatasetGenerator.h"
#include "io/CodesFile.h"
#include "io/RunHistory.h"
#include "explorer/LatentExplorer.h"
#include "train/RunDataFile.h"
#include "train/RunDirectory.h"
#include "train/TrainedRun.h"
#include "train/Trainer.h"
#include "train/TrainerFaults.h"
#include "train/TrainingRequest.h"
#include "train/RunStatus.h"
#include "train/TrainingPhase.h"

#include <QtTest>

using namespace latentlab;
using namespace latentlab::train;

class TestTraining : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string m_data;

    std::string dir(const char* name) const { return m_dir.filePath(name).toStdString(); }
    TrainingConfig config(const std::string& model = "mae", int epochs = 3) const
    {
        auto c = TrainingConfig::fromPreset("test", data::DatasetLayout::DSprites);
        c.model = latentlab::model::modelKindFromName(model);
        c.dataFile = m_data;
        c.version = "dsprites-v2";
        c.epochs = epochs;
        c.warmupEpochs = 1;
        c.setSeed(7);
        c.device = "cpu";
        return c;
    }
    static bool sameParameters(TrainedRun& a, TrainedRun& b)
    {
        const auto pa = a.model->named_parameters(), pb = b.model->named_parameters();
        for (const auto& item : pa)
            if (!torch::equal(item.value(), pb[item.key()]))
                return false;
        const auto ba = a.model->named_buffers(), bb = b.model->named_buffers();
        for (const auto& item : ba)
            if (!torch::equal(item.value(), bb[item.key()]))
                return false;
        return true;
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

    void lossDecreasesAndRunDirectoryIsComplete()
    {
        const auto result = Trainer::run(config("mae", 4), dir("run-a"));
        QVERIFY(result.status == latentlab::train::RunStatus::Completed);
        QCOMPARE(result.steps, int64_t(4 * (512 / 16)));
        for (const char* f : {"config.json", "checkpoint.pt", "run.h5", "summary.json"})
            QVERIFY2(QFile::exists(m_dir.filePath(QString("run-a/") + f)), f);
        const auto history = io::RunHistory::read(dir("run-a") + "/run.h5");
        QCOMPARE(int(history.losses.size()), int(result.steps));
        double first = 0, last = 0;
        for (int i = 0; i < 8; ++i) {
            first += history.losses[static_cast<std::size_t>(i)].reconstruction;
            last += history.losses[history.losses.size() - 1 - static_cast<std::size_t>(i)].reconstruction;
        }
        QVERIFY2(last < 0.8 * first, qPrintable(QString("reconstruction %1 -> %2").arg(first / 8).arg(last / 8)));
        QVERIFY(!history.evaluations.empty());
        QCOMPARE(int(history.evaluations.back().perRelation.size()), 5);
        QCOMPARE(int(history.prior.size()), 2);
        QCOMPARE(history.prior[1].components, int64_t(9));
        const auto summary = QJsonDocument::fromJson(QByteArray::fromStdString(RunDirectory(dir("run-a")).readSummary())).object();
        QCOMPARE(summary.value("status").toString(), QString("completed"));
        QCOMPARE(summary.value("provenance").toObject().value("version").toString(), QString(LATENTLAB_VERSION));
        QVERIFY(!summary.value("provenance").toObject().value("git_commit").toString().isEmpty());
        QCOMPARE(summary.value("seeds").toObject().value("labelled").toInt(), 7);
        QCOMPARE(summary.value("per_relation").toObject().size(), 5);
        const double acc = summary.value("relation_accuracy").toDouble();
        QVERIFY(acc >= 0.0 && acc <= 1.0);
        // The recorded config reads back identically.
        QCOMPARE(RunDirectory(dir("run-a")).readConfig().toJson(), config("mae", 4).toJson());
    }

    void modelMetricsOfARun()
    {
        // eval --metrics on the run above: both representations, every key, metrics.json, and the sampled
        // codes files give the same scores through `latentlab-cli metrics` (one code path, one seed).
        const QString run = m_dir.filePath("run-a"), prefix = m_dir.filePath("codes-a");
        auto eval = [&](const QStringList& extra) {
            QProcess p;
            p.start(LATENTLAB_CLI_PATH,
                    QStringList{"eval", "--run", run, "--metrics", "all", "--points-train", "400", "--points-test", "200", "--score-points-train",
                                "40", "--score-points-test", "20", "--json"} +
                        extra);
            if (!p.waitForFinished(240000))
                qFatal("eval did not finish");
            if (p.exitCode() != 0)
                qWarning("%s", p.readAllStandardError().constData());
            return QJsonDocument::fromJson(p.readAllStandardOutput()).object().value("metrics").toObject();
        };
        const QJsonObject m = eval({"--codes-out", prefix});
        QCOMPARE(m.value("factor_names").toArray(), (QJsonArray{"shape", "position"}));
        for (const char* rep : {"class_codes", "means"}) {
            const QJsonObject r = m.value(rep).toObject();
            for (const char* key :
                 {"mig", "sap", "dci_disentanglement", "dci_completeness", "dci_informativeness_train", "dci_informativeness_test", "modularity",
                  "explicitness_train", "explicitness_test", "factorvae_train", "factorvae_eval", "betavae_train", "betavae_eval"}) {
                QVERIFY2(r.contains(key), key);
                const double v = r.value(key).toDouble(-1);
                QVERIFY2(v >= 0.0 && v <= 1.0, qPrintable(QString("%1.%2 = %3").arg(rep, key).arg(v)));
            }
        }
        QVERIFY(QFile::exists(run + "/metrics.json"));
        // Same seed, same numbers.
        QCOMPARE(eval({}).value("means").toObject().value("dci_disentanglement").toDouble(),
                 m.value("means").toObject().value("dci_disentanglement").toDouble());
        for (const char* rep : {"class_codes", "means"}) {
            QProcess p;
            p.start(LATENTLAB_CLI_PATH, {"metrics", "--codes", prefix + "-" + rep + ".h5", "--train", "400", "--json"});
            QVERIFY(p.waitForFinished(120000) && p.exitCode() == 0);
            const QJsonObject again = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
            const QJsonObject r = m.value(rep).toObject();
            for (const char* key : {"mig", "sap", "dci_disentanglement", "dci_completeness", "modularity", "explicitness_test"})
                QVERIFY2(again.value(key).toDouble() == r.value(key).toDouble(), qPrintable(QString("%1.%2").arg(rep, key)));
        }
        // Class codes are per-partition component indices: integers within each partition's range.
        const auto codes = io::CodesFile::read((prefix + "-class_codes.h5").toStdString());
        QCOMPARE(codes.codes.cols, int64_t(2));
        for (std::int64_t i = 0; i < codes.codes.rows; ++i) {
            QCOMPARE(codes.codes(i, 0), std::floor(codes.codes(i, 0)));
            QVERIFY(codes.codes(i, 0) >= 0 && codes.codes(i, 0) < 3 && codes.codes(i, 1) >= 0 && codes.codes(i, 1) < 9);
        }
    }

    void latentExplorerOnARun()
    {
        // The explorer engine (issue 6's core) on the run above: partitions, classification, components,
        // relations that rewrite only their partition, decoding, traversals and slider ranges.
        const auto e = LatentExplorer::open(dir("run-a"));
        QCOMPARE(e->partitionCount(), 2);
        QCOMPARE(QString::fromStdString(e->partitionName(1)), QString("position"));
        QCOMPARE(e->codeDim(), 16);
        QCOMPARE(int(e->relationNames().size()), 5);
        const auto code = e->samplePrior(1);
        QCOMPARE(e->samplePrior(1), code);
        const auto cls = e->classify(code);
        QCOMPARE(int(cls.size()), 2);
        double total = 0;
        for (const double p : cls[1].probabilities)
            total += p;
        QVERIFY(std::abs(total - 1.0) < 1e-9);
        int selfClassified = 0;
        for (std::int64_t v = 0; v < 9; ++v)
            selfClassified += e->classify(e->withComponent(code, 1, v))[1].component == v;
        QVERIFY2(selfClassified >= 5, qPrintable(QString::number(selfClassified)));
        const auto step = e->applyRelation(code, "move-left");
        QCOMPARE(step.partition, 1);
        for (int d = 0; d < e->partitionDim(0); ++d) // the shape partition is copied bit for bit
            QCOMPARE(step.code[static_cast<std::size_t>(e->partitionOffset(0) + d)], code[static_cast<std::size_t>(e->partitionOffset(0) + d)]);
        QCOMPARE(step.after[0].component, step.before[0].component);
        QVERIFY(step.expectedComponent >= 0 && step.expectedComponent < 9);
        QCOMPARE(step.asExpected, step.after[1].component == step.expectedComponent);
        const auto images = e->decode({code, step.code});
        QCOMPARE(images.count, int64_t(2));
        QCOMPARE(int(images.pixels.size()), 2 * 64 * 64 * 1);
        QCOMPARE(int(e->traversal(code, 1).size()), 9);
        const auto fixed = e->sliderRange(code, 1, 0, SliderRangeMode::Fixed);
        QCOMPARE(fixed.low, -3.0);
        const auto component = e->sliderRange(code, 1, 0, SliderRangeMode::PriorComponent);
        const auto all = e->sliderRange(code, 1, 0, SliderRangeMode::PriorAll);
        QVERIFY(component.low < component.high && all.low <= component.low && all.high >= component.high);
        // Dataset samples: the test split, encoded; DataMinMax covers every test encoding.
        QVERIFY(!e->hasData());
        QVERIFY_THROWS_EXCEPTION(LatentLabError, e->dataSample(0));
        e->loadData();
        QCOMPARE(e->sampleCount(), int64_t(64)); // 640 rows, 10% test by base image
        const auto sample = e->dataSample(3);
        QCOMPARE(e->dataSample(3 + e->sampleCount()).fileRow, sample.fileRow);
        QCOMPARE(int(sample.code.size()), 16);
        QCOMPARE(int(sample.image.pixels.size()), 64 * 64);
        QVERIFY(*std::max_element(sample.image.pixels.begin(), sample.image.pixels.end()) == 255);
        QCOMPARE(QString::fromStdString(sample.valueNames[1]), QString::fromStdString(e->componentNames(1)[std::size_t(sample.values[1])]));
        const auto data = e->sliderRange(code, 1, 2, SliderRangeMode::DataMinMax);
        QVERIFY(data.low <= sample.code[8 + 2] && sample.code[8 + 2] <= data.high);
        const auto sweep = e->sweep(code, 1, 2, data, 5);
        QCOMPARE(int(sweep.size()), 5);
        QCOMPARE(double(sweep.front()[10]), double(float(data.low)));
        QCOMPARE(double(sweep.back()[10]), double(float(data.high)));
        QCOMPARE(sweep[2][9], code[9]);
        QVERIFY_THROWS_EXCEPTION(LatentLabError, e->applyRelation(code, "fly-away"));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, e->classify(LatentCode(3, 0.0f)));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, e->withComponent(code, 1, 9));
    }

    void cancelThenResumeEqualsUninterrupted()
    {
        const auto full = Trainer::run(config(), dir("run-full"));
        CancellationToken token;
        const auto cancelled = Trainer::run(
            config(), dir("run-cut"),
            [&](const TrainingProgress& p) {
                if (p.step >= 41) // mid-epoch 2, after the prior fit
                    token.cancel();
            },
            token);
        QVERIFY(cancelled.status == latentlab::train::RunStatus::Cancelled);
        QVERIFY(cancelled.steps < full.steps);
        // A cancelled run is loadable as it is.
        auto partial = TrainedRun::load(dir("run-cut"));
        QCOMPARE(partial.counters.globalStep, cancelled.steps);
        QVERIFY(partial.prior.fitted());
        QVERIFY(QString::fromStdString(RunDirectory(dir("run-cut")).readSummary()).contains("\"cancelled\""));

        const auto resumed = Trainer::resume(dir("run-cut"));
        QCOMPARE(resumed.steps, full.steps);
        auto a = TrainedRun::load(dir("run-full"));
        auto b = TrainedRun::load(dir("run-cut"));
        QVERIFY2(sameParameters(a, b), "resumed weights differ from the uninterrupted run");
        QVERIFY(torch::equal(a.prior.means(1), b.prior.means(1)));
        const auto ha = io::RunHistory::read(dir("run-full") + "/run.h5"), hb = io::RunHistory::read(dir("run-cut") + "/run.h5");
        QCOMPARE(ha.losses.size(), hb.losses.size());
        for (std::size_t i = 0; i < ha.losses.size(); ++i)
            QCOMPARE(ha.losses[i].reconstruction, hb.losses[i].reconstruction);
        QCOMPARE(ha.evaluations.back().relationAccuracy, hb.evaluations.back().relationAccuracy);
    }

    void nanStopsCleanlyAndKeepsLastGoodCheckpoint()
    {
        TrainerFaults poison;
        poison.poisonAtStep = 40;
        try {
            const TrainerFaults::Scope faults(poison);
            Trainer::run(config(), dir("run-nan"));
            QFAIL("training went on with NaN weights");
        } catch (const TrainingStoppedError& e) {
            const QString m = e.what();
            QVERIFY2(m.contains("step 40") && m.contains("not finite") && m.contains("run-nan"), e.what());
        }
        QCOMPARE(TrainerFaults::current().poisonAtStep, std::int64_t(-1)); // the scope ended with the run
        auto run = TrainedRun::load(dir("run-nan"));
        QCOMPARE(run.counters.globalStep, int64_t(32)); // the epoch-1 checkpoint, before the poison
        bool finite = true;
        for (const auto& p : run.model->parameters())
            finite = finite && torch::isfinite(p).all().item<bool>();
        QVERIFY(finite);
        const auto resumed = Trainer::resume(dir("run-nan")); // and it can go on from there
        QVERIFY(resumed.status == latentlab::train::RunStatus::Completed);
    }

    void absaeTrains()
    {
        const auto result = Trainer::run(config("absae", 2), dir("run-abs"));
        QVERIFY(result.status == latentlab::train::RunStatus::Completed);
        auto run = TrainedRun::load(dir("run-abs"));
        QCOMPARE(int(run.prior.layout().partitions.size()), 1);
        QCOMPARE(run.prior.layout().partitions[0].numComponents, int64_t(27));
        QCOMPARE(int(result.evaluation.perRelation.size()), 5);
        // The explorer on the baseline: one joint partition whose values are the 27 combinations.
        const auto e = LatentExplorer::open(dir("run-abs"));
        QCOMPARE(e->partitionCount(), 1);
        QCOMPARE(int(e->componentNames(0).size()), 27);
        e->loadData();
        const auto sample = e->dataSample(0);
        QCOMPARE(int(sample.values.size()), 2);     // shape and position
        QCOMPARE(int(sample.valueNames.size()), 1); // their combination
        const auto step = e->applyRelation(sample.code, "move-left");
        QCOMPARE(step.partition, 0);
        QVERIFY(step.expectedComponent >= 0 && step.expectedComponent < 27);
    }

    /// The stored names of the domain's enums: what config.json, summary.json and logs have always said.
    void domainNames_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("name");
        QTest::newRow("mae") << "model" << int(model::ModelKind::ModularAutoEncoder) << "mae";
        QTest::newRow("absae") << "model" << int(model::ModelKind::AbsAE) << "absae";
        QTest::newRow("betavae") << "model" << int(model::ModelKind::BetaVae) << "betavae";
        QTest::newRow("running") << "status" << int(RunStatus::Running) << "running";
        QTest::newRow("completed") << "status" << int(RunStatus::Completed) << "completed";
        QTest::newRow("cancelled") << "status" << int(RunStatus::Cancelled) << "cancelled";
        QTest::newRow("warm-up") << "phase" << int(TrainingPhase::WarmUp) << "warm-up";
        QTest::newRow("fitting prior") << "phase" << int(TrainingPhase::FittingPrior) << "fitting prior";
        QTest::newRow("relational") << "phase" << int(TrainingPhase::Relational) << "relational";
    }
    void domainNames()
    {
        QFETCH(QString, kind);
        QFETCH(int, value);
        QFETCH(QString, name);
        if (kind == "model") {
            QCOMPARE(QString::fromStdString(model::modelKindName(model::ModelKind(value))), name);
            QCOMPARE(int(model::modelKindFromName(name.toStdString())), value);
        } else if (kind == "status") {
            QCOMPARE(QString::fromStdString(runStatusName(RunStatus(value))), name);
            QCOMPARE(int(runStatusFromName(name.toStdString())), value);
        } else {
            QCOMPARE(QString::fromStdString(trainingPhaseName(TrainingPhase(value))), name);
        }
    }
    void unknownNamesAreRefused()
    {
        QVERIFY_THROWS_EXCEPTION(LatentLabError, model::modelKindFromName("vae"));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, runStatusFromName("done"));
        try {
            model::modelKindFromName("vae");
        } catch (const LatentLabError& e) {
            QVERIFY2(QString(e.what()).contains("expected 'mae'"), e.what());
        }
    }

    /// Options become a config in one place (the CLI and the Train dialog both use TrainingRequest).
    void trainingRequestBuildsTheConfig()
    {
        TrainingRequest plain;
        plain.dataFile = "d.h5";
        const TrainingConfig fromPreset = plain.toConfig();
        QCOMPARE(fromPreset.preset, std::string("demo-cpu"));
        QCOMPARE(fromPreset.version, std::string("dsprites-v2"));
        QVERIFY(fromPreset.model == model::ModelKind::ModularAutoEncoder);
        QVERIFY(std::filesystem::path(fromPreset.dataFile).is_absolute());
        QCOMPARE(fromPreset.seedSplit, std::uint64_t(0));

        TrainingRequest chosen = plain;
        chosen.preset = "test";
        chosen.version = "shapes3d-v2";
        chosen.model = model::ModelKind::AbsAE;
        chosen.seed = 7;
        chosen.epochs = 4;
        chosen.settings = "batch_size=16,cycle_weight=0.5";
        const TrainingConfig c = chosen.toConfig();
        QCOMPARE(c.version, std::string("shapes3d-v2"));
        QCOMPARE(c.filters, TrainingConfig::fromPreset("test", data::DatasetLayout::Shapes3D).filters); // the 3D Shapes column
        QVERIFY(c.model == model::ModelKind::AbsAE);
        QCOMPARE(c.seedTorch, std::uint64_t(7));
        QCOMPARE(c.seedLabelled, std::uint64_t(7));
        QCOMPARE(c.epochs, 4);
        QCOMPARE(c.batchSize, 16);
        QCOMPARE(c.cycleWeight, 0.5);

        // A config file is the starting point: its version, model and seeds stay unless asked otherwise.
        TrainingRequest again;
        again.dataFile = "d.h5";
        again.configText = c.toJson();
        again.configOrigin = "'c.json'";
        const TrainingConfig same = again.toConfig();
        QCOMPARE(same.toJson(), [&] {
            TrainingConfig x = c;
            x.dataFile = same.dataFile;
            return x.toJson();
        }());
        again.seed = 9;
        QCOMPARE(again.toConfig().seedSplit, std::uint64_t(9));
    }

    void trainingRequestRefusals_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("mention");
        QTest::newRow("no data") << "data"
                                 << "dataset file";
        QTest::newRow("unknown version") << "version"
                                         << "dsprites-v9";
        QTest::newRow("unknown preset") << "preset"
                                        << "fast";
        QTest::newRow("bad setting") << "set"
                                     << "KEY=VALUE";
        QTest::newRow("unknown key") << "key"
                                     << "unknown key 'batchsize'";
    }
    void trainingRequestRefusals()
    {
        QFETCH(QString, what);
        QFETCH(QString, mention);
        TrainingRequest r;
        r.dataFile = what == "data" ? "" : "d.h5";
        if (what == "version")
            r.version = "dsprites-v9";
        if (what == "preset")
            r.preset = "fast";
        if (what == "set")
            r.settings = "batch_size";
        if (what == "key")
            r.settings = "batchsize=3";
        try {
            r.toConfig();
            QFAIL("accepted a bad request");
        } catch (const LatentLabError& e) {
            QVERIFY2(QString(e.what()).contains(mention), e.what());
        }
    }

    void runDataFileIsFoundWhereARunMoved_data()
    {
        // Where the data lies relative to the run "moved/run" and what the config records.
        QTest::addColumn<QString>("dataAt");
        QTest::addColumn<QString>("recorded");
        QTest::addColumn<QString>("found"); // empty: refused
        QTest::newRow("recorded path exists") << "elsewhere/d.h5"
                                              << "ABS:elsewhere/d.h5"
                                              << "elsewhere/d.h5";
        QTest::newRow("relative to the run") << "moved/run/data/d.h5"
                                             << "data/d.h5"
                                             << "moved/run/data/d.h5";
        QTest::newRow("inside the run") << "moved/run/d.h5"
                                        << "/gone/machine/d.h5"
                                        << "moved/run/d.h5";
        QTest::newRow("beside the run") << "moved/d.h5"
                                        << "/gone/machine/d.h5"
                                        << "moved/d.h5";
        QTest::newRow("nowhere") << ""
                                 << "/gone/machine/d.h5"
                                 << "";
    }

    void runDataFileIsFoundWhereARunMoved()
    {
        QFETCH(QString, dataAt);
        QFETCH(QString, recorded);
        QFETCH(QString, found);
        QTemporaryDir root;
        QVERIFY(QDir().mkpath(root.filePath("moved/run")));
        if (!dataAt.isEmpty()) {
            QVERIFY(QDir().mkpath(QFileInfo(root.filePath(dataAt)).absolutePath()));
            QVERIFY(QFile::copy(QString::fromStdString(m_data), root.filePath(dataAt)));
        }
        const std::string run = root.filePath("moved/run").toStdString();
        const std::string given = recorded.startsWith("ABS:") ? root.filePath(recorded.mid(4)).toStdString() : recorded.toStdString();
        if (found.isEmpty()) {
            try {
                latentlab::train::RunDataFile::locate(run, given);
                QFAIL("found a data file that is not there");
            } catch (const LatentLabError& e) {
                QVERIFY2(QString(e.what()).endsWith("give the data file with --data FILE."), e.what());
            }
            return;
        }
        const QString got = QString::fromStdString(latentlab::train::RunDataFile::locate(run, given));
        QCOMPARE(QFileInfo(got).canonicalFilePath(), QFileInfo(root.filePath(found)).canonicalFilePath());
    }

    void badInputsAreClearErrors_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("mention");
        QTest::newRow("unknown key") << R"({"epoch": 3})"
                                     << "unknown key 'epoch'";
        QTest::newRow("wrong type") << R"({"epochs": "three"})"
                                    << "'epochs' must be an integer";
        QTest::newRow("negative seed") << R"({"seed_torch": -1})"
                                       << "'seed_torch'";
        QTest::newRow("warm-up too long") << R"({"epochs": 2, "warmup_epochs": 2})"
                                          << "warmup_epochs";
        QTest::newRow("bad model") << R"({"model": "vae"})"
                                   << "'model'";
        QTest::newRow("not json") << "{epochs: 2"
                                  << "not valid JSON";
        QTest::newRow("batch of one") << R"({"batch_size": 1})"
                                      << "batch_size";
    }

    void badInputsAreClearErrors()
    {
        QFETCH(QString, json);
        QFETCH(QString, mention);
        try {
            TrainingConfig::fromJson(json.toStdString(), "'cfg.json'");
            QFAIL("accepted a bad config");
        } catch (const LatentLabError& e) {
            QVERIFY2(QString(e.what()).contains(mention), e.what());
        }
    }

    void wrongRunDirectoriesAndArchitectures()
    {
        QVERIFY_THROWS_EXCEPTION(LatentLabError, Trainer::resume(dir("no-such-run")));
        QDir(m_dir.path()).mkdir("empty");
        try {
            TrainedRun::load(dir("empty"));
            QFAIL("loaded an empty directory");
        } catch (const LatentLabError& e) {
            QVERIFY(QString(e.what()).contains("not a LatentLab run directory"));
        }
        // A new run refuses a directory that already holds one.
        QVERIFY_THROWS_EXCEPTION(LatentLabError, Trainer::run(config(), dir("run-a")));
        // A run directory whose checkpoint belongs to another architecture.
        QDir(m_dir.path()).mkdir("mixed");
        auto other = config();
        other.filters = 16;
        RunDirectory(dir("mixed")).writeConfig(other);
        QVERIFY(QFile::copy(m_dir.filePath("run-a/checkpoint.pt"), m_dir.filePath("mixed/checkpoint.pt")));
        try {
            TrainedRun::load(dir("mixed"));
            QFAIL("loaded a checkpoint of another architecture");
        } catch (const LatentLabError& e) {
            QVERIFY2(QString(e.what()).contains("different architecture"), e.what());
        }
        // Data of the wrong layout for the version.
        data::DatasetGenerationRequest req;
        req.kind = data::DatasetLayout::Shapes3D;
        req.rows = 40;
        req.outPath = dir("s.h5");
        data::DatasetGenerator::generate(req);
        auto c = config();
        c.dataFile = req.outPath;
        try {
            Trainer::run(c, dir("run-layout"));
            QFAIL("trained dsprites-v2 on a 3D Shapes file");
        } catch (const LatentLabError& e) {
            QVERIFY2(QString(e.what()).contains("shapes3d layout"), e.what());
        }
        // A run refused for its data writes nothing: no directory, and the corrected call may use the path.
        QVERIFY(!QFileInfo::exists(m_dir.filePath("run-layout")));
        c.dataFile = dir("no-such-data.h5");
        QVERIFY(QDir(m_dir.path()).mkdir("run-missing")); // an existing empty directory stays empty
        QVERIFY_THROWS_EXCEPTION(LatentLabError, Trainer::run(c, dir("run-missing")));
        QVERIFY(QDir(m_dir.filePath("run-missing")).isEmpty());
        const auto corrected = Trainer::run(config("mae", 2), dir("run-layout"));
        QVERIFY(corrected.status == latentlab::train::RunStatus::Completed);
        QVERIFY(QFile::exists(m_dir.filePath("run-layout/checkpoint.pt")));
    }
};

QTEST_GUILESS_MAIN(TestTraining)
#include "tst_training.moc"
