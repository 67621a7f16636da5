#include "gui/app/DemoCatalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>

namespace latentlab::gui {

QStringList DemoCatalog::defaultRoots()
{
    QStringList roots;
    roots << QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../share/latentlab/models"));
#ifdef LATENTLAB_SOURCE_MODELS_DIR
    roots << QStringLiteral(LATENTLAB_SOURCE_MODELS_DIR);
#endif
    return roots;
}

QList<DemoEntry> DemoCatalog::scan(const QStringList& roots)
{
    QList<DemoEntry> demos;
    QStringList seen;
    for (const QString& root : roots) {
        const QDir dir(root);
        for (const QString& name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            QFile file(dir.filePath(name + QStringLiteral("/demo.json")));
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
            const QJsonObject data = o.value(QStringLiteral("data")).toObject();
            DemoEntry d;
            d.dir = QDir(dir.filePath(name)).canonicalPath();
            d.title = o.value(QStringLiteral("title")).toString(name);
            d.description = o.value(QStringLiteral("description")).toString();
            d.kind = data.value(QStringLiteral("kind")).toString();
            d.version = data.value(QStringLiteral("version")).toString();
            d.rows = static_cast<qint64>(data.value(QStringLiteral("rows")).toDouble(-1));
            d.seed = static_cast<quint64>(data.value(QStringLiteral("seed")).toDouble(0));
            d.dataFileName = data.value(QStringLiteral("file")).toString();
            if (o.contains(QStringLiteral("similarity")))
                d.similarityFile = QDir(d.dir).filePath(o.value(QStringLiteral("similarity")).toString());
            const bool runDemo = !d.kind.isEmpty() && !d.version.isEmpty() && !d.dataFileName.isEmpty();
            if ((!runDemo && d.similarityFile.isEmpty()) || seen.contains(d.dir))
                continue; // not a usable demo (or the same one through two roots)
            seen << d.dir;
            demos << d;
        }
    }
    std::sort(demos.begin(), demos.end(), [](const DemoEntry& a, const DemoEntry& b) { return a.title < b.title; });
    return demos;
}

QString DemoCatalog::dataPath(const DemoEntry& demo)
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).filePath(QStringLiteral("demo-data/") + demo.dataFileName);
}

} // namespace latentlab::gui
