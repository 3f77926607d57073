// The `email` plugin: registers the `email.send` action (logic in email_lib).
#include "email_action.hpp"
#include "schema.hpp"

#include <hookflow/sdk/plugin.hpp>

namespace {

namespace email = hookflow::actions::email;

void register_email(hookflow::sdk::registrar& r) {
  r.plugin_settings(email::plugin_settings_schema());
  r.add_action({"email.send",
                "Sends an email over SMTP (plugins.email.smtp_url or HOOKFLOW_SMTP_URL), or writes it to "
                "<data_dir>/outbox as an .eml file when no server is configured; output {\"message_id\", "
                "\"accepted\", \"reply\" | \"file\"}",
                email::send_fields(), &email::create_email_action});
}

}  // namespace

HOOKFLOW_PLUGIN("email", "1.0.0", "Sends email over SMTP (STARTTLS, implicit TLS, AUTH) or into an outbox folder",
                "Apache-2.0", "https://github.com/hookflow/hookflow", register_email)
