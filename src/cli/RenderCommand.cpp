// latentlab-cli render: the GUI's figures headless. The CLI links only latentlab_core, so it hands the
// arguments to latentlab-render (built with the GUI, installed next to it), which draws with the GUI's
// own figure code on Qt's offscreen platform — one figure code path for the GUI and the CLI.
#include "CliCommands.h"

#include "common/LatentLabError.h"

#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

namespace latentlab::cli {

int runRender(const std::vector<std::string>& args)
{
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    std::vector<std::filesystem::path> candidates;
    if (!error) {
        candidates.push_back(self.parent_path() / "latentlab-render");
        candidates.push_back(self.parent_path().parent_path() / "app" / "latentlab-render"); // a build tree: src/cli → src/app
    }
    std::string helper;
    for (const auto& c : candidates)
        if (::access(c.c_str(), X_OK) == 0) {
            helper = c.string();
            break;
        }
    if (helper.empty())
        throw LatentLabError("latentlab-cli render needs the latentlab-render program (built with the GUI); it is not next to '" + self.string() +
                             "'. Build with LATENTLAB_BUILD_GUI=ON or install the latentlab package.");
    std::vector<std::string> owned{helper};
    owned.insert(owned.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : owned)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(helper.c_str(), argv.data()); // only returns on failure
    throw LatentLabError("Cannot run '" + helper + "' for latentlab-cli render.");
}

} // namespace latentlab::cli
