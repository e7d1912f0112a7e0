// Which language the user interface speaks: the application's own translations (built from
// translations/*.ts into the resources) and Qt's for its standard dialogs. Installing a
// translator sends every widget a QEvent::LanguageChange, which pages answer with retranslate().
#pragma once

#include <memory>

#include <QString>
#include <QTranslator>

namespace xun::gui {

class Localization {
 public:
  Localization() = default;
  ~Localization();

  // `language`: a locale name ("zh_CN", "en") or "" for the system's. English is the source
  // language, so it needs no file; any other language without one falls back to English.
  // Returns the locale name applied.
  QString apply(const QString& language);
  QString current() const { return current_; }

  // The languages the application has translations for, as locale names.
  static QStringList available();

 private:
  void remove();

  std::unique_ptr<QTranslator> app_;
  std::unique_ptr<QTranslator> qt_;
  QString current_;
};

}  // namespace xun::gui
