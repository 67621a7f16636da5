#pragma once
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

namespace latentlab::fuzz {

/// A per-process scratch path for the file a harness hands to a reader: in /dev/shm when it exists
/// (a fuzzer writes tens of thousands of files a minute), else the temp directory.
std::string scratchPath(const std::string& name);
/// Writes bytes to path (plain write: scratch files, not user data).
void writeBytes(const std::string& path, const std::uint8_t* data, std::size_t size);
/// Called with the sentence of each rejected input: printed when LATENTLAB_FUZZ_VERBOSE is set, to
/// see which checks a corpus reaches (a harness whose inputs are all rejected early fuzzes nothing).
void noteRejected(const std::exception& e);
/// The harness's failure: any exception other than LatentLabError escaping a reader breaks the
/// one-sentence rule. Prints it and aborts, so libFuzzer and the standalone driver record the input.
[[noreturn]] void failOnUnexpected(const std::exception& e);
/// Called when an input was accepted (printed as "accepted" under LATENTLAB_FUZZ_VERBOSE).
void noteAccepted();
/// The directory of templates committed next to the harnesses (tests/fuzz/templates).
std::string templatePath(const std::string& name);

} // namespace latentlab::fuzz
