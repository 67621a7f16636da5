#pragma once
#include "train/RunResults.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace latentlab::train {

/// Mean and sample standard deviation of one figure over the seeds of a configuration.
struct SeedStatistic {
    double mean = 0;
    double std = 0; ///< sample std (n − 1); 0 for one value
    int n = 0;      ///< seeds that reported the figure
};

/// One configuration (runs that differ only in seeds) of a sweep, with the paper's figures beside ours.
struct ResultsTableRow {
    std::string model, version, preset;
    std::vector<std::uint64_t> seeds;
    SeedStatistic relation;       ///< prior triples (the paper's Table 1 metric)
    SeedStatistic image;          ///< image-level, against the true value
    SeedStatistic imageRelative;  ///< image-level, against the classified value
    SeedStatistic nearest;        ///< image-level judged by the nearest dataset image (pixels), against the true value
    SeedStatistic classification; ///< real test images classified right, mean over partitions
    SeedStatistic dci, mig, sap;  ///< class codes, from metrics.json (eval --metrics)
    SeedStatistic minutes;        ///< training wall time
    std::optional<double> paperRelation, paperDci, paperMig, paperSap;
};

/// The reduce step of a sweep (packaging/slurm/submit-sweep.sh): runs grouped into configurations, each
/// figure as mean ± std over seeds, next to the modular paper's Table 1 (relation accuracy) and Table 2
/// (DCI / MIG / SAP) where the paper reports one. Rows sorted by version, model, preset.
class ResultsTable {
public:
    static std::vector<ResultsTableRow> build(const std::vector<RunResults>& runs);
    /// A Markdown table ("0.996 ± 0.002 (3)"; "–" where no seed reported the figure).
    static std::string markdown(const std::vector<ResultsTableRow>& rows);
    /// One line per configuration, every figure as mean,std,n columns.
    static std::string csv(const std::vector<ResultsTableRow>& rows);
};

} // namespace latentlab::train
