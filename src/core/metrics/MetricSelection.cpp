#include "metrics/MetricSelection.h"

#include "common/LatentLabError.h"
#include "metrics/MetricRegistry.h"

#include <algorithm>
#include <sstream>

namespace latentlab::metrics {
namespace {

std::vector<std::string> items(const std::string& list)
{
    std::vector<std::string> out;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ',')) {
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (!item.empty())
            out.push_back(item);
    }
    return out;
}

} // namespace

void MetricSelection::add(const std::string& name)
{
    if (has(name))
        return;
    m_names.push_back(name);
    // Registry order, whatever order the list named them in.
    const auto& metrics = MetricRegistry::all();
    auto rank = [&](const std::string& n) {
        return std::find_if(metrics.begin(), metrics.end(), [&](const MetricDefinition& m) { return m.name == n; }) - metrics.begin();
    };
    std::sort(m_names.begin(), m_names.end(), [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
}

MetricSelection MetricSelection::all()
{
    MetricSelection s;
    for (const auto& m : MetricRegistry::all())
        s.add(m.name);
    return s;
}

MetricSelection MetricSelection::parse(const std::string& list)
{
    const std::string expected = "expected a comma-separated list of " + MetricRegistry::names(", ", MetricInput::Codes) + " (or all).";
    MetricSelection s;
    for (const auto& item : items(list)) {
        if (item == "all") {
            for (const auto* m : MetricRegistry::withInput(MetricInput::Codes))
                s.add(m->name);
            continue;
        }
        const MetricDefinition* m = MetricRegistry::find(item);
        if (!m || m->input != MetricInput::Codes)
            throw LatentLabError("Unknown metric '" + item + "'; " + expected);
        s.add(m->name);
    }
    if (!s.any())
        throw LatentLabError("No metric selected in '" + list + "'; " + expected);
    return s;
}

MetricSelection MetricSelection::parseAny(const std::string& list)
{
    const std::string expected = "expected a comma-separated list of " + MetricRegistry::names(", ") + " (or all).";
    MetricSelection s;
    for (const auto& item : items(list)) {
        if (item == "all") {
            s = all();
            continue;
        }
        if (!MetricRegistry::find(item))
            throw LatentLabError("Unknown metric in '" + list + "'; " + expected);
        s.add(item);
    }
    if (!s.any())
        throw LatentLabError("No metric selected in '" + list + "'; " + expected);
    return s;
}

bool MetricSelection::has(const std::string& name) const { return std::find(m_names.begin(), m_names.end(), name) != m_names.end(); }

bool MetricSelection::anyWithInput(MetricInput input) const
{
    return std::any_of(m_names.begin(), m_names.end(), [&](const std::string& n) { return MetricRegistry::find(n)->input == input; });
}

bool MetricSelection::needsTestRows() const
{
    return std::any_of(m_names.begin(), m_names.end(), [](const std::string& n) {
        const MetricDefinition* m = MetricRegistry::find(n);
        return m->input == MetricInput::Codes && m->needsTestRows;
    });
}

} // namespace latentlab::metrics
