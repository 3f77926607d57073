#include "address.hpp"

#include <Poco/Net/MailMessage.h>

#include <algorithm>

namespace hookflow::actions::email {
namespace {

constexpr std::size_t max_address_length = 254;
constexpr std::size_t max_name_length = 256;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// RFC 5322 atext: what a dot-atom (and an unquoted display-name word) may contain.
bool is_atext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool is_dot_atom(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.' || s.find("..") != std::string_view::npos) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c == '.' || is_atext(c); });
}

bool is_host_name(std::string_view s) {
  if (s.empty() || s.size() > 253 || s.find('.') == std::string_view::npos) return false;
  while (!s.empty()) {
    auto dot = s.find('.');
    auto label = s.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    bool ok = std::all_of(label.begin(), label.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (!ok) return false;
    s = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
  }
  return true;
}

sdk::status check_address(std::string_view addr, std::string_view field) {
  auto at = addr.rfind('@');
  bool ok = addr.size() <= max_address_length && at != std::string_view::npos && at <= 64 &&
            is_dot_atom(addr.substr(0, at)) &&
            (is_host_name(addr.substr(at + 1)) || addr.substr(at + 1) == "localhost");
  if (ok) return {};
  return sdk::invalid_argument(std::string(field) + ": \"" + std::string(addr.substr(0, 300)) +
                               "\" is not a valid mail address (expected local@domain, ASCII only)");
}

// Removes the quotes (and backslash escapes) of a quoted display name.
std::string unquote(std::string_view name) {
  if (name.size() < 2 || name.front() != '"' || name.back() != '"') return std::string(name);
  std::string out;
  for (std::size_t i = 1; i + 1 < name.size(); ++i) {
    if (name[i] == '\\' && i + 2 < name.size()) ++i;
    out += name[i];
  }
  return out;
}

}  // namespace

bool has_control_character(std::string_view text) noexcept {
  return std::any_of(text.begin(), text.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

bool is_ascii(std::string_view text) noexcept {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

sdk::result<mailbox> parse_mailbox(std::string_view text, std::string_view field) {
  if (has_control_character(text))
    return sdk::invalid_argument(std::string(field) +
                                 ": line breaks and control characters are not allowed in an address");
  text = trim(text);
  mailbox box;
  auto open = text.rfind('<');
  if (!text.empty() && text.back() == '>' && open != std::string_view::npos) {
    box.display_name = unquote(trim(text.substr(0, open)));
    box.address = std::string(trim(text.substr(open + 1, text.size() - open - 2)));
  } else {
    box.address = std::string(text);
  }
  if (box.address.empty()) return sdk::invalid_argument(std::string(field) + ": the address is empty");
  if (box.display_name.size() > max_name_length)
    return sdk::invalid_argument(std::string(field) + ": the display name is longer than 256 bytes");
  if (auto st = check_address(box.address, field); !st.ok()) return st;
  return box;
}

std::string format_mailbox(const mailbox& box) {
  if (box.display_name.empty()) return box.address;
  const auto& name = box.display_name;
  if (!is_ascii(name)) return Poco::Net::MailMessage::encodeWord(name, "UTF-8") + " <" + box.address + ">";
  bool plain = std::all_of(name.begin(), name.end(), [](char c) { return c == ' ' || is_atext(c); });
  if (plain) return name + " <" + box.address + ">";
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\" <" + box.address + ">";
}

}  // namespace hookflow::actions::email
