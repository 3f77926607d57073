#include "engine/telemetry/metrics.hpp"

#include <gtest/gtest.h>

namespace {

using hookflow::engine::telemetry::metrics;

TEST(Metrics, RendersCountersAndHistogramsInPrometheusTextFormat) {
  metrics m;
  m.count("runs_total", {{"state", "succeeded"}});
  m.count("runs_total", {{"state", "succeeded"}}, 2);
  m.observe("step_duration_seconds", {{"action", "log"}}, 0.003);
  auto text = m.render();
  EXPECT_NE(text.find("# TYPE hookflow_runs_total counter\n"), std::string::npos) << text;
  EXPECT_NE(text.find("hookflow_runs_total{state=\"succeeded\"} 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("hookflow_step_duration_seconds_bucket{action=\"log\",le=\"0.0025\"} 0"), std::string::npos)
      << text;
  EXPECT_NE(text.find("hookflow_step_duration_seconds_bucket{action=\"log\",le=\"+Inf\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("hookflow_step_duration_seconds_count{action=\"log\"} 1\n"), std::string::npos);
}

TEST(Metrics, EscapesLabelValues) {
  metrics m;
  m.count("x", {{"v", "a\"b\\c\nd"}});
  EXPECT_NE(m.render().find(R"(hookflow_x{v="a\"b\\c\nd"} 1)"), std::string::npos) << m.render();
}

}  // namespace
