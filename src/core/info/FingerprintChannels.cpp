#include "info/FingerprintChannels.h"

#include "common/LatentLabError.h"

namespace latentlab::info {

FingerprintChannels FingerprintChannels::gaussian(std::int64_t channels, std::int64_t samples, std::vector<double> mu, std::vector<double> logvar)
{
    if (mu.size() != static_cast<std::size_t>(channels * samples) || logvar.size() != mu.size())
        throw LatentLabError("Fingerprint channels need " + std::to_string(channels * samples) + " means and log-variances.");
    FingerprintChannels c;
    c.kind = Kind::Gaussian;
    c.channels = channels;
    c.samples = samples;
    c.mu = std::move(mu);
    c.logvar = std::move(logvar);
    return c;
}

FingerprintChannels FingerprintChannels::fromFactors(const metrics::DenseMatrix<std::int64_t>& factors)
{
    FingerprintChannels c;
    c.kind = Kind::Labels;
    c.channels = factors.cols;
    c.samples = factors.rows;
    c.labels.resize(static_cast<std::size_t>(factors.cols * factors.rows));
    for (std::int64_t k = 0; k < factors.cols; ++k)
        for (std::int64_t n = 0; n < factors.rows; ++n)
            c.labels[static_cast<std::size_t>(k * factors.rows + n)] = factors(n, k);
    return c;
}

} // namespace latentlab::info
