#include "model/gguf_tokenizer.h"

namespace xun::model {
namespace {

constexpr int64_t token_type_control = 3;
constexpr int64_t token_type_user_defined = 4;

Result<void> check_kind(const GgufFile& gguf) {
  auto model = require_string(gguf, "tokenizer.ggml.model");
  if (!model) return std::unexpected(model.error());
  if (*model != "gpt2")
    return fail(gguf.where() + "tokenizer.ggml.model is '" + *model +
                "'; Xun reads byte-level BPE tokenizers ('gpt2')");
  auto pre = require_string(gguf, "tokenizer.ggml.pre");
  if (!pre) return std::unexpected(pre.error());
  if (*pre != "qwen2")
    return fail(gguf.where() + "tokenizer.ggml.pre is '" + *pre +
                "'; Xun splits text the way Qwen does ('qwen2')");
  return {};
}

Result<void> read_merges(const GgufFile& gguf, tok::TokenizerData& data) {
  auto merges = require_array(gguf, "tokenizer.ggml.merges", GgufType::string);
  if (!merges) return std::unexpected(merges.error());
  data.merges.reserve((*merges)->strings.size());
  for (size_t rank = 0; rank < (*merges)->strings.size(); ++rank) {
    const std::string_view merge = (*merges)->strings[rank];
    // From 1, as llama.cpp does: the space separates the parts, a leading one would be a part.
    const size_t space = merge.find(' ', 1);
    if (space == std::string_view::npos)
      return fail(gguf.where() + "tokenizer.ggml.merges[" + std::to_string(rank) + "] ('" +
                  std::string(merge) + "') is not two tokens separated by a space");
    data.merges.emplace_back(std::string(merge.substr(0, space)),
                             std::string(merge.substr(space + 1)));
  }
  return {};
}

Result<void> read_added_tokens(const GgufFile& gguf, tok::TokenizerData& data) {
  const GgufValue* value = gguf.find("tokenizer.ggml.token_type");
  if (value == nullptr) return {};  // llama.cpp reads every token as normal then
  const GgufArray* array = value->as_array();
  const auto types = array ? array->integers() : std::nullopt;
  if (!types) return fail(gguf.where() + "tokenizer.ggml.token_type is not an array of integers");
  if (types->size() != data.tokens.size())
    return fail(gguf.where() + "tokenizer.ggml.token_type has " + std::to_string(types->size()) +
                " entries for " + std::to_string(data.tokens.size()) + " tokens");
  for (size_t id = 0; id < types->size(); ++id) {
    const int64_t type = (*types)[id];
    if (type != token_type_control && type != token_type_user_defined) continue;
    if (data.tokens[id].empty())
      return fail(gguf.where() + "token " + std::to_string(id) + " is an empty added token");
    data.added_tokens.push_back(
        {static_cast<int32_t>(id), data.tokens[id], type == token_type_control});
  }
  return {};
}

}  // namespace

Result<tok::TokenizerData> read_gguf_tokenizer(const GgufFile& gguf) {
  if (auto ok = check_kind(gguf); !ok) return std::unexpected(ok.error());
  tok::TokenizerData data;
  auto tokens = require_array(gguf, "tokenizer.ggml.tokens", GgufType::string);
  if (!tokens) return std::unexpected(tokens.error());
  if ((*tokens)->size > INT32_MAX) return fail(gguf.where() + "tokenizer.ggml.tokens is too long");
  data.tokens.assign((*tokens)->strings.begin(), (*tokens)->strings.end());
  if (auto ok = read_merges(gguf, data); !ok) return std::unexpected(ok.error());
  if (auto ok = read_added_tokens(gguf, data); !ok) return std::unexpected(ok.error());
  data.normalize_nfc = true;
  return data;
}

}  // namespace xun::model
