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
  std::span<const std::byte> data;         // the data section: the file after the header
};

// Checks the header length against the file, the JSON, and every dtype, shape and offset: each
// tensor's byte range lies in the data section and has the size its shape and dtype need.
// Errors start with the file's path.
Result<SafetensorsFile> read_safetensors(const std::filesystem::path& path);

// The tensors tile the data section exactly: sorted by offset, the first at 0, each where the
// one before ends, the last at the end of the file; no gap, no overlap. A header length off by
// one or a tensor retyped in the header passes read_safetensors (every range is still inside the
// file) but not this. Separate so that a model's loader can first report what is more precise
// (a tensor missing, a shape the config disagrees with), which also leaves bytes unaccounted.
Result<void> check_safetensors_layout(const SafetensorsFile& file);

}  // namespace xun::model
