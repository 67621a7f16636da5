#pragma once
#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;

namespace latentlab::gui {

class MainWindow;

/// The teaching tour: a short sequence of steps, each a paragraph about one idea of the field
/// (partitions, prior components, relations, chains, traversals, fingerprints and hotspots, metrics) and
/// an action that drives the real views to show it — switch tab, focus a partition, pick a value, apply
/// a relation. Keyboard only: →/PgDown next, ←/PgUp back, Esc ends. It lives in a floating panel over
/// the main window. It opens what it explains (the demo's data in the Dataset tab, the bundled runs in the
/// Runs tab) and, when it ends, returns the explorer to the code and undo history it found.
class GuidedTour : public QFrame {
    Q_OBJECT
public:
    struct Step {
        QString title, text;
        std::function<void(MainWindow&)> show;
    };

    explicit GuidedTour(MainWindow* window);

    int stepCount() const { return static_cast<int>(m_steps.size()); }
    int currentStep() const { return m_current; }
    QString currentTitle() const;
    void start();
    void goTo(int step);

public Q_SLOTS:
    void next();
    void back();
    void finish();

Q_SIGNALS:
    void stepShown(int step);
    void finished();

protected:
    /// The tour's keys win over window shortcuts while it has focus (Esc would else cancel the job the
    /// tour started, such as loading the demo's data).
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    /// Keeps the card inside the window when the window resizes (presenter mode, a smaller screen).
    bool eventFilter(QObject* watched, QEvent* event) override;
    /// The title's larger font follows the card's font (the application font, presenter mode).
    void changeEvent(QEvent* event) override;

private:
    static std::vector<Step> steps();
    void place();
    void updateTitleFont();
    /// The explorer's undo position when the tour started: finish() undoes the tour's own edits back to
    /// it and drops them from the redo list.
    void rememberExplorer();
    void restoreExplorer();

    MainWindow* m_window;
    std::vector<Step> m_steps;
    int m_current = -1;
    QString m_startRun;
    int m_startUndoIndex = -1;
    QLabel* m_title = nullptr;
    QLabel* m_text = nullptr;
    QLabel* m_counter = nullptr;
    QPushButton* m_back = nullptr;
    QPushButton* m_next = nullptr;
};

} // namespace latentlab::gui
