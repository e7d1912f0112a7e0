#include "common/format_names.h"

namespace xun::gui {

QString FormatNames::display(const QString& format) {
  if (format == u"text") return tr("Text");
  if (format == u"markdown") return tr("Markdown");
  if (format == u"code") return tr("Source code");
  if (format == u"html") return tr("HTML");
  if (format == u"pdf") return tr("PDF");
  if (format == u"docx") return tr("Word (DOCX)");
  if (format == u"odt") return tr("OpenDocument (ODT)");
  if (format == u"epub") return tr("EPUB");
  return format;
}

}  // namespace xun::gui
