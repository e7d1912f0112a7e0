// xun::load_tokenizer: the tokenizer alone, without reading or checking any weights.
#include <system_error>

#include "model/error_text.h"
#include "model/gguf_reader.h"
#include "model/gguf_tokenizer.h"
#include "tokenizer/bpe_tokenizer.h"
#include "tokenizer/tokenizer_json.h"
#include "xun/engine.h"

namespace xun {
namespace {

Result<tok::TokenizerData> read_tokenizer_data(const std::filesystem::path& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    return tok::read_tokenizer_json(path / "tokenizer.json");
  if (path.extension() == ".json") return tok::read_tokenizer_json(path);
  auto gguf = model::read_gguf(path, model::GgufParts::metadata);
  if (!gguf) return std::unexpected(gguf.error());
  return model::read_gguf_tokenizer(*gguf);
}

}  // namespace

// A directory (tokenizer.json inside), a tokenizer.json itself, or a .gguf file.
Result<std::unique_ptr<Tokenizer>> load_tokenizer(const std::filesystem::path& model_path) {
  auto data = read_tokenizer_data(model_path);
  if (!data) return std::unexpected(model::printable(data.error()));
  auto tokenizer = tok::BpeTokenizer::create(std::move(*data));
  if (!tokenizer)
    return std::unexpected(model::printable(in_context(model_path.string(), tokenizer.error())));
  return std::unique_ptr<Tokenizer>(std::move(*tokenizer));
}

}  // namespace xun
