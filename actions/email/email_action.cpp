#include "email_action.hpp"

#include "compose.hpp"
#include "outbox.hpp"
#include "request.hpp"
#include "smtp_transport.hpp"

#include <hookflow/sdk/services.hpp>

#include <cstdlib>

namespace hookflow::actions::email {
namespace {

namespace json = boost::json;

sdk::result<std::unique_ptr<mail_transport>> make_transport(const email_settings& settings) {
  if (!settings.smtp) {
    try {
      return std::unique_ptr<mail_transport>(std::make_unique<outbox_transport>(settings.outbox_dir));
    } catch (const std::exception& e) {
      return sdk::unavailable(std::string("cannot create the email outbox: ") + e.what());
    }
  }
  try {
    return std::unique_ptr<mail_transport>(std::make_unique<smtp_transport>(settings));
  } catch (const Poco::Exception& e) {
    return sdk::invalid_argument("email: cannot set up TLS (ca_file \"" + settings.ca_file + "\"): " + e.displayText());
  } catch (const std::exception& e) {
    return sdk::invalid_argument(std::string("email: cannot set up TLS: ") + e.what());
  }
}

}  // namespace

email_action::email_action(email_settings settings, std::unique_ptr<mail_transport> transport)
    : settings_(std::move(settings)), transport_(std::move(transport)) {}

email_action::~email_action() = default;

sdk::result<json::value> email_action::execute(const json::object& config, const sdk::execution_context& ctx) {
  auto request = parse_request(config, settings_.default_from);
  if (!request) return request.error();
  composed_message message;
  try {
    auto now = ctx.services ? ctx.services->now() : std::chrono::system_clock::now();
    message = compose(request.value(), now);
  } catch (const std::exception& e) {
    return sdk::internal_error(std::string("cannot compose the message: ") + e.what());
  }
  if (message.data.size() > settings_.max_message_bytes)
    return sdk::invalid_argument("the message is " + std::to_string(message.data.size()) +
                                 " bytes, over the limit of " + std::to_string(settings_.max_message_bytes) +
                                 " (max_message_bytes)");
  auto delivered = transport_->deliver(message, ctx.deadline);
  if (!delivered) return delivered.error();
  return json::value(std::move(delivered).value());
}

sdk::result<std::unique_ptr<sdk::action>> create_email_action(const sdk::component_context& context) {
  auto settings = load_settings(context.settings, context.engine_data_dir, std::getenv("HOOKFLOW_SMTP_URL"));
  if (!settings) return settings.error();
  auto transport = make_transport(settings.value());
  if (!transport) return transport.error();
  if (context.services) {
    const auto& s = settings.value();
    context.services->log(sdk::log_level::info, "email: delivery mode",
                          s.smtp ? json::object{{"mode", "smtp"}, {"server", s.smtp->display()}}
                                 : json::object{{"mode", "outbox"}, {"dir", s.outbox_dir.string()}});
  }
  return std::unique_ptr<sdk::action>(
      std::make_unique<email_action>(std::move(settings).value(), std::move(transport).value()));
}

}  // namespace hookflow::actions::email
