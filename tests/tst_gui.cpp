// GUI smoke and behaviour, offscreen: the window opens, loads a fixture in the background, shows one
// grid item per image, filters by version and factor, lists relations, survives bad files, generates
// and cancels generation; the Generate Dataset, Keyboard Shortcuts, About and Train Model dialogs and the
// training monitor's frame.
#include "gui/app/AboutDialog.h"
#include "gui/dataset/DatasetBrowserPage.h"
#include "gui/dataset/DatasetImageModel.h"
#include "gui/app/MainWindow.h"
#include "gui/app/ShortcutsDialog.h"
#include "gui/dataset/GenerateDatasetDialog.h"
#include "gui/dataset/RelationsPanel.h"
#include "gui/training/TrainingDialog.h"
#include "gui/training/TrainingJob.h"
#include "gui/training/TrainingMonitorPage.h"
#include "gui/common/GuiSettings.h"
#include "gui/common/QCustomPlotWrapper.h"
#include "gui/explorer/LatentExplorerPage.h"
#include "gui/runs/RunComparisonView.h"
#include "gui/similarity/SimilarityView.h"
#include "io/CodesFile.h"
#include "io/Hdf5FileKind.h"

#include "data/DatasetGenerator.h"
#include "data/DatasetVersionCatalog.h"
#include "io/DatasetFileReader.h"
#include "model/ModelKind.h"
#include "train/TrainingRequest.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include "DropFiles.h"

#include <QtTest>

#include <limits>

using latentlab::gui::AboutDialog;
using latentlab::gui::GenerateDatasetDialog;
using latentlab::gui::MainWindow;
using latentlab::gui::ShortcutsDialog;
using latentlab::gui::TrainingDialog;
using latentlab::gui::TrainingJob;
using latentlab::gui::TrainingMonitorPage;
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

    void trainingDialogForm()
    {
        TrainingDialog d;
        // The form's object names (ui/TrainingDialog.ui), for tests and style sheets.
        QCOMPARE(d.objectName(), QStringLiteral("TrainingDialog"));
        QCOMPARE(d.windowTitle(), QStringLiteral("Train Model"));
        auto* data = d.findChild<QLineEdit*>("data");
        auto* seed = d.findChild<QSpinBox*>("seed");
        auto* epochs = d.findChild<QSpinBox*>("epochs");
        auto* command = d.findChild<QLabel*>("command");
        auto* buttons = d.findChild<QDialogButtonBox*>("buttons");
        QVERIFY(data && seed && epochs && command && buttons && d.findChild<QLabel*>("error"));
        for (const char* name : {"version", "model", "preset", "device"})
            QVERIFY2(d.findChild<QComboBox*>(name), name);
        QCOMPARE(d.findChildren<QComboBox*>().size(), 4);
        QCOMPARE(data->placeholderText(), QStringLiteral("a dSprites or 3D Shapes .h5 file"));
        QCOMPARE(seed->maximum(), 1'000'000'000);
        QVERIFY(seed->toolTip().startsWith("Sets the torch, data-order, labelled-subset and split seeds"));
        QCOMPARE(epochs->maximum(), 100000);
        QCOMPARE(epochs->text(), QStringLiteral("preset's")); // 0: the preset's epochs
        QVERIFY(epochs->toolTip().startsWith("Total epochs, warm-up included"));
        QCOMPARE(command->styleSheet(), QStringLiteral("font-family: monospace;"));
        QVERIFY(command->wordWrap());
        QCOMPARE(command->textInteractionFlags(), Qt::TextInteractionFlags(Qt::TextSelectableByMouse));
        QCOMPARE(buttons->button(QDialogButtonBox::Ok)->text(), QStringLiteral("Start Training"));
        QVERIFY(buttons->button(QDialogButtonBox::Cancel));
        auto* copy = d.findChild<QPushButton*>("copyCommandButton");
        QVERIFY(copy && copy->parent() == buttons);
        QCOMPARE(copy->text(), QStringLiteral("Copy CLI Command"));
        QCOMPARE(d.width(), 640);
        // Without a data file the dialog says so and cannot start.
        data->clear();
        QCOMPARE(d.findChild<QLabel*>("error")->text(), QStringLiteral("Choose the dataset file to train on."));
        QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());

        // Every field has its mnemonic label, the two path rows included (their buddy is the path field).
        QStringList labelled;
        for (const QLabel* label : d.findChildren<QLabel*>())
            if (label->buddy())
                labelled << label->text() + " " + label->buddy()->objectName();
        labelled.sort();
        QCOMPARE(labelled,
                 (QStringList{"&Data file: data", "&Epochs: epochs", "&Model: model", "&Preset: preset", "&Run directory: output", "&Seed: seed",
                              "&Version: version", "De&vice: device"}));

        // Tab goes down the form, each Browse… right after its path field, then the buttons.
        QStringList order;
        for (QWidget* w = d.nextInFocusChain(); w != &d; w = w->nextInFocusChain())
            if ((w->focusPolicy() & Qt::TabFocus) && !w->objectName().isEmpty() && !w->objectName().startsWith("qt_"))
                order << w->objectName();
        QCOMPARE(order,
                 (QStringList{"data", "browseDataButton", "version", "model", "preset", "seed", "epochs", "device", "output", "browseOutputButton",
                              "copyCommandButton"}));
    }

    void trainingDialogBuildsTheConfigAndCommand_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("model");  // the option value: modelKindName
        QTest::addColumn<QString>("preset"); // the option value
        QTest::addColumn<int>("seed");
        QTest::addColumn<int>("epochs"); // 0: the preset's, no --epochs
        QTest::addColumn<QString>("device");
        QTest::addColumn<QString>("options"); // what the command shows between --data and --out
        QTest::newRow("defaults") << "dsprites-v2"
                                  << "mae"
                                  << "demo-cpu" << 0 << 0 << "auto"
                                  << "--version dsprites-v2 --model mae --preset demo-cpu --seed 0 --device auto";
        QTest::newRow("test preset on the CPU") << "dsprites-v2"
                                                << "mae"
                                                << "test" << 3 << 40 << "cpu"
                                                << "--version dsprites-v2 --model mae --preset test --seed 3 --epochs 40 --device cpu";
        QTest::newRow("baseline, paper schedule") << "dsprites-v4"
                                                  << "absae"
                                                  << "paper" << 1234567 << 0 << "cuda"
                                                  << "--version dsprites-v4 --model absae --preset paper --seed 1234567 --device cuda";
        QTest::newRow("3D Shapes, reference schedule")
            << "shapes3d-v2"
            << "mae"
            << "demo-cpu-reference" << 1'000'000'000 << 100000 << "cpu"
            << "--version shapes3d-v2 --model mae --preset demo-cpu-reference --seed 1000000000 --epochs 100000 --device cpu";
        QTest::newRow("gpu preset, few epochs") << "shapes3d-v5"
                                                << "absae"
                                                << "gpu" << 42 << 7 << "auto"
                                                << "--version shapes3d-v5 --model absae --preset gpu --seed 42 --epochs 7 --device auto";
    }

    void trainingDialogBuildsTheConfigAndCommand()
    {
        QFETCH(QString, version);
        QFETCH(QString, model);
        QFETCH(QString, preset);
        QFETCH(int, seed);
        QFETCH(int, epochs);
        QFETCH(QString, device);
        QFETCH(QString, options);
        TrainingDialog d;
        auto* dataField = d.findChild<QLineEdit*>("data");
        auto* versionBox = d.findChild<QComboBox*>("version");
        auto* modelBox = d.findChild<QComboBox*>("model");
        auto* presetBox = d.findChild<QComboBox*>("preset");
        auto* seedBox = d.findChild<QSpinBox*>("seed");
        auto* epochsBox = d.findChild<QSpinBox*>("epochs");
        auto* deviceBox = d.findChild<QComboBox*>("device");
        auto* output = d.findChild<QLineEdit*>("output");
        auto* preview = d.findChild<QLabel*>("command");
        auto* error = d.findChild<QLabel*>("error");
        auto* buttons = d.findChild<QDialogButtonBox*>("buttons");
        QVERIFY(dataField && versionBox && modelBox && presetBox && seedBox && epochsBox && deviceBox && output && preview && error && buttons);

        // Entered through the widgets, as a user would; the run directory is typed last.
        dataField->setText(m_dsprites);
        versionBox->setCurrentIndex(versionBox->findText(version));
        modelBox->setCurrentIndex(modelBox->findData(model));
        presetBox->setCurrentIndex(presetBox->findData(preset));
        QVERIFY(versionBox->currentIndex() >= 0 && modelBox->currentIndex() >= 0 && presetBox->currentIndex() >= 0);
        seedBox->setValue(seed);
        epochsBox->setValue(epochs);
        deviceBox->setCurrentIndex(deviceBox->findData(device));
        QVERIFY(deviceBox->currentIndex() >= 0);
        // Until then the run directory follows the choices: model, version and seed name it.
        QVERIFY2(QFileInfo(output->text()).fileName().startsWith(QStringLiteral("%1-%2-seed%3-").arg(model, version).arg(seed)),
                 qPrintable(output->text()));
        const QString runDir =
            m_dir.filePath(QStringLiteral("run-") + QString::fromLatin1(QTest::currentDataTag()).replace(' ', '-').replace(',', '-'));
        output->selectAll();
        QTest::keyClicks(output, runDir);
        QCOMPARE(output->text(), runDir);
        epochsBox->setValue(epochs + 1); // a typed directory stays when the choices change
        epochsBox->setValue(epochs);
        QCOMPARE(d.runDirectory(), runDir);

        QCOMPARE(d.validationError(), QString());
        QCOMPARE(error->text(), QString());
        QVERIFY(buttons->button(QDialogButtonBox::Ok)->isEnabled());
        const QString expectedCommand =
            QStringLiteral("OMP_WAIT_POLICY=PASSIVE latentlab-cli train --data %1 %2 --out %3").arg(m_dsprites, options, runDir);
        QCOMPARE(d.cliCommand(), expectedCommand);
        QCOMPARE(preview->text(), expectedCommand);

        // The config is the one `latentlab-cli train` builds from those options.
        latentlab::train::TrainingRequest request;
        request.dataFile = m_dsprites.toStdString();
        request.version = version.toStdString();
        request.model = latentlab::model::modelKindFromName(model.toStdString());
        request.preset = preset.toStdString();
        request.seed = std::uint64_t(seed);
        if (epochs > 0)
            request.epochs = epochs;
        request.device = device.toStdString();
        const latentlab::train::TrainingConfig expected = request.toConfig();
        const latentlab::train::TrainingConfig config = d.config();
        QCOMPARE(QString::fromStdString(config.toJson()), QString::fromStdString(expected.toJson()));
        QCOMPARE(QString::fromStdString(config.version), version);
        QCOMPARE(QString::fromStdString(latentlab::model::modelKindName(config.model)), model);
        QCOMPARE(config.seedTorch, std::uint64_t(seed));
        QCOMPARE(config.seedSplit, std::uint64_t(seed));
        QCOMPARE(QString::fromStdString(config.device), device);
        QCOMPARE(QString::fromStdString(config.dataFile), m_dsprites);
        if (epochs > 0)
            QCOMPARE(config.epochs, epochs);
        else
            QCOMPARE(config.epochs,
                     latentlab::train::TrainingConfig::fromPreset(preset.toStdString(),
                                                                  DatasetVersionCatalog::builtin().version(version.toStdString()).layout)
                         .epochs);
    }

    void trainingMonitorFrame()
    {
        TrainingJob job;
        TrainingMonitorPage page(&job);
        // The form's object names (ui/TrainingMonitorPage.ui).
        QCOMPARE(page.objectName(), QStringLiteral("TrainingMonitorPage"));
        auto* header = page.findChild<QLabel*>("header");
        QVERIFY(header && page.findChild<QLabel*>("status"));
        QVERIFY(header->text().contains("No training running"));
        QVERIFY(header->wordWrap());
        QCOMPARE(header->textInteractionFlags(), Qt::TextInteractionFlags(Qt::TextSelectableByMouse));
        QCOMPARE(page.findChild<QProgressBar*>("progress"), page.progressBar());
        QCOMPARE(page.progressBar()->maximum(), 1000);
        QCOMPARE(page.progressBar()->value(), 0);
        QCOMPARE(page.progressBar()->format(), QStringLiteral("%p%"));
        // Nothing to pause, cancel, resume, open or copy before a run.
        const QList<QPair<const char*, QString>> buttons{{"pauseButton", "Pause"},
                                                         {"cancelButton", "Cancel"},
                                                         {"resumeButton", "Resume Run"},
                                                         {"openButton", "Open in Explorer"},
                                                         {"copyCommandButton", "Copy CLI Command"}};
        for (const auto& [name, text] : buttons) {
            auto* button = page.findChild<QPushButton*>(name);
            QVERIFY2(button, name);
            QCOMPARE(button->text(), text);
            QVERIFY2(!button->isEnabled(), name);
        }
        QVERIFY(page.findChild<QPushButton*>("cancelButton")->toolTip().contains("checkpoint"));
        // Plots above the log, 4 : 1; the two plots side by side.
        auto* splitter = page.findChild<QSplitter*>("splitter");
        auto* plots = page.findChild<QSplitter*>("plots");
        auto* log = page.findChild<QPlainTextEdit*>("log");
        QVERIFY(splitter && plots && log);
        QCOMPARE(splitter->orientation(), Qt::Vertical);
        QCOMPARE(plots->orientation(), Qt::Horizontal);
        QCOMPARE(splitter->widget(0), plots);
        QCOMPARE(splitter->widget(1), log);
        QCOMPARE(plots->sizePolicy().verticalStretch(), 4);
        QCOMPARE(log->sizePolicy().verticalStretch(), 1);
        QCOMPARE(plots->count(), 2);
        QCOMPARE(plots->widget(0)->objectName(), QStringLiteral("losses"));
        QCOMPARE(plots->widget(1)->objectName(), QStringLiteral("accuracy"));
        QCOMPARE(plots->widget(0)->minimumSize(), QSize(320, 240));
        QVERIFY(log->isReadOnly());
        QCOMPARE(log->maximumBlockCount(), 2000);
        QCOMPARE(page.lossPointCount(), 0);
        QCOMPARE(page.accuracyPointCount(), 0);
    }

    /// Pause shows "Paused" (no ETA); a resumed run's curves start at step 0 (read back from run.h5);
    /// the legends sit outside the axis rects; a finished run shows no ETA.
    void trainingMonitorPauseResumeAndHistory()
    {
        TrainingJob job;
        TrainingMonitorPage page(&job);
        page.resize(1000, 700);
        page.show();
        auto c = latentlab::train::TrainingConfig::fromPreset("test", DatasetLayout::DSprites);
        c.dataFile = QFile::encodeName(m_dsprites).toStdString();
        c.version = "dsprites-v2";
        c.epochs = 40;
        c.warmupEpochs = 2;
        c.evalEveryEpochs = 0;
        c.device = "cpu";
        c.setSeed(3);
        QSignalSpy progressed(&job, &TrainingJob::progressed);
        QSignalSpy finished(&job, &TrainingJob::finished);
        const QString dir = m_dir.filePath("monitor-run");
        QVERIFY(job.startRun(c, dir));
        QTRY_VERIFY_WITH_TIMEOUT(page.lossPointCount() >= 3, 60000);
        job.pause();
        QVERIFY(job.isPaused());
        QTest::qWait(300); // reports still queued when the pause began arrive now
        QVERIFY2(page.progressBar()->format().contains("Paused"), qPrintable(page.progressBar()->format()));
        QVERIFY(!page.progressBar()->format().contains("ETA"));
        QVERIFY(page.statusText().contains("Paused"));
        for (QCustomPlot* plot : {page.lossPlot(), page.accuracyPlot()}) {
            QVERIFY(plot->legend);
            QCOMPARE(plot->legend->layout(), static_cast<QCPLayout*>(plot->plotLayout())); // its own row, not over the curves
        }
        job.cancel(); // while paused
        QVERIFY(finished.wait(60000));
        QVERIFY(finished.last().at(0).value<latentlab::train::TrainingResult>().status == latentlab::train::RunStatus::Cancelled);
        const int before = page.lossPointCount();
        QVERIFY(before >= 3);

        int atResume = -1;
        connect(&job, &TrainingJob::started, &page, [&] { atResume = page.lossPointCount(); }); // after the page's own slot
        finished.clear();
        QVERIFY(job.resumeRun(dir));
        QTRY_VERIFY_WITH_TIMEOUT(atResume >= 0, 60000);
        QVERIFY2(atResume >= before - 6, qPrintable(QString("%1 loss points at the resume, %2 before the cancel").arg(atResume).arg(before)));
        QVERIFY(finished.wait(120000));
        QVERIFY(finished.last().at(0).value<latentlab::train::TrainingResult>().status == latentlab::train::RunStatus::Completed);
        QCOMPARE(page.progressBar()->value(), 1000);
        QVERIFY2(!page.progressBar()->format().contains("ETA"), qPrintable(page.progressBar()->format()));
        double first = std::numeric_limits<double>::infinity();
        for (int i = 0; i < page.lossPlot()->graphCount(); ++i)
            if (!page.lossPlot()->graph(i)->data()->isEmpty())
                first = std::min(first, page.lossPlot()->graph(i)->data()->begin()->key);
        QVERIFY2(first < 20, qPrintable(QString("the loss curve starts at step %1").arg(first)));
    }

    void trainingDialogDefaultRunsFolder_data()
    {
        QTest::addColumn<QString>("last");   // the last run directory's parent the settings hold ("" none)
        QTest::addColumn<bool>("keepsLast"); // true: the suggestion goes there
        QTest::newRow("none") << QString() << false;
        QTest::newRow("a bundled demo's folder") << QString(LATENTLAB_MODELS_DIR) << false;
        QTest::newRow("inside a demo run") << QString(LATENTLAB_MODELS_DIR "/dsprites-v2-mae") << false;
        QTest::newRow("inside a run") << QString("RUN/sub") << false;
        QTest::newRow("a folder of the user's") << QString("MINE") << true;
    }

    /// New runs go to a runs folder of the user's, never inside a run or a shipped demo; the form's labels
    /// show their mnemonics, not a literal '&'.
    void trainingDialogDefaultRunsFolder()
    {
        QFETCH(QString, last);
        QFETCH(bool, keepsLast);
        const QString run = m_dir.filePath("a-run");
        QVERIFY(QDir().mkpath(run + "/sub"));
        QFile config(run + "/config.json");
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("{}");
        config.close();
        QVERIFY(QDir().mkpath(m_dir.filePath("my-runs")));
        last.replace("RUN", run).replace("MINE", m_dir.filePath("my-runs"));
        latentlab::gui::GuiSettings().setLastRunDirectory(last.isEmpty() ? m_dir.filePath("gone") : last);
        TrainingDialog d;
        const QString suggested = QFileInfo(d.runDirectory()).absolutePath();
        if (keepsLast)
            QCOMPARE(suggested, QFileInfo(last).absoluteFilePath());
        else
            QCOMPARE(suggested, TrainingDialog::defaultRunsFolder());
        QVERIFY(!TrainingDialog::isInsideRunOrDemo(suggested));
        QVERIFY(TrainingDialog::defaultRunsFolder().endsWith("LatentLab/runs"));
        // Mnemonic labels: '&' marks the shortcut letter, shown underlined, never as text.
        for (QLabel* label : d.findChildren<QLabel*>())
            if (label->text().contains('&') && !label->text().contains("&&") && !label->textFormat())
                QVERIFY2(label->buddy(), qPrintable(label->objectName() + " shows a literal '&'"));
    }

    void droppedFilesOpenInTheirViews()
    {
        MainWindow w;
        w.setErrorDialogsEnabled(false);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy failed(&w, &MainWindow::jobFailed);
        auto drop = [&](const QString& path) { QVERIFY(dropFile(&w, path)); };
        // A similarity file opens in the similarity view, not the dataset loader.
        QSignalSpy similarity(w.similarityView(), &latentlab::gui::SimilarityView::loaded);
        drop(LATENTLAB_MODELS_DIR "/dsprites-v2-betavae-ensemble/sim.h5");
        QVERIFY(similarity.wait(20000));
        QVERIFY(w.similarityView()->filePath().endsWith("sim.h5"));
        QVERIFY(w.datasetPage()->currentFilePath().isEmpty());
        // Encodings and codes files: one sentence naming what the file is and the command that uses it.
        drop(LATENTLAB_MODELS_DIR "/dsprites-v2-betavae-ensemble/enc.h5");
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
        QVERIFY2(failed.last().at(0).toString().contains("is an encodings file") &&
                     failed.last().at(0).toString().contains("latentlab-cli similarity"),
                 qPrintable(failed.last().at(0).toString()));
        latentlab::io::CodesFile codes;
        codes.codes = latentlab::metrics::DenseMatrix<double>(2, 1);
        codes.factors = latentlab::metrics::DenseMatrix<std::int64_t>(2, 1);
        codes.factors.values = {0, 1};
        codes.write(m_dir.filePath("codes.h5").toStdString());
        drop(m_dir.filePath("codes.h5"));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 5000);
        QVERIFY2(failed.last().at(0).toString().contains("is a codes file"), qPrintable(failed.last().at(0).toString()));
        QVERIFY(w.datasetPage()->currentFilePath().isEmpty());
        // A dataset still goes to the dataset loader.
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        drop(m_dsprites);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(w.datasetPage()->currentFilePath(), m_dsprites);
        // A run directory opens the run in the explorer.
        QSignalSpy ready(w.explorerPage(), &latentlab::gui::LatentExplorerPage::modelReady);
        drop(LATENTLAB_MODELS_DIR "/dsprites-v2-mae");
        QVERIFY(ready.wait(60000));
        QCOMPARE(QFileInfo(w.explorerPage()->runDir()).fileName(), QString("dsprites-v2-mae"));
        // A folder of runs goes to the runs dashboard.
        QSignalSpy runs(w.runsView(), &latentlab::gui::RunComparisonView::loaded);
        drop(LATENTLAB_MODELS_DIR);
        QVERIFY(runs.wait(60000));
        QVERIFY(runs.last().at(0).toInt() >= 4);
        QCOMPARE(failed.count(), 2);
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
        // Sized to its content (within the screen), not a fixed box.
        QVERIFY(d.width() >= table->columnWidth(0) + table->fontMetrics().horizontalAdvance("Open Dataset"));
        QVERIFY(d.width() <= d.screen()->availableGeometry().width() && d.height() <= d.screen()->availableGeometry().height());
        auto* buttons = d.findChild<QDialogButtonBox*>();
        QVERIFY(buttons && buttons->button(QDialogButtonBox::Close));
        d.show();
        QVERIFY(d.isVisible());
        buttons->button(QDialogButtonBox::Close)->click();
        QVERIFY(!d.isVisible());
        QCOMPARE(d.result(), int(QDialog::Rejected));
    }
    void aboutDialogStatesTheVersions()
    {
        const QString saved = QCoreApplication::applicationVersion();
        QCoreApplication::setApplicationVersion(QStringLiteral(LATENTLAB_VERSION));
        AboutDialog d;
        QCoreApplication::setApplicationVersion(saved);
        QCOMPARE(d.windowTitle(), QStringLiteral("About LatentLab"));
        // ui/AboutDialog.ui holds the wording; the %1 placeholders are filled with the versions.
        QCOMPARE(d.findChild<QLabel*>("title"), d.titleLabel());
        QCOMPARE(d.findChild<QLabel*>("builtWith"), d.builtWithLabel());
        QVERIFY2(d.titleLabel()->text().contains(QStringLiteral("LatentLab " LATENTLAB_VERSION)), qPrintable(d.titleLabel()->text()));
        QVERIFY2(d.builtWithLabel()->text().contains(QStringLiteral("Built with Qt %1.").arg(QString::fromLatin1(qVersion()))),
                 qPrintable(d.builtWithLabel()->text()));
        for (const QLabel* label : d.findChildren<QLabel*>())
            QVERIFY2(!label->text().contains(QStringLiteral("%1")), qPrintable(label->objectName() + ": " + label->text()));
        auto* description = d.findChild<QLabel*>("description");
        QVERIFY(description && description->text().contains(QStringLiteral("<code>latentlab-cli</code> does all of it headless.")));
        auto* buttons = d.findChild<QDialogButtonBox*>("buttons");
        QVERIFY(buttons && buttons->button(QDialogButtonBox::Close));
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        buttons->button(QDialogButtonBox::Close)->click();
        QVERIFY(!d.isVisible());
        QCOMPARE(d.result(), int(QDialog::Rejected));
    }
};

QTEST_MAIN(TestGui)
#include "tst_gui.moc"
