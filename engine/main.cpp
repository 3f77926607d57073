// The `hookflow` executable: a thin shell over the engine library.
#include "cli/app.hpp"

int main(int argc, char** argv) {
  return hookflow::engine::cli::run(argc, argv);
}
