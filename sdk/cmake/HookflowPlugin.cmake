# hookflow_add_plugin(<name> SOURCES <files>... [LIBRARIES <targets>...])
#
# Builds a Hookflow plugin: a MODULE library named <name>.so with hidden visibility, no
# undefined symbols, and a version script that exports nothing but the `hookflow_plugin` entry.
# Bundled plugins land in HOOKFLOW_PLUGIN_OUTPUT_DIR when that variable is set.
set(_HOOKFLOW_PLUGIN_EXPORTS "${CMAKE_CURRENT_LIST_DIR}/plugin-exports.map")

function(hookflow_add_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "hookflow_add_plugin(${name}): SOURCES is required")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE hookflow::sdk ${ARG_LIBRARIES})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_link_options(${name} PRIVATE
    "LINKER:--no-undefined"
    "LINKER:--version-script=${_HOOKFLOW_PLUGIN_EXPORTS}")
  if(HOOKFLOW_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${HOOKFLOW_PLUGIN_OUTPUT_DIR}")
  endif()
endfunction()
