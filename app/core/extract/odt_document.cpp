// ODT (OpenDocument Text): content.xml's office:body. Each text:p and text:h becomes one line;
// text:s is spaces, text:tab a tab, text:line-break a line break. White space in the XML is
// collapsed as ODF 1.3 §6.1.2 says; tracked deletions and annotations are left out.
#include <QXmlStreamReader>

#include "extract/format_readers.h"
#include "extract/xml_errors.h"
#include "extract/zip_archive.h"

namespace xun::core {
namespace {

const QString content_entry = QStringLiteral("content.xml");
constexpr QStringView text_ns = u"urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr QStringView office_ns = u"urn:oasis:names:tc:opendocument:xmlns:office:1.0";

// Collects one paragraph at a time with ODF's white-space rule: runs of XML white space become
// one space, and a paragraph neither starts nor ends with such a space. Spaces from text:s,
// tabs and line breaks are content and are kept.
class ParagraphText {
 public:
  void characters(QStringView data) {
    for (const QChar c : data) {
      if (c == u' ' || c == u'\t' || c == u'\n' || c == u'\r') {
        pending_space_ = true;
      } else {
        flush_space();
        out_ += c;
        line_has_text_ = true;
      }
    }
  }
  void literal(const QString& text) {
    flush_space();
    out_ += text;
    line_has_text_ = true;
  }
  void end_paragraph() {
    pending_space_ = false;
    out_ += u'\n';
    line_has_text_ = false;
  }
  QString take() { return std::move(out_); }

 private:
  void flush_space() {
    if (pending_space_ && line_has_text_) out_ += u' ';
    pending_space_ = false;
  }
  QString out_;
  bool pending_space_ = false;
  bool line_has_text_ = false;
};

Result<QString> opendocument_text(const QByteArray& xml) {
  QXmlStreamReader reader(xml);
  ParagraphText text;
  int body_depth = 0;       // > 0 inside office:body
  int paragraph_depth = 0;  // > 0 inside text:p or text:h (notes nest paragraphs in paragraphs)
  while (!reader.atEnd()) {
    reader.readNext();
    const QStringView name = reader.name();
    const bool in_text_ns = reader.namespaceUri() == text_ns;
    const bool is_paragraph = in_text_ns && (name == u"p" || name == u"h");
    if (reader.isStartElement()) {
      if (reader.namespaceUri() == office_ns && name == u"body") ++body_depth;
      if (body_depth == 0) continue;
      if ((in_text_ns && name == u"tracked-changes") || (reader.namespaceUri() == office_ns && name == u"annotation")) {
        reader.skipCurrentElement();
      } else if (is_paragraph) {
        ++paragraph_depth;
      } else if (in_text_ns && name == u"s") {
        const int count = reader.attributes().value(text_ns.toString(), QLatin1StringView("c")).toInt();
        text.literal(QString(std::max(count, 1), u' '));
      } else if (in_text_ns && name == u"tab") {
        text.literal(QStringLiteral("\t"));
      } else if (in_text_ns && name == u"line-break") {
        text.literal(QStringLiteral("\n"));
      }
    } else if (reader.isEndElement()) {
      if (reader.namespaceUri() == office_ns && name == u"body") --body_depth;
      if (is_paragraph && body_depth > 0) {
        --paragraph_depth;
        text.end_paragraph();
      }
    } else if (reader.isCharacters() && paragraph_depth > 0) {
      text.characters(reader.text());
    }
  }
  if (reader.hasError()) return fail(xml_error(content_entry, reader));
  return text.take();
}

}  // namespace

Result<ExtractedDocument> read_odt(const QString& path, const ExtractOptions& options) {
  auto zip = ZipArchive::open(path, options);
  if (!zip) return std::unexpected(zip.error());
  if (!zip->contains(content_entry)) return fail("not an OpenDocument file: content.xml is missing");
  const auto xml = zip->read(content_entry);
  if (!xml) return std::unexpected(xml.error());
  auto text = opendocument_text(*xml);
  if (!text) return std::unexpected(text.error());
  return ExtractedDocument{.text = std::move(*text), .format = QStringLiteral("odt")};
}

}  // namespace xun::core
