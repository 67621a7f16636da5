#include "CliArguments.h"
#include "CliCommands.h"
#include "MetricsReportText.h"
#include "io/MetricsJson.h"

#include "io/CodesFile.h"
#include "metrics/DisentanglementMetrics.h"
#include "metrics/MetricRegistry.h"

#include <iostream>

namespace latentlab::cli {
namespace {
/// The options; the metric names and their JSON keys come from the registry.
const CliOptionTable& options()
{
    using metrics::MetricInput;
    using metrics::MetricRegistry;
    static const CliOptionTable table = [] {
        std::string keys;
        for (const auto& key : MetricRegistry::resultKeys(MetricInput::Codes))
            keys += key + ", ";
        keys.resize(keys.size() - 2);
        return CliOptionTable{
            CliOption::value("codes", "FILE", "the codes file").mandatory(),
            CliOption::value("train", "N", "number of training rows").mandatory().checked(CliOptionCheck::integer()),
            CliOption::value("metrics", "LIST", "comma-separated groups: " + MetricRegistry::names(", ", MetricInput::Codes) + ", or all")
                .defaultsTo("all"),
            CliOption::value("seed", "S", "DCI split tie-breaks and liblinear's coordinate order").defaultsTo("0").checked(CliOptionCheck::integer()),
            CliOption::value("threads", "T", "worker threads, 0 for one per core; results do not depend on it")
                .defaultsTo("0")
                .checked(CliOptionCheck::integer()),
            CliOption::flag("json", "print one JSON object: " + keys + " (those asked for) and excluded_factors"),
            CliOption::flag("details", "with --json: add a \"details\" object with the matrices behind the scores"),
        };
    }();
    return table;
}

/// The help text; the metrics' list comes from the registry.
std::string metricsHelp()
{
    using metrics::MetricInput;
    using metrics::MetricRegistry;
    return options().synopsis("latentlab-cli metrics") + R"(

Disentanglement metrics of a codes file (HDF5: /codes [N, D] float, /factors [N, K] int64 classes,
optional attribute names on /factors), with disentanglement_lib's semantics. Rows [0, N_TRAIN) are the
training split, the rest the test split; MIG and modularity use the training rows only. Single-valued factors are excluded and reported.

Options:
)" + options().helpText() +
        R"(
Metrics:
)" + MetricRegistry::helpLines(MetricInput::Codes);
}
} // namespace

int runMetrics(const std::vector<std::string>& args)
{
    const CliArguments a("metrics", args, options());
    if (a.helpRequested()) {
        std::cout << metricsHelp();
        return 0;
    }
    const auto file = io::CodesFile::read(a.value("codes"));
    const std::int64_t trainRows = a.integer("train");
    const auto selection = metrics::MetricSelection::parse(a.value("metrics"));
    metrics::MetricOptions metricOptions;
    metricOptions.seed = static_cast<std::uint64_t>(a.integer("seed"));
    metricOptions.threads = static_cast<int>(a.integer("threads"));
    const auto report = metrics::DisentanglementMetrics::compute(file.codes, file.factors, trainRows, selection, metricOptions);
    if (a.has("json")) {
        std::cout << io::disentanglementReportJson(report, a.has("details")).dump() << "\n";
        return 0;
    }
    std::cout << a.value("codes") << "\n" << metricsReportText(report, file.factorNames);
    return 0;
}

} // namespace latentlab::cli
