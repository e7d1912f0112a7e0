// Input is processed a batch of lines at a time: big enough for the engine to pack many
// sequences into one forward pass, small enough that results stream out of a long input.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>

#include "jsonl_input.h"
#include "xun/error.h"

namespace xun::cli {

inline constexpr size_t kBatchLines = 64;

// An engine error for a whole batch, pinned to the first line that fails on its own:
// `run_alone(i)` runs line i by itself and returns its error, if any. When none fails alone,
// the error names the range of lines. Only called on the error path.
Error pin_batch_error(std::span<const InputLine> lines, const Error& batch_error,
                      const std::function<std::optional<Error>(size_t)>& run_alone);

}  // namespace xun::cli
