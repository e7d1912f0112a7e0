#include "library/chunk_table_model.h"

namespace xun::gui {

ChunkTableModel::ChunkTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ChunkTableModel::setChunks(std::vector<core::StoredChunk> chunks) {
  beginResetModel();
  chunks_ = std::move(chunks);
  endResetModel();
}

const core::StoredChunk* ChunkTableModel::chunk(int row) const {
  if (row < 0 || static_cast<size_t>(row) >= chunks_.size()) return nullptr;
  return &chunks_[static_cast<size_t>(row)];
}

int ChunkTableModel::rowOfChunk(int64_t chunk_id) const {
  for (size_t row = 0; row < chunks_.size(); ++row)
    if (chunks_[row].id == chunk_id) return static_cast<int>(row);
  return -1;
}

void ChunkTableModel::retranslate() { emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1); }

int ChunkTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(chunks_.size());
}

int ChunkTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ChunkTableModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const core::StoredChunk& stored = chunks_[static_cast<size_t>(index.row())];
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case OrdinalColumn: return stored.ordinal + 1;
        case PageColumn: return stored.chunk.page > 0 ? QVariant(stored.chunk.page) : QVariant();
        case TokensColumn: return stored.chunk.tokens;
        case TextColumn: return stored.chunk.text.left(kPreviewLength).simplified();
        default: return {};
      }
    case Qt::TextAlignmentRole:
      return index.column() == TextColumn ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ToolTipRole:
      return index.column() == TextColumn ? stored.chunk.text.left(4 * kPreviewLength) : QVariant();
    case ChunkIdRole: return static_cast<qint64>(stored.id);
    case TextRole: return stored.chunk.text;
    default: return {};
  }
}

QVariant ChunkTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case OrdinalColumn: return tr("#");
    case PageColumn: return tr("Page");
    case TokensColumn: return tr("Tokens");
    case TextColumn: return tr("Text");
    default: return {};
  }
}

}  // namespace xun::gui
