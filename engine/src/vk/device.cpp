#include "vk/device.h"

#include <vector>

#include "vk/check.h"
#include "vk/cooperative_matrix.h"
#include "vk/device_info.h"

namespace xun::vk {

Result<std::shared_ptr<Device>> Device::create(std::shared_ptr<Instance> instance, VkPhysicalDevice physical,
                                               DeviceInfo info) {
  std::shared_ptr<Device> self(new Device());
  self->instance_ = std::move(instance);
  self->physical_ = physical;
  self->info_ = std::move(info);
  vkGetPhysicalDeviceMemoryProperties(physical, &self->memory_);

  uint32_t family_count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(physical, &family_count, nullptr);
  std::vector<VkQueueFamilyProperties> families(family_count);
  vkGetPhysicalDeviceQueueFamilyProperties(physical, &family_count, families.data());
  // Prefer a compute queue that is also the graphics queue: it always has timestamps.
  std::optional<uint32_t> chosen;
  for (uint32_t i = 0; i < family_count; ++i) {
    if (!(families[i].queueFlags & VK_QUEUE_COMPUTE_BIT)) continue;
    if (!chosen || (families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT)) chosen = i;
    if (families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) break;
  }
  if (!chosen) return fail("Vulkan device '" + self->info_.name + "' has no compute queue");
  self->queue_family_ = *chosen;

  VkPhysicalDeviceProperties properties{};
  vkGetPhysicalDeviceProperties(physical, &properties);
  if (families[*chosen].timestampValidBits > 0)
    self->timestamp_period_ns_ = properties.limits.timestampPeriod;

  const float priority = 1.0f;
  VkDeviceQueueCreateInfo queue_info{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queue_info.queueFamilyIndex = *chosen;
  queue_info.queueCount = 1;
  queue_info.pQueuePriorities = &priority;

  std::vector<const char*> extensions;
  // Required by the spec wherever the driver is a portability implementation (MoltenVK).
  if (has_device_extension(physical, "VK_KHR_portability_subset"))
    extensions.push_back("VK_KHR_portability_subset");

  // Features the kernels use, chained in front of the create info where the device has them:
  // the Q8_0 integer-dot-product matmul, whole subgroups for the lanes kernels, and fp16
  // arithmetic, 16-bit storage and cooperative matrices for the matrix-unit kernels.
  void* features = nullptr;
  const DeviceFeatures& offered = self->info_.features;
  VkPhysicalDeviceVulkan11Features vulkan11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES};
  VkPhysicalDeviceVulkan12Features vulkan12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
  if (properties.apiVersion >= VK_API_VERSION_1_2 &&
      (offered.storage_16bit || offered.shader_float16 || offered.cooperative_matrix)) {
    vulkan11.storageBuffer16BitAccess = offered.storage_16bit ? VK_TRUE : VK_FALSE;
    vulkan12.shaderFloat16 = offered.shader_float16 ? VK_TRUE : VK_FALSE;
    vulkan12.vulkanMemoryModel = offered.cooperative_matrix ? VK_TRUE : VK_FALSE;  // coopmat modules declare it
    vulkan11.pNext = &vulkan12;
    vulkan12.pNext = features;
    features = &vulkan11;
  }
  VkPhysicalDeviceCooperativeMatrixFeaturesKHR cooperative_matrix{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_COOPERATIVE_MATRIX_FEATURES_KHR};
  if (!offered.cooperative_matrix_shapes.empty()) {
    extensions.push_back(VK_KHR_COOPERATIVE_MATRIX_EXTENSION_NAME);
    cooperative_matrix.cooperativeMatrix = VK_TRUE;
    cooperative_matrix.pNext = features;
    features = &cooperative_matrix;
  }
  VkPhysicalDeviceShaderIntegerDotProductFeatures integer_dot{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_FEATURES};
  if (self->info_.features.integer_dot_product_supported) {
    extensions.push_back(VK_KHR_SHADER_INTEGER_DOT_PRODUCT_EXTENSION_NAME);
    integer_dot.shaderIntegerDotProduct = VK_TRUE;
    integer_dot.pNext = features;
    features = &integer_dot;
  }
  VkPhysicalDeviceSubgroupSizeControlFeaturesEXT subgroup_control{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_SIZE_CONTROL_FEATURES_EXT};
  if (self->info_.features.full_subgroups) {
    extensions.push_back(VK_EXT_SUBGROUP_SIZE_CONTROL_EXTENSION_NAME);
    subgroup_control.subgroupSizeControl = VK_TRUE;
    subgroup_control.computeFullSubgroups = VK_TRUE;
    subgroup_control.pNext = features;
    features = &subgroup_control;
  }

  VkDeviceCreateInfo device_info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  device_info.pNext = features;
  device_info.queueCreateInfoCount = 1;
  device_info.pQueueCreateInfos = &queue_info;
  device_info.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
  device_info.ppEnabledExtensionNames = extensions.data();
  XUN_VK_TRY(vkCreateDevice(physical, &device_info, nullptr, &self->device_));
  vkGetDeviceQueue(self->device_, *chosen, 0, &self->queue_);
  return self;
}

Device::~Device() {
  if (device_ != VK_NULL_HANDLE) {
    vkDeviceWaitIdle(device_);
    vkDestroyDevice(device_, nullptr);
  }
}

void Device::count_allocation(int64_t bytes) const {
  const uint64_t now = memory_in_use_.fetch_add(static_cast<uint64_t>(bytes)) + static_cast<uint64_t>(bytes);
  uint64_t peak = memory_peak_.load();
  while (now > peak && !memory_peak_.compare_exchange_weak(peak, now)) {
  }
}

std::optional<uint32_t> Device::find_memory_type(uint32_t type_bits, VkMemoryPropertyFlags required,
                                                 VkMemoryPropertyFlags preferred) const {
  std::optional<uint32_t> fallback;
  for (uint32_t i = 0; i < memory_.memoryTypeCount; ++i) {
    if (!(type_bits & (1u << i))) continue;
    const VkMemoryPropertyFlags flags = memory_.memoryTypes[i].propertyFlags;
    if ((flags & required) != required) continue;
    if ((flags & preferred) == preferred) return i;
    if (!fallback) fallback = i;
  }
  return fallback;
}

}  // namespace xun::vk
