// Figures shared by the GUI and `latentlab-cli render`, offscreen, on a similarity file the CLI computes
// from the committed encodings fixture: the heatmap's data is the file's matrix in the chosen order
// (also inside the QCPColorMap), hovering cell (i, j) reports those channels and that value, exports
// parse (PNG, SVG XML, PDF header, CSV rows), the CLI's CSV equals the GUI's byte for byte, re-clustering
// runs in the background, and bad similarity files are one clear sentence.
#include "SimilarityFigure.h"
#include "SimilarityHeatmapData.h"
#include "SimilarityView.h"
#include "QCustomPlotWrapper.h"

#include "common/LatentLabError.h"
#include "info/SimilarityFileReader.h"

#include "TestCli.h"

#include <QListWidget>
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
        const CliRun run = runCli({"similarity", "--encodings", QString(LATENTLAB_FIXTURES_DIR) + "/similarity/ensemble_nmi.encodings.h5", "--min-samples", "6",
                                   "--out", m_sim});
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

    void badSimilarityFiles()
    {
        QFile text(m_dir.filePath("text.h5"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("not hdf5");
        text.close();
        const QString encodings = QString(LATENTLAB_FIXTURES_DIR) + "/similarity/ensemble_nmi.encodings.h5";
        const QList<QPair<QString, QString>> cases{{m_dir.filePath("missing.h5"), "does not exist"},
                                                   {text.fileName(), "not an HDF5 file"},
                                                   {encodings, "'/channel_info'"}};
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
        const CliRun svgRun = runCli({"render", "--what", "similarity", "--file", m_sim, "--order", "dim", "--measure", "exp-vi", "--out", m_dir.filePath("cli.svg")});
        QVERIFY2(svgRun.code == 0, qPrintable(svgRun.err));
        QVERIFY(QFileInfo(m_dir.filePath("cli.svg")).size() > 1000);
        const CliRun bad = runCli({"render", "--what", "similarity", "--file", m_sim, "--order", "random", "--out", m_dir.filePath("x.png")});
        QVERIFY(bad.code != 0 && bad.lastErrorLine().contains("--order 'random'"));
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
};

QTEST_MAIN(TestFigures)
#include "tst_figures.moc"
