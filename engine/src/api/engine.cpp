// Engine: the device the models run on (a Vulkan device or the CPU backend), and the entry
// points of the public API.
#include "xun/engine.h"
#include "qwen3/kernels.h"

#include "api/model_info.h"
#include "api/qwen3_model.h"
#include "cpu/cpu_forward.h"
#include "cpu/cpu_info.h"
#include "model/model_files.h"
#include "qwen3/forward.h"
#include "qwen3/weights.h"
#include "vk/open_device.h"

namespace xun {
namespace {

class VulkanEngine final : public Engine {
 public:
  VulkanEngine(std::shared_ptr<const vk::Device> device, const EngineOptions& options)
      : device_(std::move(device)), options_(options) {}

  const DeviceInfo& device() const override { return device_->info(); }

  Result<std::unique_ptr<Model>> load_model(const std::filesystem::path& path) override {
    auto make_forward = [this](const model::ModelFiles& files, int32_t yes,
                               int32_t no) -> Result<std::unique_ptr<qwen3::ForwardPass>> {
      auto weights = qwen3::upload_weights(device_, files, yes, no, options_.vulkan.max_binding_bytes);
      if (!weights) return std::unexpected(weights.error());
      auto forward = qwen3::VulkanForward::create(device_, files, std::move(*weights), options_.vulkan);
      if (!forward) return std::unexpected(forward.error());
      return std::unique_ptr<qwen3::ForwardPass>(std::move(*forward));
    };
    // Each model records its own command buffers; the device's queue lock orders submissions.
    return Qwen3Model::load(path, make_forward, std::make_shared<std::mutex>());
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
  EngineOptions options_;
};

class CpuEngine final : public Engine {
 public:
  CpuEngine(DeviceInfo info, const EngineOptions& options)
      : info_(std::move(info)),
        options_(options),
        memory_(std::make_shared<cpu::MemoryAccount>(info_.name, options.memory_limit)) {}

  const DeviceInfo& device() const override { return info_; }

  Result<std::unique_ptr<Model>> load_model(const std::filesystem::path& path) override {
    const cpu::CpuForwardOptions forward_options{
        .threads = options_.cpu.threads.value_or(info_.cpu.physical_cores),
        .reference = options_.cpu.kernels == CpuKernels::reference,
        .device_name = info_.name};
    auto make_forward = [&](const model::ModelFiles& files, int32_t yes,
                            int32_t no) -> Result<std::unique_ptr<qwen3::ForwardPass>> {
      auto forward = cpu::CpuForward::create(files, yes, no, forward_options, memory_);
      if (!forward) return std::unexpected(forward.error());
      return std::unique_ptr<qwen3::ForwardPass>(std::move(*forward));
    };
    // Every forward pass uses all the threads: the models of this engine take turns.
    return Qwen3Model::load(path, make_forward, compute_lock_);
  }

  std::vector<std::string> validation_messages() const override { return {}; }
  DeviceMemoryUsage memory_usage() const override { return {memory_->in_use(), memory_->peak()}; }
  void reset_memory_peak() override { memory_->reset_peak(); }

 private:
  DeviceInfo info_;
  EngineOptions options_;
  std::shared_ptr<cpu::MemoryAccount> memory_;
  std::shared_ptr<std::mutex> compute_lock_ = std::make_shared<std::mutex>();
};

// The Vulkan devices and, last, the CPU backend. Without a usable Vulkan loader or driver the
// list holds the CPU backend alone; `vulkan_problem` says why.
struct Listing {
  std::optional<vk::VulkanDevices> vulkan;
  std::vector<DeviceInfo> devices;
  std::string vulkan_problem;
};

Listing list_all(const EngineOptions& options) {
  Listing listing;
  auto vulkan = vk::find_devices(options.validation);
  if (vulkan) {
    listing.devices = vulkan->infos;
    listing.vulkan = std::move(*vulkan);
    // What the engine would run on each: for Qwen3-0.6B's heads (128 dimensions, 2 query heads
    // per KV head), with the options' and environment's forcing.
    for (DeviceInfo& info : listing.devices) {
      auto plan = qwen3::Kernels::plan(info, {128, 2}, options.vulkan);
      info.kernels = plan ? plan->summary() : std::vector<std::string>{"kernels: " + plan.error().message};
    }
  } else {
    listing.vulkan_problem = vulkan.error().message;
  }
  listing.devices.push_back(cpu::describe_cpu(static_cast<uint32_t>(listing.devices.size())));
  return listing;
}

}  // namespace

std::string_view to_string(Backend backend) { return backend == Backend::cpu ? "cpu" : "vulkan"; }

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
  auto forced = with_environment(options);
  if (!forced) return std::unexpected(forced.error());
  return list_all(*forced).devices;
}

Result<std::unique_ptr<Engine>> Engine::create(const EngineOptions& options) {
  auto forced = with_environment(options);
  if (!forced) return std::unexpected(forced.error());
  Listing listing = list_all(*forced);
  const auto count = static_cast<uint32_t>(listing.devices.size());
  if (forced->device_index && *forced->device_index >= count)
    return fail("no device " + std::to_string(*forced->device_index) + ": there are " + std::to_string(count) +
                " (0 to " + std::to_string(count - 1) + "; see `xun devices`)" +
                (listing.vulkan_problem.empty() ? "" : "; Vulkan: " + listing.vulkan_problem));
  const uint32_t chosen = forced->device_index.value_or(*default_device(listing.devices));
  const DeviceInfo& info = listing.devices[chosen];
  if (info.backend == Backend::cpu) return std::unique_ptr<Engine>(new CpuEngine(info, *forced));
  auto device = vk::open_device(std::move(*listing.vulkan), chosen, *forced);
  if (!device) return std::unexpected(device.error());
  return std::unique_ptr<Engine>(new VulkanEngine(std::move(*device), *forced));
}

}  // namespace xun
