#include "target.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace hookflow::plugins::http_request {

sdk::result<target> parse_target(std::string_view url) {
  auto problem = [&](const std::string& what) {
    return sdk::invalid_argument("\"" + std::string(url) + "\": " + what);
  };
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return problem("not an absolute URL (" + parsed.error().message() + ")");
  const auto& u = *parsed;
  target t;
  if (u.scheme_id() == boost::urls::scheme::https)
    t.tls = true;
  else if (u.scheme_id() != boost::urls::scheme::http)
    return problem("only http:// and https:// URLs can be called");
  if (!u.has_authority() || u.encoded_host().empty()) return problem("no host");
  if (u.has_userinfo()) return problem("user info in the URL is not supported; send an Authorization header");

  switch (u.host_type()) {
    case boost::urls::host_type::ipv4:
      t.host = u.host_ipv4_address().to_string();
      t.host_is_ip = true;
      break;
    case boost::urls::host_type::ipv6:
      t.host = u.host_ipv6_address().to_string();
      t.host_is_ip = true;
      break;
    case boost::urls::host_type::name: t.host = u.host_name(); break;
    default: return problem("unsupported host form");
  }
  const std::string default_port = t.tls ? "443" : "80";
  if (u.has_port() && !u.port().empty()) {
    std::string digits(u.port());  // *DIGIT by the URL grammar, not empty here
    unsigned long number = digits.size() > 5 ? 0 : std::stoul(digits);
    if (number < 1 || number > 65535) return problem("port must be 1-65535");
    t.port = std::to_string(number);
  } else {
    t.port = default_port;
  }
  t.host_header = std::string(u.encoded_host());
  if (t.port != default_port) t.host_header += ":" + t.port;
  t.resource = std::string(u.encoded_target());
  if (t.resource.empty() || t.resource.front() != '/') t.resource.insert(0, "/");
  std::string path(u.encoded_path());
  t.display = (t.tls ? "https://" : "http://") + t.host_header + (path.empty() ? "/" : path);
  return t;
}

}  // namespace hookflow::plugins::http_request
