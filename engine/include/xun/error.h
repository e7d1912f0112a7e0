// How the engine reports failure: as a value, never by exit() or an assert.
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace xun {

// Most failures are final; an out-of-memory one may succeed when retried with less (the
// engine splits a batch the device has no room for); after device_lost (the GPU stopped or
// was reset) the engine and its models are unusable: create the engine again and reload.
enum class ErrorKind { other, out_of_memory, device_lost };

// One line a user can act on: it names the file (or device, or input) and the problem,
// e.g. "model.safetensors: tensor 'norm.weight' ends at byte 9000 past the file end (8192)".
struct Error {
  std::string message;
  ErrorKind kind = ErrorKind::other;
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(std::string message) {
  return std::unexpected<Error>(Error{std::move(message)});
}

// Prefixes an error with where it happened ("tokenizer.json: ...").
inline Error in_context(const std::string& where, Error error) {
  return Error{where + ": " + error.message, error.kind};
}

}  // namespace xun
