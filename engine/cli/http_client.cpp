#include "http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>

namespace hookflow::engine::cli {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

http_response http_request(const std::string& base_url, const std::string& method, const std::string& target,
                           const std::string& body, const std::map<std::string, std::string>& headers,
                           std::chrono::milliseconds timeout) {
  static constexpr std::string_view scheme = "http://";
  if (!base_url.starts_with(scheme)) throw http_error("only http:// URLs are supported: " + base_url);
  std::string authority = base_url.substr(scheme.size());
  if (auto slash = authority.find('/'); slash != std::string::npos) authority.resize(slash);
  auto colon = authority.rfind(':');
  std::string host = colon == std::string::npos ? authority : authority.substr(0, colon);
  std::string port = colon == std::string::npos ? "80" : authority.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  try {
    asio::io_context io;
    tcp::resolver resolver(io);
    beast::tcp_stream stream(io);
    stream.expires_after(timeout);
    stream.connect(resolver.resolve(host, port));
    http::request<http::string_body> req(http::string_to_verb(method), target, 11);
    req.set(http::field::host, authority);
    req.set(http::field::user_agent, "hookflow-cli");
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty() || method == "POST" || method == "PUT") {
      req.body() = body;
      if (req[http::field::content_type].empty()) req.set(http::field::content_type, "application/json");
      req.prepare_payload();
    }
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(1024ull * 1024 * 1024);
    http::read(stream, buffer, parser);
    auto& res = parser.get();
    http_response out{static_cast<int>(res.result_int()), std::move(res.body()), {}};
    for (const auto& f : res) {
      std::string name(f.name_string());
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      out.headers[name] = std::string(f.value());
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return out;
  } catch (const boost::system::system_error& e) {
    throw http_error("cannot reach " + base_url + ": " + e.code().message());
  }
}

}  // namespace hookflow::engine::cli
