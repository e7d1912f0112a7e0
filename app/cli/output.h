// What the commands write: JSON lines on standard output, one-line errors on standard error.
#pragma once

#include <nlohmann/json.hpp>
#include <span>
#include <string_view>

#include "xun/error.h"

namespace xun::cli {

// Exit codes of `xun`.
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,     // bad input, bad model, engine error
  kExitUsage = 2,       // a mistake on the command line
  kExitValidation = 3,  // XUN_VULKAN_VALIDATION=1 and the validation layer reported something
};

// Writes each object as one line of JSON (keys in the order they were added) on standard
// output, then flushes, so that a reader of the pipe sees every batch as soon as it is done.
Result<void> write_json_lines(std::span<const nlohmann::ordered_json> lines);
// Writes text as it is on standard output.
Result<void> write_text(std::string_view text);

// Text from files (names, snippets) made safe to print on a terminal: control characters that a
// terminal would obey (ESC starting a title or clear-screen sequence, BEL, CR, backspace, DEL,
// the C1 controls such as CSI U+009B) and bytes that are not UTF-8 are shown as escapes, the way
// git shows such names: ESC as "\x1b", U+009B as "\u009b". Tabs and, with keep_line_breaks,
// line feeds stay. Everything else is unchanged.
std::string terminal_safe(std::string_view utf8, bool keep_line_breaks = false);

// Prints "xun: message" as one line on standard error (line breaks in `message` become spaces,
// other controls are escaped as terminal_safe does).
void print_error(std::string_view message);

// A float as the double whose shortest decimal form is the float's shortest form, so that
// nlohmann prints "0.1" rather than "0.10000000149011612" and the value reads back as the
// same float. Non-finite values become NaN, which nlohmann prints as null.
double json_float(float value);

}  // namespace xun::cli
