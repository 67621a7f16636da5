#include "io/Hdf5AtomicWrite.h"

#include "common/LatentLabError.h"
#include "io/Hdf5Gateway.h"

#include <filesystem>
#include <unistd.h>

namespace latentlab::io {

void writeHdf5Atomically(const std::string& path, const std::string& what, const std::function<void(H5::H5File&)>& fill)
{
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    auto removeTemporary = [&] {
        std::error_code ec;
        std::filesystem::remove(tmp, ec);
    };
    Hdf5Gateway::run([&] {
        try {
            H5::H5File f(tmp, H5F_ACC_TRUNC);
            fill(f);
        } catch (const H5::Exception& e) {
            removeTemporary();
            throw LatentLabError("Cannot write " + what + " '" + path + "' (" + e.getDetailMsg() + "; disk full?).");
        } catch (...) {
            removeTemporary();
            throw;
        }
    });
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        removeTemporary();
        throw LatentLabError("Cannot rename '" + tmp + "' to '" + path + "' (" + ec.message() + ").");
    }
}

} // namespace latentlab::io
