// The Qwen3 forward pass (prefill only) over one packed batch, recorded into one command
// buffer and submitted once. Returns, per sequence, the final-norm hidden state of its last
// token and, when asked, the "yes"/"no" logits.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "model/model_files.h"
#include "qwen3/batch.h"
#include "qwen3/kernels.h"
#include "qwen3/weights.h"
#include "vk/sequence.h"

namespace xun::qwen3 {

struct ForwardResult {
  std::vector<float> hidden;  // [outputs, hidden_size], final-norm state of each last token
  std::vector<float> logits;  // [outputs, 2] (yes, no) when the head was asked for
};

class Forward {
 public:
  // `files` must outlive the Forward (embedding rows are read from its mapped file).
  static Result<std::unique_ptr<Forward>> create(std::shared_ptr<const vk::Device> device,
                                                 const model::ModelFiles& files, ModelWeights weights);

  ~Forward();

  // The most tokens one batch may hold on this device (binding range and dispatch limits);
  // lowered when a batch's activations did not fit in the device's memory.
  uint32_t max_batch_tokens() const { return max_batch_tokens_; }
  uint32_t token_limit() const { return token_limit_; }
  bool has_head() const { return weights_.yes_no_head.has_value(); }
  const ModelWeights& weights() const { return weights_; }

  Result<void> set_profiling(bool enabled) { return sequence_.set_profiling(enabled); }
  const std::map<std::string, vk::Sequence::KernelTime>& kernel_times() const { return sequence_.kernel_times(); }
  void clear_kernel_times() { sequence_.clear_kernel_times(); }
  std::vector<std::string> execution_paths() const;

  // The batch must hold valid ids and at most token_limit() tokens. One result row per
  // entry of batch.last_tokens. Not thread-safe: one batch at a time. An error of kind
  // out_of_memory has lowered max_batch_tokens: split the batch and run the parts.
  Result<ForwardResult> run(const PackedBatch& batch, bool with_head);

 private:
  struct Activations;
  Forward(std::shared_ptr<const vk::Device> device, const model::ModelFiles& files, ModelWeights weights,
          Kernels kernels, vk::Sequence sequence);
  Result<void> reserve(uint32_t tokens, uint32_t outputs, uint32_t positions);
  Result<void> upload_inputs(const PackedBatch& batch);
  Result<void> record(const PackedBatch& batch, bool with_head);
  uint32_t widest_input() const;  // the largest inner dimension of any matmul
  struct TokenBuffer;
  std::vector<TokenBuffer> token_buffers(uint64_t tokens) const;  // each buffer with a row per token
  void release_token_buffers();

  std::shared_ptr<const vk::Device> device_;
  const model::ModelFiles& files_;
  ModelWeights weights_;
  Kernels kernels_;
  vk::Sequence sequence_;
  std::unique_ptr<Activations> activations_;
  uint32_t token_limit_ = 0;       // what the bindings and dispatch limits allow
  uint32_t max_batch_tokens_ = 0;  // what batches are planned at: lowered after running out of memory
};

}  // namespace xun::qwen3
