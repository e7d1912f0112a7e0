// The CPU backend's operations against the double-precision reference operations on seeded
// inputs, odd shapes included: the products (every stored type, several parts, accumulation,
// row strides, more threads than panels), the blocked attention (packed sequences, the shared
// rerank prefix, grouped KV heads, last tokens only) and the vectorised row loops.
#include <QtTest>

#include <cmath>
#include <limits>

#include "cpu/attention.h"
#include "cpu/matmul.h"
#include "cpu/reference_ops.h"
#include "cpu/row_math.h"
#include "forward/batch.h"
#include "seeded_data.h"

using namespace xun;

class CpuOpsTest : public QObject {
  Q_OBJECT

 private slots:
  void matmul_data() {
    QTest::addColumn<int>("dtype");
    QTest::addColumn<uint32_t>("rows");
    QTest::addColumn<uint32_t>("inner");
    QTest::addColumn<uint32_t>("threads");
    for (auto [name, dtype] : test::weight_types) {
      const int t = static_cast<int>(dtype);
      QTest::addRow("%s 1 row, 32 inner, 1 thread", name) << t << 1u << 32u << 1u;
      QTest::addRow("%s 37 rows, 96 inner, 2 threads", name) << t << 37u << 96u << 2u;
      QTest::addRow("%s 300 rows, 1024 inner, 3 threads", name) << t << 300u << 1024u << 3u;
      QTest::addRow("%s 5 rows, 64 inner, 16 threads (rows split too)", name) << t << 5u << 64u << 16u;
    }
  }

  // Two parts (as Q, K of different sizes) side by side into a wider output with a row stride,
  // added to what the output held, from an input with a row stride of its own.
  void matmul() {
    QFETCH(int, dtype);
    QFETCH(uint32_t, rows);
    QFETCH(uint32_t, inner);
    QFETCH(uint32_t, threads);
    const auto type = static_cast<model::DType>(dtype);
    const uint32_t first_cols = 300, second_cols = 70, y_stride = first_cols + second_cols + 5, x_stride = inner + 3;
    const test::StoredMatrix a = test::store(test::random_floats(size_t{first_cols} * inner, 11, 0.5f), type);
    const model::TensorView a_view{"a", type, {first_cols, inner}, a.bytes};
    // The second part starts at row 10 of its table, as a part cut from a larger one does.
    const test::StoredMatrix b_padded = test::store(test::random_floats(size_t{second_cols + 10} * inner, 12, 0.5f), type);
    const model::TensorView padded_view{"b", type, {second_cols + 10, inner}, b_padded.bytes};
    const cpu::WeightRows parts[] = {{&a_view, 0, first_cols}, {&padded_view, 10, second_cols}};

    const std::vector<float> x_strided = test::random_floats(size_t{rows} * x_stride, 13);
    std::vector<float> x(size_t{rows} * inner);
    for (uint32_t r = 0; r < rows; ++r)
      std::copy_n(x_strided.begin() + r * x_stride, inner, x.begin() + r * inner);
    std::vector<float> y = test::random_floats(size_t{rows} * y_stride, 14);
    const std::vector<float> y0 = y;

    cpu::Matmul matmul(threads, inner, false);
    matmul.multiply(x_strided.data(), x_stride, rows, parts, y.data(), y_stride, true);

    const std::vector<float> first = reference::matmul(x, a.values, rows, first_cols, inner);
    const std::vector<float> second = reference::matmul(
        x, std::span<const float>(b_padded.values).subspan(size_t{10} * inner), rows, second_cols, inner);
    std::vector<float> expected = y0;
    for (uint32_t r = 0; r < rows; ++r) {
      for (uint32_t c = 0; c < first_cols; ++c) expected[r * y_stride + c] += first[r * first_cols + c];
      for (uint32_t c = 0; c < second_cols; ++c) expected[r * y_stride + first_cols + c] += second[r * second_cols + c];
    }
    // f32 products: rounding grows with the square root of the terms summed. The 5 padding
    // columns of each row must be untouched (compared exactly, as part of `expected`).
    const double tolerance = 2e-5 * std::max(1.0, std::sqrt(inner / 256.0));
    const double error = test::max_scaled_error(y, expected);
    QVERIFY2(error < tolerance, qPrintable(QString("max scaled error %1").arg(error)));
    for (uint32_t r = 0; r < rows; ++r)
      for (uint32_t c = first_cols + second_cols; c < y_stride; ++c) QCOMPARE(y[r * y_stride + c], y0[r * y_stride + c]);
  }

  void attention_data() {
    QTest::addColumn<QList<uint32_t>>("lengths");
    QTest::addColumn<bool>("last_only");
    QTest::addColumn<bool>("first_is_shared_prefix");
    QTest::addColumn<uint32_t>("q_heads");
    QTest::addColumn<uint32_t>("kv_heads");
    QTest::addRow("one token") << QList<uint32_t>{1} << false << false << 2u << 1u;
    QTest::addRow("packed sequences across block edges") << QList<uint32_t>{3, 64, 65, 130} << false << false << 4u << 2u;
    QTest::addRow("last tokens only") << QList<uint32_t>{7, 1, 200} << true << false << 3u << 1u;
    QTest::addRow("shared prefix, then documents") << QList<uint32_t>{40, 5, 90, 1} << false << true << 4u << 4u;
    QTest::addRow("shared prefix, last tokens only") << QList<uint32_t>{70, 33, 2} << true << true << 16u << 8u;
  }

  void attention() {
    QFETCH(QList<uint32_t>, lengths);
    QFETCH(bool, last_only);
    QFETCH(bool, first_is_shared_prefix);
    QFETCH(uint32_t, q_heads);
    QFETCH(uint32_t, kv_heads);
    std::vector<std::vector<int32_t>> sequences;
    for (uint32_t length : lengths) sequences.emplace_back(length, 1);
    const qwen3::PackedBatch batch =
        first_is_shared_prefix ? qwen3::pack_with_shared_prefix(sequences.front(), std::span(sequences).subspan(1))
                               : qwen3::pack(sequences);
    std::vector<uint32_t> queries;
    if (last_only) {
      queries = batch.last_tokens;
    } else {
      for (uint32_t t = 0; t < batch.tokens.size(); ++t) queries.push_back(t);
    }
    const cpu::AttentionShape shape{q_heads, kv_heads, 128};
    const std::vector<float> qkv = test::random_floats(batch.tokens.size() * shape.qkv_width(), 51, 1.5f);
    const std::vector<float> expected =
        reference::attention(qkv, batch.sequence_start, batch.shared_prefix, queries, q_heads, kv_heads, 128);
    for (uint32_t threads : {1u, 3u}) {
      std::vector<float> out(expected.size(), std::numeric_limits<float>::quiet_NaN());
      cpu::Attention attention(threads, false);
      attention.run(qkv.data(), batch, queries, shape, out.data());
      const double error = test::max_scaled_error(out, expected);
      QVERIFY2(error < 2e-5, qPrintable(QString("%1 threads: max scaled error %2").arg(threads).arg(error)));
    }
  }

  void rows() {
    const uint32_t dim = 1027;  // not a multiple of any vector width
    const std::vector<float> x = test::random_floats(dim, 61, 3.0f), weight = test::random_floats(dim, 62);
    std::vector<float> y(dim);
    cpu::rmsnorm_row(x.data(), weight.data(), y.data(), dim, 1e-6f);
    QVERIFY(test::max_scaled_error(y, reference::rmsnorm(x, weight, 1, dim, 1e-6f)) < 1e-6);

    std::vector<float> gate_up = test::random_floats(2 * dim, 63, 4.0f);
    const std::vector<float> expected = reference::swiglu(gate_up, 1, dim);
    cpu::swiglu_row(gate_up.data(), gate_up.data() + dim, gate_up.data(), dim);  // in place, as the backend runs it
    QVERIFY(test::max_scaled_error(std::span(gate_up).first(dim), expected) < 1e-6);

    // Softmax over the valid part of a row, zeros after it; large and very negative scores.
    std::vector<float> scores = test::random_floats(300, 64, 30.0f);
    scores[5] = -1e30f;
    std::vector<double> exact(200);
    double highest = -1e300, total = 0;
    for (uint32_t i = 0; i < 200; ++i) highest = std::max(highest, double(scores[i]));
    for (uint32_t i = 0; i < 200; ++i) total += exact[i] = std::exp(double(scores[i]) - highest);
    cpu::softmax_row(scores.data(), 200, 300);
    for (uint32_t i = 0; i < 200; ++i) QVERIFY(std::abs(scores[i] - exact[i] / total) < 1e-6);
    for (uint32_t i = 200; i < 300; ++i) QCOMPARE(scores[i], 0.0f);
  }

  // The vectorised exponential against std::exp over the range softmax and SiLU use.
  void exponential() {
    std::vector<float> x;
    for (float v = -87.0f; v <= 88.0f; v += 0.0137f) x.push_back(v);
    std::vector<float> e = x;
    cpu::exp_row(e.data(), static_cast<uint32_t>(e.size()));
    double worst = 0;
    for (size_t i = 0; i < x.size(); ++i) {
      const double exact = std::exp(double(x[i]));
      worst = std::max(worst, std::abs(e[i] - exact) / exact);
    }
    QVERIFY2(worst < 3e-7, qPrintable(QString("relative error %1").arg(worst)));
  }
};

QTEST_GUILESS_MAIN(CpuOpsTest)
#include "tst_cpu_ops.moc"
