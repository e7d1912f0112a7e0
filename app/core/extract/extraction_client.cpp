#include "extract/extraction_client.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "extract/extract_protocol.h"
#include "scan/fs_path.h"

extern char** environ;

namespace xun::core {
namespace {

constexpr char worker_name[] = "xun-extract-worker";

// A response holds the text as UTF-16 plus pages and warnings: anything much larger is broken.
qint64 max_response_bytes(const ExtractOptions& options) {
  return std::min<qint64>(2 * options.max_text_chars + (64LL << 20), 0xFFFFFFFFLL);
}

QString seconds_text(std::chrono::milliseconds timeout) {
  return QLocale::c().toString(static_cast<double>(timeout.count()) / 1000.0, 'g', 6);
}

}  // namespace

QString default_extract_worker_program() {
  if (const QByteArray chosen = qgetenv("XUN_EXTRACT_WORKER"); !chosen.isEmpty()) return QFile::decodeName(chosen);
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return QString::fromLatin1(worker_name);
  return to_qstring(self.parent_path() / worker_name);
}

ExtractionClient::ExtractionClient(ExtractWorkerOptions options)
    : options_(std::move(options)),
      program_(options_.program.isEmpty() ? default_extract_worker_program() : options_.program) {}

ExtractionClient::~ExtractionClient() { stop(/*let_it_finish=*/true); }

Result<void> ExtractionClient::check_program() const {
  const QFileInfo info(program_);
  if (info.isFile() && info.isExecutable()) return {};
  return fail("the text extractor " + QDir::toNativeSeparators(program_).toStdString() +
              " is missing or cannot run: it is installed beside xun (XUN_EXTRACT_WORKER can name another)");
}

Result<void> ExtractionClient::start() {
  if (auto present = check_program(); !present) return present;
  int ends[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0)
    return fail(std::string("cannot start the text extractor: ") + std::strerror(errno));
  const std::string program = to_fs_path(program_).native();
  const std::string memory = std::to_string(options_.memory_mb);
  char* argv[] = {const_cast<char*>(program.c_str()), const_cast<char*>("--memory-mb"),
                  const_cast<char*>(memory.c_str()), nullptr};
  // The worker's standard input and output are its end of the socket; its standard error (a
  // parser's complaints) goes nowhere: what matters comes back in the response.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, ends[1], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, ends[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  const int spawned = ::posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(ends[1]);
  if (spawned != 0) {
    pid_ = -1;
    ::close(ends[0]);
    return fail("cannot start the text extractor " + program + ": " + std::strerror(spawned));
  }
  socket_ = ends[0];
  return {};
}

void ExtractionClient::stop(bool let_it_finish) {
  if (socket_ >= 0) ::close(socket_);
  socket_ = -1;
  if (pid_ <= 0) return;
  // An idle worker ends on its own when its input closes; a busy one (past the time limit) is
  // killed at once.
  pid_t done = 0;
  for (int attempt = 0; let_it_finish && attempt < 100 && (done = ::waitpid(pid_, nullptr, WNOHANG)) == 0; ++attempt)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  if (done != pid_) {
    ::kill(pid_, SIGKILL);
    while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  pid_ = -1;
}

std::string ExtractionClient::reap() {
  ::close(socket_);
  socket_ = -1;
  int status = 0;
  // The socket closes as the worker dies; give it a moment to be gone before forcing it.
  pid_t done = 0;
  for (int attempt = 0; attempt < 200 && (done = ::waitpid(pid_, &status, WNOHANG)) == 0; ++attempt)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (done == 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
  }
  pid_ = -1;
  const std::string memory = " (the extraction memory limit is " + std::to_string(options_.memory_mb) + " MB per file)";
  if (done > 0 && WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    return "the text extractor crashed on this file (signal " + std::to_string(signal) + ", " + strsignal(signal) +
           ")" + memory;
  }
  if (done > 0 && WIFEXITED(status))
    return "the text extractor stopped on this file (exit code " + std::to_string(WEXITSTATUS(status)) + ")" + memory;
  return "the text extractor closed its connection on this file";
}

Result<ExtractedDocument> ExtractionClient::extract(const QString& path, const ExtractOptions& options) {
  const std::string where = QDir::toNativeSeparators(displayed_path(path)).toStdString();
  const QByteArray request = extract_protocol::encode_request(
      {.path = QByteArray::fromStdString(to_fs_path(path).native()), .options = options});
  // A worker that died since the last file (or was never started) is started again, once.
  for (int attempt = 0;; ++attempt) {
    if (pid_ < 0)
      if (auto started = start(); !started) return std::unexpected(in_context(where, started.error()));
    if (extract_protocol::write_frame(socket_, request)) break;
    stop();
    if (attempt == 1) return fail(where + ": the text extractor does not accept requests");
  }
  const auto deadline = std::chrono::steady_clock::now() + options_.timeout;
  const auto frame = extract_protocol::read_frame(socket_, max_response_bytes(options), deadline);
  switch (frame.status) {
    case extract_protocol::ReadStatus::frame:
      break;
    case extract_protocol::ReadStatus::timed_out:
      stop();
      return fail(where + ": stopped after the extraction time limit of " + seconds_text(options_.timeout).toStdString() +
                  " s per file");
    case extract_protocol::ReadStatus::too_large:
      stop();
      return fail(where + ": the text extractor sent more than the text limit allows");
    case extract_protocol::ReadStatus::closed:
      return fail(where + ": " + reap());
  }
  auto response = extract_protocol::decode_response(frame.payload);
  if (!response) {
    stop();
    return std::unexpected(in_context(where, response.error()));
  }
  return std::move(*response);
}

}  // namespace xun::core
