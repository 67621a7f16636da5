#include "train/RunDirectory.h"

#include "common/AtomicFile.h"
#include "common/LatentLabError.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace latentlab::train {

namespace fs = std::filesystem;

void RunDirectory::requireUsableForNewRun() const
{
    std::error_code ec;
    if (!fs::exists(m_path, ec))
        return;
    if (!fs::is_directory(m_path, ec))
        throw LatentLabError("Run directory '" + m_path + "' exists and is not a directory.");
    for (fs::directory_iterator it(m_path, ec), end; !ec && it != end; it.increment(ec))
        if (!(it->is_regular_file(ec) && atomicfile::isStaleTemporary(it->path().filename().string())))
            throw LatentLabError("Run directory '" + m_path + "' is not empty; choose a new directory or use --resume to continue it.");
}

void RunDirectory::createForNewRun() const
{
    std::error_code ec;
    if (fs::exists(m_path, ec)) {
        if (!fs::is_directory(m_path, ec))
            throw LatentLabError("Run directory '" + m_path + "' exists and is not a directory.");
        removeStaleTemporaries();
        if (!fs::is_empty(m_path, ec))
            throw LatentLabError("Run directory '" + m_path + "' is not empty; choose a new directory or use --resume to continue it.");
        return;
    }
    fs::create_directories(m_path, ec);
    if (ec)
        throw LatentLabError("Cannot create run directory '" + m_path + "' (" + ec.message() + ").");
}

int RunDirectory::removeStaleTemporaries() const
{
    std::vector<std::string> stale; // collected first: removing while iterating is unspecified
    std::error_code ec;
    for (fs::directory_iterator it(m_path, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec) && atomicfile::isStaleTemporary(it->path().filename().string()))
            stale.push_back(it->path().string());
    for (const auto& p : stale)
        atomicfile::removeQuietly(p);
    return static_cast<int>(stale.size());
}

bool RunDirectory::hasConfig() const
{
    std::error_code ec;
    return fs::is_regular_file(configPath(), ec);
}

bool RunDirectory::hasCheckpoint() const
{
    std::error_code ec;
    return fs::is_regular_file(checkpointPath(), ec);
}

void RunDirectory::requireExisting() const
{
    std::error_code ec;
    if (!fs::is_directory(m_path, ec))
        throw LatentLabError("Run directory '" + m_path + "' does not exist.");
    if (!hasConfig() || !hasCheckpoint())
        throw LatentLabError("'" + m_path + "' is not a LatentLab run directory; expected config.json and checkpoint.pt in it.");
}

TrainingConfig RunDirectory::readConfig() const { return TrainingConfig::fromJson(readText(configPath()), "'" + configPath() + "'"); }

void RunDirectory::writeConfig(const TrainingConfig& config) const { writeTextAtomically(configPath(), config.toJson()); }

void RunDirectory::writeSummary(const std::string& json) const { writeTextAtomically(summaryPath(), json); }

std::string RunDirectory::readSummary() const { return readText(summaryPath()); }

void RunDirectory::writeTextAtomically(const std::string& path, const std::string& text)
{
    atomicfile::writeAtomically(path, "", [&](const atomicfile::ByteSink& sink) { sink(text.data(), text.size()); });
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
