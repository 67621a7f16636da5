// Figures shared by the GUI and `latentlab-cli render`, offscreen, on a similarity file the CLI computes
// from the committed encodings fixture: the heatmap's data is the file's matrix in the chosen order
// (also inside the QCPColorMap), hovering cell (i, j) reports those channels and that value, exports
// parse (PNG, SVG XML, PDF header, CSV rows), the CLI's CSV equals the GUI's byte for byte, re-clustering
// runs in the background, and bad similarity files are one clear sentence.
#include "gui/similarity/SimilarityFigure.h"
#include "gui/similarity/SimilarityHeatmapData.h"
#include "gui/similarity/SimilarityView.h"
#include "gui/runs/MetricMatricesFigure.h"
#include "gui/runs/MetricMatricesView.h"
#include "gui/runs/RunComparisonData.h"
#include "gui/runs/RunComparisonView.h"
#include "gui/common/QCustomPlotWrapper.h"

#include "gui/explorer/TraversalGridView.h"

#include "common/LatentLabError.h"
#include "data/DatasetGenerator.h"
#include "info/SimilarityFileReader.h"
#include "io/RunHistory.h"
#include "train/RunDirectory.h"
#include "train/TrainingConfig.h"

#include "TestCli.h"
#include "TestDatasetFiles.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QSlider>
#include <QHelpEvent>
#include <QToolTip>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>

using namespace latentlab;
using namespace latentlab::gui;

class TestFigures : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_sim;

    /// A run directory as training and `eval --metrics` leave it, with chosen numbers.
    void writeRun(const QString& name, const std::string& model, std::uint64_t seed, double relationAccuracy, const std::vector<double>& perRelation,
                  double mig, double dci, const QString& folder = "runs", bool withMetrics = true)
    {
        const QString dir = m_dir.filePath(folder + "/" + name);
        QVERIFY(QDir().mkpath(dir));
        auto c = train::TrainingConfig::fromPreset("test", data::DatasetLayout::DSprites);
        c.model = latentlab::model::modelKindFromName(model);
        c.version = "dsprites-v2";
        c.setSeed(seed);
        const train::RunDirectory run(dir.toStdString());
        train::RunDirectory::writeTextAtomically(run.configPath(), c.toJson());
        const char* names[] = {"move-left", "move-right", "move-up", "move-down", "change-shape"};
        QString per;
        for (int r = 0; r < 5; ++r)
            per += QString("%1\"%2\": %3").arg(r ? ", " : "").arg(names[r]).arg(perRelation[std::size_t(r)], 0, 'g', 17);
        train::RunDirectory::writeTextAtomically(
            run.summaryPath(),
            QString(R"({"relation_accuracy": %1, "image_relation_accuracy": 0.1, "reconstruction_bce": 0.05, "per_relation": {%2}})")
                .arg(relationAccuracy, 0, 'g', 17)
                .arg(per)
                .toStdString());
        if (withMetrics)
            train::RunDirectory::writeTextAtomically(
                dir.toStdString() + "/metrics.json",
                QString(R"({"class_codes": {"mig": %1, "dci_disentanglement": %2, "dci_completeness": 1}, "means": {"mig": 0.5}})")
                    .arg(mig, 0, 'g', 17)
                    .arg(dci, 0, 'g', 17)
                    .toStdString());
        io::RunHistory h;
        h.model = model;
        h.version = "dsprites-v2";
        h.configJson = c.toJson();
        h.relationNames.assign(names, names + 5);
        for (int e = 1; e <= 3; ++e) {
            io::EvaluationRecord rec;
            rec.step = e * 100;
            rec.relationAccuracy = relationAccuracy * e / 3;
            rec.perRelation = perRelation;
            for (const double v : perRelation)
                rec.imagePerRelation.push_back(v / 2); // real images: half the prior-triple figure
            rec.reconstructionBce = 0.1 / e;
            h.evaluations.push_back(rec);
        }
        for (int l = 1; l <= 6; ++l) {
            io::LossRecord loss;
            loss.step = l * 50;
            loss.reconstruction = 0.5 / l;
            h.losses.push_back(loss);
        }
        try {
            h.write(run.historyPath());
        } catch (const LatentLabError& e) {
            QFAIL(e.what());
        }
    }

    static QCPColorMap* heatmapOf(QCustomPlot* plot)
    {
        for (int i = 0; i < plot->plottableCount(); ++i)
            if (auto* map = qobject_cast<QCPColorMap*>(plot->plottable(i)); map && map->data()->keySize() == map->data()->valueSize())
                return map;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_sim = m_dir.filePath("sim.h5");
        const CliRun run = runCli({"similarity", "--encodings", QString(LATENTLAB_FIXTURES_DIR) + "/similarity/ensemble_nmi.encodings.h5",
                                   "--min-samples", "6", "--out", m_sim});
        QVERIFY2(run.code == 0, qPrintable(run.err));
    }

    void readerAndOrders()
    {
        const auto r = info::SimilarityFileReader::read(m_sim.toStdString());
        QCOMPARE(int(r.channelInfo.size()), 60); // 12 models × 5 dims
        QCOMPARE(r.dimsPerModel, int64_t(5));
        QCOMPARE(QString::fromStdString(r.modelNames.at(3)), QString("seed 3"));
        QVERIFY(r.labelNmi.cols > 0);
        const auto n = static_cast<int>(r.kept.size());
        const SimilarityHeatmapData optics(r, SimilarityHeatmapData::Measure::Nmi, SimilarityHeatmapData::Order::Optics);
        QCOMPARE(optics.size(), n);
        for (int i = 0; i < n; ++i) {
            const auto ci = r.kept[std::size_t(r.optics.ordering[std::size_t(i)])];
            QCOMPARE(optics.channels()[std::size_t(i)], ci);
            QCOMPARE(optics.reachability(i), r.optics.reachability[std::size_t(r.optics.ordering[std::size_t(i)])]);
            for (int j = 0; j < n; ++j)
                QCOMPARE(optics.value(i, j), r.nmi(ci, r.kept[std::size_t(r.optics.ordering[std::size_t(j)])]));
        }
        const SimilarityHeatmapData channel(r, SimilarityHeatmapData::Measure::ExpNegVi, SimilarityHeatmapData::Order::Channel);
        for (int i = 0; i < n; ++i) {
            QCOMPARE(channel.channels()[std::size_t(i)], r.kept[std::size_t(i)]);
            for (int j = 0; j < n; ++j)
                QCOMPARE(channel.value(i, j), std::exp(-std::max(0.0, r.vi(r.kept[std::size_t(i)], r.kept[std::size_t(j)]))));
        }
        const SimilarityHeatmapData dims(r, SimilarityHeatmapData::Measure::Nmi, SimilarityHeatmapData::Order::DimensionMajor);
        for (int i = 1; i < n; ++i) {
            const auto a = dims.channels()[std::size_t(i - 1)], b = dims.channels()[std::size_t(i)];
            QVERIFY(std::make_pair(a % 5, a / 5) < std::make_pair(b % 5, b / 5));
        }
        QCOMPARE(dims.channelName(0).startsWith("seed "), true);

        // The colour map holds the same numbers (key = column, value = row).
        QCustomPlot plot;
        plot.resize(900, 700);
        SimilarityFigure::build(&plot, optics, "t");
        QCPColorMap* map = heatmapOf(&plot);
        QVERIFY(map);
        QCOMPARE(map->data()->keySize(), n);
        for (int i = 0; i < n; i += 7)
            for (int j = 0; j < n; j += 5)
                QCOMPARE(map->data()->cell(j, i), optics.value(i, j));
    }

    void hotspotColours_data()
    {
        QTest::addColumn<int>("hotspots");
        QTest::newRow("two") << 2;
        QTest::newRow("nine (0 and 8 once shared blue)") << 9;
        QTest::newRow("every distinct colour") << SimilarityFigure::distinctHotspotColors();
    }

    /// Hotspot colours differ from each other and from the no-hotspot grey, and are readable as text on a
    /// white list (no pale yellow).
    void hotspotColours()
    {
        QFETCH(int, hotspots);
        QVERIFY(SimilarityFigure::distinctHotspotColors() >= 10);
        QSet<QRgb> seen;
        for (int h = 0; h < hotspots; ++h) {
            const QColor c = SimilarityFigure::hotspotColor(h);
            QVERIFY2(!seen.contains(c.rgb()), qPrintable(QString("hotspot %1 repeats a colour").arg(h)));
            seen.insert(c.rgb());
            QVERIFY(c != SimilarityFigure::noHotspotColor());
            const QColor grey = SimilarityFigure::noHotspotColor();
            QVERIFY2(c.hslSaturation() > 60 && c.rgb() != grey.rgb(), qPrintable(c.name())); // a hue, not a grey
            const double luminance = (0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF());
            QVERIFY2(luminance < 0.7, qPrintable(QString("hotspot %1 (%2) is too pale to read on white").arg(h).arg(c.name())));
        }
    }

    void badSimilarityFiles()
    {
        QFile text(m_dir.filePath("text.h5"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("not hdf5");
        text.close();
        const QString encodings = QString(LATENTLAB_FIXTURES_DIR) + "/similarity/ensemble_nmi.encodings.h5";
        const QList<QPair<QString, QString>> cases{
            {m_dir.filePath("missing.h5"), "does not exist"}, {text.fileName(), "not an HDF5 file"}, {encodings, "'/channel_info'"}};
        for (const auto& [path, mention] : cases) {
            try {
                info::SimilarityFileReader::read(path.toStdString());
                QFAIL(qPrintable("no error for " + path));
            } catch (const LatentLabError& e) {
                const QString msg = QString::fromUtf8(e.what());
                QVERIFY2(msg.contains(path) && msg.contains(mention), qPrintable(msg));
            }
        }
    }

    void viewHoverExportAndCli()
    {
        SimilarityView view;
        view.resize(1200, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy loaded(&view, &SimilarityView::loaded);
        view.openFile(m_sim);
        QVERIFY(loaded.wait(20000));
        const SimilarityHeatmapData& data = view.data();
        QVERIFY(data.size() > 10);
        QVERIFY(view.hotspotList()->count() >= 1);
        view.hotspotList()->setCurrentRow(0);
        QVERIFY(view.memberList()->count() >= 2);

        // Hover: the pixel centre of cell (i, j) reports channels i and j and the value.
        QCustomPlot* plot = view.plot();
        QCPAxisRect* heat = nullptr;
        for (QCPAxisRect* r : plot->axisRects())
            if (r->property("figureRole").toString() == "heatmap")
                heat = r;
        QVERIFY(heat);
        const int i = 3, j = data.size() - 2;
        const QPoint at(int(heat->axis(QCPAxis::atBottom)->coordToPixel(j)), int(heat->axis(QCPAxis::atLeft)->coordToPixel(i)));
        QMouseEvent move(QEvent::MouseMove, QPointF(at), plot->mapToGlobal(QPointF(at)), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(plot, &move);
        const QString hover = view.hoverText();
        QVERIFY2(hover.startsWith(data.channelName(i) + " × " + data.channelName(j)), qPrintable(hover));
        QVERIFY2(hover.contains(QString::number(data.value(i, j), 'f', 4)), qPrintable(hover));
        QVERIFY(hover.contains(QString::number(data.vi(i, j), 'f', 4)));
        QCOMPARE(hover.count("NMI"), 1); // the value on view is the NMI: said once

        // The selected hotspot is outlined in the heatmap, over its members' cells.
        auto outlines = [plot] {
            QList<QCPItemRect*> rects;
            for (int k = 0; k < plot->itemCount(); ++k)
                if (auto* r = qobject_cast<QCPItemRect*>(plot->item(k)); r && r->property("hotspotOutline").toBool())
                    rects << r;
            return rects;
        };
        QVERIFY(!outlines().isEmpty());
        const std::int64_t selected = view.hotspotList()->currentItem()->data(Qt::UserRole).toLongLong();
        for (QCPItemRect* r : outlines())
            for (const double corner : {r->topLeft->coords().x() + 0.5, r->topLeft->coords().y() + 0.5})
                QCOMPARE(data.hotspot(int(corner)), selected);
        // Channel order: lines between the models' channels; re-ordering reads the cell under the mouse again.
        auto boundaries = [plot] {
            int n = 0;
            for (int k = 0; k < plot->itemCount(); ++k)
                n += plot->item(k)->property("modelBoundary").toBool() ? 1 : 0;
            return n;
        };
        QCOMPARE(boundaries(), 0);
        view.setOrder(SimilarityHeatmapData::Order::Channel);
        const int models = int(view.data().result().modelNames.size());
        QVERIFY(boundaries() > 0 && boundaries() <= 2 * (models - 1));
        QCOMPARE(view.hoverText(), SimilarityFigure::readout(view.data(), SimilarityFigure::hitAt(plot, view.data(), QPointF(at))));
        QVERIFY(view.hoverText() != hover);
        view.setMeasure(SimilarityHeatmapData::Measure::ExpNegVi);
        QVERIFY2(view.hoverText().contains("exp") && view.hoverText().count("NMI") == 1, qPrintable(view.hoverText()));
        view.setMeasure(SimilarityHeatmapData::Measure::Nmi);
        view.setOrder(SimilarityHeatmapData::Order::Optics);

        // Exports parse.
        QCOMPARE(view.exportTo(m_dir.filePath("f.png")), QString());
        QCOMPARE(QImage(m_dir.filePath("f.png")).size(), SimilarityView::exportSize() * 2);
        QCOMPARE(view.exportTo(m_dir.filePath("f.svg")), QString());
        QFile svg(m_dir.filePath("f.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svg);
        int elements = 0;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement)
                ++elements;
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(elements > 100);
        QCOMPARE(view.exportTo(m_dir.filePath("f.pdf")), QString());
        QFile pdf(m_dir.filePath("f.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QVERIFY(pdf.size() > 10000);
        QCOMPARE(view.exportTo(m_dir.filePath("gui.csv")), QString());
        QFile csv(m_dir.filePath("gui.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray guiCsv = csv.readAll();
        QCOMPARE(int(guiCsv.count('\n')), 2 + data.size()); // comment, header, one row per channel
        QVERIFY(view.exportTo(m_dir.filePath("f.bmp")).contains(".png"));
        QVERIFY(view.exportTo(m_dir.filePath("no-dir/f.png")).contains("does not exist"));

        // The CLI draws the same figure from the same code: identical CSV bytes.
        const CliRun run = runCli({"render", "--what", "similarity", "--file", m_sim, "--out", m_dir.filePath("cli.csv")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QFile cli(m_dir.filePath("cli.csv"));
        QVERIFY(cli.open(QIODevice::ReadOnly));
        QCOMPARE(cli.readAll(), guiCsv);
        const CliRun svgRun =
            runCli({"render", "--what", "similarity", "--file", m_sim, "--order", "dim", "--measure", "exp-vi", "--out", m_dir.filePath("cli.svg")});
        QVERIFY2(svgRun.code == 0, qPrintable(svgRun.err));
        QVERIFY(QFileInfo(m_dir.filePath("cli.svg")).size() > 1000);
        const CliRun bad = runCli({"render", "--what", "similarity", "--file", m_sim, "--order", "random", "--out", m_dir.filePath("x.png")});
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.lastErrorLine().contains("Option --order of 'render' got 'random'; expected optics, channel or dim."), qPrintable(bad.err));
        QVERIFY(!QFile::exists(m_dir.filePath("x.png")));

        // Re-clustering runs in the background; an impossible setting is a sentence and keeps the figure.
        QSignalSpy failed(&view, &SimilarityView::failed);
        loaded.clear();
        view.recluster(3, 0.05, 0.01);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(view.data().result().options.minSamples, int64_t(3));
        const int shown = view.data().size();
        view.recluster(1000, 0.05, 0.01);
        QVERIFY(failed.wait(20000));
        QVERIFY(failed.last().at(0).toString().contains("min_samples"));
        QCOMPARE(view.data().size(), shown);
    }

    void clickingAChannelDecodesItFromItsOwnModel()
    {
        // A real (tiny) ensemble: train, encode, similarity next to the members; clicking a heatmap row
        // decodes that channel's traversal from its member's checkpoint.
        testfiles::generateDsprites(m_dir.filePath("d2.h5"), "dsprites-v2", 300, 2);
        const QString ens = m_dir.filePath("ens");
        CliRun run =
            runCli({"ensemble", "train", "--data", m_dir.filePath("d2.h5"), "--members", "2", "--preset", "test", "--steps", "8", "--out", ens});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        run = runCli({"ensemble", "encode", "--runs", ens, "--samples", "60", "--out", ens + "/enc.h5"});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        run = runCli({"similarity", "--encodings", ens + "/enc.h5", "--min-samples", "2", "--info-threshold", "0", "--out", ens + "/sim.h5"});
        QVERIFY2(run.code == 0, qPrintable(run.err));

        SimilarityView view;
        view.resize(1200, 800);
        view.show();
        QSignalSpy loaded(&view, &SimilarityView::loaded);
        QSignalSpy traversal(&view, &SimilarityView::channelTraversalShown);
        view.openFile(ens + "/sim.h5");
        QVERIFY(loaded.wait(20000));
        QCPAxisRect* heat = nullptr;
        for (QCPAxisRect* r : view.plot()->axisRects())
            if (r->property("figureRole").toString() == "heatmap")
                heat = r;
        QVERIFY(heat);
        const int row = 1;
        const QPoint at(int(heat->axis(QCPAxis::atBottom)->coordToPixel(0)), int(heat->axis(QCPAxis::atLeft)->coordToPixel(row)));
        QTest::mouseClick(view.plot(), Qt::LeftButton, Qt::NoModifier, at);
        QVERIFY(traversal.wait(20000));
        QCOMPARE(traversal.at(0).at(0).toString(), view.data().channelName(row));
        QVERIFY(view.data().channelName(row).startsWith("member-"));
        // Nine steps as 3 × 3 tiles that fill the side panel.
        const TraversalGrid& grid = view.channelTraversal()->grid();
        QCOMPARE(grid.images.size(), 3);
        for (const auto& row : grid.images)
            QCOMPARE(row.size(), 3);
        QCOMPARE(grid.images.first().first().size(), QSize(64, 64));
        QCOMPARE(grid.cellLabels.first().first(), QString("-3.0"));
        QCOMPARE(grid.cellLabels.last().last(), QString("3.0"));
        // The title is elided to the side panel, never cut, with the full title in the tooltip over it; an
        // export keeps it whole.
        TraversalGridView* traversalView = view.channelTraversal();
        QVERIFY(traversalView->title().startsWith(view.data().channelName(row)));
        const QFontMetrics bold = [&] {
            QFont f = traversalView->font();
            f.setBold(true);
            return QFontMetrics(f);
        }();
        QVERIFY(bold.horizontalAdvance(traversalView->shownTitle()) <= traversalView->width());
        if (bold.horizontalAdvance(traversalView->title()) > traversalView->width())
            QVERIFY2(traversalView->shownTitle().endsWith(QChar(0x2026)), qPrintable(traversalView->shownTitle()));
        else
            QCOMPARE(traversalView->shownTitle(), traversalView->title());
        traversalView->setFixedWidth(230); // as narrow as the side panel at 1280×800 with large fonts
        QApplication::processEvents();
        QVERIFY2(traversalView->shownTitle().endsWith(QChar(0x2026)) && bold.horizontalAdvance(traversalView->shownTitle()) <= 230,
                 qPrintable(traversalView->shownTitle()));
        QHelpEvent overTitle(QEvent::ToolTip, QPoint(10, 8), traversalView->mapToGlobal(QPoint(10, 8)));
        QApplication::sendEvent(traversalView, &overTitle);
        QTRY_COMPARE(QToolTip::text(), traversalView->title());
        traversalView->setMinimumWidth(0);
        traversalView->setMaximumWidth(QWIDGETSIZE_MAX);

        // Without the members next to it: one sentence naming the member and what to do.
        QVERIFY(QFile::copy(ens + "/sim.h5", m_dir.filePath("alone.h5")));
        QSignalSpy failed(&view, &SimilarityView::failed);
        loaded.clear();
        view.openFile(m_dir.filePath("alone.h5"));
        QVERIFY(loaded.wait(20000));
        view.showChannelTraversal(0);
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.last().at(0).toString().contains("Ensemble Folder"), qPrintable(failed.last().at(0).toString()));
        view.setEnsembleFolder(ens);
        traversal.clear();
        view.showChannelTraversal(0);
        QVERIFY(traversal.wait(20000));
    }

    /// The dashboard's Matrices tab on the hand-written run of tests/fixtures/metric-matrices: the heatmaps
    /// hold the file's values (row = code, column = factor), hovering a cell reads it out, clicking one asks
    /// for that code dimension's traversal, the CLI's CSV equals the GUI's, and a run without matrices says
    /// so and offers to compute them.
    void metricMatrices()
    {
        const QString fixtureRun = QStringLiteral(LATENTLAB_FIXTURES_DIR "/metric-matrices/run");
        RunComparisonView view;
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy loaded(&view, &RunComparisonView::loaded);
        view.addRuns({fixtureRun});
        QVERIFY(loaded.wait(20000));
        auto* tabs = view.findChild<QTabWidget*>("tabs");
        QVERIFY(tabs);
        MetricMatricesView* matrices = view.matricesView();
        tabs->setCurrentWidget(matrices);
        // metrics.json is read on a worker: the figure follows.
        QTRY_VERIFY2_WITH_TIMEOUT(!matrices->isLoading() && matrices->hasMatrices(), qPrintable(matrices->message()), 10000);
        QCOMPARE(matrices->runDir(), QFileInfo(fixtureRun).absoluteFilePath());
        QCustomPlot* plot = matrices->plot();
        plot->replot();
        QList<QCPColorMap*> maps;
        for (int i = 0; i < plot->plottableCount(); ++i)
            if (auto* m = qobject_cast<QCPColorMap*>(plot->plottable(i)))
                maps << m;
        QCOMPARE(maps.size(), 3);
        QCOMPARE(maps[0]->data()->cell(1, 0), 0.2); // DCI importance of code 0 (shape) for factor 1 (position)
        QCOMPARE(maps[1]->data()->cell(1, 1), 2.0);
        QCOMPARE(maps[2]->data()->cell(0, 1), 0.25);
        bool valueWritten = false;
        for (int i = 0; i < plot->itemCount(); ++i)
            if (auto* t = qobject_cast<QCPItemText*>(plot->item(i)); t && t->text() == "0.20")
                valueWritten = true;
        QVERIFY(valueWritten);

        // Hover and click on (code position, factor shape) of the SAP matrix.
        const QPointF cell = MetricMatricesFigure::cellCenter(plot, 2, 1, 0);
        QTest::mouseMove(plot, cell.toPoint());
        QTRY_VERIFY2(matrices->hoverText().startsWith("SAP score · code position × factor shape = 0.2500"), qPrintable(matrices->hoverText()));
        QSignalSpy requested(&view, &RunComparisonView::traversalRequested);
        QTest::mouseClick(plot, Qt::LeftButton, {}, cell.toPoint());
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(0).toString(), QFileInfo(fixtureRun).absoluteFilePath());
        QCOMPARE(requested.at(0).at(1).toInt(), 1);
        QCOMPARE(requested.at(0).at(2).toInt(), 0);

        // The encoder means: a row per latent dimension; the last one is position's second dimension.
        view.setRepresentation("means");
        QTRY_VERIFY_WITH_TIMEOUT(!matrices->isLoading() && matrices->hasMatrices(), 10000);
        QCOMPARE(matrices->matrices().codes, std::int64_t(4));
        plot->replot();
        QTest::mouseClick(plot, Qt::LeftButton, {}, MetricMatricesFigure::cellCenter(plot, 1, 3, 0).toPoint());
        QCOMPARE(requested.count(), 2);
        QCOMPARE(requested.at(1).at(1).toInt(), 1);
        QCOMPARE(requested.at(1).at(2).toInt(), 1);

        // GUI export == CLI render, byte for byte, for both representations.
        for (const QString representation : {QStringLiteral("means"), QStringLiteral("class_codes")}) {
            view.setRepresentation(representation);
            QTRY_VERIFY_WITH_TIMEOUT(!matrices->isLoading() && matrices->hasMatrices(), 10000);
            const QString gui = m_dir.filePath("gui-matrices-" + representation + ".csv");
            const QString cli = m_dir.filePath("cli-matrices-" + representation + ".csv");
            QCOMPARE(matrices->exportTo(gui), QString());
            const CliRun run = runCli({"render", "--what", "metric-matrices", "--run", fixtureRun, "--representation", representation, "--out", cli});
            QVERIFY2(run.code == 0, qPrintable(run.err));
            QFile a(gui), b(cli);
            QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
            const QByteArray bytes = a.readAll();
            QCOMPARE(b.readAll(), bytes);
            QCOMPARE(int(bytes.count('\n')), 2 + (representation == "means" ? 2 * 4 : 3 * 4)); // comment, header, a row per cell
            QVERIFY2(bytes.contains("\nsap_score_matrix,1,position,0,shape,0.25\n") || representation == "means", bytes.constData());
        }
        QCOMPARE(matrices->exportTo(m_dir.filePath("gui-matrices.svg")), QString());
        const CliRun png = runCli({"render", "--what", "metric-matrices", "--run", fixtureRun, "--out", m_dir.filePath("cli-matrices.png")});
        QVERIFY2(png.code == 0, qPrintable(png.err));
        QVERIFY(!QImage(m_dir.filePath("cli-matrices.png")).isNull());

        // A run whose metrics.json was computed without --details: said so, with the compute action.
        const QString plain = m_dir.filePath("plain-run");
        QVERIFY(QDir().mkpath(plain));
        QVERIFY(QFile::copy(fixtureRun + "/config.json", plain + "/config.json"));
        train::RunDirectory::writeTextAtomically(plain.toStdString() + "/metrics.json",
                                                 R"({"class_codes": {"mig": 0.5}, "factor_names": ["shape"]})");
        loaded.clear();
        view.addRuns({plain});
        QVERIFY(loaded.wait(20000));
        matrices->setRun(QFileInfo(plain).absoluteFilePath());
        QTRY_VERIFY_WITH_TIMEOUT(!matrices->isLoading(), 10000);
        QVERIFY(!matrices->hasMatrices());
        QVERIFY2(matrices->message().contains("plain-run's metrics.json has no matrices"), qPrintable(matrices->message()));
        QVERIFY(matrices->computeButton()->isVisible());
        QVERIFY(matrices->exportTo(m_dir.filePath("none.csv")).contains("no metric matrices"));
        const CliRun none = runCli({"render", "--what", "metric-matrices", "--run", plain, "--out", m_dir.filePath("none.csv")});
        QCOMPARE(none.code, 1);
        QVERIFY2(none.lastErrorLine().contains("class_codes has no matrices; compute the metrics with `latentlab-cli eval --metrics all --details`."),
                 qPrintable(none.err));
    }

    void metricsDashboard()
    {
        writeRun("mae-s0", "mae", 0, 0.8, {1, 1, 0.9, 0.7, 0.4}, 0.30, 0.20);
        writeRun("mae-s1", "mae", 1, 0.6, {0.8, 0.6, 0.7, 0.5, 0.4}, 0.10, 0.40);
        writeRun("abs-s0", "absae", 0, 0.5, {0.5, 0.5, 0.5, 0.5, 0.5}, 0.05, 0.05);
        RunComparisonView view;
        view.resize(1200, 700);
        view.show();
        QSignalSpy loaded(&view, &RunComparisonView::loaded);
        QSignalSpy failed(&view, &RunComparisonView::failed);
        view.addRuns({m_dir.filePath("runs")});
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.at(0).at(0).toInt(), 3);
        const RunComparisonData& data = view.data();
        QCOMPARE(int(data.groups().size()), 2); // the two seeds of the M-AE are one configuration
        int mae = data.groups()[0].model == latentlab::model::ModelKind::ModularAutoEncoder ? 0 : 1;
        QCOMPARE(int(data.groups()[std::size_t(mae)].runs.size()), 2);
        const auto mig = data.metric(mae, "mig", "class_codes");
        QCOMPARE(mig.count, 2);
        QVERIFY(std::abs(mig.mean - 0.2) < 1e-12);
        QVERIFY(std::abs(mig.std - std::sqrt(0.02)) < 1e-12);      // sample std of {0.3, 0.1}
        QCOMPARE(data.metric(mae, "sap", "class_codes").count, 0); // not in metrics.json: no bar, not a zero
        QVERIFY(std::abs(data.relation(mae, "move-down").mean - 0.6) < 1e-12);
        QVERIFY(std::abs(data.meanRelationAccuracy(mae).mean - 0.7) < 1e-12);
        QCOMPARE(*data.paperAccuracy(mae), 0.724);
        QCOMPARE(*data.paperAccuracy(1 - mae), 0.592);
        QCOMPARE(data.relations().size(), 5);

        // The relations figure's bars hold those means, ± std.
        QCustomPlot* plot = view.plot(RunComparisonView::Figure::Relations);
        QCPBars* maeBars = nullptr;
        for (int i = 0; i < plot->plottableCount(); ++i)
            if (auto* b = qobject_cast<QCPBars*>(plot->plottable(i)); b && b->name().startsWith("mae"))
                maeBars = b;
        QVERIFY(maeBars);
        // Five relations, their mean, then the real-image figures: image-level (0.1 in every summary here) and
        // classified right (these runs predate it: count 0, a bar of height 0).
        QCOMPARE(maeBars->data()->size(), 8);
        QVERIFY(std::abs(maeBars->data()->at(3)->value - 0.6) < 1e-12);
        QVERIFY(std::abs(maeBars->data()->at(5)->value - 0.7) < 1e-12);
        QVERIFY(std::abs(maeBars->data()->at(6)->value - 0.1) < 1e-12);
        QVERIFY(std::abs(data.imageLevelAccuracy(mae).mean - 0.1) < 1e-12);
        QCOMPARE(data.realClassification(mae).count, 0);
        QCOMPARE(maeBars->data()->at(7)->value, 0.0);

        // The step slider moves the cursor and the readout; exports parse; CLI and GUI CSVs are equal.
        view.setStep(150);
        QVERIFY2(view.stepReadout().contains("mae-s0: step 100"), qPrintable(view.stepReadout()));
        QCOMPARE(view.stepSlider()->maximum(), 300);
        for (const auto& [figure, what] :
             {std::pair{RunComparisonView::Figure::Metrics, "metrics"}, std::pair{RunComparisonView::Figure::Relations, "relations"},
              std::pair{RunComparisonView::Figure::Curves, "curves"}}) {
            const QString gui = m_dir.filePath(QString("gui-%1.csv").arg(what)), cli = m_dir.filePath(QString("cli-%1.csv").arg(what));
            QCOMPARE(view.exportFigure(figure, gui), QString());
            QCOMPARE(view.exportFigure(figure, m_dir.filePath(QString("gui-%1.pdf").arg(what))), QString());
            const CliRun run = runCli({"render", "--what", what, "--runs", m_dir.filePath("runs"), "--out", cli});
            QVERIFY2(run.code == 0, qPrintable(run.err));
            QFile a(gui), b(cli);
            QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
            const QByteArray bytes = a.readAll();
            QCOMPARE(b.readAll(), bytes);
            const int rows = int(bytes.count('\n'));
            // header (+ comment) and the rows; the curves: 3 evaluations and 6 training-loss records per run
            QCOMPARE(rows, QString(what) == "curves" ? 1 + 3 * 3 + 3 * 6 : 2 + 2);
        }
        // The curves CSV holds the loss panel's points: per run, (step, loss) as plotted, in the last column.
        {
            QFile f(m_dir.filePath("gui-curves.csv"));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
            const QStringList header = lines.first().split(',');
            QCOMPARE(header.last(), QString("training_reconstruction_loss"));
            const auto cellsOf = [](const QString& line) { // quoted cells may hold commas
                QStringList cells{QString()};
                bool quoted = false;
                for (const QChar c : line) {
                    if (c == '"')
                        quoted = !quoted;
                    else if (c == ',' && !quoted)
                        cells << QString();
                    else
                        cells.last() += c;
                }
                return cells;
            };
            QMap<QString, QVector<QPointF>> csvLoss;
            for (const QString& line : lines.mid(1)) {
                const QStringList cells = cellsOf(line);
                QCOMPARE(cells.size(), header.size());
                const bool lossRow = !cells.last().isEmpty();
                QCOMPARE(cells.at(header.indexOf("relation_accuracy")).isEmpty(), lossRow); // a row is one or the other
                if (lossRow)
                    csvLoss[cells.first()] << QPointF(cells.at(2).toDouble(), cells.last().toDouble());
            }
            QCustomPlot* curves = view.plot(RunComparisonView::Figure::Curves);
            QVector<QVector<QPointF>> plotted;
            for (QCPGraph* g : curves->axisRect(2)->graphs()) {
                QVector<QPointF> points;
                for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
                    points << QPointF(it->key, it->value);
                plotted << points;
            }
            QCOMPARE(csvLoss.size(), 3);
            QCOMPARE(plotted.size(), 3);
            for (const QVector<QPointF>& points : csvLoss) {
                QCOMPARE(points.size(), 6);
                QVERIFY2(plotted.contains(points), "a run's loss rows are not the points the loss panel plots");
            }
            QCOMPARE(csvLoss.value("mae-s0").first(), QPointF(50, 0.5));
        }
        // One bar per run: three groups, and the CLI's --per-run gives the same CSV.
        view.setGroupSeeds(false);
        QCOMPARE(int(view.data().groups().size()), 3);
        QCOMPARE(view.exportFigure(RunComparisonView::Figure::Metrics, m_dir.filePath("gui-per-run.csv")), QString());
        const CliRun perRun =
            runCli({"render", "--what", "metrics", "--per-run", "--runs", m_dir.filePath("runs"), "--out", m_dir.filePath("cli-per-run.csv")});
        QVERIFY2(perRun.code == 0, qPrintable(perRun.err));
        QFile pa(m_dir.filePath("gui-per-run.csv")), pb(m_dir.filePath("cli-per-run.csv"));
        QVERIFY(pa.open(QIODevice::ReadOnly) && pb.open(QIODevice::ReadOnly));
        const QByteArray perRunCsv = pa.readAll();
        QCOMPARE(pb.readAll(), perRunCsv);
        QCOMPARE(int(perRunCsv.count('\n')), 2 + 3);
        // --runs is repeatable: the three run directories named one by one give the folder's figure.
        QStringList oneByOne{"render", "--what", "metrics", "--per-run", "--out", m_dir.filePath("cli-one-by-one.csv")};
        for (const QString& run : QDir(m_dir.filePath("runs")).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
            oneByOne << "--runs" << m_dir.filePath("runs/" + run);
        QCOMPARE(oneByOne.count("--runs"), 3);
        const CliRun repeated = runCli(oneByOne);
        QVERIFY2(repeated.code == 0, qPrintable(repeated.err));
        QFile pc(m_dir.filePath("cli-one-by-one.csv"));
        QVERIFY(pc.open(QIODevice::ReadOnly));
        QCOMPARE(pc.readAll(), perRunCsv);
        view.setGroupSeeds(true);
        QCOMPARE(int(view.data().groups().size()), 2);
        const CliRun png =
            runCli({"render", "--what", "curves", "--runs", m_dir.filePath("runs"), "--step", "200", "--out", m_dir.filePath("c.png")});
        QVERIFY2(png.code == 0, qPrintable(png.err));
        const QImage curvesPng(m_dir.filePath("c.png"));
        QVERIFY(!curvesPng.isNull());
        // The figure names what made it (docs/design/file-formats.md#provenance).
        QCOMPARE(curvesPng.text("Software"), QString("LatentLab " LATENTLAB_VERSION));
        QVERIFY(!curvesPng.text("Commit").isEmpty());
        QVERIFY2(curvesPng.text("Libraries").startsWith("Qt " + QString(qVersion()) + ", LibTorch 1."), qPrintable(curvesPng.text("Libraries")));

        // Nothing to read is a sentence, and what is shown stays.
        QVERIFY(QDir().mkpath(m_dir.filePath("empty")));
        view.addRuns({m_dir.filePath("empty")});
        QVERIFY(failed.wait(20000));
        QVERIFY(failed.last().at(0).toString().contains("No run directory"));
        QCOMPARE(int(view.data().runs().size()), 3);
        const CliRun none = runCli({"render", "--what", "metrics", "--runs", m_dir.filePath("empty"), "--out", m_dir.filePath("n.png")});
        QVERIFY(none.code != 0 && none.lastErrorLine().contains("no run directory"));
    }

    /// Runs added while a figure sits on a hidden tab redraw it too; runs a figure leaves out are listed with
    /// why; a run without metrics.json is offered "Compute Metrics…" (latentlab-cli eval --metrics all).
    void dashboardRedrawsAndListsWhatItLeavesOut()
    {
        writeRun("mae-s0", "mae", 0, 0.8, {1, 1, 0.9, 0.7, 0.4}, 0.30, 0.20, "runs-b");
        writeRun("mae-nometrics", "mae", 1, 0.6, {0.8, 0.6, 0.7, 0.5, 0.4}, 0.10, 0.40, "runs-b", false);
        writeRun("beta-s0", "betavae", 0, 0.5, {0.5, 0.5, 0.5, 0.5, 0.5}, 0.05, 0.05, "runs-b");
        QVERIFY(QDir().mkpath(m_dir.filePath("runs-b/notes")));
        RunComparisonView view;
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* tabs = view.findChild<QTabWidget*>("tabs");
        QVERIFY(tabs);
        tabs->setCurrentIndex(1); // the relations figure gets its size, then hides behind the metrics tab
        QApplication::processEvents();
        tabs->setCurrentIndex(0);
        QApplication::processEvents();
        QSignalSpy relationsReplotted(view.plot(RunComparisonView::Figure::Relations), &QCustomPlot::afterReplot);
        QSignalSpy curvesReplotted(view.plot(RunComparisonView::Figure::Curves), &QCustomPlot::afterReplot);
        QSignalSpy loaded(&view, &RunComparisonView::loaded);
        QSignalSpy failed(&view, &RunComparisonView::failed);
        view.addRuns({m_dir.filePath("runs-b")});
        QVERIFY(loaded.wait(20000));
        QVERIFY2(relationsReplotted.count() >= 1, "the hidden relations figure kept its old picture");
        QCOMPARE(int(view.data().runs().size()), 2);

        // What is left out, and why, is on view; Compute Metrics is offered for the run without metrics.json.
        const QString note = view.omissionsText();
        QVERIFY2(note.contains("mae-nometrics: no metrics.json"), qPrintable(note));
        QVERIFY2(note.contains("beta-s0: not read") && note.contains("'betavae'"), qPrintable(note));
        QVERIFY2(note.contains("notes: not a run directory"), qPrintable(note));
        QVERIFY(!note.contains("mae-s0:"));
        QVERIFY(view.findChild<QLabel*>("omissions")->isVisible());
        auto* compute = view.findChild<QPushButton*>("computeMetricsButton");
        QVERIFY(compute && compute->isVisible() && compute->isEnabled());
        QCOMPARE(view.runsWithoutMetrics(), QStringList{m_dir.filePath("runs-b/mae-nometrics")});
        QCOMPARE(RunComparisonView::metricsCommand("/r/mae run"),
                 QString("OMP_WAIT_POLICY=PASSIVE latentlab-cli eval --run '/r/mae run' --metrics all --details"));
        QVERIFY2(!RunComparisonView::cliProgram().isEmpty(), "latentlab-cli not found next to the test");
        // These runs have no checkpoint: the CLI's own sentence comes back, naming the run.
        view.computeMetrics(view.runsWithoutMetrics());
        QVERIFY(failed.wait(60000));
        QVERIFY2(failed.last().at(0).toString().contains("The metrics of mae-nometrics could not be computed"),
                 qPrintable(failed.last().at(0).toString()));

        // The same folder again: nothing new, and the note says so.
        loaded.clear();
        view.addRuns({m_dir.filePath("runs-b")});
        QVERIFY(loaded.wait(20000));
        QCOMPARE(int(view.data().runs().size()), 2);
        QVERIFY2(view.omissionsText().contains("mae-s0: already shown"), qPrintable(view.omissionsText()));

        // The curves carry the training loss from run.h5 in a third panel.
        QCustomPlot* curves = view.plot(RunComparisonView::Figure::Curves);
        QCOMPARE(curves->axisRectCount(), 3);
        QVERIFY(curves->axisRect(2)->axis(QCPAxis::atLeft)->label().contains("training loss"));
        int lossPoints = 0;
        for (QCPGraph* g : curves->axisRect(2)->graphs())
            lossPoints += g->dataCount();
        QCOMPARE(lossPoints, 2 * 6);
    }

    void dashboardHoverSpreadAndTrivialMetrics_data()
    {
        QTest::addColumn<bool>("real");
        QTest::addColumn<double>("moveDown"); // the M-AE's mean on move-down
        QTest::newRow("prior triples") << false << 0.6;
        QTest::newRow("real images") << true << 0.3;
    }

    /// Bars say mean ± std and n on hover, a single run has no error bar, an AbsAE's one-code DCI
    /// completeness is marked as 1 by construction, and the relations figure switches to real images
    /// (the CLI's --real-images gives the same CSV).
    void dashboardHoverSpreadAndTrivialMetrics()
    {
        QFETCH(bool, real);
        QFETCH(double, moveDown);
        writeRun("mae-s0", "mae", 0, 0.8, {1, 1, 0.9, 0.7, 0.4}, 0.30, 0.20, "runs-c");
        writeRun("mae-s1", "mae", 1, 0.6, {0.8, 0.6, 0.7, 0.5, 0.4}, 0.10, 0.40, "runs-c");
        writeRun("abs-s0", "absae", 0, 0.5, {0.5, 0.5, 0.5, 0.5, 0.5}, 0.05, 0.0, "runs-c"); // DCI disentanglement 0, as the AbsAE's one code gives
        RunComparisonView view;
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy loaded(&view, &RunComparisonView::loaded);
        view.addRuns({m_dir.filePath("runs-c")});
        QVERIFY(loaded.wait(20000));
        view.setRealImageAccuracy(real);
        const RunComparisonData& data = view.data();
        const int mae = data.groups()[0].model == latentlab::model::ModelKind::ModularAutoEncoder ? 0 : 1;
        const auto accuracy = real ? RunComparisonData::Accuracy::RealImages : RunComparisonData::Accuracy::PriorTriples;
        QVERIFY(std::abs(data.relation(mae, "move-down", accuracy).mean - moveDown) < 1e-12);

        QCustomPlot* plot = view.plot(RunComparisonView::Figure::Relations);
        view.findChild<QTabWidget*>("tabs")->setCurrentIndex(1);
        QApplication::processEvents();
        plot->replot();
        QCPBars *maeBars = nullptr, *absBars = nullptr;
        for (int i = 0; i < plot->plottableCount(); ++i)
            if (auto* b = qobject_cast<QCPBars*>(plot->plottable(i)))
                (b->name().startsWith("mae") ? maeBars : absBars) = b;
        QVERIFY(maeBars && absBars);
        QVERIFY(std::abs(maeBars->data()->at(3)->value - moveDown) < 1e-12);
        // Error bars: ± std for two seeds, none for the single AbsAE run.
        for (int i = 0; i < plot->plottableCount(); ++i)
            if (auto* e = qobject_cast<QCPErrorBars*>(plot->plottable(i))) {
                const bool single = e->dataPlottable() == absBars;
                QCOMPARE(std::isnan(e->data()->at(3).errorPlus), single);
            }
        // Hovering the M-AE's move-down bar: configuration, relation, mean ± std and n.
        const QPointF top = maeBars->dataPixelPosition(3);
        const QPoint at(int(top.x()), int(top.y()) + 5);
        QMouseEvent move(QEvent::MouseMove, QPointF(at), plot->mapToGlobal(QPointF(at)), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(plot, &move);
        QVERIFY2(view.hoverText().contains("move-down: " + QString::number(moveDown, 'f', 4) + " ± ") && view.hoverText().contains("(n = 2)"),
                 qPrintable(view.hoverText()));

        // The AbsAE's single class code: DCI completeness is 1 by construction, and the figure says so.
        const QStringList metrics = RunComparisonData::metricNames();
        QVERIFY(metrics.contains("dci_completeness"));
        QVERIFY(data.isTrivialMetric(1 - mae, "dci_completeness", "class_codes"));
        QVERIFY(!data.isTrivialMetric(mae, "dci_completeness", "class_codes"));
        QVERIFY(!data.isTrivialMetric(1 - mae, "dci_completeness", "means"));
        QVERIFY(!data.isTrivialMetric(1 - mae, "mig", "class_codes"));
        QVERIFY(!data.isTrivialMetric(1 - mae, "modularity", "class_codes")); // not 1 with several factors
        auto ticker = view.plot(RunComparisonView::Figure::Metrics)->axisRect()->axis(QCPAxis::atBottom)->ticker().dynamicCast<QCPAxisTickerText>();
        QVERIFY(ticker);
        const QString label = ticker->ticks().value(metrics.indexOf("dci_completeness"));
        QVERIFY2(label.contains("1 by construction"), qPrintable(label));
        QVERIFY(!ticker->ticks().value(metrics.indexOf("mig")).contains("by construction"));
        // Its DCI disentanglement is 0 by construction (one code, importance spread evenly over the factors):
        // named under the bars, and a note in the empty slot says so on hover instead of "no value".
        QVERIFY(data.isTrivialMetric(1 - mae, "dci_disentanglement", "class_codes"));
        QVERIFY(!data.isTrivialMetric(mae, "dci_disentanglement", "class_codes"));
        const QString zeroLabel = ticker->ticks().value(metrics.indexOf("dci_disentanglement"));
        QVERIFY2(zeroLabel.contains("0 by construction"), qPrintable(zeroLabel));
        QCustomPlot* metricsPlot = view.plot(RunComparisonView::Figure::Metrics);
        view.findChild<QTabWidget*>("tabs")->setCurrentIndex(0);
        QApplication::processEvents();
        metricsPlot->replot();
        QCPItemText* note = nullptr;
        for (int i = 0; i < metricsPlot->itemCount(); ++i)
            if (auto* t = qobject_cast<QCPItemText*>(metricsPlot->item(i)); t && t->text().contains("by construction"))
                note = t;
        QVERIFY(note);
        QCOMPARE(note->text(), QString("0 by construction"));
        const QPointF notePos = note->position->pixelPosition() + QPointF(0, -12);
        QMouseEvent overNote(QEvent::MouseMove, notePos, metricsPlot->mapToGlobal(notePos), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(metricsPlot, &overNote);
        QVERIFY2(view.hoverText().contains("DCI disentanglement") && view.hoverText().contains("0.0000") && view.hoverText().contains("entropy 1") &&
                     view.hoverText().contains("not a missing value"),
                 qPrintable(view.hoverText()));

        // GUI and CLI: the same CSV for the accuracy on view.
        const QString gui = m_dir.filePath(QString("gui-rel-%1.csv").arg(real)), cli = m_dir.filePath(QString("cli-rel-%1.csv").arg(real));
        QCOMPARE(view.exportFigure(RunComparisonView::Figure::Relations, gui), QString());
        QStringList args{"render", "--what", "relations", "--runs", m_dir.filePath("runs-c"), "--out", cli};
        if (real)
            args << "--real-images";
        const CliRun run = runCli(args);
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QFile a(gui), b(cli);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray bytes = a.readAll();
        QCOMPARE(b.readAll(), bytes);
        QCOMPARE(bytes.startsWith("# relation accuracy on real test images"), real);
    }
};

QTEST_MAIN(TestFigures)
#include "tst_figures.moc"
