#include "model/safetensors_reader.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "model/byte_cursor.h"

namespace xun::model {
namespace {

using nlohmann::json;

// The reference implementation refuses headers over 100 MB; a real one is a few hundred KB.
constexpr uint64_t max_header_bytes = 100'000'000;
// Transformer weights have 1 or 2 dimensions; anything past this is not a tensor we could use.
constexpr size_t max_rank = 8;

std::optional<DType> parse_dtype(const std::string& name) {
  if (name == "BF16") return DType::bf16;
  if (name == "F16") return DType::f16;
  if (name == "F32") return DType::f32;
  return std::nullopt;
}

Result<std::vector<uint64_t>> parse_shape(const json& value) {
  if (!value.is_array()) return fail("\"shape\" is not an array");
  if (value.size() > max_rank)
    return fail("\"shape\" has " + std::to_string(value.size()) + " dimensions");
  std::vector<uint64_t> shape;
  for (const json& dim : value) {
    if (!dim.is_number_unsigned()) return fail("\"shape\" holds " + dim.dump() + ", not a size");
    shape.push_back(dim.get<uint64_t>());
  }
  return shape;
}

// One header entry -> a tensor whose bytes lie inside `data` (the section after the header).
Result<SafetensorsTensor> parse_entry(const std::string& name, const json& entry,
                                      std::span<const std::byte> data) {
  auto quoted = "tensor '" + name + "'";
  if (!entry.is_object()) return fail(quoted + ": header entry is not an object");
  const auto dtype_it = entry.find("dtype");
  const auto shape_it = entry.find("shape");
  const auto offsets_it = entry.find("data_offsets");
  if (dtype_it == entry.end() || !dtype_it->is_string())
    return fail(quoted + ": \"dtype\" is missing or not a string");
  if (shape_it == entry.end()) return fail(quoted + ": \"shape\" is missing");
  if (offsets_it == entry.end()) return fail(quoted + ": \"data_offsets\" is missing");

  const auto& dtype_name = dtype_it->get_ref<const std::string&>();
  const auto dtype = parse_dtype(dtype_name);
  if (!dtype)
    return fail(quoted + " has dtype " + dtype_name +
                ", which Xun does not read (BF16, F16 and F32 are supported)");
  auto shape = parse_shape(*shape_it);
  if (!shape) return fail(quoted + ": " + shape.error().message);
  const auto expected_bytes = tensor_byte_size(*dtype, *shape);
  if (!expected_bytes) return fail(quoted + ": " + expected_bytes.error().message);

  const json& offsets = *offsets_it;
  if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned() ||
      !offsets[1].is_number_unsigned())
    return fail(quoted + ": \"data_offsets\" is not a pair of byte offsets");
  const auto begin = offsets[0].get<uint64_t>();
  const auto end = offsets[1].get<uint64_t>();
  if (begin > end || end > data.size())
    return fail(quoted + " has data_offsets [" + std::to_string(begin) + ", " +
                std::to_string(end) + "] outside the data section of " +
                std::to_string(data.size()) + " bytes");
  if (end - begin != *expected_bytes)
    return fail(quoted + " has " + std::to_string(end - begin) + " bytes but shape " +
                format_shape(*shape) + " of " + dtype_name + " needs " +
                std::to_string(*expected_bytes));
  return SafetensorsTensor{name, *dtype, std::move(*shape), data.subspan(begin, end - begin)};
}

// The tensors, and the data section they lie in (see SafetensorsFile).
Result<SafetensorsFile> parse_header(std::span<const std::byte> file_bytes) {
  ByteCursor cursor(file_bytes);
  const auto header_length = cursor.read<uint64_t>("the header length");
  if (!header_length) return std::unexpected(header_length.error());
  const uint64_t header_bytes = *header_length;
  if (header_bytes > cursor.remaining())
    return fail("header length " + std::to_string(header_bytes) + " runs past the end of the " +
                std::to_string(file_bytes.size()) + "-byte file");
  if (header_bytes > max_header_bytes)
    return fail("header length " + std::to_string(header_bytes) + " is implausibly large");

  const auto* text = reinterpret_cast<const char*>(file_bytes.data() + 8);
  json header;
  try {
    header = json::parse(text, text + header_bytes);
  } catch (const json::parse_error& error) {
    return fail("the JSON header is malformed (byte " + std::to_string(error.byte) + ")");
  } catch (const json::out_of_range& error) {  // 1e999999: number overflow (406)
    return fail(std::string("the JSON header holds a number out of range: ") + error.what());
  }
  if (!header.is_object()) return fail("the JSON header is not an object");

  SafetensorsFile parsed;
  const auto data = parsed.data = file_bytes.subspan(8 + header_bytes);
  std::vector<SafetensorsTensor>& tensors = parsed.tensors;
  for (const auto& [name, entry] : header.items()) {
    if (name == "__metadata__") continue;  // free-form strings about the file, not tensors
    auto tensor = parse_entry(name, entry, data);
    if (!tensor) return std::unexpected(tensor.error());
    tensors.push_back(std::move(*tensor));
  }
  return parsed;
}

// The tensors must tile the data section: sorted by offset, each starts where the one before
// ends, the first at 0, and the last ends at the end of the file. A gap or trailing bytes mean
// the header and the data disagree (a header length off by one shifts every tensor by a byte
// yet keeps each inside the file), so reading on would compute garbage.
Result<void> check_tiling(std::vector<const SafetensorsTensor*> tensors,
                          std::span<const std::byte> data) {
  // A tensor of no bytes occupies none: it may sit anywhere inside the section.
  std::erase_if(tensors, [](const SafetensorsTensor* t) { return t->bytes.empty(); });
  const auto begin_of = [&](const SafetensorsTensor* t) {
    return static_cast<uint64_t>(t->bytes.data() - data.data());
  };
  std::ranges::stable_sort(tensors, {}, begin_of);
  uint64_t expected_begin = 0;
  const SafetensorsTensor* previous = nullptr;
  for (const auto* tensor : tensors) {
    const uint64_t begin = begin_of(tensor);
    if (begin < expected_begin)
      return fail("tensors '" + previous->name + "' and '" + tensor->name + "' overlap at byte " +
                  std::to_string(begin) + " of the data section");
    if (begin > expected_begin)
      return fail("tensor '" + tensor->name + "' starts at byte " + std::to_string(begin) +
                  " of the data section, leaving bytes " + std::to_string(expected_begin) +
                  " to " + std::to_string(begin) + " unused" +
                  (previous ? " after tensor '" + previous->name + "'" : std::string()) +
                  ": the header does not describe this data (a tensor's dtype or offsets were "
                  "changed?)");
    expected_begin = begin + tensor->bytes.size();
    previous = tensor;
  }
  if (expected_begin != data.size())
    return fail("the data section holds " + std::to_string(data.size()) + " bytes but " +
                (previous ? "the last tensor, '" + previous->name + "', ends at byte "
                          : std::string("the tensors end at byte ")) +
                std::to_string(expected_begin) +
                ": the header length or the offsets are wrong, or the file was cut or extended");
  return {};
}

}  // namespace

Result<SafetensorsFile> read_safetensors(const std::filesystem::path& path) {
  auto file = MappedFile::open(path);
  if (!file) return std::unexpected(file.error());
  Result<SafetensorsFile> parsed;
  try {
    parsed = parse_header((*file)->bytes());
  } catch (const std::exception& error) {  // nlohmann's type errors, allocation failure
    parsed = fail(std::string("cannot read the header: ") + error.what());
  }
  if (!parsed) return std::unexpected(in_context(path.string(), parsed.error()));
  parsed->file = std::move(*file);
  return parsed;
}

Result<void> check_safetensors_layout(const SafetensorsFile& file) {
  std::vector<const SafetensorsTensor*> tensors;
  for (const auto& tensor : file.tensors) tensors.push_back(&tensor);
  if (auto ok = check_tiling(std::move(tensors), file.data); !ok)
    return std::unexpected(in_context(file.file->path().string(), ok.error()));
  return {};
}

}  // namespace xun::model
