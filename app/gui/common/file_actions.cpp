#include "common/file_actions.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QIcon>
#include <QMenu>
#include <QProcess>
#include <QUrl>

#if defined(Q_OS_LINUX)
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#endif

namespace xun::gui {
namespace {

#if defined(Q_OS_LINUX)
// The freedesktop.org file manager interface (Nautilus, Dolphin, Nemo, Caja, Thunar...): opens
// the folder with the file selected. False when no file manager offers it on the session bus.
bool show_with_file_manager1(const QString& path) {
  QDBusConnection bus = QDBusConnection::sessionBus();
  if (!bus.isConnected() || bus.interface() == nullptr) return false;
  const QString service = QStringLiteral("org.freedesktop.FileManager1");
  const bool available = bus.interface()->isServiceRegistered(service).value() ||
                         bus.interface()->activatableServiceNames().value().contains(service);
  if (!available) return false;
  QDBusMessage call = QDBusMessage::createMethodCall(service, QStringLiteral("/org/freedesktop/FileManager1"),
                                                     service, QStringLiteral("ShowItems"));
  call << QStringList{QUrl::fromLocalFile(path).toString()} << QString();
  return bus.send(call);  // asynchronous: the file manager may take a moment to start
}
#endif

}  // namespace

bool FileActions::openWithSystem(const QString& path) {
  return QDesktopServices::openUrl(QUrl::fromLocalFile(path));
}

bool FileActions::showInFileManager(const QString& path) {
#if defined(Q_OS_WIN)
  if (QProcess::startDetached(QStringLiteral("explorer.exe"),
                              {QStringLiteral("/select,"), QDir::toNativeSeparators(path)}))
    return true;
#elif defined(Q_OS_MACOS)
  if (QProcess::startDetached(QStringLiteral("open"), {QStringLiteral("-R"), path})) return true;
#elif defined(Q_OS_LINUX)
  if (show_with_file_manager1(path)) return true;
#endif
  // No file manager that can select a file: open the folder that holds it.
  return QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath()));
}

void FileActions::openFile(const QString& path) const {
  if (open(path) || !failed) return;
  failed(QFileInfo::exists(path)
             ? tr("Could not open %1: no application is set up to open this type of file.").arg(QDir::toNativeSeparators(path))
             : tr("Could not open %1: the file is no longer there.").arg(QDir::toNativeSeparators(path)));
}

void FileActions::showInFolder(const QString& path) const {
  if (reveal(path) || !failed) return;
  failed(tr("Could not show %1 in its folder: no file manager is available.").arg(QDir::toNativeSeparators(path)));
}

void FileActions::copyPath(const QString& path) {
  QGuiApplication::clipboard()->setText(QDir::toNativeSeparators(path));
}

void FileActions::addTo(QMenu& menu, const QString& path) const {
  menu.addAction(QIcon(QStringLiteral(":/icons/open.svg")),
                 tr("Open"),
                 [actions = *this, path] { actions.openFile(path); });
  menu.addAction(QIcon(QStringLiteral(":/icons/folder.svg")),
                 tr("Show in folder"),
                 [actions = *this, path] { actions.showInFolder(path); });
  menu.addAction(QIcon(QStringLiteral(":/icons/copy.svg")),
                 tr("Copy path"),
                 [path] { copyPath(path); });
}

}  // namespace xun::gui
