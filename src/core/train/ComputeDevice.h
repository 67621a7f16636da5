#pragma once
#include <string>

namespace latentlab::train {

/// Where tensors live. Kept free of torch headers so that the CLI, GUI and tests can name a device
/// without paying torch's ~10 s header parse; ComputeDevice.cpp converts it to torch::Device.
struct ComputeDevice {
    enum class Kind {
        Cpu,
        Cuda
    };
    Kind kind = Kind::Cpu;
    int index = 0;      ///< CUDA device ordinal
    int cpuThreads = 1; ///< torch intra-op threads

    /// "cpu" or "cuda:0 (NVIDIA ...)"
    std::string describe() const;

    /// Resolves "auto" (CUDA when torch::cuda::is_available(), else CPU), "cpu", "cuda" or "cuda:N".
    /// Throws LatentLabError for an unknown spelling or a CUDA device that is not available.
    static ComputeDevice resolve(const std::string& spec);
    /// Sets torch's intra-op thread count (0 = number of cores) and returns the count in use.
    static int configureCpuThreads(int threads);
    /// Number of CUDA devices torch sees (0 in a CPU-only LibTorch such as Debian's).
    static int cudaDeviceCount();
};

} // namespace latentlab::train
