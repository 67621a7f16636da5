// latentlab-cli export --torchscript: a trained run as a TorchScript module and manifest for PyTorch users and
// for LatentLab's own importer (train/TorchScriptExporter, docs/design/file-formats.md#exported-runs).
#include "CliArguments.h"
#include "CliCommands.h"

#include "common/LatentLabError.h"
#include "train/TorchScriptExporter.h"

#include <iostream>

namespace latentlab::cli {

namespace {

const CliOptionTable& options()
{
    static const CliOptionTable table{
        CliOption::value("run", "RUN_DIR", "the trained M-AE, AbsAE or beta-VAE run (or the first plain argument)").mandatory(),
        CliOption::value("out", "OUT_DIR", "new, empty directory for model.pt and model.json (or the second plain argument)").mandatory(),
    };
    return table;
}

std::string help()
{
    std::string named = options().synopsis("latentlab-cli export --torchscript");
    if (named.rfind("Usage: ", 0) == 0)
        named.replace(0, 7, "   or: ");
    return "Usage: latentlab-cli export --torchscript RUN_DIR OUT_DIR\n" + named + R"(

Writes OUT_DIR/model.pt, a TorchScript module (torch.jit.load in Python, LibTorch in C++), and OUT_DIR/model.json,
its manifest. The module's methods give the same numbers as the run's own networks, bit for bit, on the CPU:
  encode(x)            x [B, C, 64, 64] in [0, 1] -> code [B, D] (beta-VAE: the tuple (mu, logvar))
  decode(z)            z [B, D] -> logits [B, C, 64, 64]; the image is sigmoid(logits)
  relate(z, relation)  M-AE and AbsAE: the code after relation number `relation` of the manifest's list
The manifest names the partitions (code dims, factor values, fitted mixture prior), the relations and the
partition each rewrites, the image size and the dataset version the run was trained on.

Options:
)" + options().helpText();
}

/// `RUN_DIR OUT_DIR` as plain arguments, in that order, become --run and --out.
std::vector<std::string> withNamedPositionals(const std::vector<std::string>& args)
{
    static const char* names[] = {"--run", "--out"};
    std::vector<std::string> out;
    std::size_t positional = 0;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("-", 0) != 0 && positional < 2) {
            out.push_back(names[positional++]);
            out.push_back(a);
            continue;
        }
        out.push_back(a);
        // an option's value is not a positional argument
        if ((a == "--run" || a == "--out") && i + 1 < args.size())
            out.push_back(args[++i]);
    }
    return out;
}

} // namespace

int runExportTorchScript(const std::vector<std::string>& args)
{
    const CliArguments a("export --torchscript", withNamedPositionals(args), options());
    if (a.helpRequested()) {
        std::cout << help();
        return 0;
    }
    const auto written = train::TorchScriptExporter::exportRun(a.value("run"), a.value("out"));
    std::cerr << "latentlab-cli: exported the " << written.model << " run " << a.value("run") << " as " << written.modulePath << " ("
              << written.moduleBytes / 1024 << " KiB) and " << written.manifestPath << "\n";
    return 0;
}

} // namespace latentlab::cli
