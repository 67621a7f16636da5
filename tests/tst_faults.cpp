// Fault tests (issue 9): latentlab-cli killed with SIGKILL inside its atomic writes (the
// LATENTLAB_FAULT_KILL_IN_WRITE hook) and at seeded-random moments, a full disk (a tiny tmpfs, or
// RLIMIT_FSIZE where mounting is refused), and NaN in weights, learning rate and data. Each case checks
// what a user relies on: the run directory loads and holds the last complete state, an error is one
// sentence naming the file, nothing is left half-written. `test` preset on 192 procedural images.
#include <torch/torch.h> // only to load and poison checkpoints (TrainingCheckpoint)

#include "TestDatasetFiles.h"

#include "common/LatentLabError.h"
#include "io/CodesFile.h"
#include "io/EncodingsFile.h"
#include "io/Hdf5Gateway.h"
#include "io/RunHistory.h"
#include "train/ModelFactory.h"
#include "train/RunDirectory.h"
#include "train/Trainer.h"
#include "train/TrainerFaults.h"
#include "train/TrainingCheckpoint.h"

#include <H5Cpp.h>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <functional>
#include <sys/mount.h>
#include <sys/resource.h>

using namespace latentlab;

namespace {

constexpr quint32 kSeed = 20260901;

/// How the tests run latentlab-cli beyond runCli: fault hook, a kill at a moment, a file size limit.
struct CliOptions {
    int killInWrite = 0;      ///< LATENTLAB_FAULT_KILL_IN_WRITE (0: unset)
    int killAfterMs = -1;     ///< SIGKILL after this many ms if still running (-1: never)
    qint64 fileSizeLimit = 0; ///< RLIMIT_FSIZE of the child, SIGXFSZ ignored (0: none)
};
CliOptions killInWrite(int n)
{
    CliOptions o;
    o.killInWrite = n;
    return o;
}
CliOptions killAfter(int ms)
{
    CliOptions o;
    o.killAfterMs = ms;
    return o;
}
CliOptions fileSizeLimit(qint64 bytes)
{
    CliOptions o;
    o.fileSizeLimit = bytes;
    return o;
}

struct CliOutcome {
    bool killed = false; ///< ended by a signal
    int code = -1;       ///< exit code when it exited normally
    QString out, err;
    QString lastLine() const { return err.trimmed().split('\n').last(); }
    /// What only a crash or an unfiltered library message would print.
    bool hasNoise() const
    {
        return err.contains("HDF5-DIAG") || err.contains("frame #") || err.contains("terminate called") || err.contains("~H5") ||
            err.contains("unexpected error");
    }
};

CliOutcome cli(const QStringList& args, const CliOptions& o = {})
{
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert("OMP_WAIT_POLICY", "PASSIVE");
    env.remove("LATENTLAB_FAULT_KILL_IN_WRITE");
    if (o.killInWrite > 0)
        env.insert("LATENTLAB_FAULT_KILL_IN_WRITE", QString::number(o.killInWrite));
    p.setProcessEnvironment(env);
    if (o.fileSizeLimit > 0) {
        const auto limit = static_cast<rlim_t>(o.fileSizeLimit);
        p.setChildProcessModifier([limit] { // in the child, between fork and exec
            struct rlimit r { };
            ::getrlimit(RLIMIT_FSIZE, &r);
            r.rlim_cur = limit;
            ::setrlimit(RLIMIT_FSIZE, &r);
            ::signal(SIGXFSZ, SIG_IGN); // write(2) then fails with EFBIG instead of killing
        });
    }
    p.start(LATENTLAB_CLI_PATH, args);
    if (o.killAfterMs >= 0 && !p.waitForFinished(o.killAfterMs))
        p.kill();
    // waitForFinished() is false for a process that has already finished (one that ended before
    // its kill moment): only wait for one still running.
    const bool finished = p.state() == QProcess::NotRunning || p.waitForFinished(240000);
    if (!finished) {
        p.kill();
        p.waitForFinished();
    }
    QTest::qVerify(finished, "finished", qPrintable("latentlab-cli " + args.join(' ') + " did not finish in time"), __FILE__, __LINE__);
    CliOutcome r;
    r.killed = p.exitStatus() == QProcess::CrashExit;
    r.code = r.killed ? -1 : p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

/// Files a killed writer left ("NAME.tmp-PID").
QStringList temporaries(const QString& dir) { return QDir(dir).entryList({"*.tmp-*"}, QDir::Files | QDir::Hidden); }

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject jsonObject(const QByteArray& text, bool* ok)
{
    QJsonParseError error{};
    const auto doc = QJsonDocument::fromJson(text, &error);
    *ok = error.error == QJsonParseError::NoError && doc.isObject();
    return doc.object();
}

/// Where a run directory stands, as epochs done per file (-1: the file is absent).
struct RunFiles {
    bool config = false;
    int checkpoint = -1;
    int history = -1;
    int summary = -1;
};

/// One atomic write of a training session: the file and the epochs done it records.
struct Write {
    QString file;
    int epochs;
};

/// The atomic writes of one session in the trainer's order (the fault hook counts them from 1): a new
/// run writes config.json and the step-0 checkpoint, then per epoch run.h5, checkpoint.pt and
/// summary.json; a resume goes on after its checkpoint's epoch (from a step-0 checkpoint when there is
/// none), and a resume of a finished run rewrites run.h5 and summary.json.
QVector<Write> sessionWrites(const RunFiles& before, bool newRun, int epochs)
{
    QVector<Write> w;
    if (newRun)
        w.push_back({"config.json", 0});
    int from = before.checkpoint;
    if (newRun || before.checkpoint < 0) {
        w.push_back({"checkpoint.pt", 0});
        from = 0;
    }
    for (int e = from + 1; e <= epochs; ++e)
        w += {{"run.h5", e}, {"checkpoint.pt", e}, {"summary.json", e}};
    if (!newRun && before.checkpoint == epochs)
        w += {{"run.h5", epochs}, {"summary.json", epochs}};
    return w;
}

RunFiles afterWrites(RunFiles s, const QVector<Write>& writes, int count)
{
    for (int i = 0; i < count; ++i) {
        const auto& w = writes[i];
        if (w.file == "config.json")
            s.config = true;
        else if (w.file == "checkpoint.pt")
            s.checkpoint = w.epochs;
        else if (w.file == "run.h5")
            s.history = w.epochs;
        else
            s.summary = w.epochs;
    }
    return s;
}

/// The checkpoint of a run directory loaded as the trainer loads it (networks, optimizers, prior).
struct LoadedCheckpoint {
    train::TrainingConfig config;
    model::LatentLayout layout;
    model::RelationalAutoEncoder model{nullptr};
    model::MixturePrior prior;
    train::TrainingOptimizers optimizers;
    train::TrainingCounters counters;

    explicit LoadedCheckpoint(const QString& runDir)
    {
        const train::RunDirectory dir(runDir.toStdString());
        config = dir.readConfig();
        layout = train::ModelFactory::layout(config);
        model = train::ModelFactory::network(config, layout, /*channels=*/1);
        prior = train::ModelFactory::prior(config, layout);
        optimizers = train::TrainingOptimizers::forModel(model, config.learningRate);
        counters = train::TrainingCheckpoint::load(dir.checkpointPath(), model, &optimizers, prior, /*restoreRng=*/false);
    }
    bool finite() const
    {
        for (const auto& p : model->parameters())
            if (!torch::isfinite(p).all().item<bool>())
                return false;
        return true;
    }
};

/// A small file system for the disk-full tests. As root: a tmpfs of `tmpfsBytes` on a temporary
/// directory. Where mounting is refused (a container without CAP_SYS_ADMIN, or
/// LATENTLAB_TEST_NO_MOUNT=1): a plain directory whose writers run under RLIMIT_FSIZE =
/// `fileLimitBytes` (a per-file limit: write(2) fails with EFBIG instead of ENOSPC).
class TinyDisk {
public:
    TinyDisk(qint64 tmpfsBytes, qint64 fileLimitBytes) : m_fileLimit(fileLimitBytes)
    {
        if (qEnvironmentVariableIsEmpty("LATENTLAB_TEST_NO_MOUNT")) {
            const std::string options = "size=" + std::to_string(tmpfsBytes) + ",mode=0755";
            m_mounted = ::mount("tmpfs", m_root.path().toLocal8Bit().constData(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) == 0;
        }
    }
    ~TinyDisk()
    {
        if (m_mounted)
            ::umount2(m_root.path().toLocal8Bit().constData(), MNT_DETACH);
    }
    TinyDisk(const TinyDisk&) = delete;
    TinyDisk& operator=(const TinyDisk&) = delete;

    bool usable() const
    {
        struct rlimit r { };
        return m_root.isValid() && (m_mounted || (::getrlimit(RLIMIT_FSIZE, &r) == 0 && r.rlim_max >= static_cast<rlim_t>(m_fileLimit)));
    }
    bool mounted() const { return m_mounted; }
    QString filePath(const QString& name) const { return m_root.filePath(name); }
    QString path() const { return m_root.path(); }
    /// Options for a CLI writing here.
    CliOptions writer() const { return m_mounted ? CliOptions{} : fileSizeLimit(m_fileLimit); }
    /// The end of the sentence a writer must give.
    QString cause() const
    {
        return m_mounted ? "disk full (No space left on device)" : "file too large for the process's file size limit (File too large)";
    }
    /// Runs `f` in this process under the disk's limit (the file size limit, when not mounted).
    void runLimited(const std::function<void()>& f) const
    {
        struct rlimit old { };
        ::getrlimit(RLIMIT_FSIZE, &old);
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        if (!m_mounted) {
            struct rlimit limited = old;
            limited.rlim_cur = static_cast<rlim_t>(m_fileLimit);
            ::setrlimit(RLIMIT_FSIZE, &limited);
        }
        try {
            f();
        } catch (...) {
            ::setrlimit(RLIMIT_FSIZE, &old);
            std::signal(SIGXFSZ, oldHandler);
            throw;
        }
        ::setrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, oldHandler);
    }

private:
    QTemporaryDir m_root;
    qint64 m_fileLimit;
    bool m_mounted = false;
};

} // namespace

class TestFaults : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_data;
    QString m_reference; ///< an uninterrupted run of the same data and config
    QJsonObject m_referenceSummary;
    int m_epochs = 0, m_stepsPerEpoch = 0;
    qint64 m_referenceMs = 0;
    qint64 m_checkpointBytes = 0;

    QString path(const QString& name) const { return m_dir.filePath(name); }
    QStringList trainArgs(const QString& out) const { return {"train", "--data", m_data, "--preset", "test", "--device", "cpu", "--out", out}; }

    /// `small` writes `out` on `disk`; `big`, over it, is refused with the one sentence "Cannot write
    /// WHAT 'OUT': CAUSE." and leaves the previous file as it was and no temporary file.
    static void expectRefusedOverPrevious(const TinyDisk& disk, const QString& out, const QString& what, const QStringList& small,
                                          const QStringList& big)
    {
        const auto first = cli(small, disk.writer());
        QVERIFY2(first.code == 0, qPrintable(first.err));
        const QByteArray before = fileBytes(out);
        QVERIFY(!before.isEmpty());
        const auto r = cli(big, disk.writer());
        QCOMPARE(r.code, 1);
        QCOMPARE(r.lastLine(), "latentlab-cli: Cannot write " + what + " '" + out + "': " + disk.cause() + ".");
        QVERIFY2(!r.hasNoise(), qPrintable(r.err));
        QCOMPARE(fileBytes(out), before);
        QVERIFY2(temporaries(disk.path()).isEmpty(), qPrintable(temporaries(disk.path()).join(' ')));
    }

    /// The state on disk equals `expected`: each present file parses and records the expected step.
    void verifyRunFiles(const QString& dir, const RunFiles& expected)
    {
        const train::RunDirectory run(dir.toStdString());
        QCOMPARE(QFileInfo::exists(dir + "/config.json"), expected.config);
        if (expected.config)
            run.readConfig(); // throws on a damaged file
        QCOMPARE(QFileInfo::exists(dir + "/checkpoint.pt"), expected.checkpoint >= 0);
        QCOMPARE(QFileInfo::exists(dir + "/run.h5"), expected.history >= 0);
        if (expected.history > 0) {
            const auto h = io::RunHistory::read(run.historyPath());
            QVERIFY(!h.losses.empty());
            QCOMPARE(h.losses.back().step, std::int64_t(expected.history * m_stepsPerEpoch));
        }
        QCOMPARE(QFileInfo::exists(dir + "/summary.json"), expected.summary >= 0);
        if (expected.summary >= 0) {
            bool ok = false;
            const auto s = jsonObject(fileBytes(dir + "/summary.json"), &ok);
            QVERIFY2(ok, qPrintable(dir + "/summary.json does not parse"));
            QCOMPARE(s["steps"].toInt(), expected.summary * m_stepsPerEpoch);
        }
    }

    /// The process died in the fault hook, inside its write of `file`, whose temporary file is there.
    static void expectKilledInWriteOf(const CliOutcome& r, const QString& file)
    {
        QVERIFY2(r.killed, qPrintable("not killed: " + r.err));
        const auto m = QRegularExpression("fault injection: killed in write \\d+, of '([^']+)'").match(r.err);
        QVERIFY2(m.hasMatch(), qPrintable(r.err));
        const QString tmp = m.captured(1);
        QVERIFY2(tmp.startsWith(file + ".tmp-"), qPrintable(tmp + " is not a temporary file of " + file));
        QVERIFY2(QFileInfo::exists(tmp), qPrintable(tmp));
    }

    /// `train --resume` found the state a resume must start from.
    void expectResumedFrom(const CliOutcome& r, const RunFiles& before)
    {
        if (before.checkpoint < 0)
            QVERIFY2(r.err.contains("No checkpoint yet"), qPrintable(r.err));
        else
            QVERIFY2(r.err.contains(QString("Resumed at step %1 (").arg(before.checkpoint * m_stepsPerEpoch)), qPrintable(r.err));
    }

    /// A last resume completes, removes what killed writers left and ends as the uninterrupted run.
    void finishAndCompare(const QString& dir, const RunFiles& before)
    {
        const auto r = cli({"train", "--resume", dir, "--json"});
        QCOMPARE(r.code, 0);
        expectResumedFrom(r, before);
        QVERIFY2(temporaries(dir).isEmpty(), qPrintable(temporaries(dir).join(' ')));
        bool ok = false;
        const auto s = jsonObject(r.out.toUtf8(), &ok);
        QVERIFY2(ok, qPrintable(r.out));
        QCOMPARE(s["status"].toString(), QString("completed"));
        QCOMPARE(s["steps"].toInt(), m_referenceSummary["steps"].toInt());
        QCOMPARE(s["reconstruction_bce"].toDouble(), m_referenceSummary["reconstruction_bce"].toDouble());
        QCOMPARE(s["image_relation_accuracy"].toDouble(), m_referenceSummary["image_relation_accuracy"].toDouble());
        // Prior triples are drawn from the RNG: equal unless the final evaluation died with run.h5
        // and was drawn again after the checkpoint's RNG state.
        if (before.checkpoint < m_epochs || before.history == m_epochs)
            QCOMPARE(s["relation_accuracy"].toDouble(), m_referenceSummary["relation_accuracy"].toDouble());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_data = path("d2.h5");
        testfiles::generateDsprites(m_data, "dsprites-v2", 192, 3);
        m_reference = path("reference");
        QElapsedTimer t;
        t.start();
        const auto r = cli(trainArgs(m_reference) << "--json");
        m_referenceMs = t.elapsed();
        QCOMPARE(r.code, 0);
        bool ok = false;
        m_referenceSummary = jsonObject(r.out.toUtf8(), &ok);
        QVERIFY(ok);
        m_epochs = m_referenceSummary["epochs"].toInt();
        QVERIFY(m_epochs >= 2);
        m_stepsPerEpoch = m_referenceSummary["total_steps"].toInt() / m_epochs;
        QVERIFY(m_stepsPerEpoch >= 2);
        m_checkpointBytes = QFileInfo(m_reference + "/checkpoint.pt").size();
        QVERIFY(m_checkpointBytes > 0);
    }

    // --- kill -9 -------------------------------------------------------------------------------------

    void staleTemporariesDoNotBlockANewRun()
    {
        const QString dir = path("stale");
        QVERIFY(QDir().mkpath(dir));
        QFile live(dir + "/config.json.tmp-" + QString::number(QCoreApplication::applicationPid()));
        QVERIFY(live.open(QIODevice::WriteOnly));
        live.close();
        QFile dead(dir + "/checkpoint.pt.tmp-999999999"); // no such process
        QVERIFY(dead.open(QIODevice::WriteOnly));
        dead.close();
        const train::RunDirectory run(dir.toStdString());
        QVERIFY_THROWS_EXCEPTION(LatentLabError, run.createForNewRun()); // a live writer's file counts
        QVERIFY(QFile::remove(live.fileName()));
        run.createForNewRun(); // only the dead one is left: removed, the directory is empty
        QVERIFY(temporaries(dir).isEmpty());
    }

    void killInsideWritesThenResume()
    {
        const QString dir = path("kill-in-writes");
        QRandomGenerator rng(kSeed);
        RunFiles state;

        // Killed writing config.json: nothing complete yet, and its temporary file must not stop a new
        // run in the same directory.
        auto r = cli(trainArgs(dir), killInWrite(1));
        expectKilledInWriteOf(r, dir + "/config.json");
        verifyRunFiles(dir, state);
        if (QTest::currentTestFailed())
            return;

        // A new run there, killed writing its step-0 checkpoint: the config alone is complete.
        auto writes = sessionWrites(state, /*newRun=*/true, m_epochs);
        r = cli(trainArgs(dir), killInWrite(2));
        expectKilledInWriteOf(r, dir + "/" + writes[1].file);
        state = afterWrites(state, writes, 1);
        verifyRunFiles(dir, state);
        if (QTest::currentTestFailed())
            return;

        // Resumed three times, killed inside a seeded-random write of an epoch's checkpoint, then of
        // run.h5, then of summary.json (any write when the session makes none of that kind).
        for (const QString kind : {"checkpoint.pt", "run.h5", "summary.json"}) {
            writes = sessionWrites(state, /*newRun=*/false, m_epochs);
            QVector<int> candidates;
            for (int i = 0; i < writes.size(); ++i)
                if (writes[i].file == kind && writes[i].epochs > 0)
                    candidates.push_back(i);
            if (candidates.isEmpty())
                for (int i = 0; i < writes.size(); ++i)
                    candidates.push_back(i);
            const int n = candidates[static_cast<int>(rng.bounded(static_cast<quint32>(candidates.size())))] + 1;
            qInfo("resume killed in its write %d of %d (%s, epoch %d)", n, int(writes.size()), qPrintable(writes[n - 1].file), writes[n - 1].epochs);
            r = cli({"train", "--resume", dir}, killInWrite(n));
            expectKilledInWriteOf(r, dir + "/" + writes[n - 1].file);
            expectResumedFrom(r, state);
            state = afterWrites(state, writes, n - 1);
            verifyRunFiles(dir, state);
            if (QTest::currentTestFailed())
                return;
        }
        finishAndCompare(dir, state);
    }

    void killAtRandomMomentsThenResume()
    {
        const QString dir = path("kill-at-moments");
        QRandomGenerator rng(kSeed + 1);
        const train::RunDirectory run(dir.toStdString());
        int kills = 0;
        for (int k = 0; k < 3; ++k) {
            const int ms = 300 + static_cast<int>(rng.bounded(static_cast<quint32>(std::max<qint64>(200, m_referenceMs * 9 / 10 - 300))));
            const auto r = cli(run.hasConfig() ? QStringList{"train", "--resume", dir} : trainArgs(dir), killAfter(ms));
            if (!r.killed) { // finished before the moment came
                QCOMPARE(r.code, 0);
                break;
            }
            ++kills;
            // Whatever the moment: every file there is complete, at most one write was cut short.
            QVERIFY2(temporaries(dir).size() <= 1, qPrintable(temporaries(dir).join(' ')));
            if (run.hasConfig())
                run.readConfig();
            if (QFileInfo::exists(dir + "/run.h5"))
                io::RunHistory::read(run.historyPath());
            if (QFileInfo::exists(dir + "/summary.json")) {
                bool ok = false;
                const auto s = jsonObject(fileBytes(dir + "/summary.json"), &ok);
                QVERIFY(ok);
                QCOMPARE(s["steps"].toInt() % m_stepsPerEpoch, 0);
            }
        }
        QVERIFY(kills >= 1);
        // The last complete state, as a resume finds it, then a resume to the end.
        RunFiles before;
        before.config = run.hasConfig();
        if (run.hasCheckpoint())
            before.checkpoint = static_cast<int>(LoadedCheckpoint(dir).counters.globalStep / m_stepsPerEpoch);
        if (QFileInfo::exists(dir + "/run.h5")) {
            const auto h = io::RunHistory::read(run.historyPath());
            before.history = h.evaluations.empty() ? 0 : static_cast<int>(h.evaluations.back().step / m_stepsPerEpoch);
        }
        if (!before.config)
            QCOMPARE(cli(trainArgs(dir)).code, 0); // killed before its config was complete: start it again
        else
            finishAndCompare(dir, before);
    }

    // --- disk full -----------------------------------------------------------------------------------

    void diskFullDuringTraining()
    {
        // tmpfs: the step-0 checkpoint (a third of a full one: no Adam state yet), the epoch-1 files
        // and one full checkpoint fit, a second full one (the old one stays until the rename) does not:
        // the epoch-2 checkpoint fails after the epoch-2 run.h5. File size limit: the step-0 checkpoint
        // and the epoch-1 run.h5 fit, the epoch-1 checkpoint does not.
        TinyDisk disk(m_checkpointBytes * 3 / 2 + (256 << 10), m_checkpointBytes * 6 / 10);
        if (!disk.usable())
            QSKIP("neither a tmpfs mount nor RLIMIT_FSIZE is available here");
        const QString dir = disk.filePath("run");
        const auto r = cli(trainArgs(dir), disk.writer());
        QCOMPARE(r.code, 1);
        QCOMPARE(r.lastLine(), "latentlab-cli: Cannot write checkpoint '" + dir + "/checkpoint.pt': " + disk.cause() + ".");
        QVERIFY2(!r.hasNoise(), qPrintable(r.err));
        QVERIFY2(temporaries(dir).isEmpty(), qPrintable(temporaries(dir).join(' ')));
        RunFiles before;
        before.config = true;
        before.checkpoint = disk.mounted() ? 1 : 0;
        before.history = disk.mounted() ? 2 : 1;
        before.summary = disk.mounted() ? 1 : -1;
        verifyRunFiles(dir, before);
        // What was written loads and goes on to the uninterrupted result, on a disk with room.
        const QString copy = path("disk-full-copy");
        QVERIFY(QDir().mkpath(copy));
        for (const auto& f : QDir(dir).entryList(QDir::Files))
            QVERIFY(QFile::copy(dir + "/" + f, copy + "/" + f));
        finishAndCompare(copy, before);
    }

    void diskFullWritingADataset()
    {
        TinyDisk disk(2 << 20, 2 << 20);
        if (!disk.usable())
            QSKIP("neither a tmpfs mount nor RLIMIT_FSIZE is available here");
        // 192 sprites, then 40000 over them (2 MB compressed, over the 1 MB the writer keeps free to close).
        const QString out = disk.filePath("data.h5");
        expectRefusedOverPrevious(disk, out, "dataset file",
                                  {"dataset", "generate", "--kind", "dsprites", "--version", "dsprites-v2", "--rows", "192", "--out", out},
                                  {"dataset", "generate", "--kind", "dsprites", "--rows", "40000", "--out", out});
    }

    void diskFullWritingASimilarityFile()
    {
        TinyDisk disk(2 << 20, 2 << 20);
        if (!disk.usable())
            QSKIP("neither a tmpfs mount nor RLIMIT_FSIZE is available here");
        const auto encodings = [&](const QString& file, std::int64_t models, std::int64_t dims) {
            io::EncodingsFile e;
            e.models = models, e.samples = 60, e.dims = dims;
            QRandomGenerator rng(kSeed);
            for (std::int64_t i = 0; i < models * e.samples * dims; ++i) {
                e.mu.push_back(rng.generateDouble() * 4 - 2);
                e.logvar.push_back(-2 - rng.generateDouble());
            }
            e.write(path(file).toStdString());
            return path(file);
        };
        // 8 channels, then 450 over them (/nmi and /vi alone are 3.2 MB).
        const QString out = disk.filePath("similarity.h5");
        expectRefusedOverPrevious(disk, out, "similarity file",
                                  {"similarity", "--encodings", encodings("few.h5", 2, 4), "--out", out, "--min-samples", "2"},
                                  {"similarity", "--encodings", encodings("many.h5", 3, 150), "--out", out, "--min-samples", "2"});
    }

    void diskFullWritingTextAndRunHistory()
    {
        TinyDisk disk(256 << 10, 256 << 10);
        if (!disk.usable())
            QSKIP("neither a tmpfs mount nor RLIMIT_FSIZE is available here");
        const std::string text = disk.filePath("summary.json").toStdString();
        const std::string history = disk.filePath("run.h5").toStdString();
        io::RunHistory small;
        small.model = "mae";
        small.losses.push_back({1, 0, 0.5, 0, 0.1, 0.2});
        io::RunHistory big = small;
        big.losses.resize(20000, small.losses[0]); // ~1 MB of curves
        disk.runLimited([&] {
            train::RunDirectory::writeTextAtomically(text, "{}\n");
            small.write(history);
            try {
                train::RunDirectory::writeTextAtomically(text, std::string(1 << 20, ' '));
                QFAIL("a 1 MB text fitted on a 256 KB disk");
            } catch (const LatentLabError& e) {
                QCOMPARE(QString(e.what()), QString::fromStdString("Cannot write '" + text + "': ") + disk.cause() + ".");
            }
            try {
                big.write(history);
                QFAIL("1 MB of curves fitted on a 256 KB disk");
            } catch (const LatentLabError& e) {
                QCOMPARE(QString(e.what()), QString::fromStdString("Cannot write run history '" + history + "': ") + disk.cause() + ".");
            }
        });
        QCOMPARE(fileBytes(QString::fromStdString(text)), QByteArray("{}\n"));
        QCOMPARE(io::RunHistory::read(history).losses.size(), std::size_t(1));
        QVERIFY2(temporaries(disk.path()).isEmpty(), qPrintable(temporaries(disk.path()).join(' ')));
    }

    // --- NaN -----------------------------------------------------------------------------------------

    void nanWeightsInACheckpointStopCleanly()
    {
        const QString dir = path("nan-checkpoint");
        // A run that has its step-0 checkpoint only (killed writing the epoch-1 one); its weights poisoned.
        expectKilledInWriteOf(cli(trainArgs(dir), killInWrite(4)), dir + "/checkpoint.pt");
        {
            LoadedCheckpoint c(dir);
            QCOMPARE(c.counters.globalStep, std::int64_t(0));
            torch::NoGradGuard noGrad;
            for (auto& p : c.model->encoder->parameters())
                p.fill_(std::nan(""));
            train::TrainingCheckpoint::save((dir + "/checkpoint.pt").toStdString(), c.model, &c.optimizers, c.prior, c.counters);
        }
        const QByteArray poisoned = fileBytes(dir + "/checkpoint.pt"), history = fileBytes(dir + "/run.h5");
        const auto r = cli({"train", "--resume", dir});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.lastLine(),
                 "latentlab-cli: Training stopped at step 0 (epoch 0): the reconstruction loss is nan, not finite; the checkpoint of step 0 in '" +
                     dir + "' is kept as it was (try a lower learning rate).");
        QVERIFY2(!r.hasNoise(), qPrintable(r.err));
        QCOMPARE(fileBytes(dir + "/checkpoint.pt"), poisoned);
        QCOMPARE(fileBytes(dir + "/run.h5"), history); // the epoch-1 curves, written before the killed checkpoint
        QVERIFY(!QFileInfo::exists(dir + "/summary.json"));
        QVERIFY2(temporaries(dir).isEmpty(), qPrintable(temporaries(dir).join(' ')));
    }

    void nanWeightsNeverReachACheckpoint()
    {
        // Weights that turn NaN in a step whose losses are still finite (the last one of an epoch) are
        // caught before the epoch's checkpoint replaces the good one.
        const std::string dir = path("nan-after-step").toStdString();
        auto config = train::TrainingConfig::fromPreset("test", data::DatasetLayout::DSprites);
        config.dataFile = m_data.toStdString();
        config.version = "dsprites-v2";
        config.device = "cpu";
        train::TrainerFaults poison;
        poison.poisonAfterStep = m_stepsPerEpoch - 1;
        const train::TrainerFaults::Scope faults(poison);
        try {
            train::Trainer::run(config, dir);
            QFAIL("a checkpoint was written with NaN weights");
        } catch (const train::TrainingStoppedError& e) {
            const QString m = e.what();
            QVERIFY2(
                m.startsWith(QString("Training stopped at step %1 (epoch 1): the weights are not finite (parameter 'encoder.").arg(m_stepsPerEpoch)),
                e.what());
            QVERIFY2(m.contains("the checkpoint of step 0 in"), e.what());
        }
        LoadedCheckpoint c(QString::fromStdString(dir));
        QCOMPARE(c.counters.globalStep, std::int64_t(0));
        QVERIFY(c.finite());
    }

    void absurdLearningRateStopsCleanly()
    {
        bool ok = false;
        auto config = jsonObject(fileBytes(m_reference + "/config.json"), &ok);
        QVERIFY(ok);
        config["learning_rate"] = 0.99; // Adam at ~1: the encoder's codes explode within an epoch
        const QString configFile = path("absurd-lr.json");
        {
            QFile f(configFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(config).toJson());
        }
        const QString dir = path("absurd-lr");
        const auto r = cli({"train", "--config", configFile, "--data", m_data, "--out", dir});
        QCOMPARE(r.code, 1);
        QVERIFY2(!r.hasNoise(), qPrintable(r.err));
        const auto m =
            QRegularExpression("^latentlab-cli: Training stopped at step (\\d+) \\(epoch \\d+\\): (.+); the checkpoint of step (\\d+) in '(.+)' "
                               "is kept as it was \\(try a lower learning rate\\)\\.$")
                .match(r.lastLine());
        QVERIFY2(m.hasMatch(), qPrintable(r.lastLine()));
        QVERIFY2(m.captured(2).contains("not finite") || m.captured(2).contains("cannot be fitted"), qPrintable(m.captured(2)));
        QCOMPARE(m.captured(4), dir);
        QVERIFY(m.captured(1).toInt() < m_referenceSummary["total_steps"].toInt());
        LoadedCheckpoint c(dir);
        QCOMPARE(c.counters.globalStep, std::int64_t(m.captured(3).toInt()));
        QVERIFY(c.finite());
        QVERIFY2(temporaries(dir).isEmpty(), qPrintable(temporaries(dir).join(' ')));
    }

    void nanInEncodingsCodesAndLabels()
    {
        io::EncodingsFile e;
        e.models = 2, e.samples = 20, e.dims = 3;
        e.mu.assign(120, 0.5);
        e.logvar.assign(120, -1.0);
        e.mu[7] = std::nan("");
        const QString encodings = path("nan-encodings.h5");
        e.write(encodings.toStdString());
        const QString similarity = path("nan-similarity.h5");
        auto r = cli({"similarity", "--encodings", encodings, "--out", similarity});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.lastLine(),
                 "latentlab-cli: Encodings file '" + encodings + "': '/mu' holds a non-finite value at [0, 2, 1]; expected finite numbers.");
        QVERIFY(!QFileInfo::exists(similarity));

        io::CodesFile codes;
        codes.codes = metrics::DenseMatrix<double>(40, 2, 0.25);
        codes.factors = metrics::DenseMatrix<std::int64_t>(40, 1, 0);
        for (std::int64_t i = 0; i < 40; ++i)
            codes.codes(i, 0) = static_cast<double>(i % 4), codes.factors(i, 0) = i % 4;
        codes.codes(13, 1) = std::numeric_limits<double>::infinity();
        const QString codesFile = path("nan-codes.h5");
        codes.write(codesFile.toStdString());
        r = cli({"metrics", "--codes", codesFile, "--train", "30", "--json"});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.lastLine(), "latentlab-cli: Codes file '" + codesFile + "': '/codes' row 13 holds a non-finite value; expected finite codes.");
        QVERIFY(r.out.trimmed().isEmpty());

        // 3D Shapes labels are factor values: a NaN one is named before training starts.
        const QString shapes = path("nan-labels.h5");
        testfiles::writeShapes3dLike(shapes, {0, 1, 2, 3, 4, 5, 6, 7}, {}, 0);
        io::Hdf5Gateway::run([&] {
            H5::H5File f(shapes.toStdString(), H5F_ACC_RDWR);
            H5::DataSet labels = f.openDataSet("labels");
            H5::DataSpace file = labels.getSpace();
            const hsize_t start[2] = {5, 3}, count[2] = {1, 1};
            file.selectHyperslab(H5S_SELECT_SET, count, start);
            const double nan = std::nan("");
            labels.write(&nan, H5::PredType::NATIVE_DOUBLE, H5::DataSpace(H5S_SCALAR), file);
        });
        const QString expected = "latentlab-cli: Dataset file '" + shapes +
            "': '/labels' row 5 has the non-finite value nan for factor 'scale', which is off its grid of 8 values.";
        const QString dir = path("nan-labels-run");
        r = cli({"train", "--data", shapes, "--version", "shapes3d-v2", "--preset", "test", "--device", "cpu", "--out", dir});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.lastLine(), expected);
        QVERIFY(!QFileInfo::exists(dir + "/checkpoint.pt"));
        QVERIFY2(!r.hasNoise(), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
