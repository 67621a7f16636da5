#include "CliArguments.h"
#include "CliCommands.h"
#include "MetricsReportText.h"
#include "io/MetricsJson.h"

#include "io/CodesFile.h"
#include "metrics/DisentanglementMetrics.h"

#include <iostream>

namespace latentlab::cli {
namespace {
const char* kHelp = R"(Usage: latentlab-cli metrics --codes FILE --train N [--metrics LIST] [--seed S] [--threads T] [--json [--details]]

Disentanglement metrics of a codes file (HDF5: /codes [N, D] float, /factors [N, K] int64 classes,
optional attribute names on /factors), with disentanglement_lib's semantics. Rows [0, N_TRAIN) are the
training split, the rest the test split; MIG and modularity use the training rows only. Single-valued factors are excluded and reported.

Options:
  --codes FILE     the codes file (required)
  --train N        number of training rows (required)
  --metrics LIST   comma-separated groups: mig, sap, dci, modularity, explicitness, or all (default all)
  --seed S         DCI split tie-breaks and liblinear's coordinate order (default 0)
  --threads T      worker threads (default: one per core); results do not depend on it
  --json           print one JSON object: mig, sap, dci_disentanglement, dci_completeness,
                   dci_informativeness_train, dci_informativeness_test, modularity, explicitness_train,
                   explicitness_test (those asked for) and excluded_factors
  --details        with --json: add a "details" object with the matrices behind the scores
)";
} // namespace

int runMetrics(const std::vector<std::string>& args)
{
    const CliArguments a("metrics", args, {"codes", "train", "metrics", "seed", "threads"}, {"json", "details"});
    if (a.helpRequested()) {
        std::cout << kHelp;
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
