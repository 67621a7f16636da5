#pragma once
#include <cstdint>

namespace latentlab::data {

/// Draws one image of a dataset kind from its factor classes; each kind's descriptor
/// (data/DatasetKind.h) makes its renderer, so DatasetGenerator renders every kind the same way.
/// Implementations are deterministic and thread-safe after construction.
class DatasetImageRenderer {
public:
    virtual ~DatasetImageRenderer() = default;
    /// classes: one class index per factor of the kind's factor space; out receives height × width ×
    /// channels bytes (HWC) in the kind's pixel range.
    virtual void renderClasses(const std::int64_t* classes, std::uint8_t* out) const = 0;
};

} // namespace latentlab::data
