#pragma once
#include "metrics/MetricDefinition.h"

#include <string>
#include <vector>

namespace latentlab::metrics {

/// Which registered metrics to compute (metrics/MetricRegistry.h), by name.
class MetricSelection {
public:
    /// Every registered metric; DisentanglementMetrics computes the codes metrics among them.
    static MetricSelection all();
    /// "mig,sap" or "all", codes metrics only (a codes file has no sampler); throws LatentLabError naming
    /// an unknown name and the valid ones.
    static MetricSelection parse(const std::string& list);
    /// "mig,dci,factorvae" or "all", any registered metric; throws LatentLabError quoting `list` when a
    /// name is unknown or none is given.
    static MetricSelection parseAny(const std::string& list);

    bool has(const std::string& name) const;
    bool any() const { return !m_names.empty(); }
    /// Some selected metric is computed from `input`.
    bool anyWithInput(MetricInput input) const;
    /// Some selected codes metric scores on test rows.
    bool needsTestRows() const;
    /// Selected names in the registry's order.
    const std::vector<std::string>& names() const { return m_names; }

private:
    void add(const std::string& name);
    std::vector<std::string> m_names;
};

} // namespace latentlab::metrics
