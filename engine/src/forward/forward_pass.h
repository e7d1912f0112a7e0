// The seam between the model and its backends. Above it, once for every backend: prompts,
// tokenization, batch planning and re-planning, the shared rerank prefix, last-token outputs
// and MRL (api/qwen3_model). Below it, the Qwen3 forward pass (prefill only) over one packed
// batch, implemented by the Vulkan backend (qwen3/forward: any GPU, lavapipe) and the native
// CPU backend (cpu/cpu_forward).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "forward/batch.h"
#include "xun/error.h"

namespace xun::qwen3 {

struct ForwardResult {
  std::vector<float> hidden;  // [outputs, hidden_size], final-norm state of each last token
  std::vector<float> logits;  // [outputs, 2] (yes, no) when the head was asked for
};

// Time spent in one kind of operation while profiling was on. The entry named "forward"
// counts whole forward passes (dispatches = passes, milliseconds = their wall time).
struct OperationTime {
  double milliseconds = 0;
  uint32_t dispatches = 0;
};

class ForwardPass {
 public:
  virtual ~ForwardPass() = default;

  // The most tokens one batch may hold (what the backend can address), and what batches are
  // planned at now: lowered after a batch did not fit in memory.
  virtual uint32_t token_limit() const = 0;
  virtual uint32_t max_batch_tokens() const = 0;
  virtual bool has_head() const = 0;  // the "yes"/"no" rows of an LM head are present

  // The batch holds valid ids and at most token_limit() tokens; one result row per entry of
  // batch.last_tokens. One batch at a time (the model serialises calls). An error of kind
  // out_of_memory has lowered max_batch_tokens(): split the batch and run the parts.
  virtual Result<ForwardResult> run(const PackedBatch& batch, bool with_head) = 0;

  virtual Result<void> set_profiling(bool enabled) = 0;
  virtual std::map<std::string, OperationTime> operation_times() const = 0;
  virtual void clear_operation_times() = 0;
  // What runs, in words, e.g. "matmul: BLIS sgemm on f32 panels ...".
  virtual std::vector<std::string> execution_paths() const = 0;
};

}  // namespace xun::qwen3
