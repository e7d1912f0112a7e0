// Device enumeration and choice, and proof that the validation layer's messages reach us.
#include <QtTest>

#include "vk/device_info.h"
#include "vk/open_device.h"
#include "xun/engine.h"

using namespace xun;

class VulkanDeviceTest : public QObject {
  Q_OBJECT

 private slots:
  void lists_devices_with_memory_and_features() {
    auto devices = Engine::list_devices();
    QVERIFY2(devices.has_value(), devices ? "" : devices.error().message.c_str());
    QVERIFY(!devices->empty());
    for (const DeviceInfo& device : *devices) {
      qInfo("device %u: %s, %s, %llu MiB, subgroup %u, fp16 %d, int8 dot %d, coopmat %d", device.index,
            device.name.c_str(), std::string(to_string(device.type)).c_str(),
            static_cast<unsigned long long>(device.device_local_bytes >> 20), device.features.subgroup_size,
            device.features.shader_float16, device.features.integer_dot_product, device.features.cooperative_matrix);
      QVERIFY(!device.name.empty());
      QVERIFY(device.device_local_bytes > 0);
      QVERIFY(device.features.max_storage_buffer_range >= (1u << 27) || device.features.max_storage_buffer_range > 0);
      QVERIFY(!device.api_version.empty());
    }
  }

  void picks_discrete_before_integrated_before_cpu() {
    std::vector<DeviceInfo> devices(4);
    devices[0] = {0, "lavapipe", DeviceType::cpu, "", "", 64ull << 30, {}};
    devices[1] = {1, "igpu", DeviceType::integrated_gpu, "", "", 8ull << 30, {}};
    devices[2] = {2, "small dgpu", DeviceType::discrete_gpu, "", "", 4ull << 30, {}};
    devices[3] = {3, "big dgpu", DeviceType::discrete_gpu, "", "", 24ull << 30, {}};
    QCOMPARE(vk::pick_best_device(devices), std::optional<uint32_t>(3));
    devices.resize(2);
    QCOMPARE(vk::pick_best_device(devices), std::optional<uint32_t>(1));
    devices.resize(1);
    QCOMPARE(vk::pick_best_device(devices), std::optional<uint32_t>(0));
    QVERIFY(!vk::pick_best_device({}).has_value());
  }

  void default_engine_uses_the_best_device() {
    auto devices = Engine::list_devices();
    QVERIFY(devices.has_value());
    auto engine = Engine::create();
    QVERIFY2(engine.has_value(), engine ? "" : engine.error().message.c_str());
    QCOMPARE((*engine)->device().index, *vk::pick_best_device(*devices));
  }

  void a_named_device_is_used_and_a_missing_one_refused() {
    auto engine = Engine::create(EngineOptions{0u, false});
    QVERIFY(engine.has_value());
    QCOMPARE((*engine)->device().index, 0u);
    auto missing = Engine::create(EngineOptions{99u, false});
    QVERIFY(!missing.has_value());
    QVERIFY2(missing.error().message.find("no Vulkan device 99") != std::string::npos, missing.error().message.c_str());
  }

  void validation_layer_reports_an_invalid_call() {
    // A zero-sized buffer is invalid usage; the layer must report it through our messenger, or
    // no test could ever fail on a validation error.
    auto device = vk::open_device(EngineOptions{std::nullopt, true});
    QVERIFY2(device.has_value(), device ? "" : device.error().message.c_str());
    QVERIFY((*device)->instance().validation_enabled());
    QVERIFY((*device)->instance().validation_messages().empty());
    VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    info.size = 0;
    info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT;
    VkBuffer buffer = VK_NULL_HANDLE;
    const VkResult result = vkCreateBuffer((*device)->handle(), &info, nullptr, &buffer);
    if (result == VK_SUCCESS && buffer != VK_NULL_HANDLE) vkDestroyBuffer((*device)->handle(), buffer, nullptr);
    const auto messages = (*device)->instance().validation_messages();
    QVERIFY(!messages.empty());
    QVERIFY(messages.front().find("VUID-VkBufferCreateInfo-size") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(VulkanDeviceTest)
#include "tst_vulkan_device.moc"
