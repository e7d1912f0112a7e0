#include "services/shared_model.h"

namespace xun::gui {

SharedModel::SharedModel(std::shared_ptr<SharedEngine> engine, std::unique_ptr<xun::Model> model)
    : engine_(std::move(engine)), model_(std::move(model)) {}

SharedModel::~SharedModel() {
  std::lock_guard lock(engine_->mutex);
  model_.reset();  // frees device memory: the queue may be in use by the other thread
}

Result<std::vector<std::vector<float>>> SharedModel::embed(std::span<const EmbedRequest> requests,
                                                           const EmbedOptions& options) {
  std::lock_guard lock(engine_->mutex);
  return model_->embed(requests, options);
}

Result<std::vector<RerankScore>> SharedModel::rerank(std::span<const RerankRequest> requests,
                                                     const RerankOptions& options) {
  std::lock_guard lock(engine_->mutex);
  return model_->rerank(requests, options);
}

Result<std::vector<std::vector<float>>> SharedModel::embed_ids(
    std::span<const std::vector<int32_t>> sequences, std::optional<uint32_t> dimension) {
  std::lock_guard lock(engine_->mutex);
  return model_->embed_ids(sequences, dimension);
}

Result<std::vector<RerankScore>> SharedModel::score_ids(std::span<const std::vector<int32_t>> sequences) {
  std::lock_guard lock(engine_->mutex);
  return model_->score_ids(sequences);
}

Result<void> SharedModel::set_profiling(bool enabled) {
  std::lock_guard lock(engine_->mutex);
  return model_->set_profiling(enabled);
}

std::vector<KernelTiming> SharedModel::kernel_timings() const {
  std::lock_guard lock(engine_->mutex);
  return model_->kernel_timings();
}

void SharedModel::clear_kernel_timings() {
  std::lock_guard lock(engine_->mutex);
  model_->clear_kernel_timings();
}

std::vector<std::string> SharedModel::execution_paths() const {
  std::lock_guard lock(engine_->mutex);
  return model_->execution_paths();
}

}  // namespace xun::gui
