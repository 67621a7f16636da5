#pragma once
#include "gui/app/DemoCatalog.h"

#include <QList>
#include <QStringList>
#include <QWidget>

class QGroupBox;
class QVBoxLayout;

namespace latentlab::gui {

/// What a launch without a session to reopen shows in the empty Dataset tab: the recent runs and the
/// bundled demos, one button each, so the first click opens something worth seeing.
class StartPage : public QWidget {
    Q_OBJECT
public:
    explicit StartPage(QWidget* parent = nullptr);

    /// Run directories, most recent first (those that no longer exist are left out).
    void setRecentRuns(const QStringList& runDirs);
    void setDemos(const QList<DemoEntry>& demos);
    int recentRunCount() const { return m_recentRuns; }
    int demoCount() const { return m_demos; }

Q_SIGNALS:
    void runRequested(const QString& runDir);
    void demoRequested(const latentlab::gui::DemoEntry& demo);

private:
    static void clearButtons(QVBoxLayout* layout);

    QGroupBox* m_recentBox = nullptr;
    QGroupBox* m_demoBox = nullptr;
    QVBoxLayout* m_recentLayout = nullptr;
    QVBoxLayout* m_demoLayout = nullptr;
    int m_recentRuns = 0;
    int m_demos = 0;
};

} // namespace latentlab::gui
