// latentlab-cli: the headless front-end. Thin: parses the subcommand and hands over to one file per
// subcommand; all work happens in latentlab_core. No Qt, no display needed (SLURM nodes, scripts).
#include "CliCommands.h"

#include "common/LatentLabError.h"
#include "common/ProcessEnvironment.h"
#include "metrics/MetricRegistry.h"

#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace {

/// The usage text; the `metrics` line names the registry's codes metrics.
std::string usage()
{
    return R"(Usage: latentlab-cli <command> [options]

Commands:
  dataset generate   render a procedural dSprites or 3D Shapes file in the published layout
  dataset info       validate a dataset file and print its layout, rows and factors
  dataset convert    rewrite the real dSprites .npz in the HDF5 dSprites layout
  dataset versions   list the dataset versions (factors, nuisances, relations)
  train              train an M-AE or AbsAE (with its Relational Learner) into a run directory
  eval               relation accuracy (prior triples, real images), classification, purity of a run
  metrics            )" +
        latentlab::metrics::MetricRegistry::titles(", ", latentlab::metrics::MetricInput::Codes) + R"( of a codes file (disentanglement_lib semantics)
  ensemble train     train an ensemble of beta-VAEs (all members here, or one per SLURM array task)
  ensemble encode    encode a fingerprint sample with every member into an encodings file
  similarity         channel information, NMI/VI all pairs, OPTICS hotspots of an encodings file
  mc-info            whole latent spaces of an encodings file compared by Monte Carlo (I/H(X), NMI, VI ± SE)
  fusion             fuse weak learners' fingerprints into one space (the paper's circle experiment)
  table              a sweep's runs as mean ± std over seeds, beside the paper's Tables 1 and 2
  export             copy a trained run as a bundled demo (no optimizer state, data recipe in demo.json);
                     with --torchscript: the run as a TorchScript module + manifest for PyTorch
  render             draw a GUI figure headless (similarity, runs dashboard, traversal) to PNG, SVG, PDF or CSV
  device             print the compute device and thread count training would use
  bench datasets     benchmark generation and loading against the dataset goals (not a test)
  bench train-step   M-AE training step vs the same network in Debian's python3-torch (not a test)
  bench metrics      DCI, SAP, MIG, modularity, explicitness vs numpy/scikit-learn (not a test)
  bench optics       OPTICS alone on a precomputed distance matrix (tests/bench/run_all.py compares sklearn)
  bench decode       decode latency of a run's decoder, one code at a time (p50/p95)
  bench torchscript  decode latency of a run exported with --torchscript vs its native decoder

Run 'latentlab-cli <command> --help' for a command's options. --version prints the version.
)";
}

int dispatch(const std::vector<std::string>& args)
{
    using namespace latentlab::cli;
    if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
        std::cout << usage();
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::cout << "latentlab-cli " << LATENTLAB_VERSION << "\n";
        return 0;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "dataset") {
        if (rest.empty() || rest[0] == "--help" || rest[0] == "-h") {
            std::cout << "Usage: latentlab-cli dataset generate|info|convert|versions [options]\n";
            return rest.empty() ? 2 : 0;
        }
        const std::vector<std::string> sub(rest.begin() + 1, rest.end());
        if (rest[0] == "generate")
            return runDatasetGenerate(sub);
        if (rest[0] == "info")
            return runDatasetInfo(sub);
        if (rest[0] == "versions")
            return runDatasetVersions(sub);
        if (rest[0] == "convert")
            return runDatasetConvert(sub);
        throw latentlab::LatentLabError("Unknown command 'dataset " + rest[0] + "'; expected generate, info, convert or versions.");
    }
    if (args[0] == "device")
        return runDevice(rest);
    if (args[0] == "train")
        return runTrain(rest);
    if (args[0] == "eval")
        return runEval(rest);
    if (args[0] == "metrics")
        return runMetrics(rest);
    if (args[0] == "similarity")
        return runSimilarity(rest);
    if (args[0] == "ensemble")
        return runEnsemble(rest);
    if (args[0] == "mc-info")
        return runMonteCarlo(rest);
    if (args[0] == "fusion")
        return runFusion(rest);
    if (args[0] == "render")
        return runRender(rest);
    if (args[0] == "export")
        return runExport(rest);
    if (args[0] == "table")
        return runTable(rest);
    if (args[0] == "bench")
        return runBench(rest);
    throw latentlab::LatentLabError("Unknown command '" + args[0] + "'; run 'latentlab-cli --help' for the list.");
}

} // namespace

int main(int argc, char** argv)
{
    latentlab::ensurePassiveOpenMp(argc, argv);
    // Past a file size limit (ulimit -f, a cluster's quota) write(2) then fails with EFBIG, which the
    // writers turn into one sentence naming the file, instead of SIGXFSZ killing the process.
    std::signal(SIGXFSZ, SIG_IGN);
    try {
        return dispatch(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const latentlab::CancelledError& e) {
        std::fprintf(stderr, "latentlab-cli: %s\n", e.what());
        return 130;
    } catch (const latentlab::LatentLabError& e) {
        std::fprintf(stderr, "latentlab-cli: %s\n", e.what());
        return 1;
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "latentlab-cli: out of memory; try fewer rows.\n");
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "latentlab-cli: unexpected error: %s\n", e.what());
        return 1;
    }
}
