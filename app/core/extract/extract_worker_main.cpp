// xun-extract-worker: reads the text of one file after another for the indexer, in a process of
// its own, so that a file which crashes a parser, exhausts memory or never ends costs that file
// and not the run (as Tracker and Baloo do). It answers each request frame on its standard input
// with a response frame on its standard output (extract_protocol.h) until the input closes.
//
//   xun-extract-worker [--memory-mb N]
//
// --memory-mb caps the data segment (RLIMIT_DATA): an allocation past it fails, and the answer
// says the file needs more memory than the limit. The indexer enforces the time limit itself.
// Test hook, for the test suites only: XUN_EXTRACT_WORKER_FAULT=crash:NAME or hang:NAME makes
// the worker abort or spin on a file whose name is NAME (a stand-in for a parser bug).
#include <QByteArray>
#include <QFileInfo>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <new>
#include <string>

#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "extract/extract.h"
#include "extract/extract_protocol.h"
#include "scan/fs_path.h"

using namespace xun;
using namespace xun::core;

namespace {

constexpr qint64 max_request_bytes = 1 << 20;

// The fault the test hook asks for on `path`, or nothing.
std::string test_fault_for(const QString& path) {
  const char* hook = std::getenv("XUN_EXTRACT_WORKER_FAULT");
  if (hook == nullptr) return {};
  const QByteArray spec(hook);
  const qsizetype colon = spec.indexOf(':');
  if (colon < 0 || QFileInfo(path).fileName().toUtf8() != spec.mid(colon + 1)) return {};
  return spec.left(colon).toStdString();
}

void apply_test_fault(const QString& path) {
  const std::string fault = test_fault_for(path);
  if (fault == "crash") std::abort();
  if (fault == "hang") {
    volatile unsigned long spin = 0;
    while (true) spin = spin + 1;  // busy, as a parser in an endless loop would be
  }
}

Result<ExtractedDocument> extract(const extract_protocol::Request& request, qint64 memory_mb) {
  const QString path = to_qstring(std::filesystem::path(request.path.toStdString()));
  apply_test_fault(path);
  try {
    return extract_document(path, request.options);
  } catch (const std::bad_alloc&) {  // what unwinds is freed: the worker goes on with the next file
    return fail(displayed_path(path).toStdString() + ": extracting its text needs more than the memory limit of " +
                std::to_string(memory_mb) + " MB per file");
  }
}

}  // namespace

int main(int argc, char** argv) {
  // A worker busy on a file when the indexer is killed would otherwise run on alone.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  qint64 memory_mb = 0;
  for (int i = 1; i + 1 < argc; i += 2)
    if (std::strcmp(argv[i], "--memory-mb") == 0) memory_mb = std::atoll(argv[i + 1]);
#ifndef __SANITIZE_ADDRESS__  // AddressSanitizer reserves terabytes of shadow memory up front
  if (memory_mb > 0) {
    const rlim_t bytes = static_cast<rlim_t>(memory_mb) << 20;
    const rlimit limit{bytes, bytes};
    setrlimit(RLIMIT_DATA, &limit);
  }
#endif
  // The protocol owns the standard output: whatever a library prints goes to standard error.
  const int protocol_out = ::dup(STDOUT_FILENO);
  ::dup2(STDERR_FILENO, STDOUT_FILENO);
  std::signal(SIGPIPE, SIG_IGN);  // the indexer gone: the write fails and the worker ends

  for (;;) {
    const auto frame = extract_protocol::read_frame(STDIN_FILENO, max_request_bytes);
    if (frame.status != extract_protocol::ReadStatus::frame) return 0;
    auto request = extract_protocol::decode_request(frame.payload);
    QByteArray response;
    try {
      response = extract_protocol::encode_response(request ? extract(*request, memory_mb)
                                                            : Result<ExtractedDocument>(std::unexpected(request.error())));
    } catch (const std::bad_alloc&) {
      const std::string where =
          request ? displayed_path(to_qstring(std::filesystem::path(request->path.toStdString()))).toStdString() + ": "
                  : std::string();
      response = extract_protocol::encode_response(fail(where + "its text is too large to pass on within the memory limit of " +
                                                        std::to_string(memory_mb) + " MB per file"));
    }
    if (!extract_protocol::write_frame(protocol_out, response)) return 0;
  }
}
