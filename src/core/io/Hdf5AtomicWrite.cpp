#include "io/Hdf5AtomicWrite.h"

#include "common/AtomicFile.h"
#include "common/LatentLabError.h"
#include "io/Hdf5Gateway.h"

#include <vector>

namespace latentlab::io {

void writeHdf5Atomically(const std::string& path, const std::string& what, const std::function<void(H5::H5File&)>& fill)
{
    // Built in memory (HDF5's core driver, no backing store), then written by our own writer: HDF5
    // never touches the disk, so a full disk is a clean write(2) error with its errno, and no HDF5
    // close can fail (HDF5 1.10 leaves a dangling id after a failed close and crashes at exit).
    std::vector<char> image;
    Hdf5Gateway::run([&] {
        std::unique_ptr<H5::H5File> file;
        try {
            H5::FileAccPropList inMemory;
            inMemory.setCore(1 << 20, /*backing_store=*/false);
            // Named like the temporary file (no file of that name is created): a reader may hold `path` open.
            file = std::make_unique<H5::H5File>(atomicfile::temporaryPathFor(path), H5F_ACC_TRUNC, H5::FileCreatPropList::DEFAULT, inMemory);
            fill(*file);
            file->flush(H5F_SCOPE_GLOBAL);
            const ssize_t size = H5Fget_file_image(file->getId(), nullptr, 0);
            if (size <= 0)
                throw LatentLabError(atomicfile::cannotWriteSentence(what, path, "HDF5 could not produce the file image"));
            image.resize(static_cast<std::size_t>(size));
            if (H5Fget_file_image(file->getId(), image.data(), image.size()) != size)
                throw LatentLabError(atomicfile::cannotWriteSentence(what, path, "HDF5 could not produce the file image"));
            file->close();
        } catch (const H5::Exception& e) {
            closeOrAbandon(file);
            throw LatentLabError(atomicfile::cannotWriteSentence(what, path, e.getDetailMsg()));
        } catch (...) {
            closeOrAbandon(file);
            throw;
        }
    });
    atomicfile::writeAtomically(path, what, [&](const atomicfile::ByteSink& sink) { sink(image.data(), image.size()); });
}

} // namespace latentlab::io
