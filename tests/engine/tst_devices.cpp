// Device enumeration (the Vulkan devices and the CPU backend) and choice, options forced by the
// environment, and proof that the validation layer's messages reach us.
#include <QtTest>

#include <algorithm>

#include "qwen3/kernels.h"
#include "vk/device_info.h"
#include "xun_shaders.h"
#include "vk/open_device.h"
#include "xun/engine.h"

using namespace xun;

class DevicesTest : public QObject {
  Q_OBJECT

 private slots:
  void lists_devices_with_memory_and_features() {
    auto devices = Engine::list_devices();
    QVERIFY2(devices.has_value(), devices ? "" : devices.error().message.c_str());
    QVERIFY(!devices->empty());
    // The CPU backend comes last, once; everything before it is a Vulkan device.
    QCOMPARE(devices->back().backend, Backend::cpu);
    const DeviceInfo& cpu = devices->back();
    qInfo("CPU backend %u: %s, %u cores, %s", cpu.index, cpu.name.c_str(), cpu.cpu.physical_cores, cpu.driver.c_str());
    QCOMPARE(cpu.index, uint32_t(devices->size() - 1));
    QCOMPARE(cpu.type, DeviceType::cpu);
    QVERIFY(cpu.cpu.physical_cores >= 1 && cpu.cpu.physical_cores <= cpu.cpu.logical_processors);
    QVERIFY(cpu.device_local_bytes > 0);
    QVERIFY2(cpu.driver.find("BLIS") != std::string::npos, cpu.driver.c_str());
#if defined(__x86_64__)
    QVERIFY(std::find(cpu.cpu.simd.begin(), cpu.cpu.simd.end(), "sse4.2") != cpu.cpu.simd.end());
#endif
    for (const DeviceInfo& device : *devices) {
      if (device.backend == Backend::cpu) continue;
      qInfo("device %u: %s, %s, %llu MiB, subgroup %u, fp16 %d, int8 dot %d, coopmat %d", device.index,
            device.name.c_str(), std::string(to_string(device.type)).c_str(),
            static_cast<unsigned long long>(device.device_local_bytes >> 20), device.features.subgroup_size,
            device.features.shader_float16, device.features.integer_dot_product, device.features.cooperative_matrix);
      QVERIFY(!device.name.empty());
      QVERIFY(device.device_local_bytes > 0);
      // What `xun devices` shows: the kernels the engine would choose there.
      QVERIFY(device.kernels.size() >= 2);
      QVERIFY2(device.kernels[0].starts_with("matmul: ") && device.kernels[1].starts_with("attention: "),
               device.kernels[0].c_str());
      QVERIFY(device.features.max_storage_buffer_range >= (1u << 27) || device.features.max_storage_buffer_range > 0);
      QVERIFY(!device.api_version.empty());
    }
  }

  // Kernels and tiles follow what a device reports: matrix units and their shape, fp16, whole
  // subgroups, shared memory. Devices described here, as GPUs would report themselves.
  void kernels_follow_the_reported_features() {
    DeviceInfo gpu;
    gpu.type = DeviceType::discrete_gpu;
    gpu.name = "a GPU";
    DeviceFeatures& f = gpu.features;
    f.shader_float16 = f.storage_16bit = f.subgroup_arithmetic = f.full_subgroups = f.vulkan_memory_model = true;
    f.subgroup_size = 32;
    f.max_shared_memory = 49152;
    f.cooperative_matrix_shapes = {{16, 8, 16, "f16", "f16", "f32", "f32", "subgroup", false},
                                   {16, 16, 16, "f16", "f16", "f32", "f32", "subgroup", false},
                                   {16, 16, 16, "f16", "f16", "f16", "f16", "subgroup", false}};
    f.cooperative_matrix = true;
    auto with_units = qwen3::Kernels::plan(gpu, {128, 2});
    QVERIFY2(with_units.has_value(), with_units ? "" : with_units.error().message.c_str());
    if (XUN_SHADERS_COOPMAT) {
      QCOMPARE(with_units->matmul_kernel, qwen3::MatmulKernel::coopmat);
      QCOMPARE(with_units->attention_kernel, qwen3::AttentionKernel::flash_coopmat);
      QCOMPARE(with_units->coop_shape.m, 16u);  // 16x16x16 preferred over 16x8x16
      QCOMPARE(with_units->coop_shape.n, 16u);
      QCOMPARE(with_units->coop_tiles[2].bm, 128u);
      QCOMPARE(with_units->coop_tiles[1].bm, 64u);
      QVERIFY(!with_units->integer_dot);
    }
    // Less shared memory: the large tile gives way to the medium one.
    gpu.features.max_shared_memory = 16384;
    auto cramped = qwen3::Kernels::plan(gpu, {128, 2}, {.matmul = qwen3::MatmulKernel::coopmat_emulated});
    QVERIFY2(cramped.has_value(), cramped ? "" : cramped.error().message.c_str());
    QCOMPARE(cramped->coop_tiles[2].bm, cramped->coop_tiles[1].bm);
    QVERIFY(cramped->coop_tiles[1].shared_bytes(cramped->coop_shape) <= 16384);
    // No matrix units: the scalar kernels, and a clear refusal when coopmat is forced.
    gpu.features.max_shared_memory = 49152;
    gpu.features.cooperative_matrix = false;
    gpu.features.cooperative_matrix_shapes.clear();
    auto scalar = qwen3::Kernels::plan(gpu, {128, 2});
    QVERIFY2(scalar.has_value(), scalar ? "" : scalar.error().message.c_str());
    QCOMPARE(scalar->matmul_kernel, qwen3::MatmulKernel::tiled);
    QCOMPARE(scalar->matmul_tile, 128u);
    QVERIFY(scalar->matmul_f16_tiles);  // fp16 arithmetic halves the tiles' shared memory
    QCOMPARE(scalar->attention_kernel, qwen3::AttentionKernel::flash);
    auto refused = qwen3::Kernels::plan(gpu, {128, 2}, {.matmul = qwen3::MatmulKernel::coopmat});
    QVERIFY(!refused.has_value());
    QVERIFY2(refused.error().message.find("VK_KHR_cooperative_matrix") != std::string::npos,
             refused.error().message.c_str());
  }

  void picks_discrete_then_integrated_then_the_cpu_backend_never_lavapipe() {
    auto device = [](uint32_t index, const char* name, DeviceType type, uint64_t gib, Backend backend) {
      DeviceInfo info;
      info.index = index;
      info.name = name;
      info.type = type;
      info.device_local_bytes = gib << 30;
      info.backend = backend;
      return info;
    };
    std::vector<DeviceInfo> devices = {device(0, "lavapipe", DeviceType::cpu, 64, Backend::vulkan),
                                       device(1, "igpu", DeviceType::integrated_gpu, 8, Backend::vulkan),
                                       device(2, "small dgpu", DeviceType::discrete_gpu, 4, Backend::vulkan),
                                       device(3, "big dgpu", DeviceType::discrete_gpu, 24, Backend::vulkan),
                                       device(4, "processor", DeviceType::cpu, 32, Backend::cpu)};
    QCOMPARE(default_device(devices), std::optional<uint32_t>(3));
    devices.erase(devices.begin() + 2, devices.begin() + 4);
    QCOMPARE(default_device(devices), std::optional<uint32_t>(1));
    devices.erase(devices.begin() + 1);
    QCOMPARE(default_device(devices), std::optional<uint32_t>(4));  // not lavapipe, though it has more memory
    devices.pop_back();
    QCOMPARE(default_device(devices), std::optional<uint32_t>(0));  // lavapipe when nothing else is there
    QVERIFY(!default_device({}).has_value());
  }

  void default_engine_uses_the_default_device() {
    auto devices = Engine::list_devices();
    QVERIFY(devices.has_value());
    auto engine = Engine::create();
    QVERIFY2(engine.has_value(), engine ? "" : engine.error().message.c_str());
    QCOMPARE((*engine)->device().index, *default_device(*devices));
    // A machine without a GPU (this one, in CI) runs on the CPU backend by default.
    const bool gpu = std::any_of(devices->begin(), devices->end(), [](const DeviceInfo& d) {
      return d.type == DeviceType::discrete_gpu || d.type == DeviceType::integrated_gpu;
    });
    if (!gpu) QCOMPARE((*engine)->device().backend, Backend::cpu);
  }

  void a_named_device_is_used_and_a_missing_one_refused() {
    auto engine = Engine::create(EngineOptions{0u, false});
    QVERIFY(engine.has_value());
    QCOMPARE((*engine)->device().index, 0u);
    auto missing = Engine::create(EngineOptions{99u, false});
    QVERIFY(!missing.has_value());
    QVERIFY2(missing.error().message.find("no device 99") != std::string::npos, missing.error().message.c_str());
  }

  // The environment forces options for benchmarks; a value the engine does not know fails
  // with the variable's name instead of silently running the defaults.
  void environment_overrides_are_checked() {
    auto restore = qScopeGuard([] {
      qunsetenv("XUN_MATMUL");
      qunsetenv("XUN_THREADS");
      qunsetenv("XUN_CPU_KERNELS");
    });
    qputenv("XUN_MATMUL", "lanse");
    auto misspelt = Engine::create();
    QVERIFY(!misspelt.has_value());
    QVERIFY2(misspelt.error().message.find("XUN_MATMUL=lanse") != std::string::npos &&
                 misspelt.error().message.find("tiled|lanes") != std::string::npos,
             misspelt.error().message.c_str());
    qunsetenv("XUN_MATMUL");
    qputenv("XUN_THREADS", "0");
    QVERIFY(!with_environment({}).has_value());
    qputenv("XUN_THREADS", "3");
    qputenv("XUN_CPU_KERNELS", "reference");
    auto forced = with_environment({});
    QVERIFY2(forced.has_value(), forced ? "" : forced.error().message.c_str());
    QCOMPARE(forced->cpu.threads, std::optional<uint32_t>(3));
    QCOMPARE(forced->cpu.kernels, CpuKernels::reference);
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

QTEST_GUILESS_MAIN(DevicesTest)
#include "tst_devices.moc"
