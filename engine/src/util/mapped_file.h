// A read-only memory map of a whole file. Model weights are read through it without copying.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>

#include "xun/error.h"

namespace xun::util {

class MappedFile {
 public:
  // Errors name the file: missing, unreadable, a directory, or impossible to map.
  static Result<std::shared_ptr<const MappedFile>> open(const std::filesystem::path& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::span<const std::byte> bytes() const { return {data_, size_}; }
  size_t size() const { return size_; }

 private:
  MappedFile(std::filesystem::path path, const std::byte* data, size_t size);
  std::filesystem::path path_;
  const std::byte* data_;
  size_t size_;
};

}  // namespace xun::util
