// The Dataset tab on its own (DatasetBrowserPage, no main window): the empty page until a dataset is
// shown, what a shown dataset reports (rows, sample, summary, the version it was generated for),
// version selection and factor filters against counts computed here from the class table, and the
// zoom's 1..8 clamp.
#include "gui/dataset/DatasetBrowserPage.h"
#include "gui/dataset/DatasetImageModel.h"
#include "gui/dataset/DatasetLoader.h"
#include "gui/dataset/FactorFilterPanel.h"
#include "gui/dataset/ImageGridView.h"
#include "gui/dataset/RelationsPanel.h"

#include "data/DatasetGenerator.h"
#include "data/DatasetVersionCatalog.h"

#include <QPushButton>
#include <QStackedWidget>
#include <QtTest>

#include <algorithm>

using latentlab::gui::DatasetBrowserPage;
using latentlab::gui::DatasetLoader;
using latentlab::gui::LoadedDataset;
using namespace latentlab::data;

namespace {

/// "shape=1" → {"shape", 1}.
QPair<QString, int> parseFilter(const QString& text)
{
    const QStringList parts = text.split(QLatin1Char('='));
    return {parts.at(0), parts.at(1).toInt()};
}

} // namespace

class TestDatasetBrowser : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_dsprites;
    QString m_shapes;

    LoadedDataset load(const QString& path, std::size_t budget = DatasetLoader::kDefaultMemoryBudgetBytes)
    {
        return DatasetLoader::load(QFile::encodeName(path).toStdString(), budget, 7);
    }

    /// Rows of `images` that version `version` ("" = all) keeps and that match the "factor=class"
    /// filters (a later one on the same factor replaces the earlier; class -1 = any): counted row by
    /// row, independently of the page's RowFilter.
    static int expectedShown(const ImageDataset& images, const QString& version, const QStringList& filters)
    {
        QMap<QString, int> required;
        for (const QString& f : filters) {
            const auto [factor, cls] = parseFilter(f);
            required[factor] = cls;
        }
        std::vector<std::int64_t> kept;
        if (version.isEmpty()) {
            for (std::int64_t r = 0; r < images.rows(); ++r)
                kept.push_back(r);
        } else {
            kept = DatasetVersionCatalog::builtin().version(version.toStdString()).selectRows(images.factors, images.classes);
        }
        int shown = 0;
        for (std::int64_t r : kept) {
            bool match = true;
            for (auto it = required.cbegin(); it != required.cend(); ++it)
                if (it.value() >= 0 && images.classesOf(r)[images.factors.indexOf(it.key().toStdString())] != it.value())
                    match = false;
            shown += match;
        }
        return shown;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        DatasetGenerationRequest req;
        req.kind = DatasetLayout::DSprites;
        req.version = "dsprites-v2";
        req.rows = 300;
        req.seed = 1;
        req.outPath = QFile::encodeName(m_dir.filePath("d2.h5")).toStdString();
        DatasetGenerator::generate(req);
        m_dsprites = m_dir.filePath("d2.h5");
        req.kind = DatasetLayout::Shapes3D;
        req.version = "shapes3d-v2";
        req.rows = 64;
        req.outPath = QFile::encodeName(m_dir.filePath("s2.h5")).toStdString();
        DatasetGenerator::generate(req);
        m_shapes = m_dir.filePath("s2.h5");
    }

    void emptyUntilADatasetIsShown()
    {
        DatasetBrowserPage page;
        QVERIFY(!page.hasDataset());
        QCOMPARE(page.shownImageCount(), 0);
        QCOMPARE(page.loadedImageCount(), 0);
        QCOMPARE(page.fileRowCount(), qint64(0));
        QVERIFY(page.currentFilePath().isEmpty());
        QVERIFY(page.summary().isEmpty());
        QVERIFY(!page.selectVersion(""));
        QVERIFY(!page.setFactorFilter("shape", 0));
        auto* stack = page.findChild<QStackedWidget*>();
        QVERIFY(stack);
        QVERIFY(stack->currentWidget() != page.gridView());

        // The empty page's buttons ask the main window for its dialogs.
        QSignalSpy openRequested(&page, &DatasetBrowserPage::openRequested);
        QSignalSpy generateRequested(&page, &DatasetBrowserPage::generateRequested);
        const QList<QPushButton*> buttons = stack->currentWidget()->findChildren<QPushButton*>();
        QCOMPARE(buttons.size(), 2);
        for (QPushButton* button : buttons)
            button->click();
        QCOMPARE(openRequested.count(), 1);
        QCOMPARE(generateRequested.count(), 1);

        page.applyDataset(load(m_dsprites), m_dsprites);
        QVERIFY(page.hasDataset());
        QCOMPARE(stack->currentWidget(), page.gridView());
    }

    void showsADataset_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("budgetImages"); // 0: the default budget
        QTest::addColumn<int>("loaded");
        QTest::addColumn<qint64>("fileRows");
        QTest::addColumn<QString>("summaryStart");
        QTest::addColumn<QString>("generatedVersion");
        QTest::addColumn<int>("relations");
        QTest::addColumn<int>("pixelSide");

        QTest::newRow("dsprites") << "d2.h5" << qint64(0) << 300 << qint64(300) << "dSprites · 300 rows"
                                  << "dsprites-v2" << 5 << 64;
        QTest::newRow("dsprites-sampled") << "d2.h5" << qint64(100) << 100 << qint64(300)
                                          << "dSprites · showing 100 of 300 rows (random sample, seed 7)"
                                          << "dsprites-v2" << 5 << 64;
        QTest::newRow("shapes3d") << "s2.h5" << qint64(0) << 64 << qint64(64) << "3D Shapes · 64 rows"
                                  << "shapes3d-v2" << 3 << 64;
    }

    void showsADataset()
    {
        QFETCH(QString, file);
        QFETCH(qint64, budgetImages);
        QFETCH(int, loaded);
        QFETCH(qint64, fileRows);
        QFETCH(QString, summaryStart);
        QFETCH(QString, generatedVersion);
        QFETCH(int, relations);
        QFETCH(int, pixelSide);

        const QString path = m_dir.filePath(file);
        const bool rgb = file.startsWith('s');
        const std::size_t bytesPerImage = std::size_t(64) * 64 * (rgb ? 3 : 1);
        const LoadedDataset dataset = budgetImages > 0 ? load(path, std::size_t(budgetImages) * bytesPerImage) : load(path);

        DatasetBrowserPage page;
        QSignalSpy messages(&page, &DatasetBrowserPage::statusMessage);
        page.applyDataset(dataset, path);
        QCOMPARE(page.currentFilePath(), path);
        QCOMPARE(page.loadedImageCount(), loaded);
        QCOMPARE(page.fileRowCount(), fileRows);
        QCOMPARE(page.summary(), summaryStart);
        // A generated file opens with its version: every generated row belongs to it.
        QVERIFY(page.filterPanel()->currentVersion());
        QCOMPARE(QString::fromStdString(page.filterPanel()->currentVersion()->name), generatedVersion);
        QCOMPARE(page.relationsPanel()->relationCount(), relations);
        QCOMPARE(page.shownImageCount(), loaded);
        QCOMPARE(page.imageModel()->rowCount(), loaded);
        const QImage first = page.imageModel()->data(page.imageModel()->index(0), Qt::DecorationRole).value<QImage>();
        QCOMPARE(first.size(), QSize(pixelSide, pixelSide));
        QVERIFY(!messages.isEmpty());
        QVERIFY2(messages.last().at(0).toString().startsWith("Opened " + file), qPrintable(messages.last().at(0).toString()));
    }

    void versionSelection_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<int>("relations"); // after the call; the file opens with dsprites-v2 (5)

        QTest::newRow("all rows") << "" << true << 0;
        QTest::newRow("dsprites-v2") << "dsprites-v2" << true << 5;
        QTest::newRow("dsprites-v4") << "dsprites-v4" << true << 9;
        QTest::newRow("another layout's version") << "shapes3d-v2" << false << 5;
        QTest::newRow("unknown") << "dsprites-v99" << false << 5;
    }

    void versionSelection()
    {
        QFETCH(QString, version);
        QFETCH(bool, accepted);
        QFETCH(int, relations);

        DatasetBrowserPage page;
        const LoadedDataset dataset = load(m_dsprites);
        page.applyDataset(dataset, m_dsprites);
        QCOMPARE(page.selectVersion(version), accepted);
        // A refused version leaves the one the file opened with.
        const QString active = accepted ? version : QStringLiteral("dsprites-v2");
        const int expected = expectedShown(*dataset.images, active, {});
        QCOMPARE(page.shownImageCount(), expected);
        QCOMPARE(page.relationsPanel()->relationCount(), relations);
        if (version == "dsprites-v4") // 8 exact orientations: most rows of the v2 file drop out
            QVERIFY(expected > 0 && expected < 300);
    }

    void factorFilters_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QStringList>("filters"); // "factor=class", applied in order
        QTest::addColumn<bool>("lastAccepted");

        QTest::newRow("square") << "" << QStringList{"shape=0"} << true;
        QTest::newRow("ellipse") << "" << QStringList{"shape=1"} << true;
        QTest::newRow("heart") << "" << QStringList{"shape=2"} << true;
        QTest::newRow("ellipse, then any shape") << "" << QStringList{"shape=1", "shape=-1"} << true;
        QTest::newRow("ellipse and smallest scale") << "" << QStringList{"shape=1", "scale=0"} << true;
        QTest::newRow("v4 and heart") << "dsprites-v4" << QStringList{"shape=2"} << true;
        QTest::newRow("v4, square, largest scale") << "dsprites-v4" << QStringList{"shape=0", "scale=5"} << true;
        QTest::newRow("class out of range") << "" << QStringList{"shape=7"} << false;
        QTest::newRow("factor of another layout") << "" << QStringList{"hue=0"} << false;
        QTest::newRow("ellipse, then a refused class") << "" << QStringList{"shape=1", "shape=3"} << false;
    }

    void factorFilters()
    {
        QFETCH(QString, version);
        QFETCH(QStringList, filters);
        QFETCH(bool, lastAccepted);

        DatasetBrowserPage page;
        const LoadedDataset dataset = load(m_dsprites);
        page.applyDataset(dataset, m_dsprites);
        QVERIFY(page.selectVersion(version));
        QStringList applied;
        for (int i = 0; i < filters.size(); ++i) {
            const auto [factor, cls] = parseFilter(filters.at(i));
            const bool ok = page.setFactorFilter(factor, cls);
            QCOMPARE(ok, i + 1 < filters.size() || lastAccepted);
            if (ok)
                applied << filters.at(i);
        }
        QCOMPARE(page.shownImageCount(), expectedShown(*dataset.images, version, applied));
        QCOMPARE(page.imageModel()->rowCount(), page.shownImageCount());
        // A new dataset starts unfiltered again.
        page.applyDataset(load(m_dsprites), m_dsprites);
        QCOMPARE(page.shownImageCount(), 300);
    }

    void zoomClamp_data()
    {
        QTest::addColumn<int>("requested");
        QTest::addColumn<int>("expected");

        QTest::newRow("below 1") << -3 << 1;
        QTest::newRow("0") << 0 << 1;
        QTest::newRow("1") << 1 << 1;
        QTest::newRow("4") << 4 << 4;
        QTest::newRow("8") << 8 << 8;
        QTest::newRow("9") << 9 << 8;
        QTest::newRow("far above") << 1000 << 8;
    }

    void zoomClamp()
    {
        QFETCH(int, requested);
        QFETCH(int, expected);

        DatasetBrowserPage page;
        page.applyDataset(load(m_dsprites), m_dsprites);
        page.setZoom(expected == 2 ? 3 : 2); // start elsewhere, so the change is signalled
        QSignalSpy zoomed(&page, &DatasetBrowserPage::zoomChanged);
        page.setZoom(requested);
        QCOMPARE(page.zoom(), expected);
        QCOMPARE(page.gridView()->zoom(), expected);
        QCOMPARE(zoomed.count(), 1);
        QCOMPARE(zoomed.at(0).at(0).toInt(), expected);
        // Stepping past either end stays at the end.
        page.setZoom(latentlab::gui::ImageGridView::kMaxZoom);
        page.zoomIn();
        QCOMPARE(page.zoom(), 8);
        page.setZoom(1);
        page.zoomOut();
        QCOMPARE(page.zoom(), 1);
    }
};

QTEST_MAIN(TestDatasetBrowser)
#include "tst_datasetbrowser.moc"
