// A compute pipeline built from one embedded shader: its descriptor layout (storage buffers
// at bindings 0..n-1), push-constant size and specialization constants. Every dispatch is
// checked against the binding count and push-constant size recorded here.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "vk/device.h"
#include "vk/handles.h"

namespace xun::vk {

struct PipelineDescription {
  std::string shader;                    // name in the embedded table, e.g. "matmul_f16"
  uint32_t storage_buffers = 0;          // bindings 0..n-1, all storage buffers
  uint32_t push_constant_bytes = 0;      // at most 128 (the guaranteed minimum)
  std::vector<uint32_t> specialization;  // constant_id 0..n-1 (workgroup sizes, tile sizes)
  // Nonzero: the workgroup must run as whole subgroups of this size (kernels that reduce with
  // subgroupAdd over a workgroup of one subgroup). Needs DeviceFeatures::full_subgroups.
  uint32_t required_subgroup_size = 0;
};

class Pipeline {
 public:
  static Result<Pipeline> create(const Device& device, PipelineDescription description);
  Pipeline() = default;

  VkPipeline handle() const { return pipeline_.handle(); }
  VkPipelineLayout layout() const { return layout_.handle(); }
  VkDescriptorSetLayout set_layout() const { return set_layout_.handle(); }
  const PipelineDescription& description() const { return description_; }

 private:
  PipelineDescription description_;
  DeviceHandle<VkDescriptorSetLayout, vkDestroyDescriptorSetLayout> set_layout_;
  DeviceHandle<VkPipelineLayout, vkDestroyPipelineLayout> layout_;
  DeviceHandle<VkPipeline, vkDestroyPipeline> pipeline_;
};

}  // namespace xun::vk
