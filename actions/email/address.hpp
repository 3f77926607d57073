#pragma once
// Mail addresses as users write them ("Ada <ada@example.com>" or "ada@example.com"), checked
// strictly enough that nothing reaches an SMTP command or a header unless it is one address.

#include <hookflow/sdk/status.hpp>

#include <string>
#include <string_view>

namespace hookflow::actions::email {

struct mailbox {
  std::string display_name;  // UTF-8, may be empty
  std::string address;       // local@domain, ASCII only
};

/// True if `text` holds a C0 control character or DEL (CR and LF included).
bool has_control_character(std::string_view text) noexcept;

/// True if `text` is all 7-bit ASCII.
bool is_ascii(std::string_view text) noexcept;

/// Parses one mailbox. Errors (`invalid_argument`, naming `field`): control characters, no
/// address, an address that is not local@domain with an ASCII dot-atom local part and a host
/// name domain.
sdk::result<mailbox> parse_mailbox(std::string_view text, std::string_view field);

/// Header form: `addr`, `Ada <addr>`, `"Lovelace, Ada" <addr>`, or an RFC 2047 encoded word for
/// a non-ASCII name.
std::string format_mailbox(const mailbox& box);

}  // namespace hookflow::actions::email
