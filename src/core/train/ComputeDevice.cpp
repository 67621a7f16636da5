#include "train/ComputeDevice.h"

#include "common/LatentLabError.h"

#include <torch/cuda.h>
#include <torch/utils.h>

#include <thread>

namespace latentlab::train {

std::string ComputeDevice::describe() const
{
    if (kind == Kind::Cuda)
        return "cuda:" + std::to_string(index);
    return "cpu (" + std::to_string(cpuThreads) + " thread" + (cpuThreads == 1 ? "" : "s") + ")";
}

int ComputeDevice::cudaDeviceCount() { return torch::cuda::is_available() ? static_cast<int>(torch::cuda::device_count()) : 0; }

int ComputeDevice::configureCpuThreads(int threads)
{
    if (threads <= 0)
        threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    torch::set_num_threads(threads);
    return torch::get_num_threads();
}

ComputeDevice ComputeDevice::resolve(const std::string& spec)
{
    ComputeDevice d;
    d.cpuThreads = torch::get_num_threads();
    const int cuda = cudaDeviceCount();
    if (spec == "auto") {
        if (cuda > 0)
            d.kind = Kind::Cuda;
        return d;
    }
    if (spec == "cpu")
        return d;
    if (spec == "cuda" || spec.rfind("cuda:", 0) == 0) {
        int index = 0;
        if (spec.size() > 5) {
            try {
                std::size_t used = 0;
                index = std::stoi(spec.substr(5), &used);
                if (used != spec.size() - 5 || index < 0)
                    throw std::invalid_argument(spec);
            } catch (const std::exception&) {
                throw LatentLabError("Device '" + spec + "' is not valid; expected auto, cpu, cuda or cuda:N.");
            }
        }
        if (index >= cuda)
            throw LatentLabError("Device '" + spec + "' is not available: LibTorch sees " + std::to_string(cuda) +
                                 " CUDA device(s); use --device cpu or auto.");
        d.kind = Kind::Cuda;
        d.index = index;
        return d;
    }
    throw LatentLabError("Device '" + spec + "' is not valid; expected auto, cpu, cuda or cuda:N.");
}

} // namespace latentlab::train
