#include "train/RunDirectory.h"

#include "common/LatentLabError.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace latentlab::train {

namespace fs = std::filesystem;

void RunDirectory::createForNewRun() const
{
    std::error_code ec;
    if (fs::exists(m_path, ec)) {
        if (!fs::is_directory(m_path, ec))
            throw LatentLabError("Run directory '" + m_path + "' exists and is not a directory.");
        if (!fs::is_empty(m_path, ec))
            throw LatentLabError("Run directory '" + m_path + "' is not empty; choose a new directory or use --resume to continue it.");
        return;
    }
    fs::create_directories(m_path, ec);
    if (ec)
        throw LatentLabError("Cannot create run directory '" + m_path + "' (" + ec.message() + ").");
}

void RunDirectory::requireExisting() const
{
    std::error_code ec;
    if (!fs::is_directory(m_path, ec))
        throw LatentLabError("Run directory '" + m_path + "' does not exist.");
    if (!fs::exists(configPath(), ec) || !fs::exists(checkpointPath(), ec))
        throw LatentLabError("'" + m_path + "' is not a LatentLab run directory; expected config.json and checkpoint.pt in it.");
}

TrainingConfig RunDirectory::readConfig() const
{
    return TrainingConfig::fromJson(readText(configPath()), "'" + configPath() + "'");
}

void RunDirectory::writeConfig(const TrainingConfig& config) const
{
    writeTextAtomically(configPath(), config.toJson());
}

void RunDirectory::writeSummary(const std::string& json) const
{
    writeTextAtomically(summaryPath(), json);
}

std::string RunDirectory::readSummary() const
{
    return readText(summaryPath());
}

void RunDirectory::writeTextAtomically(const std::string& path, const std::string& text)
{
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out)
            throw LatentLabError("Cannot write '" + path + "' (disk full or no permission).");
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw LatentLabError("Cannot rename '" + tmp + "' to '" + path + "'.");
    }
}

std::string RunDirectory::readText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw LatentLabError("Cannot read '" + path + "': it does not exist or is not readable.");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace latentlab::train
