#include "request_head.hpp"

#include "text.hpp"

namespace hookflow::triggers::webhook {

std::optional<std::string> request_head::header(std::string_view name) const {
  std::optional<std::string> out;
  for (const auto& [key, value] : headers) {
    if (!iequals(key, name)) continue;
    if (out)
      *out += ", " + value;
    else
      out = value;
  }
  return out;
}

std::string_view request_head::path() const {
  std::string_view t = target;
  return t.substr(0, t.find('?'));
}

std::string_view request_head::query() const {
  std::string_view t = target;
  std::size_t q = t.find('?');
  return q == std::string_view::npos ? std::string_view{} : t.substr(q + 1);
}

}  // namespace hookflow::triggers::webhook
