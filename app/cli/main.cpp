// xun: the command line of Xun. Dispatches to one command per file; nothing escapes main as
// an exception, and every error is one line on standard error.
#include <csignal>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "arguments.h"
#include "commands.h"
#include "output.h"

#ifndef XUN_ENGINE_ONLY
#include "window/gui_main.h"
#endif

#ifndef XUN_VERSION
#define XUN_VERSION "unknown"
#endif

namespace xun::cli {
namespace {

int run(std::span<const std::string_view> words) {
  auto arguments = parse_arguments(words);
  if (!arguments) {
    print_error(arguments.error().message);
    return kExitUsage;
  }
  if (arguments->version) {
    (void)write_text("xun " XUN_VERSION "\n");
    return kExitOk;
  }
  if (arguments->help) {
    const std::string help =
        arguments->command == Command::none ? general_help() : command_help(arguments->command);
    return write_text(help) ? kExitOk : kExitFailure;
  }
  switch (arguments->command) {
    case Command::devices:
      return run_devices(*arguments);
    case Command::tokenize:
      return run_tokenize(*arguments);
    case Command::embed:
      return run_embed(*arguments);
    case Command::rerank:
      return run_rerank(*arguments);
    case Command::synth_model:
      return run_synth_model(*arguments);
    case Command::bench:
      return run_bench(*arguments);
#ifndef XUN_ENGINE_ONLY
    case Command::index:
      return run_index(*arguments);
    case Command::search:
      return run_search(*arguments);
    case Command::status:
      return run_status(*arguments);
#else
    case Command::index:
    case Command::search:
    case Command::status:
      print_error(std::string("'") + std::string(command_name(arguments->command)) +
                  "' is not part of xun-engine, which has the engine commands only; use xun");
      return kExitUsage;
#endif
    case Command::none:
      break;
  }
  print_error("no command given (see 'xun --help')");
  return kExitUsage;
}

}  // namespace
}  // namespace xun::cli

int main(int argc, char** argv) {
  using namespace xun::cli;
  try {
    std::ios::sync_with_stdio(false);  // input comes through std::cin, output through stdio
    // A write past the file size limit (ulimit -f) would kill the process without a word; ignored,
    // the write fails with EFBIG and the error names the file (e.g. the index: "file too large").
    std::signal(SIGXFSZ, SIG_IGN);
#ifndef XUN_ENGINE_ONLY
    // No command: the desktop application. Any command keeps xun a tool that needs no display.
    if (argc <= 1) return xun::gui::run_gui(argc, argv);
#endif
    const std::vector<std::string_view> words(argv + 1, argv + argc);
    return run(words);
  } catch (const std::exception& error) {
    print_error(std::string("internal error: ") + error.what());
  } catch (...) {
    print_error("internal error: unknown exception");
  }
  return kExitFailure;
}
