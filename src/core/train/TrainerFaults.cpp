#include "train/TrainerFaults.h"

#include <mutex>

namespace latentlab::train {
namespace {

std::mutex g_mutex;
TrainerFaults g_faults;

} // namespace

TrainerFaults TrainerFaults::current()
{
    std::lock_guard<std::mutex> lock(g_mutex);
    return g_faults;
}

TrainerFaults::Scope::Scope(const TrainerFaults& faults)
{
    std::lock_guard<std::mutex> lock(g_mutex);
    m_previous = g_faults;
    g_faults = faults;
}

TrainerFaults::Scope::~Scope()
{
    std::lock_guard<std::mutex> lock(g_mutex);
    g_faults = m_previous;
}

} // namespace latentlab::train
