// libFuzzer target: arbitrary bytes -> request head + body -> $request. The result must
// always serialize to JSON that parses back (valid UTF-8), and nothing may crash.
#include "request_builder.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace hookflow::triggers::webhook;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // Layout: target '\n' content-type '\n' header-name '\n' header-value '\n' body
  std::string_view parts[4];
  for (auto& part : parts) {
    std::size_t nl = input.find('\n');
    part = input.substr(0, nl);
    input = nl == std::string_view::npos ? std::string_view{} : input.substr(nl + 1);
  }
  request_head head{"POST",
                    std::string(parts[0]),
                    {{"Content-Type", std::string(parts[1])}, {std::string(parts[2]), std::string(parts[3])}},
                    "127.0.0.1"};
  auto r = build_request(head, input);
  if (r.ok()) {
    boost::json::error_code ec;
    boost::json::parse(boost::json::serialize(r.value()), ec);
    if (ec) std::abort();
  }
  return 0;
}
