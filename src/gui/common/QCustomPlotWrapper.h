#pragma once
// qcustomplot.h uses the `signals` and `foreach` keywords, which QT_NO_KEYWORDS removes (we need it
// because LibTorch uses `slots` as an identifier). Include this header, never <qcustomplot.h>.
#include <QtGlobal>
#ifdef QT_NO_KEYWORDS
#define signals Q_SIGNALS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef foreach
#else
#include <qcustomplot.h>
#endif
