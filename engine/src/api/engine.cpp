// Engine: the Vulkan device the models run on, and the entry points of the public API.
#include "xun/engine.h"

#include "api/model_info.h"
#include "api/qwen3_model.h"
#include "model/model_files.h"
#include "vk/open_device.h"

namespace xun {
namespace {

class VulkanEngine final : public Engine {
 public:
  explicit VulkanEngine(std::shared_ptr<const vk::Device> device) : device_(std::move(device)) {}

  const DeviceInfo& device() const override { return device_->info(); }

  Result<std::unique_ptr<Model>> load_model(const std::filesystem::path& path) override {
    return Qwen3Model::load(device_, path);
  }

  std::vector<std::string> validation_messages() const override {
    return device_->instance().validation_messages();
  }

  DeviceMemoryUsage memory_usage() const override {
    return {device_->memory_in_use(), device_->memory_peak()};
  }

  void reset_memory_peak() override { device_->reset_memory_peak(); }

 private:
  std::shared_ptr<const vk::Device> device_;
};

}  // namespace

std::string_view to_string(DeviceType type) {
  switch (type) {
    case DeviceType::discrete_gpu: return "discrete";
    case DeviceType::integrated_gpu: return "integrated";
    case DeviceType::virtual_gpu: return "virtual";
    case DeviceType::cpu: return "cpu";
    case DeviceType::other: return "other";
  }
  return "other";
}

std::string_view to_string(ModelKind kind) {
  return kind == ModelKind::reranker ? "reranker" : "embedding";
}

Result<ModelInfo> inspect_model(const std::filesystem::path& path, const InspectOptions& options) {
  // The same file checks as Qwen3Model::load, stopping before anything reaches a device.
  auto files = model::open_model(path, {.fingerprint = options.fingerprint});
  if (!files) return std::unexpected(files.error());
  if (auto supported = check_supported(*files); !supported) return std::unexpected(supported.error());
  ModelInfo info = describe_model(*files);
  if (auto tokenizer = create_tokenizer(*files); !tokenizer) return std::unexpected(tokenizer.error());
  return info;
}

Result<std::vector<DeviceInfo>> Engine::list_devices(const EngineOptions& options) {
  auto instance = vk::Instance::create(vk::validation_requested(options));
  if (!instance) return std::unexpected(instance.error());
  return vk::enumerate_devices(**instance);
}

Result<std::unique_ptr<Engine>> Engine::create(const EngineOptions& options) {
  auto device = vk::open_device(options);
  if (!device) return std::unexpected(device.error());
  return std::unique_ptr<Engine>(new VulkanEngine(std::move(*device)));
}

}  // namespace xun
