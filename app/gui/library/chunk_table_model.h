// A document's chunks in order: ordinal (from 1), page, token count and the beginning of the text.
#pragma once

#include <vector>

#include <QAbstractTableModel>

#include "store/store_types.h"

namespace xun::gui {

class ChunkTableModel final : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { OrdinalColumn, PageColumn, TokensColumn, TextColumn, ColumnCount };
  enum Role {
    ChunkIdRole = Qt::UserRole + 1,  // qint64
    TextRole,                        // QString: the whole chunk text
  };
  // Characters of the chunk text shown in the table.
  static constexpr int kPreviewLength = 160;

  explicit ChunkTableModel(QObject* parent = nullptr);

  void setChunks(std::vector<core::StoredChunk> chunks);
  const std::vector<core::StoredChunk>& chunks() const { return chunks_; }
  const core::StoredChunk* chunk(int row) const;
  int rowOfChunk(int64_t chunk_id) const;  // -1 when it is not there
  void retranslate();

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  std::vector<core::StoredChunk> chunks_;  // by ordinal
};

}  // namespace xun::gui
