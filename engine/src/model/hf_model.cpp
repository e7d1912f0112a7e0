#include "model/hf_model.h"

#include <set>
#include <system_error>

#include "model/hf_config.h"
#include "model/model_validation.h"
#include "model/safetensors_index.h"
#include "model/safetensors_reader.h"
#include "model/tensor_names.h"
#include "tokenizer/tokenizer_json.h"

namespace xun::model {
namespace {

namespace fs = std::filesystem;

constexpr const char* single_file_name = "model.safetensors";
constexpr const char* index_file_name = "model.safetensors.index.json";

bool is_file(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error);  // follows symlinks, as the Hugging Face cache uses
}

// Qwen3-Embedding-4B and -8B say "Qwen3ForCausalLM" in config.json like the rerankers do; what
// tells them apart is that they ship as sentence-transformers models, the rerankers do not.
bool is_sentence_transformers_model(const fs::path& directory) {
  return is_file(directory / "modules.json") ||
         is_file(directory / "config_sentence_transformers.json");
}

struct Weights {
  std::vector<SafetensorsFile> files;
  std::string source;  // the single file or the index: where missing/unexpected tensors are
};

// Opens every shard the index names and checks the index and the shards agree both ways.
Result<Weights> read_shards(const fs::path& directory, const fs::path& index_path) {
  auto index = read_safetensors_index(index_path);
  if (!index) return std::unexpected(index.error());
  const std::string where = index_path.string() + ": ";

  std::map<fs::path, std::set<std::string>> listed;  // shard -> tensors the index puts there
  for (const auto& [tensor, shard] : *index) listed[shard].insert(tensor);

  Weights weights{{}, index_path.string()};
  for (const auto& [shard, tensors] : listed) {
    const fs::path shard_path = directory / shard;
    if (!is_file(shard_path))
      return fail(where + "shard '" + shard.string() + "' (holding '" + *tensors.begin() +
                  "') does not exist");
    auto file = read_safetensors(shard_path);
    if (!file) return std::unexpected(file.error());
    std::set<std::string> present;
    for (const auto& tensor : file->tensors) {
      if (!tensors.contains(tensor.name))
        return fail(shard_path.string() + ": tensor '" + tensor.name + "' is not listed for " +
                    "this shard in " + index_file_name);
      present.insert(tensor.name);
    }
    for (const auto& tensor : tensors)
      if (!present.contains(tensor))
        return fail(where + "tensor '" + tensor + "' is not in its shard '" + shard.string() + "'");
    weights.files.push_back(std::move(*file));
  }
  return weights;
}

Result<Weights> read_weights(const fs::path& directory) {
  const fs::path single = directory / single_file_name;
  const fs::path index = directory / index_file_name;
  if (is_file(single)) {
    auto file = read_safetensors(single);
    if (!file) return std::unexpected(file.error());
    Weights weights{{}, single.string()};
    weights.files.push_back(std::move(*file));
    return weights;
  }
  if (is_file(index)) return read_shards(directory, index);
  return fail(directory.string() + ": has neither " + single_file_name + " nor " + index_file_name);
}

// Canonical names into `model`; `labels` keeps how each was stored, for errors.
Result<void> collect_tensors(Weights& weights, ModelFiles& model,
                             std::map<std::string, std::string>& labels) {
  for (auto& file : weights.files) {
    const std::string file_name = file.file->path().filename().string();
    for (auto& tensor : file.tensors) {
      std::string name = strip_model_prefix(tensor.name);
      if (is_ignorable_tensor(name)) continue;
      const std::string label = "'" + tensor.name + "' in " + file_name;
      if (const auto it = labels.find(name); it != labels.end())
        return fail(weights.source + ": tensor " + name + " appears twice, as " + it->second +
                    " and " + label);
      labels.emplace(name, label);
      model.tensors.emplace(name,
                            TensorView{name, tensor.dtype, std::move(tensor.shape), tensor.bytes});
    }
    model.mapped_files.push_back(file.file);
  }
  return {};
}

}  // namespace

Result<ModelFiles> open_hf_directory(const fs::path& directory) {
  const fs::path config_path = directory / "config.json";
  auto config = read_hf_config(config_path);
  if (!config) return std::unexpected(config.error());
  auto weights = read_weights(directory);
  if (!weights) return std::unexpected(weights.error());

  ModelFiles model;
  model.path = directory;
  model.format = "safetensors";
  model.kind = is_sentence_transformers_model(directory) ? ModelKind::embedding : config->kind;
  model.config = config->config;
  std::map<std::string, std::string> labels;
  if (auto ok = collect_tensors(*weights, model, labels); !ok) return std::unexpected(ok.error());
  const TensorCheck check{.config = model.config,
                          .kind = model.kind,
                          .tensors = model.tensors,
                          .labels = labels,
                          .names = hf_field_names,
                          .config_source = config_path.string(),
                          .weights_source = weights->source};
  if (auto ok = validate_tensors(check); !ok) return std::unexpected(ok.error());
  for (const auto& file : weights->files)
    if (auto ok = check_safetensors_layout(file); !ok) return std::unexpected(ok.error());

  // Last: tokenizer.json is the slowest file to read, and the weights are the likelier fault.
  const fs::path tokenizer_path = directory / "tokenizer.json";
  auto tokenizer = tok::read_tokenizer_json(tokenizer_path);
  if (!tokenizer) return std::unexpected(tokenizer.error());
  if (auto ok =
          validate_tokenizer_ids(*tokenizer, model.config.vocab_size, tokenizer_path.string());
      !ok)
    return std::unexpected(ok.error());
  model.tokenizer = std::move(*tokenizer);
  return model;
}

}  // namespace xun::model
