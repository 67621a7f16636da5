// latentlab-cli as a user runs it: help, dataset generate/info on both layouts, and the bad-file
// catalogue (exit code 1, exactly one stderr line naming the file, never a crash).
#include "TestDatasetFiles.h"
#include "metrics/MetricRegistry.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <QRegularExpression>

#include <cmath>

class TestCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    struct Run { int code; QProcess::ExitStatus status; QString out, err; };
    Run cli(const QStringList& args)
    {
        QProcess p;
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

    // Each converted subcommand's option table (src/cli/CliOptionTable.h) as the user meets it: --help
    // lists exactly the declared options, each with its default or "(required)"; the parser accepts exactly
    // those (the unknown-option sentence names the same list); a value failing its check is one sentence.
    // Options: "name" (no default), "name*" (required), "name=DEFAULT" (shown "(default DEFAULT)" or
    // "(default: DEFAULT)").
    void declaredOptions_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QStringList>("badValue");
        QTest::addColumn<QString>("expected");
        using latentlab::metrics::MetricInput;
        using latentlab::metrics::MetricRegistry;
        const auto codes = MetricRegistry::defaultPoints(MetricInput::Codes), scores = MetricRegistry::defaultPoints(MetricInput::GroundTruthSampler);
        QTest::newRow("dataset generate") << QStringList{"dataset", "generate"}
                                          << QStringList{"kind*", "out*", "version=all rows", "rows=-1", "seed=0", "threads=0", "gzip=4", "json"}
                                          << QStringList{"--gzip", "12"} << "got '12'; expected an integer from 1 to 9.";
        QTest::newRow("train") << QStringList{"train"}
                               << QStringList{"data", "version=the config file's, else dsprites-v2", "model=the config file's, else mae", "preset=demo-cpu",
                                              "config", "set", "seed=the config file's, else 0", "labelled=the config file's, else the preset's: 1000 for demo-cpu",
                                              "epochs=the config file's, else the preset's", "device=the config file's, else auto",
                                              "threads=the config file's, else the preset's: 0 for demo-cpu", "out", "resume", "json"}
                               << QStringList{"--labelled", "0"} << "got '0'; expected an integer of at least 1.";
        QTest::newRow("eval") << QStringList{"eval"}
                              << QStringList{"run*", "triples=1280", "seed=0", "data=the run's", "json",
                                             "metrics=none for an M-AE or AbsAE run, all for a beta-VAE run",
                                             QString("points-train=%1").arg(codes.train), QString("points-test=%1").arg(codes.test),
                                             QString("score-points-train=%1").arg(scores.train), QString("score-points-test=%1").arg(scores.test), "threads=0",
                                             "codes-out", "details"}
                              << QStringList{"--triples", "many"} << "got 'many'; expected an integer.";
        QTest::newRow("metrics") << QStringList{"metrics"} << QStringList{"codes*", "train*", "metrics=all", "seed=0", "threads=0", "json", "details"}
                                 << QStringList{"--train", "1.5"} << "got '1.5'; expected an integer.";
        QTest::newRow("ensemble train") << QStringList{"ensemble", "train"}
                                        << QStringList{"data*", "members*", "out*", "beta=the preset's: 4", "preset=demo-cpu",
                                                       "version=dsprites-v2 for dSprites, shapes3d-v3 for 3D Shapes", "seed=0", "latent-dim=the preset's",
                                                       "steps=the preset's", "member-index", "jobs=0", "device=the preset's", "json"}
                                        << QStringList{"--latent-dim", "2000"} << "got '2000'; expected an integer from 1 to 1024.";
        QTest::newRow("ensemble encode") << QStringList{"ensemble", "encode"} << QStringList{"runs*", "samples*", "out*", "seed=0"}
                                         << QStringList{"--samples", "0"} << "got '0'; expected an integer of at least 1.";
        QTest::newRow("similarity") << QStringList{"similarity"}
                                    << QStringList{"encodings*", "out*", "distance=nmi", "min-samples=20", "xi=0.05", "info-threshold=0.01", "memory-mib=512", "json"}
                                    << QStringList{"--distance", "cosine"} << "got 'cosine'; expected nmi or vi.";
    }

    void declaredOptions()
    {
        QFETCH(QStringList, command);
        QFETCH(QStringList, options);
        QFETCH(QStringList, badValue);
        QFETCH(QString, expected);
        QStringList names;
        for (const QString& o : options)
            names << o.section('=', 0, 0).remove('*');

        // --help: the option section's entries (an entry's continuation lines are indented deeper).
        const Run help = cli(command + QStringList{"--help"});
        QCOMPARE(help.code, 0);
        QMap<QString, QString> entries;
        QStringList listed;
        QString current;
        bool inOptions = false;
        const QRegularExpression entryLine("^  --([a-z0-9-]+)");
        for (const QString& line : help.out.split('\n')) {
            if (line == "Options:") {
                inOptions = true;
                continue;
            }
            const auto m = entryLine.match(line);
            if (inOptions && m.hasMatch()) {
                current = m.captured(1);
                listed << current;
                entries[current] = line;
            } else if (!current.isEmpty() && line.startsWith("    ")) {
                entries[current] += ' ' + line;
            } else {
                current.clear();
            }
        }
        QCOMPARE(listed, names);
        for (const QString& o : options) {
            const QString name = o.section('=', 0, 0).remove('*');
            const QString entry = entries.value(name).simplified();
            if (o.contains('=')) {
                const QString value = o.section('=', 1);
                QVERIFY2(entry.contains("(default " + value + ")") || entry.contains("(default: " + value + ")"), qPrintable(entry));
            } else {
                QVERIFY2(!entry.contains("(default"), qPrintable(entry));
            }
            QCOMPARE(entry.contains("(required)"), o.endsWith('*'));
        }

        // An undeclared option: one sentence naming it and listing exactly the declared options.
        const Run unknown = cli(command + QStringList{"--no-such-option"});
        QCOMPARE(unknown.status, QProcess::NormalExit);
        QCOMPARE(unknown.code, 1);
        QVERIFY(unknown.out.isEmpty());
        QCOMPARE(unknown.err.trimmed().count('\n'), 0);
        QVERIFY2(unknown.err.contains("--no-such-option"), qPrintable(unknown.err));
        const QString known = unknown.err.trimmed().section("expected one of ", 1);
        QCOMPARE(known, "--" + names.join(", --") + ".");

        // A value failing its check: refused before any work, one sentence naming the option.
        const Run bad = cli(command + badValue);
        QCOMPARE(bad.status, QProcess::NormalExit);
        QCOMPARE(bad.code, 1);
        QVERIFY(bad.out.isEmpty());
        QCOMPARE(bad.err.trimmed().count('\n'), 0);
        QVERIFY2(bad.err.contains("Option " + badValue[0] + " of '" + command.join(' ') + "' " + expected), qPrintable(bad.err));
    }

    void bundledDemosEvaluateLikeTheirSummaries()
    {
        // Guards the committed demo runs against format drift: each loads, and evaluating it on its
        // regenerated procedural data reproduces the recorded summary (image-level accuracy and BCE
        // exactly, prior-triple accuracy within sampling noise).
        const QDir models(LATENTLAB_MODELS_DIR);
        const QStringList demos = models.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY(!demos.isEmpty());
        for (const QString& name : demos) {
            QFile demoFile(models.filePath(name + "/demo.json"));
            QVERIFY2(demoFile.open(QIODevice::ReadOnly), qPrintable(name));
            const QJsonObject demo = QJsonDocument::fromJson(demoFile.readAll()).object();
            if (demo.contains("similarity")) {
                // An ensemble demo: its similarity file reads and renders (the CLI's reader checks every shape).
                const Run render = cli({"render", "--what", "similarity", "--file", models.filePath(name + "/" + demo.value("similarity").toString()), "--out",
                                        m_dir.filePath(name + ".csv")});
                QVERIFY2(render.code == 0, qPrintable(render.err));
                continue;
            }
            const QJsonObject data = demo.value("data").toObject();
            const QString file = m_dir.filePath(data.value("file").toString());
            QStringList gen{"dataset", "generate", "--kind", data.value("kind").toString(), "--version", data.value("version").toString(), "--out", file};
            if (data.value("rows").toInt() > 0)
                gen << "--rows" << QString::number(data.value("rows").toInt()) << "--seed" << QString::number(data.value("seed").toInt());
            if (!QFile::exists(file))
                QCOMPARE(cli(gen).code, 0);
            const Run eval = cli({"eval", "--run", models.filePath(name), "--data", file, "--json"});
            QVERIFY2(eval.code == 0, qPrintable(eval.err));
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
                     qPrintable(QString("%1: %2 vs %3").arg(name).arg(got.value("relation_accuracy").toDouble()).arg(want.value("relation_accuracy").toDouble())));
        }
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
