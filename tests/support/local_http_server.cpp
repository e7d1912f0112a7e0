#include "local_http_server.h"

#include <QRegularExpression>
#include <algorithm>
#include <QTcpSocket>

namespace xun::test {
namespace {

QByteArray reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 206: return "Partial Content";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 416: return "Range Not Satisfiable";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

QByteArray status_line(int status) {
  return "HTTP/1.1 " + QByteArray::number(status) + " " + reason_phrase(status) + "\r\n";
}

QByteArray header_block(const LocalHttpServer::Headers& headers) {
  QByteArray block;
  for (const auto& [name, value] : headers) block += name + ": " + value + "\r\n";
  return block + "Connection: close\r\n\r\n";
}

// The first byte of "bytes=N-" or "bytes=N-M"; -1 when there is no usable Range.
qint64 range_start(const QByteArray& range) {
  static const QRegularExpression form(R"(^bytes=(\d+)-(\d*)$)");
  const QRegularExpressionMatch match = form.match(QString::fromLatin1(range.trimmed()));
  return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

}  // namespace

LocalHttpServer::LocalHttpServer(QObject* parent) : QObject(parent) {
  connect(&server_, &QTcpServer::newConnection, this, &LocalHttpServer::on_connection);
}

bool LocalHttpServer::listen() { return server_.listen(QHostAddress::LocalHost, 0); }

QUrl LocalHttpServer::base_url() const {
  return QUrl("http://127.0.0.1:" + QString::number(server_.serverPort()));
}

void LocalHttpServer::serve(const QByteArray& target, const QByteArray& body, const Headers& headers) {
  Resource& resource = resources_[target];
  resource.body = body;
  resource.headers = headers;
}

void LocalHttpServer::set_behaviour(const QByteArray& target, const Behaviour& behaviour) {
  resources_[target].behaviour = behaviour;
}

int LocalHttpServer::request_count(const QByteArray& target) const {
  return resources_.contains(target) ? resources_[target].requests : 0;
}

QList<QByteArray> LocalHttpServer::ranges(const QByteArray& target) const {
  return resources_.contains(target) ? resources_[target].ranges : QList<QByteArray>{};
}

void LocalHttpServer::on_connection() {
  while (QTcpSocket* socket = server_.nextPendingConnection()) {
    pending_.insert(socket, {});
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { on_data(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
      pending_.remove(socket);
      socket->deleteLater();
    });
  }
}

void LocalHttpServer::on_data(QTcpSocket* socket) {
  if (!pending_.contains(socket)) return;  // already answered: ignore anything more
  QByteArray& buffer = pending_[socket];
  buffer += socket->readAll();
  const qsizetype end = buffer.indexOf("\r\n\r\n");
  if (end < 0) return;
  const QList<QByteArray> lines = buffer.left(end).split('\n');
  pending_.remove(socket);
  const QList<QByteArray> request_line = lines.value(0).trimmed().split(' ');
  QByteArray range;
  for (qsizetype i = 1; i < lines.size(); ++i) {
    const qsizetype colon = lines[i].indexOf(':');
    if (colon > 0 && lines[i].left(colon).trimmed().toLower() == "range") range = lines[i].mid(colon + 1).trimmed();
  }
  ++total_requests_;
  respond(socket, QByteArray::fromPercentEncoding(request_line.value(1)), range);
}

void LocalHttpServer::respond(QTcpSocket* socket, const QByteArray& target, const QByteArray& range) {
  if (!resources_.contains(target)) {
    socket->write(status_line(404) + "Content-Length: 9\r\n" + header_block({}) + "not found");
    socket->disconnectFromHost();
    return;
  }
  Resource& resource = resources_[target];
  ++resource.requests;
  resource.ranges.append(range);
  const Behaviour& behaviour = resource.behaviour;
  if (behaviour.status != 0) {
    const QByteArray text = reason_phrase(behaviour.status);
    socket->write(status_line(behaviour.status) + "Content-Length: " + QByteArray::number(text.size()) + "\r\n" +
                  header_block(resource.headers) + text);
    socket->disconnectFromHost();
    return;
  }

  QByteArray file = resource.body;
  if (behaviour.corrupt && !file.isEmpty()) file[file.size() / 2] = char(file[file.size() / 2] ^ 0x5a);
  const qint64 size = file.size();
  qint64 start = behaviour.ignore_range ? -1 : range_start(range);
  QByteArray head;
  if (start >= size && size > 0) {
    socket->write(status_line(416) + "Content-Range: bytes */" + QByteArray::number(size) +
                  "\r\nContent-Length: 0\r\n" + header_block({}));
    socket->disconnectFromHost();
    return;
  }
  if (start > 0) {
    head = status_line(206) + "Content-Range: bytes " + QByteArray::number(start) + "-" +
           QByteArray::number(size - 1) + "/" + QByteArray::number(size) + "\r\n";
  } else {
    start = 0;
    head = status_line(200);
  }
  const QByteArray body = file.mid(start);
  head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
  const bool typed = std::any_of(resource.headers.begin(), resource.headers.end(),
                                 [](const auto& header) { return header.first.toLower() == "content-type"; });
  if (!typed) head += "Content-Type: application/octet-stream\r\n";
  head += header_block(resource.headers);

  const bool misbehave = behaviour.every_time || resource.misbehaved == 0;
  if (misbehave && behaviour.stall_after >= 0) {  // part of a reply, then silence until the client leaves
    ++resource.misbehaved;
    socket->write(head + body.left(behaviour.stall_after));
    return;
  }
  const bool cut = misbehave && behaviour.cut_after >= 0;
  if (cut) ++resource.misbehaved;
  socket->write(head + (cut ? body.left(behaviour.cut_after) : body));
  socket->disconnectFromHost();  // after the bytes written so far have gone out
}

}  // namespace xun::test
