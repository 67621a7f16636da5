#include "train/EnsembleTrainer.h"

#include "common/LatentLabError.h"
#include "common/ParallelFor.h"
#include "train/ComputeDevice.h"
#include "train/RunDirectory.h"

#include <cstdio>
#include <filesystem>
#include <mutex>

#include <nlohmann/json.hpp>

namespace latentlab::train {

std::string EnsembleTrainer::memberDir(const std::string& ensembleDir, std::int64_t index)
{
    char name[32];
    std::snprintf(name, sizeof name, "member-%03lld", static_cast<long long>(index));
    return (std::filesystem::path(ensembleDir) / name).string();
}

void EnsembleTrainer::prepare(const std::string& ensembleDir, const BetaVaeConfig& base, std::int64_t members)
{
    if (members < 1)
        throw LatentLabError("An ensemble needs at least one member, not " + std::to_string(members) + ".");
    std::error_code ec;
    std::filesystem::create_directories(ensembleDir, ec);
    if (ec)
        throw LatentLabError("Cannot create ensemble directory '" + ensembleDir + "' (" + ec.message() + ").");
    const std::string path = (std::filesystem::path(ensembleDir) / "ensemble.json").string();
    nlohmann::json j{{"members", members}, {"first_seed", base.seed}, {"base_config", nlohmann::json::parse(base.toJson())}};
    if (std::filesystem::exists(path)) {
        nlohmann::json old;
        try {
            old = nlohmann::json::parse(RunDirectory::readText(path));
        } catch (const std::exception&) {
            throw LatentLabError("'" + path + "' is not valid JSON; remove it or choose another --out.");
        }
        if (old != j)
            throw LatentLabError("Ensemble directory '" + ensembleDir +
                                 "' holds an ensemble of another configuration (see ensemble.json); choose another --out.");
        return;
    }
    // Several SLURM array tasks may get here at once: the rename makes exactly one file win, all equal.
    RunDirectory::writeTextAtomically(path, j.dump(1) + "\n");
}

std::vector<BetaVaeTrainingResult> EnsembleTrainer::train(const std::string& ensembleDir, const BetaVaeConfig& base, std::int64_t members,
                                                          const std::vector<std::int64_t>& only, int jobs, const ProgressCallback& progress,
                                                          const CancellationToken& cancel)
{
    prepare(ensembleDir, base, members);
    std::vector<std::int64_t> todo = only;
    if (todo.empty())
        for (std::int64_t i = 0; i < members; ++i)
            todo.push_back(i);
    for (const auto i : todo)
        if (i < 0 || i >= members)
            throw LatentLabError("Member index " + std::to_string(i) + " is outside the ensemble of " + std::to_string(members) + " members (0.." +
                                 std::to_string(members - 1) + ").");
    const int parallel = std::max(1, std::min<int>(jobs, static_cast<int>(todo.size())));
    // Members side by side get one torch thread each unless told otherwise (on 2 cores each keeps full
    // speed); one member at a time uses the configured count (0: all cores). A SLURM array task sets 1:
    // two torch threads on a loaded node wait for each other at every operation.
    const int threads = parallel > 1 && base.threads == 0 ? 1 : base.threads;
    ComputeDevice::configureCpuThreads(threads);
    std::vector<BetaVaeTrainingResult> results(todo.size());
    std::mutex progressMutex;
    std::int64_t finished = 0;
    parallelFor(static_cast<std::int64_t>(todo.size()), parallel, [&](std::int64_t k) {
        BetaVaeConfig c = base;
        c.seed = base.seed + static_cast<std::uint64_t>(todo[static_cast<std::size_t>(k)]);
        c.threads = threads;
        results[static_cast<std::size_t>(k)] = BetaVaeTrainer::run(c, memberDir(ensembleDir, todo[static_cast<std::size_t>(k)]), {}, cancel);
        std::lock_guard<std::mutex> lock(progressMutex);
        ++finished;
        if (progress)
            progress({finished, static_cast<std::int64_t>(todo.size()), "ensemble members"});
    });
    return results;
}

std::vector<std::string> EnsembleTrainer::completedMembers(const std::string& ensembleDir)
{
    const std::string path = (std::filesystem::path(ensembleDir) / "ensemble.json").string();
    if (!std::filesystem::exists(path))
        throw LatentLabError("'" + ensembleDir + "' is not an ensemble directory; expected ensemble.json in it.");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(RunDirectory::readText(path));
    } catch (const std::exception&) {
        throw LatentLabError("'" + path + "' is not valid JSON.");
    }
    const auto members = j.value("members", static_cast<std::int64_t>(0));
    std::vector<std::string> done;
    for (std::int64_t i = 0; i < members; ++i) {
        const RunDirectory dir(memberDir(ensembleDir, i));
        std::error_code ec;
        if (!std::filesystem::exists(dir.summaryPath(), ec))
            continue;
        try {
            if (nlohmann::json::parse(dir.readSummary()).value("status", std::string()) == runStatusName(RunStatus::Completed))
                done.push_back(dir.path());
        } catch (const std::exception&) {
        }
    }
    return done;
}

} // namespace latentlab::train
