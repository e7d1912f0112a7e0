// Vectors are stored as BLOBs of float32 in the machine's byte order (little-endian on every
// platform Xun builds for), 4 * dimension bytes.
#pragma once

#include <cstddef>
#include <cstring>
#include <span>
#include <vector>

namespace xun::core {

static_assert(sizeof(float) == 4, "vector blobs are float32");

inline std::span<const std::byte> vector_bytes(std::span<const float> vector) {
  return std::as_bytes(vector);
}

// Copies a blob into floats (the blob's pointer need not be aligned for float).
inline std::vector<float> vector_from_bytes(std::span<const std::byte> bytes) {
  std::vector<float> vector(bytes.size() / sizeof(float));
  if (!vector.empty()) std::memcpy(vector.data(), bytes.data(), vector.size() * sizeof(float));
  return vector;
}

}  // namespace xun::core
