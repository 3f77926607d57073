#pragma once
// Per-run rendering of a step's config.

#include "definition.hpp"

namespace hookflow::engine::workflow {

/// The step's config with every templated field rendered against `roots`. Errors:
/// `invalid_argument` when a header-like field renders to text with a control character
/// (CR/LF would allow header injection), naming the field.
sdk::result<boost::json::object> render_config(const step& s, const template_::root_lookup& roots);

/// `config` with the step's secret fields replaced by "***", for run history.
boost::json::object redact(const step& s, boost::json::object config);

}  // namespace hookflow::engine::workflow
