// xun index --db FILE [--model PATH] [--watch] [--wait S] [--chunk-tokens N] [--chunk-overlap N]
//           [--max-text-mb N] [--extract-timeout S] [--extract-memory-mb N] FOLDER...
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTimer>

#include <unistd.h>

#include "commands.h"
#include "index/folder_watcher.h"
#include "index/index_lock.h"
#include "index/indexer.h"
#include "index_models.h"
#include "model_session.h"
#include "output.h"
#include "scan/fs_path.h"
#include "store/index_store.h"

namespace xun::cli {
namespace {

std::atomic<bool> stop_requested{false};

constexpr size_t kSkippedNamedInText = 20;

extern "C" void request_stop(int) { stop_requested = true; }

nlohmann::ordered_json files_json(const std::vector<core::FileFailure>& files, const char* why) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const core::FileFailure& file : files)
    list.push_back({{"path", core::displayed_path(file.path).toStdString()}, {why, file.error.toStdString()}});
  return list;
}

nlohmann::ordered_json report_json(const core::IndexReport& report) {
  const nlohmann::ordered_json failures = files_json(report.failures, "error");
  const nlohmann::ordered_json skipped = files_json(report.skipped, "reason");
  const nlohmann::ordered_json warnings = files_json(report.warnings, "warning");
  return {{"files_seen", report.files_seen},           {"files_indexed", report.files_indexed},
          {"files_unchanged", report.files_unchanged}, {"files_skipped", report.files_skipped},
          {"files_failed", report.files_failed},       {"files_removed", report.files_removed},
          {"chunks", report.chunks},                   {"chunks_embedded", report.chunks_embedded},
          {"chunks_reused", report.chunks_reused},     {"seconds", report.seconds},
          {"cancelled", report.cancelled},             {"failures", failures},
          {"skipped", skipped},                        {"warnings", warnings}};
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", seconds);
  return text;
}

std::string report_text(const core::IndexReport& report) {
  std::string text = std::to_string(report.files_indexed) + " files indexed, " +
                     std::to_string(report.files_unchanged) + " unchanged, " +
                     std::to_string(report.files_skipped) + " skipped, " + std::to_string(report.files_failed) +
                     " failed, " + std::to_string(report.files_removed) + " removed; " +
                     std::to_string(report.chunks) + " chunks (" + std::to_string(report.chunks_embedded) +
                     " embedded, " + std::to_string(report.chunks_reused) + " reused) in " + seconds_text(report.seconds) +
                     (report.cancelled ? ", cancelled" : "") + "\n";
  const auto line = [](const char* what, const core::FileFailure& file) {
    return terminal_safe(std::string("  ") + what + ": " + core::displayed_path(file.path).toStdString() + ": " +
                         file.error.toStdString()) + "\n";
  };
  for (const core::FileFailure& failure : report.failures) text += line("failed", failure);
  for (const core::FileFailure& warning : report.warnings) text += line("warning", warning);
  // Skipped files are named up to a limit: a folder of a thousand FIFOs should not fill the screen.
  const size_t named = std::min(report.skipped.size(), kSkippedNamedInText);
  for (size_t i = 0; i < named; ++i) text += line("skipped", report.skipped[i]);
  if (report.skipped.size() > named)
    text += "  ... and " + std::to_string(report.skipped.size() - named) + " more skipped (--json lists every one)\n";
  return text;
}

// Progress on a terminal only: a pipe or a log file gets the final report alone.
core::Indexer::ProgressCallback progress_printer() {
  if (!::isatty(STDERR_FILENO)) return {};
  return [last = 0.0](const core::IndexProgress& p) mutable {
    if (p.seconds - last < 0.5 && p.files_done != p.files_total) return;
    last = p.seconds;
    std::fprintf(stderr, "\r%lld/%lld files, %lld chunks, %.1f chunks/s%s      ",
                 static_cast<long long>(p.files_done), static_cast<long long>(p.files_total),
                 static_cast<long long>(p.chunks_done), p.chunks_per_second,
                 p.seconds_left ? (", " + std::to_string(static_cast<int>(*p.seconds_left)) + " s left").c_str() : "");
    std::fflush(stderr);
  };
}

bool print_report(const Arguments& arguments, const core::IndexReport& report) {
  if (::isatty(STDERR_FILENO)) std::fputs("\n", stderr);
  if (arguments.json) {
    const nlohmann::ordered_json line = report_json(report);
    return write_json_lines(std::span(&line, 1)).has_value();
  }
  return write_text(report_text(report)).has_value();
}

// The folders as absolute paths (kept byte for byte, scan/fs_path.h), or an error naming the first
// that is missing or not a folder: a mistyped name must not pass as an empty folder.
Result<QStringList> folder_arguments(const std::vector<std::string>& arguments) {
  QStringList folders;
  for (const std::string& argument : arguments) {
    const QString folder = QDir::cleanPath(QFileInfo(core::path_from_bytes(argument)).absoluteFilePath());
    std::error_code error;
    const auto status = std::filesystem::status(core::to_fs_path(folder), error);
    const std::string where = core::displayed_path(folder).toStdString();
    if (status.type() == std::filesystem::file_type::not_found) return fail(where + ": no such folder");
    if (error) return fail(where + ": " + error.message());
    if (!std::filesystem::is_directory(status)) return fail(where + ": not a folder");
    folders << folder;
  }
  return folders;
}

// Takes the index's lock for the whole run (--watch included). Another run holding it is named,
// and waited for up to --wait seconds (without --wait, until it finishes or Ctrl+C). Prints why
// and returns false when the lock was not taken.
bool take_index_lock(core::IndexLock& lock, const Arguments& arguments) {
  auto taken = lock.try_lock();
  if (taken && *taken) return true;
  const std::optional<uint32_t> limit = arguments.wait_seconds;
  if (taken && limit && *limit == 0) {
    print_error(lock.held_message().toStdString() + "; try again when it has finished (or pass --wait SECONDS)");
    return false;
  }
  if (taken) {
    print_error(lock.held_message().toStdString() + "; waiting" +
                (limit ? " up to " + std::to_string(*limit) + " s" : " until it finishes (Ctrl+C stops)"));
  }
  QElapsedTimer waited;
  waited.start();
  while (taken && !*taken && !stop_requested) {
    if (limit && waited.elapsed() >= qint64{*limit} * 1000) {
      print_error(lock.held_message().toStdString() + "; gave up waiting after " + std::to_string(*limit) + " s");
      return false;
    }
    taken = lock.try_lock(std::chrono::milliseconds(200));
  }
  if (!taken) {
    print_error(taken.error().message);
    return false;
  }
  return *taken;  // false: stopped by SIGINT or SIGTERM while waiting
}

}  // namespace

int run_index(const Arguments& arguments) {
  auto folders = folder_arguments(arguments.positional);
  if (!folders) {
    print_error(folders.error().message);
    return kExitFailure;
  }
  auto store = core::IndexStore::open(QString::fromStdString(*arguments.db));
  if (!store) {
    print_error(store.error().message);
    return kExitFailure;
  }
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  core::IndexLock lock((*store)->path());
  if (!take_index_lock(lock, arguments)) return kExitFailure;
  IndexModels models;
  if (arguments.model) {
    if (auto loaded = models.load_embedding(*arguments.model, engine_options(arguments)); !loaded) {
      print_error(loaded.error().message);
      return models.finish(kExitFailure);
    }
  }
  core::IndexOptions options;
  if (arguments.chunk_tokens) options.chunking.target_tokens = static_cast<int>(*arguments.chunk_tokens);
  if (arguments.chunk_overlap) options.chunking.overlap_tokens = static_cast<int>(*arguments.chunk_overlap);
  if (arguments.max_text_mb) options.extract.max_text_chars = *arguments.max_text_mb * core::text_chars_per_mb;
  if (arguments.extract_timeout) options.extract_worker.timeout = std::chrono::seconds(*arguments.extract_timeout);
  if (arguments.extract_memory_mb) options.extract_worker.memory_mb = *arguments.extract_memory_mb;

  core::Indexer indexer(**store, models.embedding(), options);
  auto run_once = [&]() -> bool {
    auto report = indexer.index_folders(*folders, progress_printer(), &stop_requested);
    if (!report) {
      print_error(report.error().message);
      return false;
    }
    return print_report(arguments, *report);
  };
  if (!arguments.watch) return models.finish(run_once() ? kExitOk : kExitFailure);

  // Watch: re-index when something changes, until SIGINT or SIGTERM. The watcher starts before
  // the first run, so that a change made while it runs is picked up by the next.
  int argc = 1;
  char name[] = "xun";
  char* argv[] = {name, nullptr};
  QCoreApplication application(argc, argv);
  core::FolderWatcher watcher(*folders);
  if (!run_once()) return models.finish(kExitFailure);
  bool failed = false;
  QObject::connect(&watcher, &core::FolderWatcher::changed, [&] {
    if (!run_once()) {
      failed = true;
      application.quit();
    }
  });
  QTimer stop_poll;
  QObject::connect(&stop_poll, &QTimer::timeout, [&] {
    if (stop_requested) application.quit();
  });
  stop_poll.start(200);
  application.exec();
  return models.finish(failed ? kExitFailure : kExitOk);
}

}  // namespace xun::cli
