// Fuzzes checkpoint loading (TrainedRun::load → TrainingCheckpoint::load) with raw bytes mutated
// from a valid checkpoint of a tiny `test`-preset M-AE, then runs what the explorer runs first: an
// encode, a prior classification and a decode. A checkpoint that loads must give a model that works:
// tensors of the wrong shape or type must be refused at load, with one sentence.
#include "FuzzScratch.h"

#include "common/LatentLabError.h"
#include "train/TrainedRun.h"

#include <torch/torch.h>

#include <filesystem>

using namespace latentlab;
namespace fs = std::filesystem;

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    torch::set_num_threads(1);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::string runDir = [] {
        const std::string dir = fuzz::scratchPath("checkpoint-run");
        fs::create_directories(dir);
        fs::copy_file(fuzz::templatePath("checkpoint/config.json"), dir + "/config.json", fs::copy_options::overwrite_existing);
        return dir;
    }();
    fuzz::writeBytes(runDir + "/checkpoint.pt", data, size);
    try {
        auto run = train::TrainedRun::load(runDir);
        torch::NoGradGuard noGrad;
        const auto code = run.model->encode(torch::zeros({1, 1, 64, 64}));
        (void)run.prior.classify(code);
        (void)run.model->decode(code);
        fuzz::noteAccepted();
    } catch (const LatentLabError& e) {
        fuzz::noteRejected(e);
    } catch (const std::exception& e) {
        fuzz::failOnUnexpected(e);
    }
    return 0;
}
