// GGUF (versions 2 and 3, little-endian), parsed into its metadata and tensor infos without
// interpreting either. Every count and length is checked against the bytes left before anything
// is allocated or read, so a truncated or hostile file fails as a value.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "util/mapped_file.h"
#include "xun/error.h"

namespace xun::model {

enum class GgufType : uint32_t {
  uint8 = 0,
  int8 = 1,
  uint16 = 2,
  int16 = 3,
  uint32 = 4,
  int32 = 5,
  float32 = 6,
  boolean = 7,
  string = 8,
  array = 9,
  uint64 = 10,
  int64 = 11,
  float64 = 12,
};
std::string_view to_string(GgufType type);

// Strings and array contents are views into the mapped file (GgufFile keeps it alive), so a
// hostile array costs at most a few times its size in memory, never more.
struct GgufArray {
  GgufType element_type = GgufType::uint8;
  uint64_t size = 0;
  std::span<const std::byte> raw;         // the encoded items (after the type and count)
  std::vector<std::string_view> strings;  // the items, when element_type is string

  // The items of an integer array, widened; nullopt for other types or a uint64 past 2^63.
  std::optional<std::vector<int64_t>> integers() const;
};

struct GgufValue {
  GgufType type = GgufType::uint8;
  // Unsigned integers widen to uint64_t, signed ones to int64_t, floats to double. Arrays of
  // arrays are checked item by item but kept only as raw bytes: nothing a model needs has them.
  std::variant<uint64_t, int64_t, double, bool, std::string_view, GgufArray> data;

  std::optional<uint64_t> as_unsigned() const;  // any integer type holding a value >= 0
  std::optional<double> as_float() const;       // float32 or float64
  std::optional<std::string_view> as_string() const;
  const GgufArray* as_array() const;
};

// One tensor as the file describes it; its bytes are not checked here (that needs its type).
struct GgufTensorInfo {
  std::string name;
  std::vector<uint64_t> ne;  // ggml order: ne[0] varies fastest (a row), 1 to 4 entries
  uint32_t type = 0;         // ggml_type
  uint64_t offset = 0;       // from the start of the data section, a multiple of the alignment
};

struct GgufFile {
  std::shared_ptr<const util::MappedFile> file;
  uint32_t version = 0;
  std::map<std::string, GgufValue, std::less<>> metadata;
  std::vector<GgufTensorInfo> tensors;  // file order; empty when only metadata was read
  uint64_t alignment = 32;              // general.alignment, a power of two
  uint64_t data_offset = 0;             // file offset of the data section

  const GgufValue* find(std::string_view key) const;
  std::string where() const { return file->path().string() + ": "; }
};

enum class GgufParts { metadata, metadata_and_tensors };

// Errors start with the file's path and give the byte offset where the problem was found.
Result<GgufFile> read_gguf(const std::filesystem::path& path,
                           GgufParts parts = GgufParts::metadata_and_tensors);

// Typed metadata access; errors name the file and the key.
Result<uint64_t> require_unsigned(const GgufFile& gguf, std::string_view key);
Result<uint64_t> unsigned_or(const GgufFile& gguf, std::string_view key, uint64_t fallback);
Result<double> float_or(const GgufFile& gguf, std::string_view key, double fallback);
Result<double> require_float(const GgufFile& gguf, std::string_view key);
Result<std::string> require_string(const GgufFile& gguf, std::string_view key);
// An array whose items all have `element_type`.
Result<const GgufArray*> require_array(const GgufFile& gguf, std::string_view key,
                                       GgufType element_type);

}  // namespace xun::model
