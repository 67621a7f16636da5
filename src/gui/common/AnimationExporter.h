#pragma once
#include <QImage>
#include <QList>
#include <QMap>
#include <QString>

namespace latentlab::gui {

/// Writes the frames of an animated export (docs/design/gui.md#animated-exports): `.gif` an animated GIF
/// that loops forever (io::AnimatedGifWriter, giflib), `.png` a strip of the frames side by side. Frames
/// are scaled by an integer factor, nearest neighbour, as every decoded image is shown. The provenance
/// (FigureProvenance's Software/Commit/Libraries, then the caller's fields, which win) goes into the
/// file: the GIF's comment extension as "Key: value" lines, the PNG's text chunks. Both are written to a
/// temporary name and renamed into place. Shared by the explorer and latentlab-render.
class AnimationExporter {
public:
    static constexpr int kDefaultFps = 8;
    static constexpr int kDefaultScale = 4;

    /// ".gif" or ".png" (any case).
    static bool supports(const QString& path);
    /// The delay of one frame at `fps` frames per second, in the GIF's hundredths of a second (rounded, at least 1).
    static int delayCentiseconds(int fps);
    /// The frames side by side, each scaled by `scale`: frames × (width × scale) wide.
    static QImage strip(const QList<QImage>& frames, int scale);
    /// The provenance fields written into the file for `metadata` (FigureProvenance first, giflib named).
    static QMap<QString, QString> provenance(const QMap<QString, QString>& metadata);
    /// Writes `frames` to `path` (.gif or .png). Empty on success, else one sentence (no frames, frames of
    /// different sizes, another suffix, a file that cannot be written).
    static QString save(const QList<QImage>& frames, const QString& path, int scale, int fps, const QMap<QString, QString>& metadata);
};

} // namespace latentlab::gui
