#include "gui/app/StartPage.h"

#include <QCommandLinkButton>
#include <QDir>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace latentlab::gui {

namespace {

constexpr int kMaxRecentRuns = 5;
constexpr int kButtonMinimumWidth = 160;

} // namespace

StartPage::StartPage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("StartPage"));
    auto* layout = new QHBoxLayout(this);
    m_recentBox = new QGroupBox(tr("Recent runs"), this);
    m_recentLayout = new QVBoxLayout(m_recentBox);
    m_demoBox = new QGroupBox(tr("Bundled demos"), this);
    m_demoLayout = new QVBoxLayout(m_demoBox);
    // The full width of the tab: command-link descriptions wrap to more lines when squeezed, and get cut.
    layout->addWidget(m_recentBox, 2);
    layout->addWidget(m_demoBox, 3);
    setRecentRuns({});
    setDemos({});
}

void StartPage::clearButtons(QVBoxLayout* layout)
{
    while (QLayoutItem* item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

void StartPage::setRecentRuns(const QStringList& runDirs)
{
    clearButtons(m_recentLayout);
    m_recentRuns = 0;
    for (const QString& dir : runDirs) {
        if (m_recentRuns == kMaxRecentRuns || !QFileInfo(dir).isDir())
            continue;
        auto* button = new QCommandLinkButton(QFileInfo(dir).fileName(), QDir::toNativeSeparators(dir), m_recentBox);
        button->setMinimumWidth(kButtonMinimumWidth); // long paths must not widen the window
        button->setToolTip(QDir::toNativeSeparators(dir));
        connect(button, &QCommandLinkButton::clicked, this, [this, dir] { Q_EMIT runRequested(dir); });
        m_recentLayout->addWidget(button);
        ++m_recentRuns;
    }
    if (m_recentRuns == 0) {
        auto* none = new QLabel(tr("No runs opened yet."), m_recentBox);
        none->setEnabled(false);
        m_recentLayout->addWidget(none);
    }
    m_recentLayout->addStretch(1);
}

void StartPage::setDemos(const QList<DemoEntry>& demos)
{
    clearButtons(m_demoLayout);
    m_demos = 0;
    for (const DemoEntry& demo : demos) {
        // The folder name as the title, the long title as the wrapped description: nothing is cut.
        auto* button = new QCommandLinkButton(QFileInfo(demo.dir).fileName(), demo.title, m_demoBox);
        button->setMinimumWidth(kButtonMinimumWidth); // long titles must not widen the window
        button->setToolTip(demo.description);
        connect(button, &QCommandLinkButton::clicked, this, [this, demo] { Q_EMIT demoRequested(demo); });
        m_demoLayout->addWidget(button);
        ++m_demos;
    }
    if (m_demos == 0) {
        auto* none = new QLabel(tr("No bundled demos found."), m_demoBox);
        none->setEnabled(false);
        m_demoLayout->addWidget(none);
    }
    m_demoLayout->addStretch(1);
}

} // namespace latentlab::gui
