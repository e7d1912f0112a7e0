// Records a whole forward pass into one command buffer (dispatches separated by barriers),
// submits it once and waits. Descriptor sets come from pools the sequence owns and recycles.
#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "vk/buffer.h"
#include "vk/handles.h"
#include "vk/pipeline.h"

namespace xun::vk {

// A buffer, or a window of one, bound to one binding of a dispatch.
struct Binding {
  const Buffer* buffer = nullptr;
  VkDeviceSize offset = 0;
  VkDeviceSize range = VK_WHOLE_SIZE;
  Binding(const Buffer& b) : buffer(&b) {}  // NOLINT: a whole buffer binds implicitly
  Binding(const Buffer& b, VkDeviceSize offset_bytes, VkDeviceSize range_bytes)
      : buffer(&b), offset(offset_bytes), range(range_bytes) {}
};

class Sequence {
 public:
  static Result<Sequence> create(std::shared_ptr<const Device> device);
  Sequence() = default;
  Sequence(Sequence&&) noexcept = default;
  Sequence& operator=(Sequence&&) noexcept = default;

  // Starts recording anew; descriptor sets of the previous recording are recycled.
  Result<void> begin();
  // Checks the bindings and push constants against the pipeline, then records the dispatch.
  Result<void> dispatch(const Pipeline& pipeline, std::span<const Binding> bindings,
                        std::span<const std::byte> push, uint32_t groups_x, uint32_t groups_y = 1,
                        uint32_t groups_z = 1);
  template <class Push>
  Result<void> dispatch(const Pipeline& pipeline, std::initializer_list<Binding> bindings, const Push& push,
                        uint32_t groups_x, uint32_t groups_y = 1, uint32_t groups_z = 1) {
    static_assert(sizeof(Push) <= 128, "push constants are limited to 128 bytes");
    return dispatch(pipeline, std::span<const Binding>(bindings.begin(), bindings.size()),
                    std::as_bytes(std::span<const Push>(&push, 1)), groups_x, groups_y, groups_z);
  }
  // Makes every earlier write visible to every later read or write (compute and transfer).
  void barrier();
  void copy(const Buffer& source, VkDeviceSize source_offset, const Buffer& destination,
            VkDeviceSize destination_offset, VkDeviceSize bytes);
  Result<void> submit_and_wait();

  uint32_t dispatch_count() const { return dispatches_; }

  // Timestamp queries around every dispatch (when the queue supports them): after each
  // submit_and_wait, kernel_times() adds the GPU time of each shader's dispatches.
  Result<void> set_profiling(bool enabled);
  struct KernelTime {
    double milliseconds = 0;
    uint32_t dispatches = 0;
  };
  const std::map<std::string, KernelTime>& kernel_times() const { return kernel_times_; }
  void clear_kernel_times() { kernel_times_.clear(); }

 private:
  Result<VkDescriptorSet> allocate_set(VkDescriptorSetLayout layout, uint32_t storage_buffers);
  void write_timestamp(std::string label);
  Result<void> collect_timestamps();

  std::shared_ptr<const Device> device_;
  CommandPool pool_;
  Fence fence_;
  VkCommandBuffer commands_ = VK_NULL_HANDLE;
  std::vector<DescriptorPool> descriptor_pools_;
  size_t current_pool_ = 0;
  uint32_t dispatches_ = 0;
  bool recording_ = false;
  // Profiling: timestamp i closes the interval labelled labels_[i - 1].
  QueryPool timestamps_;
  uint32_t timestamp_capacity_ = 0;
  std::vector<std::string> timestamp_labels_;
  std::map<std::string, KernelTime> kernel_times_;
};

}  // namespace xun::vk
