// Reads a small JSON file (config.json, the shard index) into nlohmann::json without letting an
// exception out: a missing file or malformed JSON becomes an error naming the file.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

#include "xun/error.h"

namespace xun::model {

Result<nlohmann::json> read_json_file(const std::filesystem::path& path);

}  // namespace xun::model
