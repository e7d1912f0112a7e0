// EPUB: META-INF/container.xml names the package (OPF); its spine gives the reading order of
// the XHTML documents, whose visible text is taken with the HTML reader (chapters are often not
// well-formed XML) and joined with blank lines.
#include <QDir>
#include <QHash>
#include <QUrl>
#include <QXmlStreamReader>

#include "extract/format_readers.h"
#include "extract/html_text.h"
#include "extract/xml_errors.h"
#include "extract/zip_archive.h"

namespace xun::core {
namespace {

const QString container_entry = QStringLiteral("META-INF/container.xml");

struct ManifestItem {
  QString href;  // resolved to an entry name of the archive
  QString media_type;
};

struct Package {
  QHash<QString, ManifestItem> manifest;  // by id
  QStringList spine;                      // manifest ids in reading order
};

Result<QString> package_path(ZipArchive& zip) {
  if (!zip.contains(container_entry)) return fail("not an EPUB book: " + container_entry.toStdString() + " is missing");
  const auto xml = zip.read(container_entry);
  if (!xml) return std::unexpected(xml.error());
  QXmlStreamReader reader(*xml);
  while (!reader.atEnd()) {
    if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == u"rootfile") {
      const QString path = reader.attributes().value(QLatin1StringView("full-path")).toString();
      if (!path.isEmpty()) return path;
    }
  }
  if (reader.hasError()) return fail(xml_error(container_entry, reader));
  return fail(container_entry.toStdString() + ": names no package document (rootfile)");
}

// `href` (relative to the package document, percent-encoded, maybe with a #fragment) as an
// archive entry name; empty when it points outside the archive.
QString resolve_href(const QString& package, const QString& href) {
  QString relative = QUrl::fromPercentEncoding(href.section(u'#', 0, 0).toUtf8());
  const qsizetype slash = package.lastIndexOf(u'/');
  const QString resolved = QDir::cleanPath(package.left(slash + 1) + relative);
  if (resolved.startsWith(QStringLiteral("../")) || resolved == u".." || resolved.startsWith(u'/')) return {};
  return resolved;
}

Result<Package> read_package(ZipArchive& zip, const QString& entry) {
  const auto xml = zip.read(entry);
  if (!xml) return std::unexpected(xml.error());
  Package package;
  QXmlStreamReader reader(*xml);
  while (!reader.atEnd()) {
    if (reader.readNext() != QXmlStreamReader::StartElement) continue;
    const QXmlStreamAttributes attributes = reader.attributes();
    if (reader.name() == u"item") {
      package.manifest.insert(attributes.value(QLatin1StringView("id")).toString(),
                              ManifestItem{resolve_href(entry, attributes.value(QLatin1StringView("href")).toString()),
                                           attributes.value(QLatin1StringView("media-type")).toString()});
    } else if (reader.name() == u"itemref") {
      package.spine.append(attributes.value(QLatin1StringView("idref")).toString());
    }
  }
  if (reader.hasError()) return fail(xml_error(entry, reader));
  if (package.spine.isEmpty()) return fail(entry.toStdString() + ": the spine lists no documents");
  return package;
}

bool is_html_media_type(const QString& media_type) {
  return media_type == u"application/xhtml+xml" || media_type == u"text/html";
}

}  // namespace

Result<ExtractedDocument> read_epub(const QString& path, const ExtractOptions& options) {
  auto zip = ZipArchive::open(path, options);
  if (!zip) return std::unexpected(zip.error());
  const auto package_entry = package_path(*zip);
  if (!package_entry) return std::unexpected(package_entry.error());
  const auto package = read_package(*zip, *package_entry);
  if (!package) return std::unexpected(package.error());

  ExtractedDocument document{.format = QStringLiteral("epub")};
  for (const QString& id : package->spine) {
    const auto item = package->manifest.constFind(id);
    if (item == package->manifest.cend() || item->href.isEmpty()) {
      document.warnings << QStringLiteral("spine item '%1' has no document in the archive; skipped").arg(id);
      continue;
    }
    if (!is_html_media_type(item->media_type)) continue;  // e.g. an SVG cover page: no text
    if (!zip->contains(item->href)) {
      document.warnings << QStringLiteral("%1: listed in the spine but missing; skipped").arg(item->href);
      continue;
    }
    const auto bytes = zip->read(item->href);
    if (!bytes) return std::unexpected(bytes.error());  // damaged data or over the limit: stop
    QStringList warnings;
    auto text = html_bytes_to_text(*bytes, warnings);
    for (const QString& warning : std::as_const(warnings)) document.warnings << item->href + ": " + warning;
    if (!text) return fail(item->href.toStdString() + ": " + text.error().message);
    if (text->isEmpty()) continue;
    if (!document.text.isEmpty()) document.text += u'\n';  // a blank line between documents
    document.text += *text;
  }
  return document;
}

}  // namespace xun::core
