#include "model/model_files.h"

#include <system_error>

#include "model/error_text.h"
#include "model/fingerprint.h"
#include "model/gguf_model.h"
#include "model/hf_model.h"

namespace xun::model {

std::string_view to_string(DType dtype) {
  switch (dtype) {
    case DType::f32:
      return "f32";
    case DType::f16:
      return "f16";
    case DType::bf16:
      return "bf16";
    case DType::q8_0:
      return "q8_0";
  }
  return "unknown";
}

Result<uint64_t> tensor_byte_size(DType dtype, std::span<const uint64_t> shape) {
  uint64_t elements = 1;
  for (const uint64_t dim : shape) {
    if (dim != 0 && elements > UINT64_MAX / dim)
      return fail("shape " + format_shape(shape) + " has more elements than 64 bits can count");
    elements *= dim;
  }
  uint64_t element_bytes = 0;
  switch (dtype) {
    case DType::f32:
      element_bytes = 4;
      break;
    case DType::f16:
    case DType::bf16:
      element_bytes = 2;
      break;
    case DType::q8_0: {
      const uint64_t row = shape.empty() ? 1 : shape.back();
      if (row % q8_0_block_values != 0)
        return fail("Q8_0 shape " + format_shape(shape) + " has rows of " + std::to_string(row) +
                    " values, not a multiple of " + std::to_string(q8_0_block_values));
      const uint64_t blocks = elements / q8_0_block_values;
      if (blocks > UINT64_MAX / q8_0_block_bytes)
        return fail("shape " + format_shape(shape) + " needs more bytes than 64 bits can count");
      return blocks * q8_0_block_bytes;
    }
  }
  if (elements > UINT64_MAX / element_bytes)
    return fail("shape " + format_shape(shape) + " needs more bytes than 64 bits can count");
  return elements * element_bytes;
}

std::string format_shape(std::span<const uint64_t> shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(shape[i]);
  }
  return text + "]";
}

uint64_t TensorView::elements() const {
  uint64_t count = 1;
  for (const uint64_t dim : shape) count *= dim;  // checked against overflow when the file opened
  return count;
}

const TensorView* ModelFiles::find(const std::string& name) const {
  const auto it = tensors.find(name);
  return it == tensors.end() ? nullptr : &it->second;
}

namespace {

Result<ModelFiles> open_by_kind(const std::filesystem::path& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::exists(status))
    return fail(path.string() + ": no such model file or directory");
  if (std::filesystem::is_directory(status)) return open_hf_directory(path);
  if (const auto extension = path.extension(); extension == ".safetensors" || extension == ".json")
    return fail(path.string() + ": is part of a Hugging Face model; open its directory instead");
  return open_gguf_model(path);
}

}  // namespace

Result<ModelFiles> open_model(const std::filesystem::path& path, const OpenOptions& options) {
  auto model = open_by_kind(path);
  if (!model) return std::unexpected(printable(std::move(model.error())));
  if (options.fingerprint) model->fingerprint = compute_fingerprint(*model);
  return model;
}

}  // namespace xun::model
