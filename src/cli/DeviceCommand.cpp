#include "CliArguments.h"
#include "CliCommands.h"

#include "train/ComputeDevice.h"

#include <iostream>

namespace latentlab::cli {

namespace {
const CliOptionTable& options()
{
    // --device is not a fixed choice list (cuda:N); ComputeDevice::resolve refuses an unknown one.
    static const CliOptionTable table{
        CliOption::value("device", "D", "auto, cpu, cuda or cuda:N").defaultsTo("auto"),
        CliOption::value("threads", "T", "CPU threads, 0 for all cores").defaultsTo("0").checked(CliOptionCheck::integer()),
    };
    return table;
}

std::string help()
{
    return options().synopsis("latentlab-cli device") + R"(

Prints the compute device and CPU thread count training would use.

Options:
)" + options().helpText();
}
} // namespace

int runDevice(const std::vector<std::string>& args)
{
    const CliArguments a("device", args, options());
    if (a.helpRequested()) {
        std::cout << help();
        return 0;
    }
    const int threads = train::ComputeDevice::configureCpuThreads(static_cast<int>(a.integer("threads")));
    const auto device = train::ComputeDevice::resolve(a.value("device"));
    std::cout << "device: " << device.describe() << "\ncpu threads: " << threads << "\ncuda devices: " << train::ComputeDevice::cudaDeviceCount()
              << "\n";
    return 0;
}

} // namespace latentlab::cli
