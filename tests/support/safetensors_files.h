// Safetensors files taken apart and put back by the model-file suites (tst_model_files,
// tst_model_fuzz), independently of the engine's reader: header and data section, and the
// two-shard layout transformers writes for big checkpoints.
#pragma once

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "test_support.h"

namespace xun::test {

// Ordered, so that a header written back keeps its tensors where they were.
struct Safetensors {
  nlohmann::ordered_json header;
  std::string data;
};

inline const char* const safetensors_shard_names[2] = {"model-00001-of-00002.safetensors",
                                                        "model-00002-of-00002.safetensors"};

inline Safetensors split_safetensors(const std::string& bytes) {
  uint64_t header_size = 0;
  std::memcpy(&header_size, bytes.data(), 8);
  return {nlohmann::ordered_json::parse(bytes.substr(8, header_size)), bytes.substr(8 + header_size)};
}

// `header_text` as given (a test may write a header no serializer would), padded as the
// reference writer pads it.
inline std::string join_safetensors(std::string header_text, std::string_view data) {
  while (header_text.size() % 8 != 0) header_text += ' ';
  std::string out(8, '\0');
  const uint64_t size = header_text.size();
  std::memcpy(out.data(), &size, 8);
  return out + header_text + std::string(data);
}

// `whole`'s tensors as safetensors_shard_names plus model.safetensors.index.json in `target`.
inline void write_safetensors_shards(const Safetensors& whole, const std::filesystem::path& target) {
  std::vector<std::string> names;
  for (const auto& [name, entry] : whole.header.items())
    if (name != "__metadata__") names.push_back(name);
  nlohmann::ordered_json weight_map = nlohmann::ordered_json::object();
  for (size_t shard = 0; shard < 2; ++shard) {
    nlohmann::ordered_json header = {{"__metadata__", {{"format", "pt"}}}};
    std::string data;
    for (size_t i = shard * names.size() / 2; i < (shard + 1) * names.size() / 2; ++i) {
      nlohmann::ordered_json entry = whole.header[names[i]];
      const auto begin = entry["data_offsets"][0].get<size_t>();
      const auto end = entry["data_offsets"][1].get<size_t>();
      entry["data_offsets"] = {data.size(), data.size() + end - begin};
      data += whole.data.substr(begin, end - begin);
      header[names[i]] = entry;
      weight_map[names[i]] = safetensors_shard_names[shard];
    }
    write_file(target / safetensors_shard_names[shard], join_safetensors(header.dump(), data));
  }
  const nlohmann::ordered_json index = {{"metadata", {{"total_size", whole.data.size()}}},
                                        {"weight_map", weight_map}};
  write_file(target / "model.safetensors.index.json", index.dump(2));
}

}  // namespace xun::test
