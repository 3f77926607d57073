#include "admin_commands.hpp"

#include "http_client.hpp"

#include "../host/config.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace hookflow::engine::cli {
namespace json = boost::json;
namespace {

std::string first_line(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string url_encode(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out += static_cast<char>(c);
    else
      out += {'%', hex[c >> 4], hex[c & 15]};
  }
  return out;
}

struct reply {
  int exit_code = 0;
  json::value body;
};

// Calls the API; prints errors; exit_code 0 when the answer is 2xx.
reply call(const admin_options& o, const std::string& method, const std::string& target, const std::string& body = {}) {
  std::string url = o.url, token = o.token;
  if (url.empty())
    if (const char* e = std::getenv("HOOKFLOW_ADMIN_URL")) url = e;
  if (token.empty())
    if (const char* e = std::getenv("HOOKFLOW_ADMIN_TOKEN")) token = e;
  if (url.empty()) url = first_line(o.data_dir / "admin.url");
  if (token.empty()) token = first_line(o.data_dir / "admin.token");
  if (url.empty()) {
    std::cerr << "hookflow: no admin URL: is the engine running with data folder " << o.data_dir.string()
              << "? (or pass --url / set HOOKFLOW_ADMIN_URL)\n";
    return {3, {}};
  }
  http_response res;
  try {
    res = http_request(url, method, target, body, {{"Authorization", "Bearer " + token}});
  } catch (const http_error& e) {
    std::cerr << "hookflow: " << e.what() << "\n";
    return {3, {}};
  }
  boost::system::error_code ec;
  auto doc = json::parse(res.body, ec);
  if (res.status >= 200 && res.status < 300) return {0, ec ? json::value(res.body) : doc};
  std::string message =
      !ec && doc.is_object() && doc.as_object().contains("error") ? std::string(doc.at("error").as_string()) : res.body;
  std::cerr << "hookflow: " << message << " (HTTP " << res.status << ")\n";
  if (!ec && doc.is_object())
    if (auto* errors = doc.as_object().if_contains("errors"))
      for (const auto& e : errors->as_array())
        std::cerr << "  " << e.at("path").as_string().c_str() << ": " << e.at("message").as_string().c_str() << "\n";
  if (!ec && doc.is_object())
    if (auto* commands = doc.as_object().if_contains("commands"))
      std::cerr << "  known commands: " << json::serialize(*commands) << "\n";
  return {res.status == 401 ? 3 : 1, doc};
}

int print_json(const reply& r) {
  if (r.exit_code == 0) std::cout << json::serialize(r.body) << "\n";
  return r.exit_code;
}

std::string text(const json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_null()) return "";
  return json::serialize(v);
}

std::string when(const json::value& ms) {
  if (!ms.is_int64() || ms.get_int64() == 0) return "-";
  std::time_t t = ms.get_int64() / 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

// All of standard input, less one line end ("\n" or "\r\n") at its very end.
std::string read_standard_input_value() {
  std::string value{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  if (value.ends_with('\n')) {
    value.pop_back();
    if (value.ends_with('\r')) value.pop_back();
  }
  return value;
}

}  // namespace

int resolve_data_dir(admin_options& o) {
  if (!o.data_dir.empty()) return 0;
  if (o.config_file.empty()) {
    o.data_dir = "var";
    return 0;
  }
  try {
    o.data_dir = host::load_config_file(o.config_file).data_dir;
    return 0;
  } catch (const host::config_error& e) {
    std::cerr << "hookflow: invalid config " << e.what() << "\n";
    return 2;
  }
}

int workflows_list(const admin_options& o) {
  auto r = call(o, "GET", "/api/v1/workflows");
  if (o.json || r.exit_code) return print_json(r);
  std::printf("%-32s %-10s %-8s %-6s %s\n", "ID", "TRIGGER", "ENABLED", "STEPS", "NAME");
  for (const auto& w : r.body.at("workflows").as_array())
    std::printf("%-32s %-10s %-8s %-6s %s\n", text(w.at("id")).c_str(), text(w.at("trigger")).c_str(),
                text(w.at("enabled")).c_str(), text(w.at("steps")).c_str(), text(w.at("name")).c_str());
  return 0;
}

int workflows_show(const admin_options& o, const std::string& id) {
  return print_json(call(o, "GET", "/api/v1/workflows/" + url_encode(id)));
}

int workflows_apply(const admin_options& o, const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "hookflow: cannot read " << file.string() << "\n";
    return 2;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  boost::system::error_code ec;
  auto doc = json::parse(ss.str(), ec);
  if (ec || !doc.is_object() || !doc.as_object().contains("id") || !doc.at("id").is_string()) {
    std::cerr << "hookflow: " << file.string() << " is not a workflow definition with a string \"id\"\n";
    return 1;
  }
  auto id = std::string(doc.at("id").as_string());
  auto r = call(o, "PUT", "/api/v1/workflows/" + url_encode(id), ss.str());
  if (o.json || r.exit_code) return print_json(r);
  std::cout << (r.body.at("created").as_bool() ? "created" : "replaced") << " workflow " << id << "\n";
  return 0;
}

int workflows_delete(const admin_options& o, const std::string& id) {
  auto r = call(o, "DELETE", "/api/v1/workflows/" + url_encode(id));
  if (o.json || r.exit_code) return print_json(r);
  std::cout << "deleted workflow " << id << "\n";
  return 0;
}

int trigger(const admin_options& o, const std::string& id, const std::string& command,
            const std::vector<std::string>& args, const std::string& stdin_arg) {
  if (command.empty() && (!args.empty() || !stdin_arg.empty())) {
    std::cerr << "hookflow: --arg and --arg-stdin need a command (e.g. set-basic-auth)\n";
    return 2;
  }
  if (command.empty()) {
    auto r = call(o, "GET", "/api/v1/workflows/" + url_encode(id) + "/trigger");
    if (o.json || r.exit_code) return print_json(r);
    for (const auto& [k, v] : r.body.as_object()) std::cout << std::string(k) << ": " << text(v) << "\n";
    return 0;
  }
  json::object body;
  for (const auto& a : args) {
    auto eq = a.find('=');
    if (eq == std::string::npos) {
      std::cerr << "hookflow: --arg takes key=value, got \"" << a << "\"\n";
      return 2;
    }
    body[a.substr(0, eq)] = a.substr(eq + 1);
  }
  if (!stdin_arg.empty()) {
    if (body.contains(stdin_arg)) {
      std::cerr << "hookflow: \"" << stdin_arg << "\" is given by both --arg and --arg-stdin\n";
      return 2;
    }
    body[stdin_arg] = read_standard_input_value();
  }
  auto r =
      call(o, "POST", "/api/v1/workflows/" + url_encode(id) + "/trigger/" + url_encode(command), json::serialize(body));
  if (o.json || r.exit_code) return print_json(r);
  for (const auto& [k, v] : r.body.as_object()) std::cout << std::string(k) << ": " << text(v) << "\n";
  return 0;
}

int runs_list(const admin_options& o, const std::string& workflow, const std::string& status, int limit) {
  std::string target = "/api/v1/runs?limit=" + std::to_string(limit);
  if (!workflow.empty()) target += "&workflow=" + url_encode(workflow);
  if (!status.empty()) target += "&status=" + url_encode(status);
  auto r = call(o, "GET", target);
  if (o.json || r.exit_code) return print_json(r);
  std::printf("%-26s %-24s %-10s %-19s %s\n", "RUN", "WORKFLOW", "STATUS", "CREATED (UTC)", "ERROR");
  for (const auto& run : r.body.at("runs").as_array()) {
    auto* err = run.as_object().if_contains("error");
    std::printf("%-26s %-24s %-10s %-19s %s\n", text(run.at("id")).c_str(), text(run.at("workflow")).c_str(),
                text(run.at("status")).c_str(), when(run.at("created_at")).c_str(), err ? text(*err).c_str() : "");
  }
  return 0;
}

int runs_show(const admin_options& o, const std::string& run_id) {
  auto r = call(o, "GET", "/api/v1/runs/" + url_encode(run_id));
  if (o.json || r.exit_code) return print_json(r);
  const auto& run = r.body.as_object();
  std::cout << "run " << text(run.at("id")) << " of " << text(run.at("workflow")) << ": " << text(run.at("status"))
            << "\n  created " << when(run.at("created_at")) << ", finished " << when(run.at("finished_at")) << "\n";
  if (auto* e = run.if_contains("error")) std::cout << "  error: " << text(*e) << "\n";
  std::cout << "  request: " << json::serialize(run.at("trigger_data")) << "\n";
  for (const auto& s : run.at("steps").as_array()) {
    std::cout << "  step " << text(s.at("id")) << ": " << text(s.at("status")) << " after " << text(s.at("attempts"))
              << " attempt(s)\n    config: " << json::serialize(s.at("config"))
              << "\n    output: " << json::serialize(s.at("output")) << "\n";
    if (!s.at("error").as_string().empty()) std::cout << "    error: " << text(s.at("error")) << "\n";
  }
  return 0;
}

int runs_retry(const admin_options& o, const std::string& run_id) {
  auto r = call(o, "POST", "/api/v1/runs/" + url_encode(run_id) + "/retry");
  if (o.json || r.exit_code) return print_json(r);
  std::cout << "started run " << text(r.body.at("run_id")) << " (retry of " << run_id << ")\n";
  return 0;
}

}  // namespace hookflow::engine::cli
