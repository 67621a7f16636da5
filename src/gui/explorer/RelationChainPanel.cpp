#include "gui/explorer/RelationChainPanel.h"

#include "gui/common/PlotTheme.h"
#include "gui/common/WrappingGridLayout.h"

#include <QEvent>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPixmap>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

#include <algorithm>

namespace latentlab::gui {

RelationChainPanel::RelationChainPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* box = new QGroupBox(tr("Relations"), this);
    auto* boxLayout = new QVBoxLayout(box);
    auto* buttonArea = new QWidget(box);
    // As many buttons to a row as the column is wide (three at most): at 1280×800 with presenter fonts
    // they wrap into more rows instead of being cut off or scrolled sideways.
    m_buttons = new WrappingGridLayout(buttonArea, 3);
    m_buttons->setContentsMargins(0, 0, 0, 0);
    boxLayout->addWidget(buttonArea);

    auto* chainRow = new QHBoxLayout;
    m_chainEdit = new QLineEdit(box);
    updateChainEditWidth();
    m_chainEdit->setPlaceholderText(tr("Chain, e.g. move-left, move-left, change-shape"));
    m_chainEdit->setClearButtonEnabled(true);
    m_applyChain = new QPushButton(tr("Apply Chain"), box);
    chainRow->addWidget(m_chainEdit, 1);
    chainRow->addWidget(m_applyChain);
    boxLayout->addLayout(chainRow);

    m_summary = new QLabel(tr("No relation applied yet."), box);
    m_summary->setWordWrap(true); // a long summary must not widen the column (it would scroll sideways)
    boxLayout->addWidget(m_summary);
    m_history = new QListWidget(box);
    m_history->setIconSize(QSize(48, 48));
    m_history->setFocusPolicy(Qt::NoFocus);
    m_history->setWordWrap(true);
    m_history->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_history->setToolTip(tr("Relations and edits applied to this code, oldest first. Each relation is judged twice: “code” is the "
                             "Relational Learner's output as the prior classifies it, “image” is the decoded picture re-encoded and "
                             "classified; ⚠ marks a step where either misses the expected value, ↻ a relation that wrapped around "
                             "the edge of its values. Undo (Ctrl+Z) takes steps back."));
    boxLayout->addWidget(m_history, 1);
    layout->addWidget(box);

    auto apply = [this] {
        QString error;
        const QStringList chain = parseChain(m_chainEdit->text(), &error);
        if (!error.isEmpty())
            Q_EMIT statusMessage(error);
        else if (!chain.isEmpty())
            Q_EMIT chainRequested(chain);
    };
    connect(m_applyChain, &QPushButton::clicked, this, apply);
    connect(m_chainEdit, &QLineEdit::returnPressed, this, apply);
}

void RelationChainPanel::setModel(const ExplorerModelInfo& model)
{
    for (QPushButton* b : m_relationButtons)
        delete b;
    m_relationButtons.clear();
    if (model.relations != m_relations)
        m_chainEdit->clear(); // a chain of the previous model's relations would not parse
    m_relations = model.relations;
    for (int r = 0; r < model.relations.size(); ++r) {
        const QString name = model.relations[r];
        auto* button = new QPushButton(name, this);
        button->setObjectName(QStringLiteral("relation-") + name);
        button->setFocusPolicy(Qt::NoFocus);
        QString tip =
            tr("Apply the Relational Learner's %1 to the current code (rewrites the %2 partition only)").arg(name, model.relationPartitions.value(r));
        if (!model.relationWraps.value(r).isEmpty())
            tip += tr(".\n↻ Cyclic: at the edge of the values it wraps around to the other end (%1).").arg(model.relationWraps.value(r));
        button->setToolTip(tip);
        connect(button, &QPushButton::clicked, this, [this, name] { Q_EMIT chainRequested({name}); });
        m_buttons->addWidget(button);
        m_relationButtons << button;
    }
    // No relations (a plain VAE, a model whose manifest names none): the chain has nothing to apply.
    const QString none =
        model.relations.isEmpty() ? tr("This model has no relations: its manifest names no relate() method's relations.") : QString();
    m_chainEdit->setEnabled(none.isEmpty());
    m_chainEdit->setToolTip(none);
    m_applyChain->setToolTip(none);
    m_chainEdit->setPlaceholderText(model.relations.isEmpty() ? tr("No relations")
                                        : model.relations.size() >= 2
                                        ? tr("Chain, e.g. %1, %1, %2").arg(model.relations.value(0), model.relations.last())
                                        : tr("Chain of relations, comma-separated"));
    setChain({});
}

QStringList RelationChainPanel::parseChain(const QString& text, QString* error) const
{
    QStringList out;
    for (QString part : text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts)) {
        part = part.trimmed();
        if (!m_relations.contains(part)) {
            if (error)
                *error = tr("The chain names “%1”, which is not a relation of this model; expected one of %2.")
                             .arg(part, m_relations.join(QStringLiteral(", ")));
            return {};
        }
        out << part;
    }
    return out;
}

namespace {

bool sameEntry(const ChainEntry& a, const ChainEntry& b)
{
    return a.relation == b.relation && a.partition == b.partition && a.from == b.from && a.to == b.to && a.expected == b.expected &&
        a.asExpected == b.asExpected && a.imageAsExpected == b.imageAsExpected && a.imageShows == b.imageShows && a.wraps == b.wraps &&
        a.manual == b.manual && a.image.cacheKey() == b.image.cacheKey();
}

} // namespace

void RelationChainPanel::setChain(const QList<ChainEntry>& chain)
{
    // Called on every state change, slider moves included: only the entries that differ from the list
    // on view are rebuilt (an undo drops the last, a relation appends), so a long history costs a
    // comparison per move, not a relayout of every item.
    qsizetype same = 0;
    while (same < chain.size() && same < m_shownChain.size() && sameEntry(chain[same], m_shownChain[same]))
        ++same;
    if (same == chain.size() && same == m_shownChain.size())
        return;
    // A slider drag rewrites its own last line on every move: update that item's text in place.
    if (same + 1 == chain.size() && chain.size() == m_shownChain.size() && chain.last().manual && m_shownChain.last().manual &&
        chain.last().dragId == m_shownChain.last().dragId && m_history->count() == chain.size()) {
        const QString text = entryText(static_cast<int>(chain.size()), chain.last());
        m_history->item(m_history->count() - 1)->setText(text);
        m_history->item(m_history->count() - 1)->setToolTip(text);
        m_shownChain = chain;
        return;
    }
    while (m_history->count() > same)
        delete m_history->takeItem(m_history->count() - 1);
    for (qsizetype i = same; i < chain.size(); ++i) {
        const ChainEntry& e = chain[i];
        const QString text = entryText(static_cast<int>(i) + 1, e);
        const QIcon icon =
            e.image.isNull() ? QIcon() : QIcon(QPixmap::fromImage(e.image.scaled(48, 48, Qt::KeepAspectRatio, Qt::FastTransformation)));
        auto* item = new QListWidgetItem(icon, text, m_history);
        QString tip = text;
        if (!e.manual)
            tip += tr("\ncode: the Relational Learner's output is classified as %1 (%2)\nimage: the decoded picture is read back as %3 (%4)")
                       .arg(e.to, e.asExpected ? tr("as expected") : tr("expected %1").arg(e.expected), e.imageShows,
                            e.imageAsExpected ? tr("as expected") : tr("expected %1").arg(e.expected));
        if (e.wraps)
            tip += tr("\n↻ The relation is cyclic: from this edge of the %1 values it wraps around to the other end.").arg(e.partition);
        item->setToolTip(tip);
        if (!e.manual && !(e.asExpected && e.imageAsExpected))
            item->setForeground(PlotTheme::attentionColor());
    }
    m_shownChain = chain;
    m_history->scrollToBottom();
    const auto relations = std::count_if(chain.begin(), chain.end(), [](const ChainEntry& e) { return !e.manual; });
    const auto codeRight = std::count_if(chain.begin(), chain.end(), [](const ChainEntry& e) { return !e.manual && e.asExpected; });
    const auto imageRight = std::count_if(chain.begin(), chain.end(), [](const ChainEntry& e) { return !e.manual && e.imageAsExpected; });
    if (relations == 0)
        m_summary->setText(chain.isEmpty() ? tr("No relation applied yet.") : tr("No relation applied yet; %n edit(s).", nullptr, int(chain.size())));
    else
        m_summary->setText(
            tr("%n relation(s) applied: code as expected %1, image as expected %2.", nullptr, int(relations)).arg(codeRight).arg(imageRight));
}

QString RelationChainPanel::entryText(int number, const ChainEntry& e)
{
    if (e.manual)
        return tr("%1. ✎ %2").arg(number).arg(e.relation);
    QString text = tr("%1. %2: %3 %4 → %5").arg(number).arg(e.relation, e.partition, e.from, e.to);
    if (e.wraps)
        text += tr(" ↻ wrapped");
    const QString yes = QStringLiteral("✓"), no = QStringLiteral("✗");
    text += tr(" · code %1 · image %2").arg(e.asExpected ? yes : no, e.imageAsExpected ? yes : no);
    if (!e.imageAsExpected && !e.imageShows.isEmpty())
        text += tr(" (image shows %1)").arg(e.imageShows);
    if (!(e.asExpected && e.imageAsExpected))
        text = tr("⚠ %1 (expected %2)").arg(text, e.expected);
    return text;
}

void RelationChainPanel::updateChainEditWidth()
{
    // Never squeezed to a few letters in a narrow column (presenter fonts at 1280×800).
    m_chainEdit->setMinimumWidth(m_chainEdit->fontMetrics().averageCharWidth() * 8);
}

void RelationChainPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange)
        updateChainEditWidth();
    QWidget::changeEvent(event);
}

QPushButton* RelationChainPanel::relationButton(const QString& relation) const
{
    for (QPushButton* b : m_relationButtons)
        if (b->text() == relation)
            return b;
    return nullptr;
}

QString RelationChainPanel::chainText() const { return m_chainEdit->text(); }

int RelationChainPanel::historyCount() const { return m_history->count(); }

QString RelationChainPanel::historyText(int row) const { return row >= 0 && row < m_history->count() ? m_history->item(row)->text() : QString(); }

void RelationChainPanel::setBusy(bool busy)
{
    for (QPushButton* b : m_relationButtons)
        b->setEnabled(!busy);
    m_applyChain->setEnabled(!busy && !m_relations.isEmpty());
}

} // namespace latentlab::gui
