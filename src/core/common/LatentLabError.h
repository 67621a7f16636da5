#pragma once
#include <stdexcept>
#include <string>

namespace latentlab {

/// The one exception type that crosses a boundary (file, config, CLI argument, GUI input).
/// Its message is one complete sentence naming the thing at fault and what was expected, ready to be
/// shown to a user as it is (stderr line, status bar, message box).
class LatentLabError : public std::runtime_error {
public:
    explicit LatentLabError(const std::string& sentence) : std::runtime_error(sentence) { }
};

/// Thrown when a long job notices that its CancellationToken was set. Not an error for the user:
/// callers report "cancelled" and leave no partial output behind.
class CancelledError : public LatentLabError {
public:
    CancelledError() : LatentLabError("The operation was cancelled.") { }
};

} // namespace latentlab
