// GUI smoke and behaviour, offscreen: the window opens, loads a fixture in the background, shows one
// grid item per image, filters by version and factor, lists relations, survives bad files, generates
// and cancels generation.
#include "gui/dataset/DatasetImageModel.h"
#include "gui/app/MainWindow.h"
#include "gui/dataset/RelationsPanel.h"

#include "data/DatasetGenerator.h"
#include "data/DatasetVersionCatalog.h"
#include "io/DatasetFileReader.h"

#include <QtTest>

using latentlab::gui::MainWindow;
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
        QCOMPARE(w.shownImageCount(), 300);
        QCOMPARE(w.imageModel()->rowCount(), 300);
        QCOMPARE(w.fileRowCount(), qint64(300));
        QCOMPARE(w.currentFilePath(), m_dsprites);
        // The fixture was generated for dsprites-v2: it opens with that version's relations listed.
        QCOMPARE(w.relationsPanel()->relationCount(), 5);

        // Grid items are the file's images: 64×64, white sprite pixels on black.
        const QImage img = w.imageModel()->data(w.imageModel()->index(0), Qt::DecorationRole).value<QImage>();
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

        QVERIFY(w.selectVersion("dsprites-v2"));
        QCOMPARE(w.shownImageCount(), 300); // every generated row belongs to dsprites-v2
        QCOMPARE(w.relationsPanel()->relationCount(), 5);
        QVERIFY(w.setFactorFilter("shape", 1));
        QCOMPARE(w.shownImageCount(), ellipses);
        QVERIFY(!w.setFactorFilter("shape", 7));
        QVERIFY(!w.setFactorFilter("hue", 0));
        QVERIFY(w.setFactorFilter("shape", -1));
        QCOMPARE(w.shownImageCount(), 300);
        QVERIFY(!w.selectVersion("shapes3d-v2")); // another layout's version is refused
        // dsprites-v4 keeps only 8 exact orientations, so most v2 rows (orientations near 0) drop out.
        const auto& v4 = DatasetVersionCatalog::builtin().version("dsprites-v4");
        const auto v4Rows = v4.selectRows(reader.info().factors, reader.classes());
        QVERIFY(v4Rows.size() > 0 && v4Rows.size() < 300);
        QVERIFY(w.selectVersion("dsprites-v4"));
        QCOMPARE(w.shownImageCount(), int(v4Rows.size()));
        QCOMPARE(w.relationsPanel()->relationCount(), 9);
        QVERIFY(w.selectVersion(""));
        QCOMPARE(w.shownImageCount(), 300);
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
        QCOMPARE(w.shownImageCount(), 300); // the previous dataset stays
        QCOMPARE(w.currentFilePath(), m_dsprites);
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
        QCOMPARE(w.shownImageCount(), 64);
        const QImage img = w.imageModel()->data(w.imageModel()->index(0), Qt::DecorationRole).value<QImage>();
        QCOMPARE(img.size(), QSize(64, 64));
        QVERIFY(!img.isGrayscale());
        QVERIFY(w.selectVersion("shapes3d-v2"));
        QCOMPARE(w.relationsPanel()->relationCount(), 3);
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
};

QTEST_MAIN(TestGui)
#include "tst_gui.moc"
