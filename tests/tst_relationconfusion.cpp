// The relation confusion view (docs/design/gui.md#relation-confusion-view), offscreen, on two tiny runs
// trained here in seconds (an M-AE and an AbsAE of dsprites-v2): the matrices' arithmetic on hand-made
// outcomes; each outcome equal to what the explorer computes for that image alone; the view lists a
// clicked cell's images and hands one to the explorer with the relation applied; the CLI's CSV equals
// the GUI's export byte for byte.
#include "gui/app/MainWindow.h"
#include "gui/common/QCustomPlotWrapper.h"
#include "gui/explorer/LatentExplorerPage.h"
#include "gui/explorer/RelationChainPanel.h"
#include "gui/relations/RelationConfusionData.h"
#include "gui/relations/RelationConfusionEngine.h"
#include "gui/relations/RelationConfusionFigure.h"
#include "gui/relations/RelationConfusionView.h"

#include "TestCli.h"
#include "TestDatasetFiles.h"
#include "TestTinyRuns.h"

#include "data/DatasetVersionCatalog.h"
#include "explorer/LatentExplorer.h"
#include "explorer/RelationConfusion.h"
#include "explorer/RelationOutcomesCache.h"
#include "train/Trainer.h"

#include <QComboBox>
#include <QListWidget>
#include <QTabWidget>
#include <QtTest>

using namespace latentlab;
using namespace latentlab::gui;
using Matrix = train::RelationConfusion::Matrix;

class TestRelationConfusion : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_data, m_mae, m_absae;

    QString train(model::ModelKind kind, const QString& name) { return testruns::trainTinyRun(kind, m_data, m_dir.filePath(name)); }

    static std::unique_ptr<train::LatentExplorer> openWithData(const QString& run, const QString& data)
    {
        auto e = train::LatentExplorer::open(run.toStdString());
        e->setDataFile(data.toStdString());
        e->loadData();
        return e;
    }

    /// Two relations over a 3-valued factor; relation 1's outcome must not count for relation 0.
    static train::RelationOutcomes handMade()
    {
        train::RelationOutcomes o;
        o.runDir = "/x/run";
        o.modelKind = "mae";
        o.version = "v";
        o.testImages = 4;
        o.relations = {"r", "other"};
        o.relationFactors = {"f", "f"};
        o.relationValueNames = {{"a", "b", "c"}, {"a", "b", "c"}};
        // testIndex, fileRow, relation, sourceTrue, sourceClassified, expected, result, othersKept
        o.outcomes = {{0, 10, 0, 0, 0, 1, 1, true},
                      {1, 11, 0, 0, 1, 1, 2, true},
                      {2, 12, 0, 1, 1, 2, 2, false},
                      {3, 13, 0, 2, 2, 0, 1, true},
                      {0, 10, 1, 0, 0, 0, 0, true}};
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_data = m_dir.filePath("d2.h5");
        testfiles::generateDsprites(m_data, "dsprites-v2", 480, 5);
        m_mae = train(model::ModelKind::ModularAutoEncoder, "mae");
        QVERIFY(!m_mae.isEmpty());
        m_absae = train(model::ModelKind::AbsAE, "absae");
        QVERIFY(!m_absae.isEmpty());
    }

    void matricesCountByHand()
    {
        const train::RelationConfusion c(handMade(), 0);
        QCOMPARE(c.relation(), std::string("r"));
        QCOMPARE(c.valueCount(), 3);
        QCOMPARE(c.total(), std::int64_t(4));
        QCOMPARE(c.count(Matrix::Source, 0, 0), std::int64_t(1));
        QCOMPARE(c.count(Matrix::Source, 0, 1), std::int64_t(1));
        QCOMPARE(c.rowTotal(Matrix::Source, 0), std::int64_t(2));
        QCOMPARE(c.correct(Matrix::Source), std::int64_t(3));
        QCOMPARE(c.correct(Matrix::Relation), std::int64_t(2)); // (b,b) and (c,c)
        QCOMPARE(c.rate(Matrix::Relation, 1, 1), 0.5);
        QCOMPARE(c.rate(Matrix::Relation, 1, 2), 0.5);
        QCOMPARE(c.rate(Matrix::Relation, 0, 1), 1.0);
        QCOMPARE(c.rate(Matrix::Source, 1, 0), 0.0);
        QCOMPARE(c.accuracy(Matrix::Relation), 0.5);
        QCOMPARE(c.testImages(Matrix::Relation, 1, 2), std::vector<std::int64_t>{1});
        QCOMPARE(c.testImages(Matrix::Relation, 0, 1), std::vector<std::int64_t>{3});
        QCOMPARE(c.wholeImageCorrect(), std::int64_t(1));       // image 2 is right but changed another factor
        QCOMPARE(c.missesWithSourceMisread(), std::int64_t(1)); // image 1; image 3's source was read right
        QVERIFY_THROWS_EXCEPTION(LatentLabError, train::RelationConfusion(handMade(), 2));

        const RelationConfusionData data({std::make_shared<const train::RelationOutcomes>(handMade())}, "r");
        const QStringList lines = data.toCsv().split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2 + 2 * 9);
        QCOMPARE(lines[1], QStringLiteral("run,model,relation,factor,matrix,row_value,column_value,count,rate,row_total"));
        QVERIFY(lines.contains(QStringLiteral("\"run\",\"mae\",\"r\",\"f\",relation,\"b\",\"c\",1,0.5,2")));
        QVERIFY(lines.contains(QStringLiteral("\"run\",\"mae\",\"r\",\"f\",source,\"a\",\"b\",1,0.5,2")));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, RelationConfusionData({std::make_shared<const train::RelationOutcomes>(handMade())}, "nope"));
    }

    void outcomesEqualTheExplorersOwnJudgement_data()
    {
        QTest::addColumn<QString>("run");
        QTest::newRow("mae") << m_mae;
        QTest::newRow("absae") << m_absae;
    }

    void outcomesEqualTheExplorersOwnJudgement()
    {
        QFETCH(QString, run);
        const auto explorer = openWithData(run, m_data);
        const auto outcomes = explorer->relationOutcomes();
        const auto& version = data::DatasetVersionCatalog::builtin().version("dsprites-v2");
        const auto R = version.relations.size();
        QCOMPARE(outcomes.relations.size(), R);
        QCOMPARE(outcomes.testImages, explorer->sampleCount());
        QCOMPARE(outcomes.outcomes.size(), R * static_cast<std::size_t>(explorer->sampleCount()));
        // The factor values of a classified component: the M-AE's component is the value; the AbsAE's is
        // the combination, mixed radix over the factors, last fastest.
        auto valuesOf = [&](const std::vector<train::PartitionClassification>& classes) {
            std::vector<std::int64_t> values;
            if (explorer->modelKind() == model::ModelKind::ModularAutoEncoder) {
                for (const auto& c : classes)
                    values.push_back(c.component);
                return values;
            }
            std::int64_t rest = classes.at(0).component;
            values.assign(version.factors.size(), 0);
            for (std::size_t f = version.factors.size(); f-- > 0;) {
                values[f] = rest % version.factors[f].numValues();
                rest /= version.factors[f].numValues();
            }
            return values;
        };
        int checked = 0;
        for (const auto& o : outcomes.outcomes) {
            if (o.testIndex >= 12)
                continue;
            const auto& relation = version.relations.at(static_cast<std::size_t>(o.relation));
            const auto f = static_cast<std::size_t>(version.factorIndex(relation.factor));
            const auto sample = explorer->dataSample(o.testIndex);
            const auto step = explorer->applyRelation(sample.code, relation.name);
            QCOMPARE(o.fileRow, sample.fileRow);
            QCOMPARE(o.sourceTrue, sample.values[f]);
            QCOMPARE(o.expected, relation.apply(sample.values[f]));
            QCOMPARE(o.sourceClassified, valuesOf(step.before)[f]);
            const auto result = valuesOf(step.imageAfter);
            QCOMPARE(o.result, result[f]);
            bool kept = true;
            for (std::size_t g = 0; g < result.size(); ++g)
                kept = kept && (g == f || result[g] == sample.values[g]);
            QCOMPARE(o.othersKept, kept);
            ++checked;
        }
        QCOMPARE(checked, static_cast<int>(12 * R));
        // Every outcome of a relation lands in exactly one cell of each matrix.
        const train::RelationConfusion c(outcomes, 0);
        QCOMPARE(c.total(), explorer->sampleCount());
        std::int64_t sum = 0;
        for (int row = 0; row < c.valueCount(); ++row)
            sum += c.rowTotal(Matrix::Relation, row);
        QCOMPARE(sum, c.total());
    }

    /// The judgement kept on disk: stored on the first call, read back whole on the second without
    /// evaluating; a damaged file, another data file or no cache folder mean judging again.
    void outcomesAreKeptOnDiskPerRunAndData()
    {
        QTemporaryDir cacheDir;
        const train::RelationOutcomesCache cache(cacheDir.path().toStdString());
        const auto explorer = openWithData(m_mae, m_data);
        int evaluations = 0;
        auto evaluate = [&] {
            ++evaluations;
            return explorer->relationOutcomes();
        };
        const std::string run = m_mae.toStdString(), data = m_data.toStdString();
        bool fromCache = true;
        const auto first = cache.loadOrEvaluate(run, data, "dsprites-v2", evaluate, &fromCache);
        QVERIFY(!fromCache);
        QCOMPARE(evaluations, 1);
        const std::string key = train::RelationOutcomesCache::keyOf(run, data, "dsprites-v2");
        QCOMPARE(key.size(), std::size_t(16));
        QVERIFY(QFileInfo::exists(QString::fromStdString(cache.pathOf(key))));
        const auto second = cache.loadOrEvaluate(run, data, "dsprites-v2", evaluate, &fromCache);
        QVERIFY(fromCache);
        QCOMPARE(evaluations, 1);
        QCOMPARE(second.runDir, run);
        QCOMPARE(second.modelKind, first.modelKind);
        QCOMPARE(second.testImages, first.testImages);
        QCOMPARE(second.relations, first.relations);
        QCOMPARE(second.relationFactors, first.relationFactors);
        QCOMPARE(second.relationValueNames, first.relationValueNames);
        QCOMPARE(second.outcomes.size(), first.outcomes.size());
        for (std::size_t i = 0; i < first.outcomes.size(); ++i) {
            const auto &a = first.outcomes[i], &b = second.outcomes[i];
            QVERIFY(a.testIndex == b.testIndex && a.fileRow == b.fileRow && a.relation == b.relation && a.sourceTrue == b.sourceTrue &&
                    a.sourceClassified == b.sourceClassified && a.expected == b.expected && a.result == b.result && a.othersKept == b.othersKept);
        }
        // Another version name (or build, checkpoint, data file) is another key.
        QVERIFY(train::RelationOutcomesCache::keyOf(run, data, "dsprites-v3") != key);
        // A truncated file is judged again and rewritten.
        {
            QFile file(QString::fromStdString(cache.pathOf(key)));
            QVERIFY(file.open(QIODevice::ReadWrite));
            file.resize(file.size() / 2);
        }
        QVERIFY(!cache.load(key, run));
        cache.loadOrEvaluate(run, data, "dsprites-v2", evaluate, &fromCache);
        QVERIFY(!fromCache);
        QCOMPARE(evaluations, 2);
        QVERIFY(cache.load(key, run).has_value());
        // A copy of the data file elsewhere is another file: judged for itself.
        const QString copy = cacheDir.filePath("copy.h5");
        QVERIFY(QFile::copy(m_data, copy));
        QVERIFY(train::RelationOutcomesCache::keyOf(run, copy.toStdString(), "dsprites-v2") != key);
        // No folder: no cache, every call evaluates.
        const train::RelationOutcomesCache none{std::string()};
        none.loadOrEvaluate(run, data, "dsprites-v2", evaluate, &fromCache);
        none.loadOrEvaluate(run, data, "dsprites-v2", evaluate, &fromCache);
        QVERIFY(!fromCache);
        QCOMPARE(evaluations, 4);
    }

    void viewListsACellAndOpensAnImageInTheExplorer()
    {
        MainWindow w;
        w.setErrorDialogsEnabled(false);
        w.resize(1280, 800);
        w.show();
        RelationConfusionView* view = w.relationsView();
        QSignalSpy ready(w.explorerPage(), &LatentExplorerPage::modelReady);
        w.explorerPage()->openRun(m_mae, m_data);
        QVERIFY(ready.wait(30000));
        QCOMPARE(QFileInfo(view->runDir()), QFileInfo(m_mae));
        QSignalSpy shown(view, &RelationConfusionView::shown);
        w.tabs()->setCurrentWidget(view); // evaluated only once on view
        QVERIFY(shown.wait(60000));
        QVERIFY(!view->data().isEmpty());
        QCOMPARE(view->relationChooser()->count(), 5);
        view->setRelation(QStringLiteral("move-left"));
        QCOMPARE(view->data().relation(), QStringLiteral("move-left"));

        // The largest cell of the relation matrix, clicked where the figure draws it.
        const auto& c = view->data().confusion(0);
        int bestRow = 0, bestColumn = 0;
        for (int row = 0; row < c.valueCount(); ++row)
            for (int column = 0; column < c.valueCount(); ++column)
                if (c.count(Matrix::Relation, row, column) > c.count(Matrix::Relation, bestRow, bestColumn)) {
                    bestRow = row;
                    bestColumn = column;
                }
        QCPAxisRect* rect = nullptr;
        for (QCPAxisRect* r : view->plot()->axisRects())
            if (r->property("confusionMatrix").toInt() == 1)
                rect = r;
        QVERIFY(rect);
        const QPoint at(static_cast<int>(rect->axis(QCPAxis::atBottom)->coordToPixel(bestColumn)),
                        static_cast<int>(rect->axis(QCPAxis::atLeft)->coordToPixel(bestRow)));
        int panel = -1, row = -1, column = -1;
        Matrix matrix = Matrix::Source;
        QVERIFY(RelationConfusionFigure::cellAt(view->plot(), at, &panel, &matrix, &row, &column));
        QCOMPARE(row, bestRow);
        QCOMPARE(column, bestColumn);
        QCOMPARE(matrix, Matrix::Relation);
        QSignalSpy listed(view, &RelationConfusionView::cellListed);
        QSignalSpy thumbnails(view, &RelationConfusionView::thumbnailsShown);
        QTest::mouseClick(view->plot(), Qt::LeftButton, {}, at);
        QCOMPARE(listed.count(), 1);
        const auto& expected = c.testImages(Matrix::Relation, bestRow, bestColumn);
        QCOMPARE(listed.first().at(1).toLongLong(), static_cast<qint64>(expected.size()));
        QVERIFY(thumbnails.wait(20000));
        const int shownCount = std::min<int>(RelationConfusionView::kMaxThumbnails, static_cast<int>(expected.size()));
        QCOMPARE(view->thumbnailList()->count(), shownCount);
        QCOMPARE(view->thumbnailList()->item(0)->text(), QStringLiteral("#%1").arg(expected.front()));

        // Its last image opens in the explorer with move-left applied.
        QSignalSpy chain(w.explorerPage(), &LatentExplorerPage::chainShown);
        view->openThumbnail(shownCount - 1);
        QVERIFY(chain.wait(20000));
        QCOMPARE(w.tabs()->currentWidget(), w.explorerPage());
        QCOMPARE(w.explorerPage()->shownTestImage(), static_cast<qint64>(expected[static_cast<std::size_t>(shownCount - 1)]));
        QCOMPARE(w.explorerPage()->relationPanel()->historyCount(), 1);
        QVERIFY(w.explorerPage()->relationPanel()->historyText(0).contains(QStringLiteral("move-left")));
    }

    void comparisonAndCliCsvEqualTheGuiExport()
    {
        RelationConfusionView view;
        view.resize(1280, 800);
        view.show();
        QSignalSpy shown(&view, &RelationConfusionView::shown);
        // A bare file name, as the explorer reports a demo's recorded data: found beside the run, as eval finds it.
        view.setRun(m_mae, QStringLiteral("d2.h5"));
        QVERIFY(shown.wait(60000));
        // The AbsAE sits beside the M-AE: offered as the run to compare with.
        QVERIFY(QTest::qWaitFor([&] { return view.compareChooser()->findData(QFileInfo(m_absae).absoluteFilePath()) >= 0; }, 5000));
        view.setRelation(QStringLiteral("change-shape"));
        view.setCompareRun(m_absae);
        QVERIFY(QTest::qWaitFor([&] { return view.data().panelCount() == 2; }, 60000));
        QVERIFY(view.data().sameTestImages());
        QCOMPARE(view.data().relation(), QStringLiteral("change-shape"));
        QCOMPARE(view.data().confusion(1).valueCount(), 3); // the AbsAE's combinations split into shapes
        QCOMPARE(view.exportTo(m_dir.filePath("gui.csv")), QString());
        QCOMPARE(view.exportTo(m_dir.filePath("gui.png")), QString());
        QVERIFY(QFileInfo(m_dir.filePath("gui.png")).size() > 10000);

        const CliRun run = runCli({"render", "--what", "relation-confusion", "--run", m_mae, "--data", m_data, "--compare", m_absae, "--relation",
                                   "change-shape", "--out", m_dir.filePath("cli.csv")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QFile gui(m_dir.filePath("gui.csv")), cli(m_dir.filePath("cli.csv"));
        QVERIFY(gui.open(QIODevice::ReadOnly) && cli.open(QIODevice::ReadOnly));
        QCOMPARE(cli.readAll(), gui.readAll());
        const CliRun bad = runCli(
            {"render", "--what", "relation-confusion", "--run", m_mae, "--data", m_data, "--relation", "fly", "--out", m_dir.filePath("x.png")});
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.lastErrorLine().contains("Relation 'fly' is not a relation of run"), qPrintable(bad.err));
    }
};

QTEST_MAIN(TestRelationConfusion)
#include "tst_relationconfusion.moc"
