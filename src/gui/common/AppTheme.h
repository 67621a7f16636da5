#pragma once
#include <QString>

namespace latentlab::gui {

/// The application's colour theme: "system" follows the platform palette (and its changes, which
/// reach every widget as a PaletteChange), "light" and "dark" override it with Fusion palettes, as
/// Qt 6.8's colour-scheme override does (Qt 6.4 on Debian 12 has no QStyleHints::colorScheme).
/// Plots re-theme themselves on PaletteChange through PlotTheme.
class AppTheme {
public:
    /// Applies `theme` ("system", "light", "dark" or "high-contrast" for presenter mode; anything else
    /// means system) to the application.
    static void apply(const QString& theme);
    /// The theme applied last ("system" before any call).
    static QString current();
};

} // namespace latentlab::gui
