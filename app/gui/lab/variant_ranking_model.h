// One variant's ranked results as a table for the lab's column of that variant: the relevance
// mark (checkable, shared with every other column through LabResults), rank, movement against
// the first variant, file, score and passage. Lists LabResults::shown() rows at most.
#pragma once

#include <QAbstractTableModel>

#include "lab/lab_results.h"

namespace xun::gui {

class VariantRankingModel final : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { relevant, rank, move, file, score, passage, column_count };
  enum Role {
    ChunkIdRole = Qt::UserRole + 1,  // qint64
    PathRole,                        // QString, absolute
    ScoreRole,                       // double: what the ranking orders by
    DenseScoreRole,                  // double
    RerankScoreRole,                 // double, or invalid when the variant did not rerank
    MovePlacesRole,                  // int: > 0 up, < 0 down, 0 same; invalid: new or none
  };

  VariantRankingModel(LabResults& results, size_t variant, QObject* parent = nullptr);

  size_t variant() const { return variant_; }
  void setVariant(size_t variant);
  // The row of `chunk_id`, or -1 when it is not listed.
  int rowOf(qint64 chunk_id) const;
  // Re-reads the headers and texts after a language change.
  void retranslate();

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  const LabRanking* ranking() const;
  QVariant display(const LabScore& entry, int row, int column) const;
  QVariant tool_tip(const LabScore& entry, int row, int column) const;
  QString move_text(int row) const;
  QString move_tip(int row) const;
  void reload();
  void on_relevance_changed(qint64 chunk_id);

  LabResults& results_;
  size_t variant_;
  std::vector<RankMove> moves_;  // per shown row (empty: no markers)
  int rows_ = 0;
};

}  // namespace xun::gui
