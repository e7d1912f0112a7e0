// Runs the xun command line as a child process, as a user or a script would.
#pragma once

#include <functional>

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

// As run_xun, with `in_child` run in the child process before xun starts (a resource limit).
XunRun run_xun_in_child(const QStringList& arguments, const std::function<void()>& in_child);

// Whether run_xun_bound_by_permissions binds xun by file permissions: true for a user other
// than root, and for root when it may drop capabilities (CAP_SETPCAP; a container may not).
bool can_bind_xun_by_permissions();

// As run_xun, but xun runs without the capabilities that let root read any file whatever its
// permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH): a folder with mode 000 cannot be listed,
// as for any user. For tests that make files unreadable, on machines where tests run as root.
XunRun run_xun_bound_by_permissions(const QStringList& arguments);

}  // namespace xun::test
