// Reading entries of a ZIP container (DOCX, ODT, EPUB) without trusting it: the entry count and
// every entry's declared size are checked before anything is unpacked, and reading stops at the
// limit even when an entry's header lies about its size (ZIP bombs).
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <functional>
#include <memory>

#include "extract/extract.h"

class QFile;
class QuaZip;

namespace xun::core {

class ZipArchive {
 public:
  // Opens the archive and lists its entries. Fails on a file that is not a ZIP, is truncated, or
  // has more entries than options.max_archive_entries.
  static Result<ZipArchive> open(const QString& path, const ExtractOptions& options);

  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  bool contains(const QString& name) const { return entries_.contains(name); }

  // The entry's bytes. Everything read from one archive counts against
  // options.max_unpacked_bytes; an entry that would pass it is refused before it is unpacked.
  // Errors name the entry ("word/document.xml: damaged (CRC mismatch)").
  Result<QByteArray> read(const QString& name);

  // The same, a piece (up to 1 MiB) at a time: `consume` returns false to stop early, and then
  // the rest is never unpacked (a reader that has all the text it may keep).
  Result<void> read_in_pieces(const QString& name, const std::function<bool(QByteArrayView piece)>& consume);

 private:
  struct Entry {
    qint64 unpacked_size = 0;  // as the central directory declares it
    bool encrypted = false;
    quint16 method = 0;  // 0 stored, 8 deflated; nothing else is supported
  };
  ZipArchive() = default;

  std::unique_ptr<QFile> file_;  // opened by its bytes (scan/fs_path.h); outlives zip_, which reads it
  std::unique_ptr<QuaZip> zip_;
  QHash<QString, Entry> entries_;
  qint64 unpacked_budget_ = 0;  // bytes that may still be unpacked
};

}  // namespace xun::core
