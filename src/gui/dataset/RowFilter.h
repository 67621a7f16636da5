#pragma once
#include "data/DatasetVersion.h"
#include "data/ImageDataset.h"

#include <cstdint>
#include <vector>

namespace latentlab::gui {

/// Selects the rows the browser shows. Works on the in-memory class table only (rows × factors,
/// a few MB), so it is cheap enough to run on the GUI thread at every combo-box change.
/// All row numbers here index the loaded ImageDataset, not the file.
class RowFilter {
public:
    /// Rows a dataset version keeps (DatasetVersion::selectRows), or every row when `version` is null.
    static std::vector<std::int64_t> versionRows(const data::ImageDataset& images, const data::DatasetVersion* version);

    /// The candidates whose raw class of factor k equals required[k]; -1 means "any class".
    /// `required` has one entry per raw factor (a shorter vector leaves the rest unconstrained).
    static std::vector<std::int64_t> matching(const data::ImageDataset& images, const std::vector<std::int64_t>& candidates,
                                              const std::vector<std::int64_t>& required);

    /// counts[k][c]: how many of `rows` have class c of raw factor k.
    static std::vector<std::vector<std::int64_t>> classCounts(const data::ImageDataset& images, const std::vector<std::int64_t>& rows);
};

} // namespace latentlab::gui
