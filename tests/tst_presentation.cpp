// "A demo a lecturer can run in front of a class", offscreen on a 1280×800 screen (the offscreen
// platform's screen is set by a config file before the application starts): the explorer's zoom, Fit,
// Ctrl+wheel and double-click act on its images and traversal tiles; presenter mode scales images too,
// stays inside the screen and restores the window; switching tabs never resizes the window; captions
// wrap; the shortcut sheet is grouped and sized to its content; the tour card stays inside the window.
#include "gui/app/GuidedTour.h"
#include "gui/app/MainWindow.h"
#include "gui/app/ShortcutsDialog.h"
#include "gui/app/StartPage.h"
#include "gui/common/GuiSettings.h"
#include "gui/dataset/DatasetBrowserPage.h"
#include "gui/runs/RunComparisonView.h"
#include "gui/training/TrainingMonitorPage.h"
#include "gui/common/ImageZoomDialog.h"
#include "gui/common/PixelImageView.h"
#include "gui/explorer/LatentExplorerPage.h"
#include "gui/explorer/LatentWorkspace.h"
#include "gui/explorer/RelationChainPanel.h"
#include "gui/explorer/TraversalGridView.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QSpinBox>
#include <QPushButton>
#include <QUndoStack>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QtTest>

using namespace latentlab::gui;

namespace {

constexpr int kScreenWidth = 1280;
constexpr int kScreenHeight = 800;

QAction* actionNamed(QWidget& w, const QString& text)
{
    for (QAction* a : w.findChildren<QAction*>())
        if (a->text() == text)
            return a;
    return nullptr;
}

} // namespace

class TestPresentation : public QObject {
    Q_OBJECT
private:
    /// A main window at the screen's size with the bundled M-AE run open in the explorer (prior samples:
    /// its data is not generated here).
    static bool openDemoRun(MainWindow& w)
    {
        w.setErrorDialogsEnabled(false);
        w.setGeometry(0, 0, kScreenWidth, kScreenHeight);
        w.show();
        QSignalSpy ready(w.explorerPage(), &LatentExplorerPage::modelReady);
        QSignalSpy traversal(w.explorerPage(), &LatentExplorerPage::traversalShown);
        w.openRun(QStringLiteral(LATENTLAB_MODELS_DIR "/dsprites-v2-mae"));
        if (!ready.wait(60000))
            return false;
        return QTest::qWaitFor([&] { return !w.explorerPage()->shownClasses().empty() && !w.explorerPage()->manipulatedImage().isNull(); }, 20000) &&
            (traversal.count() > 0 || traversal.wait(20000));
    }

    /// Why the explorer's side columns (the scroll areas around Sample/Partition and Relations) are not
    /// all reachable without sideways scrolling: a visible horizontal scroll bar in them, or a control
    /// whose horizontal extent lies outside its column's viewport. Empty when all is reachable.
    static QString sidewaysProblems(LatentExplorerPage* page)
    {
        QStringList problems;
        for (const char* name : {"leftScroll", "relationsScroll"}) {
            auto* scroll = page->findChild<QScrollArea*>(name);
            if (!scroll) {
                problems << QStringLiteral("no %1").arg(name);
                continue;
            }
            QList<QAbstractScrollArea*> areas = scroll->widget()->findChildren<QAbstractScrollArea*>();
            areas << scroll;
            for (QAbstractScrollArea* area : areas)
                if (area->horizontalScrollBar()->isVisible())
                    problems << QStringLiteral("%1 (%2) scrolls sideways").arg(area->objectName(), area->metaObject()->className());
            const QRect viewport(QPoint(0, 0), scroll->viewport()->size());
            for (QWidget* control : scroll->widget()->findChildren<QWidget*>()) {
                if (!control->isVisible() ||
                    !(qobject_cast<QAbstractButton*>(control) || qobject_cast<QAbstractSpinBox*>(control) || qobject_cast<QComboBox*>(control) ||
                      qobject_cast<QSlider*>(control) || qobject_cast<QLineEdit*>(control)))
                    continue;
                const QRect at(control->mapTo(scroll->viewport(), QPoint(0, 0)), control->size());
                if (at.left() < viewport.left() || at.right() > viewport.right())
                    problems << QStringLiteral("%1 “%2” at x %3–%4 outside %5 px")
                                    .arg(control->metaObject()->className(), control->objectName())
                                    .arg(at.left())
                                    .arg(at.right())
                                    .arg(viewport.width());
            }
        }
        return problems.join(QStringLiteral("; "));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(QGuiApplication::primaryScreen());
        QCOMPARE(QGuiApplication::primaryScreen()->geometry().size(), QSize(kScreenWidth, kScreenHeight));
    }

    void explorerZoomShowsImagesAndTilesAtTheFactor_data()
    {
        QTest::addColumn<int>("zoom");
        QTest::addColumn<int>("shown"); // the decoded image's factor at 1280×800
        QTest::newRow("1x") << 1 << 1;
        QTest::newRow("2x") << 2 << 2;
        // Four 200 px views fit beside the side panels at their minimum width, four 264 px views do not at
        // 1280 px: the images show as large as fits, the tiles at 4× (the grid scrolls); double-click shows
        // one large.
        QTest::newRow("3x") << 3 << 3;
        QTest::newRow("4x") << 4 << 3;
    }

    void explorerZoomShowsImagesAndTilesAtTheFactor()
    {
        QFETCH(int, zoom);
        QFETCH(int, shown);
        MainWindow w;
        QVERIFY(openDemoRun(w));
        LatentExplorerPage* page = w.explorerPage();
        QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget*>(page));
        page->setImageZoom(zoom);
        QTRY_COMPARE(page->shownZoom(), shown);
        for (const char* name : {"original", "reconstruction", "manipulated"})
            QCOMPARE(page->findChild<PixelImageView*>(name)->zoom(), zoom);
        QCOMPARE(page->traversalView()->cellSize(), 64 * zoom);
        QCOMPARE(w.findChild<QLabel*>("zoomLabel")->text(), QStringLiteral("Zoom %1×").arg(shown));
        QCOMPARE(w.size(), QSize(kScreenWidth, kScreenHeight)); // room comes from the panes, not the window
    }

    void zoomActionsWheelFitAndDoubleClickActOnTheExplorer()
    {
        MainWindow w;
        QVERIFY(openDemoRun(w));
        LatentExplorerPage* page = w.explorerPage();
        // The default window shows the images larger than 1× (64 px).
        QTRY_VERIFY(page->shownZoom() >= 2);
        QTRY_COMPARE(w.findChild<QLabel*>("zoomLabel")->text(), QStringLiteral("Zoom fit (%1×)").arg(page->shownZoom()));

        page->setImageZoom(1);
        actionNamed(w, "Zoom &In")->trigger();
        QTRY_COMPARE(page->shownZoom(), 2);
        QCOMPARE(page->imageZoom(), 2);
        actionNamed(w, "Zoom &Out")->trigger();
        QTRY_COMPARE(page->imageZoom(), 1);
        QCOMPARE(page->traversalView()->cellSize(), 64);

        // Ctrl+wheel over the traversal grid zooms instead of scrolling.
        QWidget* viewport = page->findChild<QScrollArea*>("traversalScroll")->viewport();
        QWheelEvent up(QPointF(20, 20), viewport->mapToGlobal(QPointF(20, 20)), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::ControlModifier,
                       Qt::NoScrollPhase, false);
        QApplication::sendEvent(viewport, &up);
        QCOMPARE(page->imageZoom(), 2);
        QWheelEvent down(QPointF(20, 20), viewport->mapToGlobal(QPointF(20, 20)), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::ControlModifier,
                         Qt::NoScrollPhase, false);
        QApplication::sendEvent(viewport, &down);
        QCOMPARE(page->imageZoom(), 1);

        actionNamed(w, "&Fit")->trigger();
        QCOMPARE(page->imageZoom(), 0);
        QTRY_VERIFY(page->shownZoom() >= 2);

        // The Dataset tab keeps its own zoom.
        w.tabs()->setCurrentIndex(0);
        QVERIFY(!w.findChild<QLabel*>("zoomLabel")->text().startsWith("Zoom fit"));
        w.tabs()->setCurrentWidget(page);

        // Double-click: the image large, at an integer factor.
        auto* manipulated = page->findChild<PixelImageView*>("manipulated");
        QTest::mouseDClick(manipulated, Qt::LeftButton, Qt::NoModifier, manipulated->rect().center());
        auto* large = manipulated->findChild<ImageZoomDialog*>();
        QVERIFY(large);
        QVERIFY(large->isVisible());
        QVERIFY(large->scale() >= 6);
        QCOMPARE(large->image(), page->manipulatedImage());
        large->close();
        TraversalGridView* grid = page->traversalView();
        const QPoint tile(100 + grid->cellSize() / 2, 24 + grid->cellSize() / 2);
        QCOMPARE(grid->cellAt(tile), QPoint(0, 0));
        QTest::mouseDClick(grid, Qt::LeftButton, Qt::NoModifier, tile);
        auto* tileView = grid->findChild<ImageZoomDialog*>();
        QVERIFY(tileView);
        QCOMPARE(tileView->image(), grid->grid().images[0][0]);
    }

    void presenterModeScalesImagesStaysOnScreenAndRestores()
    {
        MainWindow w;
        QVERIFY(openDemoRun(w));
        w.setGeometry(100, 60, 1000, 700);
        QTest::qWait(50);
        const QRect before = w.geometry();
        const int cell = w.explorerPage()->traversalView()->minimumCell();
        w.setPresenterMode(true);
        QTest::qWait(100);
        const QRect screen = w.screen()->geometry();
        QVERIFY2(screen.contains(w.geometry()), qPrintable(QStringLiteral("%1x%2").arg(w.width()).arg(w.height())));
        QVERIFY(w.minimumSizeHint().width() <= screen.width() && w.minimumSizeHint().height() <= screen.height());
        QVERIFY(w.explorerPage()->traversalView()->minimumCell() >= qRound(cell * 1.6));
        // The tour card and its buttons stay inside the window.
        w.guidedTour()->start();
        w.guidedTour()->goTo(1);
        QVERIFY(w.rect().contains(w.guidedTour()->geometry()));
        for (QPushButton* b : w.guidedTour()->findChildren<QPushButton*>())
            QVERIFY(w.rect().contains(QRect(b->mapTo(&w, QPoint(0, 0)), b->size())));
        w.guidedTour()->finish();
        w.setPresenterMode(false);
        QTest::qWait(100);
        QCOMPARE(w.geometry(), before);
        QCOMPARE(w.explorerPage()->traversalView()->minimumCell(), cell);
    }

    /// The tour card's title grows with presenter mode as its text does, and shrinks back after it.
    void tourTitleScalesWithPresenterMode()
    {
        MainWindow w;
        w.setErrorDialogsEnabled(false);
        w.setGeometry(0, 0, kScreenWidth, kScreenHeight);
        w.show();
        w.guidedTour()->start();
        auto* title = w.guidedTour()->findChild<QLabel*>("tourTitle");
        QVERIFY(title);
        const qreal body = w.guidedTour()->font().pointSizeF(), normal = title->font().pointSizeF();
        QVERIFY(title->font().bold());
        QVERIFY(normal > body);
        w.setPresenterMode(true);
        QTest::qWait(50);
        QVERIFY2(w.guidedTour()->font().pointSizeF() >= body * 1.5, "the card's text did not grow");
        QVERIFY2(title->font().pointSizeF() >= normal * 1.5,
                 qPrintable(QStringLiteral("title %1 pt, was %2 pt").arg(title->font().pointSizeF()).arg(normal)));
        QVERIFY(title->font().pointSizeF() > w.guidedTour()->font().pointSizeF());
        QVERIFY(title->font().bold());
        w.setPresenterMode(false);
        QTest::qWait(50);
        QCOMPARE(title->font().pointSizeF(), normal);
        w.guidedTour()->finish();
    }

    /// Presenter mode at 1280×800: every relation button is inside the window and its column, no side
    /// column scrolls sideways, every control there is reachable, and the images stay large.
    void presenterModeAt1280x800ReachesEveryRelationAndControl()
    {
        MainWindow w;
        QVERIFY(openDemoRun(w));
        w.setPresenterMode(true);
        QTest::qWait(300);
        QCOMPARE(w.size(), QSize(kScreenWidth, kScreenHeight));
        LatentExplorerPage* page = w.explorerPage();
        const QStringList relations = page->workspace()->model().relations;
        QCOMPARE(relations.size(), 5);
        auto* relationsScroll = page->findChild<QScrollArea*>("relationsScroll");
        QVERIFY(relationsScroll);
        for (const QString& relation : relations) {
            QPushButton* button = page->relationPanel()->relationButton(relation);
            QVERIFY(button && button->isVisible());
            const QRect inWindow(button->mapTo(&w, QPoint(0, 0)), button->size());
            QVERIFY2(w.rect().contains(inWindow),
                     qPrintable(QStringLiteral("%1 at %2,%3 %4x%5")
                                    .arg(relation)
                                    .arg(inWindow.x())
                                    .arg(inWindow.y())
                                    .arg(inWindow.width())
                                    .arg(inWindow.height())));
            const QRect inColumn(button->mapTo(relationsScroll->viewport(), QPoint(0, 0)), button->size());
            QVERIFY2(relationsScroll->viewport()->rect().contains(inColumn), qPrintable(relation + " is cut by its column"));
            QVERIFY(button->width() >= button->sizeHint().width()); // its text whole
        }
        const QString problems = sidewaysProblems(page);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        QVERIFY2(page->shownZoom() >= 2, qPrintable(QString::number(page->shownZoom())));
        w.setPresenterMode(false);
    }

    /// Fit shows the images at the largest integer factor the window allows: larger at 1600×1000 than at
    /// 1280×800, never cut, and the side columns still need no sideways scrolling.
    void fitImagesGrowWithTheWindowAndNeverOverflow()
    {
        MainWindow w;
        QVERIFY(openDemoRun(w));
        LatentExplorerPage* page = w.explorerPage();
        page->zoomToFit();
        auto checkFits = [&](const char* where) {
            const QRect window = w.rect();
            for (const char* name : {"original", "reconstruction", "manipulated"}) {
                auto* view = page->findChild<PixelImageView*>(name);
                const int side = view->shownScale() * view->image().width();
                QVERIFY2(
                    side + 8 <= view->width() && side + view->textHeight(view->width()) <= view->height(),
                    qPrintable(QStringLiteral("%1 at %2: %3 px image in %4x%5").arg(name, where).arg(side).arg(view->width()).arg(view->height())));
                QVERIFY2(window.contains(QRect(view->mapTo(&w, QPoint(0, 0)), view->size())),
                         qPrintable(QStringLiteral("%1 at %2 outside the window").arg(name, where)));
                QCOMPARE(view->shownScale(), page->shownZoom());
            }
            const QString problems = sidewaysProblems(page);
            QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(where, problems)));
        };
        QTRY_COMPARE(page->shownZoom(), page->fitScale());
        const int small = page->shownZoom();
        QVERIFY(small >= 2);
        checkFits("1280x800");
        w.resize(1600, 1000);
        QTRY_COMPARE(page->fitScale(), page->shownZoom());
        QTRY_VERIFY2(page->shownZoom() > small, qPrintable(QStringLiteral("%1× at 1600x1000, %2× at 1280x800").arg(page->shownZoom()).arg(small)));
        checkFits("1600x1000");
        QCOMPARE(w.findChild<QLabel*>("zoomLabel")->text(), QStringLiteral("Zoom fit (%1×)").arg(page->shownZoom()));
    }

    void switchingTabsNeverResizesTheWindow_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::newRow("1280x800") << 1280 << 800;
        QTest::newRow("1024x700") << 1024 << 700;
    }

    void switchingTabsNeverResizesTheWindow()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        MainWindow w;
        QVERIFY(openDemoRun(w));
        w.resize(width, height);
        QTest::qWait(50);
        const QSize size = w.size();
        for (int round = 0; round < 2; ++round)
            for (int i = 0; i < w.tabs()->count(); ++i) {
                w.tabs()->setCurrentIndex(i);
                QTest::qWait(20);
                QVERIFY2(w.size() == size,
                         qPrintable(QStringLiteral("tab %1 made the window %2x%3").arg(w.tabs()->tabText(i)).arg(w.width()).arg(w.height())));
            }
    }

    void captionsWrapInsteadOfBeingCut()
    {
        PixelImageView view(QStringLiteral("Reconstruction"));
        view.setDetail(QStringLiteral("test image 0 (file 123456, square, left, top)"));
        const int wide = view.textHeight(600);
        QVERIFY(view.textHeight(90) > wide); // wrapped onto more lines, nothing cut
    }

    void combinationLabelsAreShortWithTheFullNameInTheTooltip_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<int>("width");
        QTest::addColumn<QString>("shown");
        QTest::newRow("fits") << "square, left, top" << 1000 << "square, left, top";
        QTest::newRow("combination") << "square, left, top" << 40 << "squ·lef·top";
        QTest::newRow("two-word parts") << "heart, right bottom" << 40 << "hea·rb";
        QTest::newRow("plain value") << "ellipse" << 10 << "ellipse";
    }

    void combinationLabelsAreShortWithTheFullNameInTheTooltip()
    {
        QFETCH(QString, label);
        QFETCH(int, width);
        QFETCH(QString, shown);
        QCOMPARE(TraversalGridView::shortLabel(label, QFontMetrics(QApplication::font()), width), shown);
    }

    void shortcutSheetIsGroupedAndFitsItsContent()
    {
        MainWindow w;
        w.setGeometry(0, 0, kScreenWidth, kScreenHeight);
        w.show();
        // Read while the modal sheet is open, then closed: a failed check must not leave it open.
        QStringList groups;
        QSize size;
        bool horizontalBar = true;
        int verticalRange = -1;
        QTimer::singleShot(0, &w, [&] {
            if (auto* sheet = w.findChild<ShortcutsDialog*>()) {
                groups = sheet->groupTitles();
                size = sheet->size();
                auto* table = sheet->findChild<QTableWidget*>("table");
                horizontalBar = table->horizontalScrollBar()->isVisible();
                verticalRange = table->verticalScrollBar()->maximum();
                sheet->reject();
            }
        });
        actionNamed(w, "&Keyboard Shortcuts…")->trigger();
        QCOMPARE(groups.mid(0, 4), (QStringList{"File", "Edit", "Explorer", "View"}));
        QVERIFY(!horizontalBar);
        QVERIFY(size.width() > 380 && size.height() > 300);
        QVERIFY(size.width() <= kScreenWidth && size.height() <= kScreenHeight);
        // Every row visible, or the sheet as tall as the screen allows (90 %) and only then scrolling.
        QVERIFY2(verticalRange == 0 || size.height() >= kScreenHeight * 85 / 100, qPrintable(QString::number(size.height())));
    }

    void tourOpensWhatItExplainsAndRestoresTheExplorer()
    {
        MainWindow w;
        w.setErrorDialogsEnabled(false);
        w.setGeometry(0, 0, kScreenWidth, kScreenHeight);
        w.show();
        QSignalSpy ready(w.explorerPage(), &LatentExplorerPage::modelReady);
        w.openDemoWhenReady(); // the dSprites M-AE demo, its data regenerated into the test cache
        QVERIFY(ready.wait(120000));
        LatentExplorerPage* page = w.explorerPage();
        QTRY_VERIFY_WITH_TIMEOUT(page->shownTestImage() == 0, 30000);
        page->workspace()->stepPartition(1); // a user edit the tour must keep
        const auto code = page->workspace()->code();
        const int partition = page->workspace()->partition();
        QUndoStack* undo = page->workspace()->undoStack();
        const int index = undo->index(), count = undo->count();

        GuidedTour* tour = w.guidedTour();
        tour->start();
        QCOMPARE(w.tabs()->currentIndex(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(w.datasetPage()->hasDataset(), 60000); // the demo's data, not "No dataset open"
        QSignalSpy chain(page, &LatentExplorerPage::chainShown);
        tour->goTo(3); // relations: move-left applied to the user's code
        QVERIFY(chain.wait(20000));
        QVERIFY(page->workspace()->code() != code);
        QSignalSpy runs(w.runsView(), &RunComparisonView::loaded);
        tour->goTo(tour->stepCount() - 1); // metrics: the bundled runs in the Runs tab
        QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget*>(w.runsView()));
        QVERIFY(runs.count() > 0 || runs.wait(60000));
        QVERIFY(!w.runsView()->data().runs().empty());
        tour->finish();
        QVERIFY(page->workspace()->code() == code);
        QCOMPARE(page->workspace()->partition(), partition);
        QCOMPARE(undo->index(), index);
        QCOMPARE(undo->count(), count);
        QVERIFY(!undo->canRedo() || count > index);

        // The session is what the next launch reopens.
        page->showDatasetSample(3);
        QTRY_VERIFY_WITH_TIMEOUT(page->shownTestImage() == 3, 20000);
        w.tabs()->setCurrentWidget(page);
        w.close();
    }

    void secondLaunchReopensTheSessionOrShowsTheStartPage()
    {
        {
            MainWindow w;
            w.setErrorDialogsEnabled(false);
            w.show();
            QSignalSpy ready(w.explorerPage(), &LatentExplorerPage::modelReady);
            QVERIFY(w.reopenLastSession());
            QVERIFY(ready.wait(60000));
            QVERIFY(w.explorerPage()->runDir().endsWith("dsprites-v2-mae"));
            QTRY_COMPARE_WITH_TIMEOUT(w.explorerPage()->shownTestImage(), qint64(3), 30000);
            QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget*>(w.explorerPage()));
            QTRY_VERIFY_WITH_TIMEOUT(w.datasetPage()->hasDataset(), 60000); // the dataset the tour opened
        }
        GuiSettings().setLastSession({});
        MainWindow w;
        w.setErrorDialogsEnabled(false);
        w.show();
        QSignalSpy scanned(&w, &MainWindow::demosScanned);
        QVERIFY(!w.reopenLastSession());
        QCOMPARE(w.tabs()->currentIndex(), 0);
        QVERIFY(scanned.count() > 0 || scanned.wait(20000));
        StartPage* start = w.startPage();
        QVERIFY(start->isVisible());
        QVERIFY(start->demoCount() >= 4);
        QVERIFY(start->recentRunCount() >= 1); // the demo run opened above
    }

    void emptyTrainingAndRunsTabsOfferTheirAction()
    {
        MainWindow w;
        w.setErrorDialogsEnabled(false);
        w.show();
        QSignalSpy scanned(&w, &MainWindow::demosScanned);
        QVERIFY(scanned.count() > 0 || scanned.wait(20000));
        w.tabs()->setCurrentWidget(w.trainingPage());
        auto* train = w.trainingPage()->findChild<QPushButton*>("trainButton");
        QVERIFY(train && train->isVisible());
        QCOMPARE(train->text(), QStringLiteral("Train a Model…"));
        QSignalSpy trainRequested(w.trainingPage(), &TrainingMonitorPage::trainRequested);
        QTimer::singleShot(0, &w, [] {
            if (auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget()))
                dialog->reject();
        });
        train->click();
        QCOMPARE(trainRequested.count(), 1);

        w.tabs()->setCurrentWidget(w.runsView());
        auto* bundled = w.runsView()->findChild<QPushButton*>("bundledRunsButton");
        QVERIFY(bundled && bundled->isVisible());
        QSignalSpy loaded(w.runsView(), &RunComparisonView::loaded);
        bundled->click();
        QVERIFY(loaded.wait(60000));
        QVERIFY(!w.runsView()->data().runs().empty());
        QVERIFY(!bundled->isVisible());
    }
};

int main(int argc, char** argv)
{
    // A 1280×800 offscreen screen, the classroom projector this suite is about.
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    QTemporaryDir dir;
    if (platform.isEmpty() || platform == "offscreen") {
        QFile config(dir.filePath(QStringLiteral("screen.json")));
        if (config.open(QIODevice::WriteOnly))
            config.write(QStringLiteral(R"({"windowFrameMargins": false, "screens": [{"name": "projector", "x": 0, "y": 0, "width": %1, "height": %2,
"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})")
                             .arg(kScreenWidth)
                             .arg(kScreenHeight)
                             .toUtf8());
        config.close();
        qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + QFile::encodeName(config.fileName()));
    }
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestPresentation test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_presentation.moc"
