#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::train {

/// One test image under one relation, judged by the model itself (docs/design/gui.md#relation-confusion-view):
/// the image is encoded, the Relational Learner rewrites its code, the code is decoded, the decoded image
/// re-encoded and classified by the prior. Values are indices of the relation's factor (the version's
/// value of that factor), for the M-AE and the AbsAE alike: the AbsAE's classified combination is split
/// into its factor values.
struct RelationOutcome {
    std::int64_t testIndex = 0;        ///< into the test split (the explorer's "test image N")
    std::int64_t fileRow = 0;          ///< row of the data file
    int relation = 0;                  ///< index into RelationOutcomes::relations
    std::int64_t sourceTrue = 0;       ///< the image's true value of the relation's factor
    std::int64_t sourceClassified = 0; ///< the value the prior classifies the image's code as (the encoder's reading)
    std::int64_t expected = 0;         ///< the relation applied to sourceTrue
    std::int64_t result = 0;           ///< the value the decoded, re-encoded image is classified as
    /// Every other factor of the re-encoded image is classified as the image's true value: the relation
    /// changed only what it should.
    bool othersKept = false;
};

/// Every test image of a run under every relation of its version, and the names the figures need.
struct RelationOutcomes {
    std::string runDir;
    std::string modelKind; ///< "mae" or "absae" (model::modelKindName)
    std::string version;
    std::int64_t testImages = 0;
    std::vector<std::string> relations;
    std::vector<std::string> relationFactors;                 ///< the factor each relation changes
    std::vector<std::vector<std::string>> relationValueNames; ///< per relation, its factor's value names
    std::vector<RelationOutcome> outcomes;                    ///< relation-major: relation 0's images, then relation 1's …
};

} // namespace latentlab::train
