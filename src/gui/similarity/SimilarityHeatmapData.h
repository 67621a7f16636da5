#pragma once
#include "info/SimilarityAnalysis.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace latentlab::gui {

/// What the similarity heatmap shows, apart from how it is drawn (qt-mvvm's data/presentation split,
/// docs/design/gui.md#heatmap-data-and-presentation): the kept channels in the chosen order, the matrix of the chosen measure in
/// that order, the label-NMI rows in the same order, the reachability and hotspot of each shown
/// channel. The GUI view, its exports and `latentlab-cli render --what similarity` all draw from this,
/// so their CSVs are the same bytes.
class SimilarityHeatmapData {
public:
    enum class Measure {
        Nmi,
        ExpNegVi
    };
    enum class Order {
        Optics,
        Channel,
        DimensionMajor
    };

    SimilarityHeatmapData() = default;
    SimilarityHeatmapData(info::SimilarityAnalysisResult result, Measure measure, Order order);

    const info::SimilarityAnalysisResult& result() const { return m_result; }
    Measure measure() const { return m_measure; }
    Order order() const { return m_order; }
    /// Shown channels (indices into the file's C channels), in display order.
    const std::vector<std::int64_t>& channels() const { return m_channels; }
    int size() const { return static_cast<int>(m_channels.size()); }
    /// The measure between shown channels i and j (display positions).
    double value(int i, int j) const;
    /// The other measure's raw value: VI in bits when showing NMI, NMI when showing exp(−VI).
    double nmi(int i, int j) const;
    double vi(int i, int j) const;
    /// Reachability of shown channel i (OPTICS order only; +inf for the first of a component).
    double reachability(int i) const;
    /// Hotspot label of shown channel i (−1: none).
    std::int64_t hotspot(int i) const;
    double channelInfo(int i) const;
    /// "model 3 / dim 5" for shown channel i; a partition channel by its own name, "mae-s1/shape".
    QString channelName(int i) const;
    /// True when shown channel i is an M-AE/AbsAE partition (docs/design/information.md#partitions-as-channels), not a model dimension.
    bool isPartition(int i) const;
    /// Which model file channel c belongs to: "model r" for a dimension, the run name for a partition
    /// (where the channel-order figure draws its boundaries).
    QString modelOf(std::int64_t c) const;
    int factorCount() const { return static_cast<int>(m_result.labelNmi.cols); }
    QString factorName(int k) const;
    double labelNmi(int i, int k) const;
    /// Hotspots: label → shown positions, ascending labels.
    std::vector<std::pair<std::int64_t, std::vector<int>>> hotspots() const;
    /// The factor with the highest mean label NMI over `members` (−1 without factors).
    int dominantFactor(const std::vector<int>& members) const;

    static QString measureName(Measure m);
    static QString orderName(Order o);
    /// Parses "nmi" / "exp-vi" and "optics" / "channel" / "dim"; false for anything else.
    static bool parseMeasure(const QString& text, Measure* out);
    static bool parseOrder(const QString& text, Order* out);

    /// The shown matrix as CSV: a header of channel names, one row per channel (its name first), values
    /// with 17 significant digits, then the label-NMI columns, reachability and hotspot.
    QString toCsv() const;

private:
    info::SimilarityAnalysisResult m_result;
    Measure m_measure = Measure::Nmi;
    Order m_order = Order::Optics;
    std::vector<std::int64_t> m_channels;  ///< file channel per display position
    std::vector<std::int64_t> m_keptIndex; ///< position in /kept per display position
};

} // namespace latentlab::gui
