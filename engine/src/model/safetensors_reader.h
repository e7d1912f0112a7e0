// One .safetensors file: an 8-byte little-endian header length, a JSON header naming each
// tensor's dtype, shape and byte range, then the data. Names are returned as stored.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "model/model_files.h"

namespace xun::model {

struct SafetensorsTensor {
  std::string name;                  // as stored, e.g. "model.layers.0.mlp.up_proj.weight"
  DType dtype = DType::f32;          // BF16, F16 or F32; other dtypes are an error
  std::vector<uint64_t> shape;       // outermost first
  std::span<const std::byte> bytes;  // inside the data section, size = shape x dtype size
};

struct SafetensorsFile {
  std::shared_ptr<const MappedFile> file;
  std::vector<SafetensorsTensor> tensors;  // header order
};

// Checks the header length against the file, the JSON, every dtype, shape and offset, and that
// no two tensors overlap. Errors start with the file's path.
Result<SafetensorsFile> read_safetensors(const std::filesystem::path& path);

}  // namespace xun::model
