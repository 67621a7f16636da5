#include "info/FingerprintChannels.h"

#include "common/LatentLabError.h"

#include <algorithm>
#include <cmath>

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

FingerprintChannels FingerprintChannels::categorical(std::int64_t channels, std::int64_t samples, std::int64_t components,
                                                     std::vector<double> probabilities)
{
    if (channels < 0 || samples < 0 || components < 1 || probabilities.size() != static_cast<std::size_t>(channels * samples * components))
        throw LatentLabError("Categorical fingerprint channels need " + std::to_string(channels * samples * std::max<std::int64_t>(components, 1)) +
                             " probabilities (channels x samples x components, at least one component).");
    for (std::int64_t c = 0; c < channels; ++c)
        for (std::int64_t n = 0; n < samples; ++n) {
            double sum = 0;
            bool inRange = true;
            for (std::int64_t k = 0; k < components; ++k) {
                const double p = probabilities[static_cast<std::size_t>((c * samples + n) * components + k)];
                inRange = inRange && p >= 0.0 && p <= 1.0;
                sum += p;
            }
            if (!inRange || std::abs(sum - 1.0) > 1e-6)
                throw LatentLabError("The posterior of channel " + std::to_string(c) + " at sample " + std::to_string(n) +
                                     " is not a probability vector (values in [0, 1] summing to 1).");
        }
    FingerprintChannels f;
    f.kind = Kind::Categorical;
    f.channels = channels;
    f.samples = samples;
    f.components = components;
    f.probabilities = std::move(probabilities);
    return f;
}

FingerprintChannels FingerprintChannels::concatenate(FingerprintChannels gaussian, FingerprintChannels categorical)
{
    if (gaussian.kind != Kind::Gaussian || categorical.kind != Kind::Categorical)
        throw LatentLabError("Only Gaussian channels followed by categorical channels can be fingerprinted together.");
    if (categorical.channels == 0)
        return gaussian;
    if (gaussian.channels == 0)
        return categorical;
    if (gaussian.samples != categorical.samples)
        throw LatentLabError("Gaussian and categorical channels were fingerprinted on " + std::to_string(gaussian.samples) + " and " +
                             std::to_string(categorical.samples) + " samples; a joint analysis needs the same samples.");
    FingerprintChannels f = std::move(categorical);
    f.kind = Kind::Mixed;
    f.gaussianChannels = gaussian.channels;
    f.channels += gaussian.channels;
    f.mu = std::move(gaussian.mu);
    f.logvar = std::move(gaussian.logvar);
    return f;
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
