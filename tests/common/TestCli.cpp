#include "TestCli.h"

#include <QProcess>
#include <QtGlobal>

CliRun runCli(const QStringList& args, int timeoutMs)
{
    QProcess p;
    p.start(LATENTLAB_CLI_PATH, args);
    if (!p.waitForFinished(timeoutMs))
        qFatal("latentlab-cli %s did not finish", qPrintable(args.join(' ')));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}
