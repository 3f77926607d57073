#include "http_request_action.hpp"

#include "call.hpp"
#include "response.hpp"
#include "settings.hpp"

namespace hookflow::plugins::http_request {

sdk::result<boost::json::value> http_request_action::execute(const boost::json::object& config,
                                                             const sdk::execution_context& ctx) {
  auto call = read_call(config);
  if (!call) return call.error();
  auto deadline = std::chrono::steady_clock::now() + call->timeout;
  if (ctx.deadline != std::chrono::steady_clock::time_point{} && ctx.deadline < deadline) deadline = ctx.deadline;
  auto response = client_.perform(*call, deadline);
  if (!response) return response.error();
  if (auto st = check_status(*call, *response); !st) return st;
  return boost::json::value(to_output(*response));
}

sdk::result<std::unique_ptr<sdk::action>> create_http_request_action(const sdk::component_context& ctx) {
  auto client = http_client::create(read_settings(ctx.settings));
  if (!client) return client.error();
  return std::unique_ptr<sdk::action>(std::make_unique<http_request_action>(std::move(client).value()));
}

}  // namespace hookflow::plugins::http_request
