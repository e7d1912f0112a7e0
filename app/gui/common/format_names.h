// Document formats (ExtractedDocument::format values) as people call them.
#pragma once

#include <QCoreApplication>
#include <QString>

namespace xun::gui {

class FormatNames {
  Q_DECLARE_TR_FUNCTIONS(xun::gui::FormatNames)

 public:
  // "pdf" -> "PDF", "markdown" -> "Markdown"; an unknown format as it is.
  static QString display(const QString& format);
};

}  // namespace xun::gui
