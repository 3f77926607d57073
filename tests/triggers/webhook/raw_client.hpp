#pragma once
// A blocking HTTP/1.1 client over a plain POSIX socket, so tests control every byte sent
// (partial headers, oversized fields, pipelining). A 10 s receive timeout only guards against
// a hung test; no test relies on it to pass.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cerrno>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace hookflow::triggers::webhook::testing {

struct http_response {
  int status = 0;
  std::map<std::string, std::string> headers;  // lowercase names
  std::string body;
  boost::json::value json() const { return boost::json::parse(body); }
};

class raw_client {
 public:
  explicit raw_client(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
      throw std::runtime_error("connect failed");
  }
  ~raw_client() { ::close(fd_); }
  raw_client(const raw_client&) = delete;
  raw_client& operator=(const raw_client&) = delete;

  void send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("send failed");
      sent += static_cast<std::size_t>(n);
    }
  }

  /// Reads one response (Content-Length framed; no body for a HEAD answer when `expect_body`
  /// is false); nullopt when the server closed first.
  std::optional<http_response> read_response(bool expect_body = true) {
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
      if (!fill()) return std::nullopt;
    http_response r;
    std::string head = buffer_.substr(0, end + 2);
    buffer_.erase(0, end + 4);
    r.status = std::stoi(head.substr(9, 3));
    for (std::size_t pos = head.find("\r\n") + 2; pos < head.size();) {
      std::size_t eol = head.find("\r\n", pos);
      std::string line = head.substr(pos, eol - pos);
      std::size_t colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      r.headers[name] = value;
      pos = eol + 2;
    }
    std::size_t length = r.headers.count("content-length") && expect_body ? std::stoul(r.headers["content-length"]) : 0;
    while (buffer_.size() < length)
      if (!fill()) return std::nullopt;
    r.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return r;
  }

  /// True when the server closed the connection (read returns 0 or reset).
  bool closed_by_server() { return !fill(); }

 private:
  // False when the server closed or reset the connection; throws when the guard timeout hits.
  bool fill() {
    char chunk[65536];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) throw std::runtime_error("recv timed out");
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  std::string buffer_;
};

/// One request per connection, "Connection: close".
inline http_response request(std::uint16_t port, const std::string& method, const std::string& target,
                             const std::string& body = "", const std::string& extra_headers = "",
                             const std::string& content_type = "application/json") {
  raw_client c(port);
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
  if (!body.empty()) req += "Content-Type: " + content_type + "\r\n";
  req += "Content-Length: " + std::to_string(body.size()) + "\r\n" + extra_headers + "\r\n" + body;
  c.send(req);
  auto r = c.read_response();
  if (!r) throw std::runtime_error("no response");
  return *r;
}

}  // namespace hookflow::triggers::webhook::testing
