#include "lab/variant_ranking_model.h"

#include <QFileInfo>

namespace xun::gui {

VariantRankingModel::VariantRankingModel(LabResults& results, size_t variant, QObject* parent)
    : QAbstractTableModel(parent), results_(results), variant_(variant) {
  connect(&results_, &LabResults::comparisonChanged, this, &VariantRankingModel::reload);
  connect(&results_, &LabResults::shownChanged, this, &VariantRankingModel::reload);
  connect(&results_, &LabResults::relevanceChanged, this, &VariantRankingModel::on_relevance_changed);
  reload();
}

void VariantRankingModel::setVariant(size_t variant) {
  variant_ = variant;
  reload();
}

void VariantRankingModel::reload() {
  beginResetModel();
  const LabRanking* ranked = ranking();
  rows_ = ranked ? static_cast<int>(std::min(ranked->ranked.size(), static_cast<size_t>(results_.shown()))) : 0;
  moves_ = results_.moves(variant_);
  endResetModel();
}

void VariantRankingModel::retranslate() {
  emit headerDataChanged(Qt::Horizontal, 0, column_count - 1);
  if (rows_ > 0) emit dataChanged(index(0, 0), index(rows_ - 1, column_count - 1));
}

const LabRanking* VariantRankingModel::ranking() const {
  const auto& rankings = results_.comparison().rankings;
  return variant_ < rankings.size() ? &rankings[variant_] : nullptr;
}

int VariantRankingModel::rowOf(qint64 chunk_id) const {
  const LabRanking* ranked = ranking();
  for (int row = 0; row < rows_; ++row)
    if (results_.comparison().pool[ranked->ranked[static_cast<size_t>(row)].candidate].chunk_id == chunk_id) return row;
  return -1;
}

void VariantRankingModel::on_relevance_changed(qint64 chunk_id) {
  const int row = rowOf(chunk_id);
  if (row >= 0) emit dataChanged(index(row, relevant), index(row, relevant), {Qt::CheckStateRole});
}

int VariantRankingModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : rows_; }

int VariantRankingModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : column_count;
}

QVariant VariantRankingModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const LabScore& entry = ranking()->ranked[static_cast<size_t>(index.row())];
  const LabCandidate& candidate = results_.comparison().pool[entry.candidate];
  switch (role) {
    case Qt::DisplayRole:
      return display(entry, index.row(), index.column());
    case Qt::ToolTipRole:
      return tool_tip(entry, index.row(), index.column());
    case Qt::CheckStateRole:
      if (index.column() != relevant) return {};
      return static_cast<int>(results_.isRelevant(candidate.chunk_id) ? Qt::Checked : Qt::Unchecked);
    case Qt::TextAlignmentRole:
      if (index.column() == rank || index.column() == score)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      if (index.column() == move) return QVariant::fromValue(Qt::AlignCenter);
      return {};
    case ChunkIdRole:
      return QVariant::fromValue<qint64>(candidate.chunk_id);
    case PathRole:
      return candidate.path;
    case ScoreRole:
      return entry.score;
    case DenseScoreRole:
      return static_cast<double>(entry.dense);
    case RerankScoreRole:
      return entry.rerank ? QVariant(static_cast<double>(*entry.rerank)) : QVariant();
    case MovePlacesRole: {
      if (static_cast<size_t>(index.row()) >= moves_.size()) return {};
      const RankMove& moved = moves_[static_cast<size_t>(index.row())];
      if (moved.kind == RankMove::Kind::entered) return {};
      return moved.kind == RankMove::Kind::down ? -moved.places : moved.places;
    }
    default:
      return {};
  }
}

QVariant VariantRankingModel::display(const LabScore& entry, int row, int column) const {
  const LabCandidate& candidate = results_.comparison().pool[entry.candidate];
  switch (column) {
    case rank:
      return row + 1;
    case move:
      return move_text(row);
    case file: {
      const QString name = QFileInfo(candidate.path).fileName();
      return candidate.page > 0 ? tr("%1, p. %2").arg(name).arg(candidate.page) : name;
    }
    case score:
      return QString::number(entry.score, 'f', 4);
    case passage:
      return candidate.snippet.simplified();
    default:
      return {};
  }
}

QVariant VariantRankingModel::tool_tip(const LabScore& entry, int row, int column) const {
  const LabCandidate& candidate = results_.comparison().pool[entry.candidate];
  switch (column) {
    case relevant:
      return tr("Mark this passage relevant (in every variant) for NDCG, MRR and recall");
    case move:
      return move_tip(row);
    case file:
      return candidate.path;
    case score:
      if (entry.rerank)
        return tr("Reranker %1, dense %2").arg(*entry.rerank, 0, 'f', 6).arg(entry.dense, 0, 'f', 6);
      return tr("Dense (cosine) %1").arg(entry.dense, 0, 'f', 6);
    case passage:
      return candidate.snippet;
    default:
      return {};
  }
}

QString VariantRankingModel::move_text(int row) const {
  if (static_cast<size_t>(row) >= moves_.size()) return {};
  const RankMove& moved = moves_[static_cast<size_t>(row)];
  switch (moved.kind) {
    case RankMove::Kind::same:
      return QStringLiteral("=");
    case RankMove::Kind::up:
      return QStringLiteral("▲%1").arg(moved.places);
    case RankMove::Kind::down:
      return QStringLiteral("▼%1").arg(moved.places);
    case RankMove::Kind::entered:
      return tr("new");
  }
  return {};
}

QString VariantRankingModel::move_tip(int row) const {
  if (static_cast<size_t>(row) >= moves_.size()) return {};
  const RankMove& moved = moves_[static_cast<size_t>(row)];
  switch (moved.kind) {
    case RankMove::Kind::same:
      return tr("Same rank as in the first variant");
    case RankMove::Kind::up:
      return tr("%n place(s) higher than in the first variant", nullptr, moved.places);
    case RankMove::Kind::down:
      return tr("%n place(s) lower than in the first variant", nullptr, moved.places);
    case RankMove::Kind::entered:
      return tr("Not among the first variant's %n shown result(s)", nullptr, results_.shown());
  }
  return {};
}

bool VariantRankingModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return false;
  if (index.column() != relevant || role != Qt::CheckStateRole) return false;
  const LabScore& entry = ranking()->ranked[static_cast<size_t>(index.row())];
  const bool checked = value.toInt() == Qt::Checked;
  results_.setRelevant(results_.comparison().pool[entry.candidate].chunk_id, checked);
  return true;  // relevanceChanged emitted dataChanged for every column showing the passage
}

Qt::ItemFlags VariantRankingModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) return Qt::NoItemFlags;
  Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
  if (index.column() == relevant) flags |= Qt::ItemIsUserCheckable;
  return flags;
}

QVariant VariantRankingModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::ToolTipRole && section == relevant) return tr("Relevant");
  if (role != Qt::DisplayRole) return {};
  switch (section) {
    case relevant:
      return tr("✓");
    case rank:
      return tr("#");
    case move:
      return tr("Move");
    case file:
      return tr("File");
    case score:
      return tr("Score");
    case passage:
      return tr("Passage");
    default:
      return {};
  }
}

}  // namespace xun::gui
