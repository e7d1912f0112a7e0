// One indexing run per index at a time, across processes: a lock file beside the database
// (FILE.lock, a QLockFile: it records the holder's pid, host and application, and a lock left
// by a process that no longer runs is taken over). Two runs would both embed and write the same
// files; SQLite keeps the index consistent either way, so searches never take this lock.
#pragma once

#include <chrono>
#include <optional>

#include <QLockFile>
#include <QString>

#include "xun/error.h"

namespace xun::core {

class IndexLock {
 public:
  struct Holder {
    qint64 pid = 0;
    QString host;
    QString application;
  };

  explicit IndexLock(const QString& database_path);

  // Takes the lock, trying for up to `timeout`. true: this object holds it until destroyed;
  // false: another run holds it (holder() says which); an error: the lock file cannot be
  // made (e.g. the folder cannot be written).
  Result<bool> try_lock(std::chrono::milliseconds timeout = std::chrono::milliseconds(0));
  // The run that holds the lock, as its lock file says; nullopt when it cannot be read.
  std::optional<Holder> holder() const;
  // "FILE is being indexed by xun (pid 123)", naming the host when it is another one.
  QString held_message() const;

 private:
  QString database_path_;
  QLockFile file_;
};

}  // namespace xun::core
