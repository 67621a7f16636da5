// The copyable `latentlab-cli` command lines of the GUI: one quoting rule, and a shell gives back every
// argument exactly as the GUI meant it (paths with spaces, quotes and dollar signs included).
#include "gui/common/CliCommandLine.h"

#include <QProcess>
#include <QtTest>

using latentlab::gui::CliCommandLine;

class TestCliCommandLine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void quoting_data()
    {
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain path") << "/home/ada/runs/mae-seed0"
                                    << "/home/ada/runs/mae-seed0";
        QTest::newRow("option value") << "demo-cpu"
                                      << "demo-cpu";
        QTest::newRow("space") << "/home/ada/my runs"
                               << "'/home/ada/my runs'";
        QTest::newRow("single quote") << "/data/ada's run"
                                      << "'/data/ada'\\''s run'";
        QTest::newRow("dollar and backquote") << "/tmp/$HOME`x`"
                                              << "'/tmp/$HOME`x`'";
        QTest::newRow("empty") << ""
                               << "''";
    }
    void quoting()
    {
        QFETCH(QString, argument);
        QFETCH(QString, quoted);
        QCOMPARE(CliCommandLine::shellQuoted(argument), quoted);
    }

    void commandText()
    {
        const QString text = CliCommandLine(QStringLiteral("train"))
                                 .option(QStringLiteral("resume"), QStringLiteral("/runs/a b"))
                                 .option(QStringLiteral("seed"), 3)
                                 .flag(QStringLiteral("json"))
                                 .toString();
        QCOMPARE(text, QStringLiteral("OMP_WAIT_POLICY=PASSIVE latentlab-cli train --resume '/runs/a b' --seed 3 --json"));
    }

    /// /bin/sh splits the command back into the very arguments the GUI passed.
    void shellRoundTrip()
    {
        const QStringList awkward{QStringLiteral("/data/ada's \"best\" run"), QStringLiteral("$(rm -rf x)"), QStringLiteral("tab\there"),
                                  QStringLiteral("a\\b")};
        CliCommandLine command(QStringLiteral("eval"));
        for (const QString& a : awkward)
            command.option(QStringLiteral("run"), a);
        // Replace the program by printf so the shell prints one argument per line.
        QString script = command.toString();
        script.replace(QStringLiteral("OMP_WAIT_POLICY=PASSIVE latentlab-cli eval"), QStringLiteral("printf '%s\\n'"));
        QProcess shell;
        shell.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script});
        QVERIFY(shell.waitForFinished(10000));
        QStringList expected;
        for (const QString& a : awkward)
            expected << QStringLiteral("--run") << a;
        QCOMPARE(QString::fromUtf8(shell.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts), expected);
    }
};

QTEST_GUILESS_MAIN(TestCliCommandLine)
#include "tst_clicommandline.moc"
