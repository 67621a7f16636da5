// latentlab-render: the figures of the GUI, headless. `latentlab-cli render …` runs this program (the CLI
// itself links no Qt GUI code); it draws with the same figure classes and exporter as the GUI, on Qt's
// offscreen platform, so a CLI figure and a GUI export of the same input give the same CSV bytes.
#include "gui/common/FigureExporter.h"
#include "gui/common/QCustomPlotWrapper.h"
#include "gui/similarity/SimilarityFigure.h"
#include "gui/similarity/SimilarityHeatmapData.h"
#include "gui/relations/RelationConfusionData.h"
#include "gui/relations/RelationConfusionFigure.h"
#include "gui/runs/RunComparisonData.h"
#include "gui/runs/RunComparisonFigures.h"
#include "gui/runs/RunComparisonView.h"
#include "gui/explorer/TraversalGridBuilder.h"
#include "gui/explorer/TraversalGridView.h"

#include "CliArguments.h"

#include "common/LatentLabError.h"
#include "common/ProcessEnvironment.h"
#include "info/SimilarityFileReader.h"
#include "metrics/MetricRegistry.h"
#include "train/RunDataFile.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>
#include <map>

namespace {

using latentlab::cli::CliArguments;
using latentlab::cli::CliOption;
using latentlab::cli::CliOptionCheck;
using latentlab::cli::CliOptionTable;

/// The options, declared once: the help's option section, the parser and the defaults come from here,
/// as for every latentlab-cli subcommand (src/cli/CliOptionTable.h).
const CliOptionTable& options()
{
    static const CliOptionTable table = [] {
        // The metrics figure draws the registry's dashboard metrics.
        std::string dashboardTitles;
        for (const auto& m : latentlab::metrics::MetricRegistry::all())
            if (std::any_of(m.resultKeys.begin(), m.resultKeys.end(), [](const latentlab::metrics::MetricResultKey& k) { return k.dashboard; }))
                dashboardTitles += (dashboardTitles.empty() ? "" : ", ") + m.title;
        return CliOptionTable{
            CliOption::value("what", "W",
                             "similarity: the channel-similarity heatmap with reachability, hotspots and label NMI; metrics: " + dashboardTitles +
                                 " per configuration (mean +- std over seeds); relations: relation accuracy per relation and configuration, "
                                 "with the paper's Table 1; curves: relation accuracy and test BCE of every run over steps; traversal: the "
                                 "explorer's traversal grid of one partition (values, then a sweep per dim); relation-confusion: one relation's "
                                 "source and relation confusion matrices over the run's test images (with --compare, a second run below)")
                .mandatory()
                .checked(CliOptionCheck::oneOf({"similarity", "metrics", "relations", "curves", "traversal", "relation-confusion"})),
            CliOption::value("out", "FILE", ".png (2x), .svg, .pdf, or .csv (the figure's data)").mandatory(),
            CliOption::value("file", "F", "similarity: a similarity file from 'latentlab-cli similarity --out'"),
            CliOption::value("runs", "DIR", "metrics/relations/curves: a run directory or a folder of runs").repeatable(),
            CliOption::value("run", "DIR", "traversal/relation-confusion: a trained M-AE/AbsAE run directory"),
            CliOption::value("compare", "DIR", "relation-confusion: a second run of the same version, drawn below the first"),
            CliOption::value("relation", "NAME", "relation-confusion: the relation").defaultDescribed("the run's first relation"),
            CliOption::value("data", "FILE", "traversal/relation-confusion: --run's data file")
                .defaultDescribed("the file the run recorded, or a demo's regenerated data"),
            CliOption::value("sample", "N", "traversal: start from test image N of the run's data")
                .defaultsTo("0")
                .checked(CliOptionCheck::integerAtLeast(0)),
            CliOption::value("seed", "S", "traversal: start from a prior sample with seed S instead").checked(CliOptionCheck::integerAtLeast(0)),
            CliOption::value("partition", "P", "traversal: partition name or index").defaultsTo("0"),
            CliOption::value("range", "R", "traversal: the sliders' range")
                .defaultsTo("prior-all")
                .checked(CliOptionCheck::oneOf({"prior-component", "prior-all", "data", "fixed"})),
            CliOption::value("steps", "K", "traversal: sweep steps per dimension").defaultsTo("9").checked(CliOptionCheck::integerBetween(2, 64)),
            CliOption::value("measure", "M", "similarity: nmi or exp-vi").defaultsTo("nmi").checked(CliOptionCheck::oneOf({"nmi", "exp-vi"})),
            CliOption::value("order", "O", "similarity: optics, channel (model-major) or dim (dimension-major)")
                .defaultsTo("optics")
                .checked(CliOptionCheck::oneOf({"optics", "channel", "dim"})),
            CliOption::value("representation", "R", "metrics: class_codes or means")
                .defaultsTo("class_codes")
                .checked(CliOptionCheck::oneOf({"class_codes", "means"})),
            CliOption::flag("real-images", "relations: accuracy on real test images (image-level) instead of prior triples"),
            CliOption::flag("per-run", "metrics/relations/curves: one bar per run instead of seeds grouped (mean +- std)"),
            CliOption::value("step", "S", "curves: the step cursor").defaultDescribed("the last evaluation").checked(CliOptionCheck::number()),
            CliOption::value("width", "W", "figure width in logical pixels").defaultsTo("1200").checked(CliOptionCheck::integerBetween(200, 20000)),
            CliOption::value("height", "H", "figure height in logical pixels").defaultsTo("900").checked(CliOptionCheck::integerBetween(200, 20000)),
        };
    }();
    return table;
}

std::string help()
{
    return R"(Usage: latentlab-cli render --what similarity --file SIMILARITY.h5 --out FILE.{png,svg,pdf,csv} [options]
       latentlab-cli render --what metrics|relations|curves --runs DIR [--runs DIR ...] --out FILE [options]
       latentlab-cli render --what traversal --run RUN_DIR [--sample N | --seed S] --out FILE [options]
       latentlab-cli render --what relation-confusion --run RUN_DIR [--compare RUN_DIR2] [--relation NAME] --out FILE [options]

Draws a LatentLab figure headless, exactly as the GUI exports it (same figure code, same CSV).

Options:
)" + options().helpText();
}

QString text(const CliArguments& a, const std::string& name) { return QString::fromStdString(a.value(name)); }

/// Qt's offscreen platform warns that XDG_RUNTIME_DIR is unset on every headless run; that line is
/// noise for a cluster job, every other message passes through.
void quietHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR")))
        return;
    std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

/// Exit status 1 for any error, as every latentlab-cli command (docs/design/file-formats.md#exit-status).
int fail(const QString& sentence)
{
    std::fprintf(stderr, "latentlab-cli render: %s\n", qPrintable(sentence));
    return 1;
}

/// The run's test images: its recorded data file, or a bundled demo's data regenerated from its recipe
/// into the user cache (as `eval` and the GUI do).
void loadRunData(latentlab::train::LatentExplorer& explorer, const std::string& runDir, const std::string& dataFile = {})
{
    explorer.setDataFile(dataFile.empty() ? latentlab::train::RunDataFile::locate(runDir, explorer.dataFile()) : dataFile);
    explorer.loadData();
}

/// One relation's confusion matrices for --run (and --compare below it): every test image encoded, the
/// relation applied, decoded, re-encoded and classified, as the Relations tab does.
int renderRelationConfusion(const CliArguments& a)
{
    if (!a.has("run"))
        return fail(QStringLiteral("--what relation-confusion needs --run RUN_DIR."));
    QElapsedTimer clock;
    clock.start();
    std::vector<latentlab::gui::RelationConfusionData::Outcomes> runs;
    std::vector<std::string> dirs{a.value("run")};
    if (a.has("compare"))
        dirs.push_back(a.value("compare"));
    for (std::size_t i = 0; i < dirs.size(); ++i) {
        const auto explorer = latentlab::train::LatentExplorer::open(dirs[i]);
        loadRunData(*explorer, dirs[i], i == 0 && a.has("data") ? a.value("data") : std::string());
        auto outcomes = explorer->relationOutcomes();
        outcomes.runDir = QFileInfo(QString::fromStdString(dirs[i])).absoluteFilePath().toStdString();
        runs.push_back(std::make_shared<const latentlab::train::RelationOutcomes>(std::move(outcomes)));
    }
    const qint64 evaluated = clock.elapsed();
    const latentlab::gui::RelationConfusionData data(runs, text(a, "relation"));
    const int width = static_cast<int>(a.integer("width")), height = static_cast<int>(a.integer("height"));
    QCustomPlot plot;
    plot.resize(width, height);
    latentlab::gui::RelationConfusionFigure::build(&plot, data);
    const QString error = latentlab::gui::FigureExporter::save(&plot, text(a, "out"), QSize(width, height), data.toCsv());
    if (!error.isEmpty())
        return fail(error);
    std::fprintf(stderr, "latentlab-cli render: wrote %s (relation %s, %d run(s); judging the test images took %.2f s, the figure %.2f s)\n",
                 qPrintable(text(a, "out")), qPrintable(data.relation()), data.panelCount(), static_cast<double>(evaluated) / 1000.0,
                 static_cast<double>(clock.elapsed() - evaluated) / 1000.0);
    return 0;
}

int renderTraversal(const CliArguments& a)
{
    using latentlab::train::SliderRangeMode;
    const QString runDir = text(a, "run");
    if (runDir.isEmpty())
        return fail(QStringLiteral("--what traversal needs --run RUN_DIR."));
    if (a.has("sample") && a.has("seed"))
        return fail(QStringLiteral("--sample and --seed both choose the starting code; give one."));
    const std::map<QString, SliderRangeMode> ranges{{"prior-component", SliderRangeMode::PriorComponent},
                                                    {"prior-all", SliderRangeMode::PriorAll},
                                                    {"data", SliderRangeMode::DataMinMax},
                                                    {"fixed", SliderRangeMode::Fixed}};
    const auto range = ranges.find(text(a, "range"));
    const int steps = static_cast<int>(a.integer("steps"));
    const auto explorer = latentlab::train::LatentExplorer::open(a.value("run"));
    bool okIndex = false;
    int partition = text(a, "partition").toInt(&okIndex);
    if (!okIndex) {
        partition = -1;
        for (int p = 0; p < explorer->partitionCount(); ++p)
            if (QString::fromStdString(explorer->partitionName(p)) == text(a, "partition"))
                partition = p;
    }
    if (partition < 0 || partition >= explorer->partitionCount()) {
        QStringList names;
        for (int p = 0; p < explorer->partitionCount(); ++p)
            names << QString::fromStdString(explorer->partitionName(p));
        return fail(QStringLiteral("--partition '%1' is not a partition of this model; expected one of %2 (or 0..%3).")
                        .arg(text(a, "partition"), names.join(QStringLiteral(", ")))
                        .arg(explorer->partitionCount() - 1));
    }
    latentlab::train::LatentCode code;
    QString origin;
    if (a.has("seed")) {
        const auto seed = static_cast<quint64>(*a.givenInteger("seed"));
        code = explorer->samplePrior(seed);
        origin = QStringLiteral("prior sample, seed %1").arg(seed);
    } else {
        const qint64 index = a.integer("sample");
        loadRunData(*explorer, a.value("run"), a.has("data") ? a.value("data") : std::string());
        const auto sample = explorer->dataSample(index);
        code = sample.code;
        origin = QStringLiteral("test image %1 (file row %2)").arg(sample.index).arg(sample.fileRow);
    }
    if (range->second == SliderRangeMode::DataMinMax && !explorer->hasData())
        loadRunData(*explorer, a.value("run"), a.has("data") ? a.value("data") : std::string());
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
    meta.insert(QStringLiteral("RangeMode"), text(a, "range"));
    QStringList values;
    for (const float v : code)
        values << QString::number(v, 'g', 9);
    meta.insert(QStringLiteral("Code"), values.join(QLatin1Char(',')));
    const QString error = latentlab::gui::TraversalGridView::exportGrid(grid, latentlab::gui::TraversalGridBuilder::title(partName, range->second),
                                                                        text(a, "out"), meta);
    if (!error.isEmpty())
        return fail(error);
    std::fprintf(stderr, "latentlab-cli render: wrote %s (traversal of %s from %s)\n", qPrintable(text(a, "out")), qPrintable(partName),
                 qPrintable(origin));
    return 0;
}

/// Draws the figure the parsed arguments ask for; a bad input is a LatentLabError or a fail() sentence.
int render(const CliArguments& a)
{
    const QString what = text(a, "what");
    const bool similarity = what == QLatin1String("similarity");
    const bool runs = what == QLatin1String("metrics") || what == QLatin1String("relations") || what == QLatin1String("curves");
    const bool traversal = what == QLatin1String("traversal");
    if (similarity && !a.has("file"))
        return fail(QStringLiteral("--what similarity needs --file SIMILARITY.h5."));
    if (runs && a.values("runs").empty())
        return fail(QStringLiteral("--what %1 needs at least one --runs DIR.").arg(what));
    const QString representation = text(a, "representation");
    latentlab::gui::SimilarityHeatmapData::Measure measure;
    latentlab::gui::SimilarityHeatmapData::Order order;
    if (!latentlab::gui::SimilarityHeatmapData::parseMeasure(text(a, "measure"), &measure))
        return fail(QStringLiteral("--measure '%1' is unknown; expected nmi or exp-vi.").arg(text(a, "measure")));
    if (!latentlab::gui::SimilarityHeatmapData::parseOrder(text(a, "order"), &order))
        return fail(QStringLiteral("--order '%1' is unknown; expected optics, channel or dim.").arg(text(a, "order")));
    const int width = static_cast<int>(a.integer("width")), height = static_cast<int>(a.integer("height"));
    const QString out = text(a, "out");
    if (!latentlab::gui::FigureExporter::supports(out))
        return fail(QStringLiteral("--out '%1' must end in .png, .svg, .pdf or .csv.").arg(out));

    if (traversal)
        return renderTraversal(a);
    if (what == QLatin1String("relation-confusion"))
        return renderRelationConfusion(a);
    if (runs) {
        std::vector<latentlab::train::RunResults> results;
        for (const std::string& dir : a.values("runs"))
            for (const auto& run : latentlab::train::RunResults::findRuns(dir))
                results.push_back(latentlab::train::RunResults::load(run));
        if (results.empty())
            return fail(QStringLiteral("no run directory (a folder with config.json) was found in the --runs folders."));
        const latentlab::gui::RunComparisonData data(std::move(results), !a.has("per-run"));
        const auto accuracy = a.has("real-images") ? latentlab::gui::RunComparisonData::Accuracy::RealImages
                                                   : latentlab::gui::RunComparisonData::Accuracy::PriorTriples;
        using Figure = latentlab::gui::RunComparisonView::Figure;
        const Figure figure = what == QLatin1String("metrics") ? Figure::Metrics
            : what == QLatin1String("relations")               ? Figure::Relations
                                                               : Figure::Curves;
        QCustomPlot plot;
        plot.resize(width, height);
        if (figure == Figure::Metrics)
            latentlab::gui::RunComparisonFigures::buildMetrics(&plot, data, representation);
        else if (figure == Figure::Relations)
            latentlab::gui::RunComparisonFigures::buildRelations(&plot, data, accuracy);
        else {
            const double step = a.givenNumber("step").value_or(static_cast<double>(latentlab::gui::RunComparisonFigures::lastStep(data)));
            latentlab::gui::RunComparisonFigures::buildCurves(&plot, data, step);
        }
        const QString error = latentlab::gui::FigureExporter::save(&plot, out, QSize(width, height),
                                                                   latentlab::gui::RunComparisonView::csvOf(data, figure, representation, accuracy));
        if (!error.isEmpty())
            return fail(error);
        std::fprintf(stderr, "latentlab-cli render: wrote %s (%zu runs, %zu configurations)\n", qPrintable(out), data.runs().size(),
                     data.groups().size());
        return 0;
    }
    const QString file = text(a, "file");
    const latentlab::gui::SimilarityHeatmapData data(latentlab::info::SimilarityFileReader::read(a.value("file")), measure, order);
    QCustomPlot plot;
    plot.resize(width, height);
    latentlab::gui::SimilarityFigure::build(&plot, data, latentlab::gui::SimilarityFigure::title(data, QFileInfo(file).fileName()));
    const QString error = latentlab::gui::FigureExporter::save(&plot, out, QSize(width, height), data.toCsv());
    if (!error.isEmpty())
        return fail(error);
    std::fprintf(stderr, "latentlab-cli render: wrote %s (%d channels, %s, %s)\n", qPrintable(out), data.size(),
                 qPrintable(latentlab::gui::SimilarityHeatmapData::measureName(measure)),
                 qPrintable(latentlab::gui::SimilarityHeatmapData::orderName(order)));
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
    try {
        // argv as QApplication left it (its own options removed), bytes as given: paths stay exact.
        return render(CliArguments("render", std::vector<std::string>(argv + 1, argv + argc), options()));
    } catch (const latentlab::LatentLabError& e) {
        return fail(QString::fromStdString(e.what()));
    }
}
