#include "model/gguf_reader.h"

#include <bit>
#include <unordered_set>

#include "model/byte_cursor.h"

namespace xun::model {
namespace {

constexpr uint32_t max_dims = 4;    // GGML_MAX_DIMS
constexpr int max_array_depth = 8;  // nesting deeper than this is hostile, not a model
constexpr uint64_t max_alignment = 1u << 20;
// Far beyond real files (a model has ~50 keys and a few hundred to a few thousand tensors), and
// low enough that a hostile count cannot make the maps use much memory.
constexpr uint64_t max_kv_count = 1u << 16;
constexpr uint64_t max_tensor_count = 1u << 20;
// The smallest encodings, to bound counts by the bytes left before allocating for them.
constexpr uint64_t min_kv_bytes = 8 + 4 + 1;                   // empty key, type, 1-byte value
constexpr uint64_t min_tensor_info_bytes = 8 + 4 + 8 + 4 + 8;  // empty name, 1 dim, type, offset

// Encoded size of a value of this type, or its smallest size for strings and arrays.
uint64_t min_value_bytes(GgufType type) {
  switch (type) {
    case GgufType::uint8:
    case GgufType::int8:
    case GgufType::boolean:
      return 1;
    case GgufType::uint16:
    case GgufType::int16:
      return 2;
    case GgufType::uint32:
    case GgufType::int32:
    case GgufType::float32:
      return 4;
    case GgufType::uint64:
    case GgufType::int64:
    case GgufType::float64:
      return 8;
    case GgufType::string:
      return 8;  // the length
    case GgufType::array:
      return 4 + 8;  // element type and count
  }
  return 1;
}

// Built in place: moving a GgufValue out of a temporary makes GCC 12 warn (wrongly) that the
// variant's other alternatives may be used uninitialised.
template <class Data>
Result<GgufValue> make_value(GgufType type, Data&& data) {
  Result<GgufValue> result(std::in_place);
  result->type = type;
  result->data = std::forward<Data>(data);
  return result;
}

Result<GgufType> to_type(uint32_t raw, uint64_t at) {
  if (raw > static_cast<uint32_t>(GgufType::float64))
    return fail("at byte " + std::to_string(at) + ": unknown metadata value type " +
                std::to_string(raw));
  return static_cast<GgufType>(raw);
}

class Parser {
 public:
  explicit Parser(std::span<const std::byte> bytes) : cursor_(bytes) {}

  Result<GgufFile> parse(GgufParts parts) {
    GgufFile gguf;
    if (auto ok = header(gguf); !ok) return std::unexpected(ok.error());
    for (uint64_t i = 0; i < kv_count_; ++i)
      if (auto ok = key_value(gguf); !ok) return std::unexpected(ok.error());
    if (auto ok = alignment(gguf); !ok) return std::unexpected(ok.error());
    if (parts == GgufParts::metadata) return gguf;
    gguf.tensors.reserve(tensor_count_);  // bounded by the file size in header()
    for (uint64_t i = 0; i < tensor_count_; ++i)
      if (auto ok = tensor_info(gguf); !ok) return std::unexpected(ok.error());
    if (auto ok = data_section(gguf); !ok) return std::unexpected(ok.error());
    return gguf;
  }

 private:
  Result<void> header(GgufFile& gguf) {
    auto magic = cursor_.read_chars(4, "the GGUF magic");
    if (!magic) return std::unexpected(magic.error());
    if (*magic != "GGUF") return fail("not a GGUF file (it does not start with \"GGUF\")");
    auto version = cursor_.read<uint32_t>("the version");
    if (!version) return std::unexpected(version.error());
    if (*version == 1) return fail("GGUF version 1 is too old; convert the model again");
    if (*version != 2 && *version != 3) {
      if (const uint32_t swapped = std::byteswap(*version); swapped == 2 || swapped == 3)
        return fail("big-endian GGUF files are not supported");
      return fail("GGUF version " + std::to_string(*version) + " is not supported (2 and 3 are)");
    }
    gguf.version = *version;
    auto tensors = cursor_.read<uint64_t>("the tensor count");
    if (!tensors) return std::unexpected(tensors.error());
    auto kvs = cursor_.read<uint64_t>("the metadata count");
    if (!kvs) return std::unexpected(kvs.error());
    if (*kvs > max_kv_count)
      return fail("metadata count " + std::to_string(*kvs) + " is implausible (over " +
                  std::to_string(max_kv_count) + ")");
    if (*tensors > max_tensor_count)
      return fail("tensor count " + std::to_string(*tensors) + " is implausible (over " +
                  std::to_string(max_tensor_count) + ")");
    if (*kvs > cursor_.remaining() / min_kv_bytes)
      return fail("metadata count " + std::to_string(*kvs) + " cannot fit in the " +
                  std::to_string(cursor_.remaining()) + " bytes left");
    if (*tensors > (cursor_.remaining() - *kvs * min_kv_bytes) / min_tensor_info_bytes)
      return fail("tensor count " + std::to_string(*tensors) + " cannot fit in the " +
                  std::to_string(cursor_.remaining()) + " bytes left");
    tensor_count_ = *tensors;
    kv_count_ = *kvs;
    return {};
  }

  Result<std::string_view> string(std::string_view what) {
    auto length = cursor_.read<uint64_t>(std::string(what) + " length");
    if (!length) return std::unexpected(length.error());
    return cursor_.read_chars(*length, what);
  }

  Result<void> key_value(GgufFile& gguf) {
    const uint64_t at = cursor_.offset();
    auto key = string("a metadata key");
    if (!key) return std::unexpected(key.error());
    if (key->empty()) return fail("at byte " + std::to_string(at) + ": empty metadata key");
    if (gguf.metadata.contains(*key))
      return fail("at byte " + std::to_string(at) + ": metadata key '" + std::string(*key) +
                  "' repeats");
    const std::string quoted_key = "'" + std::string(*key) + "'";
    auto raw_type = cursor_.read<uint32_t>("the type of " + quoted_key);
    if (!raw_type) return std::unexpected(raw_type.error());
    auto type = to_type(*raw_type, cursor_.offset() - 4);
    if (!type) return std::unexpected(Error{type.error().message + " for " + quoted_key});
    auto value = this->value(*type, 0);
    if (!value)
      return std::unexpected(Error{"metadata " + quoted_key + ": " + value.error().message});
    gguf.metadata.emplace(std::string(*key), std::move(*value));
    return {};
  }

  template <class Stored, class Encoded>
  Result<GgufValue> scalar(GgufType type) {
    auto value = cursor_.read<Encoded>("a " + std::string(to_string(type)));
    if (!value) return std::unexpected(value.error());
    return make_value(type, static_cast<Stored>(*value));
  }

  Result<GgufValue> value(GgufType type, int depth) {
    switch (type) {
      case GgufType::uint8:
        return scalar<uint64_t, uint8_t>(type);
      case GgufType::int8:
        return scalar<int64_t, int8_t>(type);
      case GgufType::uint16:
        return scalar<uint64_t, uint16_t>(type);
      case GgufType::int16:
        return scalar<int64_t, int16_t>(type);
      case GgufType::uint32:
        return scalar<uint64_t, uint32_t>(type);
      case GgufType::int32:
        return scalar<int64_t, int32_t>(type);
      case GgufType::uint64:
        return scalar<uint64_t, uint64_t>(type);
      case GgufType::int64:
        return scalar<int64_t, int64_t>(type);
      case GgufType::float32:
        return scalar<double, float>(type);
      case GgufType::float64:
        return scalar<double, double>(type);
      case GgufType::boolean: {
        auto byte = cursor_.read<uint8_t>("a bool");
        if (!byte) return std::unexpected(byte.error());
        if (*byte > 1)
          return fail("at byte " + std::to_string(cursor_.offset() - 1) + ": bool value " +
                      std::to_string(*byte));
        return make_value(type, *byte == 1);
      }
      case GgufType::string: {
        auto text = string("a string");
        if (!text) return std::unexpected(text.error());
        return make_value(type, *text);
      }
      case GgufType::array: {
        auto items = array(depth + 1);
        if (!items) return std::unexpected(items.error());
        return make_value(type, std::move(*items));
      }
    }
    return fail("unknown metadata value type");  // unreachable: to_type() checked it
  }

  Result<GgufArray> array(int depth) {
    if (depth > max_array_depth)
      return fail("at byte " + std::to_string(cursor_.offset()) + ": arrays nested deeper than " +
                  std::to_string(max_array_depth));
    auto raw_type = cursor_.read<uint32_t>("an array's element type");
    if (!raw_type) return std::unexpected(raw_type.error());
    auto type = to_type(*raw_type, cursor_.offset() - 4);
    if (!type) return std::unexpected(type.error());
    auto count = cursor_.read<uint64_t>("an array's length");
    if (!count) return std::unexpected(count.error());
    const uint64_t element_bytes = min_value_bytes(*type);
    if (*count > cursor_.remaining() / element_bytes)
      return fail("at byte " + std::to_string(cursor_.offset() - 8) + ": array of " +
                  std::to_string(*count) + " " + std::string(to_string(*type)) +
                  " values cannot fit in the " + std::to_string(cursor_.remaining()) +
                  " bytes left");
    GgufArray array{*type, *count, {}, {}};
    const uint64_t start = cursor_.offset();
    if (*type == GgufType::string) {
      array.strings.reserve(*count);
      for (uint64_t i = 0; i < *count; ++i) {
        auto item = string("a string");
        if (!item) return std::unexpected(item.error());
        array.strings.push_back(*item);
      }
    } else if (*type == GgufType::array) {
      for (uint64_t i = 0; i < *count; ++i)
        if (auto item = this->array(depth + 1); !item) return std::unexpected(item.error());
    } else if (auto ok = cursor_.skip(*count * element_bytes, "array items"); !ok) {
      return std::unexpected(ok.error());
    } else if (*type == GgufType::boolean) {
      for (const std::byte b : cursor_.since(start))
        if (static_cast<uint8_t>(b) > 1)
          return fail("at byte " + std::to_string(start) + ": bool array holds " +
                      std::to_string(static_cast<uint8_t>(b)));
    }
    array.raw = cursor_.since(start);
    return array;
  }

  Result<void> alignment(GgufFile& gguf) {
    const GgufValue* value = gguf.find("general.alignment");
    if (value == nullptr) return {};
    const auto alignment = value->as_unsigned();
    if (!alignment || !std::has_single_bit(*alignment) || *alignment > max_alignment)
      return fail("general.alignment must be a power of two up to " +
                  std::to_string(max_alignment));
    gguf.alignment = *alignment;
    return {};
  }

  Result<void> tensor_info(GgufFile& gguf) {
    const uint64_t at = cursor_.offset();
    GgufTensorInfo info;
    auto name = string("a tensor name");
    if (!name) return std::unexpected(name.error());
    info.name = std::string(*name);
    const std::string tensor = "tensor '" + info.name + "'";
    auto dims = cursor_.read<uint32_t>("the dimension count of " + tensor);
    if (!dims) return std::unexpected(dims.error());
    if (*dims < 1 || *dims > max_dims)
      return fail("at byte " + std::to_string(at) + ": " + tensor + " has " +
                  std::to_string(*dims) + " dimensions (1 to 4 allowed)");
    for (uint32_t d = 0; d < *dims; ++d) {
      auto ne = cursor_.read<uint64_t>("a dimension of " + tensor);
      if (!ne) return std::unexpected(ne.error());
      info.ne.push_back(*ne);
    }
    auto type = cursor_.read<uint32_t>("the type of " + tensor);
    if (!type) return std::unexpected(type.error());
    auto offset = cursor_.read<uint64_t>("the offset of " + tensor);
    if (!offset) return std::unexpected(offset.error());
    if (*offset % gguf.alignment != 0)
      return fail(tensor + " starts at offset " + std::to_string(*offset) +
                  ", not a multiple of the alignment " + std::to_string(gguf.alignment));
    info.type = *type;
    info.offset = *offset;
    if (!tensor_names_.insert(info.name).second)
      return fail("at byte " + std::to_string(at) + ": " + tensor + " appears twice");
    gguf.tensors.push_back(std::move(info));
    return {};
  }

  Result<void> data_section(GgufFile& gguf) {
    const uint64_t end = cursor_.offset();
    gguf.data_offset = (end + gguf.alignment - 1) / gguf.alignment * gguf.alignment;
    const uint64_t size = end + cursor_.remaining();
    if (!gguf.tensors.empty() && gguf.data_offset > size)
      return fail("the tensor data section would start at byte " +
                  std::to_string(gguf.data_offset) + ", past the end of the file (" +
                  std::to_string(size) + " bytes)");
    return {};
  }

  ByteCursor cursor_;
  std::unordered_set<std::string> tensor_names_;
  uint64_t tensor_count_ = 0;
  uint64_t kv_count_ = 0;
};

}  // namespace

std::string_view to_string(GgufType type) {
  switch (type) {
    case GgufType::uint8:
      return "uint8";
    case GgufType::int8:
      return "int8";
    case GgufType::uint16:
      return "uint16";
    case GgufType::int16:
      return "int16";
    case GgufType::uint32:
      return "uint32";
    case GgufType::int32:
      return "int32";
    case GgufType::float32:
      return "float32";
    case GgufType::boolean:
      return "bool";
    case GgufType::string:
      return "string";
    case GgufType::array:
      return "array";
    case GgufType::uint64:
      return "uint64";
    case GgufType::int64:
      return "int64";
    case GgufType::float64:
      return "float64";
  }
  return "unknown";
}

Result<GgufFile> read_gguf(const std::filesystem::path& path, GgufParts parts) {
  auto file = util::MappedFile::open(path);
  if (!file) return std::unexpected(file.error());
  Result<GgufFile> gguf;
  try {
    gguf = Parser((*file)->bytes()).parse(parts);
  } catch (const std::exception& error) {  // allocation failure: the counts were checked, but
    gguf = fail(std::string("cannot read: ") + error.what());  // memory may still run out
  }
  if (!gguf) return std::unexpected(in_context(path.string(), gguf.error()));
  gguf->file = std::move(*file);
  return gguf;
}

}  // namespace xun::model
