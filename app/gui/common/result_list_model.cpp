#include "common/result_list_model.h"

#include <QFileInfo>

#include "scan/fs_path.h"

namespace xun::gui {

ResultListModel::ResultListModel(QObject* parent) : QAbstractListModel(parent) {}

void ResultListModel::setResults(std::vector<core::SearchResult> results) {
  beginResetModel();
  results_ = std::move(results);
  endResetModel();
}

void ResultListModel::clear() { setResults({}); }

const core::SearchResult* ResultListModel::result(int row) const {
  if (row < 0 || static_cast<size_t>(row) >= results_.size()) return nullptr;
  return &results_[static_cast<size_t>(row)];
}

int ResultListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(results_.size());
}

QVariant ResultListModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    return {};
  const core::SearchResult& result = results_[static_cast<size_t>(index.row())];
  switch (role) {
    case Qt::DisplayRole:
    case FileNameRole:
      return QFileInfo(core::displayed_path(result.path)).fileName();  // odd bytes of a name as U+FFFD
    case Qt::ToolTipRole:
      return core::displayed_path(result.path) + QLatin1Char('\n') + scoreDetails(result);
    case PathRole: return result.path;
    case SnippetRole: return result.snippet;
    case HighlightsRole: return QVariant::fromValue(result.highlights);
    case HighlightedWordsRole: {
      QStringList words;
      for (const core::Highlight& highlight : result.highlights)
        words.append(result.snippet.mid(highlight.start, highlight.length));
      return words;
    }
    case PageRole: return result.page;
    case BadgesRole: return badges(result);
    case ChunkIdRole: return static_cast<qint64>(result.chunk_id);
    case DocumentIdRole: return static_cast<qint64>(result.document_id);
    case ScoreRole: return result.score;
    default: return {};
  }
}

QHash<int, QByteArray> ResultListModel::roleNames() const {
  QHash<int, QByteArray> names = QAbstractListModel::roleNames();
  names.insert(FileNameRole, "fileName");
  names.insert(PathRole, "path");
  names.insert(SnippetRole, "snippet");
  names.insert(HighlightsRole, "highlights");
  names.insert(HighlightedWordsRole, "highlightedWords");
  names.insert(PageRole, "page");
  names.insert(BadgesRole, "badges");
  names.insert(ChunkIdRole, "chunkId");
  names.insert(DocumentIdRole, "documentId");
  names.insert(ScoreRole, "score");
  return names;
}

QStringList ResultListModel::badges(const core::SearchResult& result) {
  QStringList badges;
  if (result.dense_score) badges << tr("cosine %1").arg(*result.dense_score, 0, 'f', 3);
  if (result.keyword_score) badges << tr("BM25 %1").arg(*result.keyword_score, 0, 'f', 2);
  if (result.fused_score) badges << tr("fused %1").arg(*result.fused_score, 0, 'f', 4);
  if (result.rerank_score) badges << tr("rerank %1").arg(*result.rerank_score, 0, 'f', 3);
  return badges;
}

QString ResultListModel::scoreDetails(const core::SearchResult& result) {
  QStringList lines;
  if (result.dense_score)
    lines << tr("Semantic similarity (cosine of the embeddings): %1").arg(*result.dense_score, 0, 'f', 4);
  if (result.keyword_score)
    lines << tr("Keyword score (BM25, higher is better): %1").arg(*result.keyword_score, 0, 'f', 3);
  if (result.fused_score)
    lines << tr("Fused rank score (reciprocal rank fusion): %1").arg(*result.fused_score, 0, 'f', 5);
  if (result.rerank_score)
    lines << tr("Reranker: probability that the passage answers the query: %1").arg(*result.rerank_score, 0, 'f', 4);
  return lines.join(QLatin1Char('\n'));
}

}  // namespace xun::gui
