// Reads back an exported CSV in the tests (RFC 4180: quoted fields, doubled quotes, CRLF rows).
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace xun::test {

// RFC 4180 fields of a whole CSV text, row by row.
inline QList<QStringList> parse_csv(const QString& text) {
  QList<QStringList> rows;
  QStringList row;
  QString field;
  bool quoted = false;
  for (qsizetype i = 0; i < text.size(); ++i) {
    const QChar c = text[i];
    if (quoted) {
      if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
        field += u'"';
        ++i;
      } else if (c == u'"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == u'"') {
      quoted = true;
    } else if (c == u',') {
      row << field;
      field.clear();
    } else if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n') {
      row << field;
      rows << row;
      row.clear();
      field.clear();
      ++i;
    } else {
      field += c;
    }
  }
  return rows;
}

}  // namespace xun::test
