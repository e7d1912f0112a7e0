// A bounds-checked little-endian reader over a byte span. Binary model headers come from files
// that may be truncated or hostile, so every read states what it wanted and fails as a value when
// the bytes are not there; nothing ever reads past the span.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "xun/error.h"

namespace xun::model {

static_assert(std::endian::native == std::endian::little, "model files are read as little-endian");

class ByteCursor {
 public:
  explicit ByteCursor(std::span<const std::byte> bytes) : bytes_(bytes) {}

  // Position from the start of the span (= the file offset when the span is the whole file).
  uint64_t offset() const { return position_; }
  uint64_t remaining() const { return bytes_.size() - position_; }

  // `what` names the field in the error: "at byte 24: tensor count needs 8 bytes, 3 are left".
  template <class T>
  requires std::is_arithmetic_v<T> Result<T> read(std::string_view what) {
    if (auto ok = require(sizeof(T), what); !ok) return std::unexpected(ok.error());
    T value;
    std::memcpy(&value, bytes_.data() + position_, sizeof(T));
    position_ += sizeof(T);
    return value;
  }

  Result<std::span<const std::byte>> read_bytes(uint64_t count, std::string_view what) {
    if (auto ok = require(count, what); !ok) return std::unexpected(ok.error());
    const auto result = bytes_.subspan(position_, count);
    position_ += count;
    return result;
  }

  Result<std::string_view> read_chars(uint64_t count, std::string_view what) {
    auto span = read_bytes(count, what);
    if (!span) return std::unexpected(span.error());
    return std::string_view(reinterpret_cast<const char*>(span->data()), span->size());
  }

  // The bytes read since `start` (an earlier offset()).
  std::span<const std::byte> since(uint64_t start) const {
    return bytes_.subspan(start, position_ - start);
  }

  Result<void> skip(uint64_t count, std::string_view what) {
    if (auto ok = require(count, what); !ok) return ok;
    position_ += count;
    return {};
  }

 private:
  Result<void> require(uint64_t count, std::string_view what) const {
    if (count <= remaining()) return {};
    return fail("at byte " + std::to_string(position_) + ": " + std::string(what) + " needs " +
                std::to_string(count) + " bytes, " + std::to_string(remaining()) + " are left");
  }

  std::span<const std::byte> bytes_;
  uint64_t position_ = 0;
};

}  // namespace xun::model
