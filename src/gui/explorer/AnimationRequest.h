#pragma once
#include "explorer/LatentExplorer.h"

#include <QImage>
#include <QList>
#include <QString>
#include <QStringList>

namespace latentlab::gui {

/// What an animated export shows (docs/design/gui.md#animated-exports).
enum class AnimationKind {
    Traversal,    ///< one dimension of one partition swept over its slider range
    Chain,        ///< the start image, then the decode after each relation of a chain
    Interpolation ///< test image A to test image B, one partition after the other
};

/// The frames to decode for an animated export; which fields count depends on `kind`.
struct AnimationRequest {
    AnimationKind kind = AnimationKind::Traversal;
    train::LatentCode code; ///< Traversal and Chain: the code they start from
    int partition = 0;      ///< Traversal
    int dim = 0;            ///< Traversal: 0-based dimension of `partition`
    train::SliderRangeMode mode = train::SliderRangeMode::PriorAll;
    int steps = 9;           ///< Traversal: frames; Interpolation: frames per partition
    QStringList relations;   ///< Chain, applied in turn
    qint64 from = 0, to = 1; ///< Interpolation: test images A and B
};

/// The decoded frames of an animated export (64×64 decodes, not yet scaled), one label per frame.
struct AnimationFrames {
    quint64 request = 0;
    AnimationKind kind = AnimationKind::Traversal;
    QList<QImage> frames;
    QStringList labels;
    QString description; ///< one line: what the frames show, for the file's provenance
};

} // namespace latentlab::gui
