// Fuzzes DatasetFileReader (dSprites and 3D Shapes layouts): structure-aware edits of a valid
// template of each layout, then open + read every row. Any exception other than LatentLabError, a
// crash, a sanitizer report or an out-of-memory is a bug in the reader.
#include "FuzzScratch.h"
#include "Hdf5FuzzFile.h"

#include "common/LatentLabError.h"
#include "io/DatasetFileReader.h"

using namespace latentlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const fuzz::Hdf5FuzzFile dsprites = fuzz::Hdf5FuzzFile::fromFile(fuzz::templatePath("dsprites-8rows.h5"));
    static const fuzz::Hdf5FuzzFile shapes = fuzz::Hdf5FuzzFile::fromFile(fuzz::templatePath("shapes3d-8rows.h5"));
    static const std::string path = fuzz::scratchPath("dataset.h5");
    fuzz::FuzzBytes in(data, size);
    fuzz::Hdf5FuzzFile file = in.byte() & 1 ? shapes : dsprites;
    file.mutate(in);
    file.write(path);
    try {
        const io::DatasetFileReader reader(path);
        // Reading everything of a file that declares a million rows is a legitimate (if slow) request,
        // not a reader bug: read it all only when it is small.
        if (reader.info().rows <= 4096)
            (void)reader.readAll();
        // A subset read goes through the hyperslab path with its chunk alignment.
        if (reader.info().rows > 2)
            (void)reader.readRows({0, reader.info().rows - 1});
        fuzz::noteAccepted();
    } catch (const LatentLabError& e) {
        fuzz::noteRejected(e);
    } catch (const std::exception& e) {
        fuzz::failOnUnexpected(e);
    }
    return 0;
}
