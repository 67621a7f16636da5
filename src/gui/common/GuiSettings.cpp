#include "gui/common/GuiSettings.h"

#include <QDir>

#include <algorithm>

namespace latentlab::gui {

namespace {
const QString kRecentFiles = QStringLiteral("recentFiles");
const QString kRecentFile = QStringLiteral("path");
const QString kLastDatasetDirectory = QStringLiteral("paths/lastDatasetDirectory");
const QString kLastRunDirectory = QStringLiteral("paths/lastRunDirectory");
const QString kLastExportDirectory = QStringLiteral("paths/lastExportDirectory");
const QString kTheme = QStringLiteral("view/theme");
const QString kGeometry = QStringLiteral("mainWindow/geometry");
const QString kState = QStringLiteral("mainWindow/state");
const QString kGridZoom = QStringLiteral("view/gridZoom");
} // namespace

QStringList GuiSettings::recentFiles() const
{
    // A QSettings array, as in Qt's mdi example.
    QSettings& settings = m_settings;
    QStringList files;
    const int size = settings.beginReadArray(kRecentFiles);
    for (int i = 0; i < size && files.size() < kMaxRecentFiles; ++i) {
        settings.setArrayIndex(i);
        const QString path = settings.value(kRecentFile).toString();
        if (!path.isEmpty() && !files.contains(path))
            files << path;
    }
    settings.endArray();
    return files;
}

void GuiSettings::setRecentFiles(const QStringList& files)
{
    const int count = static_cast<int>(std::min<qsizetype>(files.size(), kMaxRecentFiles));
    m_settings.remove(kRecentFiles); // drop entries past the new end of the array
    m_settings.beginWriteArray(kRecentFiles, count);
    for (int i = 0; i < count; ++i) {
        m_settings.setArrayIndex(i);
        m_settings.setValue(kRecentFile, files.at(i));
    }
    m_settings.endArray();
}

void GuiSettings::addRecentFile(const QString& path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    setRecentFiles(files);
}

QString GuiSettings::lastDatasetDirectory() const { return m_settings.value(kLastDatasetDirectory, QDir::homePath()).toString(); }

void GuiSettings::setLastDatasetDirectory(const QString& dir) { m_settings.setValue(kLastDatasetDirectory, dir); }

QString GuiSettings::lastRunDirectory() const { return m_settings.value(kLastRunDirectory, QDir::homePath()).toString(); }

void GuiSettings::setLastRunDirectory(const QString& dir) { m_settings.setValue(kLastRunDirectory, dir); }

QString GuiSettings::lastExportDirectory() const { return m_settings.value(kLastExportDirectory, QDir::homePath()).toString(); }

void GuiSettings::setLastExportDirectory(const QString& dir) { m_settings.setValue(kLastExportDirectory, dir); }

bool GuiSettings::firstLaunchDone() const { return m_settings.value(QStringLiteral("app/firstLaunchDone"), false).toBool(); }

void GuiSettings::setFirstLaunchDone(bool done) { m_settings.setValue(QStringLiteral("app/firstLaunchDone"), done); }

QString GuiSettings::theme() const
{
    const QString t = m_settings.value(kTheme, QStringLiteral("system")).toString();
    return t == QLatin1String("light") || t == QLatin1String("dark") ? t : QStringLiteral("system");
}

void GuiSettings::setTheme(const QString& theme) { m_settings.setValue(kTheme, theme); }

QByteArray GuiSettings::windowGeometry() const { return m_settings.value(kGeometry).toByteArray(); }

void GuiSettings::setWindowGeometry(const QByteArray& geometry) { m_settings.setValue(kGeometry, geometry); }

QByteArray GuiSettings::windowState() const { return m_settings.value(kState).toByteArray(); }

void GuiSettings::setWindowState(const QByteArray& state) { m_settings.setValue(kState, state); }

int GuiSettings::gridZoom() const { return std::clamp(m_settings.value(kGridZoom, 2).toInt(), 1, 8); }

void GuiSettings::setGridZoom(int zoom) { m_settings.setValue(kGridZoom, std::clamp(zoom, 1, 8)); }

GuiSettings::Session GuiSettings::lastSession() const
{
    Session session;
    session.runDir = m_settings.value(QStringLiteral("session/runDir")).toString();
    session.runDataFile = m_settings.value(QStringLiteral("session/runDataFile")).toString();
    session.dataset = m_settings.value(QStringLiteral("session/dataset")).toString();
    session.testImage = std::max<qint64>(0, m_settings.value(QStringLiteral("session/testImage"), 0).toLongLong());
    session.tab = std::max(0, m_settings.value(QStringLiteral("session/tab"), 0).toInt());
    return session;
}

void GuiSettings::setLastSession(const Session& session)
{
    m_settings.setValue(QStringLiteral("session/runDir"), session.runDir);
    m_settings.setValue(QStringLiteral("session/runDataFile"), session.runDataFile);
    m_settings.setValue(QStringLiteral("session/dataset"), session.dataset);
    m_settings.setValue(QStringLiteral("session/testImage"), session.testImage);
    m_settings.setValue(QStringLiteral("session/tab"), session.tab);
}

} // namespace latentlab::gui
