#pragma once
// The `http.request` action: calls a URL and returns the response as the step's output.
// Threads: execute is reentrant (each call has its own connection); the action is immutable
// after creation.

#include "client.hpp"

#include <hookflow/sdk/action.hpp>
#include <hookflow/sdk/registrar.hpp>

#include <memory>

namespace hookflow::plugins::http_request {

class http_request_action final : public sdk::action {
 public:
  explicit http_request_action(http_client client) : client_(std::move(client)) {}

  /// Output: see to_output(). Errors: read_call's (bad config), the client's (network, TLS,
  /// size, policy), check_status's (unexpected status). The call gives up at timeout_ms or at
  /// the step's deadline, whichever comes first.
  sdk::result<boost::json::value> execute(const boost::json::object& config,
                                          const sdk::execution_context& ctx) override;

 private:
  http_client client_;
};

/// The action factory. Errors: invalid_argument when `ca_file` cannot be used.
sdk::result<std::unique_ptr<sdk::action>> create_http_request_action(const sdk::component_context& ctx);

}  // namespace hookflow::plugins::http_request
