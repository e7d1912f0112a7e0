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

namespace xun::gui {

void FileActions::openWithSystem(const QString& path) {
  QDesktopServices::openUrl(QUrl::fromLocalFile(path));
}

void FileActions::showInFileManager(const QString& path) {
#if defined(Q_OS_WIN)
  if (QProcess::startDetached(QStringLiteral("explorer.exe"),
                              {QStringLiteral("/select,"), QDir::toNativeSeparators(path)}))
    return;
#elif defined(Q_OS_MACOS)
  if (QProcess::startDetached(QStringLiteral("open"), {QStringLiteral("-R"), path})) return;
#endif
  // Linux and the rest: no portable way to select a file (FileManager1 needs D-Bus, which the
  // application does not link), so open the folder that holds it.
  QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath()));
}

void FileActions::copyPath(const QString& path) {
  QGuiApplication::clipboard()->setText(QDir::toNativeSeparators(path));
}

void FileActions::addTo(QMenu& menu, const QString& path) const {
  menu.addAction(QIcon(QStringLiteral(":/icons/open.svg")),
                 tr("Open"),
                 [open = open, path] { open(path); });
  menu.addAction(QIcon(QStringLiteral(":/icons/folder.svg")),
                 tr("Show in folder"),
                 [reveal = reveal, path] { reveal(path); });
  menu.addAction(QIcon(QStringLiteral(":/icons/copy.svg")),
                 tr("Copy path"),
                 [path] { copyPath(path); });
}

}  // namespace xun::gui
