#include "xun_process.h"

#include <QFile>
#include <functional>

#include <linux/capability.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "test_support.h"

namespace xun::test {

QByteArray XunRun::describe() const {
  return QByteArray("started=") + (started ? "yes" : "no") + " finished=" + (finished ? "yes" : "no") +
         " status=" + (status == QProcess::NormalExit ? "normal" : "crash") +
         " exit=" + QByteArray::number(exit_code) + " stderr: " + err.left(2000);
}

namespace {

XunRun run_process(const QStringList& arguments, const QByteArray& input, int timeout_ms,
                   const QProcessEnvironment& environment, const std::function<void()>& in_child) {
  QProcess process;
  process.setProcessEnvironment(environment);
  if (in_child) process.setChildProcessModifier(in_child);
  process.start(QString::fromStdString(xun_binary().string()), arguments);
  XunRun run;
  run.started = process.waitForStarted(30'000);
  if (!run.started) {
    run.err = process.errorString().toUtf8();
    return run;
  }
  if (!input.isEmpty()) process.write(input);
  process.closeWriteChannel();
  run.finished = process.waitForFinished(timeout_ms);
  if (!run.finished) {
    process.kill();
    process.waitForFinished(10'000);
  }
  run.status = process.exitStatus();
  run.exit_code = process.exitCode();
  run.out = process.readAllStandardOutput();
  run.err = process.readAllStandardError();
  return run;
}

// Drops, in the child between fork and exec, what lets root bypass file permissions; the
// bounding set limits what the exec'd program gets. Fails harmlessly for other users.
void drop_file_override_capabilities() {
  ::prctl(PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, 0, 0, 0);
  ::prctl(PR_CAPBSET_DROP, CAP_DAC_READ_SEARCH, 0, 0, 0);
}

}  // namespace

XunRun run_xun(const QStringList& arguments, const QByteArray& input, int timeout_ms,
               const QProcessEnvironment& environment) {
  return run_process(arguments, input, timeout_ms, environment, {});
}

XunRun run_xun_in_child(const QStringList& arguments, const std::function<void()>& in_child) {
  return run_process(arguments, {}, 600'000, QProcessEnvironment::systemEnvironment(), in_child);
}

bool can_bind_xun_by_permissions() {
  if (::geteuid() != 0) return true;
  QFile status(QStringLiteral("/proc/self/status"));
  if (!status.open(QIODevice::ReadOnly)) return false;
  for (const QByteArray& line : status.readAll().split('\n')) {
    if (!line.startsWith("CapEff:")) continue;
    bool ok = false;
    const qulonglong effective = line.mid(7).trimmed().toULongLong(&ok, 16);
    return ok && (effective & (1ull << CAP_SETPCAP)) != 0;
  }
  return false;
}

XunRun run_xun_bound_by_permissions(const QStringList& arguments) {
  return run_process(arguments, {}, 600'000, QProcessEnvironment::systemEnvironment(), drop_file_override_capabilities);
}

}  // namespace xun::test
