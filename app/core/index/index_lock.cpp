#include "index/index_lock.h"

#include <QSysInfo>

namespace xun::core {

IndexLock::IndexLock(const QString& database_path)
    : database_path_(database_path), file_(database_path + QStringLiteral(".lock")) {
  // A run holds the lock for as long as it indexes (hours with --watch): only a holder that no
  // longer runs makes the lock stale, never its age.
  file_.setStaleLockTime(0);
}

Result<bool> IndexLock::try_lock(std::chrono::milliseconds timeout) {
  if (file_.tryLock(timeout)) return true;
  switch (file_.error()) {
    case QLockFile::LockFailedError:
      return false;
    case QLockFile::PermissionError:
      return fail(file_.fileName().toStdString() +
                  ": cannot create the lock file that keeps other indexing runs out (can its folder be written?)");
    default:
      return fail(file_.fileName().toStdString() + ": cannot create the lock file that keeps other indexing runs out");
  }
}

std::optional<IndexLock::Holder> IndexLock::holder() const {
  Holder holder;
  if (!file_.getLockInfo(&holder.pid, &holder.host, &holder.application)) return std::nullopt;
  return holder;
}

QString IndexLock::held_message() const {
  const std::optional<Holder> who = holder();
  if (!who) return QStringLiteral("%1 is being indexed by another program").arg(database_path_);
  const QString application = who->application.isEmpty() ? QStringLiteral("another program") : who->application;
  QString where = QStringLiteral("pid %1").arg(who->pid);
  if (!who->host.isEmpty() && who->host != QSysInfo::machineHostName()) where += QStringLiteral(" on ") + who->host;
  return QStringLiteral("%1 is being indexed by %2 (%3)").arg(database_path_, application, where);
}

}  // namespace xun::core
