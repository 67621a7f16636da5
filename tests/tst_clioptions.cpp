// latentlab-cli's declared options (src/cli/CliOptionTable.h), one row per converted subcommand: --help
// lists exactly the declared options, each with its default or "(required)"; the parser accepts exactly
// those (the unknown-option sentence names the same list); a value failing its check is one sentence,
// exit status 1 (docs/design/file-formats.md#exit-status). Its own executable: each row starts the CLI
// three times, which would push tst_cli towards its time limit.
#include "TestCli.h"
#include "metrics/MetricRegistry.h"

#include <QMap>
#include <QRegularExpression>
#include <QtTest>

class TestCliOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Options: "name" (no default), "name*" (required), "name=DEFAULT" (shown "(default DEFAULT)" or
    // "(default: DEFAULT)"). badValue: arguments whose value fails its check, empty when no option is checked.
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
                               << QStringList{"data",
                                              "version=the config file's, else dsprites-v2",
                                              "versions",
                                              "model=the config file's, else mae",
                                              "preset=demo-cpu",
                                              "config",
                                              "set",
                                              "seed=the config file's, else 0",
                                              "labelled=the config file's, else the preset's: 1000 for demo-cpu",
                                              "epochs=the config file's, else the preset's",
                                              "device=the config file's, else auto",
                                              "threads=the config file's, else the preset's: 0 for demo-cpu",
                                              "out",
                                              "resume",
                                              "json"}
                               << QStringList{"--labelled", "0"} << "got '0'; expected an integer of at least 1.";
        QTest::newRow("eval") << QStringList{"eval"}
                              << QStringList{"run",
                                             "model",
                                             "triples=1280",
                                             "seed=0",
                                             "data=the run's; a bundled demo's data is regenerated from its recipe into the user cache",
                                             "json",
                                             "metrics=none for an M-AE or AbsAE run, all for a beta-VAE run",
                                             QString("points-train=%1").arg(codes.train),
                                             QString("points-test=%1").arg(codes.test),
                                             QString("score-points-train=%1").arg(scores.train),
                                             QString("score-points-test=%1").arg(scores.test),
                                             "threads=0",
                                             "codes-out",
                                             "details"}
                              << QStringList{"--triples", "many"} << "got 'many'; expected an integer.";
        QTest::newRow("metrics") << QStringList{"metrics"} << QStringList{"codes*", "train*", "metrics=all", "seed=0", "threads=0", "json", "details"}
                                 << QStringList{"--train", "1.5"} << "got '1.5'; expected an integer.";
        QTest::newRow("ensemble train") << QStringList{"ensemble", "train"}
                                        << QStringList{"data*",
                                                       "members*",
                                                       "out*",
                                                       "beta=the preset's: 4",
                                                       "beta-start",
                                                       "beta-anneal-steps=0",
                                                       "preset=demo-cpu",
                                                       "version=dsprites-v2 for dSprites, shapes3d-v3 for 3D Shapes",
                                                       "versions",
                                                       "seed=0",
                                                       "latent-dim=the preset's",
                                                       "steps=the preset's",
                                                       "member-index",
                                                       "jobs=0",
                                                       "threads=0",
                                                       "filters=the preset's",
                                                       "batch-size=the preset's",
                                                       "learning-rate=the preset's",
                                                       "device=the preset's",
                                                       "json"}
                                        << QStringList{"--latent-dim", "2000"} << "got '2000'; expected an integer from 1 to 1024.";
        QTest::newRow("ensemble encode")
            << QStringList{"ensemble", "encode"}
            << QStringList{"runs", "models", "samples*", "out*", "seed=0", "data=each run's own", "version=the file's default version"}
            << QStringList{"--samples", "0"} << "got '0'; expected an integer of at least 1.";
        QTest::newRow("similarity") << QStringList{"similarity"}
                                    << QStringList{"encodings*",          "out*",           "distance=nmi", "min-samples=20", "xi=0.05",
                                                   "info-threshold=0.01", "memory-mib=512", "json"}
                                    << QStringList{"--distance", "cosine"} << "got 'cosine'; expected nmi or vi.";
        QTest::newRow("device") << QStringList{"device"} << QStringList{"device=auto", "threads=0"} << QStringList{"--threads", "many"}
                                << "got 'many'; expected an integer.";
        QTest::newRow("dataset info") << QStringList{"dataset", "info"} << QStringList{"file*", "json"} << QStringList{} << QString();
        QTest::newRow("dataset convert") << QStringList{"dataset", "convert"} << QStringList{"in*", "out*", "threads=0", "gzip=4", "json"}
                                         << QStringList{"--gzip", "12"} << "got '12'; expected an integer from 1 to 9.";
        QTest::newRow("dataset versions") << QStringList{"dataset", "versions"} << QStringList{"json"} << QStringList{} << QString();
        QTest::newRow("table") << QStringList{"table"} << QStringList{"runs*", "out", "csv"} << QStringList{} << QString();
        QTest::newRow("export") << QStringList{"export"}
                                << QStringList{"run*",       "out*", "data-kind*", "data-rows=-1", "data-seed=0", "title=the run's model and version",
                                               "torchscript"}
                                << QStringList{"--data-kind", "mnist"} << "got 'mnist'; expected dsprites or shapes3d.";
        QTest::newRow("export --torchscript") << QStringList{"export", "--torchscript"} << QStringList{"run*", "out*"} << QStringList{} << QString();
        QTest::newRow("mc-info") << QStringList{"mc-info"} << QStringList{"encodings*", "samples=2000", "repeats=5", "seed=0", "threads=0", "json"}
                                 << QStringList{"--samples", "1"} << "got '1'; expected an integer of at least 2.";
        QTest::newRow("fusion") << QStringList{"fusion"} << QStringList{"preset=circle", "learners=50", "k=2,3,5,10,15,20,30,50",
                                                                        "similarity=vi", "steps=20000", "learner-steps=3000",
                                                                        "points=200",    "seed=0",      "out",
                                                                        "json"}
                                << QStringList{"--similarity", "cosine"} << "got 'cosine'; expected vi, nmi or info.";
        QTest::newRow("bench datasets") << QStringList{"bench", "datasets"}
                                        << QStringList{"out-dir=a temporary directory, deleted afterwards", "quick", "threads=0", "report"}
                                        << QStringList{"--threads", "-1"} << "got '-1'; expected an integer of at least 0.";
        QTest::newRow("bench train-step") << QStringList{"bench", "train-step"}
                                          << QStringList{"batch=64",  "hidden=1024", "rel-batch=128", "steps=20",
                                                         "repeats=2", "threads=2",   "phase=full",    "reference=tests/bench/reference_train_step.py",
                                                         "json"}
                                          << QStringList{"--phase", "decoder"} << "got 'decoder'; expected full or ae-only.";
        QTest::newRow("bench metrics") << QStringList{"bench", "metrics"}
                                       << QStringList{"train=10000",
                                                      "test=5000",
                                                      "metrics=dci,sap,mig,modularity,explicitness",
                                                      "threads=2",
                                                      "seed=0",
                                                      "reference=tests/bench/reference_metrics.py",
                                                      "ref-metrics=$LATENTLAB_REF_METRICS; without it LatentLab is timed alone",
                                                      "report",
                                                      "json"}
                                       << QStringList{"--train", "5"} << "got '5'; expected an integer of at least 10.";
        QTest::newRow("bench optics") << QStringList{"bench", "optics"}
                                      << QStringList{"distances*", "dataset=distances", "min-samples=20", "xi=0.05", "repeats=5", "json"}
                                      << QStringList{"--repeats", "0"} << "got '0'; expected an integer of at least 1.";
        QTest::newRow("bench decode") << QStringList{"bench", "decode"} << QStringList{"run", "model", "codes*", "warmup=20", "threads=0", "json"}
                                      << QStringList{"--warmup", "-3"} << "got '-3'; expected an integer of at least 0.";
        QTest::newRow("bench torchscript") << QStringList{"bench", "torchscript"}
                                           << QStringList{"run*", "repeats=200", "warmup=20", "threads=1", "seed=0", "json"}
                                           << QStringList{"--repeats", "0"} << "got '0'; expected an integer of at least 1.";
#ifdef LATENTLAB_HAS_RENDER
        QTest::newRow("render") << QStringList{"render"}
                                << QStringList{"what*",
                                               "out*",
                                               "file",
                                               "runs",
                                               "run",
                                               "compare",
                                               "data=the file the run recorded, or a demo's regenerated data",
                                               "sample=0",
                                               "seed",
                                               "partition=0",
                                               "range=prior-all",
                                               "steps=9",
                                               "kind=traversal",
                                               "dim=1",
                                               "relations",
                                               "from=0",
                                               "to=1",
                                               "fps=8",
                                               "scale=4",
                                               "projection=pca",
                                               "relation",
                                               "measure=nmi",
                                               "order=optics",
                                               "representation=class_codes",
                                               "real-images",
                                               "per-run",
                                               "step=the last evaluation",
                                               "width=1200",
                                               "height=900"}
                                << QStringList{"--order", "random"} << "got 'random'; expected optics, channel or dim.";
#endif
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
        const CliRun help = runCli(command + QStringList{"--help"});
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
        const CliRun unknown = runCli(command + QStringList{"--no-such-option"});
        QCOMPARE(unknown.code, 1);
        QVERIFY(unknown.out.isEmpty());
        QCOMPARE(unknown.err.trimmed().count('\n'), 0);
        QVERIFY2(unknown.err.contains("--no-such-option"), qPrintable(unknown.err));
        const QString known = unknown.err.trimmed().section("expected one of ", 1);
        QCOMPARE(known, "--" + names.join(", --") + ".");

        // A value failing its check: refused before any work, one sentence naming the option. Commands whose
        // options take any text (a file, a folder) have no such value; their rows leave badValue empty.
        if (badValue.isEmpty())
            return;
        const CliRun bad = runCli(command + badValue);
        QCOMPARE(bad.code, 1);
        QVERIFY(bad.out.isEmpty());
        QCOMPARE(bad.err.trimmed().count('\n'), 0);
        QVERIFY2(bad.err.contains("Option " + badValue[0] + " of '" + command.join(' ') + "' " + expected), qPrintable(bad.err));
    }
};

QTEST_GUILESS_MAIN(TestCliOptions)
#include "tst_clioptions.moc"
