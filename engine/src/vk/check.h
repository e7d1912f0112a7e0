// Turns a failed VkResult into an Error that names the call, the file and the line.
#pragma once

#include <string>

#include <vulkan/vulkan.h>

#include "xun/error.h"

namespace xun::vk {

std::string result_name(VkResult result);

// Device loss is its own case: the device is gone and the engine must be created anew.
inline bool is_device_lost(VkResult result) { return result == VK_ERROR_DEVICE_LOST; }

Error vulkan_error(VkResult result, const char* expression, const char* file, int line);

}  // namespace xun::vk

// Inside a function returning Result<T>: returns the error when the call fails.
#define XUN_VK_TRY(expression)                                                          \
  do {                                                                                   \
    const VkResult xun_vk_result_ = (expression);                                        \
    if (xun_vk_result_ != VK_SUCCESS)                                                    \
      return std::unexpected(                                                            \
          ::xun::vk::vulkan_error(xun_vk_result_, #expression, __FILE__, __LINE__));     \
  } while (false)

// Propagates the error of an expression returning Result<...>.
#define XUN_TRY(expression)                                  \
  do {                                                       \
    if (auto xun_try_result_ = (expression); !xun_try_result_) \
      return std::unexpected(std::move(xun_try_result_.error())); \
  } while (false)
