#pragma once
// TLS for SMTP: the client context (certificate verification on, TLS 1.2 or later) and the
// host name check that Poco 1.11 leaves out after STARTTLS.

#include <Poco/Net/Context.h>
#include <Poco/Net/StreamSocket.h>

#include <string>

namespace hookflow::actions::email {

/// Verifies the server's chain against the system CAs plus `ca_file` (PEM, may be empty).
/// Throws Poco::Net::SSLException (or a Poco file error) when `ca_file` cannot be used.
/// Threads: the context is immutable once made and shared by all sessions.
Poco::Net::Context::Ptr make_client_context(const std::string& ca_file);

/// Throws smtp_error (failed_precondition, not retryable) unless `socket` is a TLS socket
/// whose peer certificate names `host` (DNS name or IP address, checked by OpenSSL).
void verify_peer_host(const Poco::Net::StreamSocket& socket, const std::string& host);

}  // namespace hookflow::actions::email
