#pragma once
// Decides what happens to one request, without any transport: route, method, client address,
// credentials, signature, `$request`. The HTTP session calls `check_head` once the headers are
// in (so unauthenticated or oversized requests are refused before their body is read), then
// `check_body` once the body is in.
// Threads: every method may be called from any thread concurrently.

#include "credentials.hpp"
#include "hook_table.hpp"
#include "request_head.hpp"

#include <hookflow/sdk/services.hpp>

#include <boost/json/object.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace hookflow::triggers::webhook {

/// An HTTP answer: status, JSON body, extra header fields.
struct reply {
  unsigned status = 200;
  boost::json::object body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string rejection;  // metric label `reason` for refusals; empty otherwise
};

reply make_reply(unsigned status, std::string_view error, std::string rejection);
reply not_found_reply();  // identical for unknown, reset and disabled hooks

struct head_verdict {
  /// The hook named by the path when it exists and is enabled, even when the request is
  /// refused (405, 403, 401: for metrics). Proceed only without a refusal.
  std::shared_ptr<const hook_entry> entry;
  std::optional<reply> refusal;
  /// Basic-auth credentials that still need the slow PBKDF2 check (`check_password`).
  std::optional<basic_credentials> password_to_check;
};

/// What to submit, and how to answer once submitted.
struct dispatch {
  sdk::run_request request;
  respond_mode respond = respond_mode::accepted;
  std::chrono::milliseconds respond_timeout{0};
};

class request_gate {
 public:
  /// `trusted_proxies`: see client_address.hpp.
  request_gate(const hook_table& table, password_checker& passwords, sdk::host_services& services,
               ip_filter trusted_proxies)
      : table_(table), passwords_(passwords), services_(services), trusted_proxies_(std::move(trusted_proxies)) {}

  head_verdict check_head(const request_head& head) const;
  /// Slow (PBKDF2); call it off the io threads. A failure yields the basic-auth 401.
  std::optional<reply> check_password(const hook_entry& entry, const basic_credentials& presented) const;
  std::variant<reply, dispatch> check_body(const hook_entry& entry, const request_head& head,
                                           std::string_view body) const;

 private:
  std::optional<reply> check_auth(const hook_entry& entry, const request_head& head, head_verdict& verdict) const;

  const hook_table& table_;
  password_checker& passwords_;
  sdk::host_services& services_;
  const ip_filter trusted_proxies_;
};

/// The hook id of a "/run/<id>" path (one optional trailing '/'); empty when the path is not one.
std::string hook_id_of(std::string_view path);

}  // namespace hookflow::triggers::webhook
