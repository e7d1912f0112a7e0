// The records the index store reads and writes. Times are milliseconds since the Unix epoch
// (UTC); offsets are UTF-16 code units into the document text (see extract/extracted_document.h).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <QByteArray>
#include <QString>

#include "chunk/chunk.h"

namespace xun::core {

struct FolderRecord {
  int64_t id = 0;
  QString path;                            // absolute, as the user added it
  int64_t added_ms = 0;
  std::optional<int64_t> last_indexed_ms;  // unset until a run over the folder finished
  bool watching = false;                   // re-index on changes in the background
};

// What the indexer knows about a file when it writes it.
struct DocumentInfo {
  int64_t folder_id = 0;
  QString path;              // absolute; unique in the index
  int64_t size = 0;          // bytes on disk
  int64_t mtime_ms = 0;
  QByteArray content_hash;   // of the file's bytes (the indexer picks the hash function)
  QString format;            // ExtractedDocument::format: "text", "pdf", ...
  int page_count = 0;        // 0 for formats without pages
};

struct DocumentRecord {
  int64_t id = 0;
  DocumentInfo info;
  int64_t indexed_ms = 0;    // when its chunks were last written
};

struct StoredChunk {
  int64_t id = 0;
  int64_t document_id = 0;
  int ordinal = 0;           // position in the document, from 0
  Chunk chunk;
  QByteArray content_hash;   // chunk_content_hash(chunk.text)
};

struct ModelRecord {
  int64_t id = 0;
  QString fingerprint;       // ModelInfo::fingerprint: identifies the exact weights
  QString path;              // where the model was last loaded from
  QString kind;              // "embedding" or "reranker" (xun::to_string(ModelKind))
  int dimension = 0;         // the model's full vector size (hidden size)
};

// A set of vectors: those one model made at one (MRL) dimension.
struct VectorSpace {
  int64_t model_id = 0;
  int dimension = 0;
  bool operator==(const VectorSpace&) const = default;
};

struct ChunkVector {
  QByteArray content_hash;   // of the chunk text the vector embeds
  std::vector<float> values; // (dimension), unit length
};

// A chunk text that has no vector yet in some space, for re-embedding after a model switch.
struct PendingChunk {
  QByteArray content_hash;
  QString text;
};

// The model and dimension the last indexing run embedded with: what search uses by default.
struct IndexModel {
  ModelRecord model;
  int dimension = 0;
};

struct StoreStatus {
  struct Folder {
    FolderRecord folder;
    int64_t documents = 0;
    int64_t chunks = 0;
  };
  struct Vectors {
    ModelRecord model;
    int dimension = 0;
    int64_t vectors = 0;
  };
  std::vector<Folder> folders;        // by path
  int64_t documents = 0;
  int64_t chunks = 0;
  std::vector<Vectors> vectors;       // per model and dimension, by model id then dimension
  std::vector<ModelRecord> models;    // every model the index knows, rerankers included
  std::optional<IndexModel> index_model;
  int64_t bytes = 0;                  // the database file and its WAL on disk
};

}  // namespace xun::core
