#include "vk/cooperative_matrix.h"

#include "vk/device_info.h"

namespace xun::vk {
namespace {

const char* component_name(VkComponentTypeKHR type) {
  switch (type) {
    case VK_COMPONENT_TYPE_FLOAT16_KHR: return "f16";
    case VK_COMPONENT_TYPE_FLOAT32_KHR: return "f32";
    case VK_COMPONENT_TYPE_FLOAT64_KHR: return "f64";
    case VK_COMPONENT_TYPE_SINT8_KHR: return "s8";
    case VK_COMPONENT_TYPE_SINT16_KHR: return "s16";
    case VK_COMPONENT_TYPE_SINT32_KHR: return "s32";
    case VK_COMPONENT_TYPE_SINT64_KHR: return "s64";
    case VK_COMPONENT_TYPE_UINT8_KHR: return "u8";
    case VK_COMPONENT_TYPE_UINT16_KHR: return "u16";
    case VK_COMPONENT_TYPE_UINT32_KHR: return "u32";
    case VK_COMPONENT_TYPE_UINT64_KHR: return "u64";
    default: return "other";  // e.g. bfloat16 or fp8 types of later extensions
  }
}

const char* scope_name(VkScopeKHR scope) {
  switch (scope) {
    case VK_SCOPE_SUBGROUP_KHR: return "subgroup";
    case VK_SCOPE_WORKGROUP_KHR: return "workgroup";
    case VK_SCOPE_DEVICE_KHR: return "device";
    case VK_SCOPE_QUEUE_FAMILY_KHR: return "queue family";
    default: return "other";
  }
}

}  // namespace

std::vector<CooperativeMatrixShape> cooperative_matrix_shapes(VkInstance instance, VkPhysicalDevice device) {
  if (!has_device_extension(device, VK_KHR_COOPERATIVE_MATRIX_EXTENSION_NAME)) return {};
  VkPhysicalDeviceCooperativeMatrixFeaturesKHR feature{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_COOPERATIVE_MATRIX_FEATURES_KHR};
  VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
  features.pNext = &feature;
  vkGetPhysicalDeviceFeatures2(device, &features);
  if (feature.cooperativeMatrix != VK_TRUE) return {};
  const auto query = reinterpret_cast<PFN_vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR>(
      vkGetInstanceProcAddr(instance, "vkGetPhysicalDeviceCooperativeMatrixPropertiesKHR"));
  if (query == nullptr) return {};
  uint32_t count = 0;
  if (query(device, &count, nullptr) != VK_SUCCESS) return {};
  std::vector<VkCooperativeMatrixPropertiesKHR> properties(count, {VK_STRUCTURE_TYPE_COOPERATIVE_MATRIX_PROPERTIES_KHR});
  if (query(device, &count, properties.data()) != VK_SUCCESS) return {};
  std::vector<CooperativeMatrixShape> shapes;
  for (uint32_t i = 0; i < count; ++i) {
    const VkCooperativeMatrixPropertiesKHR& p = properties[i];
    shapes.push_back({p.MSize, p.NSize, p.KSize, component_name(p.AType), component_name(p.BType),
                      component_name(p.CType), component_name(p.ResultType), scope_name(p.scope),
                      p.saturatingAccumulation == VK_TRUE});
  }
  return shapes;
}

}  // namespace xun::vk
