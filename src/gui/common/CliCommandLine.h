#pragma once
#include <QString>
#include <QStringList>

namespace latentlab::gui {

/// A `latentlab-cli` command line as the GUI shows it for copying into a shell: the environment our
/// processes need, the program, the subcommand words and the options, each argument quoted for a POSIX
/// shell only where it has to be (docs/design/gui.md#the-cli-behind-every-action). Every view that offers
/// "Copy CLI command" builds its text here, so one quoting rule holds for all of them.
class CliCommandLine {
public:
    /// `subcommand` may hold several words ("ensemble train"); they are written unquoted.
    explicit CliCommandLine(const QString& subcommand);

    /// Adds `--name value`.
    CliCommandLine& option(const QString& name, const QString& value);
    CliCommandLine& option(const QString& name, qint64 value);
    /// Adds `--name` alone.
    CliCommandLine& flag(const QString& name);

    /// "OMP_WAIT_POLICY=PASSIVE latentlab-cli SUBCOMMAND --name value …".
    QString toString() const;

    /// `text` as one POSIX-shell word: unchanged when it holds only characters no shell treats specially,
    /// else in single quotes with each ' written as '\''.
    static QString shellQuoted(const QString& text);

private:
    QString m_subcommand;
    QStringList m_arguments; ///< already quoted
};

} // namespace latentlab::gui
