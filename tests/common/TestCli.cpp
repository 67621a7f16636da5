#include "TestCli.h"

#include <QProcess>
#include <QtTest>

CliRun runCli(const QStringList& args, int timeoutMs)
{
    QProcess p;
    p.start(LATENTLAB_CLI_PATH, args);
    const bool finished = p.waitForFinished(timeoutMs);
    if (!finished)
        p.kill();
    const bool normal = finished && p.exitStatus() == QProcess::NormalExit;
    const CliRun run{normal ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    // A hang or a crash (a signal) is never an acceptable answer, whatever the caller checks next: both
    // are recorded as failures of the running test, naming the command.
    const QString command = "latentlab-cli " + args.join(' ');
    QTest::qVerify(finished, "finished", qPrintable(command + " did not finish in time"), __FILE__, __LINE__);
    QTest::qVerify(!finished || normal, "normal exit", qPrintable(command + " crashed: " + run.err), __FILE__, __LINE__);
    return run;
}
