// latentlab-render: the figures of the GUI, headless. `latentlab-cli render …` runs this program (the CLI
// itself links no Qt GUI code); it draws with the same figure classes and exporter as the GUI, on Qt's
// offscreen platform, so a CLI figure and a GUI export of the same input give the same CSV bytes.
#include "gui/common/AnimationExporter.h"
#include "gui/common/FigureExporter.h"
#include "gui/common/QCustomPlotWrapper.h"
#include "gui/similarity/SimilarityFigure.h"
#include "gui/similarity/SimilarityHeatmapData.h"
#include "gui/runs/MetricMatricesFigure.h"
#include "gui/relations/RelationConfusionData.h"
#include "gui/relations/RelationConfusionFigure.h"
#include "gui/runs/RunComparisonData.h"
#include "gui/runs/RunComparisonFigures.h"
#include "gui/runs/RunComparisonView.h"
#include "gui/explorer/AnimationFrameBuilder.h"
#include "gui/explorer/TraversalGridBuilder.h"
#include "gui/explorer/TraversalGridView.h"
#include "gui/explorer/LatentMapFigure.h"

#include "CliArguments.h"

#include "common/LatentLabError.h"
#include "common/ProcessEnvironment.h"
#include "explorer/LatentMap.h"
#include "explorer/RelationOutcomesCache.h"
#include "info/SimilarityFileReader.h"
#include "io/MetricMatrices.h"
#include "metrics/MetricRegistry.h"
#include "train/RunDataFile.h"

#include <QApplication>
#include <QDir>
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
                                 "explorer's traversal grid of one partition (values, then a sweep per dim); animation: an animated GIF or PNG frame "
                                 "strip (see --kind); metric-matrices: the DCI importance, MIG mutual-information and SAP score matrices of one run "
                                 "(its metrics.json from eval --metrics --details); latent-map: the test codes of one partition in 2-D with "
                                 "the prior's components and a relation's arrows; relation-confusion: one relation's source and relation confusion "
                                 "matrices over the run's test images (with --compare, a second run below)")
                .mandatory()
                .checked(CliOptionCheck::oneOf({"similarity", "metrics", "relations", "curves", "traversal", "animation", "metric-matrices",
                                                "latent-map", "relation-confusion"})),
            CliOption::value("out", "FILE", ".png (2x), .svg, .pdf, or .csv (the figure's data); animation: .gif (animated) or .png (frame strip)")
                .mandatory(),
            CliOption::value("file", "F", "similarity: a similarity file from 'latentlab-cli similarity --out'"),
            CliOption::value("runs", "DIR", "metrics/relations/curves: a run directory or a folder of runs").repeatable(),
            CliOption::value("run", "DIR",
                             "traversal, animation, metric-matrices, latent-map, relation-confusion: a trained M-AE/AbsAE run directory"),
            CliOption::value("compare", "DIR", "relation-confusion: a second run of the same version, drawn below the first"),
            CliOption::value("data", "FILE", "traversal, animation, latent-map, relation-confusion: --run's data file")
                .defaultDescribed("the file the run recorded, or a demo's regenerated data"),
            CliOption::value("sample", "N",
                             "traversal, animation traversal/chain: start from test image N of the run's data; latent-map: the marked code")
                .defaultsTo("0")
                .checked(CliOptionCheck::integerAtLeast(0)),
            CliOption::value("seed", "S", "traversal, animation traversal/chain: start from a prior sample with seed S instead")
                .checked(CliOptionCheck::integerAtLeast(0)),
            CliOption::value("partition", "P", "traversal, animation traversal, latent-map: partition name or index").defaultsTo("0"),
            CliOption::value("range", "R", "traversal, animation traversal: the sliders' range")
                .defaultsTo("prior-all")
                .checked(CliOptionCheck::oneOf({"prior-component", "prior-all", "data", "fixed"})),
            CliOption::value("steps", "K",
                             "traversal: sweep steps per dimension; animation: frames of the sweep, or per partition of an interpolation")
                .defaultsTo("9")
                .checked(CliOptionCheck::integerBetween(2, 64)),
            CliOption::value("kind", "K",
                             "animation: traversal (one dimension swept), chain (the decode after each of --relations) or interpolation "
                             "(test image --from to --to, one partition after the other)")
                .defaultsTo("traversal")
                .checked(CliOptionCheck::oneOf({"traversal", "chain", "interpolation"})),
            CliOption::value("dim", "D", "animation traversal: the dimension of --partition to sweep, 1 = the first (as the grid's \"dim 1\")")
                .defaultsTo("1")
                .checked(CliOptionCheck::integerAtLeast(1)),
            CliOption::value("relations", "LIST", "animation chain: relation names applied in turn, comma-separated (move-left,change-shape)"),
            CliOption::value("from", "I", "animation interpolation: test image A").defaultsTo("0").checked(CliOptionCheck::integerAtLeast(0)),
            CliOption::value("to", "J", "animation interpolation: test image B").defaultsTo("1").checked(CliOptionCheck::integerAtLeast(0)),
            CliOption::value("fps", "F", "animation: frames per second of the GIF (its delay is stored in 1/100 s)")
                .defaultsTo("8")
                .checked(CliOptionCheck::integerBetween(1, 50)),
            CliOption::value("scale", "X", "animation: each 64x64 decode scaled by X, nearest neighbour")
                .defaultsTo("4")
                .checked(CliOptionCheck::integerBetween(1, 16)),
            CliOption::value("projection", "M", "latent-map: pca, or lda (Fisher's discriminant on the true values: keeps them apart)")
                .defaultsTo("pca")
                .checked(CliOptionCheck::oneOf({"pca", "lda"})),
            CliOption::value("relation", "NAME",
                             "latent-map: draw this relation's arrows (source code -> relational learner output); relation-confusion: the "
                             "relation, else the run's first"),
            CliOption::value("measure", "M", "similarity: nmi or exp-vi").defaultsTo("nmi").checked(CliOptionCheck::oneOf({"nmi", "exp-vi"})),
            CliOption::value("order", "O", "similarity: optics, channel (model-major) or dim (dimension-major)")
                .defaultsTo("optics")
                .checked(CliOptionCheck::oneOf({"optics", "channel", "dim"})),
            CliOption::value("representation", "R", "metrics, metric-matrices: class_codes or means")
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
       latentlab-cli render --what animation --kind traversal|chain|interpolation --run RUN_DIR --out FILE.{gif,png} [options]
       latentlab-cli render --what metric-matrices --run RUN_DIR [--representation R] --out FILE [options]
       latentlab-cli render --what latent-map --run RUN_DIR --partition P [--projection pca|lda] [--relation NAME] --out FILE
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
/// --data, or "" (then the run's own data is looked up).
std::string runDataOption(const CliArguments& a) { return a.has("data") ? a.value("data") : std::string(); }

void loadRunData(latentlab::train::LatentExplorer& explorer, const std::string& runDir, const std::string& dataFile = {})
{
    explorer.setDataFile(dataFile.empty() ? latentlab::train::RunDataFile::locate(runDir, explorer.dataFile()) : dataFile);
    explorer.loadData();
}

/// --partition as an index or a name; -1 with `error` set when the model has no such partition.
int partitionOf(const latentlab::train::LatentExplorer& explorer, const QString& given, QString* error)
{
    bool okIndex = false;
    int partition = given.toInt(&okIndex);
    if (!okIndex) {
        partition = -1;
        for (int p = 0; p < explorer.partitionCount(); ++p)
            if (QString::fromStdString(explorer.partitionName(p)) == given)
                partition = p;
    }
    if (partition >= 0 && partition < explorer.partitionCount())
        return partition;
    QStringList names;
    for (int p = 0; p < explorer.partitionCount(); ++p)
        names << QString::fromStdString(explorer.partitionName(p));
    *error = QStringLiteral("--partition '%1' is not a partition of this model; expected one of %2 (or 0..%3).")
                 .arg(given, names.join(QStringLiteral(", ")))
                 .arg(explorer.partitionCount() - 1);
    return -1;
}

/// The starting code: test image --sample (loading the run's data) or prior sample --seed; `origin`
/// describes it as the explorer does.
latentlab::train::LatentCode startCode(const CliArguments& a, latentlab::train::LatentExplorer& explorer, QString* origin)
{
    if (a.has("seed")) {
        const auto seed = static_cast<quint64>(*a.givenInteger("seed"));
        *origin = QStringLiteral("prior sample, seed %1").arg(seed);
        return explorer.samplePrior(seed);
    }
    loadRunData(explorer, a.value("run"), runDataOption(a));
    const auto sample = explorer.dataSample(a.integer("sample"));
    *origin = QStringLiteral("test image %1 (file row %2)").arg(sample.index).arg(sample.fileRow);
    return sample.code;
}

/// The provenance fields the explorer's exports record (LatentExplorerPage::exportMetadata).
QMap<QString, QString> runMetadata(const latentlab::train::LatentExplorer& explorer, const QString& runDir, const QString& origin)
{
    QMap<QString, QString> meta;
    meta.insert(QStringLiteral("Software"), QStringLiteral("LatentLab %1").arg(QStringLiteral(LATENTLAB_VERSION)));
    meta.insert(QStringLiteral("Run"), QFileInfo(runDir).absoluteFilePath());
    meta.insert(QStringLiteral("Model"), QString::fromStdString(latentlab::model::modelKindName(explorer.modelKind())));
    meta.insert(QStringLiteral("Version"), QString::fromStdString(explorer.versionName()));
    meta.insert(QStringLiteral("Seed"), QString::number(explorer.torchSeed()));
    if (!origin.isEmpty())
        meta.insert(QStringLiteral("Origin"), origin);
    return meta;
}

const std::map<QString, latentlab::train::SliderRangeMode>& rangeModes()
{
    using latentlab::train::SliderRangeMode;
    static const std::map<QString, SliderRangeMode> modes{{"prior-component", SliderRangeMode::PriorComponent},
                                                          {"prior-all", SliderRangeMode::PriorAll},
                                                          {"data", SliderRangeMode::DataMinMax},
                                                          {"fixed", SliderRangeMode::Fixed}};
    return modes;
}

/// --what animation: the frames from AnimationFrameBuilder (as the explorer's worker builds them), written
/// by AnimationExporter (as the explorer writes them).
int renderAnimation(const CliArguments& a)
{
    using latentlab::gui::AnimationKind;
    const QString runDir = text(a, "run"), out = text(a, "out"), kindText = text(a, "kind");
    if (runDir.isEmpty())
        return fail(QStringLiteral("--what animation needs --run RUN_DIR."));
    if (!latentlab::gui::AnimationExporter::supports(out))
        return fail(QStringLiteral("--out '%1' must end in .gif (animated) or .png (frame strip) for --what animation.").arg(out));
    if (a.has("sample") && a.has("seed"))
        return fail(QStringLiteral("--sample and --seed both choose the starting code; give one."));
    latentlab::gui::AnimationRequest request;
    request.kind = kindText == QLatin1String("chain") ? AnimationKind::Chain
        : kindText == QLatin1String("interpolation")  ? AnimationKind::Interpolation
                                                      : AnimationKind::Traversal;
    if (request.kind == AnimationKind::Interpolation && (a.has("sample") || a.has("seed")))
        return fail(QStringLiteral("--kind interpolation goes from test image --from to --to; --sample and --seed do not apply."));
    if (request.kind == AnimationKind::Chain && text(a, "relations").trimmed().isEmpty())
        return fail(QStringLiteral("--kind chain needs --relations NAME[,NAME...]."));
    const auto explorer = latentlab::train::LatentExplorer::open(a.value("run"));
    QString origin;
    request.steps = static_cast<int>(a.integer("steps"));
    if (request.kind == AnimationKind::Interpolation) {
        loadRunData(*explorer, a.value("run"), runDataOption(a));
        request.from = a.integer("from");
        request.to = a.integer("to");
    } else {
        request.code = startCode(a, *explorer, &origin);
    }
    QMap<QString, QString> meta = runMetadata(*explorer, runDir, origin);
    if (request.kind == AnimationKind::Traversal) {
        QString error;
        request.partition = partitionOf(*explorer, text(a, "partition"), &error);
        if (request.partition < 0)
            return fail(error);
        request.dim = static_cast<int>(a.integer("dim")) - 1;
        request.mode = rangeModes().at(text(a, "range"));
        if (request.mode == latentlab::train::SliderRangeMode::DataMinMax && !explorer->hasData())
            loadRunData(*explorer, a.value("run"), runDataOption(a));
        meta.insert(QStringLiteral("Partition"), QString::fromStdString(explorer->partitionName(request.partition)));
        meta.insert(QStringLiteral("RangeMode"), text(a, "range"));
    } else if (request.kind == AnimationKind::Chain) {
        for (const QString& r : text(a, "relations").split(QLatin1Char(','), Qt::SkipEmptyParts))
            request.relations << r.trimmed();
    }
    if (request.kind != AnimationKind::Interpolation) {
        QStringList values;
        for (const float v : request.code)
            values << QString::number(v, 'g', 9);
        meta.insert(QStringLiteral("Code"), values.join(QLatin1Char(',')));
    }
    const latentlab::gui::AnimationFrames frames = latentlab::gui::AnimationFrameBuilder::build(*explorer, request);
    const int fps = static_cast<int>(a.integer("fps"));
    meta.insert(QStringLiteral("Animation"),
                latentlab::gui::AnimationFrameBuilder::kindName(frames.kind) + QStringLiteral(": ") + frames.description);
    meta.insert(QStringLiteral("Frames"), frames.labels.join(QStringLiteral(" | ")));
    meta.insert(QStringLiteral("FPS"), QString::number(fps));
    const QString error = latentlab::gui::AnimationExporter::save(frames.frames, out, static_cast<int>(a.integer("scale")), fps, meta);
    if (!error.isEmpty())
        return fail(error);
    std::fprintf(stderr, "latentlab-cli render: wrote %s (%s, %lld frames: %s)\n", qPrintable(out), qPrintable(kindText),
                 static_cast<long long>(frames.frames.size()), qPrintable(frames.description));
    return 0;
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
        const std::string given = i == 0 && a.has("data") ? a.value("data") : std::string();
        const std::string located = latentlab::train::RunDataFile::locate(dirs[i], given.empty() ? explorer->dataFile() : given);
        auto evaluate = [&] {
            loadRunData(*explorer, dirs[i], located);
            return explorer->relationOutcomes();
        };
        // Kept on disk as the Relations tab keeps it: a second figure of the same run judges nothing again.
        auto outcomes = latentlab::train::RelationOutcomesCache(latentlab::train::RelationOutcomesCache::defaultDirectory())
                            .loadOrEvaluate(dirs[i], located, explorer->versionName(), evaluate);
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
    const auto range = rangeModes().find(text(a, "range"));
    const int steps = static_cast<int>(a.integer("steps"));
    const auto explorer = latentlab::train::LatentExplorer::open(a.value("run"));
    QString partitionError;
    const int partition = partitionOf(*explorer, text(a, "partition"), &partitionError);
    if (partition < 0)
        return fail(partitionError);
    QString origin;
    const latentlab::train::LatentCode code = startCode(a, *explorer, &origin);
    if (range->second == SliderRangeMode::DataMinMax && !explorer->hasData())
        loadRunData(*explorer, a.value("run"), runDataOption(a));
    const auto grid = latentlab::gui::TraversalGridBuilder::build(*explorer, code, partition, range->second, steps);
    const QString partName = QString::fromStdString(explorer->partitionName(partition));
    QMap<QString, QString> meta = runMetadata(*explorer, runDir, origin);
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

/// The latent map of one partition, as the explorer's Latent Map tab draws and exports it; the marker at
/// test image --sample (the explorer's first code).
int renderLatentMap(const CliArguments& a, const QString& out, QSize size)
{
    const QString runDir = text(a, "run");
    if (runDir.isEmpty())
        return fail(QStringLiteral("--what latent-map needs --run RUN_DIR."));
    const auto explorer = latentlab::train::LatentExplorer::open(a.value("run"));
    latentlab::train::LatentMap::Options options;
    QString partitionError;
    options.partition = partitionOf(*explorer, text(a, "partition"), &partitionError);
    if (options.partition < 0)
        return fail(partitionError);
    options.method = text(a, "projection") == QLatin1String("lda") ? latentlab::train::LatentProjection::Method::Lda
                                                                   : latentlab::train::LatentProjection::Method::Pca;
    options.relation = a.given("relation").value_or(std::string());
    loadRunData(*explorer, a.value("run"), runDataOption(a));
    const auto map = latentlab::train::LatentMap::build(*explorer, options);
    const QString name = QFileInfo(QDir::cleanPath(runDir)).fileName();
    QCustomPlot plot;
    plot.resize(size);
    latentlab::gui::LatentMapFigure::build(&plot, map, latentlab::gui::LatentMapFigure::title(map, name));
    const auto marked = map.place(explorer->dataSample(a.integer("sample")).code);
    latentlab::gui::LatentMapFigure::setMarker(&plot, marked[0], marked[1]);
    const QString error = latentlab::gui::FigureExporter::save(&plot, out, size, QString::fromStdString(map.csv(name.toStdString())));
    if (!error.isEmpty())
        return fail(error);
    std::fprintf(stderr, "latentlab-cli render: wrote %s (latent map of %s, %zu points)\n", qPrintable(out), map.partitionName().c_str(),
                 map.points().size());
    return 0;
}

/// The metric matrices of one run, as the dashboard's Matrices tab draws and exports them.
int renderMetricMatrices(const CliArguments& a, const QString& out, QSize size)
{
    const QString runDir = text(a, "run");
    if (runDir.isEmpty())
        return fail(QStringLiteral("--what metric-matrices needs --run RUN_DIR."));
    const std::string representation = a.value("representation");
    auto matrices = latentlab::io::MetricMatrices::fromJson(latentlab::io::MetricMatrices::readMetricsFile(a.value("run")), representation);
    try {
        matrices.withLayout(latentlab::io::MetricMatrices::runLayout(a.value("run")));
    } catch (const latentlab::LatentLabError&) {
        // As in the GUI: without a readable config the rows keep their plain names.
    }
    const QString name = latentlab::gui::MetricMatricesFigure::runName(runDir);
    QCustomPlot plot;
    plot.resize(size);
    latentlab::gui::MetricMatricesFigure::build(&plot, matrices, latentlab::gui::MetricMatricesFigure::title(matrices, name));
    const QString error = latentlab::gui::FigureExporter::save(&plot, out, size, latentlab::gui::MetricMatricesFigure::csv(matrices, name));
    if (!error.isEmpty())
        return fail(error);
    std::fprintf(stderr, "latentlab-cli render: wrote %s (%zu matrices, %lld codes x %zu factors)\n", qPrintable(out), matrices.matrices.size(),
                 static_cast<long long>(matrices.codes), matrices.factorNames.size());
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
    if (what == QLatin1String("animation"))
        return renderAnimation(a);
    if (!latentlab::gui::FigureExporter::supports(out))
        return fail(QStringLiteral("--out '%1' must end in .png, .svg, .pdf or .csv.").arg(out));

    if (traversal)
        return renderTraversal(a);
    if (what == QLatin1String("latent-map"))
        return renderLatentMap(a, out, QSize(width, height));
    if (what == QLatin1String("metric-matrices"))
        return renderMetricMatrices(a, out, QSize(width, height));
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
