#pragma once
// An answer's bytes on the wire: status line, headers, JSON body. Written into a buffer the
// connection keeps, so that once it has grown an answer allocates nothing more than its body
// (Beast's response allocates every field, and its serializer a buffer sequence per answer).
// Threads: reentrant. Errors: none.

#include "request_gate.hpp"

#include <string>

namespace hookflow::triggers::webhook {

struct wire_options {
  unsigned version = 11;   // the request's HTTP version: 10 is answered in 1.0, anything else 1.1
  bool keep_alive = true;  // whether the connection stays open after this answer
  bool head = false;       // answering HEAD: the Content-Length of the body, without the body
};

/// Replaces `out` with the response for `r`: `Content-Type: application/json`, r.headers (which
/// must not repeat Content-Type, Content-Length or Connection), `Connection` where the version
/// needs it to say what happens next ("close" in 1.1, "keep-alive" in 1.0; RFC 9112 9.3), and
/// `Content-Length`.
void write_response(std::string& out, const reply& r, const wire_options& o);

}  // namespace hookflow::triggers::webhook
