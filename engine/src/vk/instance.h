// The Vulkan instance, with the Khronos validation layer when asked, and the list of devices.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "xun/engine.h"

namespace xun::vk {

class Instance {
 public:
  // validation: enable VK_LAYER_KHRONOS_validation and keep every warning and error it reports.
  static Result<std::shared_ptr<Instance>> create(bool validation);
  ~Instance();
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  VkInstance handle() const { return instance_; }
  bool validation_enabled() const { return messenger_ != VK_NULL_HANDLE; }
  std::vector<std::string> validation_messages() const;

  Result<std::vector<VkPhysicalDevice>> physical_devices() const;

 private:
  Instance() = default;
  static VKAPI_ATTR VkBool32 VKAPI_CALL on_message(
      VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT types,
      const VkDebugUtilsMessengerCallbackDataEXT* data, void* user);

  VkInstance instance_ = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
  mutable std::mutex messages_mutex_;
  std::vector<std::string> messages_;
};


}  // namespace xun::vk
