#include "search/search_filters.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

namespace xun::core {
namespace {

constexpr char kSelectFilteredDocuments[] =
    "SELECT documents.id FROM documents WHERE " XUN_DOCUMENT_FILTER " ORDER BY documents.id";
constexpr char kSelectFormats[] = "SELECT DISTINCT format FROM documents ORDER BY format";

QString json_array(const QStringList& values) {
  return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

}  // namespace

void bind_filters(sql::Statement& statement, const SearchFilters& filters) {
  if (filters.folders.isEmpty()) {
    statement.bind_null(1);
  } else {
    // "/home/a/notes/" and "/home/a/notes" name the same folder; the SQL appends the '/'.
    QStringList folders;
    for (const QString& folder : filters.folders) {
      QString clean = QDir::cleanPath(folder);
      if (clean.endsWith(u'/')) clean.chop(1);  // the root "/" becomes "", matching every path
      folders.append(clean);
    }
    statement.bind_text(1, json_array(folders));
  }
  if (filters.formats.isEmpty())
    statement.bind_null(2);
  else
    statement.bind_text(2, json_array(filters.formats));
  statement.bind_optional_int(3, filters.modified_from_ms);
  statement.bind_optional_int(4, filters.modified_to_ms);
}

Result<std::vector<int64_t>> filtered_documents(sql::Database& database,
                                                const SearchFilters& filters) {
  auto select = database.statement(kSelectFilteredDocuments);
  if (!select) return std::unexpected(select.error());
  bind_filters(**select, filters);
  std::vector<int64_t> ids;
  for (;;) {
    auto row = (*select)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return ids;
    ids.push_back((*select)->column_int(0));
  }
}

Result<QStringList> indexed_formats(sql::Database& database) {
  auto select = database.statement(kSelectFormats);
  if (!select) return std::unexpected(select.error());
  QStringList formats;
  for (;;) {
    auto row = (*select)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return formats;
    formats.append((*select)->column_text(0));
  }
}

}  // namespace xun::core
