#pragma once
#include <string>
#include <vector>

namespace latentlab::cli {

/// Each subcommand: arguments after its name; returns the process exit code. Errors are thrown as
/// LatentLabError and printed by main() as one stderr line.
int runDatasetGenerate(const std::vector<std::string>& args);
int runDatasetInfo(const std::vector<std::string>& args);
int runDatasetConvert(const std::vector<std::string>& args);
int runDatasetVersions(const std::vector<std::string>& args);
int runDevice(const std::vector<std::string>& args);
int runBench(const std::vector<std::string>& args);
int runBenchTrainStep(const std::vector<std::string>& args);
int runBenchMetrics(const std::vector<std::string>& args);
int runBenchOptics(const std::vector<std::string>& args);
int runBenchDecode(const std::vector<std::string>& args);
int runBenchTorchScript(const std::vector<std::string>& args);
int runTrain(const std::vector<std::string>& args);
int runEval(const std::vector<std::string>& args);
int runMetrics(const std::vector<std::string>& args);
int runSimilarity(const std::vector<std::string>& args);
int runEnsemble(const std::vector<std::string>& args);
int runMonteCarlo(const std::vector<std::string>& args);
int runFusion(const std::vector<std::string>& args);
int runRender(const std::vector<std::string>& args);
int runExport(const std::vector<std::string>& args);
int runExportTorchScript(const std::vector<std::string>& args);
int runTable(const std::vector<std::string>& args);

} // namespace latentlab::cli
