#include "gui/common/CliCommandLine.h"

#include <QRegularExpression>

namespace latentlab::gui {

CliCommandLine::CliCommandLine(const QString& subcommand) : m_subcommand(subcommand) { }

CliCommandLine& CliCommandLine::option(const QString& name, const QString& value)
{
    m_arguments << QStringLiteral("--") + name << shellQuoted(value);
    return *this;
}

CliCommandLine& CliCommandLine::option(const QString& name, qint64 value) { return option(name, QString::number(value)); }

CliCommandLine& CliCommandLine::flag(const QString& name)
{
    m_arguments << QStringLiteral("--") + name;
    return *this;
}

QString CliCommandLine::toString() const
{
    // Every process we start runs with passive OpenMP waiting (docs/design/build.md); a copied command
    // should behave as the GUI's own run did.
    QStringList words{QStringLiteral("OMP_WAIT_POLICY=PASSIVE"), QStringLiteral("latentlab-cli"), m_subcommand};
    words << m_arguments;
    return words.join(QLatin1Char(' '));
}

QString CliCommandLine::shellQuoted(const QString& text)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:=+,@%-]+$"));
    if (plain.match(text).hasMatch())
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("'"), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace latentlab::gui
