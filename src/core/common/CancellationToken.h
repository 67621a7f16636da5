#pragma once
#include <atomic>
#include <memory>

namespace latentlab {

/// Shared flag a GUI or CLI sets to stop a background job; the job polls it between units of work
/// (an image chunk, a training step) and throws CancelledError. Copies share the same flag.
class CancellationToken {
public:
    CancellationToken() : m_flag(std::make_shared<std::atomic<bool>>(false)) { }
    void cancel() { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }
    /// Throws CancelledError when cancelled; call at safe points only.
    void throwIfCancelled() const;

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

} // namespace latentlab
