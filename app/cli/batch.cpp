#include "batch.h"

#include <string>
#include <string_view>

#include "text.h"

namespace xun::cli {
namespace {

// The engine numbers the inputs of a call ("input 3: ..."); once the error is pinned to a line
// of the file, that number (always of a call with one input) would only confuse.
std::string without_input_number(const std::string& message) {
  constexpr std::string_view kPrefix = "input ";
  if (!message.starts_with(kPrefix)) return message;
  size_t end = kPrefix.size();
  while (end < message.size() && message[end] >= '0' && message[end] <= '9') ++end;
  if (end == kPrefix.size() || message.compare(end, 2, ": ") != 0) return message;
  return message.substr(end + 2);
}

}  // namespace

Error pin_batch_error(std::span<const InputLine> lines, const Error& batch_error,
                      const std::function<std::optional<Error>(size_t)>& run_alone) {
  if (lines.empty()) return batch_error;
  if (lines.size() == 1) return lines.front().error(without_input_number(batch_error.message));
  for (size_t i = 0; i < lines.size(); ++i)
    if (std::optional<Error> alone = run_alone(i))
      return lines[i].error(without_input_number(alone->message));
  return Error{concat(lines.front().source, ":", lines.front().number, "-", lines.back().number,
                      ": ", batch_error.message)};
}

}  // namespace xun::cli
