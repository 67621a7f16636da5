// Fuzzes the numeric input files of the metric and information engines: the encodings file
// (docs/design/file-formats.md#encodings-file, EncodingsFile::read) and the codes file of `latentlab-cli metrics`
// (CodesFile::read), by structure-aware edits of valid templates.
#include "FuzzScratch.h"
#include "Hdf5FuzzFile.h"

#include "common/LatentLabError.h"
#include "io/CodesFile.h"
#include "io/EncodingsFile.h"

using namespace latentlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const fuzz::Hdf5FuzzFile encodings = fuzz::Hdf5FuzzFile::fromFile(fuzz::templatePath("encodings.h5"));
    static const fuzz::Hdf5FuzzFile codes = fuzz::Hdf5FuzzFile::fromFile(fuzz::templatePath("codes.h5"));
    static const std::string path = fuzz::scratchPath("numbers.h5");
    fuzz::FuzzBytes in(data, size);
    const bool readCodes = in.byte() & 1;
    fuzz::Hdf5FuzzFile file = readCodes ? codes : encodings;
    file.mutate(in);
    file.write(path);
    try {
        if (readCodes)
            (void)io::CodesFile::read(path);
        else
            (void)io::EncodingsFile::read(path);
        fuzz::noteAccepted();
    } catch (const LatentLabError& e) {
        fuzz::noteRejected(e);
    } catch (const std::exception& e) {
        fuzz::failOnUnexpected(e);
    }
    return 0;
}
