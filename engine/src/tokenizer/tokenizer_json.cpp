#include "tokenizer/tokenizer_json.h"

#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "tokenizer/pretokenizer.h"
#include "tokenizer/vocabulary.h"
#include "util/mapped_file.h"

namespace xun::tok {
namespace {

using nlohmann::json;

// ---- Typed access with messages that name the JSON path ------------------------------------

std::string describe(const json& value) { return value.type_name(); }

// The member `key` of `object`, or nullptr when it is absent or null (HF treats both alike).
const json* optional_member(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

Result<const json*> object_member(const json& object, const char* key, const std::string& where) {
  const json* value = optional_member(object, key);
  if (value == nullptr) return fail("\"" + where + "\" is missing");
  if (!value->is_object())
    return fail("\"" + where + "\" is " + describe(*value) + ", not an object");
  return value;
}

Result<std::string> string_member(const json& object, const char* key, const std::string& where) {
  const json* value = optional_member(object, key);
  if (value == nullptr) return fail("\"" + where + "\" is missing");
  if (!value->is_string())
    return fail("\"" + where + "\" is " + describe(*value) + ", not a string");
  return value->get<std::string>();
}

Result<bool> bool_member(const json& object, const char* key, const std::string& where,
                         bool absent) {
  const json* value = optional_member(object, key);
  if (value == nullptr) return absent;
  if (!value->is_boolean())
    return fail("\"" + where + "\" is " + describe(*value) + ", not true or false");
  return value->get<bool>();
}

Result<int64_t> integer(const json& value, const std::string& where) {
  if (!value.is_number_integer())
    return fail("\"" + where + "\" is " + describe(value) + ", not an integer");
  if (value.is_number_unsigned() &&
      value.get<uint64_t>() > uint64_t{std::numeric_limits<int64_t>::max()})
    return fail("\"" + where + "\" is out of range");
  return value.get<int64_t>();
}

// ---- Sections of tokenizer.json --------------------------------------------------------------

// Options of the BPE model that would change its output; Qwen leaves them all off.
Result<void> check_bpe_options(const json& model) {
  if (const json* dropout = optional_member(model, "dropout");
      dropout != nullptr && !(dropout->is_number() && dropout->get<double>() == 0.0))
    return fail("unsupported BPE option \"model.dropout\" (only null is supported)");
  for (const char* key : {"continuing_subword_prefix", "end_of_word_suffix"}) {
    const json* affix = optional_member(model, key);
    if (affix != nullptr && !(affix->is_string() && affix->get<std::string>().empty()))
      return fail(std::string("unsupported BPE option \"model.") + key + "\" (only \"\" or null)");
  }
  for (const char* key : {"byte_fallback", "ignore_merges"}) {
    auto on = bool_member(model, key, std::string("model.") + key, false);
    if (!on) return std::unexpected(on.error());
    if (*on) return fail(std::string("unsupported BPE option \"model.") + key + "\": true");
  }
  return {};
}

// model.vocab (token -> id) into tokens by id. Ids may leave gaps but must stay below
// `id_limit`, so a corrupt id cannot make us allocate gigabytes.
Result<std::vector<std::string>> read_vocab(const json& vocab, size_t id_limit) {
  std::vector<std::string> tokens;
  for (const auto& [token, id_value] : vocab.items()) {
    auto id = integer(id_value, "model.vocab[\"" + token + "\"]");
    if (!id) return std::unexpected(id.error());
    if (*id < 0 || static_cast<uint64_t>(*id) >= id_limit)
      return fail("vocab id " + std::to_string(*id) + " of token \"" + token +
                  "\" is out of range 0.." + std::to_string(id_limit - 1));
    if (token.empty()) return fail("vocab id " + std::to_string(*id) + " is an empty token");
    const auto index = static_cast<size_t>(*id);
    if (index >= tokens.size()) tokens.resize(index + 1);
    if (!tokens[index].empty())
      return fail("vocab id " + std::to_string(index) + " is used by both \"" + tokens[index] +
                  "\" and \"" + token + "\"");
    tokens[index] = token;
  }
  return tokens;
}

// model.merges: either "left right" strings (older files) or ["left", "right"] pairs.
Result<std::vector<std::pair<std::string, std::string>>> read_merges(const json& merges) {
  if (!merges.is_array()) return fail("\"model.merges\" is " + describe(merges) + ", not an array");
  std::vector<std::pair<std::string, std::string>> pairs;
  pairs.reserve(merges.size());
  for (size_t i = 0; i < merges.size(); ++i) {
    const json& merge = merges[i];
    const std::string where = "model.merges[" + std::to_string(i) + "]";
    if (merge.is_string()) {
      const auto& line = merge.get_ref<const std::string&>();
      const size_t space = line.find(' ');
      if (space == std::string::npos || space == 0 || space + 1 == line.size() ||
          line.find(' ', space + 1) != std::string::npos)
        return fail("\"" + where + "\" is \"" + line + "\", not two tokens separated by one space");
      pairs.emplace_back(line.substr(0, space), line.substr(space + 1));
    } else if (merge.is_array() && merge.size() == 2 && merge[0].is_string() &&
               merge[1].is_string()) {
      pairs.emplace_back(merge[0].get<std::string>(), merge[1].get<std::string>());
    } else {
      return fail("\"" + where + "\" is " + describe(merge) +
                  ", not \"left right\" or [\"left\", \"right\"]");
    }
  }
  return pairs;
}

Result<std::vector<AddedToken>> read_added_tokens(const json& root) {
  std::vector<AddedToken> tokens;
  const json* list = optional_member(root, "added_tokens");
  if (list == nullptr) return tokens;
  if (!list->is_array()) return fail("\"added_tokens\" is " + describe(*list) + ", not an array");
  for (size_t i = 0; i < list->size(); ++i) {
    const json& entry = (*list)[i];
    const std::string where = "added_tokens[" + std::to_string(i) + "]";
    if (!entry.is_object())
      return fail("\"" + where + "\" is " + describe(entry) + ", not an object");
    const json* id_value = optional_member(entry, "id");
    if (id_value == nullptr) return fail("\"" + where + ".id\" is missing");
    auto id = integer(*id_value, where + ".id");
    if (!id) return std::unexpected(id.error());
    if (*id < 0 || *id > std::numeric_limits<int32_t>::max())
      return fail("\"" + where + ".id\" " + std::to_string(*id) + " is out of range");
    auto content = string_member(entry, "content", where + ".content");
    if (!content) return std::unexpected(content.error());
    auto special = bool_member(entry, "special", where + ".special", false);
    if (!special) return std::unexpected(special.error());
    // These change where a token matches (swallowing spaces, whole words only); Qwen's tokens
    // use none of them, and matching without them would silently give other ids.
    for (const char* option : {"single_word", "lstrip", "rstrip"}) {
      auto on = bool_member(entry, option, where + "." + option, false);
      if (!on) return std::unexpected(on.error());
      if (*on) return fail("unsupported option \"" + where + "." + option + "\": true");
    }
    tokens.push_back({static_cast<int32_t>(*id), std::move(*content), *special});
  }
  return tokens;
}

// null or absent: none; NFC (alone or as the only step of a Sequence): NFC.
Result<bool> read_normalizer(const json& root) {
  const json* normalizer = optional_member(root, "normalizer");
  if (normalizer == nullptr) return false;
  if (!normalizer->is_object())
    return fail("\"normalizer\" is " + describe(*normalizer) + ", not an object");
  auto type = string_member(*normalizer, "type", "normalizer.type");
  if (!type) return std::unexpected(type.error());
  if (*type == "NFC") return true;
  if (*type == "Sequence") {
    const json* steps = optional_member(*normalizer, "normalizers");
    if (steps != nullptr && steps->is_array() && steps->empty()) return false;
    if (steps != nullptr && steps->is_array() && steps->size() == 1 && (*steps)[0].is_object() &&
        (*steps)[0].value("type", json()) == "NFC")
      return true;
  }
  return fail("unsupported normalizer \"" + *type + "\" (Xun supports NFC or none)");
}

// Qwen2's: Sequence [Split(Qwen2 regex, Isolated), ByteLevel(no prefix space, no regex)].
Result<void> check_pre_tokenizer(const json& root) {
  const std::string expected =
      "unsupported pre-tokenizer: Xun supports Qwen2's (a Split on its regex, "
      "then ByteLevel)";
  const json* pre = optional_member(root, "pre_tokenizer");
  if (pre == nullptr) return fail(expected + ", this file has none");
  const json* steps = pre->is_object() ? optional_member(*pre, "pretokenizers") : nullptr;
  if (steps == nullptr || pre->value("type", json()) != "Sequence" || !steps->is_array() ||
      steps->size() != 2 || !(*steps)[0].is_object() || !(*steps)[1].is_object())
    return fail(expected + ", this file has another kind");
  const json& split = (*steps)[0];
  const json& byte_level = (*steps)[1];
  if (split.value("type", json()) != "Split" || byte_level.value("type", json()) != "ByteLevel")
    return fail(expected + ", this file has another sequence");
  const json* pattern = optional_member(split, "pattern");
  const json* regex =
      pattern != nullptr && pattern->is_object() ? optional_member(*pattern, "Regex") : nullptr;
  if (regex == nullptr || !regex->is_string())
    return fail("unsupported pre-tokenizer: the split pattern is not a regex");
  if (regex->get<std::string>() != kQwen2SplitPattern)
    return fail("unsupported pre-tokenizer: the split regex is not Qwen2's: " +
                regex->get<std::string>());
  if (split.value("behavior", json()) != "Isolated" || split.value("invert", json(false)) != false)
    return fail("unsupported pre-tokenizer: the split must be \"Isolated\" and not inverted");
  if (byte_level.value("add_prefix_space", json(false)) != false ||
      byte_level.value("use_regex", json(true)) != false)
    return fail(
        "unsupported pre-tokenizer: ByteLevel must have add_prefix_space and use_regex false");
  return {};
}

Result<TokenizerData> read_tokenizer(const json& root) {
  if (!root.is_object()) return fail("the top level is " + describe(root) + ", not an object");
  auto model = object_member(root, "model", "model");
  if (!model) return std::unexpected(model.error());
  auto type = string_member(**model, "type", "model.type");
  if (!type) return std::unexpected(type.error());
  if (*type != "BPE")
    return fail("unsupported model type \"" + *type + "\" (Xun supports \"BPE\")");
  if (auto options = check_bpe_options(**model); !options) return std::unexpected(options.error());

  TokenizerData data;
  auto added = read_added_tokens(root);
  if (!added) return std::unexpected(added.error());
  data.added_tokens = std::move(*added);
  auto vocab = object_member(**model, "vocab", "model.vocab");
  if (!vocab) return std::unexpected(vocab.error());
  auto tokens = read_vocab(**vocab, (*vocab)->size() + data.added_tokens.size());
  if (!tokens) return std::unexpected(tokens.error());
  data.tokens = std::move(*tokens);
  const json* merges = optional_member(**model, "merges");
  if (merges == nullptr) return fail("\"model.merges\" is missing");
  auto pairs = read_merges(*merges);
  if (!pairs) return std::unexpected(pairs.error());
  data.merges = std::move(*pairs);

  auto nfc = read_normalizer(root);
  if (!nfc) return std::unexpected(nfc.error());
  data.normalize_nfc = *nfc;
  if (auto pre = check_pre_tokenizer(root); !pre) return std::unexpected(pre.error());
  return data;
}

// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1,
// column 2: "; the byte offset is given separately, so keep only what follows.
std::string parse_problem(const json::parse_error& error) {
  const std::string_view what = error.what();
  const size_t colon = what.find(": ");
  return std::string(colon == std::string_view::npos ? what : what.substr(colon + 2));
}

}  // namespace

Result<TokenizerData> read_tokenizer_json(const std::filesystem::path& path) {
  const std::string name = path.string();
  auto file = util::MappedFile::open(path);
  if (!file) return std::unexpected(file.error());
  if ((*file)->size() == 0) return fail(name + ": the file is empty, not a tokenizer.json");
  try {
    const auto bytes = (*file)->bytes();
    const auto* begin = reinterpret_cast<const char*>(bytes.data());
    json root;
    try {
      root = json::parse(begin, begin + bytes.size());
    } catch (const json::parse_error& error) {
      return fail(name + ": not valid JSON at byte " + std::to_string(error.byte) + ": " +
                  parse_problem(error));
    } catch (const json::out_of_range& error) {  // 1e999999: number overflow (406)
      return fail(name + ": a number out of range: " + error.what());
    }
    auto data = read_tokenizer(root);
    if (!data) return std::unexpected(in_context(name, data.error()));
    // The tokenizer builds these tables again; building them here too means a bad file is
    // reported by the reader, with its name, whoever uses the data.
    if (auto checked = build_vocabulary(*data); !checked)
      return std::unexpected(in_context(name, checked.error()));
    return data;
  } catch (const std::exception& error) {  // out of memory, or a JSON type surprise missed above
    return fail(name + ": cannot read: " + error.what());
  }
}

}  // namespace xun::tok
