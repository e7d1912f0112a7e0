#include "document_factory.h"

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

#include <QBuffer>
#include <QtEndian>
#include <stdexcept>

namespace xun::test {
namespace {

constexpr quint32 local_header_signature = 0x04034b50;
constexpr quint32 central_header_signature = 0x02014b50;

quint16 u16_at(const QByteArray& bytes, qsizetype at) { return qFromLittleEndian<quint16>(bytes.constData() + at); }
quint32 u32_at(const QByteArray& bytes, qsizetype at) { return qFromLittleEndian<quint32>(bytes.constData() + at); }
void put_u32(QByteArray& bytes, qsizetype at, quint32 value) { qToLittleEndian(value, bytes.data() + at); }

// Offsets of every header with `signature` whose file name is `entry`.
QList<qsizetype> headers_of(const QByteArray& zip, quint32 signature, const QString& entry) {
  const bool central = signature == central_header_signature;
  const qsizetype name_length_at = central ? 28 : 26, name_at = central ? 46 : 30;
  QList<qsizetype> found;
  for (qsizetype at = 0; at + name_at <= zip.size(); ++at) {
    if (u32_at(zip, at) != signature) continue;
    const quint16 name_length = u16_at(zip, at + name_length_at);
    if (zip.mid(at + name_at, name_length) == entry.toUtf8()) found.append(at);
  }
  if (found.isEmpty()) throw std::runtime_error("no header for " + entry.toStdString());
  return found;
}

}  // namespace

QByteArray zip_bytes(const QList<ZipEntry>& entries) {
  QBuffer buffer;
  QuaZip zip(&buffer);
  zip.setFileNameCodec("UTF-8");
  zip.setUtf8Enabled(true);  // names in UTF-8 with the flag that says so, as LibreOffice writes them
  if (!zip.open(QuaZip::mdCreate)) throw std::runtime_error("QuaZip cannot create an archive");
  for (const ZipEntry& entry : entries) {
    QuaZipFile file(&zip);
    if (!file.open(QIODevice::WriteOnly, QuaZipNewInfo(entry.name)) || file.write(entry.bytes) != entry.bytes.size()) {
      throw std::runtime_error("QuaZip cannot write " + entry.name.toStdString());
    }
    file.close();
  }
  zip.close();
  return buffer.data();
}

QList<ZipEntry> docx_entries(const QString& body_xml) {
  const QString document =
      QStringLiteral(
          R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
          R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
          R"(xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>%1</w:body></w:document>)")
          .arg(body_xml);
  return {
      {"[Content_Types].xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
       R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
       R"(<Default Extension="xml" ContentType="application/xml"/>)"
       R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)"},
      {"_rels/.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)"},
      {"word/document.xml", document.toUtf8()},
  };
}

QList<ZipEntry> odt_entries(const QString& text_xml) {
  const QString content =
      QStringLiteral(R"(<?xml version="1.0" encoding="UTF-8"?>)"
                     R"(<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" )"
                     R"(xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">)"
                     R"(<office:body><office:text>%1</office:text></office:body></office:document-content>)")
          .arg(text_xml);
  return {
      {"mimetype", "application/vnd.oasis.opendocument.text"},
      {"META-INF/manifest.xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">)"
       R"(<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>)"
       R"(<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>)"},
      {"content.xml", content.toUtf8()},
  };
}

QByteArray xhtml_chapter(const QString& title, const QString& body_html) {
  return QStringLiteral(
             R"(<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html>)"
             R"(<html xmlns="http://www.w3.org/1999/xhtml"><head><title>%1</title></head><body>%2</body></html>)")
      .arg(title, body_html)
      .toUtf8();
}

QList<ZipEntry> epub_entries(const QString& manifest_xml, const QString& spine_xml, const QList<ZipEntry>& documents) {
  const QString package =
      QStringLiteral(
          R"(<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">)"
          R"(<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:xun-test</dc:identifier>)"
          R"(<dc:title>Test book</dc:title><dc:language>en</dc:language></metadata>)"
          R"(<manifest>%1</manifest><spine>%2</spine></package>)")
          .arg(manifest_xml, spine_xml);
  QList<ZipEntry> entries = {
      {"mimetype", "application/epub+zip"},
      {"META-INF/container.xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">)"
       R"(<rootfiles><rootfile full-path="OEBPS/book.opf" media-type="application/oebps-package+xml"/></rootfiles></container>)"},
      {"OEBPS/book.opf", package.toUtf8()},
  };
  entries += documents;
  return entries;
}

void set_declared_size(QByteArray& zip, const QString& entry, quint32 size) {
  for (qsizetype at : headers_of(zip, local_header_signature, entry)) put_u32(zip, at + 22, size);
  for (qsizetype at : headers_of(zip, central_header_signature, entry)) put_u32(zip, at + 24, size);
}

void corrupt_entry_data(QByteArray& zip, const QString& entry) {
  const qsizetype header = headers_of(zip, local_header_signature, entry).front();
  const qsizetype data = header + 30 + u16_at(zip, header + 26) + u16_at(zip, header + 28);
  const quint32 compressed = u32_at(zip, header + 18);
  for (qsizetype i = data + compressed / 3; i < data + 2 * compressed / 3; ++i) zip[i] = char(zip[i] ^ 0x5A);
}

}  // namespace xun::test
