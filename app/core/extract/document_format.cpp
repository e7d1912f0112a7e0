// Which reader handles a file, by its name. One table, so that the scanner and the extractor
// always agree on what is indexable.
#include <QFileInfo>
#include <QHash>

#include "extract/extract.h"

namespace xun::core {
namespace {

const QHash<QString, QString>& formats_by_extension() {
  static const QHash<QString, QString> table = [] {
    QHash<QString, QString> formats;
    const auto add = [&formats](const QString& format, std::initializer_list<const char*> extensions) {
      for (const char* extension : extensions) formats.insert(QString::fromLatin1(extension), format);
    };
    add(QStringLiteral("text"), {"txt", "text", "rst", "org", "adoc", "asciidoc", "tex", "csv", "tsv"});
    add(QStringLiteral("markdown"), {"md", "markdown", "mdown", "mkd", "mkdn", "mdx"});
    add(QStringLiteral("code"),
        {"c",   "h",    "cpp",   "hpp",  "cc",   "hh",     "cxx",   "hxx",  "ipp",    "inl",    "m",     "mm",
         "py",  "pyi",  "js",    "mjs",  "cjs",  "jsx",    "ts",    "tsx",  "java",   "go",     "rs",    "rb",
         "php", "cs",   "swift", "kt",   "kts",  "scala",  "sh",    "bash", "zsh",    "fish",   "ps1",   "bat",
         "sql", "json", "jsonc", "yaml", "yml",  "toml",   "ini",   "cfg",  "conf",   "xml",    "xsd",   "xsl",
         "css", "scss", "sass",  "less", "lua",  "r",      "pl",    "pm",   "hs",     "elm",    "erl",   "ex",
         "exs", "clj",  "cljs",  "dart", "vue",  "svelte", "cmake", "mk",   "gradle", "groovy", "proto", "graphql",
         "tf",  "nix",  "vim",   "el",   "lisp", "scm",    "ml",    "mli",  "fs",     "jl",     "zig",   "nim",
         "f90", "asm",  "glsl",  "comp", "vert", "frag",   "hlsl",  "wgsl", "cu",     "ipynb"});
    add(QStringLiteral("html"), {"html", "htm", "xhtml"});
    add(QStringLiteral("pdf"), {"pdf"});
    add(QStringLiteral("docx"), {"docx"});
    add(QStringLiteral("odt"), {"odt"});
    add(QStringLiteral("epub"), {"epub"});
    return formats;
  }();
  return table;
}

// Names without a telling extension that are text all the same.
const QHash<QString, QString>& formats_by_name() {
  static const QHash<QString, QString> table = {
      {QStringLiteral("README"), QStringLiteral("text")},    {QStringLiteral("LICENSE"), QStringLiteral("text")},
      {QStringLiteral("COPYING"), QStringLiteral("text")},   {QStringLiteral("AUTHORS"), QStringLiteral("text")},
      {QStringLiteral("CHANGELOG"), QStringLiteral("text")}, {QStringLiteral("NOTICE"), QStringLiteral("text")},
      {QStringLiteral("Makefile"), QStringLiteral("code")},  {QStringLiteral("Dockerfile"), QStringLiteral("code")},
      {QStringLiteral("Rakefile"), QStringLiteral("code")},  {QStringLiteral("Gemfile"), QStringLiteral("code")},
  };
  return table;
}

}  // namespace

QString document_format(const QString& path) {
  const QFileInfo info(path);
  const QString name = info.fileName();
  if (const auto by_name = formats_by_name().constFind(name); by_name != formats_by_name().cend()) {
    return by_name.value();
  }
  const QString suffix = info.suffix().toLower();
  if (suffix.isEmpty()) return {};
  return formats_by_extension().value(suffix);
}

bool is_indexable(const QString& path) { return !document_format(path).isEmpty(); }

bool is_text_format(const QString& format) {
  return format == u"text" || format == u"markdown" || format == u"code" || format == u"html";
}

}  // namespace xun::core
