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

// The text of the main part, read as it is unpacked: parsing stops once more than `max_chars`
// are held, so a part that inflates to 240 MB of text costs the limit, not 240 MB.
class WordprocessingmlText {
 public:
  explicit WordprocessingmlText(qint64 max_chars) : max_chars_(max_chars) {}

  // Parses what `piece` completes; false once the text is over the limit (read no more).
  bool add(QByteArrayView piece) {
    reader_.addData(piece.toByteArray());
    parse();
    return !full();
  }
  bool full() const { return text_.size() > max_chars_; }
  // After the last piece: the text, or the XML error that stopped it.
  Result<QString> finish(const QString& entry) {
    if (!full() && reader_.hasError()) return fail(xml_error(entry, reader_));
    return std::move(text_);
  }

 private:
  void parse() {
    while (!full()) {
      const QXmlStreamReader::TokenType token = reader_.readNext();
      if (token == QXmlStreamReader::Invalid || token == QXmlStreamReader::EndDocument) return;  // more data, or done
      if (skip_depth_ > 0) {  // inside an element that holds no text
        if (token == QXmlStreamReader::StartElement) ++skip_depth_;
        if (token == QXmlStreamReader::EndElement) --skip_depth_;
        continue;
      }
      if (token == QXmlStreamReader::Characters) {
        if (in_text_ > 0) text_ += reader_.text();
        continue;
      }
      const bool word = is_wordprocessingml(reader_.namespaceUri());
      const QStringView name = reader_.name();
      if (token == QXmlStreamReader::EndElement) {
        if (word && name == u"p") text_ += u'\n';
        if (word && name == u"t") --in_text_;
        continue;
      }
      if (token != QXmlStreamReader::StartElement) continue;
      // Markup compatibility: a Choice and its Fallback hold the same content twice.
      if (name == u"Fallback" && reader_.namespaceUri() == u"http://schemas.openxmlformats.org/markup-compatibility/2006") {
        skip_depth_ = 1;
        continue;
      }
      if (!word) continue;
      if (name == u"t") {
        ++in_text_;
      } else if (name == u"tab") {
        text_ += u'\t';
      } else if (name == u"br" || name == u"cr") {
        text_ += u'\n';
      } else if (name == u"noBreakHyphen") {
        text_ += u'-';
      } else if (name == u"pPr" || name == u"rPr" || name == u"sectPr") {
        skip_depth_ = 1;  // properties; w:pPr/w:tabs/w:tab is a tab stop, not a tab
      }
    }
  }

  QXmlStreamReader reader_;
  QString text_;
  qint64 max_chars_;
  int skip_depth_ = 0;  // > 0 inside a skipped element, counting its open descendants
  int in_text_ = 0;     // open w:t elements
};

}  // namespace

Result<ExtractedDocument> read_docx(const QString& path, const ExtractOptions& options) {
  auto zip = ZipArchive::open(path, options);
  if (!zip) return std::unexpected(zip.error());
  const QString part = main_part(*zip);
  if (!zip->contains(part)) return fail(("not a Word document: " + part + " is missing").toStdString());
  WordprocessingmlText parser(options.max_text_chars);
  auto read = zip->read_in_pieces(part, [&](QByteArrayView piece) { return parser.add(piece); });
  if (!read) return std::unexpected(read.error());
  const bool truncated = parser.full();
  auto text = parser.finish(part);
  if (!text) return std::unexpected(text.error());
  return ExtractedDocument{.text = std::move(*text), .format = QStringLiteral("docx"), .truncated = truncated};
}

}  // namespace xun::core
