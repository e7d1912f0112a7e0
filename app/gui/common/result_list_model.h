// Search results as a list model: one row per result, with roles for each part the delegate
// draws (file name, path, snippet and its highlights, page, score badges).
#pragma once

#include <vector>

#include <QAbstractListModel>
#include <QStringList>

#include "search/search_types.h"

namespace xun::gui {

class ResultListModel final : public QAbstractListModel {
  Q_OBJECT

 public:
  enum Role {
    FileNameRole = Qt::UserRole + 1,  // QString: "compost.txt"
    PathRole,                         // QString: the absolute path
    SnippetRole,                      // QString: the passage shown
    HighlightsRole,                   // QList<core::Highlight> in the snippet
    HighlightedWordsRole,             // QStringList: the highlighted parts of the snippet
    PageRole,                         // int: PDF page, 0 without pages
    BadgesRole,                       // QStringList: one label per score present, e.g. "BM25 2.31"
    ChunkIdRole,                      // qint64
    DocumentIdRole,                   // qint64
    ScoreRole,                        // double: what the results are ordered by
  };

  explicit ResultListModel(QObject* parent = nullptr);

  void setResults(std::vector<core::SearchResult> results);
  void clear();
  const std::vector<core::SearchResult>& results() const { return results_; }
  // The result at `row`; null when out of range.
  const core::SearchResult* result(int row) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

  // The score badges of `result`, in pipeline order: semantic, keyword, fused, rerank.
  static QStringList badges(const core::SearchResult& result);
  // What each score means, one line each, for the tooltip.
  static QString scoreDetails(const core::SearchResult& result);

 private:
  std::vector<core::SearchResult> results_;
};

}  // namespace xun::gui
