#pragma once
#include "metrics/DenseMatrix.h"
#include "model/LatentLayout.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::io {

/// The matrices behind one representation's DCI, MIG and SAP scores, as `eval --metrics … --details`
/// writes them into a run's metrics.json (docs/design/matrices-and-maps.md#metric-matrices): every matrix is
/// [codes, scored factors], a row per code dimension ("class_codes": one per partition, "means": one per
/// latent dimension), a column per factor the metrics kept (single-valued factors are left out).
struct MetricMatrices {
    /// One heatmap: its metrics.json key, its title and its values.
    struct Matrix {
        std::string key;   ///< "dci_importance", "mig_mutual_information", "sap_score_matrix"
        std::string title; ///< "DCI importance", …
        metrics::DenseMatrix<double> values;
    };
    /// Where a row of the matrices sits in the model's code: partition and dimension within it.
    struct CodePlace {
        int partition = -1, dim = -1; ///< −1: the layout is unknown
    };

    std::string representation;              ///< "class_codes" or "means"
    std::int64_t codes = 0;                  ///< rows of every matrix
    std::vector<std::string> factorNames;    ///< one per column: the kept factors' names
    std::vector<std::int64_t> factorIndices; ///< their positions in metrics.json's factor_names
    std::vector<Matrix> matrices;            ///< DCI, MIG, SAP, those the file has
    std::vector<std::string> codeNames;      ///< one per row: "code 3" until withLayout() names them
    std::vector<CodePlace> codePlaces;       ///< one per row

    /// The metrics.json keys of the matrices, in the order shown.
    static const std::vector<std::string>& matrixKeys();
    /// Whether `metricsFile` holds matrices for `representation` (written with --details).
    static bool hasDetails(const nlohmann::json& metricsFile, const std::string& representation);
    /// The matrices of `representation`; throws LatentLabError naming what is malformed or missing.
    static MetricMatrices fromJson(const nlohmann::json& metricsFile, const std::string& representation);
    /// RUN_DIR/metrics.json parsed; throws LatentLabError when it is absent or not JSON.
    static nlohmann::json readMetricsFile(const std::string& runDir);
    /// The model layout a run's config.json describes (no network built); throws LatentLabError.
    static model::LatentLayout runLayout(const std::string& runDir);

    /// Rows named after `layout`'s partitions ("shape", or "shape·2" for a latent dimension) with their
    /// places, when the row count fits the representation; else left as they are.
    void withLayout(const model::LatentLayout& layout);
};

} // namespace latentlab::io
