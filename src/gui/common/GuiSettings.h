#pragma once
#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace latentlab::gui {

/// Typed access to the GUI's QSettings (organisation "LatentLab", application "LatentLab"), in the
/// spirit of KeePassXC's Config: one place names every key and its default (docs/design/gui.md#settings-and-recent-files).
/// Only window and convenience state lives here; results never do.
class GuiSettings {
public:
    static constexpr int kMaxRecentFiles = 10;

    GuiSettings() = default;

    /// Most recent first, at most kMaxRecentFiles, as stored (files may have gone missing since).
    QStringList recentFiles() const;
    void setRecentFiles(const QStringList& files);
    /// Puts `path` first, removing an older entry for it and trimming to kMaxRecentFiles.
    void addRecentFile(const QString& path);

    /// Directory of the last dataset opened; the user's home directory by default.
    QString lastDatasetDirectory() const;
    void setLastDatasetDirectory(const QString& dir);

    /// Parent folder of the last run directory opened or trained into (home by default).
    QString lastRunDirectory() const;
    void setLastRunDirectory(const QString& dir);
    /// Folder of the last exported figure.
    QString lastExportDirectory() const;
    void setLastExportDirectory(const QString& dir);
    /// "system" (follow the platform palette, default), "light" or "dark".
    QString theme() const;
    void setTheme(const QString& theme);

    /// False until the first launch opened the demo (then the app opens what the user asks for).
    bool firstLaunchDone() const;
    void setFirstLaunchDone(bool done);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);

    /// Image grid zoom, 1..8 (default 2).
    int gridZoom() const;
    void setGridZoom(int zoom);

    /// What was on view when the window last closed, reopened at the next launch: the run in the explorer
    /// (empty: none) with the data file it used, the test image shown, the dataset open and the tab.
    struct Session {
        QString runDir, runDataFile, dataset;
        qint64 testImage = 0;
        int tab = 0;
    };
    Session lastSession() const;
    void setLastSession(const Session& session);

private:
    /// Mutable: reading an array needs QSettings' begin/end bookkeeping even in const getters.
    mutable QSettings m_settings;
};

} // namespace latentlab::gui
