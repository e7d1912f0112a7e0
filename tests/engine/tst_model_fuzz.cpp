// Seeded mutation fuzzing of model files: the tiny fixture models are mutated in their structural
// parts, a few hundred times per layout, and each mutant is loaded by the engine (CPU backend,
// in this process) and asked for embeddings.
//
// Layouts: a Hugging Face directory (model.safetensors, config.json), the same as two shards with
// model.safetensors.index.json, its tokenizer.json, and the F16 and Q8_0 GGUF files. The
// directories carry a tokenizer.json cut to its first 4,096 ids (small_tokenizer), so that each
// mutant that loads is parsed in milliseconds, not a second.
//
// What is mutated: safetensors header length, JSON whitespace, __metadata__, tensor names,
// dtypes, shapes, data_offsets, entries removed or doubled; config.json keys removed, retyped or
// given other values; the index's weight_map; tokenizer.json truncated, extended, its sections
// removed or retyped, vocabulary ids and merges changed; GGUF counts, versions, value types,
// string and array lengths, metadata values, tensor dimensions, types and offsets; every file
// truncated or given bytes at its end. The random generator is seeded, so a run is repeatable
// and a failure names the mutant ("gguf-f16 #123: ...").
//
// Each mutant must end in one of two classes:
//   refused  the engine refuses the model with an error naming the mutated model (its
//            directory or .gguf path, which every model error starts with);
//   equal    it loads, and its embeddings equal the original's within kTolerance: the mutation
//            had no meaning (JSON whitespace, a key nobody reads, "model." before a tensor
//            name, a byte of GGUF padding).
// Anything else fails the test: a model that loads and computes something else ("garbage"), a
// load or embedding error that does not name the model, a crash or a hang.
//
// Left out on purpose, because no file format can tell them from a real model:
//   - the weights' bytes, and swapping two tensors of one shape: that is another model;
//   - retyping between types of one size (BF16 <-> F16): the same bytes as another model;
//   - the documented hyperparameters that change the computation legitimately (rope_theta,
//     rms_norm_eps, their GGUF keys), the kind of model (architectures, pooling_type) and the
//     context length (max_position_embeddings, context_length), which a smaller value turns into
//     "text too long" for the same file: each is a different, valid model;
//   - the vocabulary's strings and the merges' order: another tokenizer. Ids and merges that
//     break the tokenizer's structure (duplicates, out of range, malformed) are mutated.
//
// XUN_FUZZ_MUTANTS=N changes the number of mutants per layout (default 300); XUN_FUZZ_TRACE=1
// prints each mutant before it runs.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <unordered_set>

#include "engine_fixture.h"
#include "safetensors_files.h"
#include "test_support.h"
#include "xun/engine.h"

namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

namespace {

using xun::test::read_file;
using xun::test::write_file;

// Same weights, same kernels, same inputs: an equal mutant gives the same floats; the margin
// only allows for a different summation order, never for different weights.
constexpr float kTolerance = 1e-5f;
constexpr int kDefaultMutants = 300;

template <class T>
void put(std::string& bytes, size_t offset, T value) {
  std::memcpy(bytes.data() + offset, &value, sizeof value);
}
template <class T>
T get(const std::string& bytes, size_t offset) {
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof value);
  return value;
}

int mutants_per_layout() {
  const QByteArray value = qgetenv("XUN_FUZZ_MUTANTS");
  bool ok = false;
  const int n = value.toInt(&ok);
  return ok && n > 0 ? n : kDefaultMutants;
}

// ---- Random choices ------------------------------------------------------------------------------

class Dice {
 public:
  explicit Dice(uint64_t seed) : engine_(seed) {}
  size_t below(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(engine_); }
  template <class T>
  const T& pick(const std::vector<T>& items) { return items[below(items.size())]; }
  bool chance(int percent) { return below(100) < static_cast<size_t>(percent); }
  // A value that breaks sizes in the usual ways: off by a little, zero, doubled, huge.
  uint64_t nearby(uint64_t value) {
    switch (below(9)) {
      case 0: return value + 1;
      case 1: return value - 1;
      case 2: return value + 2;
      case 3: return 0;
      case 4: return value * 2;
      case 5: return value / 2;
      case 6: return uint64_t{1} << 32;
      case 7: return ~uint64_t{0};
      default: return value + 1 + below(64);
    }
  }

 private:
  std::mt19937_64 engine_;
};

// ---- Safetensors and JSON --------------------------------------------------------------------------

using xun::test::join_safetensors;
using xun::test::Safetensors;
using xun::test::split_safetensors;

std::vector<std::string> tensor_names(const ordered_json& header) {
  std::vector<std::string> names;
  for (const auto& [name, entry] : header.items())
    if (name != "__metadata__") names.push_back(name);
  return names;
}

// A JSON value of another kind than `value`, or a number that breaks it.
ordered_json other_value(Dice& dice, const ordered_json& value) {
  static const std::vector<ordered_json> others = {
      nullptr, "16", ordered_json::array(), ordered_json::object(), true, -1, 0, 1.5, 1e300,
      uint64_t{1} << 63};
  if (value.is_number_unsigned() && dice.chance(50))
    return dice.nearby(value.get<uint64_t>());
  return dice.pick(others);
}

// ---- GGUF structure, walked once to know where each field is ----------------------------------------

struct GgufField {
  std::string what;  // for the mutant's description
  size_t offset = 0;
  size_t size = 0;   // bytes of the field: 4 or 8
};

struct GgufLayout {
  size_t tensor_count_at = 8, kv_count_at = 16;
  std::vector<GgufField> lengths;       // string lengths (keys, values, tensor names), u64
  std::vector<GgufField> value_types;   // a KV's type, u32
  std::vector<GgufField> array_counts;  // u64
  std::vector<GgufField> array_types;   // u32
  std::vector<GgufField> scalars;       // numeric KV values we may change (see the header)
  std::vector<GgufField> dims;          // n_dims, u32
  std::vector<GgufField> ne;            // u64
  std::vector<GgufField> tensor_types;  // u32
  std::vector<GgufField> offsets;       // u64
  std::vector<uint64_t> tensor_sizes;   // bytes, per tensor in file order (for offset swaps)
  uint64_t alignment = 32;
};

// Keys left alone: hyperparameters that change the computation legitimately, the model's kind
// and its context length (see the header of this file).
bool is_excluded_key(std::string_view key) {
  return key == "qwen3.rope.freq_base" || key == "qwen3.attention.layer_norm_rms_epsilon" ||
         key == "qwen3.context_length" || key == "qwen3.pooling_type";
}

uint64_t ggml_type_size(uint32_t type, uint64_t elements) {
  switch (type) {
    case 0: return elements * 4;
    case 1:
    case 30: return elements * 2;
    case 8: return elements / 32 * 34;
    default: return 0;
  }
}

GgufLayout walk_gguf(const std::string& b) {
  GgufLayout layout;
  size_t at = 24;
  const uint64_t tensors = get<uint64_t>(b, 8);
  const uint64_t kvs = get<uint64_t>(b, 16);
  const auto string_at = [&](const std::string& what) {
    layout.lengths.push_back({what + " length", at, 8});
    const auto length = get<uint64_t>(b, at);
    std::string text = b.substr(at + 8, length);
    at += 8 + length;
    return text;
  };
  static const size_t scalar_size[] = {1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8};
  for (uint64_t i = 0; i < kvs; ++i) {
    const std::string key = string_at("key #" + std::to_string(i));
    layout.value_types.push_back({"type of " + key, at, 4});
    const auto type = get<uint32_t>(b, at);
    at += 4;
    if (type == 8) {
      string_at("value of " + key);
    } else if (type == 9) {
      layout.array_types.push_back({"element type of " + key, at, 4});
      const auto element = get<uint32_t>(b, at);
      layout.array_counts.push_back({"length of " + key, at + 4, 8});
      const auto count = get<uint64_t>(b, at + 4);
      at += 12;
      for (uint64_t k = 0; k < count; ++k) {
        if (element == 8) {
          // Lengths of token strings: a few of them, not 151k fields.
          if (k < 4 || k + 4 > count) {
            string_at(key + "[" + std::to_string(k) + "]");
          } else {
            at += 8 + get<uint64_t>(b, at);
          }
        } else {
          at += scalar_size[element];
        }
      }
    } else {
      if (key == "general.alignment") layout.alignment = get<uint32_t>(b, at);
      if (!is_excluded_key(key) && type != 6 && type != 12 && type != 7)
        layout.scalars.push_back({"value of " + key, at, scalar_size[type]});
      at += scalar_size[type];
    }
  }
  for (uint64_t i = 0; i < tensors; ++i) {
    const std::string name = string_at("tensor name #" + std::to_string(i));
    layout.dims.push_back({"dimension count of " + name, at, 4});
    const auto dims = get<uint32_t>(b, at);
    at += 4;
    uint64_t elements = 1;
    for (uint32_t d = 0; d < dims; ++d) {
      layout.ne.push_back({"ne[" + std::to_string(d) + "] of " + name, at, 8});
      elements *= get<uint64_t>(b, at);
      at += 8;
    }
    layout.tensor_types.push_back({"type of " + name, at, 4});
    layout.tensor_sizes.push_back(ggml_type_size(get<uint32_t>(b, at), elements));
    layout.offsets.push_back({"offset of " + name, at + 4, 8});
    at += 12;
  }
  return layout;
}

uint64_t read_field(const std::string& b, const GgufField& field) {
  switch (field.size) {
    case 1: return get<uint8_t>(b, field.offset);
    case 2: return get<uint16_t>(b, field.offset);
    case 4: return get<uint32_t>(b, field.offset);
    default: return get<uint64_t>(b, field.offset);
  }
}
void write_field(std::string& b, const GgufField& field, uint64_t value) {
  switch (field.size) {
    case 1: put<uint8_t>(b, field.offset, static_cast<uint8_t>(value)); break;
    case 2: put<uint16_t>(b, field.offset, static_cast<uint16_t>(value)); break;
    case 4: put<uint32_t>(b, field.offset, static_cast<uint32_t>(value)); break;
    default: put<uint64_t>(b, field.offset, value); break;
  }
}

// ---- Mutants ---------------------------------------------------------------------------------------

// Files of a model replaced by new bytes (relative path -> contents); the rest stay the fixture's.
struct Mutant {
  std::string description;
  std::map<std::string, std::string> files;
};

// Truncation or bytes appended: the same for every file.
std::string cut_or_extend(Dice& dice, const std::string& bytes, std::string& description) {
  if (dice.chance(50)) {
    const size_t cut = dice.chance(50) ? dice.below(std::min<size_t>(bytes.size(), 8192))
                                       : dice.below(bytes.size());
    description = "cut at byte " + std::to_string(cut);
    return bytes.substr(0, cut);
  }
  static const std::vector<std::string> tails = {std::string(1, '\0'), " ", "\n", "x",
                                                 std::string(7, '\0'), std::string(8, '\0'),
                                                 std::string(32, '\0'), std::string(4096, 'A')};
  const std::string& tail = dice.pick(tails);
  description = std::to_string(tail.size()) + " bytes appended";
  return bytes + tail;
}

class SafetensorsMutator {
 public:
  SafetensorsMutator(const std::string& weights, const std::string& config)
      : weights_(weights), config_(config), parts_(split_safetensors(weights)),
        names_(tensor_names(parts_.header)) {}

  // A mutant of model.safetensors (as `weights_name`) or of config.json.
  Mutant next(Dice& dice, const std::string& weights_name) {
    if (dice.chance(20)) return config_mutant(dice);
    std::string d;
    std::string bytes = weights_mutant(dice, d);
    return {weights_name + ": " + d, {{weights_name, std::move(bytes)}}};
  }

 private:
  std::string weights_mutant(Dice& dice, std::string& d) {
    Safetensors s = parts_;
    const std::string name = dice.pick(names_);
    ordered_json& entry = s.header[name];
    switch (dice.below(11)) {
      case 0: {  // the header length, changed in place
        std::string bytes = weights_;
        const auto length = get<uint64_t>(bytes, 0);
        const uint64_t changed = dice.chance(70) ? length + dice.pick(small_deltas_) : dice.nearby(length);
        d = "header length " + std::to_string(length) + " -> " + std::to_string(changed);
        put<uint64_t>(bytes, 0, changed);
        return bytes;
      }
      case 1:  // meaningless: whitespace
        d = "header re-indented";
        return join_safetensors(s.header.dump(static_cast<int>(dice.below(3))), s.data);
      case 2:  // meaningless: metadata nobody reads
        d = "__metadata__ changed";
        s.header["__metadata__"] = {{"format", "pt"}, {"fuzz", std::to_string(dice.below(1000))}};
        break;
      case 3: {
        static const std::vector<ordered_json> dtypes = {"F32", "F64", "I8", "U8", "BOOL", "bf16",
                                                         "", 7, nullptr, ordered_json::array({"BF16"})};
        const ordered_json dtype = dice.pick(dtypes);
        d = name + " dtype -> " + dtype.dump();
        entry["dtype"] = dtype;
        if (dtype == "F32" && dice.chance(50)) {  // and the end moved to match: a gap or an overlap
          const auto begin = entry["data_offsets"][0].get<uint64_t>();
          const auto end = entry["data_offsets"][1].get<uint64_t>();
          entry["data_offsets"][1] = begin + 2 * (end - begin);
          d += ", end moved to fit";
        }
        break;
      }
      case 4: {
        ordered_json& shape = entry["shape"];
        const size_t what = dice.below(5);
        if (what == 0 && !shape.empty()) {
          const size_t dim = dice.below(shape.size());
          shape[dim] = other_value(dice, shape[dim]);
        } else if (what == 1) {
          shape.push_back(1);
        } else if (what == 2) {
          shape.insert(shape.begin(), 1);
        } else if (what == 3 && !shape.empty()) {
          shape.erase(shape.begin() + static_cast<long>(dice.below(shape.size())));
        } else if (shape.size() == 2 && shape[0] != shape[1]) {
          shape = {shape[1], shape[0]};
        } else {
          shape = other_value(dice, shape);
        }
        d = name + " shape -> " + shape.dump();
        break;
      }
      case 5: {
        ordered_json& offsets = entry["data_offsets"];
        const size_t which = dice.below(2);
        if (dice.chance(80)) {
          offsets[which] = offsets[which].get<uint64_t>() + dice.pick(small_deltas_);
        } else {
          offsets[which] = other_value(dice, offsets[which]);
        }
        d = name + " data_offsets -> " + offsets.dump();
        break;
      }
      case 6: {  // offsets exchanged with a tensor of another size
        const std::string other = dice.pick(names_);
        const auto size = [&](const std::string& n) {
          return s.header[n]["data_offsets"][1].get<uint64_t>() -
                 s.header[n]["data_offsets"][0].get<uint64_t>();
        };
        if (other == name || size(other) == size(name)) {
          d = name + " removed";
          s.header.erase(name);
          break;
        }
        d = name + " and " + other + " exchange data_offsets";
        std::swap(entry["data_offsets"], s.header[other]["data_offsets"]);
        break;
      }
      case 7: {  // renamed
        static const std::vector<std::string> renames = {"x", ".bias", "model.", "layers.7."};
        const std::string how = dice.pick(renames);
        const std::string renamed = how == "model." || how == "layers.7." ? how + name : name + how;
        d = name + " renamed " + renamed;
        s.header[renamed] = entry;
        s.header.erase(name);
        break;
      }
      case 8:  // doubled under another name: its bytes overlap
        d = name + " doubled as " + name + ".copy";
        s.header[name + ".copy"] = entry;
        break;
      case 9:
        d = name + " entry -> other JSON";
        entry = other_value(dice, entry);
        break;
      default:
        return cut_or_extend(dice, weights_, d);
    }
    return join_safetensors(s.header.dump(), s.data);
  }

  Mutant config_mutant(Dice& dice) {
    ordered_json config = ordered_json::parse(config_);
    std::vector<std::string> keys;
    for (const auto& [key, value] : config.items())
      if (!excluded(key)) keys.push_back(key);
    const std::string key = dice.pick(keys);
    std::string d;
    std::string text;
    switch (dice.below(5)) {
      case 0:
        d = "\"" + key + "\" removed";
        config.erase(key);
        text = config.dump(2);
        break;
      case 1:
        config[key] = other_value(dice, config[key]);
        d = "\"" + key + "\" -> " + config[key].dump();
        text = config.dump(2);
        break;
      case 2:  // meaningless
        d = "re-indented, an unknown key added";
        config["fuzz_unused"] = dice.below(100);
        text = config.dump(static_cast<int>(dice.below(4)));
        break;
      default:
        text = cut_or_extend(dice, config_, d);
        break;
    }
    return {"config.json: " + d, {{"config.json", text}}};
  }

  // See the header: hyperparameters, the kind of model and the context length.
  static bool excluded(const std::string& key) {
    return key == "rope_theta" || key == "rms_norm_eps" || key == "architectures" ||
           key == "max_position_embeddings";
  }

  const std::vector<uint64_t> small_deltas_ = {1, 2, 3, 8, uint64_t(-1), uint64_t(-2),
                                               uint64_t(-8)};
  std::string weights_;
  std::string config_;
  Safetensors parts_;
  std::vector<std::string> names_;
};

// tokenizer.json, edited as text (re-serialising 11 MB per mutant would dominate the run).
class TokenizerMutator {
 public:
  explicit TokenizerMutator(std::string text) : text_(std::move(text)) {
    // Both sections sit in "model" (indent 4), their entries at indent 6.
    const size_t vocab = text_.find("\"vocab\": {");
    const size_t vocab_end = text_.find("\n    }", vocab);
    const size_t merges = text_.find("\"merges\": [");
    const size_t merges_end = text_.find("\n    ]", merges);
    for (size_t at = text_.find("\": ", vocab); at < vocab_end; at = text_.find("\": ", at + 3))
      if (std::isdigit(static_cast<unsigned char>(text_[at + 3]))) vocab_ids_.push_back(at + 3);
    for (size_t at = text_.find("\n      [\n", merges); at < merges_end;
         at = text_.find("\n      [\n", at + 1))
      merge_starts_.push_back(at + 7);
    if (vocab_ids_.empty() || merge_starts_.empty())
      throw std::runtime_error("tokenizer.json is not laid out as expected");
    for (const char* section : {"\"normalizer\"", "\"pre_tokenizer\"", "\"decoder\"", "\"model\"",
                                "\"added_tokens\"", "\"vocab\"", "\"merges\"", "\"type\": \"BPE\""})
      sections_.push_back(section);
  }

  Mutant next(Dice& dice) {
    std::string t = text_;
    std::string d;
    switch (dice.below(6)) {
      case 0: {  // a vocabulary id: out of range, negative, a duplicate, not a number
        const size_t at = dice.pick(vocab_ids_);
        const size_t end = t.find_first_not_of("0123456789", at);
        static const std::vector<std::string> ids = {"151669", "999999", "-1", "\"7\"", "0",
                                                     "1.5", "null", "151643"};
        const std::string id = dice.pick(ids);
        d = "vocabulary id " + t.substr(at, end - at) + " -> " + id;
        t.replace(at, end - at, id);
        break;
      }
      case 1: {  // a merge made malformed
        const size_t at = dice.pick(merge_starts_);
        const size_t end = t.find(']', at);
        static const std::vector<std::string> merges = {"[\"a\"]", "[]", "[1, 2]", "\"ab\"",
                                                        "[\"a\", \"b\", \"c\"]", "null",
                                                        "[\"\", \"\"]", "[\"zz\", \"qq\"]"};
        const std::string merge = dice.pick(merges);
        d = "merge at byte " + std::to_string(at) + " -> " + merge;
        t.replace(at, end + 1 - at, merge);
        break;
      }
      case 2: {  // a section's key renamed (so the section is missing)
        const std::string section = dice.pick(sections_);
        const size_t at = t.find(section);
        d = section + " renamed";
        t.replace(at + 1, 1, "X");
        break;
      }
      case 3: {  // an added token's id
        static const std::vector<std::string> ids = {"151643", "151700", "-5", "\"x\"", "0"};
        const size_t at = t.find("\"id\": 1516", dice.chance(50) ? 0 : t.find("<|im_end|>") - 200);
        const std::string id = dice.pick(ids);
        d = "added token id at byte " + std::to_string(at) + " -> " + id;
        t.replace(at + 6, 6, id);
        break;
      }
      case 4:  // meaningless: whitespace at the end or after the first brace
        d = "whitespace added";
        if (dice.chance(50)) t += "\n\n  ";
        else t.insert(1, " \t\r\n");
        break;
      default:
        t = cut_or_extend(dice, text_, d);
        break;
    }
    return {"tokenizer.json: " + d, {{"tokenizer.json", std::move(t)}}};
  }

 private:
  std::string text_;
  std::vector<size_t> vocab_ids_;
  std::vector<size_t> merge_starts_;
  std::vector<std::string> sections_;
};

class GgufMutator {
 public:
  explicit GgufMutator(std::string bytes) : bytes_(std::move(bytes)), layout_(walk_gguf(bytes_)) {}

  Mutant next(Dice& dice, const std::string& file_name) {
    std::string b = bytes_;
    std::string d;
    const auto change = [&](const std::vector<GgufField>& fields, auto&& value_of) {
      const GgufField& field = dice.pick(fields);
      const uint64_t old = read_field(b, field);
      const uint64_t value = value_of(old);
      write_field(b, field, value);
      d = field.what + ": " + std::to_string(old) + " -> " + std::to_string(value);
    };
    const auto near = [&](uint64_t v) { return dice.nearby(v); };
    switch (dice.below(12)) {
      case 0:
        change({{"tensor count", layout_.tensor_count_at, 8}, {"metadata count", layout_.kv_count_at, 8},
                {"version", 4, 4}}, near);
        break;
      case 1:
        change(layout_.lengths, near);
        break;
      case 2:
        change(layout_.value_types, [&](uint64_t) { return dice.below(14); });
        break;
      case 3:
        if (dice.chance(50)) change(layout_.array_counts, near);
        else change(layout_.array_types, [&](uint64_t) { return dice.below(14); });
        break;
      case 4:
        change(layout_.scalars, near);
        break;
      case 5:
        change(layout_.dims, near);
        break;
      case 6:
        change(layout_.ne, near);
        break;
      case 7:  // another type, never the other one of the same size (see the header)
        change(layout_.tensor_types, [&](uint64_t old) {
          static const std::vector<uint64_t> types = {0, 1, 2, 8, 12, 30, 99};
          const uint64_t type = dice.pick(types);
          const bool same_size = (old == 1 || old == 30) && (type == 1 || type == 30);
          return same_size || type == old ? uint64_t{2} : type;  // 2: Q4_0, which Xun refuses
        });
        break;
      case 8:
        change(layout_.offsets, [&](uint64_t old) {
          static const std::vector<int64_t> steps = {1, -1, 32, -32, 64, -64, 4096};
          return old + static_cast<uint64_t>(dice.pick(steps) * (dice.chance(80) ? 1 : 1000));
        });
        break;
      case 9: {  // offsets exchanged with a tensor of another size
        const size_t i = dice.below(layout_.offsets.size());
        const size_t k = dice.below(layout_.offsets.size());
        if (layout_.tensor_sizes[i] == layout_.tensor_sizes[k]) {
          d = "padding byte after the last tensor";  // meaningless, if the file has padding
          b += std::string(1, '\0');
          break;
        }
        const uint64_t a = read_field(b, layout_.offsets[i]);
        write_field(b, layout_.offsets[i], read_field(b, layout_.offsets[k]));
        write_field(b, layout_.offsets[k], a);
        d = layout_.offsets[i].what + " exchanged with " + layout_.offsets[k].what;
        break;
      }
      default:
        b = cut_or_extend(dice, bytes_, d);
        break;
    }
    return {file_name + ": " + d, {{file_name, std::move(b)}}};
  }

 private:
  std::string bytes_;
  GgufLayout layout_;
};

// ---- Running mutants ---------------------------------------------------------------------------------

enum class Outcome { refused, equal, garbage, unnamed_error, use_failed };

const std::vector<xun::EmbedRequest>& probe_texts() {
  static const std::vector<xun::EmbedRequest> requests = {
      {"A lighthouse stands on the cape.", std::nullopt},
      {"灯塔在海角上", std::nullopt},
      {"where is the lighthouse", "Given a web search query, retrieve relevant passages"}};
  return requests;
}

struct Tally {
  int refused = 0, equal = 0;
  QStringList failures;
};

class Runner {
 public:
  Runner(fs::path original, fs::path work) : original_(std::move(original)), work_(std::move(work)) {
    auto model = xun::test::shared_engine().load_model(original_);
    if (!model) throw std::runtime_error(model.error().message);
    auto vectors = (*model)->embed(probe_texts());
    if (!vectors) throw std::runtime_error(vectors.error().message);
    reference_ = std::move(*vectors);
  }

  // The mutant as a model path: a fresh directory whose unchanged files link to the fixture's,
  // or the mutated .gguf itself.
  fs::path materialise(const Mutant& mutant, int number) {
    const fs::path target = work_ / ("m" + std::to_string(number));
    if (fs::is_directory(original_)) {
      fs::create_directories(target);
      for (const auto& entry : fs::directory_iterator(original_))
        if (!mutant.files.contains(entry.path().filename().string()))
          fs::create_symlink(fs::absolute(entry.path()), target / entry.path().filename());
      for (const auto& [name, bytes] : mutant.files) write_file(target / name, bytes);
      return target;
    }
    const fs::path file = target.string() + ".gguf";
    write_file(file, mutant.files.begin()->second);
    return file;
  }

  Outcome run(const Mutant& mutant, int number, std::string& detail) {
    const fs::path path = materialise(mutant, number);
    const Outcome outcome = judge(path, detail);
    fs::remove_all(path);
    return outcome;
  }

 private:
  Outcome judge(const fs::path& path, std::string& detail) {
    auto model = xun::test::shared_engine().load_model(path);
    if (!model) {
      detail = model.error().message;
      return detail.find(path.string()) != std::string::npos ? Outcome::refused
                                                               : Outcome::unnamed_error;
    }
    auto vectors = (*model)->embed(probe_texts());
    if (!vectors) {
      detail = vectors.error().message;
      return Outcome::use_failed;
    }
    for (size_t i = 0; i < reference_.size(); ++i) {
      if ((*vectors)[i].size() != reference_[i].size()) {
        detail = "dimension " + std::to_string((*vectors)[i].size());
        return Outcome::garbage;
      }
      for (size_t k = 0; k < reference_[i].size(); ++k)
        if (!(std::abs((*vectors)[i][k] - reference_[i][k]) <= kTolerance)) {
          detail = "text " + std::to_string(i) + " value " + std::to_string(k) + ": " +
                   std::to_string((*vectors)[i][k]) + " vs " + std::to_string(reference_[i][k]);
          return Outcome::garbage;
        }
    }
    return Outcome::equal;
  }

  fs::path original_;
  fs::path work_;
  std::vector<std::vector<float>> reference_;
};

// tokenizer.json with the first `keep` ids of the vocabulary, the merges among them and every
// added token: the same kind of file (keys sorted: ordered_json would take minutes to read
// 151k keys), parsed in milliseconds instead of a second (Qwen's ids
// follow its merges, so the first ids and merges make a complete small BPE). The model's table
// keeps its rows; the tokenizer just uses fewer of them.
std::string small_tokenizer(const std::string& full, int keep) {
  nlohmann::json tokenizer = nlohmann::json::parse(full);
  nlohmann::json& model = tokenizer["model"];
  nlohmann::json vocab = nlohmann::json::object();
  std::unordered_set<std::string> kept;  // nlohmann::json's lookups are linear
  for (const auto& [token, id] : model["vocab"].items())
    if (id.get<int>() < keep) {
      vocab[token] = id;
      kept.insert(token);
    }
  nlohmann::json merges = nlohmann::json::array();
  for (const auto& merge : model["merges"]) {
    const std::string left = merge.is_array() ? merge[0].get<std::string>()
                                              : merge.get<std::string>().substr(0, merge.get<std::string>().find(' '));
    const std::string right = merge.is_array() ? merge[1].get<std::string>()
                                               : merge.get<std::string>().substr(merge.get<std::string>().find(' ') + 1);
    if (kept.contains(left) && kept.contains(right) && kept.contains(left + right))
      merges.push_back(merge);
  }
  model["vocab"] = std::move(vocab);
  model["merges"] = std::move(merges);
  return tokenizer.dump(2);
}

// The tiny-embed directory with the small tokenizer: what the directory layouts mutate.
void write_small_copy(const fs::path& source, const fs::path& target) {
  fs::create_directories(target);
  for (const char* file : {"config.json", "model.safetensors"})
    fs::copy_file(source / file, target / file);
  write_file(target / "tokenizer.json", small_tokenizer(read_file(source / "tokenizer.json"), 4096));
}

// The tiny-embed directory as two shards and an index (transformers' layout for big models).
void write_sharded_copy(const fs::path& source, const fs::path& target) {
  fs::create_directories(target);
  xun::test::write_safetensors_shards(split_safetensors(read_file(source / "model.safetensors")), target);
  for (const char* file : {"config.json", "tokenizer.json"})
    fs::copy_file(source / file, target / file);
}

}  // namespace

class TestModelFuzz : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    work_ = fs::path(dir_.path().toStdString());
    write_small_copy(xun::test::data_path("tiny-embed"), work_ / "tiny-embed");
    embed_dir_ = work_ / "tiny-embed";
  }
  void cleanupTestCase() { xun::test::release_shared_engine(); }

  void mutants_are_refused_or_equal_data() {
    QTest::addColumn<QString>("layout");
    for (const char* layout :
         {"safetensors", "sharded", "tokenizer.json", "gguf-f16", "gguf-q8_0"})
      QTest::newRow(layout) << layout;
  }

  void mutants_are_refused_or_equal() {
    QFETCH(QString, layout);
    const int count = mutants_per_layout();
    uint64_t seed = 0xcbf29ce484222325u;  // FNV-1a of the layout's name: the same every run
    for (const char c : layout.toStdString()) seed = (seed ^ static_cast<uint8_t>(c)) * 0x100000001b3u;
    Dice dice(seed);
    const fs::path work = work_ / layout.toStdString();
    fs::create_directories(work);

    fs::path original = embed_dir_;
    std::function<Mutant()> next;
    std::unique_ptr<SafetensorsMutator> safetensors;
    std::unique_ptr<TokenizerMutator> tokenizer;
    std::unique_ptr<GgufMutator> gguf;
    if (layout == "safetensors") {
      safetensors = std::make_unique<SafetensorsMutator>(read_file(original / "model.safetensors"),
                                                         read_file(original / "config.json"));
      next = [&] { return safetensors->next(dice, "model.safetensors"); };
    } else if (layout == "sharded") {
      original = work / "original";
      write_sharded_copy(embed_dir_, original);
      const std::string shard = "model-00002-of-00002.safetensors";
      safetensors = std::make_unique<SafetensorsMutator>(read_file(original / shard),
                                                         read_file(original / "config.json"));
      const std::string index = read_file(original / "model.safetensors.index.json");
      next = [&, shard, index]() -> Mutant {
        if (!dice.chance(25)) return safetensors->next(dice, shard);
        ordered_json parsed = ordered_json::parse(index);
        auto& map = parsed["weight_map"];
        std::vector<std::string> names;
        for (const auto& [name, file] : map.items()) names.push_back(name);
        const std::string name = dice.pick(names);
        std::string d;
        switch (dice.below(4)) {
          case 0: map.erase(name); d = name + " removed"; break;
          case 1: map[name] = other_value(dice, map[name]); d = name + " -> " + map[name].dump(); break;
          case 2:
            map[name] = map[name] == shard ? "model-00001-of-00002.safetensors" : shard;
            d = name + " moved to the other shard";
            break;
          default: map[name + "x"] = map[name]; d = name + "x added"; break;
        }
        return {"model.safetensors.index.json: " + d, {{"model.safetensors.index.json", parsed.dump(2)}}};
      };
    } else if (layout == "tokenizer.json") {
      tokenizer = std::make_unique<TokenizerMutator>(read_file(original / "tokenizer.json"));
      next = [&] { return tokenizer->next(dice); };
    } else {
      original = xun::test::data_path(layout == "gguf-f16" ? "tiny-embed-f16.gguf"
                                                           : "tiny-embed-q8_0.gguf");
      gguf = std::make_unique<GgufMutator>(read_file(original));
      const std::string name = original.filename().string();
      next = [&, name] { return gguf->next(dice, name); };
    }

    Runner runner(original, work);
    Tally tally;
    const bool trace = qEnvironmentVariableIsSet("XUN_FUZZ_TRACE");  // each mutant, before it runs
    for (int i = 0; i < count; ++i) {
      const Mutant mutant = next();
      if (trace) qInfo("%s #%d: %s", qPrintable(layout), i, mutant.description.c_str());
      std::string detail;
      const Outcome outcome = runner.run(mutant, i, detail);
      if (trace && outcome == Outcome::equal) qInfo("  loaded, equal embeddings");
      const QString label = QString("%1 #%2: %3").arg(layout).arg(i).arg(QString::fromStdString(mutant.description));
      switch (outcome) {
        case Outcome::refused: ++tally.refused; break;
        case Outcome::equal: ++tally.equal; break;
        case Outcome::garbage:
          tally.failures << label + " loaded and computed something else (" + QString::fromStdString(detail) + ")";
          break;
        case Outcome::unnamed_error:
          tally.failures << label + " refused without naming the model: " + QString::fromStdString(detail);
          break;
        case Outcome::use_failed:
          tally.failures << label + " loaded, then failed to embed: " + QString::fromStdString(detail);
          break;
      }
    }
    qInfo().noquote() << QString("%1: %2 mutants, %3 refused, %4 loaded with equal embeddings, %5 failed")
                             .arg(layout).arg(count).arg(tally.refused).arg(tally.equal)
                             .arg(tally.failures.size());
    for (const QString& failure : tally.failures) qWarning().noquote() << failure;
    QVERIFY2(tally.failures.isEmpty(), qPrintable(QString("%1 of %2 mutants neither refused nor equal")
                                                      .arg(tally.failures.size()).arg(count)));
    QVERIFY(xun::test::take_validation_messages().empty());
  }

 private:
  QTemporaryDir dir_;
  fs::path work_;
  fs::path embed_dir_;
};

QTEST_GUILESS_MAIN(TestModelFuzz)
#include "tst_model_fuzz.moc"
