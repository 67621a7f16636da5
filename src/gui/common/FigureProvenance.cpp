#include "gui/common/FigureProvenance.h"

#include "common/BuildInfo.h"

#include <QtGlobal>

namespace latentlab::gui {

namespace {
QString libraries()
{
    return QStringLiteral("Qt %1, LibTorch %2, HDF5 %3")
        .arg(QString::fromLatin1(qVersion()), QString::fromStdString(BuildInfo::libTorchVersion()), QString::fromStdString(BuildInfo::hdf5Version()));
}
} // namespace

QMap<QString, QString> FigureProvenance::fields()
{
    return {{QStringLiteral("Software"), QStringLiteral("LatentLab %1").arg(QString::fromStdString(BuildInfo::version()))},
            {QStringLiteral("Commit"), QString::fromStdString(BuildInfo::gitCommit())},
            {QStringLiteral("Libraries"), libraries()}};
}

QString FigureProvenance::line()
{
    return QStringLiteral("LatentLab %1 (commit %2; %3)")
        .arg(QString::fromStdString(BuildInfo::version()), QString::fromStdString(BuildInfo::gitCommit()), libraries());
}

} // namespace latentlab::gui
