#include "info/SimilarityAnalysis.h"

#include "common/LatentLabError.h"
#include "info/ChannelSimilarity.h"
#include "io/Hdf5AtomicWrite.h"
#include "io/Hdf5Gateway.h"
#include "io/Hdf5StringAttribute.h"

#include <H5Cpp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

namespace latentlab::info {
namespace {

std::string formatNumber(double v)
{
    std::ostringstream s;
    s << v;
    return s.str();
}

FingerprintChannels channelsOf(const io::EncodingsFile& e)
{
    // Channel c = r·D + d (model-major), one row of N samples each.
    const std::int64_t c = e.gaussianChannels(), n = e.samples;
    std::vector<double> mu(static_cast<std::size_t>(c * n)), lv(mu.size());
    for (std::int64_t r = 0; r < e.models; ++r)
        for (std::int64_t d = 0; d < e.dims; ++d)
            for (std::int64_t i = 0; i < n; ++i) {
                const auto at = static_cast<std::size_t>((r * e.dims + d) * n + i);
                mu[at] = e.muAt(r, i, d);
                lv[at] = e.logvarAt(r, i, d);
            }
    auto gaussian = FingerprintChannels::gaussian(c, n, std::move(mu), std::move(lv));
    if (!e.hasPartitions())
        return gaussian;
    // Partitions follow the model dimensions (docs/design/information.md#partitions-as-channels).
    return FingerprintChannels::concatenate(std::move(gaussian),
                                            FingerprintChannels::categorical(e.categoricalChannels(), n, e.maxComponents, e.posteriors));
}

} // namespace

SimilarityAnalysisResult SimilarityAnalysis::run(const io::EncodingsFile& e, const SimilarityOptions& options, const ProgressCallback& progress,
                                                 const CancellationToken& cancel)
{
    if (options.distance != "nmi" && options.distance != "vi")
        throw LatentLabError("The similarity distance '" + options.distance + "' is unknown; expected nmi or vi.");
    if (!(options.infoThreshold >= 0))
        throw LatentLabError("The information threshold must be >= 0 bits.");
    SimilarityAnalysisResult r;
    r.options = options;
    r.samples = e.samples;
    r.modelNames = e.modelNames;
    r.factorNames = e.factorNames;
    r.dimsPerModel = e.dims;
    r.gaussianChannels = e.gaussianChannels();
    if (e.hasPartitions()) {
        for (std::int64_t c = 0; c < e.gaussianChannels(); ++c)
            r.channelNames.push_back(e.modelNames[static_cast<std::size_t>(c / e.dims)] + "/" + std::to_string(c % e.dims));
        r.channelNames.insert(r.channelNames.end(), e.posteriorNames.begin(), e.posteriorNames.end());
    }
    const auto channels = channelsOf(e);
    auto t0 = std::chrono::steady_clock::now();
    auto lap = [&t0] {
        const auto now = std::chrono::steady_clock::now();
        const double s = std::chrono::duration<double>(now - t0).count();
        t0 = now;
        return s;
    };
    const bool withLabels = e.factors.cols > 0;
    InformationTerms labelTerms;
    const auto terms = withLabels
        ? ChannelSimilarity::termsWith(channels, FingerprintChannels::fromFactors(e.factors), labelTerms, options.memoryBudgetBytes, progress, cancel)
        : ChannelSimilarity::terms(channels, options.memoryBudgetBytes, progress, cancel);
    auto s = ChannelSimilarity::fromTerms(terms, true);
    r.channelInfo = s.info;
    r.nmi = std::move(s.nmi);
    r.vi = std::move(s.vi);
    r.similaritySeconds = lap();
    // Zero-information channels: NMI is not meaningful, write 0 (docs/design/file-formats.md#degenerate-channels).
    for (std::int64_t c = 0; c < channels.channels; ++c)
        if (!(r.channelInfo[static_cast<std::size_t>(c)] > 0))
            for (std::int64_t o = 0; o < channels.channels; ++o)
                r.nmi(c, o) = r.nmi(o, c) = 0.0;
    cancel.throwIfCancelled();
    recluster(r, options);
    r.opticsSeconds = lap();
    if (withLabels) {
        r.labelNmi = ChannelSimilarity::fromTerms(labelTerms, false).nmi;
        for (std::int64_t c = 0; c < channels.channels; ++c)
            if (!(r.channelInfo[static_cast<std::size_t>(c)] > 0))
                for (std::int64_t k = 0; k < r.labelNmi.cols; ++k)
                    r.labelNmi(c, k) = 0.0;
        r.labelSeconds = lap();
    }
    return r;
}

void SimilarityAnalysis::recluster(SimilarityAnalysisResult& r, const SimilarityOptions& options)
{
    if (options.distance != "nmi" && options.distance != "vi")
        throw LatentLabError("The similarity distance '" + options.distance + "' is unknown; expected nmi or vi.");
    if (!(options.infoThreshold >= 0))
        throw LatentLabError("The information threshold must be >= 0 bits.");
    const auto channels = static_cast<std::int64_t>(r.channelInfo.size());
    std::vector<std::int64_t> kept;
    for (std::int64_t c = 0; c < channels; ++c)
        if (r.channelInfo[static_cast<std::size_t>(c)] > options.infoThreshold)
            kept.push_back(c);
    if (static_cast<std::int64_t>(kept.size()) < options.minSamples)
        throw LatentLabError("Only " + std::to_string(kept.size()) + " of " + std::to_string(channels) + " channels carry more than " +
                             formatNumber(options.infoThreshold) + " bits, fewer than min_samples = " + std::to_string(options.minSamples) +
                             "; lower --min-samples or --info-threshold.");
    OpticsOptions o;
    o.minSamples = options.minSamples;
    o.xi = options.xi;
    // opticsDistances reads the kept channels and distance from `r`: swap them in, restore on failure.
    std::swap(r.kept, kept);
    const std::string distance = r.options.distance;
    r.options.distance = options.distance;
    try {
        r.optics = OpticsClustering::fit(opticsDistances(r), o);
    } catch (...) {
        std::swap(r.kept, kept);
        r.options.distance = distance;
        throw;
    }
    r.options = options;
}

metrics::DenseMatrix<double> SimilarityAnalysis::opticsDistances(const SimilarityAnalysisResult& r)
{
    const auto m = static_cast<std::int64_t>(r.kept.size());
    metrics::DenseMatrix<double> d(m, m);
    const bool nmi = r.options.distance == "nmi";
    for (std::int64_t x = 0; x < m; ++x)
        for (std::int64_t y = 0; y < m; ++y) {
            if (x == y)
                continue;
            const auto a = r.kept[static_cast<std::size_t>(x)], b = r.kept[static_cast<std::size_t>(y)];
            // NMI above 1 would give a negative −ln: floored at 0 (docs/design/file-formats.md#degenerate-channels).
            d(x, y) = nmi ? std::max(-std::log(std::max(r.nmi(a, b), 1e-4)), 0.0) : std::max(r.vi(a, b), 0.0);
        }
    return d;
}

void SimilarityAnalysis::write(const SimilarityAnalysisResult& r, const std::string& path)
{
    io::writeHdf5Atomically(path, "similarity file", [&](H5::H5File& f) {
        auto vector = [](H5::Group& g, const std::string& name, const auto& values, const H5::PredType& file, const H5::PredType& mem) {
            const hsize_t n = values.size();
            H5::DataSet ds = g.createDataSet(name, file, H5::DataSpace(1, &n));
            if (n > 0)
                ds.write(values.data(), mem);
            return ds;
        };
        auto matrix = [](H5::Group& g, const std::string& name, const metrics::DenseMatrix<double>& m) {
            const hsize_t dims[2] = {static_cast<hsize_t>(m.rows), static_cast<hsize_t>(m.cols)};
            H5::DataSet ds = g.createDataSet(name, H5::PredType::IEEE_F64LE, H5::DataSpace(2, dims));
            if (!m.values.empty())
                ds.write(m.values.data(), H5::PredType::NATIVE_DOUBLE);
            return ds;
        };
        H5::Group root = f.openGroup("/");
        vector(root, "channel_info", r.channelInfo, H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE);
        matrix(root, "nmi", r.nmi);
        matrix(root, "vi", r.vi);
        vector(root, "kept", r.kept, H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64);
        H5::Group g = f.createGroup("optics");
        vector(g, "ordering", r.optics.ordering, H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64);
        vector(g, "reachability", r.optics.reachability, H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE);
        vector(g, "core_distances", r.optics.coreDistances, H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE);
        vector(g, "labels", r.optics.labels, H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64);
        if (r.labelNmi.cols > 0) {
            H5::DataSet ln = matrix(root, "label_nmi", r.labelNmi);
            io::writeStringListAttribute(ln, "names", r.factorNames);
        }
        auto scalar = [&](const char* name, const auto& value, const H5::PredType& file, const H5::PredType& mem) {
            root.createAttribute(name, file, H5::DataSpace(H5S_SCALAR)).write(mem, &value);
        };
        scalar("n_samples", r.samples, H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64);
        scalar("info_threshold", r.options.infoThreshold, H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE);
        scalar("min_samples", r.options.minSamples, H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64);
        scalar("xi", r.options.xi, H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE);
        scalar("dims_per_model", r.dimsPerModel, H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64);
        const H5::StrType str(H5::PredType::C_S1, r.options.distance.size());
        root.createAttribute("distance", str, H5::DataSpace(H5S_SCALAR)).write(str, r.options.distance);
        io::writeStringListAttribute(root, "model_names", r.modelNames);
        if (!r.channelNames.empty()) { // partitions as channels; files of Gaussian channels only stay as they were
            scalar("gaussian_channels", r.gaussianChannels, H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64);
            io::writeStringListAttribute(root, "channel_names", r.channelNames);
        }
    });
}

} // namespace latentlab::info
