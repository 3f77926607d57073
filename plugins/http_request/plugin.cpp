// The `http_request` plugin: registers the `http.request` action (logic in http_request_lib).
#include "http_request_action.hpp"
#include "schema.hpp"

#include <hookflow/sdk/plugin.hpp>

namespace {

namespace http_request = hookflow::plugins::http_request;

void register_http_request(hookflow::sdk::registrar& r) {
  r.plugin_settings(http_request::plugin_settings_schema());
  r.add_action({"http.request",
                "Calls an http:// or https:// URL; output {\"status\", \"headers\", \"body\"} (JSON bodies parsed); "
                "5xx, 429, timeouts and network errors are retried",
                http_request::action_fields(), &http_request::create_http_request_action});
}

}  // namespace

HOOKFLOW_PLUGIN("http_request", "1.0.0", "Calls HTTP and HTTPS URLs (Boost.Beast, verified TLS)", "Apache-2.0",
                "https://github.com/hookflow/hookflow", register_http_request)
