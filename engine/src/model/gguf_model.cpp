#include "model/gguf_model.h"

#include <algorithm>
#include <ranges>

#include "model/gguf_config.h"
#include "model/gguf_reader.h"
#include "model/gguf_tokenizer.h"
#include "model/model_validation.h"
#include "model/tensor_names.h"

namespace xun::model {
namespace {

constexpr uint64_t pooling_type_rank = 4;  // llama.cpp's LLAMA_POOLING_TYPE_RANK: a reranker

// ggml_type ids, for naming the ones Xun cannot read.
std::string ggml_type_name(uint32_t type) {
  static constexpr std::string_view names[] = {
      "F32",     "F16",    "Q4_0",    "Q4_1",  "Q4_2",   "Q4_3",  "Q5_0",  "Q5_1",
      "Q8_0",    "Q8_1",   "Q2_K",    "Q3_K",  "Q4_K",   "Q5_K",  "Q6_K",  "Q8_K",
      "IQ2_XXS", "IQ2_XS", "IQ3_XXS", "IQ1_S", "IQ4_NL", "IQ3_S", "IQ2_S", "IQ4_XS",
      "I8",      "I16",    "I32",     "I64",   "F64",    "IQ1_M", "BF16"};
  const std::string number = std::to_string(type);
  return type < std::size(names) ? std::string(names[type]) + " (" + number + ")" : number;
}

std::optional<DType> to_dtype(uint32_t ggml_type) {
  switch (ggml_type) {
    case 0:
      return DType::f32;
    case 1:
      return DType::f16;
    case 8:
      return DType::q8_0;
    case 30:
      return DType::bf16;
    default:
      return std::nullopt;
  }
}

// The tensor's type, shape (ne reversed) and bytes, checked to lie inside the file.
Result<TensorView> view_tensor(const GgufFile& gguf, const GgufTensorInfo& info) {
  const std::string tensor = "tensor '" + info.name + "'";
  const auto dtype = to_dtype(info.type);
  if (!dtype)
    return fail(gguf.where() + tensor + " has type " + ggml_type_name(info.type) +
                ", which Xun does not read (F32, F16, BF16 and Q8_0 are)");
  TensorView view{info.name, *dtype, std::vector<uint64_t>(info.ne.rbegin(), info.ne.rend()), {}};
  const auto size = tensor_byte_size(*dtype, view.shape);
  if (!size) return fail(gguf.where() + tensor + ": " + size.error().message);
  const auto file = gguf.file->bytes();
  const uint64_t data_size = file.size() - gguf.data_offset;  // read_gguf checked the order
  if (info.offset > data_size || *size > data_size - info.offset)
    return fail(gguf.where() + tensor + " (" + std::to_string(*size) + " bytes at data offset " +
                std::to_string(info.offset) + ") runs past the end of the file (" +
                std::to_string(data_size) + " data bytes)");
  view.bytes = file.subspan(gguf.data_offset + info.offset, *size);
  return view;
}

uint64_t align_up(uint64_t offset, uint64_t alignment) {
  return (offset + alignment - 1) / alignment * alignment;
}

// The tensors must fill the data section the way GGUF writers lay it out: sorted by offset, the
// first at 0, each at the first aligned offset after the one before, and the file ending with the
// last tensor (plus at most its padding). A gap means a tensor's type or shape was changed in
// the header, so its bytes would be read as something they are not. Checked after the shapes,
// whose errors are more precise. Each tensor's size was checked by view_tensor.
Result<void> check_layout(const GgufFile& gguf) {
  struct Extent {
    uint64_t offset = 0;
    uint64_t size = 0;
    const std::string* name = nullptr;
  };
  std::vector<Extent> extents;
  for (const auto& info : gguf.tensors) {
    const std::vector<uint64_t> shape(info.ne.rbegin(), info.ne.rend());
    const auto size = tensor_byte_size(*to_dtype(info.type), shape);
    if (*size > 0) extents.push_back({info.offset, *size, &info.name});  // none: occupies nothing
  }
  std::ranges::stable_sort(extents, {}, &Extent::offset);
  uint64_t expected = 0;
  const Extent* previous = nullptr;
  for (const auto& extent : extents) {
    const std::string tensor = "tensor '" + *extent.name + "'";
    if (extent.offset < expected)
      return fail(gguf.where() + "tensors '" + *previous->name + "' and '" + *extent.name +
                  "' overlap at data offset " + std::to_string(extent.offset));
    if (extent.offset > expected)
      return fail(gguf.where() + tensor + " starts at data offset " +
                  std::to_string(extent.offset) + " but " +
                  (previous ? "tensor '" + *previous->name + "' ends at " +
                                  std::to_string(previous->offset + previous->size) +
                                  ", so it should start at " + std::to_string(expected)
                            : std::string("the first tensor must start at 0")) +
                  ": the header does not describe this data (a tensor's type, shape or offset "
                  "was changed?)");
    expected = align_up(extent.offset + extent.size, gguf.alignment);
    previous = &extent;
  }
  const uint64_t data_size = gguf.file->bytes().size() - gguf.data_offset;
  const uint64_t end = previous ? previous->offset + previous->size : 0;
  if (data_size < end || data_size > expected)
    return fail(gguf.where() + "the data section holds " + std::to_string(data_size) +
                " bytes but " +
                (previous ? "the last tensor, '" + *previous->name + "', ends at data offset "
                          : std::string("the tensors end at data offset ")) +
                std::to_string(end) + ": the file was cut or extended, or its header is wrong");
  return {};
}

// Every tensor under its canonical name; `labels` keeps the GGUF names for errors.
Result<void> collect_tensors(const GgufFile& gguf, ModelFiles& model,
                             std::map<std::string, std::string>& labels) {
  std::vector<TensorView> views;
  for (const auto& info : gguf.tensors) {
    auto view = view_tensor(gguf, info);
    if (!view) return std::unexpected(view.error());
    views.push_back(std::move(*view));
  }
  for (auto& view : views) {
    auto canonical = canonical_from_gguf(view.name);
    if (!canonical)
      return fail(gguf.where() + "unexpected tensor '" + view.name +
                  "', not part of a Qwen3 model");
    labels.emplace(*canonical, "'" + view.name + "'");
    view.name = *canonical;
    model.tensors.emplace(*canonical, std::move(view));  // names are unique: read_gguf checked
  }
  return {};
}

Result<ModelKind> read_kind(const GgufFile& gguf, const ModelFiles& model) {
  auto pooling = unsigned_or(gguf, "qwen3.pooling_type", 0);
  if (!pooling) return std::unexpected(pooling.error());
  const bool reranker = *pooling == pooling_type_rank || model.find("cls.output.weight");
  return reranker ? ModelKind::reranker : ModelKind::embedding;
}

}  // namespace

Result<ModelFiles> open_gguf_model(const std::filesystem::path& path) {
  auto gguf = read_gguf(path);
  if (!gguf) return std::unexpected(gguf.error());
  auto config = read_gguf_config(*gguf);
  if (!config) return std::unexpected(config.error());

  ModelFiles model;
  model.path = path;
  model.format = "gguf";
  model.config = *config;
  model.mapped_files.push_back(gguf->file);
  std::map<std::string, std::string> labels;
  if (auto ok = collect_tensors(*gguf, model, labels); !ok) return std::unexpected(ok.error());
  auto kind = read_kind(*gguf, model);
  if (!kind) return std::unexpected(kind.error());
  model.kind = *kind;
  // llama.cpp's convention: without output.weight the head is token_embd.
  model.config.tie_word_embeddings = model.find("lm_head.weight") == nullptr;

  const TensorCheck check{.config = model.config,
                          .kind = model.kind,
                          .tensors = model.tensors,
                          .labels = labels,
                          .names = gguf_field_names,
                          .config_source = path.string(),
                          .weights_source = path.string()};
  if (auto ok = validate_tensors(check); !ok) return std::unexpected(ok.error());
  if (auto ok = check_layout(*gguf); !ok) return std::unexpected(ok.error());
  auto tokenizer = read_gguf_tokenizer(*gguf);
  if (!tokenizer) return std::unexpected(tokenizer.error());
  if (auto ok = validate_tokenizer_ids(*tokenizer, model.config.vocab_size, path.string()); !ok)
    return std::unexpected(ok.error());
  model.tokenizer = std::move(*tokenizer);
  return model;
}

}  // namespace xun::model
