#pragma once
#include "data/DatasetVersion.h"

#include <QWidget>

class QLabel;
class QStackedWidget;
class QTreeWidget;

namespace latentlab::gui {

/// Contents of the "Relations" dock: the relations of the active dataset version (name, the version
/// factor it changes, cyclic or saturating, description). Relations belong to versions, not to raw
/// files, so "All rows" shows a hint instead.
class RelationsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RelationsPanel(QWidget* parent = nullptr);

    /// Shows `version`'s relations; null shows the "choose a version" hint.
    void setVersion(const data::DatasetVersion* version);
    /// Rows in the relation table (0 while the hint is shown).
    int relationCount() const;

private:
    QStackedWidget* m_stack = nullptr;
    QLabel* m_hint = nullptr;
    QLabel* m_header = nullptr;
    QTreeWidget* m_table = nullptr;
};

} // namespace latentlab::gui
