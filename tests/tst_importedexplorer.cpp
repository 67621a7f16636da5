// The latent explorer on imported TorchScript models (docs/design/file-formats.md#torchscript-models), offscreen:
// the core engine on the plain β-VAE fixture (one pseudo-partition with the prior N(0, I), no relations, no
// dataset) and on the partitioned fixture (classification by the manifest's priors, relations whose value map is
// what relate() does to the prior means, traversals); the explorer page on both (decoded images, relation buttons
// only for the partitioned one); File ▸ Open Model's paths in the main window: a dropped manifest opens, a broken
// fixture shows the one sentence the import names and changes nothing.
#include "gui/app/MainWindow.h"
#include "gui/explorer/ExplorerEngine.h"
#include "gui/explorer/LatentExplorerPage.h"
#include "gui/explorer/LatentWorkspace.h"
#include "gui/explorer/PartitionEditor.h"
#include "gui/explorer/RelationChainPanel.h"
#include "gui/explorer/TraversalGridView.h"

#include "DropFiles.h"

#include "common/LatentLabError.h"
#include "explorer/LatentExplorer.h"

#include <QAction>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSlider>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

using namespace latentlab;
using namespace latentlab::gui;

namespace {

std::string fixture(const std::string& name) { return std::string(LATENTLAB_FIXTURES_DIR) + "/torchscript/" + name; }
QString qfixture(const std::string& name) { return QString::fromStdString(fixture(name)); }

nlohmann::json expected()
{
    std::ifstream in(fixture("expected.json"));
    return nlohmann::json::parse(in);
}

/// The sentence opening `name` throws (what the GUI must show word for word).
QString openSentence(const std::string& name)
{
    try {
        train::LatentExplorer::openModel(fixture(name));
    } catch (const LatentLabError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

bool openAndWait(LatentExplorerPage& page, const QString& path)
{
    QSignalSpy ready(&page, &LatentExplorerPage::modelReady);
    QSignalSpy shown(&page, &LatentExplorerPage::codeShown);
    page.openModel(path);
    return ready.wait(30000) && (shown.count() > 0 || shown.wait(10000));
}

} // namespace

class TestImportedExplorer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    /// A plain β-VAE: one pseudo-partition "latent" over its 4 dims whose prior is N(0, I); decodes match the
    /// module's (make_fixtures.py's expected pixels); no relations, no data, nothing that needs factor values breaks.
    void plainVaeInTheCore()
    {
        const auto e = train::LatentExplorer::openModel(fixture("betavae.pt"));
        QVERIFY(e->imported());
        QVERIFY(!e->hasFactorPrior());
        QCOMPARE(e->modelKind(), model::ModelKind::BetaVae);
        QCOMPARE(e->modelName(), std::string("fixture beta-VAE"));
        QCOMPARE(e->runDir(), fixture("betavae.pt"));
        QCOMPARE(e->codeDim(), 4);
        QCOMPARE(e->partitionCount(), 1);
        QCOMPARE(e->partitionName(0), std::string("latent"));
        QCOMPARE(e->partitionDim(0), 4);
        QCOMPARE(e->componentNames(0), std::vector<std::string>{"N(0, I)"});
        QVERIFY(e->relationNames().empty());

        // Decode: uint8 HWC of the module's sigmoid(logits), the fixture's own numbers.
        const auto ref = expected();
        std::vector<train::LatentCode> probes;
        for (const auto& row : ref["probe_codes"])
            probes.push_back(row.get<std::vector<float>>());
        const auto images = e->decode(probes);
        QCOMPARE(images.count, std::int64_t(2));
        QCOMPARE(images.height, 64);
        QCOMPARE(images.width, 64);
        QCOMPARE(images.channels, 1);
        QCOMPARE(images.pixels.size(), std::size_t(2 * 64 * 64));
        const auto pixels = ref["pixels"].get<std::vector<int>>();
        for (std::size_t b = 0; b < 2; ++b)
            for (std::size_t i = 0; i < pixels.size(); ++i) {
                const double p = ref["betavae"]["image_pixels"][b][i].get<double>();
                QCOMPARE(int(images.pixels[b * 4096 + static_cast<std::size_t>(pixels[i])]), int(std::lround(p * 255.0)));
            }

        // Sliders and sweeps: every range mode answers, a sweep decodes.
        const train::LatentCode code = probes.front();
        for (auto mode : {train::SliderRangeMode::PriorComponent, train::SliderRangeMode::PriorAll, train::SliderRangeMode::DataMinMax,
                          train::SliderRangeMode::Fixed}) {
            const auto r = e->sliderRange(code, 0, 2, mode);
            QVERIFY(r.low < r.high);
        }
        const auto prior = e->sliderRange(code, 0, 0, train::SliderRangeMode::PriorAll);
        QVERIFY(std::abs(prior.low + 2.0) < 1e-6 && std::abs(prior.high - 2.0) < 1e-6); // N(0, 1) ± 2σ
        const auto sweep = e->sweep(code, 0, 3, {-3, 3}, 7);
        QCOMPARE(sweep.size(), std::size_t(7));
        QCOMPARE(e->decode(sweep).count, std::int64_t(7));
        QCOMPARE(e->traversal(code, 0).size(), std::size_t(1)); // the prior mean: the zero code

        // The one component classifies everything; prior samples are N(0, I) and seeded.
        const auto classes = e->classify(code);
        QCOMPARE(classes.size(), std::size_t(1));
        QCOMPARE(classes.front().component, std::int64_t(0));
        QCOMPARE(e->samplePrior(5), e->samplePrior(5));
        QVERIFY(e->samplePrior(5) != e->samplePrior(6));

        // No dataset images and no relations: each refused with a sentence, never a crash.
        QVERIFY_THROWS_EXCEPTION(LatentLabError, e->loadData());
        QVERIFY(!e->hasData());
        QCOMPARE(e->sampleCount(), std::int64_t(0));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, e->dataSample(0));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, e->relationOutcomes());
        QVERIFY_THROWS_EXCEPTION(LatentLabError, e->applyRelation(code, "next-shape"));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, e->firstSampleShowing("next-shape", 10));
    }

    /// The partitioned model: its manifest's partitions, priors and relations; relations judged against the map
    /// relate() makes of the prior means (next-shape: square → ellipse → heart → square, the fixture's rotation).
    void partitionedModelInTheCore()
    {
        const auto e = train::LatentExplorer::openModel(fixture("partitioned.json")); // either file of the pair
        QVERIFY(e->imported());
        QVERIFY(e->hasFactorPrior());
        QCOMPARE(e->modelKind(), model::ModelKind::ModularAutoEncoder);
        QCOMPARE(e->versionName(), std::string("dsprites-v2"));
        QCOMPARE(e->partitionCount(), 2);
        QCOMPARE(e->partitionName(1), std::string("position"));
        QCOMPARE(e->componentNames(0), (std::vector<std::string>{"square", "ellipse", "heart"}));
        QCOMPARE(e->relationNames(), (std::vector<std::string>{"next-shape", "move-right"}));
        QCOMPARE(e->relationPartition(1), 1);

        // Classification by the manifest's priors, as make_fixtures.py computed it.
        const auto ref = expected();
        const train::LatentCode probe = ref["probe_codes"][0].get<std::vector<float>>();
        const auto classes = e->classify(probe);
        QCOMPARE(classes.size(), std::size_t(2));
        QCOMPARE(classes[0].component, ref["partitioned"]["classes"][0][0].get<std::int64_t>());
        QCOMPARE(classes[1].component, ref["partitioned"]["classes"][0][1].get<std::int64_t>());
        QCOMPARE(e->componentMeans(0).size(), std::size_t(3));
        QCOMPARE(e->componentCovariances(1).size(), std::size_t(9));

        // A relation step: the code relate() returns, classified before and after, judged in code and image.
        const train::LatentCode square = e->withComponent(probe, 0, 0);
        const auto step = e->applyRelation(square, "next-shape");
        QCOMPARE(step.partition, 0);
        QCOMPARE(step.before[0].componentName, std::string("square"));
        QCOMPARE(step.expectedComponent, std::int64_t(1));
        QCOMPARE(step.after[0].componentName, std::string("ellipse"));
        QVERIFY(step.asExpected);
        QCOMPARE(step.imageAfter.size(), std::size_t(2));
        QCOMPARE(step.code[2], square[2]); // the other partition untouched
        QCOMPARE(step.code[3], square[3]);
        const auto heart = e->applyRelation(e->withComponent(probe, 0, 2), "next-shape");
        QCOMPARE(heart.after[0].componentName, std::string("square"));
        QVERIFY(heart.wraps); // the far end back to the first value
        const auto related = e->relationOutputs({probe}, "next-shape");
        const auto want = ref["partitioned"]["related"][0][0].get<std::vector<float>>();
        QCOMPARE(related.front(), want);

        // Traversals: every value of a partition, then sweeps; all decode.
        QCOMPARE(e->traversal(probe, 1).size(), std::size_t(9));
        QCOMPARE(e->decode(e->traversal(probe, 0)).count, std::int64_t(3));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, e->loadData());
    }

    /// Both fixtures in the explorer page, offscreen: decoded images, sliders per partition, the traversal grid;
    /// relation buttons for the partitioned model only, the plain VAE's value list and chain greyed with a reason.
    void explorerPageOnBothFixtures()
    {
        LatentExplorerPage page;
        page.resize(1280, 800);
        page.show();

        QVERIFY(openAndWait(page, qfixture("partitioned.pt")));
        QVERIFY(page.modelInfo().imported);
        QVERIFY(page.modelInfo().factorPrior);
        QCOMPARE(int(page.modelInfo().partitions.size()), 2);
        QCOMPARE(page.manipulatedImage().size(), QSize(64, 64));
        QCOMPARE(int(page.shownClasses().size()), 2);
        QCOMPARE(page.editor()->dimensionCount(), 2);
        QVERIFY(page.relationPanel()->relationButton("next-shape"));
        QVERIFY(page.relationPanel()->relationButton("move-right"));
        QVERIFY(page.cliCommand().isEmpty()); // no run directory to evaluate
        QSignalSpy chain(&page, &LatentExplorerPage::chainShown);
        page.relationPanel()->relationButton("next-shape")->click();
        QVERIFY(chain.wait(20000));
        QCOMPARE(chain.last().at(0).toInt(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!page.traversalView()->grid().images.isEmpty(), 20000);

        QVERIFY(openAndWait(page, qfixture("betavae.pt")));
        QVERIFY(page.modelInfo().imported);
        QVERIFY(!page.modelInfo().factorPrior);
        QCOMPARE(int(page.modelInfo().partitions.size()), 1);
        QVERIFY(page.modelInfo().relations.isEmpty());
        QVERIFY(!page.relationPanel()->relationButton("next-shape"));
        QVERIFY(!page.relationPanel()->findChild<QLineEdit*>()->isEnabled());
        QCOMPARE(page.editor()->dimensionCount(), 4);
        QCOMPARE(page.manipulatedImage().size(), QSize(64, 64));
        QVERIFY(page.workspace()->state().origin.description.contains("seed")); // a prior sample: there is no data
        // A slider moves the code and the image follows.
        QSignalSpy shown(&page, &LatentExplorerPage::codeShown);
        const auto before = page.workspace()->code();
        QSlider* slider = page.editor()->slider(1);
        slider->setValue(slider->value() < 500 ? 900 : 100);
        QVERIFY(shown.wait(20000) || shown.count() > 0);
        QVERIFY(page.workspace()->code() != before);
        QTRY_VERIFY_WITH_TIMEOUT(page.traversalView()->grid().images.size() == 5, 20000); // the prior mean, then 4 sweeps
    }

    /// The main window: File ▸ Open Model… exists, a dropped manifest opens in the explorer, a broken fixture is
    /// the import's sentence word for word and leaves the model on view as it was.
    void mainWindowOpensAndRefuses()
    {
        MainWindow w;
        w.setErrorDialogsEnabled(false);
        w.show();
        bool menu = false;
        for (QAction* a : w.menuBar()->actions())
            if (a->menu())
                for (QAction* item : a->menu()->actions())
                    menu = menu || item->text().remove('&') == QStringLiteral("Open Model…");
        QVERIFY(menu);

        QSignalSpy ready(w.explorerPage(), &LatentExplorerPage::modelReady);
        QVERIFY(dropFile(&w, qfixture("partitioned.json")));
        QVERIFY(ready.wait(30000));
        QCOMPARE(w.explorerPage()->runDir(), qfixture("partitioned.json"));
        QTRY_VERIFY_WITH_TIMEOUT(w.explorerPage()->shownClasses().size() == 2, 20000);
        const auto code = w.explorerPage()->workspace()->code();

        QSignalSpy failed(&w, &MainWindow::jobFailed);
        for (const char* broken : {"missing-decode.pt", "not-torchscript.pt", "wrong-decode-shape.pt", "nan-output.pt", "relate-leak.pt"}) {
            const QString sentence = openSentence(broken);
            QVERIFY2(!sentence.isEmpty(), broken);
            const int before = failed.count();
            w.openPath(qfixture(broken));
            QTRY_COMPARE_WITH_TIMEOUT(failed.count(), before + 1, 30000);
            QCOMPARE(failed.last().at(0).toString(), sentence);
        }
        QCOMPARE(w.explorerPage()->runDir(), qfixture("partitioned.json"));
        QVERIFY(w.explorerPage()->workspace()->code() == code);
    }
};

QTEST_MAIN(TestImportedExplorer)
#include "tst_importedexplorer.moc"
