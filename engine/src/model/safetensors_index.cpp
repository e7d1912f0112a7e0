#include "model/safetensors_index.h"

#include "model/json_file.h"

namespace xun::model {
namespace {

// A shard name from the file must not reach outside the model directory: a downloaded index is
// not trusted to name arbitrary files.
bool stays_inside(const std::filesystem::path& relative) {
  if (relative.empty() || relative.is_absolute() || relative.has_root_name()) return false;
  for (const auto& part : relative)
    if (part == "..") return false;
  return true;
}

}  // namespace

Result<std::map<std::string, std::filesystem::path>> read_safetensors_index(
    const std::filesystem::path& index_path) {
  auto index = read_json_file(index_path);
  if (!index) return std::unexpected(index.error());
  const auto where = index_path.string() + ": ";
  if (!index->is_object()) return fail(where + "not a JSON object");
  const auto weight_map = index->find("weight_map");
  if (weight_map == index->end() || !weight_map->is_object())
    return fail(where + "\"weight_map\" is missing or not an object");

  std::map<std::string, std::filesystem::path> shards;
  for (const auto& [tensor, shard] : weight_map->items()) {
    if (!shard.is_string())
      return fail(where + "tensor '" + tensor + "' maps to " + shard.dump() + ", not a file name");
    const std::filesystem::path relative(shard.get_ref<const std::string&>());
    if (!stays_inside(relative))
      return fail(where + "tensor '" + tensor + "' names shard '" + relative.string() +
                  "', which is outside the model directory");
    shards.emplace(tensor, relative.lexically_normal());
  }
  if (shards.empty()) return fail(where + "\"weight_map\" lists no tensors");
  return shards;
}

}  // namespace xun::model
