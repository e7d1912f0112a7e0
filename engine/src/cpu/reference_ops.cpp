#include "cpu/reference_ops.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace xun::reference {

std::vector<float> matmul(std::span<const float> x, std::span<const float> w, uint32_t rows, uint32_t cols,
                          uint32_t inner) {
  std::vector<float> y(static_cast<size_t>(rows) * cols);
  for (uint32_t r = 0; r < rows; ++r)
    for (uint32_t c = 0; c < cols; ++c) {
      double sum = 0;
      for (uint32_t k = 0; k < inner; ++k) sum += static_cast<double>(x[r * inner + k]) * w[c * inner + k];
      y[r * cols + c] = static_cast<float>(sum);
    }
  return y;
}

std::vector<float> quantize_q8(std::span<const float> x) {
  std::vector<float> out(x.size());
  for (size_t block = 0; block < x.size() / 32; ++block) {
    float amax = 0;
    for (size_t i = 0; i < 32; ++i) amax = std::max(amax, std::abs(x[block * 32 + i]));
    const float d = amax / 127.0f;
    const float inverse = d > 0 ? 1.0f / d : 0.0f;
    for (size_t i = 0; i < 32; ++i) out[block * 32 + i] = d * std::round(x[block * 32 + i] * inverse);
  }
  return out;
}

std::vector<float> rmsnorm(std::span<const float> x, std::span<const float> weight, uint32_t rows, uint32_t dim,
                           float eps) {
  std::vector<float> y(x.size());
  for (uint32_t r = 0; r < rows; ++r) {
    double squares = 0;
    for (uint32_t i = 0; i < dim; ++i) squares += static_cast<double>(x[r * dim + i]) * x[r * dim + i];
    const double inverse_rms = 1.0 / std::sqrt(squares / dim + eps);
    for (uint32_t i = 0; i < dim; ++i) y[r * dim + i] = static_cast<float>(x[r * dim + i] * inverse_rms * weight[i]);
  }
  return y;
}

void qk_norm_rope(std::vector<float>& qkv, std::span<const float> q_norm, std::span<const float> k_norm,
                  std::span<const uint32_t> positions, uint32_t q_heads, uint32_t kv_heads, uint32_t head_dim,
                  float eps, double theta) {
  const uint32_t stride = (q_heads + 2 * kv_heads) * head_dim;
  const uint32_t half = head_dim / 2;
  for (size_t t = 0; t < positions.size(); ++t)
    for (uint32_t h = 0; h < q_heads + kv_heads; ++h) {
      float* v = qkv.data() + t * stride + h * head_dim;
      const std::span<const float> norm = h < q_heads ? q_norm : k_norm;
      std::vector<float> normed = reference::rmsnorm(std::span<const float>(v, head_dim), norm, 1, head_dim, eps);
      for (uint32_t j = 0; j < half; ++j) {
        const double angle = positions[t] * std::pow(theta, -2.0 * j / head_dim);
        const double a = normed[j], b = normed[j + half];
        v[j] = static_cast<float>(a * std::cos(angle) - b * std::sin(angle));
        v[j + half] = static_cast<float>(b * std::cos(angle) + a * std::sin(angle));
      }
    }
}

std::vector<float> attention(std::span<const float> qkv, std::span<const uint32_t> sequence_start,
                             std::span<const uint32_t> shared_prefix, std::span<const uint32_t> query_tokens,
                             uint32_t q_heads, uint32_t kv_heads, uint32_t head_dim) {
  const uint32_t stride = (q_heads + 2 * kv_heads) * head_dim;
  const double scale = 1.0 / std::sqrt(static_cast<double>(head_dim));
  std::vector<float> out(query_tokens.size() * q_heads * head_dim);
  for (size_t q = 0; q < query_tokens.size(); ++q) {
    const uint32_t token = query_tokens[q];
    std::vector<uint32_t> keys;
    for (uint32_t i = 0; i < shared_prefix[2 * token + 1]; ++i) keys.push_back(shared_prefix[2 * token] + i);
    for (uint32_t key = sequence_start[token]; key <= token; ++key) keys.push_back(key);
    for (uint32_t h = 0; h < q_heads; ++h) {
      const uint32_t kv = h / (q_heads / kv_heads);
      const float* query = qkv.data() + token * stride + h * head_dim;
      std::vector<double> scores;
      double highest = -std::numeric_limits<double>::infinity();
      for (uint32_t key : keys) {
        const float* k = qkv.data() + key * stride + (q_heads + kv) * head_dim;
        double dot = 0;
        for (uint32_t i = 0; i < head_dim; ++i) dot += static_cast<double>(query[i]) * k[i];
        scores.push_back(dot * scale);
        highest = std::max(highest, dot * scale);
      }
      double total = 0;
      for (double& s : scores) total += (s = std::exp(s - highest));
      for (uint32_t i = 0; i < head_dim; ++i) {
        double sum = 0;
        for (size_t j = 0; j < scores.size(); ++j) {
          sum += scores[j] * qkv[keys[j] * stride + (q_heads + kv_heads + kv) * head_dim + i];
        }
        out[(q * q_heads + h) * head_dim + i] = static_cast<float>(sum / total);
      }
    }
  }
  return out;
}

std::vector<float> swiglu(std::span<const float> gate_up, uint32_t rows, uint32_t inter) {
  std::vector<float> y(static_cast<size_t>(rows) * inter);
  for (uint32_t r = 0; r < rows; ++r)
    for (uint32_t i = 0; i < inter; ++i) {
      const double gate = gate_up[r * 2 * inter + i], up = gate_up[r * 2 * inter + inter + i];
      y[r * inter + i] = static_cast<float>(gate / (1.0 + std::exp(-gate)) * up);
    }
  return y;
}

}  // namespace xun::reference
