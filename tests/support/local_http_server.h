// A small HTTP/1.1 server for download tests: serves in-memory files on 127.0.0.1 (a port the
// OS picks), answers Range requests with 206 and Content-Range, misbehaves on request the way
// real networks and mirrors do, and records what it was asked so that a test can check that a
// download really resumed. One request per connection (it answers "Connection: close").
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QUrl>

namespace xun::test {

class LocalHttpServer final : public QObject {
  Q_OBJECT

 public:
  using Headers = QList<QPair<QByteArray, QByteArray>>;

  // How to misbehave for one target. The defaults serve the file faithfully.
  struct Behaviour {
    qint64 cut_after = -1;        // close the connection after this many body bytes of a reply
    qint64 stall_after = -1;      // send this many body bytes, then nothing until the client leaves
    bool every_time = false;      // cut or stall every reply, not only the first one
    bool corrupt = false;         // one byte in the middle of the file is served flipped
    int status = 0;               // answer this status (e.g. 404, 503) with a short text instead
    bool ignore_range = false;    // answer a Range request with 200 and the whole file
  };

  explicit LocalHttpServer(QObject* parent = nullptr);

  bool listen();
  QUrl base_url() const;  // http://127.0.0.1:PORT

  // `target` is the request target after percent-decoding: path and query, e.g.
  // "/api/v1/models/Qwen/X/repo?Revision=master&FilePath=config.json". Unknown targets get 404.
  void serve(const QByteArray& target, const QByteArray& body, const Headers& headers = {});
  void set_behaviour(const QByteArray& target, const Behaviour& behaviour);

  int request_count(const QByteArray& target) const;
  // The Range header of each request for `target`, in order ("" when it had none).
  QList<QByteArray> ranges(const QByteArray& target) const;
  int total_requests() const { return total_requests_; }

 private:
  struct Resource {
    QByteArray body;
    Headers headers;
    Behaviour behaviour;
    int requests = 0;
    int misbehaved = 0;  // replies cut or stalled so far
    QList<QByteArray> ranges;
  };

  void on_connection();
  void on_data(QTcpSocket* socket);
  void respond(QTcpSocket* socket, const QByteArray& target, const QByteArray& range);

  QTcpServer server_;
  QHash<QByteArray, Resource> resources_;
  QHash<QTcpSocket*, QByteArray> pending_;  // bytes of a request not yet complete
  int total_requests_ = 0;
};

}  // namespace xun::test
