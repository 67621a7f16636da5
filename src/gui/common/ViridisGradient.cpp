#include "gui/common/ViridisGradient.h"

namespace latentlab::gui {

QCPColorGradient ViridisGradient::make()
{
    QCPColorGradient g;
    g.clearColorStops();
    const QList<QColor> stops{QColor(0x44, 0x01, 0x54), QColor(0x48, 0x28, 0x78), QColor(0x3e, 0x49, 0x89),
                              QColor(0x31, 0x68, 0x8e), QColor(0x26, 0x82, 0x8e), QColor(0x1f, 0x9e, 0x89),
                              QColor(0x35, 0xb7, 0x79), QColor(0x6e, 0xce, 0x58), QColor(0xfd, 0xe7, 0x25)};
    for (int i = 0; i < stops.size(); ++i)
        g.setColorStopAt(static_cast<double>(i) / (stops.size() - 1), stops[i]);
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    return g;
}

} // namespace latentlab::gui
