// latentlab-render: the figures of the GUI, headless. `latentlab-cli render …` runs this program (the CLI
// itself links no Qt GUI code); it draws with the same figure classes and exporter as the GUI, on Qt's
// offscreen platform, so a CLI figure and a GUI export of the same input give the same CSV bytes.
#include "gui/common/FigureExporter.h"
#include "gui/common/QCustomPlotWrapper.h"
#include "gui/similarity/SimilarityFigure.h"
#include "gui/similarity/SimilarityHeatmapData.h"
#include "gui/runs/RunComparisonData.h"
#include "gui/runs/RunComparisonFigures.h"
#include "gui/runs/RunComparisonView.h"
#include "gui/explorer/TraversalGridBuilder.h"
#include "gui/explorer/TraversalGridView.h"

#include "common/LatentLabError.h"
#include "common/ProcessEnvironment.h"
#include "info/SimilarityFileReader.h"
#include "metrics/MetricRegistry.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>
#include <map>

namespace {

/// The help text; the metrics figure's line names the metrics the dashboard draws (the registry's).
std::string help()
{
    std::string dashboardTitles;
    for (const auto& m : latentlab::metrics::MetricRegistry::all())
        if (std::any_of(m.resultKeys.begin(), m.resultKeys.end(), [](const latentlab::metrics::MetricResultKey& k) { return k.dashboard; }))
            dashboardTitles += (dashboardTitles.empty() ? "" : ", ") + m.title;
    return R"(Usage: latentlab-cli render --what similarity --file SIMILARITY.h5 --out FILE.{png,svg,pdf,csv} [options]
       latentlab-cli render --what metrics|relations|curves --runs DIR [--runs DIR ...] --out FILE [options]
       latentlab-cli render --what traversal --run RUN_DIR [--sample N | --seed S] --out FILE [options]

Draws a LatentLab figure headless, exactly as the GUI exports it (same figure code, same CSV).

  --what W          similarity: the channel-similarity heatmap with reachability, hotspots and label NMI
                    metrics: )" + dashboardTitles + R"( per configuration (mean +- std over seeds)
                    relations: relation accuracy per relation and configuration, with the paper's Table 1
                    curves: relation accuracy and test BCE of every run over steps
                    traversal: the explorer's traversal grid of one partition (values, then a sweep per dim)
  --file F          similarity: a similarity file from 'latentlab-cli similarity --out'
  --runs DIR        metrics/relations/curves: a run directory or a folder of runs (repeatable)
  --run DIR         traversal: a trained M-AE/AbsAE run directory
  --sample N        traversal: start from test image N of the run's data (default 0)
  --seed S          traversal: start from a prior sample with seed S instead
  --partition P     traversal: partition name or index (default 0)
  --range R         traversal: prior-component, prior-all (default), data or fixed
  --steps K         traversal: sweep steps per dimension (default 9)
  --out FILE        .png (2x), .svg, .pdf, or .csv (the figure's data)
  --measure M       similarity: nmi (default) or exp-vi
  --order O         similarity: optics (default), channel (model-major) or dim (dimension-major)
  --representation R  metrics: class_codes (default) or means
  --per-run         metrics/relations/curves: one bar per run instead of seeds grouped (mean +- std)
  --step S          curves: the step cursor (default: the last evaluation)
  --width W         figure width in logical pixels (default 1200)
  --height H        figure height (default 900)
)";
}

/// Qt's offscreen platform warns that XDG_RUNTIME_DIR is unset on every headless run; that line is
/// noise for a cluster job, every other message passes through.
void quietHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR")))
        return;
    std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

int fail(const QString& sentence)
{
    std::fprintf(stderr, "latentlab-cli render: %s\n", qPrintable(sentence));
    return 2;
}

int renderTraversal(const QCommandLineParser& parser)
{
    using latentlab::train::SliderRangeMode;
    const QString runDir = parser.value("run");
    if (runDir.isEmpty())
        return fail(QStringLiteral("--what traversal needs --run RUN_DIR."));
    if (parser.isSet("sample") && parser.isSet("seed"))
        return fail(QStringLiteral("--sample and --seed both choose the starting code; give one."));
    const std::map<QString, SliderRangeMode> ranges{{"prior-component", SliderRangeMode::PriorComponent}, {"prior-all", SliderRangeMode::PriorAll},
                                                    {"data", SliderRangeMode::DataMinMax}, {"fixed", SliderRangeMode::Fixed}};
    const auto range = ranges.find(parser.value("range"));
    if (range == ranges.end())
        return fail(QStringLiteral("--range '%1' is unknown; expected prior-component, prior-all, data or fixed.").arg(parser.value("range")));
    bool okSteps = false, okIndex = false;
    const int steps = parser.value("steps").toInt(&okSteps);
    if (!okSteps || steps < 2 || steps > 64)
        return fail(QStringLiteral("--steps must be a whole number from 2 to 64."));
    const auto explorer = latentlab::train::LatentExplorer::open(QFile::encodeName(runDir).toStdString());
    int partition = parser.value("partition").toInt(&okIndex);
    if (!okIndex) {
        partition = -1;
        for (int p = 0; p < explorer->partitionCount(); ++p)
            if (QString::fromStdString(explorer->partitionName(p)) == parser.value("partition"))
                partition = p;
    }
    if (partition < 0 || partition >= explorer->partitionCount()) {
        QStringList names;
        for (int p = 0; p < explorer->partitionCount(); ++p)
            names << QString::fromStdString(explorer->partitionName(p));
        return fail(QStringLiteral("--partition '%1' is not a partition of this model; expected one of %2 (or 0..%3).")
                        .arg(parser.value("partition"), names.join(QStringLiteral(", ")))
                        .arg(explorer->partitionCount() - 1));
    }
    latentlab::train::LatentCode code;
    QString origin;
    if (parser.isSet("seed")) {
        bool ok = false;
        const quint64 seed = parser.value("seed").toULongLong(&ok);
        if (!ok)
            return fail(QStringLiteral("--seed '%1' is not a whole number.").arg(parser.value("seed")));
        code = explorer->samplePrior(seed);
        origin = QStringLiteral("prior sample, seed %1").arg(seed);
    } else {
        bool ok = false;
        const qint64 index = parser.value("sample").isEmpty() ? 0 : parser.value("sample").toLongLong(&ok);
        if (!parser.value("sample").isEmpty() && !ok)
            return fail(QStringLiteral("--sample '%1' is not a whole number.").arg(parser.value("sample")));
        explorer->loadData();
        const auto sample = explorer->dataSample(index);
        code = sample.code;
        origin = QStringLiteral("test image %1 (file row %2)").arg(sample.index).arg(sample.fileRow);
    }
    if (range->second == SliderRangeMode::DataMinMax && !explorer->hasData())
        explorer->loadData();
    const auto grid = latentlab::gui::TraversalGridBuilder::build(*explorer, code, partition, range->second, steps);
    const QString partName = QString::fromStdString(explorer->partitionName(partition));
    QMap<QString, QString> meta;
    meta.insert(QStringLiteral("Software"), QStringLiteral("LatentLab %1").arg(QStringLiteral(LATENTLAB_VERSION)));
    meta.insert(QStringLiteral("Run"), QFileInfo(runDir).absoluteFilePath());
    meta.insert(QStringLiteral("Model"), QString::fromStdString(latentlab::model::modelKindName(explorer->modelKind())));
    meta.insert(QStringLiteral("Version"), QString::fromStdString(explorer->versionName()));
    meta.insert(QStringLiteral("Seed"), QString::number(explorer->torchSeed()));
    meta.insert(QStringLiteral("Origin"), origin);
    meta.insert(QStringLiteral("Partition"), partName);
    meta.insert(QStringLiteral("RangeMode"), parser.value("range"));
    QStringList values;
    for (const float v : code)
        values << QString::number(v, 'g', 9);
    meta.insert(QStringLiteral("Code"), values.join(QLatin1Char(',')));
    const QString error = latentlab::gui::TraversalGridView::exportGrid(grid, latentlab::gui::TraversalGridBuilder::title(partName, range->second),
                                                                      parser.value("out"), meta);
    if (!error.isEmpty())
        return fail(error);
    std::fprintf(stderr, "latentlab-cli render: wrote %s (traversal of %s from %s)\n", qPrintable(parser.value("out")), qPrintable(partName), qPrintable(origin));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    latentlab::ensurePassiveOpenMp(argc, argv);
    for (int i = 1; i < argc; ++i)
        if (QByteArray(argv[i]) == "--help" || QByteArray(argv[i]) == "-h") {
            std::fputs(help().c_str(), stdout);
            return 0;
        }
    qInstallMessageHandler(quietHandler);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // no display needed, as on a cluster node
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("latentlab-render"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LATENTLAB_VERSION));
    QCommandLineParser parser;
    parser.addOption({"what", "figure", "what"});
    parser.addOption({"file", "input file", "file"});
    parser.addOption({"out", "output file", "file"});
    parser.addOption({"measure", "nmi | exp-vi", "measure", "nmi"});
    parser.addOption({"order", "optics | channel | dim", "order", "optics"});
    parser.addOption({"runs", "run directories", "dir"});
    parser.addOption({"run", "run directory", "dir"});
    parser.addOption({"sample", "test image", "n"});
    parser.addOption({"seed", "prior seed", "s"});
    parser.addOption({"partition", "partition", "p", "0"});
    parser.addOption({"range", "range mode", "mode", "prior-all"});
    parser.addOption({"steps", "sweep steps", "k", "9"});
    parser.addOption({"representation", "class_codes | means", "name", "class_codes"});
    parser.addOption({"per-run", "one group per run"});
    parser.addOption({"step", "curves cursor", "step"});
    parser.addOption({"width", "width", "pixels", "1200"});
    parser.addOption({"height", "height", "pixels", "900"});
    if (!parser.parse(QCoreApplication::arguments()))
        return fail(parser.errorText() + QStringLiteral("; see --help."));
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument '%1'; see --help.").arg(parser.positionalArguments().first()));
    const QString what = parser.value("what");
    if (what.isEmpty())
        return fail(QStringLiteral("--what is required: similarity, metrics, relations, curves or traversal."));
    const bool similarity = what == QLatin1String("similarity");
    const bool runs = what == QLatin1String("metrics") || what == QLatin1String("relations") || what == QLatin1String("curves");
    const bool traversal = what == QLatin1String("traversal");
    if (!similarity && !runs && !traversal)
        return fail(QStringLiteral("--what '%1' is unknown; expected similarity, metrics, relations, curves or traversal.").arg(what));
    if (parser.value("out").isEmpty())
        return fail(QStringLiteral("--out is required; see --help."));
    if (similarity && parser.value("file").isEmpty())
        return fail(QStringLiteral("--what similarity needs --file SIMILARITY.h5."));
    if (runs && parser.values("runs").isEmpty())
        return fail(QStringLiteral("--what %1 needs at least one --runs DIR.").arg(what));
    const QString representation = parser.value("representation");
    if (representation != QLatin1String("class_codes") && representation != QLatin1String("means"))
        return fail(QStringLiteral("--representation '%1' is unknown; expected class_codes or means.").arg(representation));
    latentlab::gui::SimilarityHeatmapData::Measure measure;
    latentlab::gui::SimilarityHeatmapData::Order order;
    if (!latentlab::gui::SimilarityHeatmapData::parseMeasure(parser.value("measure"), &measure))
        return fail(QStringLiteral("--measure '%1' is unknown; expected nmi or exp-vi.").arg(parser.value("measure")));
    if (!latentlab::gui::SimilarityHeatmapData::parseOrder(parser.value("order"), &order))
        return fail(QStringLiteral("--order '%1' is unknown; expected optics, channel or dim.").arg(parser.value("order")));
    bool okW = false, okH = false;
    const int width = parser.value("width").toInt(&okW), height = parser.value("height").toInt(&okH);
    if (!okW || !okH || width < 200 || height < 200 || width > 20000 || height > 20000)
        return fail(QStringLiteral("--width and --height must be whole numbers of pixels between 200 and 20000."));
    if (!latentlab::gui::FigureExporter::supports(parser.value("out")))
        return fail(QStringLiteral("--out '%1' must end in .png, .svg, .pdf or .csv.").arg(parser.value("out")));

    try {
        if (traversal)
            return renderTraversal(parser);
        if (runs) {
            std::vector<latentlab::train::RunResults> results;
            for (const QString& dir : parser.values("runs"))
                for (const auto& run : latentlab::train::RunResults::findRuns(QFile::encodeName(dir).toStdString()))
                    results.push_back(latentlab::train::RunResults::load(run));
            if (results.empty())
                return fail(QStringLiteral("no run directory (a folder with config.json) was found in the --runs folders."));
            const latentlab::gui::RunComparisonData data(std::move(results), !parser.isSet("per-run"));
            using Figure = latentlab::gui::RunComparisonView::Figure;
            const Figure figure = what == QLatin1String("metrics") ? Figure::Metrics : what == QLatin1String("relations") ? Figure::Relations : Figure::Curves;
            QCustomPlot plot;
            plot.resize(width, height);
            if (figure == Figure::Metrics)
                latentlab::gui::RunComparisonFigures::buildMetrics(&plot, data, representation);
            else if (figure == Figure::Relations)
                latentlab::gui::RunComparisonFigures::buildRelations(&plot, data);
            else {
                bool okStep = true;
                const double step = parser.isSet("step") ? parser.value("step").toDouble(&okStep)
                                                         : static_cast<double>(latentlab::gui::RunComparisonFigures::lastStep(data));
                if (!okStep)
                    return fail(QStringLiteral("--step '%1' is not a number.").arg(parser.value("step")));
                latentlab::gui::RunComparisonFigures::buildCurves(&plot, data, step);
            }
            const QString error = latentlab::gui::FigureExporter::save(&plot, parser.value("out"), QSize(width, height),
                                                                      latentlab::gui::RunComparisonView::csvOf(data, figure, representation));
            if (!error.isEmpty())
                return fail(error);
            std::fprintf(stderr, "latentlab-cli render: wrote %s (%zu runs, %zu configurations)\n", qPrintable(parser.value("out")), data.runs().size(),
                         data.groups().size());
            return 0;
        }
        const QString file = parser.value("file");
        const latentlab::gui::SimilarityHeatmapData data(latentlab::info::SimilarityFileReader::read(QFile::encodeName(file).toStdString()), measure, order);
        QCustomPlot plot;
        plot.resize(width, height);
        latentlab::gui::SimilarityFigure::build(&plot, data, latentlab::gui::SimilarityFigure::title(data, QFileInfo(file).fileName()));
        const QString error = latentlab::gui::FigureExporter::save(&plot, parser.value("out"), QSize(width, height), data.toCsv());
        if (!error.isEmpty())
            return fail(error);
        std::fprintf(stderr, "latentlab-cli render: wrote %s (%d channels, %s, %s)\n", qPrintable(parser.value("out")), data.size(),
                     qPrintable(latentlab::gui::SimilarityHeatmapData::measureName(measure)), qPrintable(latentlab::gui::SimilarityHeatmapData::orderName(order)));
    } catch (const latentlab::LatentLabError& e) {
        return fail(QString::fromStdString(e.what()));
    }
    return 0;
}
