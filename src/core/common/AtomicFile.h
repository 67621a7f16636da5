#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

/// The pieces every atomic writer shares (text files, checkpoints, HDF5 files, datasets): a file is
/// written whole under "PATH.tmp-PID" next to its final name, then renamed onto it, so a kill or a
/// full disk never leaves half a file under the final name, and the previous version stays intact.
namespace latentlab::atomicfile {

/// "PATH.tmp-PID": the temporary name of `path` for this process.
std::string temporaryPathFor(const std::string& path);

/// True for a file name of the form "NAME.tmp-PID" whose process is gone: what a killed writer
/// leaves behind, safe to delete (a live writer's temporary file is never stale).
bool isStaleTemporary(const std::string& fileName);

/// Why writing `temporaryPath` failed, as the end of a sentence: "disk full (No space left on device)"
/// when the disk or quota is full, "file too large for the process's file size limit (File too
/// large)" under RLIMIT_FSIZE, else the errno text, else `otherwise`. Call it before removing the
/// temporary file (its size and the free space are part of the evidence).
std::string writeFailureCause(const std::string& temporaryPath, int savedErrno, const std::string& otherwise = {});

/// Bytes that can still be written next to `path`: free space on its file system, and for the file
/// itself what the process's file size limit (RLIMIT_FSIZE) leaves above its current size.
std::uintmax_t freeBytesNear(const std::string& path);
std::uintmax_t bytesBelowFileSizeLimit(const std::string& path);

/// "Cannot write WHAT 'PATH': CAUSE." (the one sentence users see).
std::string cannotWriteSentence(const std::string& what, const std::string& path, const std::string& cause);

/// Removes `path` if it exists; never throws.
void removeQuietly(const std::string& path);

/// The last step of every atomic write: the fault-injection hook, then rename(temporaryPath, path).
/// On failure the temporary file is removed and a LatentLabError names both paths.
void renameIntoPlace(const std::string& temporaryPath, const std::string& path);

/// Receives the bytes of a file in order. It never throws: the first failed write(2) is recorded and
/// later bytes are dropped, so producers that cannot survive an exception mid-stream (torch's archive
/// writer aborts the process when one escapes its destructor) always run to their end.
using ByteSink = std::function<void(const void* data, std::size_t bytes)>;

/// Writes the bytes `produce` hands to its sink to `path` atomically. A failed write becomes
/// LatentLabError "Cannot write WHAT 'PATH': disk full (...)." with the temporary file removed; an
/// exception from `produce` removes it too and passes through.
void writeAtomically(const std::string& path, const std::string& what, const std::function<void(const ByteSink&)>& produce);

} // namespace latentlab::atomicfile
