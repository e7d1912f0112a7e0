// Runs the xun command line as a child process, as a user or a script would.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace xun::test {

struct XunRun {
  bool started = false;
  bool finished = false;  // within the timeout
  QProcess::ExitStatus status = QProcess::CrashExit;
  int exit_code = -1;
  QByteArray out;
  QByteArray err;

  bool succeeded() const { return finished && status == QProcess::NormalExit && exit_code == 0; }
  // For failure messages.
  QByteArray describe() const;
};

// Runs xun (xun_binary()) with `arguments`; `input` goes to its standard input. A run past
// `timeout_ms` is killed and reported as not finished.
XunRun run_xun(const QStringList& arguments, const QByteArray& input = {}, int timeout_ms = 600'000,
               const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());

}  // namespace xun::test
