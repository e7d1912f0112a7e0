// PDF through poppler-qt6: one PageStart per page (1-based), pages separated by a blank line.
#include <poppler-qt6.h>

#include <QFile>
#include <mutex>

#include "extract/file_bytes.h"
#include "extract/format_readers.h"
#include "scan/fs_path.h"

namespace xun::core {
namespace {

// Poppler reports syntax problems through one global callback (by default to stderr). Ours
// collects them for the document being read on this thread, so that they can explain a failure.
thread_local QStringList* poppler_messages = nullptr;

void collect_poppler_message(const QString& message, const QVariant&) {
  constexpr qsizetype kept = 5;  // a damaged file can produce thousands; the first few tell enough
  if (poppler_messages && poppler_messages->size() < kept) poppler_messages->append(message.trimmed());
}

class PopplerMessageScope {
 public:
  explicit PopplerMessageScope(QStringList& messages) {
    static std::once_flag installed;
    std::call_once(installed, [] { Poppler::setDebugErrorFunction(collect_poppler_message, QVariant()); });
    poppler_messages = &messages;
  }
  ~PopplerMessageScope() { poppler_messages = nullptr; }
  PopplerMessageScope(const PopplerMessageScope&) = delete;
  PopplerMessageScope& operator=(const PopplerMessageScope&) = delete;
};

bool has_pdf_header(QFile& file) {
  // The PDF specification allows the header anywhere in the first 1024 bytes.
  return file.seek(0) && file.read(1024).contains("%PDF-");
}

std::string load_failure(QFile& file, const QStringList& messages) {
  if (!has_pdf_header(file)) return "not a PDF file (no %PDF- header)";
  std::string message = "damaged PDF that cannot be read";
  if (!messages.isEmpty()) message += " (" + messages.front().toStdString() + ")";
  return message;
}

}  // namespace

Result<ExtractedDocument> read_pdf(const QString& path, const ExtractOptions& options) {
  if (auto size = check_file_size(path, options.max_file_bytes); !size) return std::unexpected(size.error());
  QStringList messages;
  const PopplerMessageScope scope(messages);
  // Poppler reads through the opened file: its own load(QString) would re-encode the name lossily.
  QFile file;
  if (QString reason; !open_read_only(file, path, reason)) return fail(("cannot open: " + reason).toStdString());
  const std::unique_ptr<Poppler::Document> pdf = Poppler::Document::load(&file);
  if (!pdf) return fail(load_failure(file, messages));
  if (pdf->isLocked()) return fail("encrypted PDF: it needs a password to open, so its text cannot be read");
  const int page_count = pdf->numPages();
  if (page_count <= 0) return fail("damaged PDF: it has no pages");

  ExtractedDocument document{.format = QStringLiteral("pdf")};
  for (int index = 0; index < page_count; ++index) {
    if (document.text.size() > options.max_text_chars) {  // the pages left would be cut anyway
      document.truncated = true;
      break;
    }
    if (index > 0) document.text += QStringLiteral("\n\n");
    document.pages.append({index + 1, document.text.size()});
    const std::unique_ptr<Poppler::Page> page = pdf->page(index);
    if (!page) {
      document.warnings << QStringLiteral("page %1 cannot be read; it is left empty").arg(index + 1);
      continue;
    }
    QString text = page->text(QRectF());
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    while (text.endsWith(u'\n') || text.endsWith(u' ')) text.chop(1);
    document.text += text;
  }
  if (document.text.trimmed().isEmpty()) {
    document.warnings
        << QStringLiteral("no text layer on any of its %1 pages (scanned images?); nothing to index").arg(page_count);
  }
  for (const QString& message : std::as_const(messages)) document.warnings << "PDF syntax: " + message;
  return document;
}

}  // namespace xun::core
