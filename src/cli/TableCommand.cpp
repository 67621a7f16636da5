#include "CliArguments.h"
#include "CliCommands.h"

#include "common/LatentLabError.h"
#include "train/ResultsTable.h"
#include "train/RunDirectory.h"
#include "train/RunResults.h"

#include <iostream>
#include <sstream>

namespace latentlab::cli {

namespace {

const CliOptionTable& options()
{
    static const CliOptionTable table{
        CliOption::value("runs", "DIR[,DIR...]", "run directories, each a run or a folder of runs").mandatory(),
        CliOption::value("out", "TABLE.md", "write the Markdown table here instead of printing it"),
        CliOption::value("csv", "TABLE.csv", "also write the table as CSV"),
    };
    return table;
}

std::string help()
{
    return options().synopsis("latentlab-cli table") + R"(

The results of a sweep side by side with the modular paper: run directories (each DIR is a run or a
folder of runs) grouped into configurations (runs that differ only in seeds), each figure as
mean ± std (number of seeds): relation accuracy on prior triples next to the paper's Table 1; on real test
images, image-level relation accuracy (against the true and against the classified value) and how often
the prior classifies them right; DCI, MIG and SAP of the class codes (from metrics.json, written by
'eval --metrics') next to the paper's Table 2; training minutes. Prints the Markdown table unless --out
is given. Files are written to a temporary name and renamed.

Options:
)" + options().helpText();
}

} // namespace

int runTable(const std::vector<std::string>& args)
{
    const CliArguments a("table", args, options());
    if (a.helpRequested()) {
        std::cout << help();
        return 0;
    }
    std::vector<train::RunResults> runs;
    std::stringstream list(a.value("runs"));
    std::string dir;
    while (std::getline(list, dir, ','))
        for (const auto& run : train::RunResults::findRuns(dir))
            runs.push_back(train::RunResults::load(run));
    if (runs.empty())
        throw LatentLabError("No run directories (folders with a config.json) found in '" + a.value("runs") + "'.");
    const auto rows = train::ResultsTable::build(runs);
    const auto markdown = train::ResultsTable::markdown(rows);
    if (a.has("out"))
        train::RunDirectory::writeTextAtomically(a.value("out"), markdown);
    else
        std::cout << markdown;
    if (a.has("csv"))
        train::RunDirectory::writeTextAtomically(a.value("csv"), train::ResultsTable::csv(rows));
    return 0;
}

} // namespace latentlab::cli
