#include "vk/device_info.h"

#include "vk/cooperative_matrix.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace xun::vk {
namespace {

DeviceType device_type(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return DeviceType::discrete_gpu;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return DeviceType::integrated_gpu;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return DeviceType::virtual_gpu;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return DeviceType::cpu;
    default: return DeviceType::other;
  }
}


std::string version_string(uint32_t version) {
  return std::to_string(VK_API_VERSION_MAJOR(version)) + "." +
         std::to_string(VK_API_VERSION_MINOR(version)) + "." +
         std::to_string(VK_API_VERSION_PATCH(version));
}

// One extension's feature or property struct, filled in by the driver.
template <class Features>
Features query_features(VkPhysicalDevice device, Features features) {
  VkPhysicalDeviceFeatures2 wrapper{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
  wrapper.pNext = &features;
  vkGetPhysicalDeviceFeatures2(device, &wrapper);
  return features;
}

template <class Properties>
Properties query_properties(VkPhysicalDevice device, Properties properties) {
  VkPhysicalDeviceProperties2 wrapper{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
  wrapper.pNext = &properties;
  vkGetPhysicalDeviceProperties2(device, &wrapper);
  return properties;
}

}  // namespace

bool has_device_extension(VkPhysicalDevice device, const char* name) {
  uint32_t count = 0;
  vkEnumerateDeviceExtensionProperties(device, nullptr, &count, nullptr);
  std::vector<VkExtensionProperties> extensions(count);
  vkEnumerateDeviceExtensionProperties(device, nullptr, &count, extensions.data());
  return std::any_of(extensions.begin(), extensions.end(), [&](const VkExtensionProperties& e) {
    return std::strcmp(e.extensionName, name) == 0;
  });
}

DeviceInfo describe_device(VkInstance instance, VkPhysicalDevice device, uint32_t index) {
  VkPhysicalDeviceDriverProperties driver{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
  VkPhysicalDeviceSubgroupProperties subgroup{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES};
  subgroup.pNext = &driver;
  VkPhysicalDeviceProperties2 properties{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
  properties.pNext = &subgroup;
  vkGetPhysicalDeviceProperties2(device, &properties);

  VkPhysicalDeviceVulkan12Features features12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
  VkPhysicalDeviceVulkan11Features features11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES};
  features11.pNext = &features12;
  VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
  features.pNext = &features11;
  vkGetPhysicalDeviceFeatures2(device, &features);

  VkPhysicalDeviceMemoryProperties memory{};
  vkGetPhysicalDeviceMemoryProperties(device, &memory);

  DeviceInfo info;
  info.index = index;
  info.name = properties.properties.deviceName;
  info.type = device_type(properties.properties.deviceType);
  info.driver = std::string(driver.driverName) + (driver.driverInfo[0] ? " " : "") + driver.driverInfo;
  info.api_version = version_string(properties.properties.apiVersion);
  for (uint32_t i = 0; i < memory.memoryHeapCount; ++i)
    if (memory.memoryHeaps[i].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT)
      info.device_local_bytes = std::max<uint64_t>(info.device_local_bytes, memory.memoryHeaps[i].size);

  DeviceFeatures& f = info.features;
  f.shader_float16 = features12.shaderFloat16 == VK_TRUE;
  f.storage_16bit = features11.storageBuffer16BitAccess == VK_TRUE;
  // With the model on, every module's device-scope atomics need its device scope too.
  f.vulkan_memory_model = features12.vulkanMemoryModel == VK_TRUE && features12.vulkanMemoryModelDeviceScope == VK_TRUE;
  f.storage_8bit = features12.storageBuffer8BitAccess == VK_TRUE;
  f.subgroup_size = subgroup.subgroupSize;
  f.subgroup_arithmetic = (subgroup.supportedStages & VK_SHADER_STAGE_COMPUTE_BIT) &&
                          (subgroup.supportedOperations & VK_SUBGROUP_FEATURE_ARITHMETIC_BIT);
  f.max_storage_buffer_range = properties.properties.limits.maxStorageBufferRange;
  f.max_shared_memory = properties.properties.limits.maxComputeSharedMemorySize;
  f.cooperative_matrix_shapes = cooperative_matrix_shapes(instance, device);
  // GLSL's cooperative matrices come with GL_KHR_memory_scope_semantics, so their modules
  // declare the Vulkan memory model, which the device must then enable.
  f.cooperative_matrix = std::any_of(f.cooperative_matrix_shapes.begin(), f.cooperative_matrix_shapes.end(),
                                     [](const CooperativeMatrixShape& s) {
                                       return s.scope == "subgroup" && s.a_type == "f16" && s.b_type == "f16" &&
                                              s.c_type == "f32" && s.result_type == "f32";
                                     }) &&
                         f.vulkan_memory_model;
  if (has_device_extension(device, VK_KHR_SHADER_INTEGER_DOT_PRODUCT_EXTENSION_NAME) ||
      properties.properties.apiVersion >= VK_API_VERSION_1_3) {
    const auto dot = query_properties(device, VkPhysicalDeviceShaderIntegerDotProductProperties{
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_PROPERTIES});
    f.integer_dot_product = dot.integerDotProduct4x8BitPackedSignedAccelerated == VK_TRUE;
  }
  if (has_device_extension(device, VK_EXT_SUBGROUP_SIZE_CONTROL_EXTENSION_NAME)) {
    const auto control = query_features(device, VkPhysicalDeviceSubgroupSizeControlFeaturesEXT{
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_SIZE_CONTROL_FEATURES_EXT});
    const auto sizes = query_properties(device, VkPhysicalDeviceSubgroupSizeControlPropertiesEXT{
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_SIZE_CONTROL_PROPERTIES_EXT});
    f.full_subgroups = control.subgroupSizeControl == VK_TRUE && control.computeFullSubgroups == VK_TRUE &&
                       (sizes.requiredSubgroupSizeStages & VK_SHADER_STAGE_COMPUTE_BIT) != 0 &&
                       sizes.minSubgroupSize <= f.subgroup_size && f.subgroup_size <= sizes.maxSubgroupSize;
  }
  if (has_device_extension(device, VK_KHR_SHADER_INTEGER_DOT_PRODUCT_EXTENSION_NAME)) {
    const auto dot = query_features(device, VkPhysicalDeviceShaderIntegerDotProductFeatures{
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_FEATURES});
    f.integer_dot_product_supported = dot.shaderIntegerDotProduct == VK_TRUE;
  }
  f.integer_dot_product = f.integer_dot_product && f.integer_dot_product_supported;
  return info;
}


}  // namespace xun::vk
