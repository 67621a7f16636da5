#pragma once
#include <QString>
#include <QStringList>

/// latentlab-cli as a user runs it, for the suites that check its contract.
struct CliRun {
    int code;    ///< exit code, −1 when the process crashed (a signal is never acceptable)
    QString out; ///< stdout
    QString err; ///< stderr
    /// The last stderr line (progress lines may come before an error sentence).
    QString lastErrorLine() const { return err.trimmed().split('\n').last(); }
};

/// Runs LATENTLAB_CLI_PATH with `args`; a hang (past `timeoutMs`) or a crash fails the running test.
CliRun runCli(const QStringList& args, int timeoutMs = 240000);
