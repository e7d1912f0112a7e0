#include "vk/pipeline.h"

#include <string>

#include "vk/check.h"
#include "xun_shaders.h"

namespace xun::vk {

Result<Pipeline> Pipeline::create(const Device& device, PipelineDescription description) {
  const auto words = shaders::find(description.shader);
  if (!words) return fail("internal: no embedded shader named '" + description.shader + "'");
  if (description.push_constant_bytes > 128)
    return fail("internal: shader '" + description.shader + "' wants more than 128 bytes of push constants");
  const VkDevice handle = device.handle();
  Pipeline pipeline;

  std::vector<VkDescriptorSetLayoutBinding> bindings(description.storage_buffers);
  for (uint32_t i = 0; i < description.storage_buffers; ++i) {
    bindings[i].binding = i;
    bindings[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    bindings[i].descriptorCount = 1;
    bindings[i].stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
  }
  VkDescriptorSetLayoutCreateInfo set_info{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  set_info.bindingCount = static_cast<uint32_t>(bindings.size());
  set_info.pBindings = bindings.data();
  VkDescriptorSetLayout set_layout = VK_NULL_HANDLE;
  XUN_VK_TRY(vkCreateDescriptorSetLayout(handle, &set_info, nullptr, &set_layout));
  pipeline.set_layout_ = {handle, set_layout};

  VkPushConstantRange push{VK_SHADER_STAGE_COMPUTE_BIT, 0, description.push_constant_bytes};
  VkPipelineLayoutCreateInfo layout_info{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  layout_info.setLayoutCount = 1;
  layout_info.pSetLayouts = &set_layout;
  layout_info.pushConstantRangeCount = description.push_constant_bytes > 0 ? 1 : 0;
  layout_info.pPushConstantRanges = &push;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  XUN_VK_TRY(vkCreatePipelineLayout(handle, &layout_info, nullptr, &layout));
  pipeline.layout_ = {handle, layout};

  VkShaderModuleCreateInfo module_info{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
  module_info.codeSize = words->size_bytes();
  module_info.pCode = words->data();
  VkShaderModule module = VK_NULL_HANDLE;
  XUN_VK_TRY(vkCreateShaderModule(handle, &module_info, nullptr, &module));
  DeviceHandle<VkShaderModule, vkDestroyShaderModule> module_owner(handle, module);

  std::vector<VkSpecializationMapEntry> entries(description.specialization.size());
  for (uint32_t i = 0; i < entries.size(); ++i)
    entries[i] = {i, static_cast<uint32_t>(i * sizeof(uint32_t)), sizeof(uint32_t)};
  VkSpecializationInfo specialization{static_cast<uint32_t>(entries.size()), entries.data(),
                                      description.specialization.size() * sizeof(uint32_t),
                                      description.specialization.data()};

  VkComputePipelineCreateInfo info{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
  info.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  info.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
  info.stage.module = module;
  info.stage.pName = "main";
  info.stage.pSpecializationInfo = entries.empty() ? nullptr : &specialization;
  VkPipelineShaderStageRequiredSubgroupSizeCreateInfoEXT subgroup_size{
      VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_REQUIRED_SUBGROUP_SIZE_CREATE_INFO_EXT};
  if (description.required_subgroup_size != 0) {
    if (!device.info().features.full_subgroups)
      return fail("shader '" + description.shader + "' needs whole subgroups of " +
                  std::to_string(description.required_subgroup_size) + ", which '" + device.info().name +
                  "' cannot promise (no VK_EXT_subgroup_size_control)");
    subgroup_size.requiredSubgroupSize = description.required_subgroup_size;
    info.stage.pNext = &subgroup_size;
    info.stage.flags = VK_PIPELINE_SHADER_STAGE_CREATE_REQUIRE_FULL_SUBGROUPS_BIT_EXT;
  }
  info.layout = layout;
  VkPipeline created = VK_NULL_HANDLE;
  XUN_VK_TRY(vkCreateComputePipelines(handle, VK_NULL_HANDLE, 1, &info, nullptr, &created));
  pipeline.pipeline_ = {handle, created};
  pipeline.description_ = std::move(description);
  return pipeline;
}

}  // namespace xun::vk
