#include "CliArguments.h"
#include "CliCommands.h"
#include "MetricsReportText.h"
#include "io/MetricsJson.h"

#include "io/CodesFile.h"
#include "metrics/DisentanglementMetrics.h"
#include "metrics/MetricRegistry.h"

#include <iostream>
#include <sstream>

namespace latentlab::cli {
namespace {
/// `text` wrapped to 105 columns, continuation lines indented by `indent` spaces.
std::string wrapped(const std::string& text, std::size_t firstColumn, std::size_t indent)
{
    std::string out, word;
    std::size_t column = firstColumn;
    bool lineStart = true;
    std::stringstream in(text);
    while (in >> word) {
        if (!lineStart && column + 1 + word.size() > 105) {
            out += "\n" + std::string(indent, ' ');
            column = indent;
            lineStart = true;
        }
        if (!lineStart) {
            out += ' ';
            ++column;
        }
        out += word;
        column += word.size();
        lineStart = false;
    }
    return out;
}

/// The help text; the metric names and their JSON keys come from the registry.
std::string metricsHelp()
{
    using metrics::MetricInput;
    using metrics::MetricRegistry;
    std::string keys;
    for (const auto& key : MetricRegistry::resultKeys(MetricInput::Codes))
        keys += key + ", ";
    keys.resize(keys.size() - 2);
    return R"(Usage: latentlab-cli metrics --codes FILE --train N [--metrics LIST] [--seed S] [--threads T] [--json [--details]]

Disentanglement metrics of a codes file (HDF5: /codes [N, D] float, /factors [N, K] int64 classes,
optional attribute names on /factors), with disentanglement_lib's semantics. Rows [0, N_TRAIN) are the
training split, the rest the test split; MIG and modularity use the training rows only. Single-valued factors are excluded and reported.

Options:
  --codes FILE     the codes file (required)
  --train N        number of training rows (required)
  --metrics LIST   comma-separated groups: )" +
           MetricRegistry::names(", ", MetricInput::Codes) + R"(, or all (default all)
  --seed S         DCI split tie-breaks and liblinear's coordinate order (default 0)
  --threads T      worker threads (default: one per core); results do not depend on it
  --json           )" +
           wrapped("print one JSON object: " + keys + " (those asked for) and excluded_factors", 19, 19) + R"(
  --details        with --json: add a "details" object with the matrices behind the scores

Metrics:
)" + MetricRegistry::helpLines(MetricInput::Codes);
}
} // namespace

int runMetrics(const std::vector<std::string>& args)
{
    const CliArguments a("metrics", args, {"codes", "train", "metrics", "seed", "threads"}, {"json", "details"});
    if (a.helpRequested()) {
        std::cout << metricsHelp();
        return 0;
    }
    const auto file = io::CodesFile::read(a.required("codes"));
    if (!a.has("train"))
        a.required("train");
    const auto selection = metrics::MetricSelection::parse(a.value("metrics", "all"));
    metrics::MetricOptions options;
    options.seed = static_cast<std::uint64_t>(a.integer("seed", 0));
    options.threads = static_cast<int>(a.integer("threads", 0));
    const auto report = metrics::DisentanglementMetrics::compute(file.codes, file.factors, a.integer("train", 0), selection, options);
    if (a.has("json")) {
        std::cout << io::disentanglementReportJson(report, a.has("details")).dump() << "\n";
        return 0;
    }
    std::cout << a.value("codes") << "\n" << metricsReportText(report, file.factorNames);
    return 0;
}

} // namespace latentlab::cli
