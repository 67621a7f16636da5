// GUI smoke and behaviour, offscreen: the window opens, loads a fixture in the background, shows one
// grid item per image, filters by version and factor, lists relations, survives bad files, generates
// and cancels generation; the Generate Dataset and Keyboard Shortcuts dialogs.
#include "gui/dataset/DatasetBrowserPage.h"
#include "gui/dataset/DatasetImageModel.h"
#include "gui/app/MainWindow.h"
#include "gui/app/ShortcutsDialog.h"
#include "gui/dataset/GenerateDatasetDialog.h"
#include "gui/dataset/RelationsPanel.h"

#include "data/DatasetGenerator.h"
#include "data/DatasetVersionCatalog.h"
#include "io/DatasetFileReader.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

#include <limits>

using latentlab::gui::GenerateDatasetDialog;
using latentlab::gui::MainWindow;
using latentlab::gui::ShortcutsDialog;
using namespace latentlab::data;

class TestGui : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_dsprites;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // keep QSettings (recent files) out of the user's config
        DatasetGenerationRequest req;
        req.kind = DatasetLayout::DSprites;
        req.version = "dsprites-v2";
        req.rows = 300;
        req.seed = 1;
        req.outPath = m_dir.filePath("d2.h5").toStdString();
        DatasetGenerator::generate(req);
        m_dsprites = m_dir.filePath("d2.h5");
    }

    void opensAndShowsEveryImage()
    {
        MainWindow w;
        w.setErrorDialogsEnabled(false);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        w.openDataset(m_dsprites);
        QVERIFY(w.isBusy()); // the load runs in the background
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        QCOMPARE(loaded.at(0).at(0).toInt(), 300);
        QCOMPARE(w.datasetPage()->shownImageCount(), 300);
        QCOMPARE(w.datasetPage()->imageModel()->rowCount(), 300);
        QCOMPARE(w.datasetPage()->fileRowCount(), qint64(300));
        QCOMPARE(w.datasetPage()->currentFilePath(), m_dsprites);
        // The fixture was generated for dsprites-v2: it opens with that version's relations listed.
        QCOMPARE(w.datasetPage()->relationsPanel()->relationCount(), 5);

        // Grid items are the file's images: 64×64, white sprite pixels on black.
        const QImage img = w.datasetPage()->imageModel()->data(w.datasetPage()->imageModel()->index(0), Qt::DecorationRole).value<QImage>();
        QCOMPARE(img.size(), QSize(64, 64));
        const latentlab::io::DatasetFileReader reader(m_dsprites.toStdString());
        const auto first = reader.readRows({0});
        int on = 0;
        for (int y = 0; y < 64; ++y)
            for (int x = 0; x < 64; ++x) {
                const bool white = qGray(img.pixel(x, y)) > 127;
                QCOMPARE(white, first.image(0)[y * 64 + x] == 1);
                on += white;
            }
        QVERIFY(on > 50);

        // The window draws real content (not blank).
        const QImage shot = w.grab().toImage();
        QVERIFY(shot.width() > 600);
        QSet<QRgb> colours;
        for (int y = 0; y < shot.height(); y += 7)
            for (int x = 0; x < shot.width(); x += 7)
                colours.insert(shot.pixel(x, y));
        QVERIFY(colours.size() > 20);
    }

    void versionAndFactorFilters()
    {
        MainWindow w;
        w.setErrorDialogsEnabled(false);
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        w.openDataset(m_dsprites);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        const latentlab::io::DatasetFileReader reader(m_dsprites.toStdString());
        int ellipses = 0;
        for (std::int64_t r = 0; r < reader.info().rows; ++r)
            ellipses += reader.classes()[static_cast<std::size_t>(r) * 6 + 1] == 1;
        QVERIFY(ellipses > 0 && ellipses < 300);

        QVERIFY(w.datasetPage()->selectVersion("dsprites-v2"));
        QCOMPARE(w.datasetPage()->shownImageCount(), 300); // every generated row belongs to dsprites-v2
        QCOMPARE(w.datasetPage()->relationsPanel()->relationCount(), 5);
        QVERIFY(w.datasetPage()->setFactorFilter("shape", 1));
        QCOMPARE(w.datasetPage()->shownImageCount(), ellipses);
        QVERIFY(!w.datasetPage()->setFactorFilter("shape", 7));
        QVERIFY(!w.datasetPage()->setFactorFilter("hue", 0));
        QVERIFY(w.datasetPage()->setFactorFilter("shape", -1));
        QCOMPARE(w.datasetPage()->shownImageCount(), 300);
        QVERIFY(!w.datasetPage()->selectVersion("shapes3d-v2")); // another layout's version is refused
        // dsprites-v4 keeps only 8 exact orientations, so most v2 rows (orientations near 0) drop out.
        const auto& v4 = DatasetVersionCatalog::builtin().version("dsprites-v4");
        const auto v4Rows = v4.selectRows(reader.info().factors, reader.classes());
        QVERIFY(v4Rows.size() > 0 && v4Rows.size() < 300);
        QVERIFY(w.datasetPage()->selectVersion("dsprites-v4"));
        QCOMPARE(w.datasetPage()->shownImageCount(), int(v4Rows.size()));
        QCOMPARE(w.datasetPage()->relationsPanel()->relationCount(), 9);
        QVERIFY(w.datasetPage()->selectVersion(""));
        QCOMPARE(w.datasetPage()->shownImageCount(), 300);
    }

    void badFileKeepsTheWindowUsable()
    {
        MainWindow w;
        w.setErrorDialogsEnabled(false);
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        QSignalSpy failed(&w, &MainWindow::jobFailed);
        w.openDataset(m_dsprites);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        QFile text(m_dir.filePath("notes.h5"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("not hdf5");
        text.close();
        w.openDataset(text.fileName());
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
        const QString sentence = failed.at(0).at(0).toString();
        QVERIFY2(sentence.contains("notes.h5") && sentence.contains("HDF5"), qPrintable(sentence));
        QCOMPARE(w.datasetPage()->shownImageCount(), 300); // the previous dataset stays
        QCOMPARE(w.datasetPage()->currentFilePath(), m_dsprites);
        w.openDataset(m_dir.filePath("missing.h5"));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 20000);
        QVERIFY(failed.at(1).at(0).toString().contains("does not exist"));
    }

    void generateThenOpen()
    {
        MainWindow w;
        w.setErrorDialogsEnabled(false);
        QSignalSpy generated(&w, &MainWindow::datasetGenerated);
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        DatasetGenerationRequest req;
        req.kind = DatasetLayout::Shapes3D;
        req.version = "shapes3d-v2";
        req.rows = 64;
        req.outPath = m_dir.filePath("s.h5").toStdString();
        w.startGeneration(req);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
        QCOMPARE(generated.count(), 1);
        QCOMPARE(w.datasetPage()->shownImageCount(), 64);
        const QImage img = w.datasetPage()->imageModel()->data(w.datasetPage()->imageModel()->index(0), Qt::DecorationRole).value<QImage>();
        QCOMPARE(img.size(), QSize(64, 64));
        QVERIFY(!img.isGrayscale());
        QVERIFY(w.datasetPage()->selectVersion("shapes3d-v2"));
        QCOMPARE(w.datasetPage()->relationsPanel()->relationCount(), 3);
    }

    void cancelGeneration()
    {
        MainWindow w;
        w.setErrorDialogsEnabled(false);
        QSignalSpy cancelled(&w, &MainWindow::jobCancelled);
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        DatasetGenerationRequest req;
        req.kind = DatasetLayout::Shapes3D; // 480000 images: far longer than the test waits
        req.outPath = m_dir.filePath("big.h5").toStdString();
        w.startGeneration(req);
        QVERIFY(w.isBusy());
        QTest::qWait(300);
        w.cancelJob();
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 20000);
        QCOMPARE(loaded.count(), 0);
        QVERIFY(QDir(m_dir.path()).entryList({"big.h5*"}).isEmpty()); // no file, no temporary left
    }

    void generateDialogBuildsTheRequest()
    {
        GenerateDatasetDialog d;
        QCOMPARE(d.windowTitle(), QStringLiteral("Generate Dataset"));
        const QList<QComboBox*> combos = d.findChildren<QComboBox*>();
        const QList<QSpinBox*> spins = d.findChildren<QSpinBox*>();
        QCOMPARE(combos.size(), 2);
        QCOMPARE(spins.size(), 2);
        QComboBox* kind = combos.at(0);
        QComboBox* version = combos.at(1);
        QSpinBox* rows = spins.at(0);
        QSpinBox* seed = spins.at(1);
        auto* output = d.findChild<QLineEdit*>();
        QVERIFY(output);
        // The form's object names (ui/GenerateDatasetDialog.ui), for tests and style sheets.
        QCOMPARE(d.objectName(), QStringLiteral("GenerateDatasetDialog"));
        QCOMPARE(d.findChild<QComboBox*>("kind"), kind);
        QCOMPARE(d.findChild<QComboBox*>("version"), version);
        QCOMPARE(d.findChild<QSpinBox*>("rows"), rows);
        QCOMPARE(d.findChild<QSpinBox*>("seed"), seed);
        QCOMPARE(d.findChild<QLineEdit*>("output"), output);
        QVERIFY(d.findChild<QPushButton*>("browseButton"));
        QVERIFY(d.findChild<QLabel*>("summary"));
        // Every field has its mnemonic label.
        QStringList labelled;
        for (const QLabel* label : d.findChildren<QLabel*>())
            if (label->buddy())
                labelled << label->text();
        labelled.sort();
        QCOMPARE(labelled, (QStringList{"&Kind:", "&Output file:", "&Rows:", "&Seed:", "&Version:"}));
        QCOMPARE(d.findChildren<QLabel*>().size(), 6); // and the summary line

        // Defaults: dSprites, its first catalog version, all rows, seed 0, the cache file of that version.
        QCOMPARE(kind->count(), 2);
        QCOMPARE(kind->currentText(), QStringLiteral("dSprites"));
        QCOMPARE(version->itemText(0), QStringLiteral("full"));
        QCOMPARE(version->currentIndex(), 1);
        QCOMPARE(rows->text(), QStringLiteral("all"));
        QCOMPARE(rows->maximum(), std::numeric_limits<int>::max());
        QCOMPARE(seed->maximum(), std::numeric_limits<int>::max());
        QVERIFY(rows->isGroupSeparatorShown());
        QVERIFY(output->minimumWidth() >= 360);
        DatasetGenerationRequest r = d.request();
        QCOMPARE(r.kind, DatasetLayout::DSprites);
        QCOMPARE(QString::fromStdString(r.version), version->currentText());
        QCOMPARE(r.rows, std::int64_t(-1));
        QCOMPARE(r.seed, std::uint64_t(0));
        QCOMPARE(QString::fromStdString(r.outPath), GenerateDatasetDialog::defaultOutputPath(DatasetLayout::DSprites, version->currentText()));
        auto* buttons = d.findChild<QDialogButtonBox*>();
        QVERIFY(buttons);
        QCOMPARE(buttons->button(QDialogButtonBox::Ok)->text(), QStringLiteral("&Generate"));
        QVERIFY(buttons->button(QDialogButtonBox::Ok)->isEnabled());
        QVERIFY(buttons->button(QDialogButtonBox::Cancel));
        QVERIFY(d.findChildren<QPushButton*>().size() >= 3); // Browse… too

        // Another kind lists its own versions and moves the default output with it.
        kind->setCurrentIndex(1);
        r = d.request();
        QCOMPARE(r.kind, DatasetLayout::Shapes3D);
        QVERIFY(version->currentText().startsWith("shapes3d-"));
        QCOMPARE(QString::fromStdString(r.outPath), GenerateDatasetDialog::defaultOutputPath(DatasetLayout::Shapes3D, version->currentText()));
        rows->setValue(10);
        seed->setValue(3);
        r = d.request();
        QCOMPARE(r.rows, std::int64_t(10));
        QCOMPARE(r.seed, std::uint64_t(3));
        // A path the user typed stays when the kind changes.
        output->clear();
        QTest::keyClicks(output, m_dir.filePath("mine.h5"));
        kind->setCurrentIndex(0);
        QCOMPARE(QString::fromStdString(d.request().outPath), m_dir.filePath("mine.h5"));
    }

    void shortcutsDialogListsBoundShortcuts()
    {
        QAction open("&Open Dataset…");
        open.setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
        QAction unbound("&About");
        QAction zoom("Zoom &In");
        zoom.setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Plus), QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(Qt::CTRL | Qt::Key_Plus)});
        ShortcutsDialog d({&open, &unbound, &zoom}, {{"Ctrl+Wheel", "Zoom the image grid"}}, nullptr);
        QCOMPARE(d.windowTitle(), QStringLiteral("Keyboard Shortcuts"));
        QCOMPARE(d.rowCount(), 3); // actions without a shortcut are left out
        auto* table = d.findChild<QTableWidget*>();
        QVERIFY(table);
        QCOMPARE(d.findChild<QTableWidget*>("table"), table); // ui/ShortcutsDialog.ui
        QCOMPARE(table->columnCount(), 2);
        QCOMPARE(table->horizontalHeaderItem(0)->text(), QStringLiteral("Keys"));
        QCOMPARE(table->horizontalHeaderItem(1)->text(), QStringLiteral("Action"));
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("Open Dataset"));
        QCOMPARE(table->item(0, 0)->text(), QKeySequence(Qt::CTRL | Qt::Key_O).toString(QKeySequence::NativeText));
        QCOMPARE(table->item(1, 0)->text().count(','), 1); // the repeated sequence is listed once
        QCOMPARE(table->item(2, 0)->text(), QStringLiteral("Ctrl+Wheel"));
        QVERIFY(!table->verticalHeader()->isVisible() && table->verticalHeader()->isHidden());
        QCOMPARE(table->editTriggers(), QAbstractItemView::NoEditTriggers);
        QCOMPARE(table->selectionMode(), QAbstractItemView::NoSelection);
        QVERIFY(table->alternatingRowColors());
        QVERIFY(table->horizontalHeader()->stretchLastSection());
        QCOMPARE(d.size(), QSize(460, 420));
        auto* buttons = d.findChild<QDialogButtonBox*>();
        QVERIFY(buttons && buttons->button(QDialogButtonBox::Close));
        d.show();
        QVERIFY(d.isVisible());
        buttons->button(QDialogButtonBox::Close)->click();
        QVERIFY(!d.isVisible());
        QCOMPARE(d.result(), int(QDialog::Rejected));
    }
};

QTEST_MAIN(TestGui)
#include "tst_gui.moc"
