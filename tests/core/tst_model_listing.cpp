// The pieces of a download that need no network: the catalog, the URLs of both sites, the
// checks on repository ids and paths, the checksums (against digests git and sha256sum give),
// and a listing turned into files.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include "models/content_hash.h"
#include "models/model_catalog.h"
#include "models/repo_listing.h"

using namespace xun::core;

Q_DECLARE_METATYPE(xun::core::ModelSite)

class ModelListingTest : public QObject {
  Q_OBJECT

 private slots:
  void catalog_is_consistent() {
    QSet<QString> ids;
    for (const CatalogEntry& entry : model_catalog()) {
      const QString id = entry.id;
      QVERIFY2(!ids.contains(id), qPrintable(id + " twice"));
      ids.insert(id);
      QVERIFY2(check_repo_id(entry.repo).has_value(), qPrintable(id));
      QVERIFY2(id.startsWith(entry.kind == xun::ModelKind::reranker ? "Qwen3-Reranker-" : "Qwen3-Embedding-"),
               qPrintable(id));
      QVERIFY2(id.contains("-" + QString(entry.size_label)), qPrintable(id));
      QVERIFY2(entry.approximate_bytes > 500'000'000, qPrintable(id));
      QCOMPARE(find_catalog_entry(id), &entry);
      if (QString(entry.format) == "gguf") {
        QVERIFY2(QString(entry.repo).endsWith("-GGUF") && QString(entry.file).endsWith(".gguf"), qPrintable(id));
        QVERIFY2(check_repo_path(entry.file).has_value(), qPrintable(id));
      } else {
        QCOMPARE(QString(entry.format), QString("safetensors"));
        QVERIFY2(QString(entry.file).isEmpty(), qPrintable(id));
      }
    }
    for (const char* id : {"Qwen3-Embedding-0.6B", "Qwen3-Embedding-4B", "Qwen3-Embedding-8B", "Qwen3-Reranker-0.6B",
                           "Qwen3-Reranker-4B", "Qwen3-Reranker-8B", "Qwen3-Embedding-0.6B-Q8_0"})
      QVERIFY2(ids.contains(id), id);
    const CatalogEntry* q8 = find_catalog_entry(u"Qwen3-Embedding-0.6B-Q8_0");
    QVERIFY(q8);
    QCOMPARE(QString(q8->repo), QString("Qwen/Qwen3-Embedding-0.6B-GGUF"));
    QCOMPARE(QString(q8->file), QString("Qwen3-Embedding-0.6B-Q8_0.gguf"));
    QVERIFY(!find_catalog_entry(u"Qwen3-Embedding-1B"));

    const DownloadRequest request = download_request(*q8, ModelSite::modelscope, "/models/q8");
    QCOMPARE(request.site, ModelSite::modelscope);
    QCOMPARE(request.repo, QString("Qwen/Qwen3-Embedding-0.6B-GGUF"));
    QCOMPARE(request.file, QString("Qwen3-Embedding-0.6B-Q8_0.gguf"));
    QCOMPARE(request.destination, QString("/models/q8"));
    QVERIFY(request.base_url.isEmpty());  // the site's own, chosen when the download starts
  }

  void default_addresses() {
    const QByteArray saved = qgetenv("HF_ENDPOINT");
    qunsetenv("HF_ENDPOINT");
    QCOMPARE(default_base_url(ModelSite::hugging_face), QUrl("https://huggingface.co"));
    QCOMPARE(default_base_url(ModelSite::modelscope), QUrl("https://modelscope.cn"));
    qputenv("HF_ENDPOINT", "https://hf-mirror.com");  // huggingface_hub's setting for a mirror
    QCOMPARE(default_base_url(ModelSite::hugging_face), QUrl("https://hf-mirror.com"));
    if (saved.isEmpty()) qunsetenv("HF_ENDPOINT");
    else qputenv("HF_ENDPOINT", saved);
  }

  void urls_data() {
    QTest::addColumn<ModelSite>("site");
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("listing");
    QTest::addColumn<QString>("file");  // of "sub dir/a+b.json"
    QTest::newRow("Hugging Face") << ModelSite::hugging_face << "https://huggingface.co"
        << "https://huggingface.co/api/models/Qwen/Qwen3-Embedding-0.6B/tree/main?recursive=true"
        << "https://huggingface.co/Qwen/Qwen3-Embedding-0.6B/resolve/main/sub%20dir/a%2Bb.json";
    QTest::newRow("mirror with a path and a trailing slash") << ModelSite::hugging_face << "https://mirror.example/hf/"
        << "https://mirror.example/hf/api/models/Qwen/Qwen3-Embedding-0.6B/tree/main?recursive=true"
        << "https://mirror.example/hf/Qwen/Qwen3-Embedding-0.6B/resolve/main/sub%20dir/a%2Bb.json";
    QTest::newRow("ModelScope") << ModelSite::modelscope << "https://modelscope.cn"
        << "https://modelscope.cn/api/v1/models/Qwen/Qwen3-Embedding-0.6B/repo/files?Revision=master&Recursive=true"
        << "https://modelscope.cn/api/v1/models/Qwen/Qwen3-Embedding-0.6B/repo?Revision=master&FilePath=sub%20dir/a%2Bb.json";
  }

  void urls() {
    QFETCH(ModelSite, site);
    QFETCH(QString, base);
    QFETCH(QString, listing);
    QFETCH(QString, file);
    const QString repo = "Qwen/Qwen3-Embedding-0.6B";
    QCOMPARE(QString::fromLatin1(listing_url(site, QUrl(base), repo).toEncoded()), listing);
    QCOMPARE(QString::fromLatin1(file_url(site, QUrl(base), repo, "sub dir/a+b.json").toEncoded()), file);
  }

  void repo_paths_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("problem");  // empty: accepted
    QTest::newRow("plain") << "model.safetensors" << "";
    QTest::newRow("nested") << "1_Pooling/config.json" << "";
    QTest::newRow("dots in names") << "a..b/.gitattributes" << "";
    QTest::newRow("unicode") << "说明/README.md" << "";
    QTest::newRow("empty") << "" << "empty";
    QTest::newRow("parent") << ".." << "\"..\" segment";
    QTest::newRow("parent inside") << "a/../../b" << "\"..\" segment";
    QTest::newRow("trailing parent") << "a/.." << "\"..\" segment";
    QTest::newRow("absolute") << "/etc/passwd" << "absolute";
    QTest::newRow("backslash") << "..\\evil" << "backslash";
    QTest::newRow("drive letter") << "C:evil" << "drive letter";
    QTest::newRow("empty segment") << "a//b" << "empty or \".\" segment";
    QTest::newRow("dot segment") << "./a" << "empty or \".\" segment";
    QTest::newRow("trailing slash") << "a/" << "empty or \".\" segment";
    QTest::newRow("newline") << "a\nb" << "control character";
  }

  void repo_paths() {
    QFETCH(QString, path);
    QFETCH(QString, problem);
    const auto checked = check_repo_path(path);
    if (problem.isEmpty()) QVERIFY2(checked.has_value(), checked ? "" : checked.error().message.c_str());
    else QVERIFY2(!checked && QString::fromStdString(checked.error().message).contains(problem),
                  checked ? "accepted" : checked.error().message.c_str());
  }

  void repo_ids_data() {
    QTest::addColumn<QString>("repo");
    QTest::addColumn<bool>("valid");
    QTest::newRow("Qwen") << "Qwen/Qwen3-Embedding-0.6B" << true;
    QTest::newRow("underscores") << "ggml-org/Qwen3_Reranker.v2" << true;
    QTest::newRow("no organisation") << "Qwen3-Embedding-0.6B" << false;
    QTest::newRow("three parts") << "a/b/c" << false;
    QTest::newRow("dot dot") << "../x" << false;
    QTest::newRow("query") << "a/b?x=1" << false;
    QTest::newRow("space") << "a/b c" << false;
  }

  void repo_ids() {
    QFETCH(QString, repo);
    QFETCH(bool, valid);
    QCOMPARE(check_repo_id(repo).has_value(), valid);
  }

  void checksums_match_reference_tools_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("digest");
    // `printf 'hello\n' | git hash-object --stdin`, and `sha256sum` of the same bytes.
    QTest::newRow("git blob id") << int(ChecksumKind::git_blob_sha1) << QByteArray("hello\n")
                                 << QByteArray("ce013625030ba8dba906f756967f9e9ca394464a");
    QTest::newRow("git blob id, empty file") << int(ChecksumKind::git_blob_sha1) << QByteArray()
                                             << QByteArray("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    QTest::newRow("sha256") << int(ChecksumKind::sha256) << QByteArray("hello\n")
                            << QByteArray("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
    QTest::newRow("none") << int(ChecksumKind::none) << QByteArray("anything") << QByteArray();
  }

  void checksums_match_reference_tools() {
    QFETCH(int, kind);
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, digest);
    ContentHasher hasher(ChecksumKind(kind), content.size());
    hasher.add("stale bytes");
    hasher.reset();  // as when a server ignores Range and the file starts over
    for (qsizetype i = 0; i < content.size(); i += 2) hasher.add(QByteArrayView(content).sliced(i, std::min<qsizetype>(2, content.size() - i)));
    QCOMPARE(hasher.hex_digest(), digest);
  }

  void listing_becomes_files() {
    const QUrl base("http://127.0.0.1:1");
    const QByteArray sha256(64, 'A');
    // (Built with QJson rather than raw string literals, which moc cannot read across lines.)
    const QJsonArray hugging_face{
        QJsonObject{{"type", "directory"}, {"path", "1_Pooling"}, {"size", 0}, {"oid", QString(40, '0')}},
        QJsonObject{{"type", "file"}, {"path", "1_Pooling/config.json"}, {"size", 12},
                    {"oid", "CE013625030BA8DBA906F756967F9E9CA394464A"}},
        QJsonObject{{"type", "file"}, {"path", "model.safetensors"}, {"size", 1191586416}, {"oid", QString(40, '1')},
                    {"lfs", QJsonObject{{"oid", QString(sha256)}, {"size", 1191586416}, {"pointerSize", 135}}},
                    {"xetHash", "ignored"}}};
    const QByteArray json = QJsonDocument(hugging_face).toJson();
    const QUrl url = listing_url(ModelSite::hugging_face, base, "Qwen/X");
    const auto page = parse_listing(ModelSite::hugging_face, base, "Qwen/X", url, json,
                                    "<http://127.0.0.1:1/api/models/Qwen/X/tree/main?recursive=true&cursor=abc>; rel=\"next\"");
    QVERIFY2(page, page ? "" : page.error().message.c_str());
    QCOMPARE(page->files.size(), 2);
    const RemoteFile& small = page->files[0];
    QCOMPARE(small.path, QString("1_Pooling/config.json"));
    QCOMPARE(small.size, 12);
    QCOMPARE(int(small.checksum), int(ChecksumKind::git_blob_sha1));
    QCOMPARE(small.expected, QByteArray("ce013625030ba8dba906f756967f9e9ca394464a"));
    QCOMPARE(small.url, file_url(ModelSite::hugging_face, base, "Qwen/X", "1_Pooling/config.json"));
    const RemoteFile& large = page->files[1];
    QCOMPARE(large.size, 1191586416);
    QCOMPARE(int(large.checksum), int(ChecksumKind::sha256));
    QCOMPARE(large.expected, sha256.toLower());
    QCOMPARE(page->next_page.toString(), QString("http://127.0.0.1:1/api/models/Qwen/X/tree/main?recursive=true&cursor=abc"));

    const QJsonArray files{
        QJsonObject{{"Type", "tree"}, {"Path", "1_Pooling"}, {"Name", "1_Pooling"}, {"Size", 0}},
        QJsonObject{{"Type", "blob"}, {"Path", "README.md"}, {"Name", "README.md"}, {"Size", 5}, {"Sha256", ""}},
        QJsonObject{{"Type", "blob"}, {"Path", "model.safetensors"}, {"Name", "model.safetensors"}, {"Size", 7},
                    {"Sha256", QString(sha256)}}};
    const QByteArray modelscope = QJsonDocument(QJsonObject{
        {"Code", 200}, {"Success", true}, {"Data", QJsonObject{{"Files", files}}}}).toJson();
    const auto scoped = parse_listing(ModelSite::modelscope, base, "Qwen/X", url, modelscope);
    QVERIFY2(scoped, scoped ? "" : scoped.error().message.c_str());
    QCOMPARE(scoped->files.size(), 2);
    QCOMPARE(int(scoped->files[0].checksum), int(ChecksumKind::none));  // listed without a hash
    QCOMPARE(int(scoped->files[1].checksum), int(ChecksumKind::sha256));
    QVERIFY(scoped->next_page.isEmpty());
  }
};

QTEST_GUILESS_MAIN(ModelListingTest)
#include "tst_model_listing.moc"
