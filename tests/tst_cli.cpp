// latentlab-cli as a user runs it: help, dataset generate/info on both layouts, and the bad-file
// catalogue (exit code 1, exactly one stderr line naming the file, never a crash).
#include "TestDatasetFiles.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

class TestCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    struct Run {
        int code;
        QProcess::ExitStatus status;
        QString out, err;
    };
    /// `cacheHome`: XDG_CACHE_HOME of the process (where a demo's data is regenerated), empty to inherit.
    Run cli(const QStringList& args, const QString& cacheHome = {})
    {
        QProcess p;
        if (!cacheHome.isEmpty()) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert("XDG_CACHE_HOME", cacheHome);
            p.setProcessEnvironment(env);
        }
        p.start(LATENTLAB_CLI_PATH, args);
        if (!p.waitForFinished(120000))
            qFatal("latentlab-cli did not finish");
        return {p.exitCode(), p.exitStatus(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

private Q_SLOTS:
    void help()
    {
        const Run r = cli({"--help"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("dataset generate") && r.out.contains("dataset info"));
        const Run g = cli({"dataset", "generate", "--help"});
        QCOMPARE(g.code, 0);
        QVERIFY(g.out.contains("--version V"));
        QVERIFY(cli({"--version"}).out.startsWith("latentlab-cli "));
        QCOMPARE(cli({}).code, 2);
    }

    void generateAndInfo_data()
    {
        QTest::addColumn<QStringList>("generate");
        QTest::addColumn<QString>("layout");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QList<int>>("sizes");
        QTest::newRow("dsprites-v2 subset") << QStringList{"--kind", "dsprites", "--version", "dsprites-v2", "--rows", "300"} << "dsprites" << 300
                                            << QList<int>{1, 3, 6, 40, 32, 32};
        QTest::newRow("shapes3d subset") << QStringList{"--kind", "shapes3d", "--rows", "120", "--seed", "5"} << "shapes3d" << 120
                                         << QList<int>{10, 10, 10, 8, 4, 15};
    }

    void generateAndInfo()
    {
        QFETCH(QStringList, generate);
        QFETCH(QString, layout);
        QFETCH(int, rows);
        QFETCH(QList<int>, sizes);
        const QString file = m_dir.filePath(layout + ".h5");
        const Run g = cli(QStringList{"dataset", "generate"} + generate + QStringList{"--out", file, "--json"});
        QVERIFY2(g.code == 0, qPrintable(g.err));
        QCOMPARE(QJsonDocument::fromJson(g.out.toUtf8()).object().value("rows").toInt(), rows);
        const Run i = cli({"dataset", "info", "--file", file, "--json"});
        QVERIFY2(i.code == 0, qPrintable(i.err));
        const QJsonObject o = QJsonDocument::fromJson(i.out.toUtf8()).object();
        QCOMPARE(o.value("layout").toString(), layout);
        QCOMPARE(o.value("rows").toInt(), rows);
        QCOMPARE(o.value("factor_names").toArray().size(), 6);
        QList<int> got;
        for (const auto& v : o.value("factor_sizes").toArray())
            got << v.toInt();
        QCOMPARE(got, sizes);
        if (layout == "dsprites")
            QCOMPARE(o.value("factor_names").toArray().at(0).toString(), QString("color"));
    }

    void badFilesExitCleanly()
    {
        for (const auto& bad : testfiles::makeBadFileCatalogue(m_dir.path())) {
            const Run r = cli({"dataset", "info", "--file", bad.path, "--json"});
            QVERIFY2(r.status == QProcess::NormalExit, qPrintable(bad.tag + ": crashed"));
            QVERIFY2(r.code == 1, qPrintable(bad.tag + ": exit code " + QString::number(r.code)));
            QVERIFY2(r.out.isEmpty(), qPrintable(bad.tag + ": printed on stdout"));
            const QStringList lines = r.err.trimmed().split('\n');
            QVERIFY2(lines.size() == 1, qPrintable(bad.tag + ": " + r.err));
            QVERIFY2(lines[0].contains(bad.path) && lines[0].contains(bad.mustMention), qPrintable(bad.tag + ": " + r.err));
        }
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mention");
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << "frobnicate";
        QTest::newRow("unknown option") << QStringList{"dataset", "info", "--fiel", "x"} << "--fiel";
        QTest::newRow("missing value") << QStringList{"dataset", "info", "--file"} << "needs a value";
        QTest::newRow("missing required") << QStringList{"dataset", "generate", "--kind", "dsprites"} << "--out";
        QTest::newRow("bad kind") << QStringList{"dataset", "generate", "--kind", "mnist", "--out", "x.h5"} << "mnist";
        QTest::newRow("bad rows") << QStringList{"dataset", "generate", "--kind", "dsprites", "--rows", "ten", "--out", "x.h5"} << "integer";
        QTest::newRow("bad version") << QStringList{"dataset", "generate", "--kind", "dsprites", "--version", "v9", "--out", "x.h5"} << "dsprites-v2";
        QTest::newRow("bad device") << QStringList{"device", "--device", "tpu"} << "tpu";
    }

    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mention);
        const Run r = cli(args);
        QCOMPARE(r.status, QProcess::NormalExit);
        QVERIFY(r.code != 0);
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        QVERIFY2(r.err.contains(mention), qPrintable(r.err));
    }

    void bundledDemosEvaluateLikeTheirSummaries()
    {
        // Guards the committed demo runs against format drift: each loads, and evaluating it on its
        // regenerated procedural data reproduces the recorded summary (image-level accuracy and BCE
        // exactly, prior-triple accuracy within sampling noise). Without --data, eval regenerates a demo's
        // data from its recipe into the user cache, once, as the GUI does.
        const QDir models(LATENTLAB_MODELS_DIR);
        const QStringList demos = models.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY(!demos.isEmpty());
        for (const QString& name : demos) {
            QFile demoFile(models.filePath(name + "/demo.json"));
            QVERIFY2(demoFile.open(QIODevice::ReadOnly), qPrintable(name));
            const QJsonObject demo = QJsonDocument::fromJson(demoFile.readAll()).object();
            if (demo.contains("similarity")) {
                // An ensemble demo: its similarity file reads and renders (the CLI's reader checks every shape).
                const Run render = cli({"render", "--what", "similarity", "--file", models.filePath(name + "/" + demo.value("similarity").toString()),
                                        "--out", m_dir.filePath(name + ".csv")});
                QVERIFY2(render.code == 0, qPrintable(render.err));
                continue;
            }
            const QJsonObject data = demo.value("data").toObject();
            const QString cache = m_dir.filePath("cache");
            const QString file = cache + "/LatentLab/LatentLab/demo-data/" + data.value("file").toString();
            const bool generated = QFile::exists(file); // the first demo of a version generates, the next reuses
            const QDateTime before = QFileInfo(file).lastModified();
            const Run eval = cli({"eval", "--run", models.filePath(name), "--json"}, cache);
            QVERIFY2(eval.code == 0, qPrintable(eval.err));
            QVERIFY2(QFile::exists(file), qPrintable(file));
            if (generated)
                QCOMPARE(QFileInfo(file).lastModified(), before);
            const QJsonObject got = QJsonDocument::fromJson(eval.out.toUtf8()).object();
            QFile summaryFile(models.filePath(name + "/summary.json"));
            QVERIFY(summaryFile.open(QIODevice::ReadOnly));
            const QJsonObject want = QJsonDocument::fromJson(summaryFile.readAll()).object();
            for (const char* exact : {"image_relation_accuracy", "reconstruction_bce"})
                QVERIFY2(std::abs(got.value(exact).toDouble() - want.value(exact).toDouble()) < 1e-6,
                         qPrintable(QString("%1 %2: %3 vs %4").arg(name, exact).arg(got.value(exact).toDouble()).arg(want.value(exact).toDouble())));
            // Demos trained since real-image evaluation exists record it: the same figures, exactly.
            const QJsonObject wantClasses = want.value("classification").toObject();
            for (auto it = wantClasses.begin(); it != wantClasses.end(); ++it)
                QVERIFY2(std::abs(got.value("classification").toObject().value(it.key()).toDouble() - it.value().toDouble()) < 1e-6,
                         qPrintable(QString("%1 classification of %2").arg(name, it.key())));
            if (want.contains("image_relative_accuracy"))
                QVERIFY(std::abs(got.value("image_relative_accuracy").toDouble() - want.value("image_relative_accuracy").toDouble()) < 1e-6);
            QVERIFY2(std::abs(got.value("relation_accuracy").toDouble() - want.value("relation_accuracy").toDouble()) < 0.03,
                     qPrintable(QString("%1: %2 vs %3")
                                    .arg(name)
                                    .arg(got.value("relation_accuracy").toDouble())
                                    .arg(want.value("relation_accuracy").toDouble())));
        }
    }

    void runWithoutItsDataNamesTheFix()
    {
        // A run whose recorded data file is gone and that has no demo recipe: one sentence saying to give --data.
        const QDir models(LATENTLAB_MODELS_DIR);
        const QString run = m_dir.filePath("moved-run");
        QVERIFY(QDir().mkpath(run));
        for (const char* f : {"config.json", "checkpoint.pt"})
            QVERIFY(QFile::copy(models.filePath(QString("dsprites-v2-mae/") + f), run + "/" + f));
        const Run eval = cli({"eval", "--run", run}, m_dir.filePath("empty-cache"));
        QCOMPARE(eval.code, 1);
        QVERIFY2(eval.err.trimmed().endsWith("does not exist; give the data file with --data FILE."), qPrintable(eval.err));
        QVERIFY(!QFileInfo::exists(m_dir.filePath("empty-cache")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
