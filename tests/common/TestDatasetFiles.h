#pragma once
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

/// Writers of dataset files for tests: "h5py-style" files (chunked in ways our generator never uses,
/// gzip or contiguous, as the real published files are) and a catalogue of broken files.
namespace testfiles {

/// dSprites layout written directly with the HDF5 C++ API. rows: flat indices into the full dSprites
/// product; images[i] is a 64×64 0/1 image of value (i % 251) pattern so every row is distinct.
/// chunk: {rows, h, w} chunk shape (all 0 = contiguous); gzip 0 = none.
void writeDspritesLike(const QString& path, const std::vector<std::int64_t>& rows, const std::vector<unsigned>& chunk, int gzip);
/// 3D Shapes layout: /images RGB with a per-row pattern, /labels as float64 (or float32) values
/// computed the way numpy would (hue i*0.1, linspace for scale and orientation).
void writeShapes3dLike(const QString& path, const std::vector<std::int64_t>& rows, const std::vector<unsigned>& chunk, int gzip,
                       bool float32Labels = false);
/// The byte pattern the writers above put at pixel p of image i (for comparisons).
std::uint8_t patternPixel(std::int64_t fileRow, std::size_t p, bool binary);

/// A procedural dSprites file of `rows` rows of dataset version `version` (our generator), at `path`.
void generateDsprites(const QString& path, const char* version, std::int64_t rows, std::uint64_t seed);

struct BadFile {
    QString tag; ///< short name of the defect
    QString path;
    QString mustMention; ///< text the error sentence must contain besides the file name (e.g. "/imgs")
};
/// Creates every broken file of the catalogue in `dir`: zero bytes, text, truncated, missing dataset,
/// wrong dtype, wrong rank, labels off the grid, mismatched lengths, classes out of range, no image
/// dataset, nonexistent path.
std::vector<BadFile> makeBadFileCatalogue(const QString& dir);

} // namespace testfiles
