#include "tls.hpp"

#include "smtp_error.hpp"

#include <Poco/Net/IPAddress.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <openssl/x509v3.h>

namespace hookflow::actions::email {

Poco::Net::Context::Ptr make_client_context(const std::string& ca_file) {
  Poco::Net::Context::Params params;
  params.caLocation = ca_file;
  params.verificationMode = Poco::Net::Context::VERIFY_RELAXED;  // client: SSL_VERIFY_PEER
  params.verificationDepth = 9;
  params.loadDefaultCAs = true;
  Poco::Net::Context::Ptr ctx = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
  ctx->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
  // The host check is ours (verify_peer_host): Poco's own one is skipped after STARTTLS and
  // falls back to DNS lookups.
  ctx->enableExtendedCertificateVerification(false);
  return ctx;
}

void verify_peer_host(const Poco::Net::StreamSocket& socket, const std::string& host) {
  Poco::Net::SecureStreamSocket secure(socket);  // throws if the socket is not a TLS one
  auto cert = secure.peerCertificate();
  auto* x509 = const_cast<X509*>(cert.certificate());
  Poco::Net::IPAddress ip;
  // A wildcard counts only as a whole left-most label ("*.example.com"), not inside one
  // ("mail*.example.com"), as RFC 6125 6.4.3 recommends.
  int ok = Poco::Net::IPAddress::tryParse(host, ip)
               ? X509_check_ip_asc(x509, host.c_str(), 0)
               : X509_check_host(x509, host.data(), host.size(), X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, nullptr);
  if (ok != 1)
    throw smtp_error({sdk::status_code::failed_precondition,
                      "TLS with " + host + " refused: the server certificate (" + cert.subjectName() +
                          ") is not valid for the host name " + host,
                      false});
}

}  // namespace hookflow::actions::email
