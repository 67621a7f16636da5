#include "CliArguments.h"
#include "CliCommands.h"

#include "data/DatasetKind.h"
#include "data/DatasetVersionCatalog.h"

#include <iostream>

#include <nlohmann/json.hpp>

namespace latentlab::cli {

namespace {
const CliOptionTable& options()
{
    static const CliOptionTable table{
        CliOption::flag("json", "print the catalogue as JSON on stdout"),
    };
    return table;
}

std::string help()
{
    return options().synopsis("latentlab-cli dataset versions") + R"(

Lists the built-in dataset versions: relevant factors (one latent partition each), nuisances,
combination counts and relations with their value maps.

Options:
)" + options().helpText();
}
} // namespace

int runDatasetVersions(const std::vector<std::string>& args)
{
    const CliArguments a("dataset versions", args, options());
    if (a.helpRequested()) {
        std::cout << help();
        return 0;
    }
    const auto& catalog = data::DatasetVersionCatalog::builtin();
    if (a.has("json")) {
        std::cout << nlohmann::json::parse(data::DatasetVersionCatalog::builtinJson()).dump(2) << "\n";
        return 0;
    }
    for (const auto& v : catalog.versions()) {
        const data::FactorSpace& space = data::DatasetKind::of(v.layout).factors;
        std::cout << v.name << " (" << data::layoutName(v.layout) << "): " << v.numCombinations() << " combinations, "
                  << v.selectFullRows(space).size() << " rows of the full dataset\n  " << v.description << "\n  factors:";
        for (const auto& f : v.factors)
            std::cout << " " << f.name << "(" << f.numValues() << ")";
        std::cout << "\n  relations:";
        for (const auto& r : v.relations)
            std::cout << " " << r.name << (r.cyclic ? "" : "[saturating]");
        std::cout << "\n";
    }
    return 0;
}

} // namespace latentlab::cli
