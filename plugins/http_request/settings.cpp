#include "settings.hpp"

namespace hookflow::plugins::http_request {

client_settings read_settings(const boost::json::object& settings) {
  client_settings s;
  s.max_response_bytes = static_cast<std::uint64_t>(settings.at("max_response_bytes").as_int64());
  s.allow_private_networks = settings.at("allow_private_networks").as_bool();
  s.ca_file = std::string(settings.at("ca_file").as_string());
  return s;
}

}  // namespace hookflow::plugins::http_request
