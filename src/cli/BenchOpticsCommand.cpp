#include "CliArguments.h"
#include "CliCommands.h"

#include "common/LatentLabError.h"
#include "info/OpticsClustering.h"
#include "io/Hdf5DatasetShape.h"
#include "io/Hdf5Gateway.h"

#include <H5Cpp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>
#include <sys/resource.h>

namespace latentlab::cli {

namespace {

const CliOptionTable& options()
{
    static const CliOptionTable table{
        CliOption::value("distances", "FILE.h5", "an HDF5 file holding a float [M, M] distance matrix, symmetric with a zero diagonal").mandatory(),
        CliOption::value("dataset", "NAME", "the matrix's dataset in the file").defaultsTo("distances"),
        CliOption::value("min-samples", "M", "OPTICS min_samples").defaultsTo("20").checked(CliOptionCheck::integerAtLeast(2)),
        CliOption::value("xi", "X", "OPTICS xi").defaultsTo("0.05").checked(CliOptionCheck::number()),
        CliOption::value("repeats", "K", "timed fits; the median is reported").defaultsTo("5").checked(CliOptionCheck::integerAtLeast(1)),
        CliOption::flag("json", "print one JSON line with the ordering, reachability (null for infinity) and xi labels"),
    };
    return table;
}

std::string help()
{
    return options().synopsis("latentlab-cli bench optics") + R"(

Times LatentLab's OPTICS alone (sklearn.cluster.OPTICS semantics: metric precomputed, max_eps inf,
cluster_method xi) on a precomputed distance matrix (any tool can write it with h5py;
tests/bench/run_all.py runs sklearn on the same file). Prints the median seconds of the fits; --json lets
a caller compare the clustering with sklearn's. Not a test.

Options:
)" + options().helpText();
}

/// distances [M, M] float64 from `dataset` of `path`; one sentence naming the file and dataset otherwise.
metrics::DenseMatrix<double> readDistanceMatrix(const std::string& path, const std::string& dataset)
{
    return io::Hdf5Gateway::run([&] {
        if (!std::filesystem::exists(path) || !H5::H5File::isHdf5(path))
            throw LatentLabError("Distance file '" + path + "' is missing or not an HDF5 file.");
        try {
            const H5::H5File f(path, H5F_ACC_RDONLY);
            if (!f.nameExists(dataset))
                throw LatentLabError("Distance file '" + path + "' has no dataset '/" + dataset + "'; expected a float [M, M] matrix.");
            const H5::DataSet ds = f.openDataSet(dataset);
            const auto dims = io::datasetShape(ds);
            if (dims.size() != 2 || dims[0] != dims[1] || dims[0] < 2 || ds.getTypeClass() != H5T_FLOAT)
                throw LatentLabError("Dataset '/" + dataset + "' of '" + path + "' is " + io::shapeText(dims) +
                                     "; expected a float [M, M] matrix with M >= 2.");
            metrics::DenseMatrix<double> d(static_cast<std::int64_t>(dims[0]), static_cast<std::int64_t>(dims[1]));
            ds.read(d.values.data(), H5::PredType::NATIVE_DOUBLE);
            return d;
        } catch (const H5::Exception& e) {
            throw LatentLabError("Cannot read distance file '" + path + "' (" + e.getDetailMsg() + ").");
        }
    });
}

} // namespace

int runBenchOptics(const std::vector<std::string>& args)
{
    const CliArguments a("bench optics", args, options());
    if (a.helpRequested()) {
        std::cout << help();
        return 0;
    }
    const std::string path = a.value("distances");
    const auto distances = readDistanceMatrix(path, a.value("dataset"));
    info::OpticsOptions o;
    o.minSamples = a.integer("min-samples");
    o.xi = a.number("xi");
    const int repeats = static_cast<int>(a.integer("repeats"));
    for (const double v : distances.values)
        if (!std::isfinite(v) || v < 0)
            throw LatentLabError("Distance file '" + path + "' holds a negative or non-finite distance; expected finite distances >= 0.");

    std::vector<double> seconds;
    info::OpticsResult r;
    for (int i = 0; i < repeats; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        r = info::OpticsClustering::fit(distances, o);
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(seconds.begin(), seconds.end());
    const double median = seconds[seconds.size() / 2];
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    const double rssMiB = static_cast<double>(u.ru_maxrss) / 1024.0;
    const auto hotspots = r.clusters.size();
    if (!a.has("json")) {
        std::printf("OPTICS on %lld points (min_samples %lld, xi %g): median %.4f s of %d fits, %zu xi clusters, peak RSS %.0f MiB\n",
                    static_cast<long long>(distances.rows), static_cast<long long>(o.minSamples), o.xi, median, repeats, hotspots, rssMiB);
        return 0;
    }
    // JSON has no infinity: the first point of each component has reachability null.
    nlohmann::json reach = nlohmann::json::array();
    for (const double v : r.reachability)
        reach.push_back(std::isfinite(v) ? nlohmann::json(v) : nlohmann::json());
    const nlohmann::json out{{"points", distances.rows}, {"min_samples", o.minSamples}, {"xi", o.xi},
                             {"seconds", median},        {"seconds_all", seconds},      {"clusters", hotspots},
                             {"peak_rss_mib", rssMiB},   {"ordering", r.ordering},      {"reachability", reach},
                             {"labels", r.labels}};
    std::cout << out.dump() << "\n";
    return 0;
}

} // namespace latentlab::cli
