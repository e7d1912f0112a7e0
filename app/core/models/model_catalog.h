// The Qwen3 models Xun knows how to download: one row per thing a user can pick in settings.
// The same repository ids exist on Hugging Face and on ModelScope.
#pragma once

#include <span>

#include <QLatin1String>
#include <QStringView>

#include "models/download_types.h"
#include "xun/engine.h"

namespace xun::core {

struct CatalogEntry {
  QLatin1String id;            // unique, shown to users: "Qwen3-Embedding-0.6B", "Qwen3-Embedding-0.6B-Q8_0"
  xun::ModelKind kind;
  QLatin1String size_label;    // "0.6B", "4B", "8B"
  QLatin1String format;        // "safetensors" (a whole repository) or "gguf" (one file of it)
  qint64 approximate_bytes;    // roughly what the download weighs, to show; the file list is exact
  QLatin1String repo;          // "Qwen/Qwen3-Embedding-0.6B"
  QLatin1String file;          // empty: every file of repo; else the one file to fetch
};

// Embedding models first, then rerankers; small to large; safetensors before GGUF.
std::span<const CatalogEntry> model_catalog();
// The entry with this id, or null.
const CatalogEntry* find_catalog_entry(QStringView id);
// The request that fetches `entry` from `site` into `destination` (the site's default address).
DownloadRequest download_request(const CatalogEntry& entry, ModelSite site, const QString& destination);

}  // namespace xun::core
