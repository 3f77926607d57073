// /api/v1/workflows[/{id}[/trigger[/{command}]]]
#include "api.hpp"
#include "responses.hpp"

#include "../host/engine.hpp"
#include "../workflow/definition.hpp"

#include <boost/json/parse.hpp>

namespace hookflow::engine::admin {
namespace json = boost::json;

namespace {

json::object summary(const host::workflow_entry& e) {
  return json::object{{"id", e.definition->id},
                      {"name", e.definition->name},
                      {"enabled", e.definition->enabled},
                      {"trigger", e.definition->trigger_type},
                      {"steps", e.definition->steps.size()},
                      {"source", e.origin == host::workflow_origin::file ? "file" : "api"}};
}

}  // namespace

// POST to the collection: creates, and refuses (409) an id that exists; PUT on the id replaces.
// Admin handlers run on one thread, so nothing is created between the lookup and the apply.
api_response api::create_workflow(const api_request& r) {
  boost::system::error_code ec;
  auto doc = json::parse(r.body, ec);
  if (!ec && doc.is_object()) {
    const auto* id = doc.as_object().if_contains("id");
    if (!id || !id->is_string()) return validation_response({{"/id", "required: a string naming the workflow"}});
    if (engine_.find_workflow(std::string(id->get_string())))
      return error_response(409, "a workflow with id \"" + std::string(id->get_string()) +
                                     "\" exists (PUT /api/v1/workflows/" + std::string(id->get_string()) +
                                     " replaces one created through the API)");
  }
  auto result = engine_.apply_workflow(r.body);  // a malformed body gets the parser's error here
  if (!result.errors.empty()) return validation_response(result.errors);
  if (!result.status.ok()) return status_response(result.status);
  const std::string created(doc.as_object().at("id").as_string());
  auto response = json_response(201, json::object{{"id", created}, {"created", true}});
  response.headers["Location"] = "/api/v1/workflows/" + created;
  return response;
}

api_response api::workflows(const api_request& r, const std::string& id, const std::string& rest) {
  if (id.empty()) {
    if (r.method == "POST") return create_workflow(r);
    if (r.method != "GET") return error_response(405, "use GET or POST");
    json::array list;
    for (const auto& e : engine_.workflows()) list.push_back(summary(e));
    return json_response(200, json::object{{"workflows", std::move(list)}});
  }
  if (!workflow::is_valid_id(id))
    return error_response(400, "invalid workflow id: use 1 to 128 characters of letters, digits, '_', '-', '.'");
  if (rest == "trigger" || rest.starts_with("trigger/")) return trigger_route(r, id, rest);
  if (!rest.empty()) return error_response(404, "no such route: " + r.path);
  if (r.method == "GET") {
    auto def = engine_.find_workflow(id);
    if (!def) return error_response(404, "no workflow with id \"" + id + "\"");
    return json_response(200, def->source);
  }
  if (r.method == "DELETE") {
    auto st = engine_.delete_workflow(id);
    return st.ok() ? json_response(200, json::object{{"deleted", id}}) : status_response(st);
  }
  if (r.method == "PUT") return put_workflow(r, id);
  return error_response(405, "use GET, PUT or DELETE");
}

// PUT on the id: creates or replaces; the body's id may be left out, and must match if present.
api_response api::put_workflow(const api_request& r, const std::string& id) {
  boost::system::error_code ec;
  auto doc = json::parse(r.body, ec);
  if (!ec && doc.is_object()) {
    auto& obj = doc.as_object();
    if (!obj.contains("id")) obj["id"] = id;
    if (!obj["id"].is_string() || obj["id"].get_string() != id)
      return validation_response({{"/id", "must match the id in the URL (\"" + id + "\")"}});
  }
  auto result = ec ? engine_.apply_workflow(r.body) : engine_.apply_workflow(json::serialize(doc));
  if (!result.errors.empty()) return validation_response(result.errors);
  if (!result.status.ok()) return status_response(result.status);
  return json_response(result.created ? 201 : 200, json::object{{"id", id}, {"created", result.created}});
}

// .../trigger (GET: the trigger's description) and .../trigger/{command} (POST: run it).
api_response api::trigger_route(const api_request& r, const std::string& id, const std::string& rest) {
  if (rest == "trigger") {
    if (r.method != "GET") return error_response(405, "use GET");
    auto d = engine_.describe_trigger(id);
    return d.ok() ? json_response(200, d.value()) : status_response(d.error());
  }
  if (r.method != "POST") return error_response(405, "use POST");
  auto command = rest.substr(8);
  json::object args;
  if (!r.body.empty()) {
    boost::system::error_code ec;
    auto v = json::parse(r.body, ec);
    if (ec || !v.is_object()) return error_response(400, "the body must be a JSON object of command arguments");
    args = v.get_object();
  }
  auto known = engine_.trigger_commands(id);
  if (!known.ok()) return status_response(known.error());
  bool found = false;
  json::array names;
  for (const auto& c : known.value()) {
    names.emplace_back(c.name);
    found = found || c.name == command;
  }
  if (!found)
    return json_response(404, json::object{{"error", "unknown command \"" + command + "\""}, {"commands", names}});
  auto result = engine_.trigger_command(id, command, args);
  return result.ok() ? json_response(200, result.value()) : status_response(result.error());
}

}  // namespace hookflow::engine::admin
