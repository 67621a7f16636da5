#include "io/MedianCutPalette.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace latentlab::io {

namespace {

struct Entry {
    std::array<std::uint8_t, 3> rgb;
    std::uint64_t count = 0;
};

/// A box of the cut: entries [begin, end) of the sorted colour list, with the statistics that choose the next split.
struct Box {
    std::size_t begin = 0, end = 0;
    double error = 0; ///< squared error of the widest channel: what splitting this box gains most on
    int channel = 0;  ///< that channel
};

Box measured(const std::vector<Entry>& entries, std::size_t begin, std::size_t end)
{
    Box box{begin, end, 0, 0};
    for (int c = 0; c < 3; ++c) {
        double w = 0, sum = 0, squares = 0;
        for (std::size_t i = begin; i < end; ++i) {
            const double n = static_cast<double>(entries[i].count), v = entries[i].rgb[static_cast<std::size_t>(c)];
            w += n;
            sum += n * v;
            squares += n * v * v;
        }
        const double error = w > 0 ? squares - sum * sum / w : 0;
        if (error > box.error) {
            box.error = error;
            box.channel = c;
        }
    }
    return box;
}

} // namespace

std::vector<std::array<std::uint8_t, 3>> MedianCutPalette::build(const std::vector<std::vector<std::uint8_t>>& frames, std::size_t pixelsPerFrame,
                                                                 std::size_t colours)
{
    std::unordered_map<std::uint32_t, std::uint64_t> counts;
    for (const auto& f : frames)
        for (std::size_t i = 0; i < pixelsPerFrame; ++i)
            ++counts[(std::uint32_t(f[3 * i]) << 16) | (std::uint32_t(f[3 * i + 1]) << 8) | f[3 * i + 2]];
    std::vector<Entry> entries;
    entries.reserve(counts.size());
    for (const auto& [rgb, n] : counts)
        entries.push_back({{std::uint8_t(rgb >> 16), std::uint8_t(rgb >> 8), std::uint8_t(rgb)}, n});
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.rgb < b.rgb; }); // no hash order
    std::vector<Box> boxes{measured(entries, 0, entries.size())};
    while (boxes.size() < colours) {
        const auto worst = std::max_element(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) { return a.error < b.error; });
        if (worst->error <= 0 || worst->end - worst->begin < 2)
            break; // every box is one colour
        const Box box = *worst;
        const auto first = entries.begin() + static_cast<std::ptrdiff_t>(box.begin), last = entries.begin() + static_cast<std::ptrdiff_t>(box.end);
        const auto c = static_cast<std::size_t>(box.channel);
        std::stable_sort(first, last, [c](const Entry& a, const Entry& b) { return a.rgb[c] < b.rgb[c]; });
        std::uint64_t total = 0, below = 0;
        for (auto it = first; it != last; ++it)
            total += it->count;
        std::size_t split = box.begin + 1;
        for (std::size_t i = box.begin; i + 1 < box.end; ++i) {
            below += entries[i].count;
            split = i + 1;
            if (2 * below >= total)
                break;
        }
        *worst = measured(entries, box.begin, split);
        boxes.push_back(measured(entries, split, box.end));
    }
    std::vector<std::array<std::uint8_t, 3>> palette;
    for (const Box& box : boxes) {
        double w = 0, sum[3] = {0, 0, 0};
        for (std::size_t i = box.begin; i < box.end; ++i) {
            const double n = static_cast<double>(entries[i].count);
            w += n;
            for (std::size_t c = 0; c < 3; ++c)
                sum[c] += n * entries[i].rgb[c];
        }
        std::array<std::uint8_t, 3> mean{};
        for (std::size_t c = 0; c < 3; ++c)
            mean[c] = static_cast<std::uint8_t>(std::clamp(std::lround(sum[c] / std::max(1.0, w)), 0L, 255L));
        palette.push_back(mean);
    }
    return palette;
}

std::uint8_t MedianCutPalette::nearest(const std::vector<std::array<std::uint8_t, 3>>& palette, const std::uint8_t* rgb)
{
    std::size_t best = 0;
    int bestDistance = 1 << 30;
    for (std::size_t i = 0; i < palette.size(); ++i) {
        int d = 0;
        for (std::size_t c = 0; c < 3; ++c) {
            const int diff = int(palette[i][c]) - int(rgb[c]);
            d += diff * diff;
        }
        if (d < bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    return static_cast<std::uint8_t>(best);
}

} // namespace latentlab::io
