#include "response_wire.hpp"

#include <boost/beast/http/status.hpp>
#include <boost/json/serialize.hpp>

namespace hookflow::triggers::webhook {

void write_response(std::string& out, const reply& r, const wire_options& o) {
  namespace http = boost::beast::http;
  const std::string body = boost::json::serialize(r.body);
  const auto reason = http::obsolete_reason(http::int_to_status(r.status));
  out.clear();
  out.append(o.version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ")
      .append(std::to_string(r.status))
      .append(" ")
      .append(reason.data(), reason.size())
      .append("\r\nContent-Type: application/json\r\n");
  for (const auto& [name, value] : r.headers) out.append(name).append(": ").append(value).append("\r\n");
  if (o.version == 10 && o.keep_alive) out.append("Connection: keep-alive\r\n");
  if (o.version != 10 && !o.keep_alive) out.append("Connection: close\r\n");
  out.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n\r\n");
  if (!o.head) out.append(body);
}

}  // namespace hookflow::triggers::webhook
