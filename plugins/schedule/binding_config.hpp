#pragma once
// A workflow's schedule binding, read from its validated `trigger.config`.

#include "timing.hpp"

#include <hookflow/sdk/status.hpp>

#include <boost/json/object.hpp>

namespace hookflow::plugins::schedule {

struct binding_config {
  timing when;
  boost::json::object payload;
};

/// `config` has been validated against binding_fields(). Errors: invalid_argument with the
/// JSON path, e.g. "/trigger/config/cron: cron \"61 * * * *\": minute: 61 is out of range 0-59",
/// or when both or neither of `every` and `cron` are given.
sdk::result<binding_config> read_binding(const boost::json::object& config);

}  // namespace hookflow::plugins::schedule
