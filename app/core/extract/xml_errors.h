// Error messages for XML inside containers, naming the entry and the position.
#pragma once

#include <QString>
#include <QXmlStreamReader>
#include <string>

namespace xun::core {

// "word/document.xml: line 3, column 17: Opening and ending tag mismatch."
inline std::string xml_error(const QString& entry, const QXmlStreamReader& reader) {
  return QStringLiteral("%1: line %2, column %3: %4")
      .arg(entry)
      .arg(reader.lineNumber())
      .arg(reader.columnNumber())
      .arg(reader.errorString())
      .toStdString();
}

}  // namespace xun::core
