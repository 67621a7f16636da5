#pragma once
#include <string>

namespace latentlab::io {

/// What an HDF5 file holds, told by its datasets (docs/design/file-formats.md): the GUI opens a dropped
/// `.h5` in the view for its kind instead of taking every file for a dataset.
enum class Hdf5FileKind {
    Dataset,    ///< an image dataset: `/imgs` (dSprites layout) or `/images` (3D Shapes layout)
    Similarity, ///< `latentlab-cli similarity` output: `/nmi`, `/vi`, `/optics/...`
    Encodings,  ///< posterior means of several models: `/mu` (and `/logvar`)
    Codes,      ///< one representation per sample with its factors: `/codes` and `/factors`
    RunHistory, ///< a run's `run.h5`: the `/history` group
    Unknown,    ///< an HDF5 file with none of the above
    NotHdf5     ///< missing, unreadable, or not HDF5 at all
};

/// Reads only the names of the root's links; the file's data is not read. Never throws.
Hdf5FileKind detectHdf5FileKind(const std::string& path);

/// "dataset", "similarity file", "encodings file", "codes file", "run history", "unknown HDF5 file", "not HDF5".
std::string hdf5FileKindName(Hdf5FileKind kind);

} // namespace latentlab::io
