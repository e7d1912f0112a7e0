// DOCX (Office Open XML): the main document part, usually word/document.xml. Each paragraph
// (w:p) becomes one line; w:t is text, w:tab a tab, w:br and w:cr line breaks. Deleted text
// (w:delText), field codes (w:instrText) and properties are not text and are left out.
#include <QXmlStreamReader>

#include "extract/format_readers.h"
#include "extract/xml_errors.h"
#include "extract/zip_archive.h"

namespace xun::core {
namespace {

const QString relationships_entry = QStringLiteral("_rels/.rels");
const QString default_main_part = QStringLiteral("word/document.xml");

bool is_wordprocessingml(QStringView namespace_uri) {
  // Transitional and Strict OOXML use different namespaces for the same elements.
  return namespace_uri == u"http://schemas.openxmlformats.org/wordprocessingml/2006/main" ||
         namespace_uri == u"http://purl.oclc.org/ooxml/wordprocessingml/main";
}

// The main document part that _rels/.rels points to; word/document.xml when it says nothing.
QString main_part(ZipArchive& zip) {
  if (!zip.contains(relationships_entry)) return default_main_part;
  const auto xml = zip.read(relationships_entry);
  if (!xml) return default_main_part;
  QXmlStreamReader reader(*xml);
  while (!reader.atEnd()) {
    if (reader.readNext() != QXmlStreamReader::StartElement || reader.name() != u"Relationship") continue;
    if (!reader.attributes().value(QLatin1StringView("Type")).endsWith(u"/officeDocument")) continue;
    QString target = reader.attributes().value(QLatin1StringView("Target")).toString();
    while (target.startsWith(u'/')) target.remove(0, 1);
    return target.isEmpty() ? default_main_part : target;
  }
  return default_main_part;
}

Result<QString> wordprocessingml_text(const QByteArray& xml, const QString& entry) {
  QXmlStreamReader reader(xml);
  QString text;
  while (!reader.atEnd()) {
    reader.readNext();
    if (reader.isEndElement() && reader.name() == u"p" && is_wordprocessingml(reader.namespaceUri())) {
      text += u'\n';
      continue;
    }
    if (!reader.isStartElement()) continue;
    // Markup compatibility: a Choice and its Fallback hold the same content twice.
    if (reader.name() == u"Fallback" &&
        reader.namespaceUri() == u"http://schemas.openxmlformats.org/markup-compatibility/2006") {
      reader.skipCurrentElement();
      continue;
    }
    if (!is_wordprocessingml(reader.namespaceUri())) continue;
    const QStringView name = reader.name();
    if (name == u"t") {
      text += reader.readElementText();
    } else if (name == u"tab") {
      text += u'\t';
    } else if (name == u"br" || name == u"cr") {
      text += u'\n';
    } else if (name == u"noBreakHyphen") {
      text += u'-';
    } else if (name == u"pPr" || name == u"rPr" || name == u"sectPr") {
      reader.skipCurrentElement();  // properties; w:pPr/w:tabs/w:tab is a tab stop, not a tab
    }
  }
  if (reader.hasError()) return fail(xml_error(entry, reader));
  return text;
}

}  // namespace

Result<ExtractedDocument> read_docx(const QString& path, const ExtractOptions& options) {
  auto zip = ZipArchive::open(path, options);
  if (!zip) return std::unexpected(zip.error());
  const QString part = main_part(*zip);
  if (!zip->contains(part)) return fail(("not a Word document: " + part + " is missing").toStdString());
  const auto xml = zip->read(part);
  if (!xml) return std::unexpected(xml.error());
  auto text = wordprocessingml_text(*xml, part);
  if (!text) return std::unexpected(text.error());
  return ExtractedDocument{.text = std::move(*text), .format = QStringLiteral("docx")};
}

}  // namespace xun::core
