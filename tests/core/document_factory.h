// Real documents made inside the tests: ZIP containers written with QuaZip (DOCX, ODT, EPUB
// from minimal valid XML), and the byte surgery that damages them in known ways.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace xun::test {

struct ZipEntry {
  QString name;
  QByteArray bytes;
};

// A ZIP archive holding `entries` (deflated), as bytes.
QByteArray zip_bytes(const QList<ZipEntry>& entries);

// A DOCX whose word/document.xml has `body_xml` inside <w:body> (w: and mc: declared).
QList<ZipEntry> docx_entries(const QString& body_xml);
// An ODT whose content.xml has `text_xml` inside <office:text> (office: and text: declared).
QList<ZipEntry> odt_entries(const QString& text_xml);
// An EPUB 3 book: OEBPS/book.opf with `manifest_xml` and `spine_xml`, plus `documents`.
QList<ZipEntry> epub_entries(const QString& manifest_xml, const QString& spine_xml, const QList<ZipEntry>& documents);
// A minimal XHTML chapter whose <body> holds `body_html`.
QByteArray xhtml_chapter(const QString& title, const QString& body_html);

// Rewrites the uncompressed size that the local and central headers declare for `entry`.
void set_declared_size(QByteArray& zip, const QString& entry, quint32 size);
// Flips bits in the middle of `entry`'s compressed data.
void corrupt_entry_data(QByteArray& zip, const QString& entry);

}  // namespace xun::test
