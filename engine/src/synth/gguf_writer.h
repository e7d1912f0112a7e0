// Writes GGUF v3 files: metadata, tensor infos, then 32-byte aligned tensor data streamed
// tensor by tensor (a 16 GB model is never held in memory).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "xun/error.h"

namespace xun::synth {

// ggml_type values this writer emits.
enum class GgmlType : uint32_t { f32 = 0, f16 = 1, q8_0 = 8 };

class GgufWriter {
 public:
  void add_string(const std::string& key, const std::string& value);
  void add_u32(const std::string& key, uint32_t value);
  void add_f32(const std::string& key, float value);
  void add_bool(const std::string& key, bool value);
  void add_strings(const std::string& key, const std::vector<std::string>& values);
  void add_i32s(const std::string& key, const std::vector<int32_t>& values);

  // ne in ggml order (ne[0] = row length). `fill` appends exactly the tensor's bytes.
  void add_tensor(std::string name, std::vector<uint64_t> ne, GgmlType type,
                  std::function<void(std::vector<std::byte>&)> fill);

  Result<void> write(const std::filesystem::path& path) const;

 private:
  struct Tensor {
    std::string name;
    std::vector<uint64_t> ne;
    GgmlType type;
    std::function<void(std::vector<std::byte>&)> fill;
  };
  std::vector<std::byte> metadata_;
  uint64_t metadata_count_ = 0;
  std::vector<Tensor> tensors_;
};

uint64_t ggml_bytes(GgmlType type, uint64_t elements);

}  // namespace xun::synth
