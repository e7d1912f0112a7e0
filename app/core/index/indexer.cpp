#include "index/indexer.h"

#include <QDateTime>
#include <QDir>
#include <QHash>
#include <QSet>

#include "chunk/estimated_token_counter.h"
#include "chunk/model_token_counter.h"
#include "index/file_hash.h"
#include "scan/fs_path.h"
#include "store/content_hash.h"

namespace xun::core {
namespace {

// A run stops at the first store error: the database is what every later step writes to.
#define XUN_STORE_TRY(expression)                                   \
  do {                                                              \
    if (auto xun_store_result_ = (expression); !xun_store_result_)  \
      return std::unexpected(std::move(xun_store_result_.error())); \
  } while (false)

QString error_text(const Error& error) { return QString::fromStdString(error.message); }

// A failure's reason without the file's name in front: extraction errors name their file so that
// they stand alone, but a report row already has the path beside its reason.
QString reason_for(const QString& path, const Error& error) {
  QString reason = error_text(error);
  const QString named = QDir::toNativeSeparators(displayed_path(path)) + QStringLiteral(": ");
  if (reason.startsWith(named)) reason.remove(0, named.size());
  return reason;
}

}  // namespace

Indexer::Indexer(IndexStore& store, xun::Model* model, IndexOptions options)
    : store_(store),
      model_(model),
      options_(std::move(options)),
      extractor_(std::make_unique<ExtractionClient>(options_.extract_worker)) {
  if (model_ != nullptr)
    counter_ = std::make_unique<ModelTokenCounter>(model_->tokenizer());
  else
    counter_ = std::make_unique<EstimatedTokenCounter>();
}

Indexer::~Indexer() = default;

Result<IndexReport> Indexer::index_folders(const QStringList& folders, const ProgressCallback& progress,
                                           const std::atomic<bool>* cancel) {
  cancel_ = cancel;
  on_progress_ = progress;
  meter_ = ProgressMeter();
  progress_ = {};
  report_ = {};
  pending_.clear();
  pending_chunks_ = 0;

  XUN_STORE_TRY(extractor_->check_program());
  XUN_STORE_TRY(prepare_model());
  for (const QString& folder : folders) {
    if (cancelled()) break;
    XUN_STORE_TRY(index_folder(folder));
  }
  XUN_STORE_TRY(write_pending(true));
  XUN_STORE_TRY(embed_missing_vectors_of_unchanged_files());
  if (space_ && !cancelled()) XUN_STORE_TRY(store_.set_index_model(*space_));
  report_.cancelled = cancelled();
  report_.seconds = meter_.seconds();
  return report_;
}

Result<void> Indexer::prepare_model() {
  space_.reset();
  if (model_ == nullptr) return {};
  const ModelInfo& info = model_->info();
  const uint32_t dimension = options_.dimension.value_or(info.hidden_size);
  if (dimension == 0 || dimension > info.hidden_size)
    return fail("dimension " + std::to_string(dimension) + " is outside 1.." + std::to_string(info.hidden_size));
  auto record = store_.register_model(QString::fromStdString(info.fingerprint), QString::fromStdString(info.path.string()),
                                      QString::fromUtf8(to_string(info.kind).data()), static_cast<int>(info.hidden_size));
  if (!record) return std::unexpected(record.error());
  space_ = VectorSpace{record->id, static_cast<int>(dimension)};
  return {};
}

Result<void> Indexer::index_folder(const QString& folder) {
  auto folder_id = store_.add_folder(folder);
  if (!folder_id) return std::unexpected(folder_id.error());

  ScanOptions scan_options = options_.scan;
  scan_options.on_progress = [&](const ScanProgress& scanned) {
    progress_.files_total = report_.files_seen + scanned.files_found;
    progress_.current_path = scanned.folder;
    meter_.update(progress_);
    if (on_progress_) on_progress_(progress_);
  };
  auto scan = scan_folder(folder, scan_options, cancel_);
  if (!scan) {
    // The folder itself is gone or unreadable: a failure of this run, not of the index.
    report_.failures.push_back({folder, error_text(scan.error())});
    ++report_.files_failed;
    return {};
  }
  report_.files_seen += scan->files.size() + scan->problems.size();
  progress_.files_total = report_.files_seen;

  QSet<QString> seen;
  QStringList unlisted_folders;  // their documents cannot be seen, so none of them is "missing"
  for (const ScanProblem& problem : scan->problems) {
    seen.insert(problem.path);
    const bool unreadable = problem.kind == ScanProblem::Kind::UnreadableFile ||
                            problem.kind == ScanProblem::Kind::UnreadableFolder;
    if (problem.kind == ScanProblem::Kind::UnreadableFolder) unlisted_folders << problem.path + u'/';
    if (unreadable) {
      ++report_.files_failed;
      report_.failures.push_back({problem.path, problem.reason});
    } else {
      ++report_.files_skipped;
      report_.skipped.push_back({problem.path, problem.reason});
    }
    file_done(problem.path);
  }
  if (!unlisted_folders.isEmpty()) {
    auto stored = store_.documents(*folder_id);
    if (!stored) return std::unexpected(stored.error());
    for (const DocumentRecord& document : *stored)
      for (const QString& unlisted : std::as_const(unlisted_folders))
        if (document.info.path.startsWith(unlisted)) seen.insert(document.info.path);
  }
  for (const ScannedFile& file : scan->files) {
    if (cancelled()) return {};
    seen.insert(file.path);
    if (auto indexed = index_file(file, *folder_id); !indexed) return indexed;
  }
  if (scan->cancelled || cancelled()) return {};
  // Files listed last time but gone now. Unreadable ones, and those in folders that could not be
  // listed, are in `seen`: their entries stay.
  auto removed = store_.remove_missing_documents(*folder_id, seen);
  if (!removed) return std::unexpected(removed.error());
  report_.files_removed += static_cast<int64_t>(removed->size());
  XUN_STORE_TRY(write_pending(true));
  return store_.mark_folder_indexed(*folder_id, QDateTime::currentMSecsSinceEpoch());
}

Result<void> Indexer::index_file(const ScannedFile& file, int64_t folder_id) {
  progress_.current_path = file.path;
  auto existing = store_.find_document(file.path);
  if (!existing) return std::unexpected(existing.error());
  if (*existing && (*existing)->info.size == file.size && (*existing)->info.mtime_ms == file.mtime_ms) {
    ++report_.files_unchanged;
    file_done(file.path);
    return {};
  }
  auto hash = file_content_hash(file.path);
  if (!hash) {
    ++report_.files_failed;
    report_.failures.push_back({file.path, reason_for(file.path, hash.error())});
    file_done(file.path);
    return {};
  }
  if (*existing && (*existing)->info.content_hash == *hash) {  // touched, not changed
    XUN_STORE_TRY(store_.update_document_stat((*existing)->id, file.size, file.mtime_ms));
    ++report_.files_unchanged;
    file_done(file.path);
    return {};
  }

  PendingFile pending;
  pending.info = DocumentInfo{folder_id, file.path, file.size, file.mtime_ms, *hash, file.format, 0};
  // A renamed or copied file: its twin's chunks (and through their hashes, its vectors) serve.
  auto twin = store_.find_document_by_hash(*hash);
  if (!twin) return std::unexpected(twin.error());
  if (*twin && (*twin)->info.path != file.path) {
    auto stored = store_.chunks((*twin)->id);
    if (!stored) return std::unexpected(stored.error());
    for (const StoredChunk& chunk : *stored) pending.chunks.push_back(chunk.chunk);
    pending.info.format = (*twin)->info.format;
    pending.info.page_count = (*twin)->info.page_count;
  } else {
    auto document = extractor_->extract(file.path, options_.extract);
    if (!document) {
      ++report_.files_failed;
      report_.failures.push_back({file.path, reason_for(file.path, document.error())});
      file_done(file.path);
      return {};
    }
    for (const QString& warning : std::as_const(document->warnings)) report_.warnings.push_back({file.path, warning});
    pending.info.format = document->format;
    pending.info.page_count = static_cast<int>(document->pages.size());
    pending.chunks = chunk_document(*document, *counter_, options_.chunking);
  }
  for (const Chunk& chunk : pending.chunks) pending.hashes.push_back(chunk_content_hash(chunk.text));
  pending_chunks_ += pending.chunks.size();
  pending_.push_back(std::move(pending));
  return write_pending(false);
}

Result<void> Indexer::write_pending(bool force) {
  if (pending_.empty() || (!force && pending_chunks_ < options_.embed_batch_chunks)) return {};
  // One engine pass for the new chunk texts of every waiting file: small files add up. Each
  // batch's vectors are stored as soon as it is computed (keyed by text, not by chunk), so a
  // kill or cancel loses at most the batch in flight: the next run finds the others stored.
  QSet<QByteArray> embedded_now;  // texts this call embedded, each counted for one chunk only
  if (space_) {
    std::vector<QByteArray> all_hashes;
    QHash<QByteArray, QString> text_of;
    for (const PendingFile& file : pending_)
      for (size_t i = 0; i < file.hashes.size(); ++i) {
        all_hashes.push_back(file.hashes[i]);
        text_of.insert(file.hashes[i], file.chunks[static_cast<qsizetype>(i)].text);
      }
    auto missing = store_.hashes_missing_vectors(*space_, all_hashes);
    if (!missing) return std::unexpected(missing.error());
    for (size_t first = 0; first < missing->size(); first += options_.embed_batch_chunks) {
      if (cancelled()) {  // unwritten files are indexed again next time; their stored batches serve
        pending_.clear();
        pending_chunks_ = 0;
        return {};
      }
      const size_t last = std::min(missing->size(), first + options_.embed_batch_chunks);
      XUN_STORE_TRY(embed_and_store(std::span(missing->data() + first, last - first), text_of));
      for (size_t i = first; i < last; ++i) embedded_now.insert((*missing)[i]);
    }
  }
  for (PendingFile& file : pending_) {
    int64_t embedded_here = 0;
    for (const QByteArray& hash : file.hashes)
      if (embedded_now.remove(hash)) ++embedded_here;
    auto written = store_.replace_document(file.info, file.chunks, space_.value_or(VectorSpace{}));
    if (!written) return std::unexpected(written.error());
    ++report_.files_indexed;
    report_.chunks += file.chunks.size();
    if (space_) report_.chunks_reused += static_cast<int64_t>(file.chunks.size()) - embedded_here;
    progress_.chunks_done += file.chunks.size();
    file_done(file.info.path);
  }
  pending_.clear();
  pending_chunks_ = 0;
  return {};
}

Result<void> Indexer::embed_and_store(std::span<const QByteArray> hashes,
                                      const QHash<QByteArray, QString>& text_of) {
  std::vector<QString> texts;
  texts.reserve(hashes.size());
  for (const QByteArray& hash : hashes) texts.push_back(text_of.value(hash));
  auto vectors = embed(texts);
  if (!vectors) return std::unexpected(vectors.error());
  std::vector<ChunkVector> rows;
  rows.reserve(hashes.size());
  for (size_t i = 0; i < hashes.size(); ++i) rows.push_back({hashes[i], std::move((*vectors)[i])});
  XUN_STORE_TRY(store_.write_vectors(*space_, rows));
  report_.chunks_embedded += static_cast<int64_t>(rows.size());
  progress_.chunks_embedded += static_cast<int64_t>(rows.size());
  meter_.update(progress_);
  if (on_progress_) on_progress_(progress_);
  return {};
}

Result<void> Indexer::embed_missing_vectors_of_unchanged_files() {
  // Files skipped as unchanged may have no vectors in this model's space (the index was built
  // with another model, or without one): embed their stored chunk texts, reading no file.
  if (!space_) return {};
  while (!cancelled()) {
    auto pending = store_.chunks_missing_vectors(*space_, options_.embed_batch_chunks);
    if (!pending) return std::unexpected(pending.error());
    if (pending->empty()) return {};
    std::vector<QByteArray> hashes;
    QHash<QByteArray, QString> text_of;
    for (const PendingChunk& chunk : *pending) {
      hashes.push_back(chunk.content_hash);
      text_of.insert(chunk.content_hash, chunk.text);
    }
    XUN_STORE_TRY(embed_and_store(hashes, text_of));
  }
  return {};
}

Result<std::vector<std::vector<float>>> Indexer::embed(const std::vector<QString>& texts) {
  std::vector<EmbedRequest> requests;
  requests.reserve(texts.size());
  for (const QString& text : texts) requests.push_back({text.toStdString(), std::nullopt});
  EmbedOptions embed_options;
  embed_options.dimension = options_.dimension;
  embed_options.truncate = true;  // chunks fit the context; this only guards odd token counts
  auto vectors = model_->embed(requests, embed_options);
  if (!vectors) return fail("embedding failed: " + vectors.error().message);
  return vectors;
}

void Indexer::file_done(const QString& path) {
  ++progress_.files_done;
  progress_.current_path = path;
  meter_.update(progress_);
  if (on_progress_) on_progress_(progress_);
}

}  // namespace xun::core
