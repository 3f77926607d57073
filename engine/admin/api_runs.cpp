// /api/v1/runs[/{id}[/retry]]
#include "api.hpp"
#include "responses.hpp"

#include "../host/engine.hpp"

#include <charconv>
#include <future>

namespace hookflow::engine::admin {
namespace json = boost::json;
namespace sdk = hookflow::sdk;

json::object run_json(const store::run_record& run, bool details) {
  json::object o{{"id", run.id},
                 {"workflow", run.workflow_id},
                 {"status", sdk::to_string(run.state)},
                 {"created_at", run.created_at_ms},
                 {"started_at", run.started_at_ms},
                 {"finished_at", run.finished_at_ms}};
  if (!run.error.empty()) o["error"] = run.error;
  if (!run.retry_of.empty()) o["retry_of"] = run.retry_of;
  if (!details) return o;
  o["trigger_data"] = run.trigger_data;
  json::array steps;
  for (const auto& s : run.steps)
    steps.push_back(json::object{{"id", s.step_id},
                                 {"status", sdk::to_string(s.state)},
                                 {"attempts", s.attempts},
                                 {"config", s.rendered_config},
                                 {"output", s.output},
                                 {"error", s.error},
                                 {"started_at", s.started_at_ms},
                                 {"finished_at", s.finished_at_ms}});
  o["steps"] = std::move(steps);
  return o;
}

namespace {

std::optional<sdk::run_state> parse_state(const std::string& s, bool& ok) {
  ok = true;
  if (s.empty()) return std::nullopt;
  for (auto st : {sdk::run_state::queued, sdk::run_state::running, sdk::run_state::succeeded, sdk::run_state::failed})
    if (s == sdk::to_string(st)) return st;
  ok = false;
  return std::nullopt;
}

}  // namespace

api_response api::runs(const api_request& r, const std::string& id, const std::string& rest) {
  if (id.empty()) {
    if (r.method != "GET") return error_response(405, "use GET");
    store::run_query q;
    auto get = [&](const char* k) {
      auto it = r.query.find(k);
      return it == r.query.end() ? std::string() : it->second;
    };
    q.workflow_id = get("workflow");
    q.before = get("before");
    bool ok = true;
    q.state = parse_state(get("status"), ok);
    if (!ok) return error_response(400, "status must be queued, running, succeeded or failed");
    if (auto limit = get("limit"); !limit.empty()) {
      auto [end, ec] = std::from_chars(limit.data(), limit.data() + limit.size(), q.limit);
      if (ec != std::errc{} || end != limit.data() + limit.size() || q.limit < 1 || q.limit > 1000)
        return error_response(400, "limit must be an integer from 1 to 1000");
    }
    json::array list;
    auto found = engine_.storage().list_runs(q);
    for (const auto& run : found) list.push_back(run_json(run, false));
    json::object body{{"runs", std::move(list)}};
    if (static_cast<int>(found.size()) == q.limit) body["next_before"] = found.back().id;
    return json_response(200, body);
  }
  auto record = engine_.storage().get_run(id);
  if (!record.ok()) return status_response(record.error());
  if (rest.empty())
    return r.method == "GET" ? json_response(200, run_json(*record, true)) : error_response(405, "use GET");
  if (rest != "retry") return error_response(404, "no such route: " + r.path);
  if (r.method != "POST") return error_response(405, "use POST");
  std::promise<sdk::result<sdk::run_receipt>> done;
  engine_.runs().submit(
      {record->workflow_id, record->trigger_data, {}},
      [&done](sdk::result<sdk::run_receipt> x) { done.set_value(std::move(x)); }, record->id);
  auto receipt = done.get_future().get();
  if (!receipt.ok()) return status_response(receipt.error());
  return json_response(202, json::object{{"run_id", receipt->run_id}, {"retry_of", id}});
}

}  // namespace hookflow::engine::admin
