#pragma once
#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace latentlab::io {

/// The manifest beside an imported TorchScript model, NAME.json next to NAME.pt
/// (docs/design/file-formats.md#torchscript-models): what the module's encode/decode/relate methods take and
/// return, and the optional partitions, mixture priors, relations and dataset that give the explorer and the
/// metrics their meaning. Shared by the import (model/ScriptedModel) and the export of our runs.
struct ScriptedModelManifest {
    static constexpr const char* kFormat = "latentlab-torchscript";
    static constexpr int kFormatVersion = 1;

    /// A Gaussian mixture over one partition's dimensions, one component per value.
    struct Prior {
        std::vector<double> weights;                               ///< [V], non-negative, not all zero
        std::vector<std::vector<double>> means;                    ///< [V][d]
        std::vector<std::vector<std::vector<double>>> covariances; ///< [V][d][d], symmetric
    };
    /// Code dimensions [begin, end) that hold one factor; its values are the prior's components, in order.
    struct Partition {
        std::string name;
        int begin = 0;
        int end = 0;
        std::vector<std::string> values;
        std::optional<Prior> prior;
        int dim() const { return end - begin; }
    };
    /// Relation number i of the module's relate(z, i): it may rewrite only its partition.
    struct Relation {
        std::string name;
        std::string partition;
        std::string description;
    };
    /// What the model was trained on (informational; eval and the explorer may use it as a default).
    struct Dataset {
        std::string file;
        std::string layout;
        std::string version;
    };

    std::string name;  ///< free text shown to users
    std::string model; ///< informational: "mae", "absae", "betavae" or anything
    int channels = 1;
    int height = 64;
    int width = 64;
    std::array<double, 2> inputRange{0.0, 1.0};
    bool encodeReturnsLogVar = false; ///< "encode_returns": "mean_logvar" (else "mean")
    bool decoderOutputsLogits = true; ///< "decoder_output": "logits" (else "probabilities")
    int latentDim = 0;
    std::vector<std::string> latentNames; ///< empty or latentDim names
    std::vector<Partition> partitions;    ///< empty: one continuous latent space
    std::vector<Relation> relations;      ///< requires the module's relate method
    std::optional<Dataset> dataset;
    std::vector<std::string> factors; ///< the dataset factor each partition reads (or, without partitions, the factors to score)
    std::string encoderFile;          ///< "encoder"/"decoder": a pair of modules instead of NAME.pt (relative to the manifest)
    std::string decoderFile;

    /// Validates every field; `source` names the file in the one-sentence LatentLabError
    /// ("Manifest 'm.json' field 'partitions[0].end' must be ...").
    static ScriptedModelManifest fromJson(const nlohmann::json& j, const std::string& source);
    /// Reads and validates a manifest file (readable, at most a few MiB, JSON).
    static ScriptedModelManifest readFile(const std::string& path);
    nlohmann::json toJson() const;
    /// Writes toJson() atomically, pretty-printed.
    void writeFile(const std::string& path) const;

    /// The manifest path of a model opened by either file of the pair: NAME.json for NAME.pt, the path itself
    /// for a .json file.
    static std::string manifestPathFor(const std::string& openedPath);
    /// The module file(s) the manifest at `manifestPath` names: NAME.pt, or the encoder/decoder pair.
    std::vector<std::string> moduleFiles(const std::string& manifestPath) const;
    bool hasPriors() const;
    int partitionIndex(const std::string& partitionName) const; ///< -1 when unknown
};

} // namespace latentlab::io
