// The `bursar` console: boots the application and opens the main window; nothing else lives here.
#include "ConsoleContext.h"
#include "MainWindow.h"
#include "Translations.h"

#include "core/Settings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Bursar"_s);
    QApplication::setApplicationName(u"bursar"_s);
    QApplication::setApplicationDisplayName(u"Bursar"_s);
    QApplication::setApplicationVersion(QStringLiteral(BURSAR_VERSION));
    QGuiApplication::setDesktopFileName(u"org.bursar.Bursar"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/bursar.svg"_s));

    Bursar::Core::Settings settings;
    Bursar::Ui::installTranslations(settings.language());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Back-office console for Stripe marketplaces."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(
        u"screenshot"_s,
        QApplication::translate("main", "Save a PNG of the main window once the first data has arrived, then quit."),
        u"path"_s);
    const QCommandLineOption screenshotDelay(
        u"screenshot-delay"_s,
        QApplication::translate("main", "Take the screenshot after at most this many milliseconds (default 2500)."),
        u"ms"_s, u"2500"_s);
    const QCommandLineOption quitAfter(
        u"quit-after"_s, QApplication::translate("main", "Quit after this many milliseconds (smoke tests)."), u"ms"_s);
    const QCommandLineOption panel(
        u"panel"_s,
        QApplication::translate("main", "Open this panel (overview, orders, refunds, wallets) once connected."),
        u"id"_s);
    parser.addOptions({screenshot, screenshotDelay, quitAfter, panel});
    parser.process(app);

    Bursar::Ui::MainWindow window(&settings);
    window.show();

    if (parser.isSet(quitAfter)) {
        bool ok = false;
        const int ms = parser.value(quitAfter).toInt(&ok);
        if (!ok || ms < 0) {
            std::fprintf(stderr, "--quit-after needs a number of milliseconds\n");
            return 2;
        }
        QTimer::singleShot(ms, &app, [&window] { window.close(); });
    }

    if (parser.isSet(panel)) {
        // after the first data: a panel listed only for some roles appears once PostgreSQL said who this is
        // (the first data can come before PostgreSQL said who this is: then once it has)
        QObject::connect(&window, &Bursar::Ui::MainWindow::firstDataArrived, &window,
                         [&window, id = parser.value(panel)] {
                             if (window.showPanel(id))
                                 return;
                             auto* context = window.context();
                             if (context->hasStaff()) {
                                 std::fprintf(stderr, "no panel %s for this login\n", qPrintable(id));
                                 return;
                             }
                             auto once = std::make_shared<QMetaObject::Connection>();
                             *once = QObject::connect(context, &Bursar::Ui::ConsoleContext::staffChanged, &window,
                                                      [&window, id, once, context] {
                                                          if (!context->hasStaff())
                                                              return;
                                                          QObject::disconnect(*once);
                                                          if (!window.showPanel(id))
                                                              std::fprintf(stderr, "no panel %s for this login\n",
                                                                           qPrintable(id));
                                                      });
                         });
    }

    if (parser.isSet(screenshot)) {
        const QString path = QFileInfo(parser.value(screenshot)).absoluteFilePath();
        const int delay = std::max(0, parser.value(screenshotDelay).toInt());
        auto grab = [&window, path] {
            static bool done = false;
            if (std::exchange(done, true))
                return;
            // Let the last answers paint before grabbing.
            QTimer::singleShot(400, &window, [&window, path] {
                const bool saved = window.grab().save(path, "PNG");
                std::fprintf(stderr, "%s %s\n", saved ? "saved" : "could not save", qPrintable(QDir::toNativeSeparators(path)));
                QCoreApplication::exit(saved ? 0 : 1);
            });
        };
        if (!parser.isSet(panel)) // a panel opened after the first data is grabbed after the delay
            QObject::connect(&window, &Bursar::Ui::MainWindow::firstDataArrived, &window, grab);
        QTimer::singleShot(delay, &window, grab);
    }

    return app.exec();
}
