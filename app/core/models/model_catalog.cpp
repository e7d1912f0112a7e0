#include "models/model_catalog.h"

#include <array>

namespace xun::core {
namespace {

using L = QLatin1String;
constexpr xun::ModelKind embedding = xun::ModelKind::embedding;
constexpr xun::ModelKind reranker = xun::ModelKind::reranker;
constexpr qint64 MB = 1000 * 1000;

// Sizes are approximate, in decimal megabytes: the weights at their stored precision plus the
// tokenizer and config files. A download's file list gives the exact figure.
// Qwen publishes GGUF files for the embedding models only; of their quantisations the engine
// reads F16 and Q8_0 (not the K-quants), so only those are listed.
constexpr std::array catalog{
    CatalogEntry{L("Qwen3-Embedding-0.6B"), embedding, L("0.6B"), L("safetensors"), 1'210 * MB, L("Qwen/Qwen3-Embedding-0.6B"), L()},
    CatalogEntry{L("Qwen3-Embedding-0.6B-Q8_0"), embedding, L("0.6B"), L("gguf"), 639 * MB, L("Qwen/Qwen3-Embedding-0.6B-GGUF"), L("Qwen3-Embedding-0.6B-Q8_0.gguf")},
    CatalogEntry{L("Qwen3-Embedding-0.6B-f16"), embedding, L("0.6B"), L("gguf"), 1'200 * MB, L("Qwen/Qwen3-Embedding-0.6B-GGUF"), L("Qwen3-Embedding-0.6B-f16.gguf")},
    CatalogEntry{L("Qwen3-Embedding-4B"), embedding, L("4B"), L("safetensors"), 8'060 * MB, L("Qwen/Qwen3-Embedding-4B"), L()},
    CatalogEntry{L("Qwen3-Embedding-4B-Q8_0"), embedding, L("4B"), L("gguf"), 4'280 * MB, L("Qwen/Qwen3-Embedding-4B-GGUF"), L("Qwen3-Embedding-4B-Q8_0.gguf")},
    CatalogEntry{L("Qwen3-Embedding-4B-f16"), embedding, L("4B"), L("gguf"), 8'050 * MB, L("Qwen/Qwen3-Embedding-4B-GGUF"), L("Qwen3-Embedding-4B-f16.gguf")},
    CatalogEntry{L("Qwen3-Embedding-8B"), embedding, L("8B"), L("safetensors"), 15'150 * MB, L("Qwen/Qwen3-Embedding-8B"), L()},
    CatalogEntry{L("Qwen3-Embedding-8B-Q8_0"), embedding, L("8B"), L("gguf"), 8'050 * MB, L("Qwen/Qwen3-Embedding-8B-GGUF"), L("Qwen3-Embedding-8B-Q8_0.gguf")},
    CatalogEntry{L("Qwen3-Embedding-8B-f16"), embedding, L("8B"), L("gguf"), 15'140 * MB, L("Qwen/Qwen3-Embedding-8B-GGUF"), L("Qwen3-Embedding-8B-f16.gguf")},
    CatalogEntry{L("Qwen3-Reranker-0.6B"), reranker, L("0.6B"), L("safetensors"), 1'210 * MB, L("Qwen/Qwen3-Reranker-0.6B"), L()},
    CatalogEntry{L("Qwen3-Reranker-4B"), reranker, L("4B"), L("safetensors"), 8'060 * MB, L("Qwen/Qwen3-Reranker-4B"), L()},
    CatalogEntry{L("Qwen3-Reranker-8B"), reranker, L("8B"), L("safetensors"), 16'400 * MB, L("Qwen/Qwen3-Reranker-8B"), L()},
};

}  // namespace

std::span<const CatalogEntry> model_catalog() { return catalog; }

const CatalogEntry* find_catalog_entry(QStringView id) {
  for (const CatalogEntry& entry : catalog)
    if (id == entry.id) return &entry;
  return nullptr;
}

DownloadRequest download_request(const CatalogEntry& entry, ModelSite site, const QString& destination) {
  return {.site = site, .repo = entry.repo, .file = entry.file, .destination = destination, .base_url = {}};
}

}  // namespace xun::core
