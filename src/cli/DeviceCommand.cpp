#include "CliArguments.h"
#include "CliCommands.h"

#include "train/ComputeDevice.h"

#include <iostream>

namespace latentlab::cli {

int runDevice(const std::vector<std::string>& args)
{
    const CliArguments a("device", args, {"device", "threads"}, {});
    if (a.helpRequested()) {
        std::cout << "Usage: latentlab-cli device [--device auto|cpu|cuda|cuda:N] [--threads T]\n\n"
                     "Prints the compute device and CPU thread count training would use.\n";
        return 0;
    }
    const int threads = train::ComputeDevice::configureCpuThreads(static_cast<int>(a.integer("threads", 0)));
    const auto device = train::ComputeDevice::resolve(a.value("device", "auto"));
    std::cout << "device: " << device.describe() << "\ncpu threads: " << threads
              << "\ncuda devices: " << train::ComputeDevice::cudaDeviceCount() << "\n";
    return 0;
}

} // namespace latentlab::cli
