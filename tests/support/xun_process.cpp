#include "xun_process.h"

#include "test_support.h"

namespace xun::test {

QByteArray XunRun::describe() const {
  return QByteArray("started=") + (started ? "yes" : "no") + " finished=" + (finished ? "yes" : "no") +
         " status=" + (status == QProcess::NormalExit ? "normal" : "crash") +
         " exit=" + QByteArray::number(exit_code) + " stderr: " + err.left(2000);
}

XunRun run_xun(const QStringList& arguments, const QByteArray& input, int timeout_ms,
               const QProcessEnvironment& environment) {
  QProcess process;
  process.setProcessEnvironment(environment);
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

}  // namespace xun::test
