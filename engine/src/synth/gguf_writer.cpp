#include "synth/gguf_writer.h"

#include <cstring>
#include <fstream>

namespace xun::synth {
namespace {

constexpr uint64_t alignment = 32;  // general.alignment's default
enum : uint32_t { type_uint32 = 4, type_int32 = 5, type_float32 = 6, type_bool = 7, type_string = 8, type_array = 9 };

template <class T>
void put(std::vector<std::byte>& out, T value) {
  const size_t at = out.size();
  out.resize(at + sizeof(T));
  std::memcpy(out.data() + at, &value, sizeof(T));
}

void put_string(std::vector<std::byte>& out, const std::string& text) {
  put<uint64_t>(out, text.size());
  const auto* bytes = reinterpret_cast<const std::byte*>(text.data());
  out.insert(out.end(), bytes, bytes + text.size());
}

uint64_t padded(uint64_t offset) { return (offset + alignment - 1) / alignment * alignment; }

}  // namespace

uint64_t ggml_bytes(GgmlType type, uint64_t elements) {
  switch (type) {
    case GgmlType::f32: return elements * 4;
    case GgmlType::f16: return elements * 2;
    case GgmlType::q8_0: return elements / 32 * 34;
  }
  return 0;
}

void GgufWriter::add_string(const std::string& key, const std::string& value) {
  put_string(metadata_, key);
  put<uint32_t>(metadata_, type_string);
  put_string(metadata_, value);
  ++metadata_count_;
}

void GgufWriter::add_u32(const std::string& key, uint32_t value) {
  put_string(metadata_, key);
  put<uint32_t>(metadata_, type_uint32);
  put<uint32_t>(metadata_, value);
  ++metadata_count_;
}

void GgufWriter::add_f32(const std::string& key, float value) {
  put_string(metadata_, key);
  put<uint32_t>(metadata_, type_float32);
  put<float>(metadata_, value);
  ++metadata_count_;
}

void GgufWriter::add_bool(const std::string& key, bool value) {
  put_string(metadata_, key);
  put<uint32_t>(metadata_, type_bool);
  put<uint8_t>(metadata_, value ? 1 : 0);
  ++metadata_count_;
}

void GgufWriter::add_strings(const std::string& key, const std::vector<std::string>& values) {
  put_string(metadata_, key);
  put<uint32_t>(metadata_, type_array);
  put<uint32_t>(metadata_, type_string);
  put<uint64_t>(metadata_, values.size());
  for (const std::string& value : values) put_string(metadata_, value);
  ++metadata_count_;
}

void GgufWriter::add_i32s(const std::string& key, const std::vector<int32_t>& values) {
  put_string(metadata_, key);
  put<uint32_t>(metadata_, type_array);
  put<uint32_t>(metadata_, type_int32);
  put<uint64_t>(metadata_, values.size());
  for (int32_t value : values) put<int32_t>(metadata_, value);
  ++metadata_count_;
}

void GgufWriter::add_tensor(std::string name, std::vector<uint64_t> ne, GgmlType type,
                            std::function<void(std::vector<std::byte>&)> fill) {
  tensors_.push_back({std::move(name), std::move(ne), type, std::move(fill)});
}

Result<void> GgufWriter::write(const std::filesystem::path& path) const {
  std::vector<std::byte> head;
  head.insert(head.end(), {std::byte{'G'}, std::byte{'G'}, std::byte{'U'}, std::byte{'F'}});
  put<uint32_t>(head, 3);
  put<uint64_t>(head, tensors_.size());
  put<uint64_t>(head, metadata_count_);
  head.insert(head.end(), metadata_.begin(), metadata_.end());
  uint64_t offset = 0;
  for (const Tensor& tensor : tensors_) {
    put_string(head, tensor.name);
    put<uint32_t>(head, static_cast<uint32_t>(tensor.ne.size()));
    uint64_t elements = 1;
    for (uint64_t n : tensor.ne) {
      put<uint64_t>(head, n);
      elements *= n;
    }
    put<uint32_t>(head, static_cast<uint32_t>(tensor.type));
    put<uint64_t>(head, offset);
    offset = padded(offset + ggml_bytes(tensor.type, elements));
  }
  head.resize(padded(head.size()));

  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return fail(path.string() + ": cannot create the file");
  out.write(reinterpret_cast<const char*>(head.data()), static_cast<std::streamsize>(head.size()));
  std::vector<std::byte> data;
  for (const Tensor& tensor : tensors_) {
    data.clear();
    tensor.fill(data);
    data.resize(padded(data.size()));
    out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    if (!out) return fail(path.string() + ": write failed (disk full?) at tensor " + tensor.name);
  }
  out.close();
  if (!out) return fail(path.string() + ": write failed (disk full?)");
  return {};
}

}  // namespace xun::synth
