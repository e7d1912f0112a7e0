#include "services/localization.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

namespace xun::gui {

Localization::~Localization() { remove(); }

QStringList Localization::available() { return {QStringLiteral("en"), QStringLiteral("zh_CN")}; }

void Localization::remove() {
  if (app_) QCoreApplication::removeTranslator(app_.get());
  if (qt_) QCoreApplication::removeTranslator(qt_.get());
  app_.reset();
  qt_.reset();
}

QString Localization::apply(const QString& language) {
  const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
  remove();
  auto app = std::make_unique<QTranslator>();
  // A language without a catalogue (a system set to "C" or to German) reads English, from the
  // English catalogue: the sources say "%n file(s)", only it has the plural forms.
  const bool translated = app->load(locale, QStringLiteral("xun"), QStringLiteral("_"), QStringLiteral(":/i18n"));
  if (translated || app->load(QStringLiteral(":/i18n/xun_en.qm"))) {
    QCoreApplication::installTranslator(app.get());
    app_ = std::move(app);
  }
  auto qt = std::make_unique<QTranslator>();
  if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QCoreApplication::installTranslator(qt.get());
    qt_ = std::move(qt);
  }
  QLocale::setDefault(locale);
  current_ = translated ? locale.name() : QStringLiteral("en");
  if (!app_ && !qt_) {
    // Nothing installed, but the language did change (back to English): widgets must hear it.
    QEvent event(QEvent::LanguageChange);
    QCoreApplication::sendEvent(QCoreApplication::instance(), &event);
  }
  return current_;
}

}  // namespace xun::gui
