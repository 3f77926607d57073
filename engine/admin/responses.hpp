#pragma once
// Small helpers shared by the admin API handlers.

#include "api.hpp"

#include "../store/store.hpp"

#include <hookflow/sdk/config.hpp>
#include <hookflow/sdk/status.hpp>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <vector>

namespace hookflow::engine::admin {

inline api_response json_response(int status, const boost::json::value& body) {
  api_response r;
  r.status = status;
  r.body = boost::json::serialize(body);
  r.body += '\n';
  return r;
}

inline api_response error_response(int status, std::string message) {
  return json_response(status, boost::json::object{{"error", std::move(message)}});
}

inline api_response validation_response(const std::vector<hookflow::sdk::config_error>& errors) {
  boost::json::array list;
  for (const auto& e : errors) list.push_back(boost::json::object{{"path", e.path}, {"message", e.message}});
  return json_response(400, boost::json::object{{"error", "invalid workflow definition"}, {"errors", std::move(list)}});
}

/// The HTTP status that fits an SDK status code.
int http_status(hookflow::sdk::status_code code);

inline api_response status_response(const hookflow::sdk::status& st) {
  return error_response(http_status(st.code()), st.message());
}

/// A run as the API shows it; with `details`, its trigger data and steps too.
boost::json::object run_json(const store::run_record& run, bool details);

}  // namespace hookflow::engine::admin
