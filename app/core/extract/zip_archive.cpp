#include "extract/zip_archive.h"

#include <algorithm>

#include <QFile>
#include <quazip.h>
#include <quazipfile.h>
#include <quazipfileinfo.h>
#include <unzip.h>

#include "extract/file_bytes.h"
#include "scan/fs_path.h"

namespace xun::core {
namespace {

std::string entry_error(const QString& name, const QString& problem) { return (name + ": " + problem).toStdString(); }

}  // namespace

ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

Result<ZipArchive> ZipArchive::open(const QString& path, const ExtractOptions& options) {
  if (auto size = check_file_size(path, options.max_file_bytes); !size) return std::unexpected(size.error());
  ZipArchive archive;
  archive.file_ = std::make_unique<QFile>();
  if (QString reason; !open_read_only(*archive.file_, path, reason)) return fail(("cannot open: " + reason).toStdString());
  archive.zip_ = std::make_unique<QuaZip>(archive.file_.get());
  // OPC (DOCX) and OCF (ODT, EPUB) name entries in UTF-8, whether or not an archive sets the
  // ZIP "language encoding" flag; QuaZip would otherwise read unflagged names as CP437.
  archive.zip_->setFileNameCodec("UTF-8");
  if (!archive.zip_->open(QuaZip::mdUnzip)) {
    return fail(QStringLiteral("not a ZIP container, or truncated or damaged (unzip error %1)")
                    .arg(archive.zip_->getZipError())
                    .toStdString());
  }
  const int count = archive.zip_->getEntriesCount();
  if (count > options.max_archive_entries) {
    return fail(QStringLiteral("%1 entries in the ZIP container, over the limit of %2")
                    .arg(count)
                    .arg(options.max_archive_entries)
                    .toStdString());
  }
  QuaZipFileInfo64 info;
  for (bool more = archive.zip_->goToFirstFile(); more; more = archive.zip_->goToNextFile()) {
    if (!archive.zip_->getCurrentFileInfo(&info)) break;
    archive.entries_.insert(info.name, Entry{.unpacked_size = static_cast<qint64>(info.uncompressedSize),
                                             .encrypted = (info.flags & 1) != 0,
                                             .method = info.method});
  }
  if (archive.zip_->getZipError() != UNZ_OK) {
    return fail(
        QStringLiteral("damaged ZIP directory (unzip error %1)").arg(archive.zip_->getZipError()).toStdString());
  }
  archive.unpacked_budget_ = options.max_unpacked_bytes;
  return archive;
}

Result<QByteArray> ZipArchive::read(const QString& name) {
  QByteArray bytes;
  auto read = read_in_pieces(name, [&](QByteArrayView piece) {
    bytes.append(piece);
    return true;
  });
  if (!read) return std::unexpected(read.error());
  return bytes;
}

Result<void> ZipArchive::read_in_pieces(const QString& name, const std::function<bool(QByteArrayView piece)>& consume) {
  const auto entry = entries_.constFind(name);
  if (entry == entries_.cend()) return fail(entry_error(name, QStringLiteral("missing from the ZIP container")));
  if (entry->encrypted) return fail(entry_error(name, QStringLiteral("encrypted with a password")));
  if (entry->method != 0 && entry->method != Z_DEFLATED) {
    return fail(entry_error(name, QStringLiteral("compressed with unsupported method %1").arg(entry->method)));
  }
  if (entry->unpacked_size > unpacked_budget_) {
    return fail(entry_error(name, QStringLiteral("unpacks to %1, over the limit of %2 left for this file (a ZIP bomb?)")
                                      .arg(human_size(entry->unpacked_size), human_size(unpacked_budget_))));
  }
  if (!zip_->setCurrentFile(name, QuaZip::csSensitive)) {
    return fail(entry_error(name, QStringLiteral("cannot be found (unzip error %1)").arg(zip_->getZipError())));
  }
  QuaZipFile file(zip_.get());
  if (!file.open(QIODevice::ReadOnly)) {
    return fail(entry_error(name, QStringLiteral("cannot be unpacked (unzip error %1)").arg(file.getZipError())));
  }
  constexpr qint64 piece_bytes = 1 << 20;
  qint64 unpacked = 0;
  bool stopped = false;
  int read_error = UNZ_OK;
  // Read up to one byte more than declared: an entry that unpacks to more than its header says
  // is a lie (or a bomb) and is refused without unpacking the rest.
  while (unpacked <= entry->unpacked_size) {
    const QByteArray piece = file.read(std::min(piece_bytes, entry->unpacked_size + 1 - unpacked));
    read_error = file.getZipError();
    if (read_error != UNZ_OK || piece.isEmpty()) break;
    unpacked += piece.size();
    if (unpacked > entry->unpacked_size) break;
    if (!consume(piece)) {
      stopped = true;
      break;
    }
  }
  file.close();
  unpacked_budget_ -= std::min(unpacked, entry->unpacked_size);
  if (read_error != UNZ_OK)
    return fail(entry_error(name, QStringLiteral("damaged data (unzip error %1)").arg(read_error)));
  if (stopped) return {};
  if (file.getZipError() == UNZ_CRCERROR) return fail(entry_error(name, QStringLiteral("damaged data (CRC mismatch)")));
  if (unpacked != entry->unpacked_size) {
    return fail(entry_error(
        name, QStringLiteral("unpacks to %1 bytes, not the %2 its header declares")
                  .arg(unpacked > entry->unpacked_size ? QStringLiteral("more") : QString::number(unpacked))
                  .arg(entry->unpacked_size)));
  }
  return {};
}

}  // namespace xun::core
