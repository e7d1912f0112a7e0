// GgufValue's typed views and the metadata getters built on them.
#include <cstring>
#include <type_traits>

#include "model/gguf_reader.h"

namespace xun::model {
namespace {

template <class Encoded>
Encoded load(const std::byte* at) {
  Encoded value;
  std::memcpy(&value, at, sizeof value);  // items of arrays are not aligned in the file
  return value;
}

// The items of an integer array (raw: count x sizeof(Encoded) bytes, checked by the parser).
template <class Encoded>
std::optional<std::vector<int64_t>> widen(std::span<const std::byte> raw) {
  std::vector<int64_t> values(raw.size() / sizeof(Encoded));
  for (size_t i = 0; i < values.size(); ++i) {
    const auto value = load<Encoded>(raw.data() + i * sizeof(Encoded));
    if constexpr (std::is_same_v<Encoded, uint64_t>)
      if (value > uint64_t{INT64_MAX}) return std::nullopt;
    values[i] = static_cast<int64_t>(value);
  }
  return values;
}

std::string in_quotes(std::string_view key) { return "'" + std::string(key) + "'"; }

Result<const GgufValue*> require(const GgufFile& gguf, std::string_view key) {
  const GgufValue* value = gguf.find(key);
  if (value == nullptr) return fail(gguf.where() + "metadata " + in_quotes(key) + " is missing");
  return value;
}

std::unexpected<Error> wrong_type(const GgufFile& gguf, std::string_view key,
                                  const GgufValue& value, std::string_view expected) {
  return fail(gguf.where() + "metadata " + in_quotes(key) + " has type " +
              std::string(to_string(value.type)) + ", expected " + std::string(expected));
}

}  // namespace

std::optional<std::vector<int64_t>> GgufArray::integers() const {
  switch (element_type) {
    case GgufType::uint8:
      return widen<uint8_t>(raw);
    case GgufType::int8:
      return widen<int8_t>(raw);
    case GgufType::uint16:
      return widen<uint16_t>(raw);
    case GgufType::int16:
      return widen<int16_t>(raw);
    case GgufType::uint32:
      return widen<uint32_t>(raw);
    case GgufType::int32:
      return widen<int32_t>(raw);
    case GgufType::uint64:
      return widen<uint64_t>(raw);
    case GgufType::int64:
      return widen<int64_t>(raw);
    default:
      return std::nullopt;
  }
}

std::optional<uint64_t> GgufValue::as_unsigned() const {
  if (const auto* value = std::get_if<uint64_t>(&data)) return *value;
  if (const auto* value = std::get_if<int64_t>(&data); value && *value >= 0)
    return static_cast<uint64_t>(*value);
  return std::nullopt;
}

std::optional<double> GgufValue::as_float() const {
  if (const auto* value = std::get_if<double>(&data)) return *value;
  return std::nullopt;
}

std::optional<std::string_view> GgufValue::as_string() const {
  if (const auto* value = std::get_if<std::string_view>(&data)) return *value;
  return std::nullopt;
}

const GgufArray* GgufValue::as_array() const { return std::get_if<GgufArray>(&data); }

const GgufValue* GgufFile::find(std::string_view key) const {
  const auto it = metadata.find(key);
  return it == metadata.end() ? nullptr : &it->second;
}

Result<uint64_t> require_unsigned(const GgufFile& gguf, std::string_view key) {
  auto value = require(gguf, key);
  if (!value) return std::unexpected(value.error());
  if (const auto number = (*value)->as_unsigned()) return *number;
  return wrong_type(gguf, key, **value, "a non-negative integer");
}

Result<uint64_t> unsigned_or(const GgufFile& gguf, std::string_view key, uint64_t fallback) {
  return gguf.find(key) == nullptr ? fallback : require_unsigned(gguf, key);
}

Result<double> require_float(const GgufFile& gguf, std::string_view key) {
  auto value = require(gguf, key);
  if (!value) return std::unexpected(value.error());
  if (const auto number = (*value)->as_float()) return *number;
  return wrong_type(gguf, key, **value, "a float");
}

Result<double> float_or(const GgufFile& gguf, std::string_view key, double fallback) {
  return gguf.find(key) == nullptr ? fallback : require_float(gguf, key);
}

Result<std::string> require_string(const GgufFile& gguf, std::string_view key) {
  auto value = require(gguf, key);
  if (!value) return std::unexpected(value.error());
  if (const auto text = (*value)->as_string()) return std::string(*text);
  return wrong_type(gguf, key, **value, "a string");
}

Result<const GgufArray*> require_array(const GgufFile& gguf, std::string_view key,
                                       GgufType element_type) {
  auto value = require(gguf, key);
  if (!value) return std::unexpected(value.error());
  const GgufArray* array = (*value)->as_array();
  if (array == nullptr)
    return wrong_type(gguf, key, **value, "an array of " + std::string(to_string(element_type)));
  if (array->element_type != element_type)
    return fail(gguf.where() + "metadata " + in_quotes(key) + " is an array of " +
                std::string(to_string(array->element_type)) + ", expected " +
                std::string(to_string(element_type)));
  return array;
}

}  // namespace xun::model
