#pragma once
// A transport-neutral view of an HTTP request, so that routing, auth and `$request` building
// are testable without sockets and without Beast in their translation units.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hookflow::triggers::webhook {

struct request_head {
  std::string method;                                        // as sent, e.g. "POST"
  std::string target;                                        // origin-form as sent: path plus optional "?query"
  std::vector<std::pair<std::string, std::string>> headers;  // names as sent, in order
  std::string peer_address;                                  // textual IP of the client, e.g. "127.0.0.1" or "::1"

  /// Case-insensitive lookup; repeated fields are joined with ", " (RFC 9110 §5.3).
  std::optional<std::string> header(std::string_view name) const;
  std::string_view path() const;
  std::string_view query() const;  // without '?'; empty when absent
};

}  // namespace hookflow::triggers::webhook
