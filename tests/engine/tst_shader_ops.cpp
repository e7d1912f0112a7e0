// Every compute shader against its plain C++ twin (reference_ops) on seeded random inputs,
// on the real Vulkan driver (lavapipe here) with the validation layer watching.
#include <QtTest>

#include <cmath>
#include <cstring>
#include <random>

#include "forward/host_tensor.h"
#include "forward/rope_table.h"
#include "qwen3/kernels.h"
#include "qwen3/ops.h"
#include "cpu/reference_ops.h"
#include "xun/half.h"
#include "xun_shaders.h"
#include "vk/open_device.h"
#include "vk/sequence.h"
#include "seeded_data.h"

using namespace xun;

using test::max_scaled_error;
using test::random_floats;
using test::StoredMatrix;
using test::store;

class ShaderOpsTest : public QObject {
  Q_OBJECT

 private:
  std::shared_ptr<vk::Device> device_;
  std::optional<qwen3::Kernels> kernels_;           // the device's default family
  std::optional<qwen3::Kernels> other_family_;      // the other one, so both are always tested
  // Each matmul kernel, whatever the device's default: tiled with 64- and 128-tiles, lanes, the
  // emulated coopmat kernel with each of its tiles forced, and the real one where the device has
  // matrix units (Mesa 26's lavapipe: ctest -R coop).
  std::vector<qwen3::Kernels> matmul_kernels_;
  std::optional<vk::Buffer> split_scratch_;  // the coopmat kernels' split-K partial sums
  std::optional<vk::Sequence> sequence_;

  vk::Buffer buffer_with(std::span<const std::byte> bytes) {
    auto buffer = vk::Buffer::create(device_, std::max<size_t>(4, (bytes.size() + 3) / 4 * 4), vk::MemoryUse::device);
    if (!buffer) qFatal("%s", buffer.error().message.c_str());
    if (auto uploaded = vk::upload_bytes(device_, *buffer, 0, bytes); !uploaded)
      qFatal("%s", uploaded.error().message.c_str());
    return std::move(*buffer);
  }
  template <class T>
  vk::Buffer buffer_with(const std::vector<T>& values) {
    return buffer_with(std::as_bytes(std::span(values)));
  }
  std::vector<float> read(const vk::Buffer& buffer, size_t count) {
    std::vector<float> values(count);
    if (auto downloaded = vk::download_bytes(device_, buffer, 0, std::as_writable_bytes(std::span(values)));
        !downloaded)
      qFatal("%s", downloaded.error().message.c_str());
    return values;
  }
  // The matrices side by side as one projection on the device (empty ones left out).
  qwen3::Projection projection_of(std::initializer_list<const StoredMatrix*> matrices, uint32_t inner) {
    qwen3::Projection projection;
    for (const StoredMatrix* m : matrices) {
      if (m->values.empty()) continue;
      model::TensorView view;
      view.dtype = m->dtype;
      view.shape = {m->values.size() / inner, inner};
      view.bytes = m->bytes;
      std::vector<std::byte> gpu_bytes;
      qwen3::append_gpu_rows(view, 0, view.shape[0], gpu_bytes);
      projection.parts.push_back({buffer_with(gpu_bytes), m->dtype, static_cast<uint32_t>(view.shape[0]), inner});
    }
    return projection;
  }
  std::vector<const qwen3::Kernels*> matmul_kernels() const {
    std::vector<const qwen3::Kernels*> all;
    for (const qwen3::Kernels& kernels : matmul_kernels_) all.push_back(&kernels);
    return all;
  }
  static bool coopmat(const qwen3::Kernels& kernels) {
    return kernels.matmul_kernel == qwen3::MatmulKernel::coopmat ||
           kernels.matmul_kernel == qwen3::MatmulKernel::coopmat_emulated;
  }
  static QString matmul_name(const qwen3::Kernels& kernels) {
    if (kernels.matmul_kernel == qwen3::MatmulKernel::tiled)
      return QString("tiled %1%2").arg(kernels.matmul_tile).arg(kernels.matmul_f16_tiles ? " f16" : "");
    if (!coopmat(kernels)) return qwen3::to_string(kernels.matmul_kernel);
    return QString("%1 %2%3").arg(qwen3::to_string(kernels.matmul_kernel), qwen3::to_string(*kernels.coop_tile),
                                  kernels.split_k ? QString(" split %1").arg(*kernels.split_k) : QString());
  }
  // Whether a product of rows of `inner` multiplies f16 operands: the coopmat kernels do, and the
  // tiled one with f16 tiles. Rows whose width is not a multiple of 4 take the tiled kernel.
  static bool f16_operands(const qwen3::Kernels& kernels, uint32_t inner) {
    if (inner % 4 == 0 && coopmat(kernels)) return true;
    const bool tiled = inner % 4 != 0 || kernels.matmul_kernel == qwen3::MatmulKernel::tiled;
    return tiled && kernels.matmul_f16_tiles;
  }
  // Those multiply f16 operands exactly and sum in f32: the reference gets the same operands,
  // rounded to f16, so that the kernels' tolerance stays that of f32 sums.
  static std::vector<float> as_f16(const qwen3::Kernels& kernels, std::vector<float> values, uint32_t inner) {
    if (f16_operands(kernels, inner))
      for (float& v : values) v = util::half_to_float(util::float_to_half(v));
    return values;
  }
  // Both kernel families: every norm and attention case runs with each.
  std::vector<const qwen3::Kernels*> families() const { return {&*kernels_, &*other_family_}; }
  static const char* family_name(const qwen3::Kernels& kernels) {
    return kernels.family == qwen3::KernelFamily::per_row ? "per-row kernels" : "workgroup kernels";
  }

  // Records one operation with `kernels` (default: the device's family), submits, waits.
  template <class Record>
  void run(Record&& record, const qwen3::Kernels* kernels = nullptr) {
    QVERIFY(sequence_->begin().has_value());
    auto recorded = record(*sequence_, kernels != nullptr ? *kernels : *kernels_);
    QVERIFY2(recorded.has_value(), recorded ? "" : recorded.error().message.c_str());
    auto submitted = sequence_->submit_and_wait();
    QVERIFY2(submitted.has_value(), submitted ? "" : submitted.error().message.c_str());
  }

  // Every attention kernel that builds here; the real cooperative-matrix one only where the
  // device has VK_KHR_cooperative_matrix and the shaders were compiled with it (ctest
  // coop_shader_ops_on_mesa26 runs this test on Mesa 26's lavapipe, which has both).
  std::vector<qwen3::AttentionKernel> attention_kernels() const {
    std::vector<qwen3::AttentionKernel> all = {qwen3::AttentionKernel::workgroup, qwen3::AttentionKernel::rows,
                                               qwen3::AttentionKernel::lanes, qwen3::AttentionKernel::flash,
                                               qwen3::AttentionKernel::flash_coopmat_emulated};
    if (XUN_SHADERS_COOPMAT && device_->info().features.cooperative_matrix)
      all.push_back(qwen3::AttentionKernel::flash_coopmat);
    return all;
  }
  static bool on_matrix_units(qwen3::AttentionKernel kernel) {
    return kernel == qwen3::AttentionKernel::flash_coopmat || kernel == qwen3::AttentionKernel::flash_coopmat_emulated;
  }

  // Runs `kernel` on the packed sequences and returns max_scaled_error against the reference,
  // both divided by `unit` (the values' magnitude: its 1 + |expected| assumes values near 1).
  double attention_error(qwen3::AttentionKernel kernel, const std::vector<float>& qkv, const std::vector<uint32_t>& starts,
                         const std::vector<uint32_t>& prefixes, const std::vector<uint32_t>& queries, uint32_t q_heads,
                         uint32_t kv_heads, uint32_t head_dim, const std::vector<float>& expected, float unit = 1.0f) {
    const uint32_t stride = (q_heads + 2 * kv_heads) * head_dim;
    const vk::Buffer qkv_buffer = buffer_with(qkv), start_buffer = buffer_with(starts), query_buffer = buffer_with(queries);
    const vk::Buffer prefix_buffer = buffer_with(prefixes);
    const float scale = 1.0f / std::sqrt(float(head_dim));
    auto kernels = qwen3::Kernels::create(*device_, {head_dim, q_heads / kv_heads}, {.attention = kernel});
    if (!kernels) qFatal("%s attention: %s", qwen3::to_string(kernel), kernels.error().message.c_str());
    if (kernels->attention_kernel != kernel) qFatal("%s attention not chosen", qwen3::to_string(kernel));
    const vk::Buffer out = buffer_with(std::vector<float>(queries.size() * q_heads * head_dim));
    run([&](vk::Sequence& s, const qwen3::Kernels& k) {
      return qwen3::ops::attention(s, k, qkv_buffer, start_buffer, prefix_buffer, query_buffer, out,
                                   {static_cast<uint32_t>(queries.size()), q_heads, kv_heads, head_dim, stride, scale});
    }, &*kernels);
    const std::vector<float> actual = read(out, expected.size());
    for (float v : actual)
      if (!std::isfinite(v)) return INFINITY;
    if (unit == 1.0f) return max_scaled_error(actual, expected);
    std::vector<float> a(actual.size()), e(expected.size());
    for (size_t i = 0; i < a.size(); ++i) a[i] = actual[i] / unit;
    for (size_t i = 0; i < e.size(); ++i) e[i] = expected[i] / unit;
    return max_scaled_error(a, e);
  }

  // f32 kernels agree with the double-precision reference to rounding. The cooperative-matrix
  // ones multiply f16 operands (11-bit significands): rounding Q and K moves a score of these
  // inputs by ~1e-3, which exp turns into a relative error of the weight, times |V| ~ 3..6.
  // Rounding Q and K alone, in double precision otherwise, gives 2.6e-3 over the 300 queries
  // of "one long 300" (V and P add 5e-4 and 4e-4); the kernels measure up to 3.5e-3 here.
  static double attention_tolerance(qwen3::AttentionKernel kernel) { return on_matrix_units(kernel) ? 5e-3 : 1e-5; }

  // Sequences laid out as the forward pass packs them, and the query list.
  struct PackedSequences {
    std::vector<uint32_t> starts, queries, prefixes;
  };
  static PackedSequences pack(const QList<uint32_t>& lengths, bool last_only, bool first_is_shared_prefix) {
    PackedSequences p;
    for (qsizetype s = 0; s < lengths.size(); ++s) {
      const uint32_t length = lengths[s];
      const auto start = static_cast<uint32_t>(p.starts.size());
      const bool sees_prefix = first_is_shared_prefix && s > 0;
      for (uint32_t i = 0; i < length; ++i) {
        if (!last_only) p.queries.push_back(start + i);
        p.starts.push_back(start);
        p.prefixes.push_back(0);
        p.prefixes.push_back(sees_prefix ? lengths[0] : 0);
      }
      if (last_only) p.queries.push_back(start + length - 1);
    }
    return p;
  }

 private slots:
  void initTestCase() {
    auto device = vk::open_device(EngineOptions{});
    QVERIFY2(device.has_value(), device ? "" : device.error().message.c_str());
    device_ = std::move(*device);
    qInfo("device: %s (%s)", device_->info().name.c_str(), device_->info().driver.c_str());
    auto kernels = qwen3::Kernels::create(*device_, {128, 2});
    QVERIFY2(kernels.has_value(), kernels ? "" : kernels.error().message.c_str());
    kernels_ = std::move(*kernels);
    const auto other = kernels_->family == qwen3::KernelFamily::per_row ? qwen3::KernelFamily::workgroup
                                                                       : qwen3::KernelFamily::per_row;
    auto other_kernels = qwen3::Kernels::create(*device_, {128, 2}, {.norms = other});
    QVERIFY2(other_kernels.has_value(), other_kernels ? "" : other_kernels.error().message.c_str());
    other_family_ = std::move(*other_kernels);
    std::vector<qwen3::KernelChoice> choices = {
        {.matmul = qwen3::MatmulKernel::tiled, .matmul_tile = 64, .matmul_f16_tiles = false},
        {.matmul = qwen3::MatmulKernel::tiled, .matmul_tile = 128, .matmul_f16_tiles = false},
        {.matmul = qwen3::MatmulKernel::lanes}};
    if (device_->info().features.shader_float16) {
      choices.push_back({.matmul = qwen3::MatmulKernel::tiled, .matmul_tile = 64, .matmul_f16_tiles = true});
      choices.push_back({.matmul = qwen3::MatmulKernel::tiled, .matmul_tile = 128, .matmul_f16_tiles = true});
    } else {
      qInfo("no fp16 arithmetic here: the tiled matmul's f16 tiles are not tested");
    }
    std::vector<qwen3::MatmulKernel> coop_kernels = {qwen3::MatmulKernel::coopmat_emulated};
    if (XUN_SHADERS_COOPMAT && device_->info().features.cooperative_matrix)
      coop_kernels.push_back(qwen3::MatmulKernel::coopmat);
    else
      qInfo("no matrix units here: the real coopmat matmul is not tested (ctest -R coop runs it on Mesa 26)");
    // Each tile splitting the inner dimension as the device would (the products here have few
    // tiles, so most are split), one never splitting and one always in 5 slices.
    for (qwen3::MatmulKernel kernel : coop_kernels) {
      for (auto size : {qwen3::TileSize::small, qwen3::TileSize::medium, qwen3::TileSize::large})
        choices.push_back({.matmul = kernel, .coopmat_tile = size});
      choices.push_back({.matmul = kernel, .coopmat_tile = qwen3::TileSize::medium, .split_k = 1});
      choices.push_back({.matmul = kernel, .coopmat_tile = qwen3::TileSize::large, .split_k = 5});
    }
    for (const qwen3::KernelChoice& choice : choices) {
      auto built = qwen3::Kernels::create(*device_, {128, 2}, choice);
      QVERIFY2(built.has_value(), built ? "" : built.error().message.c_str());
      QCOMPARE(built->matmul_kernel, *choice.matmul);
      if (choice.matmul_tile) QCOMPARE(built->matmul_tile, *choice.matmul_tile);
      if (choice.matmul_f16_tiles) QCOMPARE(built->matmul_f16_tiles, *choice.matmul_f16_tiles);
      matmul_kernels_.push_back(std::move(*built));
    }
    auto scratch = vk::Buffer::create(device_, 4 << 20, vk::MemoryUse::device);
    QVERIFY(scratch.has_value());
    split_scratch_ = std::move(*scratch);
    auto sequence = vk::Sequence::create(device_);
    QVERIFY(sequence.has_value());
    sequence_ = std::move(*sequence);
  }

  void cleanup() {
    const auto messages = device_->instance().validation_messages();
    for (const std::string& message : messages) qWarning("%s", message.c_str());
    QVERIFY2(messages.empty(), "the Vulkan validation layer reported problems");
  }

  void validation_is_on_under_ctest() {
    if (qEnvironmentVariable("XUN_VULKAN_VALIDATION") != "1") QSKIP("validation not requested");
    QVERIFY(device_->instance().validation_enabled());
  }

  void matmul_data() {
    QTest::addColumn<int>("dtype");
    QTest::addColumn<uint32_t>("rows");
    QTest::addColumn<uint32_t>("cols");
    QTest::addColumn<uint32_t>("inner");
    QTest::addColumn<bool>("accumulate");
    for (auto [name, dtype] : test::weight_types) {
      const int t = static_cast<int>(dtype);
      QTest::addRow("%s 1x1x32", name) << t << 1u << 1u << 32u << false;
      QTest::addRow("%s 37x70x96 (partial tiles)", name) << t << 37u << 70u << 96u << false;
      QTest::addRow("%s 130x129x256 accumulate", name) << t << 130u << 129u << 256u << true;
      // As wide as the 0.6B model's down projection: lavapipe caps the loop iterations of an
      // invocation, so a long inner dimension is where a kernel would silently stop early.
      QTest::addRow("%s 9x70x3072 (0.6B down_proj width)", name) << t << 9u << 70u << 3072u << false;
      if (dtype != model::DType::q8_0) QTest::addRow("%s 5x48x16 (inner below a tile step)", name) << t << 5u << 48u << 16u << false;
      // Several lanes blocks in both directions, with partial ones at both edges.
      QTest::addRow("%s 300x77x1024 (0.6B hidden width)", name) << t << 300u << 77u << 1024u << true;
      // Rows of 6 or 10 elements: the lanes kernel reads four at a time, so these take the tiled one.
      if (dtype != model::DType::q8_0) QTest::addRow("%s 3x5x6 (inner not a multiple of 4)", name) << t << 3u << 5u << 6u << false;
      if (dtype == model::DType::f32) QTest::addRow("%s 11x9x10", name) << t << 11u << 9u << 10u << true;
    }
  }

  void matmul() {
    QFETCH(int, dtype);
    QFETCH(uint32_t, rows);
    QFETCH(uint32_t, cols);
    QFETCH(uint32_t, inner);
    QFETCH(bool, accumulate);
    const StoredMatrix w = store(random_floats(size_t{cols} * inner, 11, 0.5f), static_cast<model::DType>(dtype));
    const std::vector<float> x = random_floats(size_t{rows} * inner, 12);
    const std::vector<float> y0 = random_floats(size_t{rows} * cols, 13);

    model::TensorView view;
    view.dtype = w.dtype;
    view.shape = {cols, inner};
    view.bytes = w.bytes;
    std::vector<std::byte> gpu_bytes;
    qwen3::append_gpu_rows(view, 0, cols, gpu_bytes);
    qwen3::GpuMatrix matrix{buffer_with(gpu_bytes), w.dtype, cols, inner};
    const vk::Buffer x_buffer = buffer_with(x);
    // f32 accumulation: rounding grows with the square root of the terms summed (and the
    // largest of 23,100 outputs strays further than that of a few).
    const double tolerance = 2e-5 * std::max(1.0, std::sqrt(inner / 256.0));
    for (const qwen3::Kernels* kernels : matmul_kernels()) {
      std::vector<float> expected = reference::matmul(as_f16(*kernels, x, inner), as_f16(*kernels, w.values, inner), rows, cols, inner);
      if (accumulate)
        for (size_t i = 0; i < expected.size(); ++i) expected[i] += y0[i];
      const vk::Buffer y_buffer = buffer_with(y0);
      run([&](vk::Sequence& s, const qwen3::Kernels& k) {
        return qwen3::ops::matmul(s, k, x_buffer, matrix, y_buffer, rows, accumulate, cols, 0, &*split_scratch_);
      }, kernels);
      const double error = max_scaled_error(read(y_buffer, expected.size()), expected);
      QVERIFY2(error < tolerance, qPrintable(QString("%1 matmul: max scaled error %2 (tolerance %3)")
                                                 .arg(matmul_name(*kernels))
                                                 .arg(error)
                                                 .arg(tolerance)));
    }
  }

  void matmul_into_column_range() {
    // Two matrices of different types filling columns [0, 40) and [40, 64) of one output.
    const uint32_t rows = 9, inner = 64;
    const StoredMatrix a = store(random_floats(40 * inner, 21), model::DType::f16);
    const StoredMatrix b = store(random_floats(24 * inner, 22), model::DType::q8_0);
    const std::vector<float> x = random_floats(rows * inner, 23);
    const qwen3::Projection projection = projection_of({&a, &b}, inner);
    const vk::Buffer x_buffer = buffer_with(x);
    std::vector<float> both = a.values;
    both.insert(both.end(), b.values.begin(), b.values.end());
    for (const qwen3::Kernels* kernels : matmul_kernels()) {
      const std::vector<float> expected = reference::matmul(as_f16(*kernels, x, inner), as_f16(*kernels, both, inner), rows, 64, inner);
      const vk::Buffer y_buffer = buffer_with(std::vector<float>(rows * 64, 0.0f));
      run([&](vk::Sequence& s, const qwen3::Kernels& k) {
        return qwen3::ops::matmul(s, k, x_buffer, projection, y_buffer, rows, false, &*split_scratch_);
      }, kernels);
      QVERIFY2(max_scaled_error(read(y_buffer, expected.size()), expected) < 1e-5, qPrintable(matmul_name(*kernels)));
    }
  }

  // Activations beyond f16's range (65504; a real model's SwiGLU outputs reach it) and far below
  // its normal range: the kernels with f16 operands (coopmat, tiled with f16 tiles) scale each row
  // by a power of two before converting it to f16, so every row keeps f16's relative precision
  // and nothing becomes infinite.
  void f16_matmuls_keep_huge_and_tiny_rows() {
    const uint32_t rows = 6, cols = 40, inner = 256;
    const StoredMatrix w = store(random_floats(size_t{cols} * inner, 31, 0.5f), model::DType::f16);
    const float magnitudes[rows] = {3e5f, 1.0f, 7e-6f, 6e4f, 1e9f, 2e-20f};
    std::vector<float> x = random_floats(size_t{rows} * inner, 32);
    for (uint32_t r = 0; r < rows; ++r)
      for (uint32_t k = 0; k < inner; ++k) x[size_t{r} * inner + k] *= magnitudes[r];
    const std::vector<float> expected = reference::matmul(x, w.values, rows, cols, inner);
    const qwen3::Projection projection = projection_of({&w}, inner);
    const vk::Buffer x_buffer = buffer_with(x);
    for (const qwen3::Kernels* kernels : matmul_kernels()) {
      if (!f16_operands(*kernels, inner)) continue;
      const vk::Buffer y_buffer = buffer_with(std::vector<float>(size_t{rows} * cols, 0.0f));
      run([&](vk::Sequence& s, const qwen3::Kernels& k) {
        return qwen3::ops::matmul(s, k, x_buffer, projection, y_buffer, rows, false, &*split_scratch_);
      }, kernels);
      const std::vector<float> actual = read(y_buffer, expected.size());
      for (uint32_t r = 0; r < rows; ++r) {
        double largest = 0, error = 0;
        for (uint32_t c = 0; c < cols; ++c) {
          const size_t at = size_t{r} * cols + c;
          QVERIFY2(std::isfinite(actual[at]), qPrintable(QString("%1: row %2 not finite").arg(matmul_name(*kernels)).arg(r)));
          largest = std::max(largest, std::abs(double(expected[at])));
          error = std::max(error, std::abs(double(actual[at]) - expected[at]));
        }
        // f16 operands: 2^-11 relative per element, summed over 256 random-signed terms.
        QVERIFY2(error <= 2e-3 * largest, qPrintable(QString("%1: row %2 (values ~%3): error %4 of %5")
                                                         .arg(matmul_name(*kernels)).arg(r).arg(magnitudes[r])
                                                         .arg(error).arg(largest)));
      }
    }
  }

  // Q8_0 weights times activations quantised to 8 bits, by packed integer dot products: equal
  // to the product of the weights with the activations rounded the same way on the host.
  void matmul_with_integer_dot_data() {
    QTest::addColumn<uint32_t>("rows");
    QTest::addColumn<uint32_t>("cols");
    QTest::addColumn<uint32_t>("inner");
    QTest::addColumn<bool>("accumulate");
    QTest::addColumn<bool>("with_f16_part");
    QTest::addRow("1x1x32") << 1u << 1u << 32u << false << false;
    QTest::addRow("37x70x96 (partial tiles)") << 37u << 70u << 96u << false << false;
    QTest::addRow("130x129x256 accumulate") << 130u << 129u << 256u << true << false;
    QTest::addRow("9x70x3072 (0.6B down_proj width)") << 9u << 70u << 3072u << false << false;
    QTest::addRow("20x(40 f16 + 70 q8_0)x64, one quantisation for both") << 20u << 70u << 64u << true << true;
  }

  void matmul_with_integer_dot() {
    QFETCH(uint32_t, rows);
    QFETCH(uint32_t, cols);
    QFETCH(uint32_t, inner);
    QFETCH(bool, accumulate);
    QFETCH(bool, with_f16_part);
    if (!device_->info().features.integer_dot_product_supported) QSKIP("no VK_KHR_shader_integer_dot_product");
    auto kernels = qwen3::Kernels::create(*device_, {128, 2}, {.integer_dot = true});
    QVERIFY2(kernels.has_value(), kernels ? "" : kernels.error().message.c_str());
    QVERIFY(kernels->integer_dot);

    const uint32_t f16_cols = with_f16_part ? 40 : 0, all_cols = f16_cols + cols;
    const StoredMatrix f16 = store(random_floats(size_t{f16_cols} * inner, 14, 0.5f), model::DType::f16);
    const StoredMatrix q8 = store(random_floats(size_t{cols} * inner, 15, 0.5f), model::DType::q8_0);
    const std::vector<float> x = random_floats(size_t{rows} * inner, 16);
    const std::vector<float> y0 = random_floats(size_t{rows} * all_cols, 17);
    const qwen3::Projection projection = projection_of({&f16, &q8}, inner);
    const vk::Buffer x_buffer = buffer_with(x), y_buffer = buffer_with(y0);
    auto scratch = vk::Buffer::create(device_, qwen3::ops::quantized_bytes(rows, inner), vk::MemoryUse::device);
    QVERIFY(scratch.has_value());
    run([&](vk::Sequence& s, const qwen3::Kernels& k) {
      return qwen3::ops::matmul(s, k, x_buffer, projection, y_buffer, rows, accumulate, &*scratch);
    }, &*kernels);

    // The F16 part multiplies x as it is; the Q8_0 part multiplies x rounded to 8 bits.
    const std::vector<float> f16_part = reference::matmul(x, f16.values, rows, f16_cols, inner);
    const std::vector<float> q8_part = reference::matmul(reference::quantize_q8(x), q8.values, rows, cols, inner);
    std::vector<float> expected(size_t{rows} * all_cols);
    for (uint32_t r = 0; r < rows; ++r)
      for (uint32_t c = 0; c < all_cols; ++c)
        expected[r * all_cols + c] = (accumulate ? y0[r * all_cols + c] : 0.0f) +
                                     (c < f16_cols ? f16_part[r * f16_cols + c] : q8_part[r * cols + c - f16_cols]);
    const double error = max_scaled_error(read(y_buffer, expected.size()), expected);
    QVERIFY2(error < 2e-5 * std::max(1.0, std::sqrt(inner / 256.0)), qPrintable(QString("max scaled error %1").arg(error)));
    // And it is not the f32 product: the rounding of x shows (so the integer path really ran).
    if (!with_f16_part && !accumulate && inner >= 96) {
      const std::vector<float> exact = reference::matmul(x, q8.values, rows, cols, inner);
      QVERIFY(max_scaled_error(read(y_buffer, exact.size()), exact) > 1e-4);
    }
  }

  void rmsnorm() {
    const uint32_t rows = 3001, dim = 300;
    const std::vector<float> x = random_floats(rows * dim, 31, 3.0f);
    const std::vector<float> weight = random_floats(dim, 32);
    const vk::Buffer x_buffer = buffer_with(x), w_buffer = buffer_with(weight);
    const auto expected = reference::rmsnorm(x, weight, rows, dim, 1e-6f);
    for (const qwen3::Kernels* kernels : families()) {
      const vk::Buffer y_buffer = buffer_with(std::vector<float>(x.size()));
      run([&](vk::Sequence& s, const qwen3::Kernels& k) {
        return qwen3::ops::rmsnorm(s, k, x_buffer, w_buffer, y_buffer, rows, dim, 1e-6f);
      }, kernels);
      QVERIFY2(max_scaled_error(read(y_buffer, x.size()), expected) < 1e-5, family_name(*kernels));
    }
  }

  void qk_norm_rope() {
    const uint32_t tokens = 1600, q_heads = 4, kv_heads = 2, head_dim = 128;
    const uint32_t stride = (q_heads + 2 * kv_heads) * head_dim;
    const std::vector<float> qkv = random_floats(tokens * stride, 41, 2.0f);
    const std::vector<float> q_norm = random_floats(head_dim, 42), k_norm = random_floats(head_dim, 43);
    std::vector<uint32_t> positions = {0, 1, 2, 3, 0, 1, 700, 1500, 4095};
    while (positions.size() < tokens) positions.push_back(static_cast<uint32_t>(positions.size() * 7 % 4096));
    const vk::Buffer q_norm_buffer = buffer_with(q_norm), k_norm_buffer = buffer_with(k_norm);
    const vk::Buffer positions_buffer = buffer_with(positions);
    const vk::Buffer rope = buffer_with(qwen3::rope_table(4096, head_dim, 1e6));
    std::vector<float> expected = qkv;
    reference::qk_norm_rope(expected, q_norm, k_norm, positions, q_heads, kv_heads, head_dim, 1e-6f, 1e6);
    for (const qwen3::Kernels* kernels : families()) {
      const vk::Buffer qkv_buffer = buffer_with(qkv);  // in place: a fresh copy per family
      run([&](vk::Sequence& s, const qwen3::Kernels& k) {
        return qwen3::ops::qk_norm_rope(s, k, qkv_buffer, q_norm_buffer, k_norm_buffer, positions_buffer, rope,
                                        {tokens, q_heads, kv_heads, head_dim, stride, 1e-6f});
      }, kernels);
      const auto actual = read(qkv_buffer, qkv.size());
      QVERIFY2(max_scaled_error(actual, expected) < 1e-5, family_name(*kernels));
      // V heads are untouched.
      for (uint32_t t = 0; t < tokens; ++t)
        for (uint32_t i = (q_heads + kv_heads) * head_dim; i < stride; ++i) QCOMPARE(actual[t * stride + i], qkv[t * stride + i]);
    }
  }

  void attention_data() {
    QTest::addColumn<QList<uint32_t>>("lengths");
    QTest::addColumn<bool>("last_only");
    QTest::addColumn<bool>("first_is_shared_prefix");
    QTest::addColumn<uint32_t>("q_heads");
    QTest::addColumn<uint32_t>("kv_heads");
    QTest::addColumn<uint32_t>("head_dim");
    QTest::addRow("one token") << QList<uint32_t>{1} << false << false << 4u << 2u << 128u;
    QTest::addRow("packed 1,5,70,130 all queries") << QList<uint32_t>{1, 5, 70, 130} << false << false << 4u << 2u << 128u;
    QTest::addRow("packed 1,5,70,130 last tokens") << QList<uint32_t>{1, 5, 70, 130} << true << false << 4u << 2u << 128u;
    QTest::addRow("one long 300") << QList<uint32_t>{300} << false << false << 4u << 2u << 128u;
    QTest::addRow("one long 1500, last token") << QList<uint32_t>{1500} << true << false << 4u << 2u << 128u;
    QTest::addRow("packed 700,900 all queries") << QList<uint32_t>{700, 900} << false << false << 4u << 2u << 128u;
    QTest::addRow("shared prefix 70 then 1,9,100") << QList<uint32_t>{70, 1, 9, 100} << false << true << 4u << 2u << 128u;
    QTest::addRow("shared prefix 3 then 64,65 last tokens") << QList<uint32_t>{3, 64, 65} << true << true << 4u << 2u << 128u;
    // Other groupings of query heads per KV head: 1 (multi-head), 3, and 4B/8B's 4.
    QTest::addRow("packed 5,40, 1 query head per KV head") << QList<uint32_t>{5, 40} << false << false << 2u << 2u << 128u;
    QTest::addRow("packed 5,40, 3 query heads per KV head") << QList<uint32_t>{5, 40} << false << false << 6u << 2u << 128u;
    QTest::addRow("shared prefix 20 then 7,30, 4 per KV head") << QList<uint32_t>{20, 7, 30} << false << true << 8u << 2u << 128u;
    // Shapes off every block size: the flash kernels' query blocks (5 entries of 3 heads), key
    // tiles, padded matrix rows, a block spanning sequences and the prefix, a smaller head.
    QTest::addRow("shared prefix 37 then 1,23,50,19, 3 per KV head")
        << QList<uint32_t>{37, 1, 23, 50, 19} << false << true << 9u << 3u << 128u;
    QTest::addRow("shared prefix 37 then 1,23,50,19 last tokens, 3 per KV head")
        << QList<uint32_t>{37, 1, 23, 50, 19} << true << true << 9u << 3u << 128u;
    QTest::addRow("packed 3,61,18, 5 per KV head") << QList<uint32_t>{3, 61, 18} << false << false << 10u << 2u << 128u;
    QTest::addRow("packed 9,45, heads of 64") << QList<uint32_t>{9, 45} << false << false << 4u << 2u << 64u;
  }

  void attention() {
    QFETCH(QList<uint32_t>, lengths);
    QFETCH(bool, last_only);
    QFETCH(bool, first_is_shared_prefix);
    QFETCH(uint32_t, q_heads);
    QFETCH(uint32_t, kv_heads);
    QFETCH(uint32_t, head_dim);
    const PackedSequences p = pack(lengths, last_only, first_is_shared_prefix);
    const uint32_t stride = (q_heads + 2 * kv_heads) * head_dim;
    const std::vector<float> qkv = random_floats(p.starts.size() * stride, 51, 1.5f);
    const auto expected = reference::attention(qkv, p.starts, p.prefixes, p.queries, q_heads, kv_heads, head_dim);
    for (auto kernel : attention_kernels()) {
      const double error = attention_error(kernel, qkv, p.starts, p.prefixes, p.queries, q_heads, kv_heads, head_dim, expected);
      QVERIFY2(error < attention_tolerance(kernel),
               qPrintable(QString("%1 attention: max scaled error %2").arg(qwen3::to_string(kernel)).arg(error)));
    }
  }

  // Values far beyond f16's 65504, which the cooperative-matrix kernels stage as f16: results
  // stay finite and as close to the reference as with ordinary values. Q and K are given
  // opposite magnitudes so that the scores stay moderate (the softmax is not one-hot) while
  // either operand alone would overflow; the last row makes everything large.
  void attention_large_values_data() {
    QTest::addColumn<float>("q_magnitude");
    QTest::addColumn<float>("k_magnitude");
    QTest::addColumn<float>("v_magnitude");
    QTest::addRow("large Q, small K, large V") << 1e5f << 1e-4f << 1e5f;
    QTest::addRow("small Q, large K, large V") << 1e-4f << 1e5f << 3e4f;
    QTest::addRow("all large") << 1e5f << 1e5f << 1e5f;
  }

  void attention_large_values() {
    QFETCH(float, q_magnitude);
    QFETCH(float, k_magnitude);
    QFETCH(float, v_magnitude);
    const uint32_t q_heads = 4, kv_heads = 2, head_dim = 128;
    const PackedSequences p = pack({20, 1, 45, 70}, false, true);
    const uint32_t stride = (q_heads + 2 * kv_heads) * head_dim;
    // Magnitudes spread over [0.3, 1] times the given one, random signs.
    std::mt19937 generator(91);
    std::uniform_real_distribution<float> spread(0.3f, 1.0f);
    std::vector<float> qkv(p.starts.size() * stride);
    for (size_t i = 0; i < qkv.size(); ++i) {
      const uint32_t column = static_cast<uint32_t>(i % stride);
      const float magnitude = column < q_heads * head_dim ? q_magnitude
                              : column < (q_heads + kv_heads) * head_dim ? k_magnitude
                                                                         : v_magnitude;
      qkv[i] = (generator() & 1 ? 1.0f : -1.0f) * spread(generator) * magnitude;
    }
    const auto expected = reference::attention(qkv, p.starts, p.prefixes, p.queries, q_heads, kv_heads, head_dim);
    for (auto kernel : attention_kernels()) {
      if (!on_matrix_units(kernel) && kernel != qwen3::AttentionKernel::flash) continue;
      const double error =
          attention_error(kernel, qkv, p.starts, p.prefixes, p.queries, q_heads, kv_heads, head_dim, expected, v_magnitude);
      QVERIFY2(error < attention_tolerance(kernel),
               qPrintable(QString("%1 attention: max scaled error %2").arg(qwen3::to_string(kernel)).arg(error)));
    }
  }

  void swiglu() {
    const uint32_t rows = 6, inter = 300;
    const std::vector<float> gate_up = random_floats(rows * 2 * inter, 61, 3.0f);
    const vk::Buffer in = buffer_with(gate_up), out = buffer_with(std::vector<float>(rows * inter));
    run([&](vk::Sequence& s, const qwen3::Kernels& k) { return qwen3::ops::swiglu(s, k, in, out, rows, inter); });
    QVERIFY(max_scaled_error(read(out, rows * inter), reference::swiglu(gate_up, rows, inter)) < 1e-5);
  }

  // The down projection of a gate/up output: SwiGLU applied in the tiled and coopmat matmuls'
  // loads (fused) or by its own kernel first (lanes, integer dot); the same numbers either way.
  void swiglu_matmul() {
    const uint32_t rows = 70, inter = 96, cols = 80;
    const std::vector<float> gate_up = random_floats(size_t{rows} * 2 * inter, 81, 2.0f);
    const std::vector<float> y0 = random_floats(size_t{rows} * cols, 82);
    const vk::Buffer gate_up_buffer = buffer_with(gate_up);
    const std::vector<float> activated = reference::swiglu(gate_up, rows, inter);
    for (model::DType dtype : {model::DType::f16, model::DType::q8_0}) {
      const StoredMatrix w = store(random_floats(size_t{cols} * inter, 83, 0.5f), dtype);
      const qwen3::Projection projection = projection_of({&w}, inter);
      auto integer_dot = qwen3::Kernels::create(*device_, {128, 2}, {.matmul = qwen3::MatmulKernel::tiled, .matmul_f16_tiles = false, .integer_dot = true});
      QVERIFY2(integer_dot.has_value(), integer_dot ? "" : integer_dot.error().message.c_str());
      std::vector<const qwen3::Kernels*> all = matmul_kernels();
      if (dtype == model::DType::q8_0) all.push_back(&*integer_dot);
      for (const qwen3::Kernels* kernels : all) {
        const bool fused = qwen3::ops::fuses_swiglu(*kernels, projection);
        QCOMPARE(fused, kernels->matmul_kernel != qwen3::MatmulKernel::lanes && !kernels->integer_dot);
        const vk::Buffer mlp = buffer_with(std::vector<float>(size_t{rows} * inter, 0.0f));
        const vk::Buffer y = buffer_with(y0);
        auto scratch = vk::Buffer::create(device_, std::max(qwen3::ops::quantized_bytes(rows, inter), qwen3::ops::split_k_bytes(rows, cols, 8)),
                                           vk::MemoryUse::device);
        QVERIFY(scratch.has_value());
        run([&](vk::Sequence& s, const qwen3::Kernels& k) {
          return qwen3::ops::swiglu_matmul(s, k, gate_up_buffer, mlp, projection, y, rows, true, &*scratch);
        }, kernels);
        const std::vector<float> input = kernels->integer_dot ? reference::quantize_q8(activated) : activated;
        std::vector<float> expected = reference::matmul(as_f16(*kernels, input, inter), as_f16(*kernels, w.values, inter), rows, cols, inter);
        for (size_t i = 0; i < expected.size(); ++i) expected[i] += y0[i];
        const double error = max_scaled_error(read(y, expected.size()), expected);
        // The device's exponential may differ from the host's in the last bits of f32, enough to
        // round an activation to the neighbouring f16 in the kernels with f16 operands: one f16
        // step of the largest activations here (about 4: 2^-8) times a weight (up to 0.5) is 2e-3.
        const double tolerance = f16_operands(*kernels, inter) ? 5e-3 : 2e-5;
        QVERIFY2(error < tolerance, qPrintable(QString("%1%2: max scaled error %3")
                                              .arg(kernels->integer_dot ? "integer dot" : matmul_name(*kernels))
                                              .arg(fused ? " (fused)" : "")
                                              .arg(error)));
      }
    }
  }

  void gather_rows() {
    const uint32_t rows = 10, dim = 33;
    const std::vector<float> x = random_floats(rows * dim, 71);
    const std::vector<uint32_t> index = {9, 0, 4, 4};
    const vk::Buffer in = buffer_with(x), index_buffer = buffer_with(index);
    const vk::Buffer out = buffer_with(std::vector<float>(index.size() * dim));
    run([&](vk::Sequence& s, const qwen3::Kernels& k) {
      return qwen3::ops::gather_rows(s, k, in, index_buffer, out, static_cast<uint32_t>(index.size()), dim);
    });
    const auto actual = read(out, index.size() * dim);
    for (size_t r = 0; r < index.size(); ++r)
      for (uint32_t i = 0; i < dim; ++i) QCOMPARE(actual[r * dim + i], x[index[r] * dim + i]);
  }

  void dispatch_checks_bindings_and_push_size() {
    QVERIFY(sequence_->begin().has_value());
    const vk::Buffer a = buffer_with(std::vector<float>(4));
    const shaders::SwigluPush push{1, 1};
    auto wrong_count = sequence_->dispatch(kernels_->swiglu, {a}, push, 1);
    QVERIFY(!wrong_count.has_value());
    QVERIFY(wrong_count.error().message.find("takes 2 buffers") != std::string::npos);
    const shaders::MatmulPush big{};
    auto wrong_push = sequence_->dispatch(kernels_->swiglu, {a, a}, big, 1);
    QVERIFY(!wrong_push.has_value());
    QVERIFY(wrong_push.error().message.find("bytes of push constants") != std::string::npos);
    QVERIFY(sequence_->submit_and_wait().has_value());
  }
};

QTEST_GUILESS_MAIN(ShaderOpsTest)
#include "tst_shader_ops.moc"
