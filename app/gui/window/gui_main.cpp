#include "window/gui_main.h"

#include <cstdio>

#include <QApplication>
#include <QIcon>
#include <QNetworkProxyFactory>

#include "services/app_services.h"
#include "services/app_settings.h"
#include "services/localization.h"
#include "window/main_window.h"

namespace xun::gui {

int run_gui(int argc, char** argv) {
#if defined(Q_OS_LINUX)
  // Without a display Qt would abort with a core dump; say what to do instead.
  if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
      qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
    std::fputs("xun: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
               "run it in a desktop session, or use a command: see 'xun --help'\n",
               stderr);
    return 1;
  }
#endif
  QApplication::setOrganizationName(QStringLiteral("Xun"));
  QApplication::setApplicationName(QStringLiteral("Xun"));
  QApplication::setApplicationDisplayName(QStringLiteral("Xun"));
  QApplication::setDesktopFileName(QStringLiteral("io.github.xun.Xun"));
  QApplication application(argc, argv);
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/xun.svg")));
  // Model downloads go through the proxy the system is set to use, as a browser's would.
  QNetworkProxyFactory::setUseSystemConfiguration(true);

  AppSettings settings;
  Localization localization;
  localization.apply(settings.language());
  AppServices services(settings);
  MainWindow window(services, localization);
  window.show();
  // Returning destroys the window, then the services: a running indexing job is cancelled
  // between two files and everything it finished stays in the index.
  return application.exec();
}

}  // namespace xun::gui
