// translations/*.ts are complete: every message lupdate found in the sources has a finished
// translation in every language, placeholders (%1, %n) survive translation, and the compiled
// catalogue loads.
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

struct Message {
  QString context;
  QString source;
  QStringList translations;  // one, or one per plural form
  bool unfinished = false;
  bool numerus = false;
};

QList<Message> read_ts(const QString& path, QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    *error = path + ": " + file.errorString();
    return {};
  }
  QList<Message> messages;
  QXmlStreamReader xml(&file);
  QString context;
  Message message;
  while (!xml.atEnd()) {
    xml.readNext();
    if (!xml.isStartElement()) continue;
    const auto name = xml.name();
    if (name == QLatin1String("name")) {
      context = xml.readElementText();
    } else if (name == QLatin1String("message")) {
      message = Message{.context = context};
      message.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
    } else if (name == QLatin1String("source")) {
      message.source = xml.readElementText();
    } else if (name == QLatin1String("translation")) {
      const auto type = xml.attributes().value(QLatin1String("type"));
      message.unfinished = type == QLatin1String("unfinished") || type == QLatin1String("vanished") ||
                           type == QLatin1String("obsolete");
      if (!message.numerus) {
        message.translations << xml.readElementText();
        messages << message;
      }
    } else if (name == QLatin1String("numerusform")) {
      message.translations << xml.readElementText();
      // The last form closes the message; forms are collected as they come.
      if (!messages.isEmpty() && messages.back().source == message.source && messages.back().context == context &&
          messages.back().numerus)
        messages.back().translations = message.translations;
      else
        messages << message;
    }
  }
  if (xml.hasError()) *error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
  return messages;
}

QSet<QString> placeholders(const QString& text) {
  static const QRegularExpression pattern(QStringLiteral("%(L?n|L?\\d+)"));
  QSet<QString> found;
  for (const QRegularExpressionMatch& match : pattern.globalMatch(text)) found.insert(match.captured(0));
  return found;
}

QString ts_path(const QString& language) {
  return QDir(QString::fromLocal8Bit(qgetenv("XUN_TEST_SOURCE_DATA")))
      .filePath(QStringLiteral("../../translations/xun_%1.ts").arg(language));
}

}  // namespace

class TestTranslations : public QObject {
  Q_OBJECT

 private slots:
  void every_message_is_translated_data() {
    QTest::addColumn<QString>("language");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
    QTest::newRow("en") << QStringLiteral("en");
  }

  void every_message_is_translated() {
    QFETCH(QString, language);
    QString error;
    const QList<Message> messages = read_ts(ts_path(language), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(messages.size() > 100, "lupdate found too few messages: run the update_translations target");
    QStringList problems;
    for (const Message& message : messages) {
      const QString where = message.context + QStringLiteral(": \"") + message.source + QLatin1Char('"');
      if (message.unfinished) {
        problems << where + QStringLiteral(" is unfinished");
        continue;
      }
      // English is the source language: its file may leave a message empty (the source is
      // used), except for plural forms, which it must spell out.
      const bool may_be_empty = language == QStringLiteral("en") && !message.numerus;
      for (const QString& translation : message.translations) {
        if (translation.isEmpty()) {
          if (!may_be_empty) problems << where + QStringLiteral(" has an empty translation");
          continue;
        }
        if (placeholders(translation) != placeholders(message.source) &&
            !(message.numerus && placeholders(translation) + QSet<QString>{QStringLiteral("%n")} ==
                                     placeholders(message.source) + QSet<QString>{QStringLiteral("%n")}))
          problems << where + QStringLiteral(" changes its placeholders: ") + translation;
      }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
  }

  void the_chinese_catalogue_is_built_into_the_application() {
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/xun_zh_CN.qm")));
    QCOMPARE(translator.translate("xun::gui::MainWindow", "Search"), QStringLiteral("搜索"));
  }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
