// One engine shared by the search and indexing threads. A Vulkan queue must not be used by two
// threads at once, so every call into the engine or one of its models holds the engine's lock;
// the indexer embeds in batches, so a search waits for at most one batch.
#pragma once

#include <memory>
#include <mutex>

#include "xun/engine.h"

namespace xun::gui {

struct SharedEngine {
  std::mutex mutex;
  std::unique_ptr<xun::Engine> engine;
};

// A model whose every call holds its engine's lock. Keeps the engine alive while it exists, so a
// search or an indexing run can finish with a model the user has just replaced.
class SharedModel final : public xun::Model {
 public:
  SharedModel(std::shared_ptr<SharedEngine> engine, std::unique_ptr<xun::Model> model);
  ~SharedModel() override;

  const ModelInfo& info() const override { return model_->info(); }
  const Tokenizer& tokenizer() const override { return model_->tokenizer(); }
  Result<std::vector<std::vector<float>>> embed(std::span<const EmbedRequest> requests,
                                                const EmbedOptions& options) override;
  Result<std::vector<RerankScore>> rerank(std::span<const RerankRequest> requests,
                                          const RerankOptions& options) override;
  Result<std::vector<std::vector<float>>> embed_ids(std::span<const std::vector<int32_t>> sequences,
                                                    std::optional<uint32_t> dimension) override;
  Result<std::vector<RerankScore>> score_ids(std::span<const std::vector<int32_t>> sequences) override;
  Result<void> set_profiling(bool enabled) override;
  std::vector<KernelTiming> kernel_timings() const override;
  void clear_kernel_timings() override;
  std::vector<std::string> execution_paths() const override;

 private:
  std::shared_ptr<SharedEngine> engine_;
  std::unique_ptr<xun::Model> model_;
};

}  // namespace xun::gui
