// model.safetensors.index.json of a sharded Hugging Face checkpoint: which shard file holds
// each tensor.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "xun/error.h"

namespace xun::model {

// tensor name as stored -> shard path relative to the index's directory. Every shard name is
// checked to stay inside that directory (relative, no ".."); errors start with the index's path.
Result<std::map<std::string, std::filesystem::path>> read_safetensors_index(
    const std::filesystem::path& index_path);

}  // namespace xun::model
