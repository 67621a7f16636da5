// The animated exports (docs/design/gui.md#animated-exports): GIFs read back with giflib (frame count,
// size, the NETSCAPE2.0 loop, the provenance comment, the delay), PNG frame strips (frames × tile width,
// text chunks), the interpolation's partition-by-partition order and its ends (A's and B's decodes), the
// explorer's export equal to `latentlab-cli render --what animation` frame for frame, and bad inputs
// refused with one sentence. The model is a tiny run trained here (seconds).
#include "gui/common/AnimationExporter.h"
#include "gui/common/DecodedImageConversion.h"
#include "gui/explorer/AnimationFrameBuilder.h"
#include "gui/explorer/ExplorerEngine.h"
#include "gui/explorer/LatentExplorerPage.h"
#include "gui/explorer/LatentWorkspace.h"
#include "gui/explorer/RelationChainPanel.h"

#include "TestCli.h"
#include "TestDatasetFiles.h"

#include "common/LatentLabError.h"
#include "explorer/LatentExplorer.h"
#include "io/AnimatedGifWriter.h"
#include "train/Trainer.h"

#include <QtTest>

#include <gif_lib.h>

#include <memory>

using namespace latentlab;
using namespace latentlab::gui;

namespace {

/// A GIF as giflib reads it back (DGifSlurp): its frames as palette colours, and what the extensions say.
struct ReadGif {
    QString error;
    int width = 0, height = 0, frames = 0;
    bool loops = false;
    int loopCount = -1;
    QString comment;
    QList<int> delays;
    QList<QImage> images; ///< RGB888, the palette applied
};

ReadGif readGif(const QString& path)
{
    ReadGif out;
    int error = 0;
    GifFileType* gif = DGifOpenFileName(QFile::encodeName(path).constData(), &error);
    if (!gif) {
        out.error = QString("DGifOpenFileName: %1").arg(GifErrorString(error));
        return out;
    }
    if (DGifSlurp(gif) != GIF_OK) {
        out.error = QString("DGifSlurp: %1").arg(GifErrorString(gif->Error));
        DGifCloseFile(gif, &error);
        return out;
    }
    out.width = gif->SWidth;
    out.height = gif->SHeight;
    out.frames = gif->ImageCount;
    for (int i = 0; i < gif->ImageCount; ++i) {
        const SavedImage& image = gif->SavedImages[i];
        for (int b = 0; b < image.ExtensionBlockCount; ++b) {
            const ExtensionBlock& block = image.ExtensionBlocks[b];
            if (block.Function == APPLICATION_EXT_FUNC_CODE && block.ByteCount == 11 &&
                QByteArray(reinterpret_cast<const char*>(block.Bytes), 11) == "NETSCAPE2.0" && b + 1 < image.ExtensionBlockCount) {
                const ExtensionBlock& data = image.ExtensionBlocks[b + 1];
                out.loops = data.ByteCount == 3 && data.Bytes[0] == 1;
                out.loopCount = out.loops ? data.Bytes[1] | (data.Bytes[2] << 8) : -1;
            }
            if (block.Function == COMMENT_EXT_FUNC_CODE) {
                out.comment += QString::fromUtf8(reinterpret_cast<const char*>(block.Bytes), block.ByteCount);
                for (int c = b + 1; c < image.ExtensionBlockCount && image.ExtensionBlocks[c].Function == CONTINUE_EXT_FUNC_CODE; ++c)
                    out.comment +=
                        QString::fromUtf8(reinterpret_cast<const char*>(image.ExtensionBlocks[c].Bytes), image.ExtensionBlocks[c].ByteCount);
            }
        }
        GraphicsControlBlock control;
        out.delays << (DGifSavedExtensionToGCB(gif, i, &control) == GIF_OK ? control.DelayTime : -1);
        const ColorMapObject* map = image.ImageDesc.ColorMap ? image.ImageDesc.ColorMap : gif->SColorMap;
        QImage rgb(image.ImageDesc.Width, image.ImageDesc.Height, QImage::Format_RGB888);
        for (int y = 0; y < rgb.height(); ++y)
            for (int x = 0; x < rgb.width(); ++x) {
                const GifColorType c = map->Colors[image.RasterBits[y * rgb.width() + x]];
                rgb.setPixel(x, y, qRgb(c.Red, c.Green, c.Blue));
            }
        out.images << rgb;
    }
    DGifCloseFile(gif, &error);
    return out;
}

/// The largest difference of one channel between two images of one size (any format).
int maxDifference(const QImage& a, const QImage& b)
{
    if (a.size() != b.size())
        return 256;
    const QImage x = a.convertToFormat(QImage::Format_RGB888), y = b.convertToFormat(QImage::Format_RGB888);
    int worst = 0;
    for (int row = 0; row < x.height(); ++row)
        for (int i = 0; i < x.width() * 3; ++i)
            worst = std::max(worst, std::abs(int(x.constScanLine(row)[i]) - int(y.constScanLine(row)[i])));
    return worst;
}

/// The mean difference of one channel between two images of one size.
double meanDifference(const QImage& a, const QImage& b)
{
    const QImage x = a.convertToFormat(QImage::Format_RGB888), y = b.convertToFormat(QImage::Format_RGB888);
    double sum = 0;
    for (int row = 0; row < x.height(); ++row)
        for (int i = 0; i < x.width() * 3; ++i)
            sum += std::abs(int(x.constScanLine(row)[i]) - int(y.constScanLine(row)[i]));
    return sum / (3.0 * x.width() * x.height());
}

QImage rgbTestFrame(int shift)
{
    QImage image(64, 64, QImage::Format_RGB888);
    for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 64; ++x)
            image.setPixel(x, y, qRgb((x * 4 + shift) % 256, (y * 4) % 256, (x + y + shift) % 256)); // thousands of colours
    return image;
}

bool oneSentence(const QString& s) { return !s.isEmpty() && !s.trimmed().contains('\n') && s.trimmed().endsWith('.'); }

} // namespace

class TestAnimation : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_data, m_run;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    /// Opens the fixture run and waits until its data is loaded (interpolation needs the test images).
    static bool openAndWait(LatentExplorerPage& page, const QString& run)
    {
        QSignalSpy ready(&page, &LatentExplorerPage::modelReady);
        QSignalSpy loaded(page.engine(), &ExplorerEngine::dataLoaded);
        QSignalSpy shown(&page, &LatentExplorerPage::codeShown);
        page.openRun(run);
        return ready.wait(30000) && (loaded.count() > 0 || loaded.wait(30000)) &&
            QTest::qWaitFor([&] { return page.workspace()->state().origin.testImage >= 0; }, 20000);
    }

    /// exportAnimation() of `request` to `file`; true once written.
    static bool exportAndWait(LatentExplorerPage& page, const AnimationRequest& request, const QString& file)
    {
        QSignalSpy done(&page, &LatentExplorerPage::animationExported);
        QSignalSpy failed(&page, &LatentExplorerPage::failed);
        if (page.exportAnimation(request, file) == 0)
            return false;
        return QTest::qWaitFor([&] { return !done.isEmpty() || !failed.isEmpty(); }, 30000) && failed.isEmpty();
    }

    static QString rangeName(train::SliderRangeMode mode)
    {
        switch (mode) {
        case train::SliderRangeMode::PriorComponent: return "prior-component";
        case train::SliderRangeMode::PriorAll: return "prior-all";
        case train::SliderRangeMode::DataMinMax: return "data";
        case train::SliderRangeMode::Fixed: return "fixed";
        }
        return {};
    }

    /// Frame by frame: same count, size and colours.
    static void compareGifs(const QString& a, const QString& b)
    {
        const ReadGif x = readGif(a), y = readGif(b);
        QVERIFY2(x.error.isEmpty(), qPrintable(x.error));
        QVERIFY2(y.error.isEmpty(), qPrintable(y.error));
        QCOMPARE(x.frames, y.frames);
        QCOMPARE(x.delays, y.delays);
        for (int i = 0; i < x.frames; ++i)
            QVERIFY2(x.images.at(i) == y.images.at(i), qPrintable(QString("frame %1 differs").arg(i)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_data = path("d2.h5");
        testfiles::generateDsprites(m_data, "dsprites-v2", 320, 3);
        auto c = train::TrainingConfig::fromPreset("test", data::DatasetLayout::DSprites);
        c.dataFile = m_data.toStdString();
        c.version = "dsprites-v2";
        c.labelledSamples = 60;
        c.evalEveryEpochs = 0;
        c.device = "cpu";
        c.setSeed(3);
        m_run = path("run");
        QVERIFY(train::Trainer::run(c, m_run.toStdString()).status == train::RunStatus::Completed);
    }

    void gifReadBackByGiflib()
    {
        // Grayscale frames keep every grey level (the 256 greys are the palette).
        QList<QImage> gray;
        for (int i = 0; i < 5; ++i) {
            QImage f(64, 64, QImage::Format_Grayscale8);
            for (int y = 0; y < 64; ++y)
                for (int x = 0; x < 64; ++x)
                    f.scanLine(y)[x] = static_cast<uchar>((x * 4 + y + i * 37) % 256);
            gray << f;
        }
        QMap<QString, QString> meta{{"Origin", "test image 3"}, {"Long", QString(600, 'x')}};
        QCOMPARE(AnimationExporter::save(gray, path("gray.gif"), 3, 10, meta), QString());
        ReadGif gif = readGif(path("gray.gif"));
        QVERIFY2(gif.error.isEmpty(), qPrintable(gif.error));
        QCOMPARE(gif.frames, 5);
        QCOMPARE(QSize(gif.width, gif.height), QSize(192, 192));
        QVERIFY(gif.loops);
        QCOMPARE(gif.loopCount, 0); // forever
        QCOMPARE(gif.delays, QList<int>(5, 10));
        for (const char* key : {"Software: LatentLab", "Commit: ", "Libraries: Qt", "giflib 5.", "Origin: test image 3"})
            QVERIFY2(gif.comment.contains(key), qPrintable(gif.comment));
        QVERIFY(gif.comment.contains(QString(600, 'x'))); // longer than one 255-byte sub-block
        for (int i = 0; i < 5; ++i)
            QCOMPARE(maxDifference(gif.images.at(i), DecodedImageConversion::scaled(gray.at(i), 3)), 0);
        // No temporary file is left beside it.
        QCOMPARE(QDir(m_dir.path()).entryList({"gray.gif*"}, QDir::Files), QStringList{"gray.gif"});

        // RGB with thousands of colours: one median-cut palette for all frames, close to the input.
        QList<QImage> rgb{rgbTestFrame(0), rgbTestFrame(60), rgbTestFrame(120)};
        QCOMPARE(AnimationExporter::save(rgb, path("rgb.gif"), 1, 8, {}), QString());
        gif = readGif(path("rgb.gif"));
        QVERIFY2(gif.error.isEmpty(), qPrintable(gif.error));
        QCOMPARE(gif.frames, 3);
        QCOMPARE(gif.delays, QList<int>(3, 13)); // 100/8 = 12.5 → 13 hundredths
        // A synthetic worst case (a whole colour cube in every frame): 256 colours leave about six levels of error
        // on average, never a wrong hue.
        for (int i = 0; i < 3; ++i) {
            const double mean = meanDifference(gif.images.at(i), rgb.at(i));
            QVERIFY2(mean <= 8 && maxDifference(gif.images.at(i), rgb.at(i)) <= 40, qPrintable(QString::number(mean)));
        }
        // The same frames give the same bytes.
        QCOMPARE(AnimationExporter::save(rgb, path("rgb2.gif"), 1, 8, {}), QString());
        QFile a(path("rgb.gif")), b(path("rgb2.gif"));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QVERIFY(a.readAll() == b.readAll());
    }

    void frameStripPng()
    {
        const QList<QImage> frames{rgbTestFrame(0), rgbTestFrame(10), rgbTestFrame(20), rgbTestFrame(30)};
        QCOMPARE(AnimationExporter::save(frames, path("strip.png"), 2, 8, {{"Animation", "test"}}), QString());
        const QImage strip(path("strip.png"));
        QCOMPARE(strip.size(), QSize(4 * 64 * 2, 64 * 2));
        QCOMPARE(strip.text("Animation"), QString("test"));
        QVERIFY(strip.text("Software").startsWith("LatentLab"));
        QVERIFY(!strip.text("Commit").isEmpty());
        QVERIFY(strip.text("Libraries").contains("giflib"));
        QCOMPARE(strip.copy(128, 0, 128, 128), DecodedImageConversion::scaled(frames.at(1), 2).convertToFormat(strip.format()));
    }

    void badInputsRefusedWithOneSentence()
    {
        const QList<QImage> two{rgbTestFrame(0), rgbTestFrame(0).scaled(32, 32)};
        for (const QString& error : {AnimationExporter::save({}, path("none.gif"), 1, 8, {}), AnimationExporter::save(two, path("two.gif"), 1, 8, {}),
                                     AnimationExporter::save(two.mid(0, 1), path("x.bmp"), 1, 8, {}),
                                     AnimationExporter::save(two.mid(0, 1), path("no-such-dir/x.gif"), 1, 8, {}),
                                     AnimationExporter::save(two.mid(0, 1), path("no-such-dir/x.png"), 1, 8, {})})
            QVERIFY2(oneSentence(error), qPrintable(error));
        QVERIFY(!QFile::exists(path("none.gif")) && !QFile::exists(path("two.gif")));
        io::GifAnimation bad;
        bad.width = bad.height = 2;
        bad.frames = {std::vector<std::uint8_t>(12), std::vector<std::uint8_t>(5)};
        try {
            io::AnimatedGifWriter::encode(bad);
            QFAIL("frames of different sizes were accepted");
        } catch (const LatentLabError& e) {
            QVERIFY2(oneSentence(e.what()) && QString(e.what()).contains("Frame 2"), e.what());
        }
    }

    void interpolationMovesOnePartitionAtATime()
    {
        const train::LatentCode a{0, 0, 0, 0, 0, 0}, b{1, 2, 3, 4, 5, 6};
        const std::vector<std::pair<int, int>> partitions{{0, 2}, {2, 1}, {3, 3}};
        const auto codes = AnimationFrameBuilder::interpolationCodes(a, b, partitions, 4);
        QCOMPARE(int(codes.size()), 1 + 3 * 4);
        QVERIFY(codes.front() == a);
        QVERIFY(codes.back() == b);
        for (std::size_t i = 1; i < codes.size(); ++i) {
            const int moving = static_cast<int>((i - 1) / 4);
            for (int p = 0; p < 3; ++p) {
                bool changed = false;
                for (int d = partitions[p].first; d < partitions[p].first + partitions[p].second; ++d)
                    changed = changed || codes[i][std::size_t(d)] != codes[i - 1][std::size_t(d)];
                QVERIFY2(changed == (p == moving), qPrintable(QString("step %1, partition %2").arg(i).arg(p)));
            }
        }
    }

    void interpolationEndsAtTheDecodesOfAAndB()
    {
        const auto explorer = train::LatentExplorer::open(m_run.toStdString());
        explorer->loadData();
        AnimationRequest request;
        request.kind = AnimationKind::Interpolation;
        request.from = 2;
        request.to = 5;
        request.steps = 3;
        const AnimationFrames frames = AnimationFrameBuilder::build(*explorer, request);
        QCOMPARE(int(frames.frames.size()), 1 + explorer->partitionCount() * 3);
        QCOMPARE(frames.labels.size(), frames.frames.size());
        const QImage decodeA = DecodedImageConversion::toImage(explorer->decode({explorer->dataSample(2).code}), 0);
        const QImage decodeB = DecodedImageConversion::toImage(explorer->decode({explorer->dataSample(5).code}), 0);
        QVERIFY(maxDifference(frames.frames.first(), decodeA) <= 1); // one batch or one image: the same decode
        QVERIFY(maxDifference(frames.frames.last(), decodeB) <= 1);
        // Through the GIF: grayscale decodes come back exactly.
        QCOMPARE(AnimationExporter::save(frames.frames, path("interp.gif"), 1, 8, {}), QString());
        const ReadGif gif = readGif(path("interp.gif"));
        QCOMPARE(gif.frames, frames.frames.size());
        QVERIFY(maxDifference(gif.images.first(), decodeA) <= 1);
        QVERIFY(maxDifference(gif.images.last(), decodeB) <= 1);

        // Out of range, unknown relation, a dimension the partition does not have: one sentence each.
        AnimationRequest far = request;
        far.to = explorer->sampleCount();
        AnimationRequest chain;
        chain.kind = AnimationKind::Chain;
        chain.code = explorer->dataSample(0).code;
        chain.relations = QStringList{"no-such-relation"};
        AnimationRequest dim;
        dim.code = chain.code;
        dim.dim = explorer->partitionDim(0);
        for (const AnimationRequest& r : {far, chain, dim})
            try {
                AnimationFrameBuilder::build(*explorer, r);
                QFAIL("a bad animation request was accepted");
            } catch (const LatentLabError& e) {
                QVERIFY2(oneSentence(e.what()), e.what());
            }
    }

    void explorerExportEqualsCli()
    {
        LatentExplorerPage page;
        page.resize(1280, 800);
        page.show();
        QVERIFY(openAndWait(page, m_run));
        QCOMPARE(page.workspace()->state().origin.testImage, qint64(0));
        const ExplorerModelInfo& info = page.workspace()->model();

        // Traversal: the selected dimension of the partition in focus, from test image 0.
        QString error;
        const AnimationRequest traversal = page.animationRequest(AnimationKind::Traversal, -1, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(exportAndWait(page, traversal, path("gui-traversal.gif")));
        CliRun run = runCli({"render", "--what", "animation", "--kind", "traversal", "--run", m_run, "--sample", "0", "--partition",
                             QString::number(traversal.partition), "--dim", QString::number(traversal.dim + 1), "--range", rangeName(traversal.mode),
                             "--out", path("cli-traversal.gif")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        compareGifs(path("gui-traversal.gif"), path("cli-traversal.gif"));
        const ReadGif gif = readGif(path("cli-traversal.gif"));
        QCOMPARE(gif.frames, 9);
        QCOMPARE(QSize(gif.width, gif.height), QSize(64 * AnimationExporter::kDefaultScale, 64 * AnimationExporter::kDefaultScale));
        QVERIFY(gif.loops);
        QVERIFY2(gif.comment.contains("Animation: traversal") && gif.comment.contains("Origin: test image 0"), qPrintable(gif.comment));

        // The strip from the CLI: frames × tile width.
        run = runCli({"render", "--what", "animation", "--run", m_run, "--partition", QString::number(traversal.partition), "--steps", "5", "--scale",
                      "2", "--out", path("cli-traversal.png")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QCOMPARE(QImage(path("cli-traversal.png")).size(), QSize(5 * 128, 128));

        // Interpolation: test image 0 (A, shown now) to 4 (B).
        const AnimationRequest interpolation = page.animationRequest(AnimationKind::Interpolation, 4, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(exportAndWait(page, interpolation, path("gui-interp.gif")));
        run = runCli({"render", "--what", "animation", "--kind", "interpolation", "--run", m_run, "--from", "0", "--to", "4", "--out",
                      path("cli-interp.gif")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        compareGifs(path("gui-interp.gif"), path("cli-interp.gif"));
        QCOMPARE(readGif(path("cli-interp.gif")).frames, 1 + int(info.partitions.size()) * 9);

        // Chain: no chain yet is one sentence; then one relation applied, replayed from the start code.
        page.animationRequest(AnimationKind::Chain, -1, &error);
        QVERIFY2(oneSentence(error), qPrintable(error));
        QSignalSpy chainShown(&page, &LatentExplorerPage::chainShown);
        const QString relation = info.relations.first();
        Q_EMIT page.relationPanel()->chainRequested({relation, relation});
        QVERIFY(chainShown.wait(20000));
        error.clear();
        const AnimationRequest chain = page.animationRequest(AnimationKind::Chain, -1, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(chain.relations, QStringList({relation, relation}));
        QVERIFY(exportAndWait(page, chain, path("gui-chain.gif")));
        run = runCli({"render", "--what", "animation", "--kind", "chain", "--run", m_run, "--sample", "0", "--relations", relation + "," + relation,
                      "--out", path("cli-chain.gif")});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        compareGifs(path("gui-chain.gif"), path("cli-chain.gif"));
        QCOMPARE(readGif(path("cli-chain.gif")).frames, 3);

        // The explorer refuses with one sentence: B out of range, a file name it cannot write.
        page.animationRequest(AnimationKind::Interpolation, 1 << 30, &error);
        QVERIFY2(oneSentence(error), qPrintable(error));
        QSignalSpy failed(&page, &LatentExplorerPage::failed);
        page.exportAnimation(traversal, path("x.bmp"));
        QCOMPARE(failed.count(), 1);
        QVERIFY(oneSentence(failed.first().first().toString()));
    }

    void cliRefusesBadInputs()
    {
        const QStringList base{"render", "--what", "animation", "--run", m_run};
        for (const QStringList& extra :
             {QStringList{"--out", path("a.bmp")}, QStringList{"--kind", "chain", "--out", path("a.gif")},
              QStringList{"--kind", "chain", "--relations", "no-such", "--out", path("a.gif")}, QStringList{"--dim", "999", "--out", path("a.gif")},
              QStringList{"--kind", "interpolation", "--to", "999999", "--out", path("a.gif")},
              QStringList{"--kind", "interpolation", "--seed", "3", "--out", path("a.gif")}, QStringList{"--fps", "0", "--out", path("a.gif")}}) {
            const CliRun run = runCli(base + extra);
            QCOMPARE(run.code, 1);
            QVERIFY2(oneSentence(run.lastErrorLine()) && run.err.trimmed().count('\n') == 0, qPrintable(run.err));
        }
        QVERIFY(!QFile::exists(path("a.gif")));
    }
};

QTEST_MAIN(TestAnimation)
#include "tst_animation.moc"
