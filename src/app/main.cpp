// latentlab: the desktop application. Thin on purpose: everything testable lives in latentlab_gui.
#include "gui/common/AppTheme.h"
#include "gui/common/GuiSettings.h"
#include "gui/app/MainWindow.h"

#include "common/ProcessEnvironment.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstring>
#include <memory>

namespace {

/// --help and --version only print text: answer them without a QApplication, which would need a
/// display (KDAB/hotspot's createApplication does the same).
std::unique_ptr<QCoreApplication> createApplication(int& argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char* flag : {"-h", "--help", "--help-all", "-v", "--version"})
            if (std::strcmp(argv[i], flag) == 0)
                return std::make_unique<QCoreApplication>(argc, argv);
    }
    return std::make_unique<QApplication>(argc, argv);
}

} // namespace

int main(int argc, char** argv)
{
    // Before anything loads libgomp's settings: may re-exec the process once with OMP_WAIT_POLICY=PASSIVE
    // (spin-waiting OpenMP threads make a torch step 10x slower beside a busy core).
    latentlab::ensurePassiveOpenMp(argc, argv);

    const std::unique_ptr<QCoreApplication> app = createApplication(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("LatentLab"));
    QCoreApplication::setApplicationName(QStringLiteral("LatentLab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LATENTLAB_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Desktop lab for disentangled representation learning."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("path"),
        QCoreApplication::translate("main", "A dSprites or 3D Shapes HDF5 file, a run directory or its checkpoint.pt to open at start (optional)."),
        QStringLiteral("[path]"));
    const QCommandLineOption themeOption(
        QStringLiteral("theme"), QCoreApplication::translate("main", "Colour theme: system, light or dark (remembered)."), QStringLiteral("theme"));
    parser.addOption(themeOption);
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QCoreApplication::translate("main", "Open a bundled demo in the explorer (its folder name; 'default' for the dSprites demo)."),
        QStringLiteral("name"));
    parser.addOption(demoOption);
    parser.process(*app); // exits after --help / --version

    if (parser.isSet(themeOption))
        latentlab::gui::GuiSettings().setTheme(parser.value(themeOption));
    const QString theme = latentlab::gui::GuiSettings().theme();
    if (theme != QLatin1String("system"))
        latentlab::gui::AppTheme::apply(theme);

    latentlab::gui::MainWindow window;
    window.show();
    const QStringList positional = parser.positionalArguments();
    latentlab::gui::GuiSettings settings;
    if (parser.isSet(demoOption)) {
        const QString name = parser.value(demoOption);
        window.openDemoWhenReady(name == QLatin1String("default") ? QString() : name);
    } else if (!positional.isEmpty()) {
        window.openPath(positional.first());
    } else if (!settings.firstLaunchDone()) {
        window.openDemoWhenReady(); // first launch: straight into something worth seeing
    } else {
        window.reopenLastSession(); // else the Dataset tab's start page: recent runs and the demos
    }
    settings.setFirstLaunchDone(true);

    // Screenshots and smoke tests: quit by themselves after LATENTLAB_QUIT_AFTER_MS milliseconds.
    // close() saves the window settings; quit() then ends the loop even if an error box is still open
    // (a second top-level window would keep quit-on-last-window-closed from firing).
    bool ok = false;
    const int quitAfterMs = qEnvironmentVariableIntValue("LATENTLAB_QUIT_AFTER_MS", &ok);
    if (ok && quitAfterMs > 0)
        QTimer::singleShot(quitAfterMs, &window, [&window] {
            window.close();
            QCoreApplication::quit();
        });

    return app->exec();
}
