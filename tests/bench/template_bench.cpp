// Template rendering: a 200-byte template with 5 variables, the seed's kind of context.
// Baseline: plain mstch::render of an equivalent template over a ready-made mstch context. A
// template of text and `$` variables, like this one, is joined by the engine without mstch.
// Report: renders/s and the ratio to baseline.
#include "engine/template/template.hpp"

#include <benchmark/benchmark.h>
#include <boost/json/parse.hpp>
#include <mstch/mstch.hpp>

namespace {

namespace json = boost::json;

const char* const templ =
    "Hello {{$request.header.name}}, a new note arrived: \"{{$request.body.title}}\" (id {{$request.body.id}}). "
    "Fruit of the day: {{$request.fruit}}. Workflow {{$workflow.name}} says thanks. See you soon!!";

const json::value context = json::parse(R"({
  "$request": {"method": "POST", "path": "/run/abc", "fruit": "apple", "query": {"fruit": "apple"},
               "header": {"name": "Ada", "content-type": "application/json", "user-agent": "curl/7.88"},
               "body": {"title": "Quarterly numbers", "id": 42, "tags": ["a", "b"], "text": "lorem ipsum dolor"}},
  "$workflow": {"id": "wf", "name": "Notes"}, "$run": {"id": "R"}, "$steps": {}})");

void BM_baseline_mstch(benchmark::State& state) {
  const std::string plain =
      "Hello {{{name}}}, a new note arrived: \"{{{title}}}\" (id {{{id}}}). Fruit of the day: {{{fruit}}}. "
      "Workflow {{{wf}}} says thanks. See you soon!!";
  mstch::map ctx{{"name", std::string("Ada")},
                 {"title", std::string("Quarterly numbers")},
                 {"id", 42},
                 {"fruit", std::string("apple")},
                 {"wf", std::string("Notes")}};
  for (auto _ : state) benchmark::DoNotOptimize(mstch::render(plain, ctx));
  state.SetItemsProcessed(state.iterations());
}

void BM_engine_render(benchmark::State& state) {
  auto t = hookflow::engine::template_::compiled_template::compile(templ).value();
  for (auto _ : state) benchmark::DoNotOptimize(t.render(context));
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_baseline_mstch);
BENCHMARK(BM_engine_render);

}  // namespace

BENCHMARK_MAIN();
